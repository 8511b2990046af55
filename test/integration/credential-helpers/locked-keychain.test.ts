import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cliVault } from '../../support/cli-vault';
import { startOciRegistry, type OciRegistry } from '../../support/oci-registry';
import { startPrivateKeyring, type PrivateKeyring } from '../../support/private-keyring';
import { runKeyport, runProcess } from '../../support/run-keyport';
import { useTempDirs } from '../../support/temp-dir';

// A locked (not missing) keychain: the test's own gnome-keyring (test/support/private-keyring.ts)
// holds the token, its login collection is locked through the Secret Service's Lock method,
// and the real helpers are asked by the real git and skopeo. The unlock prompt cannot show
// (no display), which gnome-keyring reports as a dismissed prompt: what a user who cancels the
// desktop's unlock dialog gets.
const tempDir = useTempDirs();
const GIT_HELPER = path.resolve('bin/git-credential-keyport.cjs');
const DOCKER_HELPER = path.resolve('bin/docker-credential-keyport.cjs');
const SECRET = 'kp-test-locked-keychain-0000000001';
const USER = 'locked-user';

let keyring: PrivateKeyring | undefined;
let registry: OciRegistry | undefined;

afterEach(async () => {
  await registry?.stop();
  await keyring?.stop();
  registry = undefined;
  keyring = undefined;
});

async function lockedVault(host: string) {
  const { root, home, env: vaultEnv } = cliVault(tempDir());
  keyring = await startPrivateKeyring(tempDir('keyport-private-keyring-'));
  const env: NodeJS.ProcessEnv = { ...vaultEnv, ...keyring.env };
  const add = await runKeyport(
    [
      'add',
      '--label',
      'locked',
      '--registry',
      `http://${host}/`,
      '--ecosystem',
      'other',
      '--user',
      USER,
      '--token-stdin',
    ],
    env,
    SECRET,
  );
  expect(add.code, add.err).toBe(0);
  return { root, home, env };
}

describe('credential helpers with a locked keychain', () => {
  it('git gets nothing from Keyport and goes on to its next helper; the helper says why on stderr', async () => {
    const host = 'git.example.test';
    const { home, env } = await lockedVault(host);
    const gitconfig = path.join(home, '.gitconfig');
    expect((await runKeyport(['setup', 'git', '--file', gitconfig], env)).code).toBe(0);
    // The next helper git asks, standing in for another store or the prompt.
    const fallback = `!f() { test "$1" = get && printf 'username=fallback\\npassword=kp-test-fallback-0001\\n'; }; f`;
    expect(
      (
        await runProcess(
          'git',
          ['config', '--file', gitconfig, '--add', 'credential.helper', fallback],
          env,
        )
      ).code,
    ).toBe(0);
    const ask = `protocol=http\nhost=${host}\n\n`;

    // Unlocked, Keyport answers first: the fallback below is the lock's doing.
    const open = await runProcess('git', ['credential', 'fill'], env, ask);
    expect(open.out).toContain(`password=${SECRET}\n`);

    keyring!.lock();
    expect(keyring!.locked()).toBe(true);
    const direct = await runProcess(process.execPath, [GIT_HELPER, 'get'], env, ask);
    expect(direct.code).toBe(0);
    expect(direct.out).toBe('');
    expect(direct.err).toBe(
      'git-credential-keyport: The keychain is locked. Unlock it (log in to your desktop keyring) and try again; nothing was changed.\n',
    );
    const fill = await runProcess('git', ['credential', 'fill'], env, ask);
    expect(fill.code, fill.err).toBe(0);
    expect(fill.out).toBe(
      `protocol=http\nhost=${host}\nusername=fallback\npassword=kp-test-fallback-0001\n`,
    );
    expect(fill.err).toContain('The keychain is locked');
    expect(fill.out + fill.err).not.toContain(SECRET);
  });

  it('docker-credential-keyport prints the not-found sentence (exit 1) and skopeo goes on without credentials, as with the Debian helper', async () => {
    const root0 = tempDir('keyport-registry-');
    registry = await startOciRegistry(root0, USER, SECRET);
    const { root, home, env } = await lockedVault(registry.host);
    const bin = path.join(root, 'bin');
    mkdirSync(bin);
    symlinkSync(DOCKER_HELPER, path.join(bin, 'docker-credential-keyport'));
    const authFile = path.join(home, 'auth.json');
    const registriesConf = path.join(root, 'registries.conf');
    writeFileSync(registriesConf, `[[registry]]\nlocation = "${registry.host}"\ninsecure = true\n`);
    const skopeoEnv = {
      ...env,
      PATH: `${bin}:${env.PATH}`,
      REGISTRY_AUTH_FILE: authFile,
      CONTAINERS_REGISTRIES_CONF: registriesConf,
    };
    expect(
      (await runKeyport(['setup', 'docker', '--registry', registry.host, '--file', authFile], env))
        .code,
    ).toBe(0);
    const login = await runProcess(
      'skopeo',
      ['login', '--tls-verify=false', '--get-login', registry.host],
      skopeoEnv,
    );
    // Unlocked: skopeo finds the login through Keyport.
    expect(login.out.trim()).toBe(USER);

    keyring!.lock();
    const get = await runProcess(process.execPath, [DOCKER_HELPER, 'get'], env, registry.host);
    expect(get.code).toBe(1);
    expect(get.out).toBe('credentials not found in native keychain\n');
    expect(get.err).toMatch(/^docker-credential-keyport: The keychain is locked\./);
    // Debian's Go helper answers a locked keychain the same way on stdout.
    const debian = await runProcess('docker-credential-secretservice', ['get'], env, registry.host);
    expect(debian.out).toBe(get.out);
    expect(debian.code).toBe(get.code);

    // skopeo takes it as "no credentials": it asks anonymously and the registry's own 401 is
    // what it reports, not a helper failure; the helper's reason reaches the user beside it.
    const inspect = await runProcess(
      'skopeo',
      ['inspect', '--tls-verify=false', `docker://${registry.host}/demo:1`],
      skopeoEnv,
    );
    expect(inspect.code).not.toBe(0);
    expect(inspect.err).toMatch(/authentication required|unauthorized/i);
    expect(inspect.err).not.toMatch(/error getting credentials/);
    expect(inspect.err).toContain('docker-credential-keyport: The keychain is locked.');
    expect(inspect.out + inspect.err).not.toContain(SECRET);
  });
});
