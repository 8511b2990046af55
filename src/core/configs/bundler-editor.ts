import { isScalar, type Document, type YAMLMap } from 'yaml';
import { KeyportError } from '../../shared/errors';
import { NO_REFERENCE } from '../../shared/references';
import type { ConfigEditor, EditResult, EditTarget, RemoveTarget } from './config-editor';
import { parseRegistryUrl } from '../registries/registry-url';
import { detectEol, preservingBom, removeSpans, type Span } from './text-layout';
import { assertSafeValue } from './value-guard';
import {
  applySplices,
  ensureLeaves,
  findPair,
  keyText,
  pairRemoval,
  parseYamlMap,
} from './yaml-edit';

/**
 * Bundler's config (`~/.bundle/config`, a project's `.bundle/config`), as Bundler 2 reads it:
 * - the key of a host's credentials is `BUNDLE_` + the host upper-cased with `.` → `__` and
 *   `-` → `___` (Settings.key_for); `credentials_for(uri)` looks up the host without its port;
 * - the value is `user:password`, which Bundler puts into the URL's userinfo and sends after
 *   CGI.unescape: so both halves are percent-encoded here (a `@`, `/` or space would otherwise
 *   make Bundler refuse the URL);
 * - Bundler reads the file with its own line-by-line reader (YAMLSerializer), not a YAML parser:
 *   quotes are stripped but nothing is unescaped, and there are no comments. The result of every
 *   write is read back with a copy of that reader, and with a YAML parser (the file must stay
 *   YAML for the next edit).
 */
const FILE = 'Bundler config';

/** `BUNDLE_GEMS__EXAMPLE___CORP__COM` for gems.example-corp.com, as Settings.key_for spells it. */
export function bundlerKey(registry: string): string {
  const host = parseRegistryUrl(registry).hostname;
  return `BUNDLE_${host.replace(/\./g, '__').replace(/-/g, '___').toUpperCase()}`;
}

