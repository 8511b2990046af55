import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientEnv, tempHome } from '../../support/config-clients';
import { publishTinyPackage } from '../../support/publish-package';
import { KEYPORT_BIN, runProcess } from '../../support/run-keyport';
import { startVerdaccio, type VerdaccioHandle } from '../../support/verdaccio';

// The real pnpm (npm package `pnpm`) installs a private package from a real Verdaccio using the
// project .npmrc Keyport wrote: the token itself, then a ${KEYPORT_…} reference that
// `keyport exec` fills from the keychain. HOME and pnpm's store are temp folders.
const PNPM = path.resolve('node_modules/pnpm/bin/pnpm.cjs');
const PACKAGE = 'kp-pnpm-private';
let verdaccio: VerdaccioHandle;
let token: string;
let home: string;

function env(): NodeJS.ProcessEnv {
  const base = clientEnv(home);
  for (const key of Object.keys(base)) if (/^(pnpm_|corepack_)/i.test(key)) delete base[key];
  return { ...base, KEYPORT_HOME: path.join(home, 'keyport') };
}

const keyport = (args: string[], stdin = '', cwd?: string) =>
  runProcess(process.execPath, [KEYPORT_BIN, ...args], env(), stdin, cwd);

/** A project that depends on the private package, its .npmrc naming only the registry. */
function project(name: string): { dir: string; npmrc: string } {
  const dir = path.join(home, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: `probe-${name}`, private: true, dependencies: { [PACKAGE]: '1.0.0' } }),
  );
  const npmrc = path.join(dir, '.npmrc');
  writeFileSync(npmrc, `# the team's registry\nregistry=${verdaccio.url}\n`, { mode: 0o600 });
  return { dir, npmrc };
}

// A fresh store (and metadata cache) per install: pnpm would otherwise install from what an
// earlier, authorised install left in a shared store, without asking the registry at all.
let installs = 0;
const pnpmInstall = () => [
  PNPM,
  'install',
  '--store-dir',
  path.join(home, `pnpm-store-${++installs}`),
  '--cache-dir',
  path.join(home, `pnpm-cache-${installs}`),
  '--reporter',
  'append-only',
];

const installed = (dir: string): boolean =>
  existsSync(path.join(dir, 'node_modules', PACKAGE, 'index.js'));

beforeAll(async () => {
  home = tempHome('keyport-pnpm-');
  verdaccio = await startVerdaccio();
  token = await verdaccio.addUser('kp-pnpm-user', 'kp-pnpm-pass-0001');
  await publishTinyPackage(verdaccio.url, token, PACKAGE);
}, 120_000);

afterAll(async () => {
  await verdaccio?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('pnpm installs with the .npmrc Keyport wrote', () => {
  it('the token itself: anonymous install fails, after keyport write npmrc it installs', async () => {
    const { dir, npmrc } = project('plain');
    const anonymous = await runProcess(process.execPath, pnpmInstall(), env(), '', dir);
    expect(anonymous.code).not.toBe(0);
    expect(installed(dir)).toBe(false);
    const w = await keyport(
      ['write', 'npmrc', '--file', npmrc, '--registry', verdaccio.url, '--token-stdin'],
      `${token}\n`,
    );
    expect(w.code).toBe(0);
    const r = await runProcess(process.execPath, pnpmInstall(), env(), '', dir);
    expect(r.err + r.out).not.toContain(token);
    expect(r.code).toBe(0);
    expect(installed(dir)).toBe(true);
  });

  it('a reference in ~/.npmrc: pnpm alone cannot install, keyport exec -- pnpm install can', async () => {
    const add = await keyport(
      [
        'add',
        '--label',
        'pnpm',
        '--registry',
        verdaccio.url,
        '--ecosystem',
        'npm',
        '--token-stdin',
      ],
      `${token}\n`,
    );
    expect(add.err).toBe('');
    const list = JSON.parse((await keyport(['list', '--json'])).out) as Array<{
      id: string;
      label: string;
    }>;
    const id = list.find((t) => t.label === 'pnpm')!.id;

    // pnpm (10.34, as 12) does not expand variables in a project .npmrc's credentials ("repository-
    // controlled"): a reference there is ignored, with a warning, even under keyport exec.
    const inProject = project('reference-in-project');
    const projectWrite = await keyport([
      'write',
      'npmrc',
      '--file',
      inProject.npmrc,
      '--id',
      id,
      '--reference',
    ]);
    expect(projectWrite.code).toBe(0);
    // Keyport says so before the write, since npm and Yarn would read the same file fine.
    expect(projectWrite.err).toContain('pnpm ignores a reference in a project .npmrc');
    const ignored = await keyport(
      ['exec', '--', process.execPath, ...pnpmInstall()],
      '',
      inProject.dir,
    );
    expect(ignored.code).not.toBe(0);
    expect(ignored.err).toContain('Ignored project-level auth setting');
    expect(installed(inProject.dir)).toBe(false);

    // In the user's ~/.npmrc the reference works.
    const { dir } = project('reference-in-home');
    const userNpmrc = path.join(home, '.npmrc');
    const w = await keyport(['write', 'npmrc', '--file', userNpmrc, '--id', id, '--reference']);
    expect(w.code).toBe(0);
    expect(w.err).not.toContain('pnpm ignores');
    const text = readFileSync(userNpmrc, 'utf8');
    expect(text).not.toContain(token);
    expect(text).toMatch(/:_authToken=\$\{KEYPORT_[A-Z0-9_]+\}/);
    const alone = await runProcess(process.execPath, pnpmInstall(), env(), '', dir);
    expect(alone.code).not.toBe(0);
    expect(installed(dir)).toBe(false);
    const viaExec = await keyport(['exec', '--', process.execPath, ...pnpmInstall()], '', dir);
    expect(viaExec.err).not.toContain(token);
    expect(viaExec.code).toBe(0);
    expect(installed(dir)).toBe(true);
  });
});
