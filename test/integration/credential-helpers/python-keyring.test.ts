import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBasicAuthServer, type BasicAuthServer } from '../../support/basic-auth-server';
import { cliVault } from '../../support/cli-vault';
import { filesHolding } from '../../support/helper-env';
import { runKeyport, runProcess } from '../../support/run-keyport';
import { buildWheel, simpleIndex } from '../../support/simple-index';
import { useTempDirs } from '../../support/temp-dir';

// Debian's python3-keyring (its SecretService backend) and Debian's pip (23.0.1, which imports
// keyring on a 401 by itself; --keyring-provider came in pip 23.1) against a PEP 503 index on
// 127.0.0.1 that requires basic auth. The keychain is the real Secret Service of
// scripts/with-keyring.mjs.
const tempDir = useTempDirs();
const PYTHON = '/usr/bin/python3';
const TOKEN = 'kp-test-pip-keyring-000000000000001';
const USER = '__token__';

let server: BasicAuthServer;

beforeAll(async () => {
  if (spawnSync(PYTHON, ['-c', 'import keyring, pip']).status !== 0) {
    throw new Error(
      'Debian python3-keyring and python3-pip are needed: apt-get install python3-keyring python3-pip (scripts/system-deps.mjs)',
    );
  }
  const wheel = buildWheel(tempDir('keyport-wheels-'), 'demo_pkg');
  server = await startBasicAuthServer(USER, TOKEN, simpleIndex([wheel]));
});

afterAll(async () => {
  await server?.close();
});

describe('keyport setup python', () => {
  it('lets keyring get and pip download from an authenticated index with no password in any file', async () => {
    const vault = cliVault(tempDir());
    const { root, home, env } = vault;
    const dest = path.join(root, 'dest');
    const index = `${server.url}/simple/`;
    const [token] = await vault.seed({
      label: 'private index',
      registry: `${server.url}/`,
      ecosystem: 'pip',
      secret: TOKEN,
      origin: 'pasted',
    });

    const pip = () =>
      runProcess(
        PYTHON,
        [
          '-m',
          'pip',
          'download',
          '--no-deps',
          '--no-cache-dir',
          '--disable-pip-version-check',
          '--index-url',
          index,
          '-d',
          dest,
          'demo-pkg',
        ],
        env,
      );
    // Before setup, pip finds no credential anywhere (and cannot prompt): it fails.
    const before = await pip();
    expect(before.code).not.toBe(0);

    const setup = await runKeyport(
      ['setup', 'python', '--registry', index, '--username', USER],
      env,
    );
    expect(setup.err).toBe('');
    expect(setup.code).toBe(0);
    expect(setup.out).not.toContain(TOKEN);

    for (const service of [index, new URL(server.url).host]) {
      const got = await runProcess(PYTHON, ['-m', 'keyring', 'get', service, USER], env);
      expect(got.out).toBe(`${TOKEN}\n`);
    }

    const after = await pip();
    expect(after.code, after.err).toBe(0);
    expect(readdirSync(dest)).toEqual(['demo_pkg-0.1-py3-none-any.whl']);
    expect(server.seenUsers).toContain(USER);

    const linked = (await vault.tokens()).find((t) => t.id === token.id)!;
    expect(linked.helperLinks?.map((l) => l.service).sort()).toEqual(
      [index, new URL(server.url).host].sort(),
    );
    expect(filesHolding(root, TOKEN)).toEqual([]);
    expect(existsSync(path.join(home, '.config', 'pip'))).toBe(false);
  });

  it('refuses an index URL with credentials in it and a host no token is for', async () => {
    const { env } = cliVault(tempDir());
    const withPassword = await runKeyport(
      ['setup', 'python', '--registry', 'https://u:p@pypi.example.test/simple/', '--username', 'u'],
      env,
    );
    expect(withPassword.code).toBe(2);
    expect(withPassword.err).toMatch(/no user name or password/);
    const unknown = await runKeyport(
      ['setup', 'python', '--registry', 'https://pypi.example.test/simple/', '--username', 'u'],
      env,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/No token in the vault for pypi\.example\.test/);
    const none = await runProcess(
      PYTHON,
      ['-m', 'keyring', 'get', 'https://pypi.example.test/simple/', 'u'],
      env,
    );
    expect(none.out).toBe('');
  });
});
