import {
  isAlias,
  isMap,
  isScalar,
  parseDocument,
  type Document,
  type Pair,
  type Scalar,
  type YAMLMap,
} from 'yaml';
import { KeyportError } from '../../shared/errors';
import { applySplices, type Span, type Splice } from './text-layout';

export { applySplices, type Splice };

/**
 * Surgical edits of a YAML file: the `yaml` package's Document API parses and gives the offsets
 * (comments, anchors, quoting and flow style stay as they are), and every change is a splice of
 * new text at those offsets. The document is never stringified.
 */

/** A block map's own line ending and indentation unit, for the lines an edit adds. */
export interface YamlLayout {
  eol: string;
  /** Indentation step of nested block maps (the file's own, else two spaces). */
  unit: number;
}

/** Parses a YAML file that must be one document holding a map (or nothing yet). */
export function parseYamlMap(text: string, fileName: string): Document.Parsed {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const problem = doc.errors[0];
  if (problem) {
    const line = text.slice(0, problem.pos[0]).split('\n').length;
    throw new KeyportError(
      'CONFIG_INVALID',
      `The existing ${fileName} is not valid YAML (line ${line}); Keyport left it untouched.`,
    );
  }
  // A `---` line alone (Bundler writes it when no setting is left) holds nothing yet.
  if (isScalar(doc.contents) && doc.contents.value === null && !doc.contents.source)
    doc.contents = null;
  if (doc.contents !== null && !isMap(doc.contents)) {
    throw new KeyportError(
      'CONFIG_INVALID',
      `The existing ${fileName} does not hold settings (key: value); Keyport left it untouched.`,
    );
  }
  return doc;
}

export function keyText(pair: Pair): string | undefined {
  return isScalar(pair.key) ? String(pair.key.value) : undefined;
}

export function findPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p) => keyText(p) === key);
}

/** A key or value as YAML reads it back as exactly this string (plain when safe, else quoted). */
export function yamlString(value: string): string {
  if (/^[A-Za-z0-9_][A-Za-z0-9_.~+/=-]*$/.test(value)) {
    const back = parseDocument(value).toJS() as unknown;
    if (back === value) return value;
  }
  return JSON.stringify(value);
}

/** The text for a scalar that replaces `old`, in old's quoting style where the value allows it. */
function replacementText(old: Scalar, leaf: Leaf): string {
  if (old.type === 'QUOTE_SINGLE') return `'${leaf.value.replace(/'/g, "''")}'`;
  if (old.type === 'QUOTE_DOUBLE') return JSON.stringify(leaf.value);
  return leaf.text;
}

function refuseAlias(name: string, fileName: string): never {
  throw new KeyportError(
    'CONFIG_INVALID',
    `In ${fileName}, ${name} is a YAML alias shared with other settings; Keyport left the file untouched.`,
  );
}

/** Column of a map's keys (block maps) from the first key's offset. */
function columnOf(text: string, offset: number): number {
  const lineStart = Math.max(
    text.lastIndexOf('\n', offset - 1),
    text.lastIndexOf('\r', offset - 1),
  );
  return offset - (lineStart + 1);
}

/** Offset of the end of the line holding the last non-blank character before `offset`. */
function endOfContentLine(text: string, offset: number): number {
  let pos = offset;
  while (pos > 0 && /[\s]/.test(text[pos - 1]!)) pos--;
  const next = text.slice(pos).search(/\r\n|\r|\n/);
  return next < 0 ? text.length : pos + next;
}

/** Nested keys then leaves, as block lines at `indent` or as one flow map. */
function renderBlock(
  path: string[],
  leaves: Array<[string, string]>,
  indent: number,
  unit: number,
): string[] {
  const pad = ' '.repeat(indent);
  if (path.length === 0) return leaves.map(([k, v]) => `${pad}${yamlString(k)}: ${v}`);
  const [head, ...rest] = path;
  return [`${pad}${yamlString(head!)}:`, ...renderBlock(rest, leaves, indent + unit, unit)];
}

function renderFlowPairs(path: string[], leaves: Array<[string, string]>): string {
  if (path.length === 0) return leaves.map(([k, v]) => `${yamlString(k)}: ${v}`).join(', ');
  const [head, ...rest] = path;
  return `${yamlString(head!)}: {${renderFlowPairs(rest, leaves)}}`;
}

/** Adds the missing `path` → leaves under `map` (block lines after its last item, or flow pairs). */
function insertInto(
  text: string,
  map: YAMLMap,
  path: string[],
  leaves: Array<[string, string]>,
  layout: YamlLayout,
): Splice {
  const [mapStart, mapEnd] = map.range!;
  if (map.flow) {
    const close = text.lastIndexOf('}', mapEnd - 1);
    let at = close;
    while (at > mapStart && /\s/.test(text[at - 1]!)) at--;
    const sep = map.items.length === 0 ? '' : text[at - 1] === ',' ? ' ' : ', ';
    return { start: at, end: at, text: sep + renderFlowPairs(path, leaves) };
  }
  const last = map.items.at(-1)!;
  const lastEnd =
    (last.value as { range?: number[] } | null)?.range?.[1] ?? (last.key as Scalar).range![1];
  const at = endOfContentLine(text, lastEnd);
  const lines = renderBlock(path, leaves, columnOf(text, mapStart), layout.unit);
  return { start: at, end: at, text: lines.map((l) => layout.eol + l).join('') };
}

