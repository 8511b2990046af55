import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_ELECTRON_EXIT } from '../../../scripts/electron-binary.mjs';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

/**
 * The real scripts on a machine that cannot fetch Electron. The installer is pointed at an empty
 * dist folder, an empty download cache and a mirror on a closed local port, so the download
 * fails the same way on a machine that does have network (and nothing is fetched there).
 */
function runWithoutElectron(script: string) {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ELECTRON_OVERRIDE_DIST_PATH: tempDir(),
    electron_config_cache: tempDir(),
    ELECTRON_MIRROR: 'http://127.0.0.1:9/',
  };
  const run = spawnSync(process.execPath, [path.resolve('scripts', script)], {
    env,
    encoding: 'utf8',
  });
  return { code: run.status, out: run.stdout, err: run.stderr };
}

describe('without an Electron binary', () => {
  it.each([
    ['smoke.mjs', 'keyport smoke: '],
    ['start.mjs', 'keyport start: '],
  ])('%s says what to do in one line and exits with its own code', (script, prefix) => {
    const run = runWithoutElectron(script);
    expect(run.code).toBe(NO_ELECTRON_EXIT);
    expect(run.out).toBe('');
    const lines = run.err.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${prefix}no Electron binary: .*npx install-electron`));
    expect(run.err).not.toMatch(/\n\s+at /);
  });
});
