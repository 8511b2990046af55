import { KeyportError } from '../../shared/errors';
import type { Span } from './text-layout';

/**
 * Java's `.properties` format as `java.util.Properties.load` reads it (Gradle reads
 * gradle.properties that way), with the offsets an editor needs to splice one entry:
 * - a natural line ends at LF, CR or CRLF; leading spaces, tabs and form feeds are skipped;
 * - a line whose first other character is `#` or `!` is a comment (only at the start of an entry:
 *   a continuation line starting with `#` is part of the value);
 * - an odd number of backslashes at the end of a line continues the entry on the next line, whose
 *   leading whitespace is dropped (a continuation at the end of the file simply ends it);
 * - the key ends at the first unescaped `=`, `:` or whitespace; whitespace, then one `=` or `:`,
 *   then whitespace separate it from the value; the value runs to the end of the entry, trailing
 *   spaces included;
 * - `\uXXXX`, `\t`, `\n`, `\r`, `\f` are escapes, a backslash before anything else stands for that
 *   character; a malformed `\u` makes Java refuse the whole file.
 */
export interface PropertyEntry {
  key: string;
  value: string;
  /** The key as written (escapes included). */
  keySpan: Span;
  /** The value as written, from its first character to the end of the entry's last line. */
  valueSpan: Span;
  /** Whole natural lines of the entry, the last line's break included. */
  lineSpan: Span;
  /**
   * The entry's last line ends in a continuation with no line after it (end of file): a line
   * appended right after it would become part of this value.
   */
  dangling: boolean;
}

const WHITESPACE = new Set([' ', '\t', '\f']);

/** A natural line: content [start, end), then its break up to `next`. */
interface NaturalLine {
  start: number;
  end: number;
  next: number;
}

function naturalLines(text: string): NaturalLine[] {
  const lines: NaturalLine[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({ start, end: m.index, next: m.index + m[0].length });
    start = m.index + m[0].length;
  }
  if (start < text.length) lines.push({ start, end: text.length, next: text.length });
  return lines;
}

/** Does the content end with an odd number of backslashes (a continuation)? */
function continues(text: string, line: NaturalLine): boolean {
  let n = 0;
  for (let i = line.end - 1; i >= line.start && text[i] === '\\'; i--) n++;
  return n % 2 === 1;
}

function skipWhitespace(text: string, from: number, to: number): number {
  let i = from;
  while (i < to && WHITESPACE.has(text[i]!)) i++;
  return i;
}

/**
 * The logical text of raw entry text (a key or a value as written, possibly across continued
 * lines), unescaped as Java does. `line` names the entry's first line in the error.
 */
export function unescapeProperty(raw: string, line = 1): string {
  // Joins continued lines first: backslash + line break + the next line's leading whitespace.
  let joined = '';
  const parts = raw.split(/(\r\n|\r|\n)/);
  for (let i = 0; i < parts.length; i += 2) {
    let part = parts[i]!;
    if (i > 0) part = part.slice(skipWhitespace(part, 0, part.length));
    if (i + 2 < parts.length) part = part.slice(0, -1);
    joined += part;
  }
  let out = '';
  for (let i = 0; i < joined.length; i++) {
    const c = joined[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const next = joined[++i];
    if (next === undefined) break;
    if (next === 'u') {
      const hex = joined.slice(i + 1, i + 5);
      if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
        throw new KeyportError(
          'CONFIG_INVALID',
          `gradle.properties has a malformed \\uXXXX escape (entry on line ${line}), which Java refuses to load; Keyport left it untouched.`,
        );
      }
      out += String.fromCharCode(parseInt(hex, 16));
      i += 4;
    } else {
      out += { t: '\t', n: '\n', r: '\r', f: '\f' }[next] ?? next;
    }
  }
  return out;
}

/** Every entry of the file, in order (a key set twice appears twice; Java keeps the last). */
export function parseProperties(text: string): PropertyEntry[] {
  const lines = naturalLines(text);
  const entries: PropertyEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const first = lines[i]!;
    const begin = skipWhitespace(text, first.start, first.end);
    if (begin === first.end) continue;
    if (text[begin] === '#' || text[begin] === '!') continue;
    if (begin === first.end - 1 && text[begin] === '\\') {
      // A lone continuation backslash leaves Java's line empty: the next line starts afresh (and
      // may be a comment). Only when the file ends right after its one-character line break (or
      // without one) does Java's reader return that empty line, as an entry "" = "".
      const tail = text.slice(first.end, first.next);
      if (first.next === text.length && tail.length <= 1) {
        const at = { start: begin, end: begin };
        entries.push({
          key: '',
          value: '',
          keySpan: at,
          valueSpan: at,
          lineSpan: { start: first.start, end: first.next },
          dangling: false,
        });
      }
      continue;
    }
    const lineNumber = i + 1;
    let last = first;
    while (continues(text, last) && i + 1 < lines.length) last = lines[++i]!;
    // The key: up to an unescaped separator (line breaks only follow a continuation backslash).
    let at = begin;
    let escaped = false;
    while (at < last.end) {
      const c = text[at]!;
      if (c === '\\' && !escaped && isLineBreakAfter(text, at + 1)) {
        // A continuation inside the key: the key goes on after the next line's indentation.
        at = skipWhitespace(text, skipBreak(text, at + 1), last.end);
        continue;
      }
      if (!escaped && (c === '=' || c === ':' || WHITESPACE.has(c))) break;
      escaped = c === '\\' ? !escaped : false;
      at++;
    }
    const keyEnd = at;
    let valueStart = keyEnd;
    let separator = false;
    while (valueStart < last.end) {
      const c = text[valueStart]!;
      if (WHITESPACE.has(c)) valueStart++;
      else if (!separator && (c === '=' || c === ':')) {
        separator = true;
        valueStart++;
      } else if (c === '\\' && isLineBreakAfter(text, valueStart + 1)) {
        // A continuation between the key and the value: Java skips it with the whitespace.
        valueStart = skipBreak(text, valueStart + 1);
      } else break;
    }
    entries.push({
      key: unescapeProperty(text.slice(begin, keyEnd), lineNumber),
      // A backslash continuing past the end of the file is dropped here, as Java drops it.
      value: unescapeProperty(text.slice(valueStart, last.end), lineNumber),
      keySpan: { start: begin, end: keyEnd },
      valueSpan: { start: valueStart, end: last.end },
      lineSpan: { start: first.start, end: last.next },
      dangling: continues(text, last),
    });
  }
  return entries;
}

function isLineBreakAfter(text: string, at: number): boolean {
  return text[at] === '\n' || text[at] === '\r';
}

function skipBreak(text: string, at: number): number {
  return text.startsWith('\r\n', at) ? at + 2 : at + 1;
}

/**
 * Java's own escaping (`Properties.store`): backslash, `=`, `:`, `#`, `!` get a backslash, every
 * character outside printable ASCII becomes `\uXXXX` (so the entry reads the same whether the
 * file is ISO-8859-1, as Java reads it, or UTF-8), and a space is escaped where it would be
 * skipped: anywhere in a key, at the start of a value.
 */
function escape(text: string, allSpaces: boolean): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    const code = c.charCodeAt(0);
    if (c === ' ') out += i === 0 || allSpaces ? '\\ ' : ' ';
    else if (c === '\\' || c === '=' || c === ':' || c === '#' || c === '!') out += `\\${c}`;
    else if (c === '\t') out += '\\t';
    else if (c === '\f') out += '\\f';
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += c;
  }
  return out;
}

export const escapePropertyKey = (key: string): string => escape(key, true);
export const escapePropertyValue = (value: string): string => escape(value, false);
