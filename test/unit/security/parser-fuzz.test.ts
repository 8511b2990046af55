import { parse as parseYaml } from 'yaml';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import ini from 'ini';
import { describe, expect, it } from 'vitest';
import { bundlerSettings } from '../../../src/core/configs/bundler-editor';
import { EDITORS } from '../../../src/core/configs/editors';
import { parseProperties } from '../../../src/core/configs/java-properties';
import { parseNetrc } from '../../../src/core/configs/netrc-parser';
import {
  parseCreatedToken,
  parseLoginToken,
  parseTokenPage,
  parseWhoami,
  WireShapeError,
} from '../../../src/core/registries/token-wire';
import { METADATA_FILE } from '../../../src/core/vault/metadata-file';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { Vault } from '../../../src/core/vault/vault';
import { KeyportError } from '../../../src/shared/errors';
import { CONFIG_FORMATS } from '../../../src/shared/types';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const RUNS = 1000;

/** JSON shapes near the npm token API's: right keys with random values, and random everything. */
const tokenish = fc.record(
  {
    token: fc.oneof(fc.string(), fc.jsonValue()),
    key: fc.oneof(fc.string(), fc.jsonValue()),
    readonly: fc.oneof(fc.boolean(), fc.jsonValue()),
    automation: fc.oneof(fc.boolean(), fc.jsonValue()),
    cidr_whitelist: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
    cidr: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
    created: fc.oneof(
      fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
      fc.integer(),
      fc.jsonValue(),
    ),
    updated: fc.jsonValue(),
    expires: fc.jsonValue(),
    name: fc.jsonValue(),
    packages: fc.oneof(fc.array(fc.string()), fc.jsonValue()),
    packages_and_scopes_permission: fc.oneof(
      fc.constantFrom('read-only', 'read-write', 'no-access'),
      fc.jsonValue(),
    ),
    username: fc.oneof(fc.string(), fc.jsonValue()),
    ['__proto__']: fc.jsonValue(),
  },
  { requiredKeys: [] },
);
const wireValue = fc.oneof(
  fc.jsonValue(),
  tokenish,
  fc.record({ objects: fc.oneof(fc.array(tokenish), fc.jsonValue()), urls: fc.jsonValue() }),
  fc.string().map((s) => {
    try {
      return JSON.parse(s) as unknown;
    } catch {
      return s;
    }
  }),
);

function onlyWireErrors(parse: () => unknown): unknown {
  try {
    return parse();
  } catch (err) {
    expect(err instanceof WireShapeError || err instanceof KeyportError, String(err)).toBe(true);
    return undefined;
  }
}

