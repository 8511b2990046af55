import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cliVault, type CliVault } from '../../support/cli-vault';
import { filesHolding } from '../../support/helper-env';
import { startOciRegistry, writeOciLayout, type OciRegistry } from '../../support/oci-registry';
import { runKeyport, runProcess } from '../../support/run-keyport';
import { useTempDirs } from '../../support/temp-dir';

// Debian's skopeo and podman ask the real docker-credential-keyport (on PATH, as an npm install puts it)
// for Debian's docker-registry on 127.0.0.1 with htpasswd auth; the tokens are in the real
// Secret Service of scripts/with-keyring.mjs.
const tempDir = useTempDirs();
const HELPER = path.resolve('bin/docker-credential-keyport.cjs');
const PASSWORD = 'kp-test-oci-registry-00000000000001';
const USER = 'pusher';

let registry: OciRegistry;
let layout: string;

beforeAll(async () => {
  for (const tool of ['skopeo', 'podman', 'docker-registry', 'htpasswd']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      throw new Error(
        `${tool} is missing: apt-get install skopeo podman docker-registry apache2-utils (scripts/system-deps.mjs)`,
      );
    }
  }
});

// A fresh registry and image per test: temp dirs (its htpasswd file among them) go after each.
beforeEach(async () => {
  registry = await startOciRegistry(tempDir('keyport-registry-'), USER, PASSWORD);
  layout = tempDir('keyport-oci-');
  writeOciLayout(layout);
});

afterEach(async () => {
  await registry?.stop();
});

/** What the vault holds after a client's login: each token's registry and user. */
async function storedLogins(vault: CliVault): Promise<Array<[string, string | undefined]>> {
  return (await vault.tokens()).map((t) => [t.registry, t.user]);
}

function helperEnv(root: string) {
  const vault = cliVault(root);
  const { home, env } = vault;
  const bin = path.join(root, 'bin');
  mkdirSync(bin);
  symlinkSync(HELPER, path.join(bin, 'docker-credential-keyport'));
  env.PATH = `${bin}:${env.PATH}`;
  env.REGISTRY_AUTH_FILE = path.join(home, 'auth.json');
  // skopeo login speaks https unless the registry is marked insecure here (--tls-verify=false
  // alone still fails against plain http with a 400).
  env.CONTAINERS_REGISTRIES_CONF = path.join(root, 'registries.conf');
  writeFileSync(
    env.CONTAINERS_REGISTRIES_CONF,
    `[[registry]]\nlocation = "${registry.host}"\ninsecure = true\n`,
  );
  return { vault, env, home, authFile: env.REGISTRY_AUTH_FILE };
}

