import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../src/core/fs/atomic-write';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('writeFileAtomic', () => {
  it('replaces the file with the exact mode and leaves no temp file', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.npmrc');
    writeFileSync(file, 'old\n', { mode: 0o644 });
    await writeFileAtomic(file, 'new\n', { mode: 0o640 });
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(statSync(file).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir)).toEqual(['.npmrc']);
  });

  it('removes temp files a killed writer left behind, and only those', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.npmrc');
    // The writer names its temp file `.<name>.<12 hex>.tmp` next to the target.
    const stale = path.join(dir, '..npmrc.0123456789ab.tmp');
    const other = path.join(dir, '..pypirc.0123456789ab.tmp');
    writeFileSync(stale, 'half a secret');
    writeFileSync(other, 'not ours to touch');
    await writeFileAtomic(file, 'new\n', { mode: 0o600 });
    expect(readdirSync(dir).sort()).toEqual(['..pypirc.0123456789ab.tmp', '.npmrc']);
  });
});
