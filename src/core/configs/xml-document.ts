import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { KeyportError } from '../../shared/errors';
import type { Span } from './text-layout';

export interface XmlAttribute {
  name: string;
  /** Decoded value. */
  value: string;
  /** The raw value between the quotes. */
  valueSpan: Span;
}

/** An element located in the original text; every offset indexes that text. */
export interface XmlElement {
  name: string;
  /** `<` of the start tag. */
  start: number;
  /** Just past the end tag (or `/>`). */
  end: number;
  /** Just past the start tag's `>`. */
  openEnd: number;
  /** `<` of the end tag; equals `end` for a self-closing element. */
  closeStart: number;
  selfClosing: boolean;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /** Decoded, trimmed direct text (CDATA included), as Maven's and NuGet's readers see it. */
  text: string;
}

/** Characters XML 1.0 forbids anywhere; a file holding one is refused by Maven's reader. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

const parser = new XMLParser({
  preserveOrder: true,
  captureMetaData: true,
  ignoreAttributes: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});
const META = XMLParser.getMetaDataSymbol() as unknown as symbol;

type OrderedNode = Record<string, unknown> & {
  [key: symbol]: { startIndex?: number; endIndex?: number };
};

/**
 * Validates and locates: XMLValidator first because XMLParser accepts broken XML silently; the
 * parser then only supplies element boundaries. Errors name the line, never the content.
 */
export function parseXmlDocument(text: string, label: string): XmlElement {
  const invalid = (why: string): KeyportError =>
    new KeyportError('CONFIG_INVALID', `The existing ${label} ${why}; Keyport left it untouched.`);
  if (XML_FORBIDDEN.test(text))
    throw invalid('contains a control character that XML does not allow');
  const result = XMLValidator.validate(text);
  if (result !== true) {
    throw invalid(`is not well-formed XML (line ${result.err.line}, column ${result.err.col})`);
  }
  let nodes: OrderedNode[];
  try {
    nodes = parser.parse(text) as OrderedNode[];
  } catch {
    throw invalid('could not be read as XML');
  }
  const roots = nodes.flatMap((n) => toElements(text, n));
  const root = roots[0];
  if (!root || roots.length > 1) throw invalid('must have exactly one root element');
  return root;
}

function toElements(text: string, node: OrderedNode): XmlElement[] {
  const name = Object.keys(node).find((k) => k !== ':@' && !k.startsWith('#'));
  const meta = node[META];
  if (name === undefined || meta?.startIndex === undefined || meta.endIndex === undefined)
    return [];
  const start = meta.startIndex;
  const end = meta.endIndex;
  const openEnd = startTagEnd(text, start);
  const selfClosing = text[openEnd - 2] === '/';
  const children: XmlElement[] = [];
  const texts: string[] = [];
  for (const child of (node[name] as OrderedNode[] | undefined) ?? []) {
    if ('#text' in child) texts.push(String(child['#text']));
    else children.push(...toElements(text, child));
  }
  return [
    {
      name,
      start,
      end,
      openEnd,
      closeStart: selfClosing ? end : text.lastIndexOf('</', end - 1),
      selfClosing,
      attributes: scanAttributes(text, start, openEnd),
      children,
      text: texts.join('').trim(),
    },
  ];
}

/** The `>` closing a start tag; `>` may appear inside a quoted attribute value. */
function startTagEnd(text: string, start: number): number {
  let quote = '';
  for (let i = start + 1; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') return i + 1;
  }
  return text.length;
}

/** The validator has checked the tag, so a plain scan for `name = "value"` pairs is exact. */
function scanAttributes(text: string, start: number, openEnd: number): XmlAttribute[] {
  const tag = text.slice(start, openEnd);
  const re = /\s([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  const attributes: XmlAttribute[] = [];
  for (let m = re.exec(tag); m; m = re.exec(tag)) {
    const raw = m[2] ?? m[3] ?? '';
    const valueStart = start + m.index + m[0].length - 1 - raw.length;
    attributes.push({
      name: m[1]!,
      value: decodeXmlEntities(raw),
      valueSpan: { start: valueStart, end: valueStart + raw.length },
    });
  }
  return attributes;
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeXmlEntities(raw: string): string {
  return raw.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref.startsWith('#x') || ref.startsWith('#X'))
      return String.fromCodePoint(parseInt(ref.slice(2), 16));
    if (ref.startsWith('#')) return String.fromCodePoint(parseInt(ref.slice(1), 10));
    return NAMED_ENTITIES[ref] ?? whole;
  });
}

export function attribute(el: XmlElement, name: string): XmlAttribute | undefined {
  return el.attributes.find((a) => a.name === name);
}

/** Every element below `el` (depth first, document order). */
export function descendants(el: XmlElement): XmlElement[] {
  return el.children.flatMap((c) => [c, ...descendants(c)]);
}

/** Parses a config file and checks its root element is the one its client expects. */
export function parseXmlConfig(text: string, label: string, rootName: string): XmlElement {
  const root = parseXmlDocument(text, label);
  if (root.name !== rootName) {
    throw new KeyportError(
      'CONFIG_INVALID',
      `The existing ${label} has no <${rootName}> root element; Keyport left it untouched.`,
    );
  }
  return root;
}
