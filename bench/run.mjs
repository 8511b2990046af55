#!/usr/bin/env node
// `npm run bench`: Keyport measured side by side with the tools it replaces (issue 8).
// Run under scripts/with-keyring.mjs (a private, real Secret Service), after
// `npx electron-vite build && node scripts/build-cli.mjs`.
//
// Every figure is a median of repeated runs after warm-up; comparisons are ratios of two things
// measured in the same run, interleaved round by round so machine load hits both alike. Targets
// are reported PASS/FAIL, never asserted: the bench exits 0 unless something crashes.
// BENCH_QUICK=1 runs few repetitions (to check the bench itself, not to quote).
// BENCH_ONLY=1,4 runs only those sections and leaves bench/results.json alone.
import { existsSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { BENCH_DIR, REPO, buildBenchModules, removeBuild } from './lib/build.mjs';
import { benchHelpers } from './lib/helpers.mjs';
import { benchRegistry } from './lib/registry.mjs';
import { benchRenderer } from './lib/renderer.mjs';
import { benchStartup } from './lib/startup.mjs';
import { benchSweep } from './lib/sweep.mjs';
import { benchVault } from './lib/vault.mjs';
import { benchWriters } from './lib/writers.mjs';
import { now, removeTempDirs, round, run, runCleanups } from './lib/util.mjs';

const QUICK = process.env.BENCH_QUICK === '1';
const REPS = QUICK
  ? { process: 3, inProcess: 8, write: 3, xml: 3, vault: 8, paint: 2, startup: 5 }
  : { process: 15, inProcess: 30, write: 10, xml: 10, vault: 20, paint: 8, startup: 25 };
const BIN = path.join(REPO, 'bin/keyport.cjs');
const RESULTS = path.join(BENCH_DIR, 'results.json');
/** Whole-run limit: a hung child or browser must not keep the bench (or CI) forever; section 5
 * runs secretlint over ~70,000 files, which alone takes minutes. */
const LIMIT_MS = 20 * 60_000;

const log = (line) => process.stderr.write(`${line}\n`);

async function machine() {
  const npm = await run('npm', ['--version'], { timeoutMs: 20_000 }).catch(() => ({ out: '?' }));
  const chromium = await run(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
    timeoutMs: 20_000,
  }).catch(() => ({ out: '?' }));
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: round(os.totalmem() / 2 ** 30, 1),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    npm: npm.out.trim(),
    chromium: chromium.out.trim(),
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
    date: new Date().toISOString(),
  };
}

function verdict(row) {
  if (row.error) return 'ERROR';
  if (row.check !== undefined) return row.check ? 'PASS' : 'FAIL';
  if (!row.target) return '';
  const x = row.ratio ?? row.value;
  return x <= row.target.max ? 'PASS' : 'FAIL';
}

function finish(row) {
  if (row.a !== undefined && row.b !== undefined && row.b > 0) row.ratio = round(row.a / row.b, 2);
  row.status = verdict(row);
  return row;
}

function figure(row) {
  if (row.error) return 'crashed';
  if (row.figure) return row.figure;
  if (row.check !== undefined) return row.check ? 'yes' : 'no';
  if (row.ratio !== undefined) return `${row.ratio.toFixed(2)}×`;
  if (row.value !== undefined) return `${row.value} ${row.unit ?? ''}`.trim();
  return '';
}

function target(row) {
  if (row.targetText) return row.targetText;
  if (row.check !== undefined) return 'identical';
  if (!row.target) return '—';
  return row.ratio !== undefined
    ? `≤ ${row.target.max}×`
    : `< ${row.target.max} ${row.unit ?? ''}`.trim();
}

const ms = (x) => (x === undefined ? '' : `${x < 10 ? x.toFixed(2) : x.toFixed(1)}`);