describe('registry answer parsing never crashes (token-wire)', () => {
  it('answers any JSON with a checked value or a WireShapeError', () => {
    fc.assert(
      fc.property(wireValue, (body) => {
        const page = onlyWireErrors(() => parseTokenPage(body)) as
          ReturnType<typeof parseTokenPage> | undefined;
        if (page) {
          for (const t of page.tokens) {
            expect(typeof t.key).toBe('string');
            expect(t.key).not.toBe('');
            expect(typeof t.readonly).toBe('boolean');
            expect(Array.isArray(t.cidr) && t.cidr.every((c) => typeof c === 'string')).toBe(true);
            expect(Number.isNaN(Date.parse(t.created))).toBe(false);
          }
          if (page.next !== undefined) expect(typeof page.next).toBe('string');
        }
        const created = onlyWireErrors(() => parseCreatedToken(body)) as
          ReturnType<typeof parseCreatedToken> | undefined;
        if (created) {
          expect(typeof created.token).toBe('string');
          expect(created.token).not.toBe('');
          if (created.token.length >= 12) expect(created.masked).not.toContain(created.token);
        }
        const login = onlyWireErrors(() => parseLoginToken(body));
        if (login !== undefined) expect(typeof login).toBe('string');
        const who = onlyWireErrors(() => parseWhoami(body));
        if (who !== undefined) expect(who === null || typeof who === 'string').toBe(true);
      }),
      { numRuns: RUNS * 3 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('never lets a WireShapeError quote the answer', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 12 }), (text) => {
        const secret = `KPWIRE${text}`;
        for (const body of [
          { token: 42, key: secret },
          { objects: [{ key: secret, created: secret }] },
          { username: [secret] },
        ]) {
          for (const parse of [parseTokenPage, parseCreatedToken, parseLoginToken, parseWhoami]) {
            try {
              parse(body);
            } catch (err) {
              expect((err as Error).message).not.toContain(secret);
            }
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the vault metadata file under random bytes', () => {
  it('refuses anything but a valid file with VAULT_CORRUPT, never a crash, and leaves it untouched', async () => {
    let corrupt = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 400 }),
          fc.jsonValue().map((v) => new TextEncoder().encode(JSON.stringify(v))),
          fc
            .record({
              version: fc.oneof(fc.constant(1), fc.jsonValue()),
              vaultId: fc.oneof(fc.string(), fc.jsonValue()),
              tokens: fc.oneof(fc.constant([]), fc.jsonValue()),
            })
            .map((v) => new TextEncoder().encode(JSON.stringify(v))),
        ),
        async (bytes) => {
          const dir = tempDir('keyport-vaultfuzz-');
          const file = path.join(dir, METADATA_FILE);
          writeFileSync(file, bytes);
          try {
            const vault = await Vault.open({ dir, secrets: new MemorySecretStore() });
            await vault.list();
          } catch (err) {
            expect(err).toBeInstanceOf(KeyportError);
            expect((err as KeyportError).code).toBe('VAULT_CORRUPT');
            expect(Buffer.compare(readFileSync(file), Buffer.from(bytes))).toBe(0);
            corrupt++;
          }
        },
      ),
      { numRuns: 300 },
    );
    expect(corrupt).toBeGreaterThan(100);
  });
});

/** Text fields other than the secret that the writers put into files (user name, ids, names). */
const INJECTIONS = [
  'a\nmachine evil.example login x password y',
  'a\r\n//evil.example/:_authToken=x',
  'a\u0000b',
  'a]]>b',
  'a</id><password>x</password><id>b',
  'a"><add key="x" value="y"/><x a="',
  "a' b",
  'a=b',
  'a # b',
  'a ; b',
  '[section]',
  'a\u2028b',
];

describe('config writers: injection through the non-secret fields', () => {
  const fieldsFor: Record<string, (value: string) => Record<string, string>> = {
    npmrc: (value) => ({ registry: `https://registry.example/${encodeURIComponent(value)}/` }),
    maven: (value) => ({ registry: 'https://repo.example/', serverId: value, username: value }),
    nuget: (value) => ({
      registry: 'https://feed.example/v3/index.json',
      source: value,
      username: value,
    }),
    netrc: (value) => ({ registry: 'https://target.example/', username: value }),
    pip: (value) => ({ registry: 'https://index.example/simple/', username: value }),
    pypirc: (value) => ({ registry: 'https://upload.example/legacy/', repository: value }),
    yarnrc: (value) => ({
      registry: `https://registry.example/${encodeURIComponent(value)}/`,
      scope: value,
    }),
    composer: (value) => ({ registry: 'https://repo.example/', username: value }),
    bundler: (value) => ({ registry: 'https://gems.example/', username: value }),
    gradle: (value) => ({ registry: '', repository: 'corp', username: value }),
  };

  for (const format of CONFIG_FORMATS) {
    it(`${format}: refuses the value or writes exactly one entry, and the file still parses`, () => {
      const fields = fieldsFor[format];
      if (!fields) throw new Error(`no injection fields for ${format}`);
      for (const value of INJECTIONS) {
        let text: string;
        try {
          text = EDITORS[format].edit('', {
            ...fields(value),
            secret: 'kp-test-inject-0001',
          } as never).text;
        } catch (err) {
          expect(err, `${format} ${JSON.stringify(value)}`).toBeInstanceOf(KeyportError);
          continue;
        }
        expect(text.split('kp-test-inject-0001').length - 1, `${format} ${value}`).toBe(1);
        if (format === 'netrc') {
          expect(parseNetrc(text).filter((e) => e.keyword.value === 'machine')).toHaveLength(1);
          expect(text).not.toContain('evil.example');
        }
        if (format === 'npmrc') {
          expect(Object.keys(ini.parse(text))).toHaveLength(1);
        }
        if (format === 'composer') {
          const auth = JSON.parse(text) as Record<string, Record<string, unknown>>;
          expect(Object.keys(auth)).toEqual(['http-basic']);
          expect(Object.keys(auth['http-basic']!)).toEqual(['repo.example']);
        }
        if (format === 'bundler') {
          expect([...bundlerSettings(text).keys()]).toEqual(['BUNDLE_GEMS__EXAMPLE']);
        }
        if (format === 'gradle') {
          const entries = parseProperties(text);
          expect(entries.map((e) => e.key)).toEqual(['corpUsername', 'corpPassword']);
          expect(entries[0]!.value).toBe(value);
        }
        if (format === 'yarnrc') {
          const scopes = (parseYaml(text) as { npmScopes: Record<string, unknown> }).npmScopes;
          expect(Object.keys(scopes)).toHaveLength(1);
        }
        const flat = text.replace(/\r?\n/g, '');
        expect(flat.includes('\u0000') || flat.includes('\u2028'), `${format} ${value}`).toBe(
          false,
        );
      }
    });
  }
});
