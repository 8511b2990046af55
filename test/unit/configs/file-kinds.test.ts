import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  linkSync,
  mkdirSync,
  readFileSync,
  statSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyportError } from '../../../src/shared/errors';
import {
  applyWrite,
  planRemove,
  planWrite,
  undoWrite,
  type WriteTarget,
} from '../../../src/core/configs/config-writer';
import { MAX_CONFIG_BYTES, readConfigFile } from '../../../src/core/configs/config-file';
import { useTempDirs } from '../../support/temp-dir';

// What a config write does with the file it is given: only regular files, bounded in size, with
// owner, group and hard links handled, and a mode narrowed when a token would be readable by others.
const tempDir = useTempDirs();
const SECRET = 'kp-test-filekind-0001';
const isRoot = process.getuid?.() === 0;

function npmTarget(file: string): WriteTarget {
  return { format: 'npmrc', file, registry: 'https://registry.npmjs.org/', secret: SECRET };
}

async function refusal(promise: Promise<unknown>): Promise<KeyportError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KeyportError);
  return err as KeyportError;
}

describe('config files: regular files only', () => {
  it('refuses a FIFO at once, without opening it (an open would block)', async () => {
    const fifo = path.join(tempDir(), '.npmrc');
    execFileSync('mkfifo', [fifo]);
    const err = await refusal(planWrite(npmTarget(fifo)));
    expect(err.code).toBe('NOT_A_REGULAR_FILE');
    expect(err.message).toBe(
      `${fifo} is a named pipe (FIFO), not a regular file; Keyport reads and writes only regular config files.`,
    );
    expect((await refusal(planRemove(npmTarget(fifo)))).code).toBe('NOT_A_REGULAR_FILE');
    expect(statSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a device, a socket and a folder with a sentence that names the kind', async () => {
    const dir = tempDir();
    const device = await refusal(planWrite(npmTarget('/dev/zero')));
    expect(device.code).toBe('NOT_A_REGULAR_FILE');
    expect(device.message).toMatch(/^\/dev\/zero is a device, not a regular file/);

    const folder = path.join(dir, 'folder');
    mkdirSync(folder);
    const dirErr = await refusal(planWrite(npmTarget(folder)));
    expect([dirErr.code, dirErr.message]).toEqual([
      'NOT_A_REGULAR_FILE',
      `${folder} is a folder, not a regular file; Keyport reads and writes only regular config files.`,
    ]);

    const socketPath = path.join(dir, 'sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const sock = await refusal(planWrite(npmTarget(socketPath)));
      expect(sock.code).toBe('NOT_A_REGULAR_FILE');
      expect(sock.message).toMatch(/is a socket, not a regular file/);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('refuses a file over 8 MiB (TOO_LARGE) and leaves it untouched', async () => {
    const file = path.join(tempDir(), '.npmrc');
    writeFileSync(file, 'a=1\n');
    truncateSync(file, MAX_CONFIG_BYTES + 1);
    const err = await refusal(planWrite(npmTarget(file)));
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toBe(
      `${file} is larger than 8 MiB, too large for a config file; Keyport left it untouched.`,
    );
    expect(statSync(file).size).toBe(MAX_CONFIG_BYTES + 1);
    // Exactly at the cap is still read.
    truncateSync(file, 0);
    writeFileSync(file, `; ${'x'.repeat(MAX_CONFIG_BYTES - 3)}\n`);
    expect(statSync(file).size).toBe(MAX_CONFIG_BYTES);
    expect((await planWrite(npmTarget(file))).changed).toBe(true);
  });

  it('reads a file that reports size 0 but never ends only up to the cap (bounded read)', async () => {
    // /proc/self/pagemap is a regular file of size 0 that yields 8 bytes per page of the address
    // space: terabytes. An unbounded read (fs.readFile) would try to hold them all.
    const err = await refusal(readConfigFile('/proc/self/pagemap'));
    expect(err.code).toBe('TOO_LARGE');
    // A size-0 file with ordinary content is read whole (the buffer grows past what fstat said).
    const status = await readConfigFile('/proc/self/status');
    expect(status?.bytes.toString('utf8')).toMatch(/^Name:/);
  });

  it('notices a file that became a FIFO after the preview, at once', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.npmrc');
    writeFileSync(file, 'a=1\n', { mode: 0o600 });
    const plan = await planWrite(npmTarget(file));
    execFileSync('rm', [file]);
    execFileSync('mkfifo', [file]);
    expect((await refusal(applyWrite(plan))).code).toBe('NOT_A_REGULAR_FILE');
  });
});

describe('config files: mode, owner and hard links', () => {
  it('narrows a group/world-readable file that will hold a token to 0600 and says so', async () => {
    const file = path.join(tempDir(), '.npmrc');
    writeFileSync(file, 'color=false\n');
    chmodSync(file, 0o644);
    const plan = await planWrite(npmTarget(file));
    expect(plan.notes).toEqual([
      `${file} is open to other users (mode 644) and will hold a token; Keyport sets its mode to 600 (owner only).`,
    ]);
    const applied = await applyWrite(plan);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    // Undo puts back the bytes and the mode they had.
    await undoWrite(applied);
    expect(statSync(file).mode & 0o777).toBe(0o644);
  });

  it('leaves the mode of a file that holds only a reference, and of an owner-only file', async () => {
    const dir = tempDir();
    const shared = path.join(dir, 'shared.npmrc');
    writeFileSync(shared, 'color=false\n');
    chmodSync(shared, 0o644);
    const ref = await planWrite({
      ...npmTarget(shared),
      secret: '${KEYPORT_ABC}',
      reference: true,
    });
    expect(ref.notes).toEqual([]);
    await applyWrite(ref);
    expect(statSync(shared).mode & 0o777).toBe(0o644);

    const own = path.join(dir, 'own.npmrc');
    writeFileSync(own, 'color=false\n');
    chmodSync(own, 0o600);
    const plan = await planWrite(npmTarget(own));
    expect(plan.notes).toEqual([]);
    await applyWrite(plan);
    expect(statSync(own).mode & 0o777).toBe(0o600);
  });

  it('reports a hard link in the preview; the token goes to the chosen name only', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.npmrc');
    const other = path.join(dir, 'dotfiles-npmrc');
    writeFileSync(file, 'color=false\n', { mode: 0o600 });
    linkSync(file, other);
    const plan = await planWrite(npmTarget(file));
    expect(plan.notes).toEqual([
      `${file} has 1 other hard link; Keyport replaces the file at this name only, so the other names keep the old content.`,
    ]);
    await applyWrite(plan);
    expect(readFileSync(file, 'utf8')).toContain(SECRET);
    expect(readFileSync(other, 'utf8')).toBe('color=false\n');
  });

  it.runIf(isRoot)('keeps the owner and group of a file written as root (fchown)', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.npmrc');
    writeFileSync(file, 'color=false\n', { mode: 0o600 });
    chownSync(file, 4321, 8765);
    const applied = await applyWrite(await planWrite(npmTarget(file)));
    expect(readFileSync(file, 'utf8')).toContain(SECRET);
    expect([statSync(file).uid, statSync(file).gid]).toEqual([4321, 8765]);
    await undoWrite(applied);
    expect([statSync(file).uid, statSync(file).gid]).toEqual([4321, 8765]);
  });
});
