#!/usr/bin/env node
// `npm start` / `npm run dev`: electron-vite preview or dev, once the Electron binary is there.
// Without one (no network for its first-use download) it says what to do in one line and exits
// with NO_ELECTRON_EXIT, instead of the installer's stack trace.
import { spawnSync } from 'node:child_process';
import { ensureElectronBinary, NO_ELECTRON_EXIT } from './electron-binary.mjs';

const mode = process.argv[2] === 'dev' ? 'dev' : 'preview';
const found = ensureElectronBinary();
if (!found.binary) {
  console.error(`keyport ${mode === 'dev' ? 'dev' : 'start'}: ${found.message}`);
  process.exit(NO_ELECTRON_EXIT);
}
const run = spawnSync('npx', ['electron-vite', mode], {
  stdio: 'inherit',
  shell: process.platform === 'win32',
});
process.exit(run.status ?? 1);
