import { indentOf, removeSpans, type Span } from './text-layout';
import { escapeXml } from './value-guard';
import { declaredMaxCodePoint } from './xml-declaration';
import type { XmlElement } from './xml-document';

/**
 * The desired shape of one element: `match` picks the existing element it corresponds to (the
 * first match wins, as in Maven and NuGet), `text` / `attributes` / `children` are then made true
 * with the smallest splice, and a missing element is inserted whole.
 */
export interface XmlSpec {
  name: string;
  /** Replaces the name test when an element is found some other way (e.g. an encoded name). */
  match?: (el: XmlElement) => boolean;
  /**
   * Attributes that identify the element, compared case-insensitively as NuGet does, rendered on
   * insert and never rewritten (the user's spelling stays).
   */
  identity?: Array<[string, string]>;
  text?: string;
  /** Attributes to render and to keep equal (compared after decoding). */
  attributes?: Array<[string, string]>;
  children?: XmlSpec[];
  /** Remove the matched element (and its line) instead of ensuring it. */
  remove?: boolean;
}

interface Edit extends Span {
  replacement: string;
}

export interface XmlStyle {
  eol: string;
  /** One level of indentation as the file uses it. */
  unit: string;
  /** The highest character the declared encoding holds; values beyond go in as `&#N;`. */
  maxCodePoint: number;
}

/**
 * The file's own indentation step (the smallest indent before a tag; two spaces by default) and
 * what its declared encoding can hold.
 */
export function detectXmlStyle(text: string, eol: string): XmlStyle {
  let unit: string | undefined;
  for (const m of text.matchAll(/\n([ \t]+)</g)) {
    const indent = m[1]!;
    if (unit === undefined || indent.length < unit.length) unit = indent;
  }
  return { eol, unit: unit ?? '  ', maxCodePoint: declaredMaxCodePoint(text) };
}

/** Applies `specs` to the children of `parent` and returns the new text. */
export function reconcileXml(
  text: string,
  parent: XmlElement,
  specs: XmlSpec[],
  style: XmlStyle,
): string {
  const edits: Edit[] = [];
  collectEdits(text, parent, specs, style, edits);
  let out = text;
  // Edits never overlap; applying them from the end keeps every earlier offset valid.
  for (const e of edits.sort((a, b) => b.start - a.start)) {
    out = out.slice(0, e.start) + e.replacement + out.slice(e.end);
  }
  return out;
}

function matches(spec: XmlSpec, el: XmlElement): boolean {
  if (spec.match ? !spec.match(el) : el.name !== spec.name) return false;
  return (spec.identity ?? []).every(([name, value]) => {
    const attr = el.attributes.find((a) => a.name === name);
    return attr?.value.toLowerCase() === value.toLowerCase();
  });
}

function collectEdits(
  text: string,
  parent: XmlElement,
  specs: XmlSpec[],
  style: XmlStyle,
  edits: Edit[],
): void {
  const missing: XmlSpec[] = [];
  const removed = new Set<XmlElement>();
  for (const spec of specs) {
    if (spec.remove) {
      for (const el of parent.children.filter((c) => matches(spec, c))) {
        removed.add(el);
        edits.push(removal(text, el));
      }
      continue;
    }
    const el = parent.children.find((c) => matches(spec, c));
    if (!el) {
      missing.push(spec);
      continue;
    }
    if (spec.text !== undefined && el.text !== spec.text)
      edits.push(setText(text, el, spec.text, style));
    for (const [name, value] of spec.attributes ?? []) {
      const attr = el.attributes.find((a) => a.name === name);
      if (attr && attr.value !== value) {
        edits.push({ ...attr.valueSpan, replacement: escapeXml(value, style.maxCodePoint) });
      } else if (!attr) {
        const at = el.openEnd - (el.selfClosing ? 2 : 1);
        const before = /\s*$/.exec(text.slice(el.start, at))![0].length;
        edits.push({
          start: at - before,
          end: at - before,
          replacement: ` ${name}="${escapeXml(value, style.maxCodePoint)}"`,
        });
      }
    }
    if (spec.children) collectEdits(text, el, spec.children, style, edits);
  }
  // Insert after the last child that stays, so the insertion never falls inside a removal.
  const kept = parent.children.filter((c) => !removed.has(c));
  if (missing.length > 0) edits.push(insertion(text, parent, kept, missing, style));
}

