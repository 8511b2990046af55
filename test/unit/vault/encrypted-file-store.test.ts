import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EncryptedFileSecretStore,
  SECRETS_FILE,
} from '../../../src/core/vault/encrypted-file-store';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
/** Cheap scrypt for unit tests; the real cost (2^17) is what the CLI tests pay. */
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const SECRET = 'kp-test-file-store-secret-0123456789';

function store(dir: string, passphrase = 'correct horse') {
  let asked = 0;
  const s = new EncryptedFileSecretStore(dir, async () => (asked++, passphrase), FAST);
  return { s, asked: () => asked };
}

describe('EncryptedFileSecretStore', () => {
  it('keeps secrets sealed in one 0600 file, asks for the passphrase once per process', async () => {
    const dir = tempDir();
    const { s, asked } = store(dir);
    expect(await s.get('v:a')).toBeNull();
    expect(asked()).toBe(0);
    await s.set('v:a', SECRET);
    await s.set('v:b', 'second-ü');
    expect(await s.get('v:a')).toBe(SECRET);
    expect(await s.accounts()).toEqual(['v:a', 'v:b']);
    expect(asked()).toBe(1);
    const file = path.join(dir, SECRETS_FILE);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain(Buffer.from(SECRET).toString('base64'));
    expect(statSync(file).mode & 0o777).toBe(0o600);

    // Another process with the same passphrase reads it; one with another does not.
    expect(await store(dir).s.get('v:b')).toBe('second-ü');
    await expect(store(dir, 'wrong').s.get('v:a')).rejects.toMatchObject({
      code: 'KEYCHAIN_LOCKED',
    });
    await expect(store(dir, 'wrong').s.delete('v:a')).rejects.toMatchObject({
      code: 'KEYCHAIN_LOCKED',
    });
    expect(await s.delete('v:a')).toBe(true);
    expect(await s.delete('v:a')).toBe(false);
    expect(await s.accounts()).toEqual(['v:b']);
  });

  it('refuses an entry moved to another account or changed, and a file that asks too much', async () => {
    const dir = tempDir();
    const { s } = store(dir);
    await s.set('v:a', SECRET);
    await s.set('v:b', 'other');
    const file = path.join(dir, SECRETS_FILE);
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.entries['v:b'] = data.entries['v:a'];
    writeFileSync(file, JSON.stringify(data));
    await expect(store(dir).s.get('v:b')).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });

    data.kdf.N = 2 ** 30;
    writeFileSync(file, JSON.stringify(data));
    await expect(store(dir).s.get('v:a')).rejects.toMatchObject({ code: 'VAULT_CORRUPT' });
  });

  it('refuses an empty passphrase', async () => {
    const { s } = store(tempDir(), '');
    await expect(s.set('v:a', SECRET)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });
});
