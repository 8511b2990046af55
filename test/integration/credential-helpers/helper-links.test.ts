import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PythonKeyringLinks } from '../../../src/core/credential-helpers/python-keyring';
import type { Core } from '../../../src/core/open-core';
import { OsKeychainItems } from '../../../src/core/vault/keychain-items';
import { openCliVault, type OpenCliVault } from '../../support/cli-vault';
import { startNpmLikeServer, type NpmLikeServer } from '../../support/npm-like-server';

// Rotation and removal keep Python keyring's copies in step, read back with Debian's
// python3-keyring from the real Secret Service (scripts/with-keyring.mjs). The registry is the
// npm-like test server, which creates and revokes tokens like npm's token API.
const PYTHON = '/usr/bin/python3';
const PASSWORD = 'links-pass-1';
let registry: NpmLikeServer;
let vault: OpenCliVault;
let core: Core;

/** A password the user stored with Python's keyring itself, before Keyport was set up. */
function keyringSet(service: string, user: string, password: string): void {
  const code = 'import sys, keyring; keyring.set_password(sys.argv[1], sys.argv[2], sys.argv[3])';
  spawnSync(PYTHON, ['-c', code, service, user, password], {
    env: { ...process.env, HOME: vault.home },
  });
}

function keyringGet(service: string, user: string): string {
  return spawnSync(PYTHON, ['-m', 'keyring', 'get', service, user], {
    encoding: 'utf8',
    env: { ...process.env, HOME: vault.home },
  }).stdout;
}

/** A token the registry makes for the signed-in test user, stored in the vault. */
async function createOnRegistry(label: string) {
  const { id: accountId } = await core.service.registries.signIn({
    registry: registry.url,
    username: 'linker',
    password: PASSWORD,
  });
  return core.service.registries.create({
    accountId,
    label,
    request: { kind: 'legacy', readonly: false, cidr: [] },
    password: PASSWORD,
  });
}

beforeAll(async () => {
  if (spawnSync(PYTHON, ['-c', 'import keyring']).status !== 0) {
    throw new Error('Debian python3-keyring is needed (scripts/system-deps.mjs)');
  }
  registry = await startNpmLikeServer({ users: { linker: PASSWORD } });
  vault = await openCliVault('keyport-links-');
  core = vault.core;
});

afterAll(async () => {
  await vault?.close();
  await registry?.stop();
});

describe('helper links follow the token', () => {
  it('a rotation rewrites the keyring copy and carries the servers git serves it for, without a refusal mark; a removal deletes it and Undo puts it back', async () => {
    const created = await createOnRegistry('linked');
    const index = `${registry.url.replace(/\/$/, '')}/simple/`;
    const links = new PythonKeyringLinks(core.vault, new OsKeychainItems());
    const linked = await links.link({
      registry: index,
      username: 'ci',
      tokenId: created.token!.id,
    });
    expect(keyringGet(index, 'ci')).toBe(`${created.secret}\n`);
    // git refused it somewhere and serves it for another server (git-credential.test.ts).
    await core.vault.addServedHost(created.token!.id, 'https://git.example.test');
    await core.vault.markRefused(created.token!.id, { client: 'git', host: 'git.example.test' });

    const rotated = await core.service.rotations.run({
      tokenId: linked.token.id,
      password: PASSWORD,
    });
    const fresh = await core.vault.reveal(rotated.token.id);
    expect(fresh).not.toBe(created.secret);
    for (const service of linked.services) expect(keyringGet(service, 'ci')).toBe(`${fresh}\n`);
    expect(rotated.token.helperLinks?.map((l) => l.service).sort()).toEqual(
      [...linked.services].sort(),
    );
    // The new token serves the same servers, and nothing has refused it yet.
    expect(rotated.token.servedHosts?.map((h) => h.url)).toEqual(['https://git.example.test']);
    expect(rotated.token.refused).toBeUndefined();

    const removed = await core.service.removeToken(rotated.token.id);
    for (const service of linked.services) expect(keyringGet(service, 'ci')).toBe('');
    await core.service.restoreToken(removed.undoId!);
    expect(keyringGet(index, 'ci')).toBe(`${fresh}\n`);
  });
});

describe('a Python setup made before a rotation', () => {
  it("Undo takes the rotated token out of Python's keyring, puts back the user's own and keeps the token", async () => {
    const created = await createOnRegistry('made');
    // The one-click setup serves pip-index tokens; the npm-like server makes npm ones, so the same
    // registry-made token (value and key) is filed again as the index's, which rotation accepts.
    await core.vault.remove(created.token!.id);
    const index = await core.vault.add({
      label: 'index',
      registry: registry.url,
      ecosystem: 'pip',
      user: 'dev',
      secret: created.secret,
      origin: created.token!.origin,
      remoteKey: created.token!.remoteKey!,
    });
    // Another user than the test above's, whose restored token still has its items.
    const host = new URL(registry.url).host;
    const own = `fake-own-pw-${'o'.repeat(12)}`;
    keyringSet(host, 'dev', own);
    const helpers = core.service.helpers;
    const preview = await helpers.plan(index.id, 'python');
    const setUp = await helpers.apply(preview.planId);
    expect(keyringGet(host, 'dev')).toBe(`${created.secret}\n`);

    const rotated = await core.service.rotations.run({ tokenId: index.id, password: PASSWORD });
    const fresh = await core.vault.reveal(rotated.token.id);
    expect(keyringGet(registry.url, 'dev')).toBe(`${fresh}\n`);

    const undone = await helpers.undo(setUp.undoId!);
    expect(undone.keychain).toEqual([`${registry.url} (dev)`, `${host} (dev)`]);
    expect(undone.token?.id).toBe(rotated.token.id);
    expect(undone.token?.helperLinks).toBeUndefined();
    expect(JSON.stringify(undone)).not.toContain(own);
    // Python's keyring gets nothing of Keyport's; the user's own password is back.
    expect(keyringGet(registry.url, 'dev')).toBe('');
    expect(keyringGet(host, 'dev')).toBe(`${own}\n`);
    // The rotated token stays in the vault, its value untouched.
    expect(await core.vault.reveal(rotated.token.id)).toBe(fresh);
    await core.vault.remove(rotated.token.id);
  });
});
