import { KeyportError } from '../../shared/errors';
import type { Span, Splice } from './text-layout';

/**
 * Surgical edits of a JSON file (Composer's auth.json): a strict RFC 8259 parser of our own gives
 * each value's offsets (no JSON library in the tree keeps them), and every change is a splice of
 * new text there, so indentation, key order and every other entry stay byte for byte.
 */

export type JsonNode = JsonObject | JsonArray | JsonScalar;

export interface JsonObject extends Span {
  kind: 'object';
  members: JsonMember[];
}

export interface JsonArray extends Span {
  kind: 'array';
  items: JsonNode[];
}

export interface JsonScalar extends Span {
  kind: 'string' | 'number' | 'literal';
  value: string | number | boolean | null;
}

export interface JsonMember {
  key: string;
  /** Offset of the key's opening quote. */
  keyStart: number;
  value: JsonNode;
}

/** Deep enough for any config; a deeper input (a fuzzer's) is refused rather than overflowing. */
const MAX_DEPTH = 64;

class JsonSyntaxError extends Error {
  constructor(readonly at: number) {
    super('invalid JSON');
  }
}

class Parser {
  private pos = 0;
  constructor(private readonly text: string) {}

  document(): JsonNode | null {
    this.space();
    if (this.pos === this.text.length) return null;
    const node = this.value(0);
    this.space();
    if (this.pos !== this.text.length) throw new JsonSyntaxError(this.pos);
    return node;
  }

  private space(): void {
    while (this.pos < this.text.length && ' \t\r\n'.includes(this.text[this.pos]!)) this.pos++;
  }

  private expect(ch: string): void {
    if (this.text[this.pos] !== ch) throw new JsonSyntaxError(this.pos);
    this.pos++;
  }

  private value(depth: number): JsonNode {
    if (depth > MAX_DEPTH) throw new JsonSyntaxError(this.pos);
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(depth);
    if (ch === '[') return this.array(depth);
    if (ch === '"') {
      const start = this.pos;
      const value = this.string();
      return { kind: 'string', start, end: this.pos, value };
    }
    const start = this.pos;
    const literal = /^(?:true|false|null)/.exec(this.text.slice(start, start + 5))?.[0];
    if (literal) {
      this.pos += literal.length;
      return {
        kind: 'literal',
        start,
        end: this.pos,
        value: JSON.parse(literal) as boolean | null,
      };
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(
      this.text.slice(start, start + 400),
    )?.[0];
    if (!number) throw new JsonSyntaxError(start);
    this.pos += number.length;
    return { kind: 'number', start, end: this.pos, value: Number(number) };
  }

  private string(): string {
    const start = this.pos;
    this.pos++;
    for (;;) {
      const ch = this.text[this.pos];
      if (ch === undefined || ch < ' ') throw new JsonSyntaxError(this.pos);
      if (ch === '"') break;
      if (ch === '\\') {
        const esc = this.text[this.pos + 1];
        if (esc === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6)))
            throw new JsonSyntaxError(this.pos);
          this.pos += 6;
          continue;
        }
        if (esc === undefined || !'"\\/bfnrt'.includes(esc)) throw new JsonSyntaxError(this.pos);
        this.pos += 2;
        continue;
      }
      this.pos++;
    }
    this.pos++;
    return JSON.parse(this.text.slice(start, this.pos)) as string;
  }

  private object(depth: number): JsonObject {
    const start = this.pos;
    this.pos++;
    const members: JsonMember[] = [];
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return { kind: 'object', start, end: this.pos, members };
    }
    for (;;) {
      this.space();
      if (this.text[this.pos] !== '"') throw new JsonSyntaxError(this.pos);
      const keyStart = this.pos;
      const key = this.string();
      this.space();
      this.expect(':');
      this.space();
      members.push({ key, keyStart, value: this.value(depth + 1) });
      this.space();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect('}');
      return { kind: 'object', start, end: this.pos, members };
    }
  }

  private array(depth: number): JsonArray {
    const start = this.pos;
    this.pos++;
    const items: JsonNode[] = [];
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return { kind: 'array', start, end: this.pos, items };
    }
    for (;;) {
      this.space();
      items.push(this.value(depth + 1));
      this.space();
      if (this.text[this.pos] === ',') {
        this.pos++;
        continue;
      }
      this.expect(']');
      return { kind: 'array', start, end: this.pos, items };
    }
  }
}