/** One setting to hold: its value as a string, its YAML text when added, and what counts as equal. */
export interface Leaf {
  key: string;
  value: string;
  /** The YAML text for a new or plain value (e.g. `true`, or a quoted token). */
  text: string;
  same: (existing: string) => boolean;
}

/**
 * Splices that make `root[path…]` a map holding `leaves`: existing values that already read the
 * same stay as they are, others are replaced in place (in their quoting style), missing keys and
 * maps are added. Aliases on the way are refused: changing one would change every setting that
 * shares it. An anchor on a replaced value stays (the user chose to share that value).
 */
export function ensureLeaves(
  text: string,
  doc: Document.Parsed,
  path: string[],
  leaves: Leaf[],
  layout: YamlLayout,
  fileName: string,
): Splice[] {
  const pairs = (entries: Leaf[]): Array<[string, string]> => entries.map((l) => [l.key, l.text]);
  if (doc.contents === null) {
    // An empty file, or comments only: new block lines at the end.
    const lines = renderBlock(path, pairs(leaves), 0, layout.unit);
    const sep = text === '' || /[\r\n]$/.test(text) ? '' : layout.eol;
    return [
      { start: text.length, end: text.length, text: sep + lines.join(layout.eol) + layout.eol },
    ];
  }
  let map = doc.contents as YAMLMap;
  for (let i = 0; i < path.length; i++) {
    const name = path.slice(0, i + 1).join('.');
    const pair = findPair(map, path[i]!);
    if (!pair) return [insertInto(text, map, path.slice(i), pairs(leaves), layout)];
    if (isAlias(pair.value)) refuseAlias(name, fileName);
    if (isMap(pair.value)) {
      map = pair.value;
      continue;
    }
    const value = pair.value as Scalar | null;
    if (value !== null && (!isScalar(value) || value.value !== null)) {
      throw new KeyportError(
        'CONFIG_INVALID',
        `In ${fileName}, ${name} is not a map of settings; Keyport left the file untouched.`,
      );
    }
    const flow = `{${renderFlowPairs(path.slice(i + 1), pairs(leaves))}}`;
    if (value?.source || map.flow) {
      // An explicit `~`/`null`, or an empty value in a flow map: a flow map takes its place.
      const at = value?.range ?? [
        (pair.key as Scalar).range![1] + 1,
        (pair.key as Scalar).range![1] + 1,
      ];
      return [{ start: at[0]!, end: at[1]!, text: value?.source ? flow : ` ${flow}` }];
    }
    // `key:` with nothing after it: the new map goes on the lines below, one step deeper.
    const keyRange = (pair.key as Scalar).range!;
    const at = endOfContentLine(text, keyRange[1] + 1);
    const lines = renderBlock(
      path.slice(i + 1),
      pairs(leaves),
      columnOf(text, keyRange[0]) + layout.unit,
      layout.unit,
    );
    return [{ start: at, end: at, text: lines.map((l) => layout.eol + l).join('') }];
  }
  const splices: Splice[] = [];
  const missing: Leaf[] = [];
  for (const leaf of leaves) {
    const pair = findPair(map, leaf.key);
    if (!pair) {
      missing.push(leaf);
      continue;
    }
    const name = [...path, leaf.key].join('.');
    if (isAlias(pair.value)) refuseAlias(name, fileName);
    const old = pair.value as Scalar | null;
    if (old && !isScalar(old)) {
      throw new KeyportError(
        'CONFIG_INVALID',
        `In ${fileName}, ${name} is not a single value; Keyport left the file untouched.`,
      );
    }
    if (old?.source) {
      if (leaf.same(String(old.value))) continue;
      splices.push({ start: old.range![0], end: old.range![1], text: replacementText(old, leaf) });
    } else {
      const at = old?.range?.[0] ?? (pair.key as Scalar).range![1] + 1;
      splices.push({ start: at, end: at, text: ` ${leaf.text}` });
    }
  }
  if (missing.length > 0) splices.push(insertInto(text, map, [], pairs(missing), layout));
  return splices;
}

/**
 * The span that removing `pair` from `map` cuts: its whole lines in a block map (comments on
 * its own lines above it stay), or the pair and one comma in a flow map.
 */
export function pairRemoval(text: string, map: YAMLMap, pair: Pair): Span {
  const index = map.items.indexOf(pair);
  const keyStart = (pair.key as Scalar).range![0];
  const valueEnd =
    (pair.value as { range?: number[] } | null)?.range?.[1] ?? (pair.key as Scalar).range![1] + 1;
  if (map.flow) {
    const next = map.items[index + 1];
    if (next) return { start: keyStart, end: (next.key as Scalar).range![0] };
    const previous = map.items[index - 1];
    if (!previous) return { start: keyStart, end: valueEnd };
    const prevEnd =
      (previous.value as { range?: number[] } | null)?.range?.[1] ??
      (previous.key as Scalar).range![1] + 1;
    return { start: prevEnd, end: valueEnd };
  }
  const lineStart = keyStart - columnOf(text, keyStart);
  const lineEnd = endOfContentLine(text, valueEnd);
  const next = /^(\r\n|\r|\n)/.exec(text.slice(lineEnd))?.[0].length ?? 0;
  return { start: lineStart, end: lineEnd + next };
}
