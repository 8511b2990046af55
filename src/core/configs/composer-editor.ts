import { isDeepStrictEqual } from 'node:util';
import { KeyportError } from '../../shared/errors';
import { NO_REFERENCE } from '../../shared/references';
import type { ConfigEditor, EditResult, EditTarget, RemoveTarget } from './config-editor';
import {
  addMembers,
  findMember,
  jsonLayout,
  lineIndent,
  memberRemoval,
  parseJsonObject,
  renderValue,
  type JsonObject,
  type NewValue,
} from './json-edit';
import { parseRegistryUrl } from '../registries/registry-url';
import {
  applySplices,
  detectEol,
  preservingBom,
  removeSpans,
  type Span,
  type Splice,
} from './text-layout';
import { assertSafeValue } from './value-guard';

/**
 * Composer's `auth.json` ($COMPOSER_HOME or beside composer.json), as Composer 2 reads it
 * (IO/BaseIO::loadConfiguration): `http-basic.<host>` = {username, password} and
 * `bearer.<host>` = token, where the host is the repository URL's host, with its port when the
 * URL names one (Util/Url::getOrigin). Both may name the same host; Composer loads bearer last,
 * so the bearer token is the one it sends. Composer expands nothing in this file.
 */
const FILE = 'auth.json';

/** `host[:port]` as Composer keys credentials (WHATWG URL lower-cases it, drops a default port). */
export function composerHost(registry: string): string {
  return parseRegistryUrl(registry).host;
}

interface Address {
  section: 'http-basic' | 'bearer';
  host: string;
  entry: string;
}

function addressOf(target: RemoveTarget): Address {
  const host = composerHost(target.registry);
  const section = target.username ? 'http-basic' : 'bearer';
  return { section, host, entry: `${section}.${host}` };
}

/** The object a section's key holds, or a refusal naming what else is there. */
function sectionObject(root: JsonObject, name: string): JsonObject | 'absent' | 'empty-array' {
  const member = findMember(root, name, FILE);
  if (!member) return 'absent';
  const { value } = member;
  if (value.kind === 'object') return value;
  // PHP encodes an empty array as `[]`; Composer reads it as an empty section.
  if (value.kind === 'array' && value.items.length === 0) return 'empty-array';
  throw new KeyportError(
    'CONFIG_INVALID',
    `In ${FILE}, "${name}" is not an object of hosts; Keyport left the file untouched.`,
  );
}

/** The splices that make root[section][host] hold `value` (a token, or username + password). */
function ensure(text: string, root: JsonObject, address: Address, value: NewValue): Splice[] {
  const layout = jsonLayout(text, detectEol(text));
  const section = sectionObject(root, address.section);
  if (section === 'absent')
    return [addMembers(text, root, [[address.section, [[address.host, value]]]], layout)];
  if (section === 'empty-array') {
    const member = findMember(root, address.section, FILE)!;
    const indent = lineIndent(text, member.keyStart);
    const oneLine = !/[\r\n]/.test(text.slice(root.start, root.end));
    return [
      {
        start: member.value.start,
        end: member.value.end,
        text: renderValue([[address.host, value]], layout, indent, oneLine),
      },
    ];
  }
  const hostMember = findMember(section, address.host, FILE);
  if (!hostMember) return [addMembers(text, section, [[address.host, value]], layout)];
  const old = hostMember.value;
  if (typeof value === 'string') {
    if (old.kind !== 'string') {
      throw new KeyportError(
        'CONFIG_INVALID',
        `In ${FILE}, ${address.entry} is not a token string; Keyport left the file untouched.`,
      );
    }
    return old.value === value
      ? []
      : [{ start: old.start, end: old.end, text: JSON.stringify(value) }];
  }
  if (old.kind !== 'object') {
    throw new KeyportError(
      'CONFIG_INVALID',
      `In ${FILE}, ${address.entry} is not an object with username and password; Keyport left the file untouched.`,
    );
  }
  const splices: Splice[] = [];
  const missing: Array<[string, NewValue]> = [];
  for (const [key, wanted] of value) {
    const field = findMember(old, key, FILE);
    if (!field) missing.push([key, wanted]);
    else if (field.value.kind !== 'string' || field.value.value !== wanted)
      splices.push({
        start: field.value.start,
        end: field.value.end,
        text: renderValue(wanted, layout, '', true),
      });
  }
  if (missing.length > 0) splices.push(addMembers(text, old, missing, layout));
  return splices;
}

type Json = Record<string, unknown>;

/**
 * Checks a splice by reading the result again: it must be valid JSON, and its data the old data
 * with only `change` applied. Anything else is refused rather than written.
 */
function verify(before: string, after: string, change: (data: Json) => void): void {
  const data = (text: string): Json => {
    const root = parseJsonObject(text, FILE);
    return root ? (JSON.parse(text) as Json) : {};
  };
  const expected = data(before);
  change(expected);
  let actual: Json | undefined;
  try {
    actual = data(after);
  } catch {
    actual = undefined;
  }
  if (!isDeepStrictEqual(actual, expected)) {
    throw new KeyportError(
      'CONFIG_INVALID',
      `Keyport cannot change the entry in this ${FILE} without touching other settings; it left the file untouched.`,
    );
  }
}

function child(data: Json, key: string): Json {
  const value = data[key];
  if (value === undefined || (Array.isArray(value) && value.length === 0)) data[key] = {};
  return data[key] as Json;
}

