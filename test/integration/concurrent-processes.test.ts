import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKeyport } from '../support/run-keyport';

// The app and any number of `keyport` commands may share one data directory. Without a lock
// across processes, two read-modify-write cycles of vault.json interleave and one token's
// details are lost while its secret stays in the keychain.
const PER_WRITER = 8;
let home: string;

function keyport(args: string[], stdin = '') {
  return runKeyport(args, { ...process.env, KEYPORT_HOME: home }, stdin);
}

async function writer(name: string) {
  for (let i = 0; i < PER_WRITER; i++) {
    const r = await keyport(
      [
        'add',
        '--label',
        `${name}-${i}`,
        '--registry',
        'https://r.example.test/',
        '--ecosystem',
        'npm',
        '--token-stdin',
      ],
      `kp-test-secret-${name}-${String(i).padStart(4, '0')}-concurrent`,
    );
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
  }
}

beforeAll(() => {
  home = mkdtempSync(path.join(os.tmpdir(), 'keyport-concurrent-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('several keyport processes on one data directory', () => {
  it('loses no token when three processes add at the same time', async () => {
    // The first add creates the directory's files; the race is between the adds after it.
    await keyport(
      ['add', '--label', 'seed', '--registry', 'https://r.example.test/', '--token-stdin'],
      'kp-test-secret-seed-000000000',
    );
    await Promise.all([writer('a'), writer('b'), writer('c')]);
    const list = await keyport(['list', '--json']);
    const labels = (JSON.parse(list.out) as Array<{ label: string }>).map((t) => t.label).sort();
    expect(labels).toHaveLength(1 + 3 * PER_WRITER);
    expect(labels).toContain('a-7');
    expect(labels).toContain('c-0');
    // The lock is released: only the metadata file remains.
    expect(readdirSync(home).sort()).toEqual(['vault.json']);
  });
});
