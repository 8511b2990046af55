import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyportError } from '../../../src/shared/errors';
import { MemorySecretStore, type SecretStore } from '../../../src/core/vault/secret-store';
import { Vault } from '../../../src/core/vault/vault';
import { useTempDirs } from '../../support/temp-dir';

const SECRET = 'kp-test-secret-0001-abcdefghijkl';
const tempDir = useTempDirs();

function token(over: Partial<Parameters<Vault['add']>[0]> = {}) {
  return {
    label: 'work npm',
    registry: 'https://registry.npmjs.org/',
    ecosystem: 'npm' as const,
    secret: SECRET,
    origin: 'pasted' as const,
    ...over,
  };
}

/** Token entries only: the vault also keeps its fingerprint key in the keychain. */
async function tokenAccounts(secrets: SecretStore): Promise<string[]> {
  return (await secrets.accounts()).filter((a) => !a.endsWith('/fingerprint-key'));
}

async function tokenValues(secrets: MemorySecretStore): Promise<string[]> {
  return Promise.all((await tokenAccounts(secrets)).map(async (a) => (await secrets.get(a))!));
}

/** A keychain that fails on demand, to simulate a crash between the two halves of a write. */
class FailingStore extends MemorySecretStore {
  failSet = false;
  failDelete = false;
  override async set(account: string, secret: string): Promise<void> {
    if (this.failSet) throw new KeyportError('KEYCHAIN_LOCKED', 'locked');
    return super.set(account, secret);
  }
  override async delete(account: string): Promise<boolean> {
    if (this.failDelete) throw new Error('crash');
    return super.delete(account);
  }
}

/**
 * A vault file left by a crash after the keychain write of an add: a pending record, with its
 * secret stored. Returns the token id and the keychain account it is stored under.
 */
async function crashedAdd(dir: string, secrets: SecretStore) {
  const vault = await Vault.open({ dir, secrets });
  const { id } = await vault.add(token());
  const file = path.join(dir, 'vault.json');
  const data = JSON.parse(readFileSync(file, 'utf8'));
  data.tokens[0].phase = 'pending';
  writeFileSync(file, JSON.stringify(data));
  return { id, file, account: `${data.vaultId}:${id}` };
}