function render(spec: XmlSpec, style: XmlStyle): string[] {
  const escape = (v: string) => escapeXml(v, style.maxCodePoint);
  const attrs = [...(spec.identity ?? []), ...(spec.attributes ?? [])]
    .map(([n, v]) => ` ${n}="${escape(v)}"`)
    .join('');
  const children = spec.children?.filter((c) => !c.remove) ?? [];
  if (children.length > 0) {
    const inner = children.flatMap((c) => render(c, style)).map((l) => style.unit + l);
    return [`<${spec.name}${attrs}>`, ...inner, `</${spec.name}>`];
  }
  if (spec.text !== undefined) return [`<${spec.name}${attrs}>${escape(spec.text)}</${spec.name}>`];
  return [`<${spec.name}${attrs} />`];
}

function setText(text: string, el: XmlElement, value: string, style: XmlStyle): Edit {
  const escaped = escapeXml(value, style.maxCodePoint);
  if (el.selfClosing) {
    const open = text.slice(el.start, el.openEnd).replace(/\s*\/>$/, '>');
    return { start: el.start, end: el.end, replacement: `${open}${escaped}</${el.name}>` };
  }
  return { start: el.openEnd, end: el.closeStart, replacement: escaped };
}

/** Indentation of the line an offset sits on, or undefined if something precedes it there. */
function ownLineIndent(text: string, offset: number): string | undefined {
  const lineStart =
    Math.max(text.lastIndexOf('\n', offset - 1), text.lastIndexOf('\r', offset - 1)) + 1;
  const head = text.slice(lineStart, offset);
  return /^[ \t]*$/.test(head) ? head : undefined;
}

/** New children go after the last existing child, indented like it (or one level deeper). */
function insertion(
  text: string,
  parent: XmlElement,
  children: XmlElement[],
  specs: XmlSpec[],
  style: XmlStyle,
): Edit {
  const { eol, unit } = style;
  const parentLine =
    Math.max(text.lastIndexOf('\n', parent.start - 1), text.lastIndexOf('\r', parent.start - 1)) +
    1;
  const parentIndent =
    ownLineIndent(text, parent.start) ?? indentOf(text.slice(parentLine, parent.start));
  const last = children.at(-1);
  const first = parent.children[0];
  const childIndent = (first && ownLineIndent(text, first.start)) ?? parentIndent + unit;
  const block = specs
    .flatMap((s) => render(s, style))
    .map((l) => eol + childIndent + l)
    .join('');
  if (parent.selfClosing) {
    const open = text.slice(parent.start, parent.openEnd).replace(/\s*\/>$/, '>');
    return {
      start: parent.start,
      end: parent.end,
      replacement: `${open}${block}${eol}${parentIndent}</${parent.name}>`,
    };
  }
  const at = last ? last.end : parent.openEnd;
  // Keep the end tag on a line of its own when it shared the line with what came before.
  const closeOnSameLine = !text.slice(at, parent.closeStart).includes('\n');
  return { start: at, end: at, replacement: block + (closeOnSameLine ? eol + parentIndent : '') };
}

/** Removes an element, with its whole line when it stood alone on one. */
function removal(text: string, el: XmlElement): Edit {
  const lineStart = text.lastIndexOf('\n', el.start - 1) + 1;
  const after = /^[ \t]*(\r\n|\n|\r)?/.exec(text.slice(el.end))![0];
  if (
    /^[ \t]*$/.test(text.slice(lineStart, el.start)) &&
    after.length > 0 &&
    /[\r\n]$/.test(after)
  ) {
    return { start: lineStart, end: el.end + after.length, replacement: '' };
  }
  return { start: el.start, end: el.end, replacement: '' };
}

/**
 * Removes whole elements (each with its own line when it stood alone on one, so no blank line is
 * left behind); every other byte, the parents' tags included, stays.
 */
export function removeXmlElements(text: string, elements: XmlElement[]): string {
  return elements.length === 0
    ? text
    : removeSpans(
        text,
        elements.map((el) => removal(text, el)),
      );
}
