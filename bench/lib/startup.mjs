// Section 4: the CLI's cold start and the renderer's JavaScript, gzipped.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { childEnv, interleaved, now, runOk, summary, tempDir } from './util.mjs';

export async function benchStartup({ repo, bin, reps, log }) {
  const t0 = now();
  const home = tempDir('startup');
  const env = childEnv(home, { KEYPORT_HOME: path.join(home, 'keyport') });
  log('  cold start: node bin/keyport.cjs --help vs node -e 0');
  const s = await interleaved(
    {
      node: async () => (await runOk(process.execPath, ['-e', '0'], { env, cwd: home })).ms,
      keyport: async () => {
        const r = await runOk(process.execPath, [bin, '--help'], { env, cwd: home });
        if (!r.out.includes('keyport')) throw new Error('keyport --help printed no help');
        return r.ms;
      },
    },
    { warmup: 3, reps: reps.startup, budgetMs: 20_000 },
  );

  // What --help loads: main.cjs and what it requires at its top level (a hook in a fresh process
  // would change the timing, so this is read from the bundle: the runner is required lazily).
  const mainCjs = readFileSync(path.join(repo, 'out/cli/main.cjs'), 'utf8');
  const staticImports = [...mainCjs.matchAll(/require\("([^"]+)"\)/g)]
    .map((x) => x[1])
    .filter((name) => name !== './command-runner.cjs');

  const assets = path.join(repo, 'out/renderer/assets');
  const js = readdirSync(assets).filter((f) => f.endsWith('.js'));
  if (js.length === 0)
    throw new Error('out/renderer/assets holds no .js; run `npx electron-vite build`');
  let raw = 0;
  let gz = 0;
  let lines = 0;
  for (const f of js) {
    const buf = readFileSync(path.join(assets, f));
    raw += buf.length;
    gz += gzipSync(buf).length;
    lines += buf.toString('utf8').split('\n').length;
  }
  // A minified bundle has a few very long lines; an unminified one thousands of short ones.
  const minified = raw / lines > 500;
  const m = (xs) => summary(xs).median;
  return {
    seconds: (now() - t0) / 1000,
    series: {
      'node -e 0': summary(s.node),
      'node bin/keyport.cjs --help': summary(s.keyport),
    },
    checks: {
      cliRequiresOfMain: staticImports,
      renderer: { files: js, rawBytes: raw, gzipBytes: gz, lines, minified },
    },
    rows: [
      {
        id: '4a',
        what: 'CLI cold start: keyport --help / node -e 0',
        a: m(s.keyport),
        b: m(s.node),
        target: { max: 1.2 },
      },
      {
        id: '4b',
        what: 'renderer JavaScript gzipped (kB)',
        value: Math.round(gz / 100) / 10,
        unit: 'kB',
        target: { max: 200 },
        detail: `${js.length} file(s), ${Math.round(raw / 1000)} kB raw, ${lines} lines, ${minified ? 'minified' : 'NOT minified'}`,
      },
    ],
  };
}
