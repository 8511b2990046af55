import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { useTempDirs } from './temp-dir';

/**
 * Runs the real package-manager clients against files Keyport wrote. Every child gets a fresh
 * temporary HOME and no inherited npm/pip/NuGet settings, so a real ~/.npmrc, ~/.m2 or pip.conf
 * can neither be read nor touched.
 */
export const NUGET_EXE = path.resolve(__dirname, '../../node_modules/nuget-exe/nuget-5.8.0.exe');
export const READ_SETTINGS_JAVA = path.resolve(
  __dirname,
  '../fixtures/configs/clients/ReadSettings.java',
);
export const MAVEN_LIB = '/usr/share/maven/lib/*';

/** A temp HOME for a client (with the ~/.config some clients expect); the caller removes it. */
export function tempHome(prefix = 'keyport-client-'): string {
  return withConfigDir(mkdtempSync(path.join(os.tmpdir(), prefix)));
}

/** tempHome, each one removed after the test that made it. */
export function useTempHomes(prefix = 'keyport-client-'): () => string {
  const tempDir = useTempDirs();
  return () => withConfigDir(tempDir(prefix));
}

function withConfigDir(home: string): string {
  mkdirSync(path.join(home, '.config'), { recursive: true });
  return home;
}

export function clientEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // npm run/npx export npm_config_*; pip and NuGet read PIP_*/NUGET_* too.
    if (/^(npm_|pip_|nuget_|maven_|python)/i.test(key)) continue;
    env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    // scripts/with-keyring.mjs points XDG_DATA_HOME at the keyring's dir; NuGet keeps its HTTP
    // cache there, which would let one test's answers leak into the next.
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    npm_config_cache: path.join(home, '.npm'),
    npm_config_globalconfig: path.join(home, 'npmrc-global'),
    npm_config_update_notifier: 'false',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    ...extra,
  };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  cwd?: string,
): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      { env, cwd, timeout: 120_000, maxBuffer: 16 << 20 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
        resolve({ code, stdout: String(stdout), stderr: String(stderr) });
      },
    );
  });
}

export function hasCommand(command: string): boolean {
  return (process.env.PATH ?? '')
    .split(path.delimiter)
    .some((dir) => existsSync(path.join(dir, command)));
}

/**
 * `npm config get KEY --userconfig FILE`. npm ≥ 9 refuses to print auth keys ("protected"), so
 * tokens are checked with npmWhoami against a loopback registry instead.
 */
export async function npmConfigGet(home: string, file: string, key: string): Promise<string> {
  const r = await run('npm', ['config', 'get', key, '--userconfig', file], clientEnv(home), home);
  if (r.code !== 0) throw new Error(`npm config get failed: ${r.stderr}`);
  return r.stdout.replace(/\n$/, '');
}

/** `npm config list --userconfig FILE`: shows every key npm parsed, auth values as (protected). */
export async function npmConfigList(home: string, file: string): Promise<string> {
  const r = await run('npm', ['config', 'list', '--userconfig', file], clientEnv(home), home);
  if (r.code !== 0) throw new Error(`npm config list failed: ${r.stderr}`);
  return r.stdout;
}

/** `npm whoami --registry URL --userconfig FILE`: npm sends the token it found for URL. */
export function npmWhoami(home: string, file: string, registry: string): Promise<RunResult> {
  return run(
    'npm',
    ['whoami', '--registry', registry, '--userconfig', file],
    clientEnv(home),
    home,
  );
}

export interface MavenServer {
  id: string;
  username: string | null;
  password: string | null;
  authorization: string | null;
}

/** Maven's own strict SettingsXpp3Reader, run as a Java source-file program. */
export async function mavenReadServers(home: string, file: string): Promise<MavenServer[]> {
  const r = await run('java', ['-cp', MAVEN_LIB, READ_SETTINGS_JAVA, file], clientEnv(home), home);
  if (r.code !== 0) throw new Error(`Maven's settings reader failed: ${r.stderr}`);
  return r.stdout
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as MavenServer);
}

