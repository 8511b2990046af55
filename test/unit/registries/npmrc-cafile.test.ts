import { execFileSync } from 'node:child_process';
import { symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { npmCafile } from '../../../src/core/registries/npmrc-cafile';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('npmCafile', () => {
  it("reads npm's cafile from the user's .npmrc", () => {
    const home = tempDir();
    writeFileSync(path.join(home, '.npmrc'), 'cafile=/etc/corp-ca.pem\n');
    expect(npmCafile({}, home)).toBe('/etc/corp-ca.pem');
  });

  it('ignores a FIFO named .npmrc instead of blocking on it', () => {
    const home = tempDir();
    // No writer ever opens this FIFO: a blocking open or read would hang the test.
    execFileSync('mkfifo', [path.join(home, '.npmrc')]);
    expect(npmCafile({}, home)).toBeUndefined();
  });

  it('ignores an .npmrc that leads to a device such as /dev/zero', () => {
    const home = tempDir();
    symlinkSync('/dev/zero', path.join(home, '.npmrc'));
    expect(npmCafile({}, home)).toBeUndefined();
  });
});
