import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/open-core';
import type { TokenMeta } from '../../../src/shared/types';
import { openCliVault, type OpenCliVault } from '../../support/cli-vault';
import { startNpmLikeServer, type NpmLikeServer } from '../../support/npm-like-server';
import { putFile } from '../../support/put-file';

// Cancel during a rotation, with the real core, keychain and files. The registry is the npm-like
// server (test/support) because it can hold a request open until the test cancels, which
// Verdaccio cannot.
const PASSWORD = 'cancel-pass-1';
let registry: NpmLikeServer;
let vault: OpenCliVault;
let core: Core;
let accountId: string;

beforeAll(async () => {
  registry = await startNpmLikeServer({ users: { canceller: PASSWORD } });
  vault = await openCliVault('keyport-rotate-cancel-');
  core = vault.core;
  accountId = (
    await core.service.registries.signIn({
      registry: registry.url,
      username: 'canceller',
      password: PASSWORD,
    })
  ).id;
});

afterAll(async () => {
  await vault?.close();
  await registry?.stop();
});

/** A token made through the registry and written into a project's .npmrc beside other lines. */
async function writtenToken(name: string): Promise<{ old: TokenMeta; file: string; text: string }> {
  const created = await core.service.registries.create({
    accountId,
    label: name,
    request: { kind: 'legacy', readonly: false, cidr: [] },
    password: PASSWORD,
  });
  const old = created.token!;
  const file = putFile(path.join(vault.root, name, '.npmrc'), '# keep me\nsave-exact=true\n');
  await core.service.configs.apply(
    (await core.service.configs.plan({ tokenId: old.id, format: 'npmrc', file })).planId,
  );
  return { old, file, text: readFileSync(file, 'utf8') };
}

/** Starts a rotation, waits until the registry holds the stalled request, then cancels it. */
async function rotateAndCancel(old: TokenMeta, opId: string) {
  const stalled = registry.nextHang();
  const rotation = core.service.rotations.run({ tokenId: old.id, password: PASSWORD, opId }).then(
    () => {
      throw new Error('the rotation finished although it was cancelled');
    },
    (err: unknown) => err,
  );
  await stalled;
  const atCancel = registry.requests.length;
  expect(core.service.operationStatus(opId).running).toBe(true);
  expect(core.service.cancelOperation(opId)).toEqual({ cancelled: true });
  const error = await rotation;
  return { error, after: registry.requests.slice(atCancel) };
}

describe('cancelling a rotation', () => {
  it('while the registry holds the create: nothing is sent after the cancel, nothing changed', async () => {
    const { old, file, text } = await writtenToken('stalled-create');
    const before = registry.tokens.map((t) => t.key);
    registry.failNext({ method: 'POST', path: '/-/npm/v1/tokens' }, { kind: 'hang' });

    const { error, after } = await rotateAndCancel(old, 'rotate-stalled-create');

    expect(error).toMatchObject({ code: 'CANCELLED', details: { rolledBack: true } });
    expect(after).toEqual([]);
    expect(readFileSync(file, 'utf8')).toBe(text);
    expect(registry.tokens.map((t) => t.key)).toEqual(before);
    expect((await core.service.listTokens()).filter((t) => !t.signIn).map((t) => t.id)).toEqual([
      old.id,
    ]);
    expect(core.service.operationStatus('rotate-stalled-create').running).toBe(false);
    await core.service.registries.revoke({ accountId, keys: [old.remoteKey!], removeLocal: true });
  });

  it('while the registry holds the check of the new token: files, vault and registry put back', async () => {
    const { old, file, text } = await writtenToken('stalled-verify');
    registry.failNext({ method: 'GET', path: '/-/whoami' }, { kind: 'hang' });

    const { error, after } = await rotateAndCancel(old, 'rotate-stalled-verify');

    expect(error).toMatchObject({ code: 'CANCELLED', details: { rolledBack: true } });
    // The new token was made and written before the stall; all of it is undone.
    expect(readFileSync(file, 'utf8')).toBe(text);
    const local = (await core.service.listTokens()).filter((t) => !t.signIn);
    expect(local.map((t) => t.id)).toEqual([old.id]);
    expect((await core.service.revealToken(old.id)).secret).toBe(
      registry.tokens.find((t) => t.key === old.remoteKey)?.secret,
    );
    expect(registry.tokens.map((t) => t.key)).toEqual([old.remoteKey]);
    // After the cancel, only the rollback talks to the registry: it revokes the new token and
    // lists to confirm. No further step of the rotation (no revoke of the old token) is sent.
    const newKey = after
      .find((r) => r.method === 'DELETE')
      ?.path.split('/')
      .at(-1);
    expect(newKey).toBeDefined();
    expect(newKey).not.toBe(old.remoteKey);
    expect(after.map((r) => `${r.method} ${r.path.split('?')[0]}`)).toEqual([
      `DELETE /-/npm/v1/tokens/token/${newKey}`,
      'GET /-/npm/v1/tokens',
    ]);
    await core.service.registries.revoke({ accountId, keys: [old.remoteKey!], removeLocal: true });
  });
});
