import { isDeepStrictEqual } from 'node:util';
import { isMap, isScalar, parseDocument, visit, type Document, type YAMLMap } from 'yaml';
import { KeyportError } from '../../shared/errors';
import type { ConfigEditor, EditResult, EditTarget, RemoveTarget } from './config-editor';
import { nerfDart, registryBase, sameRegistry } from '../registries/registry-url';
import { detectEol, preservingBom, removeSpans, type Span } from './text-layout';
import { assertNotExpanded, assertSafeValue } from './value-guard';
import {
  applySplices,
  ensureLeaves,
  findPair,
  keyText,
  pairRemoval,
  parseYamlMap,
  yamlString,
  type Leaf,
  type YamlLayout,
} from './yaml-edit';

/**
 * `.yarnrc.yml` (Yarn 2+), as Yarn 4's npm plugin looks credentials up (npmConfigUtils):
 * - a scoped package uses `npmScopes.<scope>` when it has a token;
 * - otherwise `npmRegistries["//host/path"]` (the registry without protocol or trailing slash;
 *   the key with its protocol matches too);
 * - otherwise the top-level settings, which also carry `npmRegistryServer`, the default registry.
 * A request for an unscoped package sends the token only with `npmAlwaysAuth: true`, so Keyport
 * writes it next to every unscoped token (a private registry answers anonymous reads with 401).
 */
const FILE = '.yarnrc.yml';
const DEFAULT_REGISTRY = 'https://registry.yarnpkg.com/';

const TOKEN_KEYS = new Set(['npmAuthToken', 'npmAuthIdent']);

/** Yarn's own registry key: `//host[:port]/path` without the trailing slash. */
export function yarnRegistryKey(registry: string): string {
  return nerfDart(registry).replace(/\/$/, '');
}

function scopeName(scope: string): string {
  const name = scope.replace(/^@/, '');
  if (!/^[a-z0-9][a-z0-9._~-]*$/i.test(name)) {
    throw new KeyportError('INVALID_INPUT', 'The npm scope must look like @name.');
  }
  return name.toLowerCase();
}

function tokenText(secret: string, reference: boolean | undefined): string {
  assertSafeValue(secret, 'token');
  assertNotExpanded(secret, 'token', 'yarnrc', reference);
  return yamlString(secret);
}

function layoutOf(text: string): YamlLayout {
  const nested = /^( +)\S/m.exec(text);
  return { eol: detectEol(text), unit: nested ? nested[1]!.length : 2 };
}

const root = (doc: Document.Parsed): YAMLMap | null => doc.contents as YAMLMap | null;

/** The `npmRegistries` key already spelling this registry, if any (with or without protocol). */
function existingRegistryKey(doc: Document.Parsed, registry: string): string | undefined {
  const registries = root(doc) && findPair(root(doc)!, 'npmRegistries')?.value;
  if (!isMap(registries)) return undefined;
  const key = yarnRegistryKey(registry);
  const withProtocol = `${registryBase(registry).protocol}${key}`;
  return registries.items.map(keyText).find((k) => k === key || k === withProtocol);
}

/** Is the registry the file's default one (its `npmRegistryServer`, or Yarn's when unset)? */
function isDefaultRegistry(doc: Document.Parsed, registry: string): boolean {
  const server = root(doc) && findPair(root(doc)!, 'npmRegistryServer')?.value;
  const configured = isScalar(server) && server.value !== null ? String(server.value) : undefined;
  return sameRegistry(configured ?? DEFAULT_REGISTRY, registry);
}

type Settings = Record<string, unknown>;

/** The settings as plain data, aliases copied (so changing one place never changes another). */
function settingsOf(doc: Document): Settings {
  return (JSON.parse(JSON.stringify(doc.toJS() ?? {})) as Settings | null) ?? {};
}

/**
 * Checks a splice by reading the result again: it must parse, and its settings must be the old
 * ones with only `change` applied at `path`. A layout the splicer does not handle (a key with a
 * tag, a value shared through an anchor) is refused rather than written wrong.
 */
function verify(
  before: Document.Parsed,
  afterText: string,
  path: string[],
  change: (map: Settings) => void,
): void {
  const fail = (): never => {
    throw new KeyportError(
      'CONFIG_INVALID',
      `Keyport cannot change the entry in this ${FILE} layout without touching other settings; it left the file untouched.`,
    );
  };
  const after = parseDocument(afterText, { uniqueKeys: true });
  if (after.errors.length > 0) fail();
  const expected = settingsOf(before);
  let node = expected;
  for (const key of path) {
    const next = node[key];
    if (next === null || next === undefined) node[key] = {};
    else if (typeof next !== 'object' || Array.isArray(next)) fail();
    node = node[key] as Settings;
  }
  change(node);
  if (!isDeepStrictEqual(settingsOf(after), expected)) fail();
}

interface Address {
  path: string[];
  entry: string;
}

