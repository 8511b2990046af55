import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBasicAuthServer, type BasicAuthServer } from '../../support/basic-auth-server';
import { gitHttpBackend } from '../../support/git-http-backend';
import { cliVault, type CliVault } from '../../support/cli-vault';
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
  // Kept for the whole file (tempDir's go after each test): every test may ls-remote it.
  repos = mkdtempSync(path.join(os.tmpdir(), 'keyport-git-repos-'));
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
  if (repos) rmSync(repos, { recursive: true, force: true });
});

/** Stores a git server's token in the vault, as `keyport add` would have. */
async function vaultWith(vault: CliVault, registry: string, secret = TOKEN) {
  const [token] = await vault.seed({
    label: 'git server',
    registry,
    ecosystem: 'other',
    secret,
    origin: 'pasted',
    user: USER,
    expires: '2099-01-01T00:00:00.000Z',
  });
  return token;
}

describe('git-credential-keyport', () => {
  it('lets git ls-remote an authenticated server with Keyport as the only helper and no credential on disk', async () => {
    const vault = cliVault(tempDir());
    const { root, home, env } = vault;
    await vaultWith(vault, `${server.url}/`);

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
    const vault = cliVault(tempDir());
    const { env } = vault;
    await vaultWith(vault, 'https://git.example.test/acme/');
    await vaultWith(
      vault,
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

  it('without --accept-store, git credential approve adds nothing; reject marks the token refused by git on the host, never deletes it; approving the same value clears the mark', async () => {
    const vault = cliVault(tempDir());
    const { root, env } = vault;
    const token = await vaultWith(vault, `${server.url}/`);
    expect((await runKeyport(['setup', 'git'], env)).code).toBe(0);
    const host = new URL(server.url).host;
    const credential = (password: string, h = host) =>
      `protocol=http\nhost=${h}\nusername=${USER}\npassword=${password}\n\n`;

    // A credential typed at git's prompt and accepted by a server: not taken in unasked.
    const typed = 'kp-test-typed-0000000000003';
    const approve = await runProcess('git', ['credential', 'approve'], env, credential(typed));
    expect(approve.code, approve.err).toBe(0);
    expect(await vault.tokens()).toEqual([expect.objectContaining({ id: token.id })]);
    expect(filesHolding(root, typed)).toEqual([]);

    // The server refused the token Keyport gave: git rejects it; Keyport marks, keeps it.
    const reject = await runProcess('git', ['credential', 'reject'], env, credential(TOKEN));
    expect(reject.code, reject.err).toBe(0);
    const [marked] = await vault.tokens();
    expect(marked?.refused).toEqual({ client: 'git', host, at: expect.any(String) });
    const list = await runKeyport(['list'], env);
    expect(list.out).toMatch(
      new RegExp(
        `^${token.id}: refused by git on ${host} at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC$`,
        'm',
      ),
    );
    const json = JSON.parse((await runKeyport(['list', '--json'], env)).out);
    expect(json[0].refused.host).toBe(host);
    // Still served: one 401 must not cost the token.
    const fill = await runProcess(
      'git',
      ['credential', 'fill'],
      env,
      `protocol=http\nhost=${host}\n\n`,
    );
    expect(fill.out).toContain(`password=${TOKEN}\n`);
    // A reject of some other value marks nothing more.
    await runProcess('git', ['credential', 'reject'], env, credential(typed));
    expect((await vault.tokens())[0]?.refused?.host).toBe(host);

    // The same value accepted later (git's store after a success) clears the mark.
    expect((await runProcess('git', ['credential', 'approve'], env, credential(TOKEN))).code).toBe(
      0,
    );
    const [cleared] = await vault.tokens();
    expect(cleared?.refused).toBeUndefined();
    expect((await runKeyport(['list'], env)).out).not.toContain('refused');
    expect(await vault.tokens()).toHaveLength(1);

    const bad = await runProcess(process.execPath, [HELPER, 'dump'], env);
    expect(bad.code).toBe(2);
    expect(bad.out).toBe('');
  });

  it('with --accept-store, a credential git stores after a successful sign-in enters the vault once and then serves git ls-remote alone', async () => {
    const vault = cliVault(tempDir());
    const { root, home, env } = vault;
    const gitconfig = path.join(home, '.gitconfig');
    const host = new URL(server.url).host;

    const setup = await runKeyport(
      ['setup', 'git', '--file', gitconfig, '--registry', server.url, '--accept-store'],
      env,
    );
    expect(setup.code, setup.err).toBe(0);
    expect(setup.out).toContain(`credential.${server.url}.keyportAcceptStore`);
    expect(
      execFileSync(
        'git',
        [
          'config',
          '--file',
          gitconfig,
          '--get-urlmatch',
          'credential.keyportAcceptStore',
          `${server.url}/app.git`,
        ],
        { encoding: 'utf8' },
      ).trim(),
    ).toBe('true');

    // A second helper after Keyport's plays the user's prompt (git asks helpers in order, and
    // calls store on every one after the server said yes); its value comes from the
    // environment, so no file holds it.
    const prompt = `!f() { test "$1" = get && printf 'username=%s\\npassword=%s\\n' "$KP_TEST_USER" "$KP_TEST_PASSWORD"; }; f`;
    execFileSync('git', [
      'config',
      '--file',
      gitconfig,
      '--add',
      `credential.${server.url}.helper`,
      prompt,
    ]);
    const typing = { ...env, KP_TEST_USER: USER, KP_TEST_PASSWORD: TOKEN };
    const first = await runProcess('git', ['ls-remote', `${server.url}/app.git`], typing);
    expect(first.code, first.err).toBe(0);
    const stored = await vault.tokens();
    expect(stored).toEqual([
      expect.objectContaining({
        registry: `http://${host}/`,
        user: USER,
        label: `${USER} @ ${host}`,
      }),
    ]);

    // Again: the value is known (fingerprint), so no second token.
    expect((await runProcess('git', ['ls-remote', `${server.url}/app.git`], typing)).code).toBe(0);
    expect(await vault.tokens()).toHaveLength(1);

    // Now without the stand-in prompt: Keyport alone answers, from the keychain.
    execFileSync('git', [
      'config',
      '--file',
      gitconfig,
      '--unset',
      `credential.${server.url}.helper`,
      '^!f',
    ]);
    const alone = await runProcess('git', ['ls-remote', `${server.url}/app.git`], env);
    expect(alone.code, alone.err).toBe(0);
    expect(alone.out).toMatch(/\trefs\/heads\/main$/m);
    expect(filesHolding(root, TOKEN)).toEqual([]);

    // The same value approved for another server (git credential approve) gives that token
    // the host, so fill answers there too; still one token.
    const other = 'git.example.test';
    execFileSync('git', ['config', '--file', gitconfig, 'credential.keyportAcceptStore', 'true']);
    execFileSync('git', [
      'config',
      '--file',
      gitconfig,
      '--add',
      'credential.helper',
      gitHelperValue(gitconfig),
    ]);
    const approve = await runProcess(
      'git',
      ['credential', 'approve'],
      env,
      `protocol=https\nhost=${other}\nusername=${USER}\npassword=${TOKEN}\n\n`,
    );
    expect(approve.code, approve.err).toBe(0);
    const [one, ...none] = await vault.tokens();
    expect(none).toEqual([]);
    expect(one?.servedHosts?.map((h) => h.url)).toEqual([`https://${other}`]);
    const fill = await runProcess(
      'git',
      ['credential', 'fill'],
      env,
      `protocol=https\nhost=${other}\n\n`,
    );
    expect(fill.out).toContain(`password=${TOKEN}\n`);
    // A new value for a server not accepted (another host with the key off) is not taken.
    execFileSync('git', [
      'config',
      '--file',
      gitconfig,
      'credential.https://off.example.test.keyportAcceptStore',
      'false',
    ]);
    await runProcess(
      'git',
      ['credential', 'approve'],
      env,
      `protocol=https\nhost=off.example.test\nusername=x\npassword=kp-test-typed-0000000000004\n\n`,
    );
    expect(await vault.tokens()).toHaveLength(1);
  });
});

/** The helper command `keyport setup git` wrote into the file. */
function gitHelperValue(gitconfig: string): string {
  return execFileSync(
    'git',
    ['config', '--file', gitconfig, '--get-regexp', 'credential\\..*\\.helper'],
    {
      encoding: 'utf8',
    },
  )
    .split('\n')[0]!
    .replace(/^\S+ /, '');
}
