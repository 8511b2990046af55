import { KeyportError } from '../../shared/errors';
import type { ConfigEditor, EditResult, EditTarget, RemoveTarget } from './config-editor';
import {
  escapePropertyKey,
  escapePropertyValue,
  parseProperties,
  type PropertyEntry,
} from './java-properties';
import { detectEol, preservingBom, removeSpans, splice, type Span } from './text-layout';
import { assertNotExpanded, assertSafeValue, refuseIf } from './value-guard';

/**
 * gradle.properties (`$GRADLE_USER_HOME/gradle.properties`, else `~/.gradle/`, or a build's own):
 * Java properties, read by Gradle with `Properties.load` (ISO-8859-1, escapes, last entry wins).
 * A repository declared with `credentials(PasswordCredentials)` takes `<name>Username` and
 * `<name>Password`; `property` names one free key instead (e.g. `gpr.key`).
 *
 * Gradle expands nothing inside gradle.properties. Its reference form is therefore Keyport's own
 * placeholder `${KEYPORT_…}` as the value, which `keyport exec` replaces by setting
 * `ORG_GRADLE_PROJECT_<key>`: Gradle takes that environment variable over any gradle.properties.
 */
const LABEL = 'gradle.properties';

interface Assignment {
  key: string;
  value: string;
  /** The value is the secret (masked, refused when it would be mistaken for a reference). */
  secret: boolean;
}

/** Gradle's credentials() accepts an identity of letters and digits only. */
function repositoryName(name: string): string {
  refuseIf(
    !/^[A-Za-z0-9]+$/.test(name),
    'repository name',
    'must be letters and digits only (A–Z, a–z, 0–9), as Gradle’s credentials(PasswordCredentials) requires.',
  );
  return name;
}

function propertyName(name: string, reference: boolean | undefined): string {
  assertSafeValue(name, 'property name');
  refuseIf(
    !/^[\x21-\x7e]+$/.test(name),
    'property name',
    'must be printable ASCII without spaces.',
  );
  // keyport exec passes it as ORG_GRADLE_PROJECT_<name>; an environment name cannot hold `=`.
  if (reference)
    refuseIf(name.includes('='), 'property name', 'cannot contain "=" for a reference.');
  return name;
}

/** The keys a target addresses: one free property, or a repository's password (and user name). */
function keysOf(
  target: RemoveTarget,
  reference?: boolean,
): { password: string; username?: string } {
  if (target.property !== undefined && target.repository !== undefined) {
    throw new KeyportError(
      'INVALID_INPUT',
      'Give either a Gradle repository name or a property name, not both.',
    );
  }
  if (target.property !== undefined) return { password: propertyName(target.property, reference) };
  if (target.repository === undefined) {
    throw new KeyportError(
      'INVALID_INPUT',
      'Name the Gradle repository (its credentials are <name>Username and <name>Password) or the property to write.',
    );
  }
  const name = repositoryName(target.repository);
  return { password: `${name}Password`, username: `${name}Username` };
}

function entryName(target: RemoveTarget): string {
  const keys = keysOf(target);
  return keys.username ? `${keys.username}/${keys.password}` : keys.password;
}

/**
 * The separator the file already uses (`=`, ` = `, `:`, a space, …), so new lines look like
 * their neighbours.
 */
function separatorOf(text: string, entries: PropertyEntry[]): string {
  for (const e of entries) {
    const between = text.slice(e.keySpan.end, e.valueSpan.start);
    if (/^(?:[ \t]*[=:][ \t]*|[ \t]+)$/.test(between)) return between;
  }
  return '=';
}

/**
 * A name as builds write them: starting with a letter, digit, `_` or `.`, then also `-`; escapes
 * and continued lines anywhere.
 */
const KEY_TEXT =
  /^(?:[A-Za-z0-9_.]|\\u[0-9a-fA-F]{4}|\\[^u\r\n])(?:[A-Za-z0-9_.-]|\\u[0-9a-fA-F]{4}|\\[^u\r\n]|\\(?:\r\n|\r|\n)[ \t\f]*)*$/;

/** `export NAME=…`, `alias ll='…'`: a shell word, a space, then an assignment. */
const SHELL_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/**
 * Every separator Java's reader takes is accepted (`=`, `:`, whitespace, each with whitespace
 * around it, continued lines). But Java reads nearly any text as properties (a shell rc, a
 * private key, /etc/passwd all load), and the lines of the file reach the preview's context,
 * where only credential-looking property values are masked. So a file whose lines are plainly
 * something else is refused before any of it reaches a preview: an entry whose name is not a
 * name (`-----BEGIN …` armour, base64, `if [ -f …`), or a shell assignment read as a name and a
 * space-separated value (`export AWS_SECRET_ACCESS_KEY=…`, whose secret would show unmasked).
 * Bytes that are not text never get here: decodeConfig refuses NUL and control characters.
 */
function assertPropertiesFile(text: string, entries: PropertyEntry[]): PropertyEntry[] {
  for (const e of entries) {
    const between = text.slice(e.keySpan.end, e.valueSpan.start).replace(/\\(\r\n|\r|\n)/g, '');
    const value = text.slice(e.valueSpan.start, e.valueSpan.end);
    const spaceOnly = between !== '' && !/[=:]/.test(between);
    const name = KEY_TEXT.test(text.slice(e.keySpan.start, e.keySpan.end));
    if (name && !(spaceOnly && SHELL_ASSIGNMENT.test(value))) continue;
    const line = text.slice(0, e.lineSpan.start).split(/\r\n|\r|\n/).length;
    throw new KeyportError(
      'CONFIG_INVALID',
      `The existing ${LABEL} has a line that is not a property (line ${line}); Keyport left it untouched.`,
    );
  }
  return entries;
}