/** Where the token for `target` goes in this file. */
function addressOf(doc: Document.Parsed, target: RemoveTarget): Address {
  if (target.scope) {
    const name = scopeName(target.scope);
    return { path: ['npmScopes', name], entry: `npmScopes.${name}.npmAuthToken` };
  }
  const existing = existingRegistryKey(doc, target.registry);
  if (existing === undefined && isDefaultRegistry(doc, target.registry))
    return { path: [], entry: 'npmAuthToken (default registry)' };
  const key = existing ?? yarnRegistryKey(target.registry);
  return { path: ['npmRegistries', key], entry: `npmRegistries["${key}"].npmAuthToken` };
}

export function editYarnrc(text: string, target: EditTarget): EditResult {
  const token = tokenText(target.secret, target.reference);
  return preservingBom(text, (body) => {
    const doc = parseYamlMap(body, FILE);
    const { path, entry } = addressOf(doc, target);
    const leaves: Leaf[] = [];
    if (target.scope) {
      const server = registryBase(target.registry).href;
      assertSafeValue(server, 'registry URL');
      assertNotExpanded(server, 'registry URL', 'yarnrc');
      leaves.push({
        key: 'npmRegistryServer',
        value: server,
        text: yamlString(server),
        same: (old) => sameRegistry(old, server),
      });
    }
    leaves.push({
      key: 'npmAuthToken',
      value: target.secret,
      text: token,
      same: (old) => old === target.secret,
    });
    if (!target.scope) {
      leaves.push({
        key: 'npmAlwaysAuth',
        value: 'true',
        text: 'true',
        same: (old) => old === 'true',
      });
    }
    const splices = ensureLeaves(body, doc, path, leaves, layoutOf(body), FILE);
    const out = applySplices(body, splices);
    verify(doc, out, path, (map) => {
      for (const leaf of leaves) {
        const old = map[leaf.key];
        if (old === undefined || old === null || !leaf.same(String(old)))
          map[leaf.key] = parseDocument(leaf.text).toJS() as unknown;
      }
    });
    return { text: out, entry };
  });
}

/**
 * Removes the token `edit` wrote (npmAuthToken in the same map); the registry server and
 * npmAlwaysAuth hold no secret and stay, except in an `npmRegistries` entry that held nothing
 * else, which goes whole (write then remove gives the file back).
 */
export function removeYarnrc(text: string, target: RemoveTarget): EditResult {
  return preservingBom(text, (body) => {
    const doc = parseYamlMap(body, FILE);
    const { path, entry } = addressOf(doc, target);
    let map = root(doc);
    const parents: YAMLMap[] = [];
    for (const key of path) {
      const value = map && findPair(map, key)?.value;
      if (!isMap(value)) return { text: body, entry };
      parents.push(map!);
      map = value;
    }
    const pair = map && findPair(map, 'npmAuthToken');
    if (!map || !pair) return { text: body, entry };
    const parent = parents.at(-1);
    // An npmRegistries entry left with nothing but npmAlwaysAuth (which Keyport adds) goes whole.
    const onlyAuth = map.items.every((p) => p === pair || keyText(p) === 'npmAlwaysAuth');
    const whole = onlyAuth && parent !== undefined && path[0] === 'npmRegistries';
    const span = whole
      ? pairRemoval(
          body,
          parent,
          parent.items.find((p) => p.value === map)!,
        )
      : pairRemoval(body, map, pair);
    const out = removeSpans(body, [span]);
    verify(doc, out, whole ? path.slice(0, -1) : path, (settings) => {
      delete settings[whole ? path.at(-1)! : 'npmAuthToken'];
    });
    return { text: out, entry };
  });
}

function valueSpans(text: string, keys: (key: string) => boolean): Span[] {
  let doc: Document.Parsed;
  try {
    doc = parseYamlMap(text, FILE);
  } catch {
    return [];
  }
  const spans: Span[] = [];
  visit(doc, {
    Pair(_, pair) {
      const key = keyText(pair);
      if (key !== undefined && keys(key) && isScalar(pair.value) && pair.value.range) {
        spans.push({ start: pair.value.range[0], end: pair.value.range[1] });
      }
    },
  });
  return spans;
}

export const yarnrcCredentialSpans = (text: string): Span[] =>
  valueSpans(text, (k) => TOKEN_KEYS.has(k));

const SECRET_LOOKING_KEY = /auth|token|secret|passw|key|cred|cert/i;

export const yarnrcEditor: ConfigEditor = {
  format: 'yarnrc',
  edit: editYarnrc,
  remove: removeYarnrc,
  credentialSpans: yarnrcCredentialSpans,
  maskedSpans: (text) =>
    valueSpans(
      text,
      (k) => TOKEN_KEYS.has(k) || (SECRET_LOOKING_KEY.test(k) && k !== 'npmAlwaysAuth'),
    ),
};