/** Parses a JSON file whose top level must be an object (or nothing yet: null). */
export function parseJsonObject(text: string, fileName: string): JsonObject | null {
  let root: JsonNode | null;
  try {
    root = new Parser(text).document();
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const line = text.slice(0, err.at).split('\n').length;
    throw new KeyportError(
      'CONFIG_INVALID',
      `The existing ${fileName} is not valid JSON (line ${line}); Keyport left it untouched.`,
    );
  }
  if (root !== null && root.kind !== 'object') {
    throw new KeyportError(
      'CONFIG_INVALID',
      `The existing ${fileName} does not hold a JSON object; Keyport left it untouched.`,
    );
  }
  return root;
}

/** The member named `key`, refusing a key given twice (readers disagree on which one counts). */
export function findMember(obj: JsonObject, key: string, fileName: string): JsonMember | undefined {
  const found = obj.members.filter((m) => m.key === key);
  if (found.length > 1) {
    throw new KeyportError(
      'CONFIG_INVALID',
      `The existing ${fileName} has the key "${key}" twice; Keyport left it untouched.`,
    );
  }
  return found[0];
}

/** A file's own layout, for the lines an edit adds. */
export interface JsonLayout {
  eol: string;
  /** One indentation step: the file's own (spaces or a tab), else Composer's four spaces. */
  unit: string;
}

export function jsonLayout(text: string, eol: string): JsonLayout {
  return { eol, unit: /^([ \t]+)"/m.exec(text)?.[1] ?? '    ' };
}

/** A value to add: a string, or an object of such values in the order given. */
export type NewValue = string | Array<[string, NewValue]>;

/** `value` as JSON text: one line (`compact`), or block lines whose closing brace is at `indent`. */
export function renderValue(
  value: NewValue,
  layout: JsonLayout,
  indent: string,
  compact: boolean,
): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (compact) {
    return `{${value.map(([k, v]) => `${JSON.stringify(k)}: ${renderValue(v, layout, '', true)}`).join(', ')}}`;
  }
  const inner = indent + layout.unit;
  const lines = value.map(
    ([k, v]) => `${inner}${JSON.stringify(k)}: ${renderValue(v, layout, inner, false)}`,
  );
  return `{${layout.eol}${lines.join(`,${layout.eol}`)}${layout.eol}${indent}}`;
}

/** Leading whitespace of the line holding `offset`. */
export function lineIndent(text: string, offset: number): string {
  const lineStart = Math.max(
    text.lastIndexOf('\n', offset - 1),
    text.lastIndexOf('\r', offset - 1),
  );
  return /^[ \t]*/.exec(text.slice(lineStart + 1))![0];
}

/**
 * The splice adding `members` after the last member of `obj`: each on a line of its own at the
 * indentation of the members before them, or inline when the object is written on one line; an
 * empty object opens into block lines (as Composer itself writes them).
 */
export function addMembers(
  text: string,
  obj: JsonObject,
  members: Array<[string, NewValue]>,
  layout: JsonLayout,
): Splice {
  const last = obj.members.at(-1);
  const render = (indent: string, compact: boolean): string[] =>
    members.map(([k, v]) => `${JSON.stringify(k)}: ${renderValue(v, layout, indent, compact)}`);
  if (last && !/[\r\n]/.test(text.slice(obj.start, obj.end))) {
    const at = last.value.end;
    return {
      start: at,
      end: at,
      text: render('', true)
        .map((m) => `, ${m}`)
        .join(''),
    };
  }
  if (last) {
    const indent = lineIndent(text, last.keyStart);
    const at = last.value.end;
    return {
      start: at,
      end: at,
      text: render(indent, false)
        .map((m) => `,${layout.eol}${indent}${m}`)
        .join(''),
    };
  }
  const outer = lineIndent(text, obj.start);
  const inner = outer + layout.unit;
  return {
    start: obj.start + 1,
    end: obj.end - 1,
    text: `${layout.eol}${render(inner, false)
      .map((m) => inner + m)
      .join(`,${layout.eol}`)}${layout.eol}${outer}`,
  };
}

/**
 * The span that removing `member` from `obj` cuts: the member and the comma that joined it to a
 * neighbour (so an added member's removal gives the text back), or the whole inside of the object
 * when it was the only one.
 */
export function memberRemoval(obj: JsonObject, member: JsonMember): Span {
  const i = obj.members.indexOf(member);
  const next = obj.members[i + 1];
  if (next) return { start: member.keyStart, end: next.keyStart };
  const previous = obj.members[i - 1];
  if (previous) return { start: previous.value.end, end: member.value.end };
  return { start: obj.start + 1, end: obj.end - 1 };
}