const lastOf = (entries: PropertyEntry[], key: string): PropertyEntry | undefined =>
  entries.filter((e) => e.key === key).at(-1);

/**
 * Sets one key: the last entry of that key (the one Java reads) gets the new value in place of
 * its old one, continuation lines included; a missing key becomes a new line after `anchor` (the
 * other half of the credentials), else at the end of the file.
 */
function assign(text: string, a: Assignment, anchorKey: string | undefined): string {
  const entries = assertPropertiesFile(text, parseProperties(text));
  const written = escapePropertyValue(a.value);
  const existing = lastOf(entries, a.key);
  if (existing) {
    if (existing.value === a.value) return text;
    // Only the value is replaced: the separator as written (`=`, `:`, spaces) stays. A key alone
    // on its line ("key") has none to keep: add the file's.
    const between = text.slice(existing.keySpan.end, existing.valueSpan.start);
    const lead = between === '' ? separatorOf(text, entries) : '';
    return splice(text, existing.valueSpan, lead + written);
  }
  const eol = detectEol(text);
  const line = escapePropertyKey(a.key) + separatorOf(text, entries) + written;
  const anchor = anchorKey === undefined ? undefined : lastOf(entries, anchorKey);
  const at = anchor ? anchor.lineSpan.end : text.length;
  if (at === 0) return line + eol + text;
  const endsLine = text[at - 1] === '\n' || text[at - 1] === '\r';
  // After a continuation that runs off the end of the file, an empty line ends that entry first.
  const dangling = entries.some((e) => e.dangling && e.lineSpan.end === at);
  const lead = (endsLine ? '' : eol) + (dangling ? eol : '');
  const trail = at < text.length || endsLine ? eol : '';
  return splice(text, { start: at, end: at }, lead + line + trail);
}

export function editGradle(text: string, target: EditTarget): EditResult {
  const keys = keysOf(target, target.reference);
  assertSafeValue(target.secret, 'token');
  assertNotExpanded(target.secret, 'token', 'gradle', target.reference);
  const assignments: Assignment[] = [];
  if (keys.username && target.username !== undefined) {
    assertSafeValue(target.username, 'user name');
    assertNotExpanded(target.username, 'user name', 'gradle');
    assignments.push({ key: keys.username, value: target.username, secret: false });
  }
  assignments.push({ key: keys.password, value: target.secret, secret: true });
  return preservingBom(text, (body) => {
    let out = body;
    for (const a of assignments) {
      const other = assignments.find((b) => b !== a)?.key ?? keys.username;
      out = assign(out, a, other === a.key ? undefined : other);
    }
    const notes: string[] = [];
    const entries = parseProperties(out);
    const repeated = assignments.filter((a) => entries.filter((e) => e.key === a.key).length > 1);
    for (const a of repeated) {
      notes.push(
        `${LABEL} sets ${a.key} more than once; Gradle reads the last one, which Keyport changed, and the earlier ones stay as they are.`,
      );
    }
    if (keys.username && !entries.some((e) => e.key === keys.username)) {
      notes.push(
        `Gradle’s credentials(PasswordCredentials) also needs ${keys.username}, which this file does not set; give a user name to write it.`,
      );
    }
    return { text: out, entry: entryName(target), ...(notes.length > 0 ? { notes } : {}) };
  });
}

/**
 * Removes every entry of the keys `edit` writes (continuation lines included): after a removal
 * Gradle finds no credential there at all, not an older duplicate.
 */
export function removeGradle(text: string, target: RemoveTarget): EditResult {
  const keys = keysOf(target);
  const names = new Set([keys.password, ...(keys.username ? [keys.username] : [])]);
  return preservingBom(text, (body) => {
    const spans = assertPropertiesFile(body, parseProperties(body))
      .filter((e) => names.has(e.key))
      .map((e) => e.lineSpan);
    return { text: spans.length > 0 ? removeSpans(body, spans) : body, entry: entryName(target) };
  });
}

/**
 * Keys whose value is a credential, by how Gradle builds name them: `…Password`, `…Token`,
 * `…Secret`, an API or access key, `gpr.key` (GitHub Packages' documented name).
 */
const CREDENTIAL_KEY =
  /(?:password|passwd|pwd|token|secret|api[._-]?key|access[._-]?key|secret[._-]?key|(?:^|[._-])key)$/i;
/** What a preview also masks: anything that may be secret. */
const SECRET_LOOKING_KEY = /auth|token|secret|passw|pwd|key|cred/i;

function valueSpans(text: string, keys: RegExp): Span[] {
  try {
    return parseProperties(text)
      .filter((e) => keys.test(e.key))
      .map((e) => e.valueSpan);
  } catch {
    return [];
  }
}

export const gradleEditor: ConfigEditor = {
  format: 'gradle',
  // Java reads the file as ISO-8859-1: a UTF-8 BOM becomes three characters of the first key.
  bomUnreadableBy: 'Gradle (Java’s Properties.load)',
  // Java reads properties as ISO-8859-1; every byte Keyport adds is ASCII (\uXXXX escapes).
  latin1: true,
  edit: editGradle,
  remove: removeGradle,
  credentialSpans: (text) => valueSpans(text, CREDENTIAL_KEY),
  maskedSpans: (text) => valueSpans(text, SECRET_LOOKING_KEY),
};
