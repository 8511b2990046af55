import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConfigFormat } from '../../../src/shared/types';
import type { EditTarget, RemoveTarget } from '../../../src/core/configs/config-editor';
import {
  applyWrite,
  planRemove,
  planWrite,
  type WriteTarget,
} from '../../../src/core/configs/config-writer';
import { sameRegistry } from '../../../src/core/registries/registry-url';
import {
  authServer,
  basicAuth,
  npmConfigList,
  npmWhoami,
  curlWithNetrc,
  hasCommand,
  mavenReadServers,
  mavenValidate,
  npmConfigGet,
  nuget,
  pipConfigList,
  pythonNetrc,
  run,
  clientEnv,
  useTempHomes,
  twineConfig,
  type AuthServer,
} from '../../support/config-clients';
import { CONFIG_FIXTURES, corpusCases } from '../../support/config-corpus';

/** Each client's HOME, removed after its test. */
const tempHome = useTempHomes();

const TRICKY = [
  'kp-test;secret#0001',
  'kp-test"quote\\0001',
  "kp-test=eq'0001",
  '[kp-test-0001]',
  'kp-tést-ü-0001',
  // A password, not a token: spaces inside are what users have.
  'kp-test pass phrase 0001',
];

/** The corpus's write cases of a format that end in a file (not in an error). */
const corpus = (format: ConfigFormat): Array<[string, EditTarget, string | null]> =>
  corpusCases(format, 'edit').map(({ name, target, input }) => [name, target, input]);

/** Removal cases (no secret in their target), each with a non-empty input file. */
const removals = (format: ConfigFormat): Array<[string, RemoveTarget, string]> =>
  corpusCases(format, 'remove').flatMap(({ name, target, input }) =>
    input ? [[name, target as RemoveTarget, input]] : [],
  );

/** Removes through the public API from a copy of `input` in a fresh temp HOME. */
async function removeFrom(
  format: ConfigFormat,
  fileName: string,
  target: RemoveTarget,
  input: string,
): Promise<{ home: string; file: string; before: string }> {
  const home = tempHome();
  const file = path.join(home, fileName);
  copyFileSync(input, file);
  const before = readFileSync(file, 'utf8');
  await applyWrite(await planRemove({ ...target, format, file }));
  return { home, file, before };
}

