#!/usr/bin/env node
// `npm test`: lint, type check, unit + component, integration (real keychain, registry, clients),
// build, and end-to-end (real Chromium). Runs every step, then prints one closing count line.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureSystemDeps } from './system-deps.mjs';

const RESULTS = 'test-results/counts';
rmSync(RESULTS, { recursive: true, force: true });
mkdirSync(RESULTS, { recursive: true });

const withKeyring = ['node', 'scripts/with-keyring.mjs'];
const vitestJson = (name) => [
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${RESULTS}/${name}.json`,
];

const steps = [
  { name: 'lint', cmd: ['npm', 'run', 'lint'] },
  { name: 'typecheck', cmd: ['npm', 'run', 'typecheck'] },
  {
    name: 'unit + component',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--project',
      'unit',
      '--project',
      'component',
      ...vitestJson('vitest-unit'),
    ],
    vitest: 'vitest-unit',
  },
  {
    name: 'integration',
    cmd: [
      ...withKeyring,
      'npx',
      'vitest',
      'run',
      '--project',
      'integration',
      ...vitestJson('vitest-integration'),
    ],
    vitest: 'vitest-integration',
    needsSystem: true,
  },
  { name: 'build', cmd: ['npm', 'run', 'build'] },
  {
    name: 'e2e',
    cmd: [...withKeyring, 'npx', 'playwright', 'test', '--reporter=list,json'],
    env: { PLAYWRIGHT_JSON_OUTPUT_NAME: `${RESULTS}/e2e.json` },
    playwright: 'e2e',
    needsSystem: true,
  },
];

const systemReady = ensureSystemDeps();
const summary = [];
let passed = 0;
let failed = 0;

for (const step of steps) {
  if (step.needsSystem && !systemReady) {
    summary.push(`${step.name}: skipped (system packages missing)`);
    failed += 1;
    continue;
  }
  console.log(`\n── ${step.name} ──`);
  const started = Date.now();
  const [cmd, ...args] = step.cmd;
  const result = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...step.env } });
  const ok = result.status === 0;
  const counts = countsOf(step);
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
  } else if (!ok) {
    failed += 1;
  }
  if (!ok && counts && counts.failed === 0) failed += 1; // the runner failed outside any test
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  summary.push(
    `${step.name}: ${ok ? 'ok' : 'FAILED'} (${seconds} s${counts ? `, ${counts.passed} passed, ${counts.failed} failed` : ''})`,
  );
}

console.log(`\n── summary ──\n${summary.join('\n')}`);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed === 0 && summary.every((s) => !s.includes('FAILED')) ? 0 : 1);

function countsOf(step) {
  const file = step.vitest
    ? `${RESULTS}/${step.vitest}.json`
    : step.playwright
      ? `${RESULTS}/${step.playwright}.json`
      : null;
  if (!file || !existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  if (step.vitest)
    return { passed: report.numPassedTests ?? 0, failed: report.numFailedTests ?? 0 };
  const s = report.stats ?? {};
  return { passed: s.expected ?? 0, failed: (s.unexpected ?? 0) + (s.flaky ?? 0) };
}
