import { spawnSync } from 'node:child_process';
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KEYCHAIN_SERVICE } from '../../src/core/open-core';
import { KeyringSecretStore } from '../../src/core/vault/keyring-secret-store';
import { KEYPORT_BIN } from '../support/run-keyport';
import { useTempDirs } from '../support/temp-dir';

// The opt-in encrypted file store through the real `keyport` command: with no Secret Service
// at all (a D-Bus address that leads nowhere), and moving tokens to and from the real one that
// scripts/with-keyring.mjs provides. The passphrase comes on file descriptor 3, as a script's
// would; the terminal prompt needs a terminal, which these tests do not have.
const SECRET = 'kp-test-file-store-cli-0123456789abcdef';
const PASSPHRASE = 'a long file store passphrase';
const tempDir = useTempDirs();

interface Run {
  code: number | null;
  out: string;
  err: string;
}

function keyport(
  args: string[],
  env: NodeJS.ProcessEnv,
  options: { stdin?: string; passphrase?: string; cwd?: string } = {},
): Run {
  let fd: number | undefined;
  if (options.passphrase !== undefined) {
    const file = path.join(tempDir(), 'passphrase');
    writeFileSync(file, `${options.passphrase}\n`, { mode: 0o600 });
    fd = openSync(file, 'r');
  }
  try {
    const run = spawnSync(process.execPath, [KEYPORT_BIN, ...args], {
      input: options.stdin ?? '',
      encoding: 'utf8',
      cwd: options.cwd ?? process.cwd(),
      env: fd === undefined ? env : { ...env, KEYPORT_PASSPHRASE_FD: '3' },
      stdio: ['pipe', 'pipe', 'pipe', fd ?? 'ignore'],
    });
    return { code: run.status, out: run.stdout, err: run.stderr };
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name));
}

const ADD = [
  'add',
  '--label',
  'ci',
  '--registry',
  'https://registry.example.test/',
  '--token-stdin',
];

describe('the encrypted file store, where there is no OS keychain', () => {
  it('keyport add fails with exit 1 and one sentence that names the file store', () => {
    const home = tempDir();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      HOME: home,
      KEYPORT_HOME: path.join(home, 'data'),
    };
    env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent';
    delete env.KEYPORT_STORE;
    const add = keyport(ADD, env, { stdin: SECRET });
    expect(add.code).toBe(1);
    expect(add.err.trim().split('\n')).toHaveLength(1);
    expect(add.err).toMatch(/^keyport: No OS keychain is available/);
    expect(add.err).toMatch(/encrypted file store: keyport store move --to file/);
    expect(add.err).not.toContain(SECRET);
  });

  it('once chosen: add, reveal and exec work, the file holds no plaintext, doctor says why', () => {
    const home = tempDir();
    const data = path.join(home, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, KEYPORT_HOME: data };
    env.DBUS_SESSION_BUS_ADDRESS = 'unix:path=/nonexistent';
    delete env.KEYPORT_STORE;
    for (const k of Object.keys(env)) if (k.startsWith('npm_config_')) delete env[k];

    const move = keyport(['store', 'move', '--to', 'file'], env, { passphrase: PASSPHRASE });
    expect(move.err).toBe('');
    expect(move.code).toBe(0);
    const add = keyport(ADD, env, { stdin: `${SECRET}\n`, passphrase: PASSPHRASE });
    expect(add.err).toBe('');
    expect(add.code).toBe(0);
    const [token] = JSON.parse(keyport(['list', '--json'], env).out) as { id: string }[];
    const id = token!.id;

    expect(keyport(['reveal', id], env, { passphrase: PASSPHRASE })).toMatchObject({
      code: 0,
      out: `${SECRET}\n`,
    });
    const wrong = keyport(['reveal', id], env, { passphrase: 'not it' });
    expect(wrong.code).toBe(1);
    expect(wrong.err).toBe(
      'keyport: The passphrase does not open the encrypted file store; nothing was changed.\n',
    );
    const none = keyport(['reveal', id], env);
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/needs its passphrase/);

    // exec: a reference in the user's .npmrc pulls the token from the file store.
    const variable = `KEYPORT_${id.toUpperCase()}`;
    writeFileSync(path.join(home, '.npmrc'), `//r.example.test/:_authToken=\${${variable}}\n`);
    const exec = keyport(
      ['exec', '--', process.execPath, '-e', `process.stdout.write(process.env.${variable})`],
      env,
      { passphrase: PASSPHRASE, cwd: home },
    );
    expect(exec.err).toBe('');
    expect(exec).toMatchObject({ code: 0, out: SECRET });

    for (const file of filesUnder(data)) {
      const text = readFileSync(file, 'utf8');
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }

    const doctor = keyport(['doctor'], env);
    expect(doctor.code).toBe(0);
    expect(doctor.out).toMatch(
      /^Secret store: the encrypted file store \(.*secrets\.enc\.json\) — recorded in .*store\.json by keyport store move\.$/m,
    );
    expect(doctor.out).toMatch(/^OS keychain: not reachable: /m);
    expect(doctor.out).toMatch(
      /keyport exec: exec reads the referenced tokens from the encrypted file/,
    );
  });

  it('moves tokens from the OS keychain to the file store and back', async () => {
    const home = tempDir();
    const data = path.join(home, 'data');
    const env: NodeJS.ProcessEnv = { ...process.env, HOME: home, KEYPORT_HOME: data };
    delete env.KEYPORT_STORE;
    expect(keyport(ADD, env, { stdin: SECRET }).code).toBe(0);
    const [token] = JSON.parse(keyport(['list', '--json'], env).out) as { id: string }[];
    const vaultId = (
      JSON.parse(readFileSync(path.join(data, 'vault.json'), 'utf8')) as {
        vaultId: string;
      }
    ).vaultId;
    const entry = `${vaultId}:${token!.id}`;
    const keychain = new KeyringSecretStore(KEYCHAIN_SERVICE);

    const toFile = keyport(['store', 'move', '--to', 'file'], env, { passphrase: PASSPHRASE });
    expect(toFile.err).toBe('');
    expect(toFile.out).toBe(
      'Moved 2 secret(s) to the encrypted file store; Keyport uses it from now on.\n',
    );
    expect(await keychain.get(entry)).toBeNull();
    expect(keyport(['reveal', token!.id], env, { passphrase: PASSPHRASE }).out).toBe(`${SECRET}\n`);

    const back = keyport(['store', 'move', '--to', 'keychain'], env, { passphrase: PASSPHRASE });
    expect(back.err).toBe('');
    expect(back.code).toBe(0);
    expect(await keychain.get(entry)).toBe(SECRET);
    // No passphrase needed any more, and the file keeps no entry.
    expect(keyport(['reveal', token!.id], env).out).toBe(`${SECRET}\n`);
    const file = JSON.parse(readFileSync(path.join(data, 'secrets.enc.json'), 'utf8')) as {
      entries: Record<string, unknown>;
    };
    expect(file.entries).toEqual({});
    expect(keyport(['remove', token!.id], env).code).toBe(0);
  });
});
