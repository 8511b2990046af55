import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const require = createRequire(import.meta.url);
const builderConfig = require('../../../electron-builder.config.cjs') as {
  afterPack: (context: unknown) => Promise<void>;
};

/** @electron/fuses' marker; the wire follows it: version 1, length, one byte per fuse. */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ENABLED = 49;

/**
 * No Electron binary can be had here, so a stand-in carries an Electron 45-sized fuse wire (nine
 * fuses, all at Electron's default "on") between random bytes, where the real tools look for it.
 */
function packagedStandIn(): { dist: string; binary: string } {
  const dist = tempDir();
  const dir = path.join(dist, 'linux-unpacked');
  mkdirSync(dir);
  const binary = path.join(dir, 'keyport');
  const wire = Buffer.from([1, 9, ...Array<number>(9).fill(ENABLED)]);
  writeFileSync(
    binary,
    Buffer.concat([randomBytes(4096), Buffer.from(SENTINEL), wire, randomBytes(4096)]),
  );
  return { dist, binary };
}

function checkFuses(dist: string) {
  const run = spawnSync(process.execPath, [path.resolve('scripts/check-fuses.mjs'), dist], {
    encoding: 'utf8',
  });
  return { code: run.status, lines: run.stdout.trim().split('\n'), err: run.stderr };
}

describe('scripts/check-fuses.mjs (CI reads the fuses back from the packaged app)', () => {
  it('passes once the packaging hook has flipped the wire, one line per fuse', async () => {
    const { dist } = packagedStandIn();
    await builderConfig.afterPack({
      electronPlatformName: 'linux',
      appOutDir: path.join(dist, 'linux-unpacked'),
      packager: { appInfo: { productFilename: 'Keyport' }, executableName: 'keyport' },
    });
    const run = checkFuses(dist);
    expect(run.err).toBe('');
    expect(run.lines).toContain('ok    RunAsNode off');
    expect(run.lines).toContain('ok    OnlyLoadAppFromAsar on');
    expect(run.lines).toHaveLength(7);
    expect(run.code).toBe(0);
  });

  it('fails, naming each fuse left as Electron ships it', () => {
    const { dist } = packagedStandIn();
    const run = checkFuses(dist);
    expect(run.code).toBe(1);
    expect(run.lines).toContain('FAIL  RunAsNode off (found ENABLE)');
    expect(run.lines).toContain('ok    EnableCookieEncryption on');
  });
});
