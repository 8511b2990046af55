import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { EDITORS } from '../../../src/core/configs/editors';
import type { ConfigFormat } from '../../../src/shared/types';
import { bundleChildScript } from '../../support/child-bundle';

/**
 * A child process writes the same file over and over (plan + apply, alternating two tokens) and is
 * SIGKILLed at a random instant after it reports ready. Whatever the instant, the file must hold
 * exactly the original, the A or the B content, never a mix or a truncation.
 */
// Every format writes through the same atomic write (fs/atomic-write.ts); 100 kills per format
// land in each phase of it many times over (the log line counts them), at half the CI time of 200.
const TRIALS = 100;
const SECRET_A = 'kp-test-crash-aaaa-0001';
const SECRET_B = 'kp-test-crash-bbbb-0002';

const CHILD = `
import { applyWrite, planWrite } from './src/core/configs/config-writer';
const [file, format, registry, fields] = process.argv.slice(2);
const secrets = ['${SECRET_A}', '${SECRET_B}'];
process.stdout.write('ready\\n');
for (let i = 0; ; i++) {
  const plan = await planWrite({ format, file, registry, ...JSON.parse(fields), secret: secrets[i % 2] });
  await applyWrite(plan);
  process.stdout.write('w');
}
`;

let bundle: string;
beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keyport-crash-bundle-'));
  bundle = path.join(dir, 'writer-child.mjs');
  await bundleChildScript(CHILD, bundle);
});

/** Average time of one plan + apply in the child, learnt from its progress signals. */
let cycleMs = 50;

/**
 * Runs the child, waits for its ready signal and `writes` completed writes, then kills it at a
 * random instant within about one more write; resolves when it is gone.
 */
function killDuring(file: string, c: Case, writes: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const fields = JSON.stringify(c.fields ?? {});
    const child = spawn(process.execPath, [bundle, file, c.format, c.registry, fields], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    let seen = -1;
    let last = 0;
    let armed = false;
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      const now = performance.now();
      for (const ch of d.toString()) {
        if (ch === 'w' && seen >= 0) cycleMs = cycleMs * 0.9 + (now - last) * 0.1;
        if (ch === 'w' || ch === 'r') {
          seen++;
          last = now;
        }
      }
      if (!armed && seen >= writes) {
        armed = true;
        setTimeout(() => child.kill('SIGKILL'), Math.random() * cycleMs * 1.2);
      }
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`writer exited on its own: ${stderr}`)),
    );
  });
}

interface Case {
  format: ConfigFormat;
  name: string;
  registry: string;
  /** What else names the entry (a Gradle repository). */
  fields?: Record<string, string>;
  trials: number;
  /** The file: large enough that a write takes a while, so kills land inside it too. */
  original: string;
}

const filler = (comment: string): string =>
  Array.from({ length: 20_000 }, (_, i) => `${comment} filler line ${i}`).join('\n');

const CASES: Case[] = [
  {
    format: 'npmrc',
    name: '.npmrc',
    registry: 'https://registry.npmjs.org/',
    trials: TRIALS,
    original: `${filler(';')}\n//registry.npmjs.org/:_authToken=kp-test-original-0000\n${filler(';')}\n`,
  },
  {
    format: 'yarnrc',
    name: '.yarnrc.yml',
    registry: 'https://registry.yarnpkg.com/',
    // A YAML write parses the file three times (edit, check, preview): slower, so fewer trials.
    trials: 30,
    original: `${filler('#')}\nnpmAuthToken: kp-test-original-0000 # old\n${filler('#')}\n`,
  },
  {
    // A bearer entry (no user name) among 5,000 other hosts' tokens: a JSON write parses the file
    // three times and compares the data, so a smaller file than .npmrc's still takes long enough
    // to be killed inside.
    format: 'composer',
    name: 'auth.json',
    registry: 'https://repo.example.com/',
    trials: 60,
    original: `{\n    "bearer": {\n${Array.from({ length: 5_000 }, (_, i) => `        "host-${i}.example": "kp-test-filler-${i}",\n`).join('')}        "repo.example.com": "kp-test-original-0000"\n    }\n}\n`,
  },
  {
    format: 'bundler',
    name: 'config',
    registry: 'https://gems.example.com/',
    trials: 40,
    // Bundler's file is YAML: parsed like .yarnrc.yml, so a smaller file and fewer trials.
    original: `---\n${filler('#').slice(0, 100_000)}\nBUNDLE_GEMS__EXAMPLE__COM: "kp-test-original-0000"\n`,
  },
  {
    format: 'gradle',
    name: 'gradle.properties',
    registry: '',
    fields: { repository: 'corp', username: 'ci' },
    trials: TRIALS,
    original: `${filler('#')}\r\ncorpUsername=ci\r\ncorpPassword=kp-test-original-0000\r\n${filler('!')}\r\n`,
  },
];

describe.each(CASES)('crash safety ($name)', (c) => {
  it(`leaves the old or the new file after SIGKILL at random points (${c.trials} trials)`, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'keyport-crash-'));
    const file = path.join(dir, c.name);
    const { original } = c;
    const edit = (secret: string) =>
      EDITORS[c.format].edit(original, { registry: c.registry, ...c.fields, secret }).text;
    const allowed = new Map([
      [original, 'original'],
      [edit(SECRET_A), 'A'],
      [edit(SECRET_B), 'B'],
    ]);
    const outcomes: Record<string, number> = { original: 0, A: 0, B: 0 };
    let leftoverTemps = 0;
    const started = Date.now();
    for (let trial = 0; trial < c.trials; trial++) {
      writeFileSync(file, original, { mode: 0o600 });
      await killDuring(file, c, trial % 3);
      const state = allowed.get(readFileSync(file, 'utf8'));
      expect(state, `trial ${trial}: the file is neither old nor new`).toBeDefined();
      outcomes[state!]!++;
      // Nothing but the file and a killed write's temp: no backup keeps a token on disk.
      expect(readdirSync(dir).filter((n) => n !== c.name && !n.endsWith('.tmp'))).toEqual([]);
      for (const name of readdirSync(dir).filter((n) => n.endsWith('.tmp'))) {
        leftoverTemps++;
        rmSync(path.join(dir, name));
      }
    }
    console.log(
      `crash safety (${c.name}): ${c.trials} SIGKILL trials in ${Date.now() - started} ms ` +
        `(one write ≈ ${cycleMs.toFixed(1)} ms), all intact ` +
        `(original ${outcomes.original}, A ${outcomes.A}, B ${outcomes.B}; ` +
        `temp files left by a kill mid-write: ${leftoverTemps})`,
    );
    expect(outcomes.A! + outcomes.B!).toBeGreaterThan(0);
  }, 300_000);
});
