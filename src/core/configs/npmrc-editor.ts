import ini from 'ini';
import { KeyportError } from '../../shared/errors';
import type { ConfigEditor, EditResult, EditTarget, RemoveTarget } from './config-editor';
import { nerfDart, registryBase, sameRegistry } from '../registries/registry-url';
import {
  appendLines,
  detectEol,
  lineSpan,
  preservingBom,
  removeSpans,
  splice,
  splitLines,
  type Line,
  type Span,
} from './text-layout';
import { assertNotExpanded, assertSafeValue } from './value-guard';

/** One `key=value` line as npm's ini parser reads it. */
interface KeyLine {
  line: Line;
  key: string;
  /** The raw value text (after `=` and spaces, before trailing spaces). */
  value: Span;
}

/**
 * Key lines that npm sees at top level. ini nests everything after a `[section]` header into that
 * section, where npm never looks for credentials, so only lines before the first header count.
 */
function topLevelKeyLines(
  text: string,
  inSections = false,
): { keys: KeyLine[]; firstSection: Line | undefined } {
  const keys: KeyLine[] = [];
  for (const line of splitLines(text)) {
    if (/^\s*([;#]|$)/.test(line.text)) continue;
    if (/^\[[^\]]*\]\s*$/.test(line.text)) {
      if (inSections) continue;
      return { keys, firstSection: line };
    }
    const eq = line.text.indexOf('=');
    // ini's line pattern needs a key before `=`; it silently skips a line like `=x`.
    if (eq === 0) continue;
    const keyText = eq < 0 ? line.text : line.text.slice(0, eq);
    const valueStart =
      eq < 0 ? line.end : line.start + eq + 1 + /^\s*/.exec(line.text.slice(eq + 1))![0].length;
    const valueEnd = line.start + line.text.trimEnd().length;
    keys.push({
      line,
      key: ini.unsafe(keyText),
      value: { start: valueStart, end: Math.max(valueStart, valueEnd) },
    });
  }
  return { keys, firstSection: undefined };
}

/**
 * npm's ini reader accepts any line (a line without `=` is a key set to true), so a shell script,
 * /etc/passwd or a key file would "parse". Keyport takes a file for an .npmrc only if every line
 * is blank, a `;`/`#` comment, a `[section]` or `key = value` with a key of visible characters
 * (a JSON-quoted key too): the lines a preview may show. Refusals name the line number only.
 */
export function assertNpmrcSyntax(text: string): void {
  splitLines(text).forEach((line, index) => {
    if (/^\s*([;#]|$)/.test(line.text) || /^\[[^\]]*\]\s*$/.test(line.text)) return;
    const eq = line.text.indexOf('=');
    const key = eq < 0 ? '' : line.text.slice(0, eq).trim();
    if (/^([\x21-\x7e]+|"[^"\\]*(\\.[^"\\]*)*")$/.test(key) && !key.startsWith('[')) return;
    throw new KeyportError(
      'CONFIG_INVALID',
      `The existing .npmrc has a line that is not key = value (line ${index + 1}); Keyport left it untouched.`,
    );
  });
}

/**
 * Encodes a value so npm's ini reads it back unchanged: bare when it survives as is, else as a
 * JSON string (which ini decodes), e.g. when `#` or `;` would start a comment.
 */
function encodeValue(value: string, field: string, reference = false): string {
  assertSafeValue(value, field);
  assertNotExpanded(value, field, 'npmrc', reference);
  if (ini.unsafe(value) === value && value.trim() === value) return value;
  return JSON.stringify(value);
}

function normalizeScope(scope: string): string {
  const s = scope.startsWith('@') ? scope : `@${scope}`;
  if (!/^@[a-z0-9][a-z0-9._~-]*$/i.test(s)) {
    throw new KeyportError('INVALID_INPUT', 'The npm scope must look like @name.');
  }
  return s.toLowerCase();
}

const CREDENTIAL_KEY = /(^|:)(_authToken|_auth|_password|password)$/;

export function editNpmrc(text: string, target: EditTarget): EditResult {
  const authKey = `${nerfDart(target.registry)}:_authToken`;
  // Each key, its encoded value, and whether an existing (decoded) value already means it.
  const wanted: Array<[string, string, (old: string) => boolean]> = [];
  if (target.scope) {
    const server = registryBase(target.registry).href;
    // The user's spelling of the same registry (no trailing slash, an explicit :443) stays.
    wanted.push([
      `${normalizeScope(target.scope)}:registry`,
      encodeValue(server, 'registry URL'),
      (old) => sameRegistry(old, server),
    ]);
  }
  const token = encodeValue(target.secret, 'token', target.reference);
  wanted.push([authKey, token, (old) => old === ini.unsafe(token)]);
  const entry = target.scope ? `${authKey} and ${normalizeScope(target.scope)}:registry` : authKey;

  return preservingBom(text, (body) => {
    assertNpmrcSyntax(body);
    const eol = detectEol(body);
    const missing: string[] = [];
    const edits: Array<{ span: Span; value: string }> = [];
    const { keys, firstSection } = topLevelKeyLines(body);
    for (const [key, value, same] of wanted) {
      // ini keeps the last of duplicate keys: that is the one npm uses, so update it.
      const found = keys.filter((k) => k.key === key).at(-1);
      if (!found) missing.push(`${key}=${value}`);
      // Compare decoded values: a token the user wrote quoted is already right as it is.
      else if (!same(ini.unsafe(body.slice(found.value.start, found.value.end)))) {
        edits.push({ span: found.value, value });
      }
    }
    // New lines go after every existing key line, so value edits (from the end) keep their offsets.
    let out =
      missing.length > 0
        ? insertTopLevel(body, keys.at(-1)?.line, firstSection, missing, eol)
        : body;
    for (const e of edits.sort((a, b) => b.span.start - a.span.start))
      out = splice(out, e.span, e.value);
    return { text: out, entry };
  });
}

/** New lines go after the last top-level key line, so they never land inside a `[section]`. */
function insertTopLevel(
  text: string,
  lastKey: Line | undefined,
  firstSection: Line | undefined,
  lines: string[],
  eol: string,
): string {
  const block = lines.join(eol) + eol;
  if (lastKey) {
    if (lastKey.next === lastKey.end) return appendLines(text, lines, eol);
    return splice(text, { start: lastKey.next, end: lastKey.next }, block);
  }
  if (firstSection) return splice(text, { start: 0, end: 0 }, block);
  return appendLines(text, lines, eol);
}

/**
 * Removes every top-level `//nerf-dart/:_authToken` line of the registry: npm reads the last of
 * duplicates, so leaving any would let a stale one take over. `@scope:registry` lines hold no
 * secret and may still serve anonymous installs, so they stay.
 */
export function removeNpmrc(text: string, target: RemoveTarget): EditResult {
  const authKey = `${nerfDart(target.registry)}:_authToken`;
  return preservingBom(text, (body) => {
    assertNpmrcSyntax(body);
    const lines = topLevelKeyLines(body)
      .keys.filter((k) => k.key === authKey)
      .map((k) => lineSpan(k.line));
    return { text: lines.length > 0 ? removeSpans(body, lines) : body, entry: authKey };
  });
}

export function npmrcCredentialSpans(text: string): Span[] {
  return topLevelKeyLines(text)
    .keys.filter((k) => CREDENTIAL_KEY.test(k.key))
    .map((k) => k.value);
}

/** Key names that look like they hold a secret, for whatever tool put them in the file. */
const SECRET_LOOKING_KEY = /auth|token|secret|passw|key|cred|cert/i;

/**
 * npm's credentials plus every value (sections included) whose key looks secret: an .npmrc may
 * also hold other tools' settings, and a preview must not show them in its context lines.
 */
export function npmrcMaskedSpans(text: string): Span[] {
  return topLevelKeyLines(text, true)
    .keys.filter((k) => CREDENTIAL_KEY.test(k.key) || SECRET_LOOKING_KEY.test(k.key))
    .map((k) => k.value);
}

export const npmrcEditor: ConfigEditor = {
  format: 'npmrc',
  edit: editNpmrc,
  remove: removeNpmrc,
  credentialSpans: npmrcCredentialSpans,
  maskedSpans: npmrcMaskedSpans,
};