function notesFor(root: JsonObject | null, address: Address): string[] {
  const other = address.section === 'bearer' ? 'http-basic' : 'bearer';
  const section = root && findMember(root, other, FILE)?.value;
  if (section?.kind !== 'object' || !section.members.some((m) => m.key === address.host)) return [];
  return address.section === 'bearer'
    ? [
        `${FILE} also has http-basic credentials for ${address.host}; Composer sends the bearer token instead.`,
      ]
    : [
        `${FILE} also has a bearer token for ${address.host}, which Composer sends instead of these credentials; remove it for them to take effect.`,
      ];
}

export function editComposer(text: string, target: EditTarget): EditResult {
  if (target.reference) {
    throw new KeyportError('INVALID_INPUT', NO_REFERENCE.composer!);
  }
  assertSafeValue(target.secret, 'token');
  if (target.username !== undefined) assertSafeValue(target.username, 'user name');
  const address = addressOf(target);
  const value: NewValue = target.username
    ? [
        ['username', target.username],
        ['password', target.secret],
      ]
    : target.secret;
  return preservingBom(text, (body) => {
    const root = parseJsonObject(body, FILE);
    let out: string;
    if (root === null) {
      const layout = jsonLayout('', detectEol(body));
      out = `${renderValue([[address.section, [[address.host, value]]]], layout, '', false)}${layout.eol}`;
    } else {
      out = applySplices(body, ensure(body, root, address, value));
    }
    verify(body, out, (data) => {
      const section = child(data, address.section);
      if (typeof value === 'string') section[address.host] = value;
      else Object.assign(child(section, address.host), Object.fromEntries(value));
    });
    const notes = notesFor(root, address);
    return { text: out, entry: address.entry, ...(notes.length > 0 ? { notes } : {}) };
  });
}

/**
 * Removes the host's entry from the section `edit` wrote it to (http-basic with a username, else
 * bearer). An emptied section stays as `{}` (it holds no secret): then a write, its removal and
 * the same write again give the first write, and a file that had the section gets its bytes back.
 */
export function removeComposer(text: string, target: RemoveTarget): EditResult {
  const address = addressOf(target);
  return preservingBom(text, (body) => {
    const root = parseJsonObject(body, FILE);
    const sectionMember = root && findMember(root, address.section, FILE);
    const section = sectionMember?.value;
    if (!root || !sectionMember || section?.kind !== 'object')
      return { text: body, entry: address.entry };
    const hostMember = findMember(section, address.host, FILE);
    if (!hostMember) return { text: body, entry: address.entry };
    const out = removeSpans(body, [memberRemoval(section, hostMember)]);
    verify(body, out, (data) => {
      delete (data[address.section] as Json)[address.host];
    });
    return { text: out, entry: address.entry };
  });
}

/**
 * Spans of every credential: bearer tokens, http-basic passwords, and the tokens of the other
 * sections Composer knows (github-oauth, gitlab-oauth, gitlab-token, bitbucket-oauth secrets);
 * keys of other tools' auth.json files are not Composer's and not read.
 * A file that is not valid JSON has none that can be located.
 */
export function composerCredentialSpans(text: string): Span[] {
  let root: JsonObject | null;
  try {
    root = parseJsonObject(text, FILE);
  } catch {
    return [];
  }
  const spans: Span[] = [];
  for (const section of root?.members ?? []) {
    if (section.value.kind !== 'object' || !AUTH_SECTIONS.has(section.key)) continue;
    for (const host of section.value.members) {
      const v = host.value;
      if (v.kind === 'string') spans.push({ start: v.start + 1, end: v.end - 1 });
      if (v.kind !== 'object') continue;
      for (const field of v.members) {
        if (field.value.kind === 'string' && SECRET_FIELDS.has(field.key))
          spans.push({ start: field.value.start + 1, end: field.value.end - 1 });
      }
    }
  }
  return spans;
}

/** The section and host whose credential sits at `offset` (for the scanner), or null. */
export function composerEntryAt(
  text: string,
  offset: number,
): { section: string; host: string } | null {
  let root: JsonObject | null;
  try {
    root = parseJsonObject(text, FILE);
  } catch {
    return null;
  }
  for (const section of root?.members ?? []) {
    if (section.value.kind !== 'object') continue;
    const host = section.value.members.find((m) => m.value.start <= offset && offset < m.value.end);
    if (host) return { section: section.key, host: host.key };
  }
  return null;
}

/** Composer's credential sections (other tools' auth.json files, e.g. containers', have none). */
const AUTH_SECTIONS = new Set([
  'http-basic',
  'bearer',
  'github-oauth',
  'gitlab-oauth',
  'gitlab-token',
  'bitbucket-oauth',
]);

/** http-basic's password, gitlab-oauth's token, bitbucket-oauth's consumer secret. */
const SECRET_FIELDS = new Set(['password', 'token', 'consumer-secret', 'access-token']);

export const composerEditor: ConfigEditor = {
  format: 'composer',
  edit: editComposer,
  remove: removeComposer,
  credentialSpans: composerCredentialSpans,
  // Composer 2.5 refuses the whole file: "BOM detected, make sure your input does not include a Unicode Byte-Order-Mark".
  bomUnreadableBy: 'Composer',
};