/** Test tokens the removal took out of the file (present before, gone after). */
function removedTokens(before: string, after: string): string[] {
  return [...new Set(before.match(/kp-test[^\s"<]*/g) ?? [])].filter((t) => !after.includes(t));
}

/** Writes through the public API into a fresh temp HOME, starting from `input` if given. */
async function write(
  format: ConfigFormat,
  fileName: string,
  target: EditTarget,
  input: string | null = null,
): Promise<{ home: string; file: string }> {
  const home = tempHome();
  const file = path.join(home, fileName);
  if (input) copyFileSync(input, file);
  const full: WriteTarget = { ...target, format, file };
  await applyWrite(await planWrite(full));
  return { home, file };
}

describe('npm reads what Keyport wrote', () => {
  it.each(corpus('npmrc'))('%s (npm config list)', async (_name, target, input) => {
    const { home, file } = await write('npmrc', '.npmrc', target, input);
    const listed = await npmConfigList(home, file);
    const nerf = readFileSync(file, 'utf8').match(/^(\/\/[^=\s]+\/:_authToken)\s*=/m)?.[1];
    expect(listed).toContain(`${nerf} = (protected)`);
    if (target.scope) {
      // The user's spelling of the same registry may stay (no trailing slash, :443).
      const scoped = await npmConfigGet(home, file, `${target.scope}:registry`);
      expect(sameRegistry(scoped, target.registry)).toBe(true);
    }
  });

  it.each(TRICKY)('npm whoami sends the token %s unchanged', async (secret) => {
    const server = await authServer(`Bearer ${secret}`);
    try {
      const registry = `${server.url}npm/private/`;
      const input = path.join(CONFIG_FIXTURES, 'npmrc/update-in-place/input');
      const { home, file } = await write(
        'npmrc',
        '.npmrc',
        { registry, secret, scope: '@kp' },
        input,
      );
      const r = await npmWhoami(home, file, registry);
      expect(r.stdout.trim()).toBe('kp-tester');
    } finally {
      await server.close();
    }
  });
});

describe('Maven reads what Keyport wrote', () => {
  it.each(corpus('maven'))('%s (SettingsXpp3Reader, strict)', async (_name, target, input) => {
    const { home, file } = await write('maven', 'settings.xml', target, input);
    const server = (await mavenReadServers(home, file)).find((s) => s.id === target.serverId);
    const bearer = (target.mavenAuth ?? (target.username ? 'password' : 'bearer')) === 'bearer';
    if (bearer) expect(server?.authorization).toBe(`Bearer ${target.secret}`);
    else expect(server).toMatchObject({ username: target.username, password: target.secret });
  });

  it.each([...TRICKY, 'kp-test]]><x>&amp;0001'])('keeps the token %s intact', async (secret) => {
    const { home, file } = await write('maven', 'settings.xml', {
      registry: 'https://repo.example/',
      serverId: 'corp',
      username: 'ci',
      secret,
    });
    expect(await mavenReadServers(home, file)).toEqual([
      { id: 'corp', username: 'ci', password: secret, authorization: null },
    ]);
  });

  it('mvn -o validate loads the written settings', async () => {
    const input = path.join(CONFIG_FIXTURES, 'maven/update-password/input');
    const { home, file } = await write(
      'maven',
      'settings.xml',
      { registry: 'https://repo.example/', serverId: 'new', secret: 'kp-test-secret-0001' },
      input,
    );
    const r = await mavenValidate(home, file);
    expect(r.stdout).toContain('BUILD SUCCESS');
  });
});

describe.runIf(hasCommand('mono'))('NuGet.exe (mono) reads what Keyport wrote', () => {
  let server: AuthServer;
  const secret = 'kp-test"&< pass 0001';
  beforeAll(async () => {
    server = await authServer(basicAuth('ci', secret));
  });
  afterAll(() => server.close());

  it.each(corpus('nuget'))('%s: sources list accepts the file', async (_name, target, input) => {
    const { home, file } = await write('nuget', 'NuGet.Config', target, input);
    const r = await nuget(home, ['sources', 'list', '-ConfigFile', file]);
    expect(r.stdout + r.stderr).not.toMatch(/unable to parse/i);
    // NuGet lists the key as written in the file; it matches source names ignoring case.
    expect(r.stdout.toLowerCase()).toContain(`${target.source!.toLowerCase()} [enabled]`);
  });

  it('sends the written credentials to the feed (source name with spaces, old Password replaced)', async () => {
    const input = path.join(CONFIG_FIXTURES, 'nuget/replace-encrypted-password/input');
    const feed = `${server.url}v3/index.json`;
    const { home, file } = await write(
      'nuget',
      'NuGet.Config',
      { registry: feed, source: 'corp', username: 'ci', secret },
      input,
    );
    await nuget(home, ['list', '-Source', 'corp', '-ConfigFile', file]);
    const renamed = await write('nuget', 'NuGet.Config', {
      registry: feed,
      source: '2nd feed',
      username: 'ci',
      secret,
    });
    await nuget(renamed.home, ['list', '-Source', '2nd feed', '-ConfigFile', renamed.file]);
    expect(server.seen.filter((a) => a === basicAuth('ci', secret))).toHaveLength(2);
  });
});

describe('.netrc readers use what Keyport wrote', () => {
  it.each(corpus('netrc'))('%s (python netrc)', async (_name, target, input) => {
    const { home, file } = await write('netrc', '.netrc', target, input);
    const host = new URL(target.registry).hostname;
    const [login, , password] = (await pythonNetrc(home, file, host)) as string[];
    expect(password).toBe(target.secret);
    if (target.username) expect(login).toBe(target.username);
  });

  it('curl --netrc-file authenticates against a loopback server, default and macdef kept', async () => {
    const secret = 'kp-test-secret-0001';
    const server = await authServer(basicAuth('ci', secret));
    try {
      const input = path.join(CONFIG_FIXTURES, 'netrc/insert-before-default/input');
      const { home, file } = await write(
        'netrc',
        '.netrc',
        { registry: server.url, username: 'ci', secret },
        input,
      );
      const r = await curlWithNetrc(home, file, server.url);
      expect(r.stdout).toBe('200');
      // The other entries still work for Python.
      expect(await pythonNetrc(home, file, 'git.example.com')).toEqual([
        'alice',
        '',
        'kp-test-old-0000',
      ]);
      expect(await pythonNetrc(home, file, 'elsewhere.example')).toEqual([
        'anonymous',
        '',
        'guest@example.com',
      ]);
    } finally {
      await server.close();
    }
  });
});

describe('pip reads what Keyport wrote', () => {
  it.each(corpus('pip'))('%s (pip config list)', async (_name, target, input) => {
    const { home, file } = await write('pip', 'pip.conf', target, input);
    const config = await pipConfigList(home, file);
    const key = `global.${target.pipMode ?? 'index-url'}`;
    const urls = (config[key] ?? '').split(/\s+/);
    const ours = urls.map((u) => new URL(u)).find((u) => u.host === new URL(target.registry).host);
    expect(decodeURIComponent(ours!.password)).toBe(target.secret);
    expect(decodeURIComponent(ours!.username)).toBe(target.username ?? '__token__');
  });

  it('pip sends the percent-encoded credentials decoded to a loopback index', async () => {
    const secret = 'kp-test/s@c:r%t #0001 pass';
    const server = await authServer(basicAuth('ci@corp', secret));
    try {
      const { home, file } = await write('pip', 'pip.conf', {
        registry: `${server.url}simple/`,
        username: 'ci@corp',
        secret,
      });
      await run(
        'python3',
        [
          '-m',
          'pip',
          'download',
          '--no-deps',
          '--no-cache-dir',
          '-d',
          path.join(home, 'dl'),
          'kp-no-such-pkg',
        ],
        clientEnv(home, { PIP_CONFIG_FILE: file }),
        home,
      );
      expect(server.seen).toContain(basicAuth('ci@corp', secret));
    } finally {
      await server.close();
    }
  });
});

describe('twine (configparser) reads what Keyport wrote to .pypirc', () => {
  it.each(corpus('pypirc'))('%s', async (_name, target, input) => {
    const { home, file } = await write('pypirc', '.pypirc', target, input);
    const config = await twineConfig(home, file);
    const host = new URL(target.registry).hostname;
    const name = target.repository ?? (host === 'test.pypi.org' ? 'testpypi' : 'pypi');
    expect(config[name]).toMatchObject({
      username: target.username ?? '__token__',
      password: target.secret,
    });
  });
});

describe('real clients no longer find what Keyport removed', () => {
  it.each(removals('npmrc'))('npm: %s (npm config list)', async (_name, target, input) => {
    const { home, file } = await removeFrom('npmrc', '.npmrc', target, input);
    const nerf = `//${new URL(target.registry).host}${new URL(target.registry).pathname.replace(/\/?$/, '/')}`;
    const listed = await npmConfigList(home, file);
    expect(listed).not.toMatch(
      new RegExp(`^${nerf.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:_authToken`, 'mi'),
    );
    if (target.scope) {
      // The scope mapping held no secret and stays.
      expect(await npmConfigGet(home, file, `${target.scope}:registry`)).toMatch(/^https:\/\//);
    }
  });

  it('npm whoami no longer authenticates after write then remove (other registries kept)', async () => {
    const secret = 'kp-test-secret-0001';
    const server = await authServer(`Bearer ${secret}`);
    try {
      const registry = `${server.url}npm/private/`;
      const input = path.join(CONFIG_FIXTURES, 'npmrc/update-in-place/input');
      const { home, file } = await write('npmrc', '.npmrc', { registry, secret }, input);
      expect((await npmWhoami(home, file, registry)).stdout.trim()).toBe('kp-tester');
      await applyWrite(await planRemove({ format: 'npmrc', file, registry }));
      expect(readFileSync(file, 'utf8')).toBe(readFileSync(input, 'utf8'));
      const r = await npmWhoami(home, file, registry);
      expect(r.code).not.toBe(0);
      expect(r.stdout.trim()).not.toBe('kp-tester');
      expect(await npmConfigList(home, file)).toContain(
        '//registry.npmjs.org/:_authToken = (protected)',
      );
    } finally {
      await server.close();
    }
  });

  it.each(removals('maven'))('Maven: %s (SettingsXpp3Reader)', async (_name, target, input) => {
    const { home, file, before } = await removeFrom('maven', 'settings.xml', target, input);
    const servers = await mavenReadServers(home, file);
    const gone = removedTokens(before, readFileSync(file, 'utf8'));
    for (const s of servers) {
      for (const t of gone) expect(JSON.stringify(s)).not.toContain(t);
    }
    // Maven reads the first server of an id; only a shadowed duplicate may remain.
    const duplicates = (before.match(new RegExp(`<id>${target.serverId}</id>`, 'g')) ?? []).length;
    expect(servers.filter((s) => s.id === target.serverId)).toHaveLength(
      Math.max(0, duplicates - 1),
    );
  });

  it('Maven: write then remove, the reader no longer lists the server', async () => {
    const input = path.join(CONFIG_FIXTURES, 'maven/update-password/input');
    const target = { registry: 'https://repo.example/', serverId: 'kp-new', username: 'ci' };
    const { home, file } = await write(
      'maven',
      'settings.xml',
      { ...target, secret: 'kp-test-secret-0001' },
      input,
    );
    expect((await mavenReadServers(home, file)).map((s) => s.id)).toContain('kp-new');
    await applyWrite(await planRemove({ ...target, format: 'maven', file }));
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(input, 'utf8'));
    expect((await mavenReadServers(home, file)).map((s) => s.id)).not.toContain('kp-new');
  });

  describe.runIf(hasCommand('mono'))('NuGet.exe (mono)', () => {
    it.each(removals('nuget'))(
      '%s: sources list still lists the source',
      async (_name, target, input) => {
        const { home, file } = await removeFrom('nuget', 'NuGet.Config', target, input);
        const r = await nuget(home, ['sources', 'list', '-ConfigFile', file]);
        expect(r.stdout + r.stderr).not.toMatch(/unable to parse/i);
        expect(r.stdout.toLowerCase()).toContain(`${target.source!.toLowerCase()} [enabled]`);
      },
    );

    it('sends no credentials to the feed after write then remove', async () => {
      const secret = 'kp-test-secret-0001';
      const server = await authServer(basicAuth('ci', secret));
      try {
        const feed = `${server.url}v3/index.json`;
        const target = { registry: feed, source: 'corp feed', username: 'ci' };
        const { home, file } = await write('nuget', 'NuGet.Config', { ...target, secret });
        await applyWrite(await planRemove({ ...target, format: 'nuget', file }));
        expect(readFileSync(file, 'utf8')).not.toContain(secret);
        const listed = await nuget(home, ['sources', 'list', '-ConfigFile', file]);
        expect(listed.stdout.toLowerCase()).toContain('corp feed [enabled]');
        await nuget(home, ['list', '-Source', 'corp feed', '-ConfigFile', file]);
        expect(server.seen.length).toBeGreaterThan(0);
        expect(server.seen).not.toContain(basicAuth('ci', secret));
      } finally {
        await server.close();
      }
    });
  });

  it.each(removals('netrc'))('python netrc: %s', async (_name, target, input) => {
    const { home, file } = await removeFrom('netrc', '.netrc', target, input);
    const host = new URL(target.registry).hostname;
    // Python (like curl) falls back to `default` for a host without a machine entry of its own.
    const fallback = await pythonNetrc(home, file, 'kp-no-such-host.invalid');
    expect(await pythonNetrc(home, file, host)).toEqual(fallback);
    if (!readFileSync(file, 'utf8').includes('default')) expect(fallback).toBeNull();
  });

  it('curl is refused after write then remove; default and macdef still work for Python', async () => {
    const secret = 'kp-test-secret-0001';
    const server = await authServer(basicAuth('ci', secret));
    try {
      const input = path.join(CONFIG_FIXTURES, 'netrc/insert-before-default/input');
      const target = { registry: server.url, username: 'ci' };
      const { home, file } = await write('netrc', '.netrc', { ...target, secret }, input);
      expect((await curlWithNetrc(home, file, server.url)).stdout).toBe('200');
      await applyWrite(await planRemove({ ...target, format: 'netrc', file }));
      expect(readFileSync(file, 'utf8')).toBe(readFileSync(input, 'utf8'));
      expect((await curlWithNetrc(home, file, server.url)).stdout).toBe('401');
      // 127.0.0.1 now falls to `default`, as it did before the write.
      expect(await pythonNetrc(home, file, '127.0.0.1')).toEqual([
        'anonymous',
        '',
        'guest@example.com',
      ]);
    } finally {
      await server.close();
    }
  });

  it.each(removals('pip'))('pip config list: %s', async (_name, target, input) => {
    const { home, file } = await removeFrom('pip', 'pip.conf', target, input);
    const config = await pipConfigList(home, file);
    const urls = (config[`global.${target.pipMode ?? 'index-url'}`] ?? '')
      // pip prints a multi-line value with its line breaks as a literal \n.
      .split(/\s+|\\n/)
      .filter(Boolean);
    const ours = urls
      .map((u) => new URL(u))
      .filter((u) => u.host === new URL(target.registry).host);
    expect(ours.length).toBeGreaterThan(0);
    for (const u of ours) expect([u.username, u.password]).toEqual(['', '']);
  });

  it.each(removals('pypirc'))('twine (configparser): %s', async (_name, target, input) => {
    const { home, file } = await removeFrom('pypirc', '.pypirc', target, input);
    const config = await twineConfig(home, file);
    const name = target.repository ?? 'pypi';
    expect(config[name]).toBeDefined();
    expect(config[name]).not.toHaveProperty('username');
    expect(config[name]).not.toHaveProperty('password');
  });
});

describe('a byte-order mark the client cannot read is dropped, and the preview says so', () => {
  const BOM = '\uFEFF';
  const cases = [
    {
      format: 'pip' as const,
      name: 'pip.conf',
      input: `${BOM}[global]\ntimeout = 60\n`,
      target: {
        registry: 'https://pypi.corp.example/simple/',
        username: 'ci',
        secret: 'kp-test-bom-pip-1',
      },
      reads: async (home: string, file: string) =>
        (await pipConfigList(home, file))['global.index-url'],
    },
    {
      format: 'netrc' as const,
      name: '.netrc',
      input: `${BOM}machine other.example login o password kp-test-other\n`,
      target: {
        registry: 'https://git.example.com/',
        username: 'ci',
        secret: 'kp-test-bom-netrc-1',
      },
      reads: async (home: string, file: string) =>
        JSON.stringify(await pythonNetrc(home, file, 'git.example.com')),
    },
    {
      format: 'pypirc' as const,
      name: '.pypirc',
      input: `${BOM}[distutils]\nindex-servers =\n    pypi\n`,
      target: { registry: 'https://upload.pypi.org/legacy/', secret: 'kp-test-bom-pypirc-1' },
      reads: async (home: string, file: string) => JSON.stringify(await twineConfig(home, file)),
    },
  ];
  it.each(cases)('$format', async ({ format, name, input, target, reads }) => {
    const home = tempHome();
    const file = path.join(home, name);
    // Owner-only, so the only note is the BOM's (a shared file would also get a mode note).
    writeFileSync(file, input, { mode: 0o600 });
    const plan = await planWrite({ ...target, format, file });
    expect(plan.notes).toEqual([expect.stringContaining('byte-order mark')]);
    await applyWrite(plan);
    expect(readFileSync(file, 'utf8').startsWith(BOM)).toBe(false);
    expect(await reads(home, file)).toContain(target.secret);
  });

  it('npm reads a BOM, so .npmrc keeps it and the preview has no note', async () => {
    const home = tempHome();
    const file = path.join(home, '.npmrc');
    writeFileSync(file, `${BOM}save-exact=true\n`, { mode: 0o600 });
    const plan = await planWrite({
      format: 'npmrc',
      file,
      registry: 'https://registry.npmjs.org/',
      secret: 'kp-test-bom-npm-1',
    });
    expect(plan.notes).toEqual([]);
    await applyWrite(plan);
    expect(readFileSync(file, 'utf8').startsWith(BOM)).toBe(true);
    expect(await npmConfigList(home, file)).toContain(
      '//registry.npmjs.org/:_authToken = (protected)',
    );
  });
});
