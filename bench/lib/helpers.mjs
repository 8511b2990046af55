// Section 6: a credential helper's `get`, as a client runs it once per request (issue 17 item 6),
// against the helpers people use today: docker-credential-secretservice (Debian's
// golang-docker-credential-helpers, Go, same Secret Service) and git's own credential-cache
// (a daemon holding the value in memory), with `node -e 0` as the floor of any Node helper.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { childEnv, interleaved, now, onCleanup, runOk, summary, tempDir } from './util.mjs';

const SECRET = 'kp-bench-helper-0000000000000001';
const HOST = 'registry.bench.test';

function need(command, pkg) {
  if (spawnSync('sh', ['-c', `command -v ${command}`]).status !== 0) {
    throw new Error(`${command} is missing: apt-get install ${pkg} (scripts/system-deps.mjs)`);
  }
}

export async function benchHelpers({ repo, bin, reps, log }) {
  const t0 = now();
  need('docker-credential-secretservice', 'golang-docker-credential-helpers');
  need('git', 'git');
  const home = tempDir('helpers');
  const env = childEnv(home, {
    KEYPORT_HOME: path.join(home, 'keyport'),
    GIT_CONFIG_GLOBAL: '/dev/null',
    GIT_CONFIG_NOSYSTEM: '1',
  });
  const gitHelper = path.join(repo, 'bin/git-credential-keyport.cjs');
  const dockerHelper = path.join(repo, 'bin/docker-credential-keyport.cjs');
  await runOk(
    process.execPath,
    [
      bin,
      'add',
      '--label',
      'bench helper',
      '--registry',
      `https://${HOST}/`,
      '--ecosystem',
      'other',
      '--user',
      'u',
      '--token-stdin',
    ],
    { env, input: SECRET },
  );
  const dockerJson = JSON.stringify({ ServerURL: HOST, Username: 'u', Secret: SECRET });
  await runOk('docker-credential-secretservice', ['store'], { env, input: dockerJson });
  onCleanup(() =>
    runOk('docker-credential-secretservice', ['erase'], { env, input: HOST }).catch(
      () => undefined,
    ),
  );
  const socket = path.join(home, 'cache-socket');
  const gitFill = `protocol=https\nhost=${HOST}\n\n`;
  await runOk('git', ['credential-cache', '--socket', socket, 'store'], {
    env,
    input: `protocol=https\nhost=${HOST}\nusername=u\npassword=${SECRET}\n\n`,
  });
  onCleanup(() =>
    runOk('git', ['credential-cache', '--socket', socket, 'exit'], { env }).catch(() => undefined),
  );

  const expect = (r, what) => {
    if (!r.out.includes(SECRET)) throw new Error(`${what} did not answer with the secret`);
    return r.ms;
  };
  log(
    '  helper get: docker-credential-keyport vs docker-credential-secretservice, git vs credential-cache',
  );
  const s = await interleaved(
    {
      node: async () => (await runOk(process.execPath, ['-e', '0'], { env })).ms,
      dockerKeyport: async () =>
        expect(
          await runOk(process.execPath, [dockerHelper, 'get'], { env, input: HOST }),
          'docker-credential-keyport',
        ),
      dockerSecretService: async () =>
        expect(
          await runOk('docker-credential-secretservice', ['get'], { env, input: HOST }),
          'docker-credential-secretservice',
        ),
      gitKeyport: async () =>
        expect(
          await runOk(process.execPath, [gitHelper, 'get'], { env, input: gitFill }),
          'git-credential-keyport',
        ),
      gitCache: async () =>
        expect(
          await runOk('git', ['credential-cache', '--socket', socket, 'get'], {
            env,
            input: gitFill,
          }),
          'git credential-cache',
        ),
    },
    { warmup: 3, reps: reps.startup, budgetMs: 30_000 },
  );
  const m = (xs) => summary(xs).median;
  // What no Node helper can go below: Node's own start, before a line of the helper runs.
  const floor = m(s.node) / m(s.dockerSecretService);
  return {
    seconds: (now() - t0) / 1000,
    series: Object.fromEntries(Object.entries(s).map(([k, v]) => [k, summary(v)])),
    checks: {},
    rows: [
      {
        id: '6a',
        what: 'helper get: docker-credential-keyport / docker-credential-secretservice',
        a: m(s.dockerKeyport),
        b: m(s.dockerSecretService),
        target: { max: 1.2 },
        targetText: `≤ 1.2× (floor ${floor.toFixed(1)}×)`,
        detail: `a Node helper cannot go below node -e 0, ${floor.toFixed(1)}× the Go helper's whole answer (6d); Keyport's own part is 6a's A minus 6d's A: ${(m(s.dockerKeyport) - m(s.node)).toFixed(1)} ms`,
      },
      {
        id: '6b',
        what: 'helper get: git-credential-keyport / git credential-cache get',
        a: m(s.gitKeyport),
        b: m(s.gitCache),
        target: { max: 1.2 },
      },
      {
        id: '6c',
        what: 'helper get: docker-credential-keyport / node -e 0 (a Node helper’s floor)',
        a: m(s.dockerKeyport),
        b: m(s.node),
      },
      {
        id: '6d',
        what: 'floor of any Node helper: node -e 0 / docker-credential-secretservice get',
        a: m(s.node),
        b: m(s.dockerSecretService),
      },
    ],
  };
}
