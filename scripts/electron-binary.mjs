// The Electron binary, fetched on first use by the electron package's own installer. Where it
// cannot be fetched (no network), the scripts that need it say so in one line and exit with
// NO_ELECTRON_EXIT instead of the installer's stack trace.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** EX_UNAVAILABLE (sysexits.h): distinct from a failed check (1) and from bad usage (2). */
export const NO_ELECTRON_EXIT = 69;

const require = createRequire(import.meta.url);

/**
 * Runs `install-electron` quietly; returns the executable's path, or null and one sentence
 * (with the installer's own first line as the reason) when there is none.
 */
export function ensureElectronBinary() {
  const installer = path.join(path.dirname(require.resolve('electron/package.json')), 'install.js');
  const run = spawnSync(process.execPath, [installer], { encoding: 'utf8' });
  if (run.status === 0) {
    // electron/index.js reads path.txt, which the installer has just written.
    const binary = require('electron');
    if (typeof binary === 'string' && existsSync(binary)) return { binary };
  }
  const said =
    `${run.stderr ?? ''}${run.error?.message ?? ''}`.trim().split('\n')[0] || 'no reason given';
  return {
    binary: null,
    message:
      `no Electron binary: it is downloaded on first use and could not be fetched here (${said}). ` +
      'Run `npx install-electron` once with network access (or set ELECTRON_OVERRIDE_DIST_PATH ' +
      'to an unpacked Electron of the version in package-lock.json), then try again.',
  };
}
