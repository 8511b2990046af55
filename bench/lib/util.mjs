// Small helpers shared by the bench sections: statistics, timed child processes, temp dirs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

export const now = () => performance.now();

export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

/** Summary of one series of timings in ms. */
export function summary(values) {
  return {
    n: values.length,
    median: round(median(values)),
    p25: round(quantile(values, 0.25)),
    p75: round(quantile(values, 0.75)),
    min: round(Math.min(...values)),
    max: round(Math.max(...values)),
  };
}

export function round(x, digits = 2) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Runs `warmup` untimed rounds, then up to `reps` rounds; every round runs each named task once,
 * in an order that rotates from round to round, so drift in machine load hits every task alike.
 * A task returns its own duration in ms (so it can exclude set-up) or undefined to be timed here.
 * `budgetMs` bounds the whole series: once spent, it stops after at least `minReps` rounds (the
 * summaries say how many ran).
 */
export async function interleaved(
  tasks,
  { warmup = 2, reps = 15, budgetMs = Infinity, minReps = 3 } = {},
) {
  const names = Object.keys(tasks);
  const times = Object.fromEntries(names.map((n) => [n, []]));
  const start = now();
  let done = 0;
  for (let round = 0; round < warmup + reps; round++) {
    if (round >= warmup && done >= minReps && now() - start > budgetMs) break;
    // A slow task makes warm-up expensive: one warm-up round is enough once the budget is gone.
    if (round > 0 && round < warmup && now() - start > budgetMs / 4) {
      round = warmup - 1;
      continue;
    }
    for (let i = 0; i < names.length; i++) {
      const name = names[(round + i) % names.length];
      const t0 = now();
      const own = await tasks[name]();
      const ms = typeof own === 'number' ? own : now() - t0;
      if (round >= warmup) times[name].push(ms);
    }
    if (round >= warmup) done++;
  }
  return times;
}

/**
 * Spawns a process asynchronously (the parent may be serving requests meanwhile) and times it
 * from spawn to exit with all output read. Kills it after `timeoutMs`.
 */
export function run(cmd, args, { env, cwd, input = '', timeoutMs = 60_000 } = {}) {
  return new Promise((resolve, reject) => {
    const t0 = now();
    const child = spawn(cmd, args, { env, cwd, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.stdout.setEncoding('utf8').on('data', (d) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d) => (err += d));
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err, ms: now() - t0 });
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** Like run, but throws with the process's output when it does not exit 0. */
export async function runOk(cmd, args, options) {
  const r = await run(cmd, args, options);
  if (r.code !== 0) {
    throw new Error(
      `${path.basename(cmd)} ${args.slice(0, 4).join(' ')}… exited ${r.code ?? r.signal}: ${(r.err || r.out).slice(0, 600)}`,
    );
  }
  return r;
}

const tempDirs = new Set();

export function tempDir(prefix) {
  const dir = mkdtempSync(path.join(os.tmpdir(), `keyport-bench-${prefix}-`));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDirs() {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
  tempDirs.clear();
}

/** Cleanups registered by sections (servers, browsers, children), run last-in first-out. */
const cleanups = [];
export function onCleanup(fn) {
  cleanups.push(fn);
}
export async function runCleanups() {
  while (cleanups.length > 0) {
    const fn = cleanups.pop();
    try {
      await fn();
    } catch {
      // Cleanup must go on whatever one step does.
    }
  }
}

/** Environment for child processes: never the user's home, npm never phones out. */
export function childEnv(home, extra = {}) {
  return {
    ...process.env,
    HOME: home,
    USERPROFILE: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    npm_config_cache: path.join(home, '.npm-cache'),
    npm_config_update_notifier: 'false',
    npm_config_fund: 'false',
    npm_config_audit: 'false',
    npm_config_loglevel: 'warn',
    NO_UPDATE_NOTIFIER: '1',
    ...extra,
  };
}

/** Byte-level comparison: identical prefix and suffix lengths, and the changed middle. */
export function compareBytes(before, after) {
  const a = Buffer.from(before);
  const b = Buffer.from(after);
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (
    suffix < a.length - prefix &&
    suffix < b.length - prefix &&
    a[a.length - 1 - suffix] === b[b.length - 1 - suffix]
  )
    suffix++;
  return {
    before: a.length,
    after: b.length,
    identicalPrefix: prefix,
    identicalSuffix: suffix,
    changedBefore: a.length - prefix - suffix,
    changedAfter: b.length - prefix - suffix,
  };
}