/** Percent-encoding Bundler's CGI.unescape turns back into the same text (`'` too: it quotes). */
const encode = (value: string): string => encodeURIComponent(value).replace(/'/g, '%27');

/** What CGI.unescape gives for a value half (`+` is a space there). */
export function bundlerUnescape(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/**
 * Bundler's YAMLSerializer.load, top level only (the settings Keyport reads or writes all are):
 * a line `KEY: "value"` or `KEY: value`; the key is greedy up to the last `: `, one pair of
 * matching quotes is stripped, nothing is unescaped. A key with a dash counts as its `___` form.
 */
const HASH_LINE = /^( *)([^\n]+):(?=[ \t\r\n\f\v]|$) ?(['"]?)([^\n]*)\3$/;

export function bundlerSettings(text: string): Map<string, string> {
  const settings = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = HASH_LINE.exec(line);
    if (!m || m[1] !== '' || (m[3] === '' && m[4] === '')) continue;
    const key = m[2]!.replace(/\./g, '__').replace(/-/g, '___');
    settings.set(key, m[4]!);
  }
  return settings;
}

/** Bundler's `user:token` value (the config entry, or the BUNDLE_<HOST> variable `exec` sets). */
export function bundlerCredential(username: string | undefined, secret: string): string {
  assertSafeValue(secret, 'token');
  if (username === undefined) return encode(secret);
  assertSafeValue(username, 'user name');
  return `${encode(username)}:${encode(secret)}`;
}

function refuseLayout(): never {
  throw new KeyportError(
    'CONFIG_INVALID',
    `Keyport cannot change the entry in this ${FILE} without touching other settings; it left the file untouched.`,
  );
}

/** Bundler must read the same settings as before, with only `key` changed (or gone). */
function verify(before: string, after: string, key: string, value: string | undefined): void {
  parseYamlMap(after, FILE);
  const expected = bundlerSettings(before);
  if (value === undefined) expected.delete(key);
  else expected.set(key, value);
  const actual = bundlerSettings(after);
  if (actual.size !== expected.size) refuseLayout();
  for (const [k, v] of expected) if (actual.get(k) !== v) refuseLayout();
}

export function editBundler(text: string, target: EditTarget): EditResult {
  if (target.reference) {
    throw new KeyportError('INVALID_INPUT', NO_REFERENCE.bundler!);
  }
  const value = bundlerCredential(target.username, target.secret);
  const key = bundlerKey(target.registry);
  return preservingBom(text, (body) => {
    const doc = parseYamlMap(body, FILE);
    const splices = ensureLeaves(
      body,
      doc,
      [],
      [{ key, value, text: JSON.stringify(value), same: (old) => old === value }],
      { eol: detectEol(body), unit: 2 },
      FILE,
    );
    // An empty file gets Bundler's own header line, as `bundle config set` writes it.
    const out =
      doc.contents === null && body.trim() === ''
        ? `---${detectEol(body)}${applySplices('', splices)}`
        : applySplices(body, splices);
    verify(body, out, key, value);
    return { text: out, entry: key };
  });
}

/** Removes the host's key (the whole line); other settings and comments stay. */
export function removeBundler(text: string, target: RemoveTarget): EditResult {
  const key = bundlerKey(target.registry);
  return preservingBom(text, (body) => {
    const doc = parseYamlMap(body, FILE);
    const map = doc.contents as YAMLMap | null;
    const pair = map && findPair(map, key);
    if (!map || !pair) return { text: body, entry: key };
    const out = removeSpans(body, [pairRemoval(body, map, pair)]);
    verify(body, out, key, undefined);
    return { text: out, entry: key };
  });
}

/**
 * Keys that hold a host's credentials: a host name (`BUNDLE_GEMS__EXAMPLE__COM`) or a source URL
 * (`BUNDLE_HTTPS://GEMS__EXAMPLE__COM/`). Bundler's own dotted settings (`mirror.`, `build.`,
 * `local.`, `gem.test` and the like) are no credentials.
 */
export function isCredentialKey(key: string): boolean {
  if (!key.startsWith('BUNDLE_')) return false;
  const name = key.slice('BUNDLE_'.length);
  if (/^HTTPS?:\/\//.test(name)) return true;
  const labels = hostOfKey(key)?.split('.');
  if (!labels || labels.length < 2) return false;
  if (['mirror', 'build', 'local'].includes(labels[0]!)) return false;
  return !(labels[0] === 'gem' && labels.length === 2);
}

/** The host a credential key names (`BUNDLE_GEMS__EXAMPLE___CORP__COM` → gems.example-corp.com). */
export function hostOfKey(key: string): string | null {
  const name = key.slice('BUNDLE_'.length);
  const url = /^HTTPS?:\/\/([^/]+)/.exec(name)?.[1];
  const host = (url ?? name).replace(/___/g, '-').replace(/__/g, '.').toLowerCase();
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*(:\d+)?$/.test(host) ? host : null;
}

function credentialValueSpans(doc: Document.Parsed): Span[] {
  const map = doc.contents as YAMLMap | null;
  const spans: Span[] = [];
  for (const pair of map?.items ?? []) {
    const key = keyText(pair);
    if (key === undefined || !isCredentialKey(key) || !isScalar(pair.value)) continue;
    const range = pair.value.range;
    if (!range) continue;
    const quoted = pair.value.type === 'QUOTE_DOUBLE' || pair.value.type === 'QUOTE_SINGLE';
    spans.push(
      quoted ? { start: range[0] + 1, end: range[1] - 1 } : { start: range[0], end: range[1] },
    );
  }
  return spans;
}

export function bundlerCredentialSpans(text: string): Span[] {
  try {
    return credentialValueSpans(parseYamlMap(text, FILE));
  } catch {
    return [];
  }
}

export const bundlerEditor: ConfigEditor = {
  format: 'bundler',
  edit: editBundler,
  remove: removeBundler,
  credentialSpans: bundlerCredentialSpans,
  // Bundler's line reader would take a BOM as part of the first key.
  bomUnreadableBy: 'Bundler',
};