/** A Markdown table: the same text goes to the terminal and (by hand) to the README. */
function table(rows) {
  const head = ['#', 'What is compared (A / B, medians)', 'A ms', 'B ms', 'Result', 'Target', ''];
  const body = rows.map((r) => [r.id, r.what, ms(r.a), ms(r.b), figure(r), target(r), r.status]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => String(b[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

async function main() {
  const started = now();
  for (const built of ['out/cli/main.cjs', 'out/renderer/index.html']) {
    if (!existsSync(path.join(REPO, built))) {
      throw new Error(
        `${built} is missing: run \`npx electron-vite build && node scripts/build-cli.mjs\``,
      );
    }
  }
  if (!process.env.DBUS_SESSION_BUS_ADDRESS) {
    log(
      'warning: no D-Bus session; run through scripts/with-keyring.mjs for a real Secret Service',
    );
  }
  const info = await machine();
  log(
    `Keyport bench — ${info.cpu}, ${info.cores} cores, Node ${info.node}, npm ${info.npm}${QUICK ? ' (QUICK)' : ''}`,
  );
  const modules = await buildBenchModules();
  const ctx = { modules, bin: BIN, repo: REPO, reps: REPS, log };

  const sections = [
    ['1 token listing (Verdaccio, 100 tokens)', benchRegistry],
    ['2 config writes (10k-line .npmrc, 5k-server settings.xml)', benchWriters],
    ['3 vault at scale (10k tokens)', benchVault],
    ['3 renderer in Chromium (10k tokens)', benchRenderer],
    ['4 start-up and bundle', benchStartup],
    ['5 workspace sweep (200 repositories, ~70,000 files)', benchSweep],
    ['6 credential helper get (git, Docker/OCI)', benchHelpers],
  ];
  // BENCH_ONLY=1,4 runs only those sections (by their leading number), to iterate on one.
  const only = process.env.BENCH_ONLY?.split(',').map((x) => x.trim());
  if (only) sections.splice(0, sections.length, ...sections.filter(([n]) => only.includes(n[0])));
  const results = { machine: info, repetitions: REPS, quick: QUICK, sections: [], rows: [] };
  let crashed = false;
  for (const [name, fn] of sections) {
    log(`\n${name}`);
    try {
      const out = await fn(ctx);
      delete out.tokens;
      const rows = out.rows.map(finish);
      results.sections.push({
        name,
        seconds: round(out.seconds, 1),
        series: out.series,
        checks: out.checks,
      });
      results.rows.push(...rows);
      log(`  done in ${out.seconds.toFixed(1)} s`);
    } catch (err) {
      crashed = true;
      log(`  CRASHED: ${err?.stack ?? err}`);
      results.sections.push({ name, error: String(err?.message ?? err) });
      results.rows.push(
        finish({
          id: name.slice(0, 1),
          what: `${name}: ${String(err?.message ?? err).slice(0, 120)}`,
          error: true,
        }),
      );
    } finally {
      await runCleanups();
    }
  }
  results.totalSeconds = round((now() - started) / 1000, 1);
  if (!only) writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);

  const machineLine = `${info.cpu}, ${info.cores} cores, ${info.memoryGB} GB, ${info.os}, Node ${info.node}, npm ${info.npm}, ${info.chromium}, ${info.date.slice(0, 10)}`;
  console.log(`\nMachine: ${machineLine}\n`);
  console.log(table(results.rows));
  const notes = results.rows
    .filter((r) => r.detail || r.note)
    .map((r) => `- ${r.id}: ${r.detail ?? r.note}`);
  if (notes.length) console.log(`\n${notes.join('\n')}`);
  const failed = results.rows.filter((r) => r.status === 'FAIL').map((r) => r.id);
  console.log(
    `\n${failed.length ? `Targets missed: ${failed.join(', ')}` : 'All targets met'}. Total ${results.totalSeconds} s. ${only ? '' : `Details: ${path.relative(process.cwd(), RESULTS)}`}`,
  );
  return crashed ? 1 : 0;
}

let exiting = false;
async function cleanupAndExit(code) {
  if (exiting) return;
  exiting = true;
  await runCleanups();
  removeTempDirs();
  removeBuild();
  process.exit(code);
}

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => void cleanupAndExit(130));
setTimeout(() => {
  log(`bench: still running after ${LIMIT_MS / 60_000} minutes; stopping.`);
  void cleanupAndExit(1);
}, LIMIT_MS).unref();

main().then(
  (code) => cleanupAndExit(code),
  (err) => {
    log(`bench crashed: ${err?.stack ?? err}`);
    void cleanupAndExit(1);
  },
);