describe('Vault', () => {
  it('keeps the secret in the secret store and only masked metadata on disk (mode 0600)', async () => {
    const dir = tempDir();
    const secrets = new MemorySecretStore();
    const vault = await Vault.open({ dir, secrets });
    const meta = await vault.add(token());
    expect(meta.masked).toBe('kp-t••••••••ijkl');
    expect(await tokenValues(secrets)).toEqual([SECRET]);
    const file = path.join(dir, 'vault.json');
    expect(readFileSync(file, 'utf8')).not.toContain(SECRET);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await vault.reveal(meta.id)).toBe(SECRET);
    expect((await vault.list()).map((t) => t.label)).toEqual(['work npm']);
  });

  it('lists without touching the secret store', async () => {
    const dir = tempDir();
    const secrets = new MemorySecretStore();
    const vault = await Vault.open({ dir, secrets });
    for (let i = 0; i < 50; i++) await vault.add(token({ label: `t${i}` }));
    let calls = 0;
    const counting: SecretStore = {
      get: async (a) => (calls++, secrets.get(a)),
      set: async (a, s) => (calls++, secrets.set(a, s)),
      delete: async (a) => (calls++, secrets.delete(a)),
      accounts: async () => (calls++, secrets.accounts()),
    };
    const reopened = await Vault.open({ dir, secrets: counting });
    calls = 0;
    expect(await reopened.list()).toHaveLength(50);
    expect(calls).toBe(0);
  });

  it('edits label, notes and expiry, and records where a token was written', async () => {
    const vault = await Vault.open({ dir: tempDir(), secrets: new MemorySecretStore() });
    const { id } = await vault.add(token());
    const updated = await vault.update(id, {
      label: 'renamed',
      notes: 'for CI',
      expires: '2027-01-01T00:00:00.000Z',
    });
    expect(updated).toMatchObject({
      label: 'renamed',
      notes: 'for CI',
      expires: '2027-01-01T00:00:00.000Z',
    });
    const written = await vault.recordWrite(id, {
      format: 'npmrc',
      file: '/tmp/x/.npmrc',
      entry: '//r/:_authToken',
    });
    expect(written.writtenTo).toHaveLength(1);
    expect(written.lastUsed).not.toBeNull();
    const again = await vault.recordWrite(id, {
      format: 'npmrc',
      file: '/tmp/x/.npmrc',
      entry: '//r/:_authToken',
    });
    expect(again.writtenTo).toHaveLength(1);
  });

  it('deletes the keychain entry and the metadata together, reading no value', async () => {
    const secrets = new MemorySecretStore();
    let reads = 0;
    const get = secrets.get.bind(secrets);
    secrets.get = (a) => (reads++, get(a));
    const vault = await Vault.open({ dir: tempDir(), secrets });
    const { id } = await vault.add(token());
    reads = 0;
    expect(await vault.remove(id)).toBeNull();
    expect(reads).toBe(0);
    expect(await vault.list()).toEqual([]);
    expect(await tokenAccounts(secrets)).toEqual([]);
    await expect(vault.reveal(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('remove hands back both halves, and restore puts the same token back', async () => {
    const secrets = new MemorySecretStore();
    const vault = await Vault.open({ dir: tempDir(), secrets });
    const added = await vault.add(token({ notes: 'keep me' }));
    await vault.recordWrite(added.id, {
      format: 'npmrc',
      file: '/tmp/x/.npmrc',
      entry: '//registry.npmjs.org/:_authToken',
    });
    const before = await vault.get(added.id);
    const removed = await vault.remove(added.id, { forUndo: true });
    expect(removed?.secret).toBe(SECRET);
    expect(await vault.list()).toEqual([]);
    expect(await tokenAccounts(secrets)).toEqual([]);

    const back = await vault.restore(removed!);
    expect(back).toEqual(before);
    expect(await vault.reveal(added.id)).toBe(SECRET);
    await expect(vault.restore(removed!)).rejects.toMatchObject({ code: 'INVALID_INPUT' });
  });

  it('remove of a token whose value the keychain lost gives nothing to restore', async () => {
    const secrets = new MemorySecretStore();
    const vault = await Vault.open({ dir: tempDir(), secrets });
    const { id } = await vault.add(token());
    for (const a of await tokenAccounts(secrets)) await secrets.delete(a);
    expect(await vault.remove(id, { forUndo: true })).toBeNull();
    expect(await vault.list()).toEqual([]);
  });

  it('writes nothing when the keychain refuses the secret', async () => {
    const dir = tempDir();
    const secrets = new FailingStore();
    const vault = await Vault.open({ dir, secrets });
    await vault.add(token({ label: 'first' }));
    secrets.failSet = true;
    await expect(vault.add(token({ label: 'second' }))).rejects.toMatchObject({
      code: 'KEYCHAIN_LOCKED',
    });
    expect((await vault.list()).map((t) => t.label)).toEqual(['first']);
    expect(readFileSync(path.join(dir, 'vault.json'), 'utf8')).not.toContain('second');
  });

  it('writes no file at all when the keychain is locked from the start', async () => {
    const dir = tempDir();
    const secrets = new FailingStore();
    secrets.failSet = true;
    const vault = await Vault.open({ dir, secrets });
    await expect(vault.add(token())).rejects.toMatchObject({ code: 'KEYCHAIN_LOCKED' });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('reconciles a crash after the keychain write: the pending record is completed', async () => {
    const dir = tempDir();
    const secrets = new MemorySecretStore();
    // The file as it was just before "pending" was cleared.
    const { id, file } = await crashedAdd(dir, secrets);
    const reopened = await Vault.open({ dir, secrets });
    expect((await reopened.list()).map((t) => t.id)).toEqual([id]);
    expect(JSON.parse(readFileSync(file, 'utf8')).tokens[0].phase).toBeUndefined();
  });

  it('reconciles a crash before the keychain write: the pending record is dropped', async () => {
    const dir = tempDir();
    const secrets = new MemorySecretStore();
    const { account } = await crashedAdd(dir, secrets);
    await secrets.delete(account);
    const reopened = await Vault.open({ dir, secrets });
    expect(await reopened.list()).toEqual([]);
  });

  it('finishes an interrupted delete at the next start', async () => {
    const dir = tempDir();
    const secrets = new FailingStore();
    const vault = await Vault.open({ dir, secrets });
    const { id } = await vault.add(token());
    secrets.failDelete = true;
    await expect(vault.remove(id)).rejects.toThrow();
    secrets.failDelete = false;
    const reopened = await Vault.open({ dir, secrets });
    expect(await reopened.list()).toEqual([]);
    expect(await tokenAccounts(secrets)).toEqual([]);
  });

  it('adopts a keychain entry whose metadata was lost, and flags metadata whose secret vanished', async () => {
    const dir = tempDir();
    const secrets = new MemorySecretStore();
    const vault = await Vault.open({ dir, secrets });
    const kept = await vault.add(token({ label: 'kept' }));
    const lost = await vault.add(
      token({ label: 'lost', secret: 'kp-test-secret-0002-zyxwvutsrqpo' }),
    );
    const file = path.join(dir, 'vault.json');
    const data = JSON.parse(readFileSync(file, 'utf8'));
    data.tokens = data.tokens.filter((t: { id: string }) => t.id !== lost.id);
    writeFileSync(file, JSON.stringify(data));
    await secrets.delete(`${data.vaultId}:${kept.id}`);
    const reopened = await Vault.open({ dir, secrets });
    const list = await reopened.list();
    expect(list.find((t) => t.id === kept.id)?.status).toBe('secret-missing');
    const adopted = list.find((t) => t.id === lost.id);
    expect(adopted?.label).toBe('Recovered token');
    expect(await reopened.reveal(lost.id)).toBe('kp-test-secret-0002-zyxwvutsrqpo');
    await expect(reopened.reveal(kept.id)).rejects.toMatchObject({ code: 'SECRET_MISSING' });
  });

  it('ignores keychain entries of another vault', async () => {
    const secrets = new MemorySecretStore();
    await secrets.set('othervault:abc', 'kp-test-secret-other-000000');
    const vault = await Vault.open({ dir: tempDir(), secrets });
    expect(await vault.list()).toEqual([]);
  });

  it('refuses a corrupt metadata file and leaves it as it is', async () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'vault.json'), '{"version": 1, "tokens": [');
    await expect(Vault.open({ dir, secrets: new MemorySecretStore() })).rejects.toMatchObject({
      code: 'VAULT_CORRUPT',
    });
    expect(readFileSync(path.join(dir, 'vault.json'), 'utf8')).toBe('{"version": 1, "tokens": [');
  });

  it('reads a record written before the allowed addresses left the permissions without them', async () => {
    const dir = tempDir();
    const secrets = new MemorySecretStore();
    const vault = await Vault.open({ dir, secrets });
    const { id } = await vault.add(
      token({ permissions: ['publish', 'cidr:10.0.0.0/8'], cidr: ['10.0.0.0/8'] }),
    );
    const again = await Vault.open({ dir, secrets });
    expect((await again.get(id)).permissions).toEqual(['publish']);
    expect((await again.get(id)).cidr).toEqual(['10.0.0.0/8']);
  });

  describe("reconcile put off at open (reconcile: false, the CLI's read-only commands)", () => {
    /** Counts keychain listings, the call reconcile makes. */
    function counting(inner: SecretStore): SecretStore & { listings: number } {
      const store = {
        listings: 0,
        get: (a: string) => inner.get(a),
        set: (a: string, v: string) => inner.set(a, v),
        delete: (a: string) => inner.delete(a),
        accounts: () => (store.listings++, inner.accounts()),
      };
      return store;
    }

    it('reads without a keychain round trip and leaves the file as it is', async () => {
      const dir = tempDir();
      const memory = new MemorySecretStore();
      const { id } = await crashedAdd(dir, memory);
      const before = readFileSync(path.join(dir, 'vault.json'), 'utf8');
      const secrets = counting(memory);
      const vault = await Vault.open({ dir, secrets, reconcile: false });
      expect(await vault.list()).toEqual([]);
      await expect(vault.get(id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(secrets.listings).toBe(0);
      expect(readFileSync(path.join(dir, 'vault.json'), 'utf8')).toBe(before);
    });

    it('finishes the interrupted add before the first change, once', async () => {
      const dir = tempDir();
      const memory = new MemorySecretStore();
      const { id } = await crashedAdd(dir, memory);
      const secrets = counting(memory);
      const vault = await Vault.open({ dir, secrets, reconcile: false });
      const second = await vault.add(token({ label: 'second', secret: 'kp-test-secret-0003-abc' }));
      expect(secrets.listings).toBe(1);
      expect((await vault.list()).map((t) => t.id)).toEqual([id, second.id]);
      await vault.update(id, { label: 'renamed' });
      await vault.touch(second.id);
      expect(secrets.listings).toBe(1);
    });

    it('every kind of change reconciles first: an interrupted delete is finished before update', async () => {
      const dir = tempDir();
      const memory = new FailingStore();
      const vault = await Vault.open({ dir, secrets: memory });
      const gone = await vault.add(token({ label: 'gone' }));
      const kept = await vault.add(token({ label: 'kept', secret: 'kp-test-secret-0004-abc' }));
      memory.failDelete = true;
      await expect(vault.remove(gone.id)).rejects.toThrow();
      memory.failDelete = false;
      const secrets = counting(memory);
      const reader = await Vault.open({ dir, secrets, reconcile: false });
      expect(await tokenAccounts(memory)).toHaveLength(2);
      await reader.update(kept.id, { notes: 'x' });
      expect(secrets.listings).toBe(1);
      expect(await tokenAccounts(memory)).toHaveLength(1);
      const raw = JSON.parse(readFileSync(path.join(dir, 'vault.json'), 'utf8'));
      expect(raw.tokens.map((t: { id: string }) => t.id)).toEqual([kept.id]);
    });

    it('without a keychain: reveal says so (not "secret missing"), metadata edits still work', async () => {
      const dir = tempDir();
      const memory = new MemorySecretStore();
      const { id } = await (await Vault.open({ dir, secrets: memory })).add(token());
      // What @napi-rs/keyring does without a Secret Service: no entry on get, an error on listing.
      const absent: SecretStore = {
        get: async () => null,
        set: async () => {
          throw new KeyportError('KEYCHAIN_UNAVAILABLE', 'no keychain');
        },
        delete: async () => false,
        accounts: async () => {
          throw new KeyportError('KEYCHAIN_UNAVAILABLE', 'no keychain');
        },
      };
      const vault = await Vault.open({ dir, secrets: absent, reconcile: false });
      expect(vault.keychainProblem).toBeNull();
      expect(await vault.list()).toHaveLength(1);
      await expect(vault.reveal(id)).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
      expect(vault.keychainProblem?.code).toBe('KEYCHAIN_UNAVAILABLE');
      expect((await vault.update(id, { label: 'renamed' })).label).toBe('renamed');
    });
  });

  it('sees changes made by another process sharing the data directory', async () => {
    const dir = tempDir();
    const secrets = new MemorySecretStore();
    const app = await Vault.open({ dir, secrets });
    const cli = await Vault.open({ dir, secrets });
    await app.list();
    await cli.add(token({ label: 'from cli' }));
    expect((await app.list()).map((t) => t.label)).toEqual(['from cli']);
  });
});
