import { KeyportError } from '../../shared/errors';
import type { ConfigEditor, EditResult, EditTarget, RemoveTarget } from './config-editor';
import { parseNetrc, type NetrcEntry, type NetrcToken } from './netrc-parser';
import { registryBase } from '../registries/registry-url';
import {
  appendLines,
  detectEol,
  preservingBom,
  removeSpans,
  splice,
  type Span,
} from './text-layout';
import { assertSafeValue, refuseIf } from './value-guard';

/**
 * Quoting is understood only by curl ≥ 7.84 and Python ≥ 3.11, Python reads a backslash as an
 * escape, and curl reads a word starting with `#` as a comment even where a value is expected:
 * such values are refused instead of being written in a form some readers misread.
 */
function assertNetrcWord(value: string, field: string): void {
  assertSafeValue(value, field);
  refuseIf(
    /[\s"\\]/.test(value),
    field,
    'contains a space, a quote or a backslash, which .netrc readers disagree on.',
  );
  refuseIf(value.startsWith('#'), field, 'starts with #, which curl reads as a comment in .netrc.');
}

export function editNetrc(text: string, target: EditTarget): EditResult {
  const host = registryBase(target.registry).hostname;
  assertNetrcWord(target.secret, 'token');
  if (target.username) assertNetrcWord(target.username, 'user name');
  const entry = `machine ${host}`;

  return preservingBom(text, (body) => {
    const entries = parseNetrc(body);
    const eol = detectEol(body);
    // curl compares machine names case-insensitively; update every match so no reader sees a stale one.
    const matches = entries.filter((e) => e.host?.value.toLowerCase() === host);
    if (matches.length === 0) {
      if (!target.username)
        throw new KeyportError('INVALID_INPUT', 'A new .netrc entry needs a user name.');
      const line = `machine ${host} login ${target.username} password ${target.secret}`;
      // `default` matches every host, so a machine after it would never be used: insert before it.
      const fallback = entries.find((e) => e.keyword.value === 'default');
      if (!fallback) return { text: appendLines(body, [line], eol), entry };
      const at = fallback.keyword.start;
      const atLineStart = /(^|\n)[ \t]*$/.test(body.slice(0, at));
      return {
        text: splice(body, { start: at, end: at }, atLineStart ? line + eol : eol + line + eol),
        entry,
      };
    }
    const edits: Array<{ span: Span; value: string }> = [];
    for (const e of matches) {
      const set = (keys: string[], value: string | undefined): string => {
        const found = e.fields.filter((f) => keys.includes(f.key.value));
        if (value === undefined) return '';
        for (const f of found) if (f.value.value !== value) edits.push({ span: f.value, value });
        return found.length > 0 ? '' : ` ${keys[0]} ${value}`;
      };
      const added = set(['login', 'user'], target.username) + set(['password'], target.secret);
      // Missing fields go right after the machine name, never into a following macdef.
      const hostToken = e.host as NetrcToken;
      if (added) edits.push({ span: { start: hostToken.end, end: hostToken.end }, value: added });
    }
    let out = body;
    for (const e of edits.sort((a, b) => b.span.start - a.span.start))
      out = splice(out, e.span, e.value);
    return { text: out, entry };
  });
}

/** From the `machine` keyword to the end of the entry's last token. */
function entryTokens(e: NetrcEntry): Span {
  const ends = [e.keyword.end, e.host?.end ?? 0, ...e.fields.map((f) => f.value.end)];
  return { start: e.keyword.start, end: Math.max(...ends) };
}

const isLineBreak = (c: string | undefined): boolean => c === '\n' || c === '\r';

/**
 * What removing an entry's tokens cuts: its whole lines when it has them to itself (so no blank
 * line is left), else the tokens with the spaces that separated them from their neighbours on the
 * line (another entry, or a comment, which stays).
 */
function entryRemoval(text: string, tokens: Span): Span {
  const { start, end } = tokens;
  const lineStart =
    Math.max(text.lastIndexOf('\n', start - 1), text.lastIndexOf('\r', start - 1)) + 1;
  const lead = /[ \t]*$/.exec(text.slice(lineStart, start))![0].length;
  const afterTrail = end + /^[ \t]*/.exec(text.slice(end))![0].length;
  const endsLine = afterTrail === text.length || isLineBreak(text[afterTrail]);
  if (endsLine && lead === start - lineStart) {
    const eol = /^(\r\n|\n|\r)?/.exec(text.slice(afterTrail))![0].length;
    return { start: lineStart, end: afterTrail + eol };
  }
  return endsLine ? { start: start - lead, end: afterTrail } : { start, end: afterTrail };
}

/**
 * Removes every `machine HOST` entry for the target's host (compared as edit and curl do, ignoring
 * case): curl reads the first duplicate and Python the last, so none may survive. Only the entry's
 * own tokens go (with the lines they fill alone); `default`, `macdef` bodies and comments after the
 * entry stay, as the parser never counts them as part of a machine entry.
 */
export function removeNetrc(text: string, target: RemoveTarget): EditResult {
  const host = registryBase(target.registry).hostname;
  const entry = `machine ${host}`;
  return preservingBom(text, (body) => {
    const tokens = parseNetrc(body)
      .filter((e) => e.host?.value.toLowerCase() === host)
      .map(entryTokens);
    // Duplicates that share a line are one run of tokens: removing them as one leaves no empty line.
    const runs: Span[] = [];
    for (const t of tokens) {
      const last = runs.at(-1);
      if (last && /^[ \t]*$/.test(body.slice(last.end, t.start))) last.end = t.end;
      else runs.push({ ...t });
    }
    const spans = runs.map((r) => entryRemoval(body, r));
    return { text: spans.length > 0 ? removeSpans(body, spans) : body, entry };
  });
}

export function netrcCredentialSpans(text: string): Span[] {
  try {
    return parseNetrc(text).flatMap((e) =>
      e.fields
        .filter((f) => f.key.value === 'password' || f.key.value === 'account')
        .map((f) => f.value),
    );
  } catch {
    return [];
  }
}

export const netrcEditor: ConfigEditor = {
  format: 'netrc',
  bomUnreadableBy: 'Python’s netrc module',
  edit: editNetrc,
  remove: removeNetrc,
  credentialSpans: netrcCredentialSpans,
};
