import { execFileSync, spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../support/temp-dir';

// The real `keyport` command (bin/keyport.cjs → out/cli) against the real Secret Service that
// scripts/with-keyring.mjs provides.
const BIN = path.resolve('bin/keyport.cjs');
const SECRET = 'kp-test-secret-0005-CLIINTEGRATION';
const tempDir = useTempDirs();

function keyport(args: string[], home: string, stdin = '') {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, KEYPORT_HOME: home, HOME: home },
  });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

describe('keyport CLI with the real keychain', () => {
  it('adds, lists masked, reveals and removes a token', () => {
    const home = tempDir();
    const add = keyport(
      [
        'add',
        '--label',
        'ci',
        '--registry',
        'https://registry.npmjs.org/',
        '--ecosystem',
        'npm',
        '--token-stdin',
      ],
      home,
      `${SECRET}\n`,
    );
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    expect(add.out).not.toContain(SECRET);

    const list = keyport(['list', '--json'], home);
    expect(list.code).toBe(0);
    const tokens = JSON.parse(list.out) as Array<Record<string, unknown>>;
    expect(tokens).toHaveLength(1);
    expect(tokens[0]).toMatchObject({
      label: 'ci',
      registry: 'https://registry.npmjs.org/',
      ecosystem: 'npm',
      masked: 'kp-t••••••••TION',
      expires: null,
    });
    expect(list.out).not.toContain(SECRET);
    const id = String(tokens[0]?.id);

    // The secret is in the Secret Service, filed under service "keyport"…
    const found = execFileSync('secret-tool', ['search', '--all', 'service', 'keyport'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    expect(found).toContain(SECRET);
    // …and in no file under KEYPORT_HOME.
    for (const file of filesUnder(home)) expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    expect(statSync(path.join(home, 'vault.json')).mode & 0o777).toBe(0o600);

    const reveal = keyport(['reveal', id], home);
    expect(reveal).toMatchObject({ code: 0, out: `${SECRET}\n` });

    expect(keyport(['remove', id], home).code).toBe(0);
    expect(JSON.parse(keyport(['list', '--json'], home).out)).toEqual([]);
    expect(keyport(['reveal', id], home).code).toBe(2);
  });

  it('fails with exit 1 and a clear sentence when no Secret Service is reachable', () => {
    const home = tempDir();
    const result = spawnSync(
      process.execPath,
      [BIN, 'add', '--label', 'x', '--registry', 'https://r.test/', '--token-stdin'],
      {
        input: SECRET,
        encoding: 'utf8',
        env: {
          ...process.env,
          KEYPORT_HOME: home,
          DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
        },
      },
    );
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/^keyport: No OS keychain is available/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).not.toContain(SECRET);
    // Nothing written.
    expect(filesUnder(home)).toEqual([]);
  });

  it('still lists (metadata only) when the keychain is gone', () => {
    const home = tempDir();
    const add = keyport(
      [
        'add',
        '--label',
        'listed',
        '--registry',
        'https://r.test/',
        '--ecosystem',
        'npm',
        '--token-stdin',
      ],
      home,
      SECRET,
    );
    expect(add.code).toBe(0);
    const noKeychain = {
      ...process.env,
      KEYPORT_HOME: home,
      DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent',
    };
    const list = spawnSync(process.execPath, [BIN, 'list', '--json'], {
      encoding: 'utf8',
      env: noKeychain,
    });
    expect(list.status).toBe(0);
    expect(JSON.parse(list.stdout)[0]).toMatchObject({
      label: 'listed',
      masked: 'kp-t••••••••TION',
    });
    const id = JSON.parse(list.stdout)[0].id as string;
    const reveal = spawnSync(process.execPath, [BIN, 'reveal', id], {
      encoding: 'utf8',
      env: noKeychain,
    });
    expect(reveal.status).toBe(1);
    expect(reveal.stderr).toMatch(/No OS keychain is available/);
    expect(keyport(['remove', id], home).code).toBe(0);
  });
});