describe('docker-credential-keyport', () => {
  it('serves skopeo copy and inspect after keyport setup docker, auth.json holding no secret', async () => {
    const root = tempDir();
    const { env, home, authFile } = helperEnv(root);
    // A saved login for the registry, as `skopeo login` without a helper leaves it.
    writeFileSync(
      authFile,
      `{\n\t"auths": {\n\t\t"${registry.host}": {\n\t\t\t"auth": "${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}"\n\t\t},\n\t\t"other.example.test": {\n\t\t\t"auth": "b3RoZXI6eA=="\n\t\t}\n\t}\n}\n`,
    );

    const setup = await runKeyport(
      ['setup', 'docker', '--registry', registry.host, '--file', authFile],
      env,
    );
    expect(setup.err).toBe('');
    expect(setup.code).toBe(0);
    expect(setup.out).toContain('Moved 1 saved login');
    const written = readFileSync(authFile, 'utf8');
    expect(JSON.parse(written)).toEqual({
      auths: { 'other.example.test': { auth: 'b3RoZXI6eA==' } },
      credHelpers: { [registry.host]: 'keyport' },
    });
    expect(written).toMatch(/^\{\n\t"auths"/);

    const copy = await runProcess(
      'skopeo',
      [
        'copy',
        '--dest-tls-verify=false',
        `oci:${layout}:latest`,
        `docker://${registry.host}/demo:1`,
      ],
      env,
    );
    expect(copy.err).not.toMatch(/unauthorized|denied/i);
    expect(copy.code).toBe(0);
    const inspect = await runProcess(
      'skopeo',
      ['inspect', '--tls-verify=false', `docker://${registry.host}/demo:1`],
      env,
    );
    expect(inspect.code, inspect.err).toBe(0);
    expect(JSON.parse(inspect.out).Name).toBe(`${registry.host}/demo`);

    // Without the helper, the same inspect is refused: the credential came from Keyport.
    const bare = await runProcess(
      'skopeo',
      ['inspect', '--tls-verify=false', `docker://${registry.host}/demo:1`],
      {
        ...env,
        REGISTRY_AUTH_FILE: path.join(home, 'none.json'),
      },
    );
    expect(bare.code).not.toBe(0);

    expect(filesHolding(root, PASSWORD)).toEqual([]);
  });

  it('takes skopeo login into the vault, not into auth.json, and answers only known hosts', async () => {
    const root = tempDir();
    const { vault, env, authFile } = helperEnv(root);
    expect(
      (await runKeyport(['setup', 'docker', '--registry', registry.host, '--file', authFile], env))
        .code,
    ).toBe(0);

    const login = await runProcess(
      'skopeo',
      ['login', '--tls-verify=false', '-u', USER, '--password-stdin', registry.host],
      env,
      `${PASSWORD}\n`,
    );
    expect(login.code, login.err).toBe(0);
    expect(JSON.parse(readFileSync(authFile, 'utf8'))).toEqual({
      credHelpers: { [registry.host]: 'keyport' },
    });
    expect(await storedLogins(vault)).toEqual([[`https://${registry.host}`, USER]]);

    // The login's credential, now served from the vault, pushes.
    const push = await runProcess(
      'skopeo',
      [
        'copy',
        '--dest-tls-verify=false',
        `oci:${layout}:latest`,
        `docker://${registry.host}/demo:2`,
      ],
      env,
    );
    expect(push.code, push.err).toBe(0);

    const get = (host: string) => runProcess(process.execPath, [HELPER, 'get'], env, host);
    const found = await get(registry.host);
    expect(JSON.parse(found.out)).toEqual({
      ServerURL: registry.host,
      Username: USER,
      Secret: PASSWORD,
    });
    const unknown = await get('registry.example.test');
    expect(unknown.code).toBe(1);
    expect(unknown.out).toBe('credentials not found in native keychain\n');
    const list = await runProcess(process.execPath, [HELPER, 'list'], env);
    expect(JSON.parse(list.out)).toEqual({ [registry.host]: USER });
    expect(list.out).not.toContain(PASSWORD);

    // Logging out forgets nothing in Keyport; the vault still answers.
    const logout = await runProcess('skopeo', ['logout', registry.host], env);
    expect(logout.code, logout.err).toBe(0);
    expect((await get(registry.host)).code).toBe(0);
    expect(filesHolding(root, PASSWORD)).toEqual([]);
  });

  it('podman login stores the login in the vault through the helper, podman pull uses it, and logout deletes nothing', async () => {
    const root = tempDir();
    const { vault, env, home, authFile } = helperEnv(root);
    // podman as the tests run it: as root here, every path of its own in the temp root (HOME,
    // the auth file, XDG_RUNTIME_DIR, its storage), nothing under /var/lib/containers or /run.
    const runtime = path.join(root, 'run');
    mkdirSync(runtime, { mode: 0o700 });
    const podmanEnv = { ...env, XDG_RUNTIME_DIR: runtime };
    const storage = [
      '--root',
      path.join(root, 'storage'),
      '--runroot',
      path.join(runtime, 'storage'),
      '--storage-driver',
      'vfs',
      '--tmpdir',
      path.join(runtime, 'libpod'),
      '--events-backend',
      'none',
      '--cgroup-manager',
      'cgroupfs',
    ];
    const podman = (args: string[], stdin?: string) =>
      runProcess('podman', [...storage, ...args], podmanEnv, stdin);
    expect(
      (await runKeyport(['setup', 'docker', '--registry', registry.host, '--file', authFile], env))
        .code,
    ).toBe(0);

    const login = await podman(
      ['login', '--tls-verify=false', '-u', USER, '--password-stdin', registry.host],
      `${PASSWORD}\n`,
    );
    expect(login.code, login.err).toBe(0);
    expect(login.out).toContain('Login Succeeded');
    expect(JSON.parse(readFileSync(authFile, 'utf8'))).toEqual({
      credHelpers: { [registry.host]: 'keyport' },
    });
    expect(await storedLogins(vault)).toEqual([[`https://${registry.host}`, USER]]);
    expect((await podman(['login', '--get-login', registry.host])).out.trim()).toBe(USER);

    // An image pushed with skopeo (through the same helper) comes back with podman pull.
    const push = await runProcess(
      'skopeo',
      [
        'copy',
        '--dest-tls-verify=false',
        `oci:${layout}:latest`,
        `docker://${registry.host}/demo:3`,
      ],
      env,
    );
    expect(push.code, push.err).toBe(0);
    const pull = await podman(['pull', '--tls-verify=false', `${registry.host}/demo:3`]);
    expect(pull.code, pull.err).toBe(0);
    expect(pull.out.trim()).toMatch(/^[0-9a-f]{64}$/);
    // Without the helper, the same pull is refused: the credential came from Keyport.
    writeFileSync(path.join(home, 'none.json'), '{}\n');
    const bare = await runProcess(
      'podman',
      [...storage, 'pull', '--tls-verify=false', `${registry.host}/demo:3`],
      { ...podmanEnv, REGISTRY_AUTH_FILE: path.join(home, 'none.json') },
    );
    expect(bare.code).not.toBe(0);
    expect(bare.err).toMatch(/unauthorized|authentication required/i);

    const logout = await podman(['logout', registry.host]);
    expect(logout.code, logout.err).toBe(0);
    const still = await runProcess(process.execPath, [HELPER, 'get'], env, registry.host);
    expect(JSON.parse(still.out).Secret).toBe(PASSWORD);
    expect(filesHolding(root, PASSWORD)).toEqual([]);
    expect(filesHolding(home, PASSWORD)).toEqual([]);
  });
});
