// Section 5: sweeping a workspace of 200 repositories (issue 15). The same generated tree —
// sources, node_modules noise and 67 registry credentials planted in eight kinds of file, some
// committed, some git-ignored, some untracked — is read by `keyport scan DIR --json`, by
// secretlint with its recommended preset (the general secret scanner a team would otherwise
// run), and compared with `node -e 0`, the floor for any Node command.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUILD_DIR } from './build.mjs';
import { childEnv, interleaved, now, run, runOk, summary, tempDir } from './util.mjs';

const REPOSITORIES = 200;
const CREDENTIALS = 67;
const NOISE_PER_REPOSITORY = 340;

/** The generator the integration test uses (test/support/planted-workspace.ts), bundled. */
async function loadGenerator(repo) {
  const out = path.join(BUILD_DIR, 'planted-workspace.mjs');
  await build({
    entryPoints: [path.join(repo, 'test/support/planted-workspace.ts')],
    outfile: out,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    logLevel: 'warning',
  });
  return import(pathToFileURL(out).href);
}

export async function benchSweep({ repo, bin, reps, log }) {
  const t0 = now();
  const { plantWorkspace } = await loadGenerator(repo);
  const home = tempDir('sweep-home');
  const root = tempDir('sweep-workspace');
  log(`  generating ${REPOSITORIES} repositories (git init + commit each)…`);
  const { planted, files } = plantWorkspace(root, {
    repositories: REPOSITORIES,
    credentials: CREDENTIALS,
    noisePerRepository: NOISE_PER_REPOSITORY,
  });
  log(`  ${files} files, ${planted.length} planted credentials`);
  const env = childEnv(home, { KEYPORT_HOME: path.join(home, 'keyport') });
  const rc = path.join(home, '.secretlintrc.json');
  writeFileSync(
    rc,
    JSON.stringify({ rules: [{ id: '@secretlint/secretlint-rule-preset-recommend' }] }),
  );
  const secretlint = path.join(repo, 'node_modules/secretlint/bin/secretlint.js');
  // Its report goes to a file: on stdout, a large report was seen cut short at exit.
  const report = path.join(home, 'secretlint-report.json');
  const secretlintArgs = [
    secretlint,
    '**/*',
    '--secretlintrc',
    rc,
    '--format',
    'json',
    '--no-color',
    '--output',
    report,
  ];
  const keyportRun = () =>
    runOk(process.execPath, [bin, 'scan', root, '--json'], { env, cwd: root });
  // secretlint exits 1 when it finds something (0 with --output), which is expected here.
  const secretlintRun = async () => {
    const r = await run(process.execPath, secretlintArgs, {
      env,
      cwd: root,
      timeoutMs: 400_000,
    });
    if (r.code !== 0 && r.code !== 1)
      throw new Error(`secretlint exited ${r.code}: ${r.err.slice(0, 400)}`);
    return { ...r, out: readFileSync(report, 'utf8') };
  };
  const secretlintFound = (r) => {
    const results = JSON.parse(r.out || '[]');
    const files = new Set(
      results.filter((x) => x.messages.length > 0).map((x) => path.resolve(root, x.filePath)),
    );
    return {
      planted: planted.filter((p) => files.has(p.file)).length,
      messages: results.reduce((n, x) => n + x.messages.length, 0),
    };
  };

  const kp = JSON.parse((await keyportRun()).out);
  const byFile = new Map(kp.findings.map((f) => [f.file, f]));
  const foundByKeyport = planted.filter((p) => byFile.get(p.file)?.git === p.git).length;
  const leaked = planted.filter((p) => JSON.stringify(kp).includes(p.value)).length;
  // One run over the whole tree: it takes minutes, and the ratio is far from the target either way.
  // One run: it takes minutes here, and the ratio is far from the target either way.
  log('  secretlint over the same tree, once…');
  const full = await secretlintRun();
  const fullFound = secretlintFound(full);
  log(
    `  keyport found ${foundByKeyport}/${planted.length} (git state right); secretlint ${fullFound.planted} (${fullFound.messages} messages)`,
  );

  log('  timing: keyport scan DIR --json vs node -e 0');
  const s = await interleaved(
    {
      node: async () => (await runOk(process.execPath, ['-e', '0'], { env, cwd: root })).ms,
      keyport: async () => (await keyportRun()).ms,
    },
    { warmup: 2, reps: reps.process, budgetMs: 60_000 },
  );
  const m = (xs) => summary(xs).median;
  const kinds = [...new Set(planted.map((p) => p.format))].length;
  return {
    seconds: (now() - t0) / 1000,
    series: {
      'keyport scan DIR --json': summary(s.keyport),
      'node -e 0': summary(s.node),
      'secretlint recommended (1 run)': summary([full.ms]),
    },
    checks: {
      files,
      planted: planted.length,
      kinds,
      tracked: planted.filter((p) => p.git === 'tracked').length,
      keyport: { found: foundByKeyport, findings: kp.findings.length, leakedValues: leaked },
      secretlint: fullFound,
    },
    rows: [
      {
        id: '5a',
        what: `sweep ${REPOSITORIES} repos: planted credentials found (git state right)`,
        check: foundByKeyport === planted.length && leaked === 0,
        figure: `${foundByKeyport} / ${planted.length}`,
        targetText: 'all',
        detail: `${files} files, ${planted.length} credentials in ${kinds} kinds of file; secretlint (recommended preset) finds ${fullFound.planted} of them (${fullFound.messages} messages); no value in keyport's output: ${leaked === 0 ? 'yes' : 'NO'}`,
      },
      {
        id: '5b',
        what: 'sweep: keyport scan DIR --json / secretlint recommended',
        a: m(s.keyport),
        b: full.ms,
        target: { max: 0.5 },
        detail: 'secretlint run once over the same tree (its report leaves node_modules out)',
      },
      {
        id: '5c',
        what: 'sweep: keyport scan DIR --json / node -e 0',
        a: m(s.keyport),
        b: m(s.node),
        target: { max: 3 },
      },
    ],
  };
}
