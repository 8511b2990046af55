import { KeyportError } from '../../shared/errors';
import type { Span } from './text-layout';

export interface NetrcToken extends Span {
  /** The token as readers see it (quotes and backslash escapes removed). */
  value: string;
}

export interface NetrcEntry {
  /** `machine` or `default`. */
  keyword: NetrcToken;
  /** The machine name; absent for `default`. */
  host?: NetrcToken;
  fields: Array<{ key: NetrcToken; value: NetrcToken }>;
}

const WHITESPACE = ' \t\r\n';
const FIELDS = new Set(['login', 'user', 'account', 'password']);

/**
 * A .netrc reader with offsets, following Python's `netrc` module (the strictest common reader):
 * whitespace-separated tokens, `"…"` and backslash escapes, `#` comments to the end of the line,
 * and `macdef` bodies that run to the first empty line. Anything Python would refuse is refused
 * here too, with the line number only: file content may be a secret.
 */
export function parseNetrc(text: string): NetrcEntry[] {
  let pos = 0;
  const lineAt = (offset: number): number => text.slice(0, offset).split('\n').length;
  const invalid = (why: string, at: number): KeyportError =>
    new KeyportError(
      'CONFIG_INVALID',
      `The existing .netrc ${why} (line ${lineAt(at)}); Keyport left it untouched.`,
    );

  /** Next token; with `raw`, a leading `#` is a value, not a comment (as after `password`). */
  const next = (raw: boolean): NetrcToken | undefined => {
    for (;;) {
      while (pos < text.length && WHITESPACE.includes(text[pos]!)) pos++;
      if (pos >= text.length) return undefined;
      if (raw || text[pos] !== '#') break;
      while (pos < text.length && text[pos] !== '\n') pos++;
    }
    const start = pos;
    let value = '';
    if (text[pos] === '"') {
      for (pos++; ; pos++) {
        if (pos >= text.length)
          throw invalid('has a quoted value without its closing quote', start);
        const c = text[pos]!;
        if (c === '"') break;
        value += c === '\\' ? (text[++pos] ?? '') : c;
      }
      pos++;
    } else {
      for (; pos < text.length && !WHITESPACE.includes(text[pos]!); pos++) {
        const c = text[pos]!;
        value += c === '\\' ? (text[++pos] ?? '') : c;
      }
    }
    return { start, end: pos, value };
  };

  const entries: NetrcEntry[] = [];
  let current: NetrcEntry | undefined;
  for (let tok = next(false); tok; tok = next(false)) {
    if (tok.value === 'machine' || tok.value === 'default') {
      const host = tok.value === 'machine' ? next(true) : undefined;
      if (tok.value === 'machine' && !host)
        throw invalid('ends with a machine without a name', tok.start);
      current = host ? { keyword: tok, host, fields: [] } : { keyword: tok, fields: [] };
      entries.push(current);
    } else if (tok.value === 'macdef') {
      current = undefined;
      if (!next(true)) throw invalid('has a macdef without a name', tok.start);
      skipMacroBody(tok.start);
    } else if (current && FIELDS.has(tok.value)) {
      const value = next(true);
      if (!value) throw invalid('ends without the value of a field', tok.start);
      current.fields.push({ key: tok, value });
    } else {
      throw invalid('has a word that is neither machine, default, macdef nor a field', tok.start);
    }
  }
  return entries;

  function skipMacroBody(macdefStart: number): void {
    // Python's lexer has consumed the one whitespace character (CRLF counts as one) after the
    // name; the body is then read line by line up to the first empty line.
    pos += text.startsWith('\r\n', pos) ? 2 : 1;
    for (;;) {
      if (pos >= text.length)
        throw invalid('has a macdef without the empty line that ends it', macdefStart);
      const nl = text.indexOf('\n', pos);
      const line = nl < 0 ? text.slice(pos) : text.slice(pos, nl + 1);
      pos = nl < 0 ? text.length : nl + 1;
      if (line === '\n' || line === '\r\n') return;
    }
  }
}
