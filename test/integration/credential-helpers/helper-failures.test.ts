import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliVault } from '../../support/cli-vault';
import { runProcess } from '../../support/run-keyport';
import { useTempDirs } from '../../support/temp-dir';

// The helpers' refusals, with the real bins: no Secret Service (a bus address where none
// listens), and a terminal on stdout (a real pty from util-linux `script`).
const tempDir = useTempDirs();
const GIT_HELPER = path.resolve('bin/git-credential-keyport.cjs');
const DOCKER_HELPER = path.resolve('bin/docker-credential-keyport.cjs');
const SECRET = 'kp-test-helper-refusal-00000000001';

/** A vault holding SECRET for `host`, as the helpers find it. */
async function vaultFor(host: string) {
  const vault = cliVault(tempDir());
  await vault.seed({
    label: 'refusals',
    registry: `https://${host}/`,
    ecosystem: 'other',
    secret: SECRET,
    origin: 'pasted',
    user: 'u',
  });
  return vault;
}

/** `HELPER get` with `input` on stdin, as git or a container tool asks it. */
const helperGet = (helper: string, env: NodeJS.ProcessEnv, input: string) =>
  runProcess(process.execPath, [helper, 'get'], env, input);

/**
 * The same `get` with stdout on a pty (util-linux `script`), as a person running it by hand;
 * `input` is printf's format (`\\n` for a line end).
 */
const getOnTerminal = (helper: string, env: NodeJS.ProcessEnv, input: string) =>
  runProcess(
    'script',
    ['-qec', `printf '${input}' | '${process.execPath}' '${helper}' get`, '/dev/null'],
    env,
  );

describe('credential helpers refuse cleanly', () => {
  it('without a Secret Service: git gets nothing (exit 0), docker the not-found sentence (exit 1)', async () => {
    const { root, env } = await vaultFor('reg.example.test');
    const noBus = { ...env, DBUS_SESSION_BUS_ADDRESS: `unix:path=${path.join(root, 'no-bus')}` };
    const git = await helperGet(GIT_HELPER, noBus, 'protocol=https\nhost=reg.example.test\n');
    expect(git.code).toBe(0);
    expect(git.out).toBe('');
    expect(git.err).toMatch(/^git-credential-keyport: No OS keychain is available/);
    const docker = await helperGet(DOCKER_HELPER, noBus, 'reg.example.test');
    expect(docker.code).toBe(1);
    expect(docker.out).toBe('credentials not found in native keychain\n');
    expect(docker.err).toMatch(/^docker-credential-keyport: No OS keychain is available/);
    // With the keychain, the same requests are answered: the refusals above were the bus's.
    const answered = await helperGet(DOCKER_HELPER, env, 'reg.example.test');
    expect(JSON.parse(answered.out).Secret).toBe(SECRET);
  });

  it('never prints a secret to a terminal', async () => {
    const { env } = await vaultFor('tty.example.test');
    const git = await getOnTerminal(GIT_HELPER, env, 'protocol=https\\nhost=tty.example.test\\n');
    expect(git.out).not.toContain(SECRET);
    expect(git.out).toContain('does not print secrets to a terminal');
    const docker = await getOnTerminal(DOCKER_HELPER, env, 'tty.example.test');
    expect(docker.out).not.toContain(SECRET);
    expect(docker.out).toContain('does not print secrets to a terminal');
  });
});