/** `mvn -B -o -s FILE validate` on a bare pom: Maven itself loads the settings offline. */
export async function mavenValidate(home: string, file: string): Promise<RunResult> {
  const project = path.join(home, 'project');
  mkdirSync(project, { recursive: true });
  writeFileSync(
    path.join(project, 'pom.xml'),
    '<project><modelVersion>4.0.0</modelVersion><groupId>t</groupId><artifactId>t</artifactId>' +
      '<version>1</version><packaging>pom</packaging></project>\n',
  );
  return run(
    'mvn',
    ['-B', '-o', '-s', file, `-Dmaven.repo.local=${path.join(home, 'm2repo')}`, 'validate'],
    clientEnv(home),
    project,
  );
}

export function nuget(home: string, args: string[]): Promise<RunResult> {
  return run('mono', [NUGET_EXE, ...args, '-NonInteractive'], clientEnv(home), home);
}

/** What Python's netrc module (3.11, as pip and many tools use it) returns for a host. */
export async function pythonNetrc(home: string, file: string, host: string): Promise<unknown> {
  const script =
    'import json,netrc,sys; print(json.dumps(netrc.netrc(sys.argv[1]).authenticators(sys.argv[2])))';
  const r = await run('python3', ['-c', script, file, host], clientEnv(home), home);
  if (r.code !== 0) throw new Error(`python netrc failed: ${r.stderr}`);
  return JSON.parse(r.stdout);
}

export function curlWithNetrc(home: string, file: string, url: string): Promise<RunResult> {
  return run(
    'curl',
    ['-sS', '-o', '/dev/null', '-w', '%{http_code}', '--netrc-file', file, url],
    clientEnv(home),
    home,
  );
}

/** `PIP_CONFIG_FILE=FILE pip config list`, parsed into key → value. */
export async function pipConfigList(home: string, file: string): Promise<Record<string, string>> {
  const r = await run(
    'python3',
    ['-m', 'pip', 'config', 'list'],
    clientEnv(home, { PIP_CONFIG_FILE: file }),
    home,
  );
  if (r.code !== 0) throw new Error(`pip config list failed: ${r.stderr}`);
  const out: Record<string, string> = {};
  for (const m of r.stdout.matchAll(/^([^=\n]+)='(.*)'$/gm)) out[m[1]!] = m[2]!;
  return out;
}

/** Reads .pypirc the way twine's utils.get_config does (RawConfigParser, index-servers). */
export async function twineConfig(
  home: string,
  file: string,
): Promise<Record<string, Record<string, string>>> {
  const script = `
import configparser, json, sys
p = configparser.RawConfigParser()
p.read(sys.argv[1], encoding="utf-8")
if p.has_option("distutils", "index-servers"):
    servers = p.get("distutils", "index-servers").split()
else:
    servers = ["pypi", "testpypi"]
out = {}
for s in servers:
    out[s] = {k: p.get(s, k) for k in ("repository", "username", "password") if p.has_option(s, k)}
print(json.dumps(out))
`;
  const r = await run('python3', ['-c', script, file], clientEnv(home), home);
  if (r.code !== 0) throw new Error(`configparser failed: ${r.stderr}`);
  return JSON.parse(r.stdout) as Record<string, Record<string, string>>;
}

export interface AuthServer {
  url: string;
  /** Every Authorization header received, in order (undefined for none). */
  seen: Array<string | undefined>;
  close(): Promise<void>;
}

export const basicAuth = (username: string, password: string): string =>
  `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;

/**
 * A loopback HTTP server on a random port that demands one Authorization header: 401 with a
 * Basic challenge until it gets `expected`, then 200 with a body that serves as npm's whoami
 * answer and as an empty NuGet v3 service index alike.
 */
export function authServer(expected: string): Promise<AuthServer> {
  const seen: Array<string | undefined> = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers.authorization);
    if (req.headers.authorization !== expected) {
      res.writeHead(401, {
        'WWW-Authenticate': 'Basic realm="keyport-test"',
        'Content-Length': '0',
      });
      res.end();
      return;
    }
    const body = JSON.stringify({ username: 'kp-tester', version: '3.0.0', resources: [] });
    res.writeHead(200, {
      'Content-Type': 'application/json',
      'Content-Length': Buffer.byteLength(body),
    });
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        seen,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
