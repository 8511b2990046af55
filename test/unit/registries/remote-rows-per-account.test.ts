import { describe, expect, it } from 'vitest';
import { openCore } from '../../../src/core/open-core';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { useTempDirs } from '../../support/temp-dir';
import { useServers } from './registry-test-kit';

const tempDir = useTempDirs();
const startServer = useServers();

describe('an account’s token list', () => {
  it('holds only that account’s tokens when two accounts share a registry', async () => {
    const server = await startServer({ users: { alice: 'pw-alice', bob: 'pw-bob' } });
    const core = await openCore({
      version: 'test',
      access: { mode: 'cli' },
      dataDir: tempDir(),
      home: tempDir(),
      env: {},
      secrets: new MemorySecretStore(),
    });
    const { registries } = core.service;
    const alice = await registries.signIn({
      registry: server.url,
      username: 'alice',
      password: 'pw-alice',
    });
    const bob = await registries.signIn({
      registry: server.url,
      username: 'bob',
      password: 'pw-bob',
    });
    const created = await registries.create({
      accountId: alice.id,
      label: 'alice ci',
      request: { kind: 'legacy', readonly: false, cidr: [] },
      password: 'pw-alice',
    });

    // Alice's token is hers: listed and in Keyport under her account…
    expect(await registries.listRemote({ accountId: alice.id })).toEqual([
      expect.objectContaining({ state: 'in-keyport', local: created.token }),
    ]);
    // …and not "revoked elsewhere" under Bob's, whose registry list cannot hold it.
    expect(await registries.listRemote({ accountId: bob.id })).toEqual([]);
    await core.close();
  });
});
