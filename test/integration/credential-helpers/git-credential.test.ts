import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCore } from '../../../src/core/open-core';
import { startBasicAuthServer, type BasicAuthServer } from '../../support/basic-auth-server';
import { gitHttpBackend } from '../../support/git-http-backend';
import { clientEnv, filesHolding } from '../../support/helper-env';
import { runKeyport, runProcess } from '../../support/run-keyport';
import { useTempDirs } from '../../support/temp-dir';

// The real git (credential fill, ls-remote) asks the real git-credential-keyport, which reads the
// real Secret Service (scripts/with-keyring.mjs); the server is git's own http-backend behind
// basic auth on 127.0.0.1.
const tempDir = useTempDirs();
const HELPER = path.resolve('bin/git-credential-keyport.cjs');
const TOKEN = 'kp-test-git-helper-0000000000000001';
const USER = 'ci-bot';

let server: BasicAuthServer;
let repos: string;

function git(args: string[], cwd?: string): string {
  return execFileSync('git', args, {
    encoding: 'utf8',
    ...(cwd ? { cwd } : {}),
    env: { ...clientEnv('/nonexistent', '/nonexistent'), GIT_CONFIG_GLOBAL: '/dev/null' },
  });
}

beforeAll(async () => {
  const missing = spawnSync('git', ['--version']).status !== 0;
  if (missing)
    throw new Error('git is not installed: apt-get install git (scripts/system-deps.mjs)');
  repos = tempDir('keyport-git-repos-');
  const work = path.join(repos, 'work');
  mkdirSync(work);
  git(['init', '-q', '-b', 'main'], work);
  git(
    ['-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-q', '--allow-empty', '-m', 'one'],
    work,
  );
  git(['clone', '-q', '--bare', work, path.join(repos, 'app.git')]);
  server = await startBasicAuthServer(USER, TOKEN, gitHttpBackend(repos, USER));
});

afterAll(async () => {
  await server?.close();
});

async function vaultWith(data: string, home: string, registry: string, secret = TOKEN) {
  const core = await openCore({
    access: { mode: 'cli' },
    version: 'test',
    dataDir: data,
    home,
    env: {},
  });
  const token = await core.vault.add({
    label: 'git server',
    registry,
    ecosystem: 'other',
    secret,
    origin: 'pasted',
    user: USER,
    expires: '2099-01-01T00:00:00.000Z',
  });
  await core.close();
  return token;
}

describe('git-credential-keyport', () => {
  it('lets git ls-remote an authenticated server with Keyport as the only helper and no credential on disk', async () => {
    const root = tempDir();
    const home = path.join(root, 'home');
    const data = path.join(root, 'data');
    mkdirSync(home, { recursive: true });
    const env = clientEnv(home, data);
    await vaultWith(data, home, `${server.url}/`);

    // Without Keyport set up, git has no way to authenticate: the server's 401 is final.
    const before = await runProcess('git', ['ls-remote', `${server.url}/app.git`], env);
    expect(before.code).not.toBe(0);

    const setup = await runKeyport(['setup', 'git', '--file', path.join(home, '.gitconfig')], env);
    expect(setup.err).toBe('');
    expect(setup.code).toBe(0);
    const gitconfig = readFileSync(path.join(home, '.gitconfig'), 'utf8');
    expect(gitconfig).toContain(HELPER);
    const helpers = execFileSync('git', ['config', '--global', '--get-all', 'credential.helper'], {
      env,
      encoding: 'utf8',
    });
    expect(helpers.trim().split('\n')).toHaveLength(1);

    // Twice: the second setup changes nothing.
    const again = await runKeyport(['setup', 'git', '--file', path.join(home, '.gitconfig')], env);
    expect(again.out).toContain('nothing changed');
    expect(readFileSync(path.join(home, '.gitconfig'), 'utf8')).toBe(gitconfig);

    const host = new URL(server.url).host;
    const fill = await runProcess(
      'git',
      ['credential', 'fill'],
      env,
      `protocol=http\nhost=${host}\n\n`,
    );
    expect(fill.code).toBe(0);
    expect(fill.out).toContain(`username=${USER}\n`);
    expect(fill.out).toContain(`password=${TOKEN}\n`);
    // git keeps the expiry to itself (it drops the credential from caches then): ask the helper.
    const direct = await runProcess(
      process.execPath,
      [HELPER, 'get'],
      env,
      `protocol=http\nhost=${host}\n`,
    );
    expect(direct.out).toContain(
      `password_expiry_utc=${Date.parse('2099-01-01T00:00:00Z') / 1000}\n`,
    );

    const seen = server.seenUsers.length;
    const ls = await runProcess('git', ['ls-remote', `${server.url}/app.git`], env);
    expect(ls.err).toBe('');
    expect(ls.code).toBe(0);
    expect(ls.out).toMatch(/^[0-9a-f]{40}\trefs\/heads\/main$/m);
    expect(server.seenUsers.slice(seen)).toContain(USER);

    expect(filesHolding(root, TOKEN)).toEqual([]);
  });

  it('answers only for hosts of tokens in the vault: another host or port gets nothing', async () => {
    const root = tempDir();
    const home = path.join(root, 'home');
    const data = path.join(root, 'data');
    mkdirSync(home, { recursive: true });
    const env = clientEnv(home, data);
    await vaultWith(data, home, 'https://git.example.test/acme/');
    await vaultWith(
      data,
      home,
      'https://git.example.test/other/',
      'kp-test-git-helper-other-0000000002',
    );

    const ask = (input: string) => runProcess(process.execPath, [HELPER, 'get'], env, input);
    for (const input of [
      'protocol=https\nhost=git.example.test:8443\n',
      'protocol=https\nhost=evil.example.test\n',
      'protocol=http\nhost=git.example.test\n',
      'protocol=https\nhost=git.example.test\npath=elsewhere/repo.git\n',
      '',
    ]) {
      const got = await ask(input);
      expect(got.code).toBe(0);
      expect(got.out).toBe('');
    }
    // With the path (credential.useHttpPath), the token of that path; without, the host's newest.
    const acme = await ask('protocol=https\nhost=git.example.test\npath=acme/app.git\n');
    expect(acme.out).toContain(`password=${TOKEN}\n`);
    const any = await ask('protocol=https\nhost=git.example.test\n');
    expect(any.out).toContain('password=kp-test-git-helper-other-0000000002\n');
    // A user name git already has must be the token's.
    const wrongUser = await ask('protocol=https\nhost=git.example.test\nusername=someone\n');
    expect(wrongUser.out).toBe('');
  });

  it('store and erase change nothing in the vault, and a bad action is refused', async () => {
    const root = tempDir();
    const home = path.join(root, 'home');
    const data = path.join(root, 'data');
    mkdirSync(home, { recursive: true });
    const env = clientEnv(home, data);
    await vaultWith(data, home, 'https://git.example.test/');
    const vaultFile = readFileSync(path.join(data, 'vault.json'), 'utf8');
    const typed =
      'protocol=https\nhost=git.example.test\nusername=x\npassword=kp-test-typed-0000000000003\n';
    expect((await runProcess(process.execPath, [HELPER, 'store'], env, typed)).code).toBe(0);
    expect((await runProcess(process.execPath, [HELPER, 'erase'], env, typed)).code).toBe(0);
    expect(readFileSync(path.join(data, 'vault.json'), 'utf8')).toBe(vaultFile);
    expect(filesHolding(root, 'kp-test-typed-0000000000003')).toEqual([]);
    const bad = await runProcess(process.execPath, [HELPER, 'dump'], env);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
  });
});
