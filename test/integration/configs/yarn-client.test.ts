import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';

import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWrite, planWrite } from '../../../src/core/configs/config-writer';
import { clientEnv, run, tempHome } from '../../support/config-clients';
import { publishTinyPackage } from '../../support/publish-package';
import { runKeyport } from '../../support/run-keyport';
import { startVerdaccio, type VerdaccioHandle } from '../../support/verdaccio';

// The real Yarn 4 (@yarnpkg/cli-dist, run with node) reads the .yarnrc.yml Keyport wrote and
// authenticates to a real Verdaccio on 127.0.0.1: whoami, whoami --scope, and info of a private
// package (Verdaccio gives packages to signed-in users only).
const YARN = path.resolve('node_modules/@yarnpkg/cli-dist/bin/yarn.js');
const USER = 'kp-yarn-user';
let verdaccio: VerdaccioHandle;
let token: string;
let home: string;

function yarnEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = clientEnv(home, extra);
  for (const key of Object.keys(env))
    if (/^(yarn_|corepack_)/i.test(key) && !(key in extra)) delete env[key];
  return {
    ...env,
    YARN_ENABLE_TELEMETRY: '0',
    YARN_ENABLE_GLOBAL_CACHE: '0',
    YARN_CACHE_FOLDER: path.join(home, 'yarn-cache'),
    ...extra,
  };
}

const yarn = (cwd: string, args: string[], extra: Record<string, string> = {}) =>
  run(process.execPath, [YARN, ...args], yarnEnv(extra), cwd);

/** A project folder whose .yarnrc.yml starts as `content` (http to 127.0.0.1 allowed there). */
function project(name: string, content: string): { dir: string; file: string } {
  const dir = path.join(home, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), '{"name":"kp-probe","private":true}\n');
  const file = path.join(dir, '.yarnrc.yml');
  writeFileSync(file, content, { mode: 0o600 });
  return { dir, file };
}

beforeAll(async () => {
  home = tempHome('keyport-yarn-');
  verdaccio = await startVerdaccio();
  token = await verdaccio.addUser(USER, 'kp-yarn-pass-0001');
  await publishTinyPackage(verdaccio.url, token, '@kp/private-pkg');
  await publishTinyPackage(verdaccio.url, token, 'kp-private-unscoped');
}, 120_000);

afterAll(async () => {
  await verdaccio?.stop();
  rmSync(home, { recursive: true, force: true });
});

const server = () => verdaccio.url.replace(/\/$/, '');
const keyportWrite = (file: string, extra: string[] = []) =>
  runKeyport(
    ['write', 'yarnrc', '--file', file, '--registry', verdaccio.url, '--token-stdin', ...extra],
    { ...process.env, HOME: home, KEYPORT_HOME: path.join(home, 'keyport') },
    `${token}\n`,
  );

describe('Yarn 4 reads the .yarnrc.yml Keyport wrote', () => {
  it('default registry: keyport write yarnrc, then yarn npm whoami and yarn npm info of a private unscoped package', async () => {
    const before = `# team settings\nnpmRegistryServer: "${server()}"\nunsafeHttpWhitelist:\n  - 127.0.0.1\n`;
    const { dir, file } = project('default', before);
    const anonymous = await yarn(dir, ['npm', 'whoami']);
    expect(anonymous.code).not.toBe(0);
    const w = await keyportWrite(file);
    expect(w.err).toBe('');
    expect(w.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after).toContain('npmAuthToken:');
    const who = await yarn(dir, ['npm', 'whoami']);
    expect(who.stdout).toContain(USER);
    expect(who.code).toBe(0);
    const info = await yarn(dir, ['npm', 'info', 'kp-private-unscoped', '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).name).toBe('kp-private-unscoped');
  });

  it('--scope: npmScopes entry; yarn npm whoami --scope and yarn npm info of a scoped private package', async () => {
    const before = `# a comment\r\nunsafeHttpWhitelist: ["127.0.0.1"]\r\nnpmScopes:\r\n  other: &shared\r\n    npmRegistryServer: "https://other.example/npm"\r\n`;
    const { dir, file } = project('scoped', before);
    const w = await keyportWrite(file, ['--scope', '@kp']);
    expect(w.code).toBe(0);
    const after = readFileSync(file, 'utf8');
    expect(after.startsWith(before)).toBe(true);
    expect(after.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const who = await yarn(dir, ['npm', 'whoami', '--scope', 'kp']);
    expect(who.stdout).toContain(USER);
    const info = await yarn(dir, ['npm', 'info', '@kp/private-pkg', '--json']);
    expect(info.code).toBe(0);
    expect(JSON.parse(info.stdout).name).toBe('@kp/private-pkg');
  });

  it('another registry: npmRegistries["//host:port"] is what Yarn uses for it', async () => {
    const { dir, file } = project('registries', 'unsafeHttpWhitelist: ["127.0.0.1"] # loopback\n');
    const w = await keyportWrite(file);
    expect(w.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain(`"//127.0.0.1:${verdaccio.port}":`);
    const env = { YARN_NPM_REGISTRY_SERVER: server() };
    const who = await yarn(dir, ['npm', 'whoami'], env);
    expect(who.stdout).toContain(USER);
    const info = await yarn(dir, ['npm', 'info', 'kp-private-unscoped', '--json'], env);
    expect(JSON.parse(info.stdout).name).toBe('kp-private-unscoped');
  });

  it('reference form: ${KEYPORT_…} in the file, the value from the environment', async () => {
    const { dir, file } = project(
      'reference',
      `npmRegistryServer: "${server()}"\nunsafeHttpWhitelist: ["127.0.0.1"]\n`,
    );
    await applyWrite(
      await planWrite({
        format: 'yarnrc',
        file,
        registry: verdaccio.url,
        secret: '${KEYPORT_YARN_T}',
        reference: true,
      }),
    );
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(token);
    expect(text).toContain('${KEYPORT_YARN_T}');
    const who = await yarn(dir, ['npm', 'whoami'], { KEYPORT_YARN_T: token });
    expect(who.stdout).toContain(USER);
  });
});
