import { chmodSync, chownSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NpmTokenApi } from '../../../src/core/registries/npm-token-api';
import type { SweepFinding, SweepResult } from '../../../src/shared/types';
import { clientEnv } from '../../support/config-clients';
import { listenOnLoopback } from '../../support/loopback-server';
import { plantWorkspace } from '../../support/planted-workspace';
import { runKeyport, runProcess, KEYPORT_BIN } from '../../support/run-keyport';
import { useTempDirs } from '../../support/temp-dir';
import type { VerdaccioHandle } from '../../support/verdaccio';
import { startVerdaccioSession } from '../../support/verdaccio-session';
import { putFile } from '../../support/put-file';

// Issue 15 with real parts: a generated workspace of git repositories (real git), the `keyport`
// binary, the Secret Service, Verdaccio on 127.0.0.1 and npm itself.
const tempDir = useTempDirs();
const USER = 'sweeper';
const PASSWORD = 'sweep-password-1';
let verdaccio: VerdaccioHandle;
let api: NpmTokenApi;
let session: string;
let stop = async () => {};

beforeAll(async () => {
  ({ verdaccio, api, session, stop } = await startVerdaccioSession(USER, PASSWORD));
});

afterAll(() => stop());

/** A fixture home and data dir; no npm_config_* or proxy from the developer's shell. */
function keyportEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const home = tempDir('keyport-sweep-home-');
  return clientEnv(home, { KEYPORT_HOME: path.join(home, 'data'), ...extra });
}

async function scanJson(args: string[], env: NodeJS.ProcessEnv) {
  const run = await runKeyport(['scan', ...args, '--json'], env);
  expect(run.err).toBe('');
  expect(run.code).toBe(0);
  return { run, result: JSON.parse(run.out) as SweepResult };
}

