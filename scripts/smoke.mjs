#!/usr/bin/env node
// `npm run smoke [-- --packaged | --app EXECUTABLE | --no-build]`: starts the real app with
// --smoke-test against a temp KEYPORT_HOME; the app prints one line per check
// (src/main/smoke-test.ts) and exits 0 or 1. --packaged: the app `electron-builder --dir` left
// in dist/. Otherwise the Electron binary is checked first (so a machine without one learns that
// at once, not after a build), then the app is built and run from out/.
// Exit codes: the app's (0 all checks passed, 1 one failed), NO_ELECTRON_EXIT when there is no
// binary, 1 when the build fails or the app does not finish in time.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureElectronBinary, NO_ELECTRON_EXIT } from './electron-binary.mjs';
import { packagedApp } from './packaged-app.mjs';

/** The whole run: a window that never loads must not hold CI for its 90 minutes. */
const RUN_TIMEOUT_MS = 180_000;

const { values } = parseArgs({
  options: {
    app: { type: 'string' },
    packaged: { type: 'boolean' },
    'no-build': { type: 'boolean' },
  },
});

let command;
let args;
if (values.app || values.packaged) {
  command = path.resolve(values.app ?? packagedApp().executable);
  args = ['--smoke-test'];
} else {
  const found = ensureElectronBinary();
  if (!found.binary) {
    console.error(`keyport smoke: ${found.message}`);
    process.exit(NO_ELECTRON_EXIT);
  }
  if (!values['no-build']) {
    const build = spawnSync('npm', ['run', 'build'], {
      stdio: 'inherit',
      shell: process.platform === 'win32',
    });
    if (build.status !== 0) {
      console.error('keyport smoke: the build failed (see above).');
      process.exit(1);
    }
  }
  command = found.binary;
  // The project folder: Electron loads package.json's "main" (out/main/index.js).
  args = [path.resolve(import.meta.dirname, '..'), '--smoke-test'];
}

const home = mkdtempSync(path.join(os.tmpdir(), 'keyport-smoke-'));
const child = spawn(command, args, {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, KEYPORT_HOME: home, KEYPORT_SMOKE: '1', ELECTRON_ENABLE_LOGGING: '' },
});
const timer = setTimeout(() => {
  console.error(`keyport smoke: the app did not finish within ${RUN_TIMEOUT_MS / 1000} s.`);
  child.kill();
}, RUN_TIMEOUT_MS);
child.on('error', (err) => {
  console.error(`keyport smoke: could not start ${command}: ${err.message}`);
});
child.on('close', (code, signal) => {
  clearTimeout(timer);
  rmSync(home, { recursive: true, force: true });
  process.exit(code ?? (signal ? 1 : 1));
});
