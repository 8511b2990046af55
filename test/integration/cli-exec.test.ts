import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { NewToken } from '../../src/core/vault/vault';
import { envVarName } from '../../src/shared/references';
import { cliVault } from '../support/cli-vault';
import { KEYPORT_BIN } from '../support/run-keyport';
import { useTempDirs } from '../support/temp-dir';
import { putFile } from '../support/put-file';

// The real `keyport exec` (bin/keyport.cjs → out/cli) against the real Secret Service that
// scripts/with-keyring.mjs provides; the tokens are stored by the real core in process.
const tempDir = useTempDirs();

function execEnv(args: string[], cwd: string, env: NodeJS.ProcessEnv) {
  const run = spawnSync(process.execPath, [KEYPORT_BIN, 'exec', ...args, '--', 'env'], {
    cwd,
    env,
    encoding: 'utf8',
  });
  const vars = new Map(
    run.stdout
      .split('\n')
      .filter((l) => l.includes('='))
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)] as const),
  );
  return { code: run.status, out: run.stdout, err: run.stderr, vars };
}

describe('keyport exec exports only referenced tokens', () => {
  it('gives `env` the referenced tokens, never an unreferenced one or a session token', async () => {
    const vault = cliVault(tempDir());
    const { home, env } = vault;
    const project = path.join(vault.root, 'project');
    mkdirSync(project, { recursive: true });
    const token = (label: string, secret: string, extra: Partial<NewToken> = {}): NewToken => ({
      label,
      registry: 'https://registry.example.test/',
      ecosystem: 'npm',
      secret,
      origin: 'pasted',
      ...extra,
    });
    const [userRef, projectRef, mavenRef, unreferenced, session] = await vault.seed(
      token('user ref', 'kp-test-exec-userref-0000000001'),
      token('project ref', 'kp-test-exec-projref-0000000002'),
      token('maven ref', 'kp-test-exec-mavenref-000000003'),
      token('unreferenced', 'kp-test-exec-unref-000000000004'),
      token('me @ registry.example.test', 'kp-test-exec-session-0000000005', {
        origin: 'created',
        signIn: { username: 'me' },
        permissions: ['session'],
      }),
    );

    // The session token is referenced too: a file must not be able to pull it into a child.
    putFile(
      path.join(home, '.npmrc'),
      `//registry.example.test/:_authToken=\${${envVarName(userRef.id)}}\n` +
        `//session.example.test/:_authToken=\${${envVarName(session.id)}}\n`,
    );
    putFile(
      path.join(home, '.m2', 'settings.xml'),
      `<settings><servers><server><id>x</id><password>\${env.${envVarName(mavenRef.id)}}</password></server></servers></settings>\n`,
    );
    putFile(
      path.join(project, '.npmrc'),
      `//project.example.test/:_authToken=\${${envVarName(projectRef.id)}}\n`,
    );

    const run = execEnv([], project, env);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.vars.get(envVarName(userRef.id))).toBe('kp-test-exec-userref-0000000001');
    expect(run.vars.get(envVarName(projectRef.id))).toBe('kp-test-exec-projref-0000000002');
    expect(run.vars.get(envVarName(mavenRef.id))).toBe('kp-test-exec-mavenref-000000003');
    expect(run.vars.has(envVarName(unreferenced.id))).toBe(false);
    expect(run.vars.has(envVarName(session.id))).toBe(false);
    expect(run.out).not.toContain('kp-test-exec-unref-000000000004');
    expect(run.out).not.toContain('kp-test-exec-session-0000000005');

    // Outside the project, its file is out of scope.
    const elsewhere = execEnv([], home, env);
    expect(elsewhere.code).toBe(0);
    expect(elsewhere.vars.has(envVarName(projectRef.id))).toBe(false);
    expect(elsewhere.vars.has(envVarName(userRef.id))).toBe(true);

    // --only: exactly the named tokens, whatever the files say.
    const only = execEnv(['--only', unreferenced.id], project, env);
    expect(only.code).toBe(0);
    expect(only.vars.get(envVarName(unreferenced.id))).toBe('kp-test-exec-unref-000000000004');
    const tokenVars = [userRef, projectRef, mavenRef, unreferenced, session].map((t) =>
      envVarName(t.id),
    );
    expect(tokenVars.filter((k) => only.vars.has(k))).toEqual([envVarName(unreferenced.id)]);

    // Naming the session token is refused, with a sentence and nothing run.
    const refused = execEnv(['--only', session.id], project, env);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/sign-in token; keyport exec never hands it to a command/);
    expect(refused.out).toBe('');
  });
});