describe('keyport scan DIR', () => {
  it('finds every planted credential in all eight kinds, with its git state, and prints no secret', async () => {
    const root = tempDir('keyport-sweep-ws-');
    const { planted } = plantWorkspace(root, {
      repositories: 10,
      credentials: 32,
      noisePerRepository: 30,
    });
    expect(new Set(planted.map((p) => p.format)).size).toBe(8);
    expect(new Set(planted.map((p) => p.git))).toEqual(
      new Set(['tracked', 'ignored', 'untracked', 'none']),
    );
    // Around the repositories: a dependency's own .npmrc, links out of the folder, and a
    // reference (no secret on disk).
    const noise = `npm_${'n'.repeat(36)}`;
    putFile(
      path.join(root, 'repo-001', 'node_modules', 'dep-0', '.npmrc'),
      `//registry.npmjs.org/:_authToken=${noise}\n`,
    );
    const outside = tempDir('keyport-sweep-outside-');
    const elsewhere = `npm_${'o'.repeat(36)}`;
    putFile(path.join(outside, '.npmrc'), `//registry.npmjs.org/:_authToken=${elsewhere}\n`);
    symlinkSync(outside, path.join(root, 'repo-002', 'linked-dir'));
    mkdirSync(path.join(root, 'repo-004', 'linked'));
    symlinkSync(path.join(outside, '.npmrc'), path.join(root, 'repo-004', 'linked', '.npmrc'));
    const env = keyportEnv();
    const userNpmrc = path.join(env.HOME!, '.npmrc');
    const userValue = `npm_${'u'.repeat(36)}`;
    putFile(userNpmrc, `//registry.example.test/:_authToken=${userValue}\n`);

    const { run, result } = await scanJson([root], env);

    for (const p of planted) {
      const found = result.findings.filter((f) => f.file === p.file);
      expect(found, p.file).toHaveLength(1);
      expect(found[0], p.file).toMatchObject({ format: p.format, git: p.git, level: 'project' });
    }
    expect(result.findings.filter((f) => f.level === 'project')).toHaveLength(planted.length);
    expect(result.findings.find((f) => f.file === userNpmrc)).toMatchObject({
      level: 'user',
      git: 'none',
      key: '//registry.example.test/:_authToken',
    });
    expect(result.problems).toEqual(
      expect.arrayContaining([
        {
          path: path.join(root, 'repo-002', 'linked-dir'),
          reason: 'symlink-outside',
          target: outside,
        },
        {
          path: path.join(root, 'repo-004', 'linked', '.npmrc'),
          reason: 'symlink-outside',
          target: path.join(outside, '.npmrc'),
        },
      ]),
    );
    const output = run.out + run.err;
    for (const secret of [...planted.map((p) => p.value), userValue, noise, elsewhere]) {
      expect(output).not.toContain(secret);
    }
    const tracked = result.findings.filter((f) => f.git === 'tracked');
    expect(tracked.length).toBe(planted.filter((p) => p.git === 'tracked').length);

    // The same ids on the next run; --no-user leaves the home out; --all enters node_modules.
    const again = await scanJson([root, '--no-user'], env);
    expect(again.result.findings.map((f) => f.id)).toEqual(
      result.findings.filter((f) => f.level === 'project').map((f) => f.id),
    );
    const all = await scanJson([root, '--no-user', '--all'], env);
    expect(all.result.findings.map((f) => f.file)).toContain(
      path.join(root, 'repo-001', 'node_modules', 'dep-0', '.npmrc'),
    );
    expect(all.run.out).not.toContain(noise);
  });

  it('tells which entry wins and leaves references out', async () => {
    const root = tempDir('keyport-sweep-prec-');
    putFile(
      path.join(root, 'app', '.npmrc'),
      '//r.example.test/:_authToken=npm_firstfirstfirstfirstfirstfirst0001\n' +
        '//r.example.test/:_authToken=npm_secondsecondsecondsecondsecond002\n' +
        '//s.example.test/:_authToken=${NPM_TOKEN}\n',
    );
    putFile(
      path.join(root, 'app', '.mvn', 'settings.xml'),
      '<settings><servers>\n<server><id>a</id><password>mavenfirstmavenfirst01</password></server>\n<server><id>a</id><password>mavensecondmavensecond2</password></server>\n</servers></settings>\n',
    );
    const { result } = await scanJson([root, '--no-user'], keyportEnv());
    const wins = (format: string) =>
      result.findings.filter((f) => f.format === format).map((f) => [f.line, f.wins]);
    // npm's ini keeps the last assignment; Maven takes the first server with an id.
    expect(wins('npmrc')).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(wins('maven')).toEqual([
      [2, true],
      [3, false],
    ]);
  });

  it('writes SARIF 2.1.0 with masked values only', async () => {
    const root = tempDir('keyport-sweep-sarif-');
    const secret = `npm_${'s'.repeat(36)}`;
    putFile(path.join(root, '.npmrc'), `//r.example.test/:_authToken=${secret}\n`);
    const run = await runKeyport(['scan', root, '--no-user', '--sarif'], keyportEnv());
    expect(run.code).toBe(0);
    expect(run.out).not.toContain(secret);
    const sarif = JSON.parse(run.out);
    expect(sarif.version).toBe('2.1.0');
    const [result] = sarif.runs[0].results;
    expect(result).toMatchObject({
      ruleId: 'keyport/plaintext-credential/npmrc',
      level: 'warning',
      locations: [{ physicalLocation: { region: { startLine: 1 } } }],
      properties: { masked: 'npm_••••••••ssss', git: 'none' },
    });
    expect(sarif.runs[0].tool.driver.rules[0].id).toBe('keyport/plaintext-credential/npmrc');
  });

  it('reports a folder it cannot read and goes on', async () => {
    const root = tempDir('keyport-sweep-locked-');
    const secret = `npm_${'l'.repeat(36)}`;
    putFile(path.join(root, 'open', '.npmrc'), `//r.example.test/:_authToken=${secret}\n`);
    putFile(path.join(root, 'locked', '.npmrc'), `//r.example.test/:_authToken=${secret}\n`);
    chmodSync(path.join(root, 'locked'), 0o000);
    const env = keyportEnv();
    let run;
    if (process.getuid?.() === 0) {
      // root reads any folder; the sweep runs as `nobody`, for whom mode 000 means unreadable.
      chmodSync(root, 0o755);
      chmodSync(env.HOME!, 0o755);
      mkdirSync(env.KEYPORT_HOME!, { recursive: true });
      chownSync(env.KEYPORT_HOME!, 65534, 65534);
      run = await runProcess(
        'setpriv',
        ['--reuid=65534', '--regid=65534', '--clear-groups', process.execPath, KEYPORT_BIN].concat([
          'scan',
          root,
          '--no-user',
          '--json',
        ]),
        env,
      );
    } else {
      run = await runKeyport(['scan', root, '--no-user', '--json'], env);
    }
    chmodSync(path.join(root, 'locked'), 0o700);
    expect(run.code).toBe(0);
    const result = JSON.parse(run.out) as SweepResult;
    expect(result.findings.map((f) => f.file)).toEqual([path.join(root, 'open', '.npmrc')]);
    expect(result.problems).toEqual([{ path: path.join(root, 'locked'), reason: 'unreadable' }]);
  });
});

