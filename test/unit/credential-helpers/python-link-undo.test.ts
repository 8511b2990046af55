import { describe, expect, it } from 'vitest';
import { PythonKeyringLinks } from '../../../src/core/credential-helpers/python-keyring';
import type { KeychainItems } from '../../../src/core/vault/keychain-items';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { Vault } from '../../../src/core/vault/vault';
import { useTempDirs } from '../../support/temp-dir';

// Undo of a Python keyring setup when the token changed since: rotated (the real rotation against
// a registry and the real Secret Service: helper-links.test.ts), set up again by another token
// over the same item, or removed. The keychain items are a Map here, as the vault's unit tests
// keep secrets in MemorySecretStore: these cases are about which item is whose, not the keychain.
const tempDir = useTempDirs();
const INDEX = 'https://pypi.example.test/simple/';
const HOST = 'pypi.example.test';
const OWN = `fake-own-pw-${'o'.repeat(12)}`;

class MapItems implements KeychainItems {
  readonly held = new Map<string, string>();
  get(service: string, username: string) {
    return Promise.resolve(this.held.get(`${service}\n${username}`) ?? null);
  }
  set(service: string, username: string, secret: string) {
    this.held.set(`${service}\n${username}`, secret);
    return Promise.resolve();
  }
  delete(service: string, username: string) {
    return Promise.resolve(this.held.delete(`${service}\n${username}`));
  }
}

async function setUp() {
  const items = new MapItems();
  let clock = Date.parse('2026-11-30T12:00:00Z');
  const vault = await Vault.open({
    dir: tempDir('keyport-link-undo-'),
    secrets: new MemorySecretStore(),
    linkedItems: items,
    // A second apart each time: a later setup's links are told apart by their time.
    now: () => new Date((clock += 1000)),
  });
  const add = (label: string, secret: string) =>
    vault.add({ label, registry: INDEX, ecosystem: 'pip', user: 'ci', secret, origin: 'pasted' });
  const first = await add('index', `fake-token-${'a'.repeat(24)}`);
  await items.set(HOST, 'ci', OWN);
  const links = new PythonKeyringLinks(vault, items);
  const { undo } = await links.link({ registry: INDEX, username: 'ci', tokenId: first.id });
  /** What a rotation does to the vault and the items (RotateFlow), without the registry. */
  const rotate = async () => {
    const fresh = await add('index', `fake-token-${'r'.repeat(24)}`);
    await vault.moveHelperLinks(first.id, fresh.id);
    await vault.remove(first.id);
    return fresh;
  };
  return { items, vault, add, first, links, undo, rotate };
}

describe("Undo of a Python keyring setup after the token's changes", () => {
  it('after a rotation: takes the new token out of the items and keeps it in the vault', async () => {
    const { items, vault, links, undo, rotate } = await setUp();
    const fresh = await rotate();
    expect(await items.get(INDEX, 'ci')).toBe(`fake-token-${'r'.repeat(24)}`);
    const token = await links.unlink(undo);
    expect(token?.id).toBe(fresh.id);
    expect(token?.helperLinks).toBeUndefined();
    expect([...items.held.values()]).toEqual([OWN]);
    expect(await vault.reveal(fresh.id)).toBe(`fake-token-${'r'.repeat(24)}`);
  });

  it('after a rotation and a later setup of another token over the same items: changes nothing', async () => {
    const { items, add, links, undo, rotate } = await setUp();
    await rotate();
    const other = await add('other', `fake-token-${'b'.repeat(24)}`);
    await links.link({ registry: INDEX, username: 'ci', tokenId: other.id });
    await expect(links.unlink(undo)).rejects.toMatchObject({
      code: 'CONFIG_CHANGED_ON_DISK',
      message: `The keychain item ${INDEX} (ci) changed since the setup; Keyport changed nothing.`,
    });
    expect(await items.get(HOST, 'ci')).toBe(`fake-token-${'b'.repeat(24)}`);
  });

  it('after the token was removed (which deleted the items): puts back only what was there before', async () => {
    const { items, vault, first, links, undo } = await setUp();
    await vault.remove(first.id);
    expect(items.held.size).toBe(0);
    expect(await links.unlink(undo)).toBeNull();
    expect([...items.held.values()]).toEqual([OWN]);
  });
});