interface Recorded {
  method: string;
  url: string;
  host: string | undefined;
  authorization: string | undefined;
}

/** An npm registry on 127.0.0.1 that records every request, proxy requests and CONNECTs too. */
async function recordingRegistry(token: string) {
  const requests: Recorded[] = [];
  const server = http.createServer((req, res) => {
    requests.push({
      method: req.method!,
      url: req.url!,
      host: req.headers.host,
      authorization: req.headers.authorization,
    });
    const ok = req.url === '/-/whoami' && req.headers.authorization === `Bearer ${token}`;
    res.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' });
    res.end(JSON.stringify(ok ? { username: 'recorded' } : { error: 'unauthorized' }));
  });
  server.on('connect', (req, socket) => {
    requests.push({
      method: 'CONNECT',
      url: req.url!,
      host: req.headers.host,
      authorization: undefined,
    });
    socket.destroy();
  });
  const { origin, close } = await listenOnLoopback(server);
  return { url: `${origin}/`, requests, close };
}

describe('keyport scan --verify', () => {
  it('marks a live token live and a revoked one revoked, asking only the paired registry', async () => {
    const live = await api.createToken(
      session,
      { kind: 'legacy', readonly: true, cidr: [] },
      { password: PASSWORD },
    );
    const revoked = await api.createToken(
      session,
      { kind: 'legacy', readonly: true, cidr: [] },
      { password: PASSWORD },
    );
    await api.revokeToken(session, revoked.key);
    const recordedToken = `npm_${'r'.repeat(36)}`;
    const recorder = await recordingRegistry(recordedToken);
    try {
      const root = tempDir('keyport-sweep-verify-');
      const dart = `//127.0.0.1:${verdaccio.port}/`;
      putFile(
        path.join(root, 'live', '.npmrc'),
        `registry=${verdaccio.url}\n${dart}:_authToken=${live.token}\n`,
      );
      putFile(
        path.join(root, 'live-yarn', '.yarnrc.yml'),
        `npmScopes:\n  corp:\n    npmRegistryServer: "${verdaccio.url}"\n    npmAuthToken: ${live.token}\n`,
      );
      putFile(
        path.join(root, 'revoked', '.npmrc'),
        `registry=${verdaccio.url}\n${dart}:_authToken=${revoked.token}\n`,
      );
      const recDart = recorder.url.replace('http:', '');
      // The same token in two files: one whoami.
      for (const dir of ['rec-a', 'rec-b']) {
        putFile(
          path.join(root, dir, '.npmrc'),
          `registry=${recorder.url}\n${recDart}:_authToken=${recordedToken}\n`,
        );
      }
      // Paired with nothing (a .env alone), or not an npm registry: never sent anywhere.
      const unpaired = `npm_${'e'.repeat(36)}`;
      const pip = `pip${'p'.repeat(30)}`;
      putFile(path.join(root, 'env-only', '.env'), `NPM_TOKEN=${unpaired}\n`);
      putFile(
        path.join(root, 'pip', 'pip.conf'),
        `[global]\nindex-url = https://u:${pip}@pypi.example.test/simple/\n`,
      );
      // A .env beside an .npmrc that sends ${NPM_TOKEN} to the recorder is paired with it.
      putFile(path.join(root, 'paired', '.env'), `NPM_TOKEN=${recordedToken}\n`);
      putFile(
        path.join(root, 'paired', '.npmrc'),
        `registry=${recorder.url}\n${recDart}:_authToken=\${NPM_TOKEN}\n`,
      );

      // Anything for another host would go through the recorder as a proxy and be recorded.
      const env = keyportEnv({
        HTTP_PROXY: recorder.url,
        HTTPS_PROXY: recorder.url,
        NO_PROXY: '127.0.0.1',
        // undici warns that its proxy agent is experimental; stderr must otherwise stay empty.
        NODE_NO_WARNINGS: '1',
      });
      const { run, result } = await scanJson([root, '--no-user', '--verify'], env);
      const state = (dir: string, name: string) =>
        result.findings.find((f: SweepFinding) => f.file === path.join(root, dir, name))?.verified;
      expect(state('live', '.npmrc')).toBe('live');
      expect(state('live-yarn', '.yarnrc.yml')).toBe('live');
      expect(state('revoked', '.npmrc')).toBe('revoked');
      expect(state('rec-a', '.npmrc')).toBe('live');
      expect(state('rec-b', '.npmrc')).toBe('live');
      expect(state('paired', '.env')).toBe('live');
      expect(state('env-only', '.env')).toBe('unknown');
      expect(state('pip', 'pip.conf')).toBe('unknown');
      expect(recorder.requests).toEqual([
        {
          method: 'GET',
          url: '/-/whoami',
          host: recorder.url.slice('http://'.length, -1),
          authorization: `Bearer ${recordedToken}`,
        },
      ]);
      for (const secret of [live.token, revoked.token, recordedToken, unpaired, pip]) {
        expect(run.out + run.err).not.toContain(secret);
      }
    } finally {
      await recorder.close();
    }
  });
});

describe('keyport import', () => {
  it('moves a swept token into the keychain, leaves a reference, and keyport exec fills it for npm', async () => {
    const created = await api.createToken(
      session,
      { kind: 'legacy', readonly: true, cidr: [] },
      { password: PASSWORD },
    );
    const root = tempDir('keyport-sweep-import-');
    const project = path.join(root, 'project');
    const npmrc = path.join(project, '.npmrc');
    const dart = `//127.0.0.1:${verdaccio.port}/`;
    putFile(
      npmrc,
      `# project settings\nregistry=${verdaccio.url}\n${dart}:_authToken=${created.token}\nsave-exact=true\n`,
    );
    // The same value in a second file of the workspace: stored once.
    putFile(path.join(root, 'other', '.npmrc'), `${dart}:_authToken=${created.token}\n`);
    const env = keyportEnv();
    const { result } = await scanJson([root, '--no-user'], env);
    const ids = result.findings.map((f) => f.id);
    expect(ids).toHaveLength(2);

    const dry = await runKeyport(['import', ...ids, '--replace-with-reference', '--dry-run'], env);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^-\/\/127\.0\.0\.1:\d+\/:_authToken=/m);
    expect(dry.out + dry.err).not.toContain(created.token);
    expect(readFileSync(npmrc, 'utf8')).toContain(created.token);

    // A new process: the ids are resolved from the last scan's record, the files read again.
    const imported = await runKeyport(
      ['import', ...ids, '--replace-with-reference', '--json'],
      env,
    );
    expect(imported.err).toBe('');
    expect(imported.code).toBe(0);
    const outcomes = JSON.parse(imported.out) as Array<{
      token: { id: string };
      reused: boolean;
      rewrite: { written: boolean };
    }>;
    expect(outcomes.map((o) => o.rewrite.written)).toEqual([true, true]);
    expect(new Set(outcomes.map((o) => o.token.id)).size).toBe(1);
    expect(imported.out).not.toContain(created.token);

    const text = readFileSync(npmrc, 'utf8');
    expect(text).not.toContain(created.token);
    const tokenId = outcomes[0]!.token.id;
    expect(text).toBe(
      `# project settings\nregistry=${verdaccio.url}\n${dart}:_authToken=\${KEYPORT_${tokenId.toUpperCase()}}\nsave-exact=true\n`,
    );
    // From the swept project, as a user runs it: exec reads the project's .npmrc references.
    const whoami = await runProcess(
      process.execPath,
      [KEYPORT_BIN, 'exec', '--', 'npm', 'whoami', '--userconfig', npmrc],
      env,
      '',
      project,
    );
    expect(whoami.out.trim()).toBe(USER);
    expect(whoami.code).toBe(0);

    // Swept again: nothing left to find.
    expect((await scanJson([root, '--no-user'], env)).result.findings).toEqual([]);
  });
});
