import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/open-core';
import { openCliVault, type OpenCliVault } from '../../support/cli-vault';
import { npmWhoami, useTempHomes } from '../../support/config-clients';
import { startVerdaccio, type VerdaccioHandle } from '../../support/verdaccio';

// The whole path a user takes, with every part real: Verdaccio on 127.0.0.1, the Secret Service
// from scripts/with-keyring.mjs, the config writer on a temp .npmrc, and the npm CLI reading it.
const tempHome = useTempHomes();
let vault: OpenCliVault;
let registry: VerdaccioHandle;
let core: Core;

beforeAll(async () => {
  registry = await startVerdaccio();
  vault = await openCliVault('keyport-flow-');
  core = vault.core;
});

afterAll(async () => {
  await vault?.close();
  await registry?.stop();
});

describe('sign in → create → write .npmrc → npm whoami → revoke', () => {
  it('runs the whole flow with the real registry, keychain, file and npm CLI', async () => {
    const { service } = core;
    const account = await service.registries.signIn({
      registry: registry.url,
      username: 'flow-user',
      password: 'flow-password-1',
    });
    expect(account.username).toBe('flow-user');
    expect(await service.registries.whoami({ id: account.id })).toEqual({ username: 'flow-user' });

    const created = await service.registries.create({
      accountId: account.id,
      label: 'ci publish',
      request: { kind: 'legacy', readonly: false, cidr: ['127.0.0.1/32'] },
      password: 'flow-password-1',
    });
    expect(created.token).not.toBeNull();
    const token = created.token!;
    expect(token.origin).toBe('created');
    expect(token.remoteKey).toBe(created.created.key);
    // The kind alone: the allowed addresses are their own field (the detail's "Allowed from").
    expect(token.permissions).toEqual(['publish']);
    expect(token.cidr).toEqual(['127.0.0.1/32']);
    // Stored before it was shown: the keychain holds exactly what the registry returned.
    expect((await service.revealToken(token.id)).secret).toBe(created.secret);

    const rows = await service.registries.listRemote({ accountId: account.id });
    expect(rows.find((r) => r.remote?.key === created.created.key)?.state).toBe('in-keyport');

    const home = tempHome();
    const npmrc = path.join(home, '.npmrc');
    const preview = await service.configs.plan({ tokenId: token.id, format: 'npmrc', file: npmrc });
    expect(preview.creates).toBe(true);
    expect(preview.diff).not.toContain(created.secret);
    const outcome = await service.configs.apply(preview.planId);
    expect(outcome.token?.writtenTo.map((w) => w.file)).toEqual([npmrc]);
    expect(readFileSync(npmrc, 'utf8')).toContain(created.secret);

    const who = await npmWhoami(home, npmrc, registry.url);
    expect(who.stdout.trim()).toBe('flow-user');

    // A copy keeps the revoked token on disk, to prove the registry refuses it afterwards.
    const kept = path.join(home, 'kept.npmrc');
    writeFileSync(kept, readFileSync(npmrc));
    const revoked = await service.registries.revoke({
      accountId: account.id,
      keys: [created.created.key],
      removeLocal: true,
      removeFromConfigs: true,
    });
    expect(revoked).toEqual({
      revoked: [created.created.key],
      stillListed: [],
      removedLocal: [token.id],
      configs: { cleaned: [npmrc], left: [] },
    });
    // The entry Keyport wrote is gone; the file stays.
    expect(readFileSync(npmrc, 'utf8')).toBe('');
    const after = await npmWhoami(home, kept, registry.url);
    expect(after.code).not.toBe(0);
    expect((await service.listTokens()).map((t) => t.id)).toEqual([account.id]);
  });

  it('shows a token revoked elsewhere instead of dropping it', async () => {
    const { service } = core;
    const [account] = await service.registries.accounts();
    const created = await service.registries.create({
      accountId: account!.id,
      label: 'will vanish',
      request: { kind: 'legacy', readonly: true, cidr: [] },
      password: 'flow-password-1',
    });
    // Revoked behind Keyport's back, straight through the registry API.
    const res = await fetch(`${registry.url}-/npm/v1/tokens/token/${created.created.key}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${(await service.revealToken(account!.id)).secret}` },
    });
    expect(res.ok).toBe(true);
    const rows = await service.registries.listRemote({ accountId: account!.id });
    const row = rows.find((r) => r.local?.id === created.token?.id);
    expect(row?.state).toBe('revoked-elsewhere');
  });

  it('undoes a write byte for byte', async () => {
    const { service } = core;
    const [account] = await service.registries.accounts();
    const home = tempHome();
    const npmrc = path.join(home, '.npmrc');
    const original = '# mine\r\nsave-exact=true\r\n';
    await import('node:fs/promises').then((fs) => fs.writeFile(npmrc, original));
    const preview = await service.configs.plan({
      tokenId: account!.id,
      format: 'npmrc',
      file: npmrc,
    });
    const outcome = await service.configs.apply(preview.planId);
    expect(readFileSync(npmrc, 'utf8')).toMatch(
      /^# mine\r\nsave-exact=true\r\n\/\/127\.0\.0\.1:\d+\/:_authToken=.+\r\n$/,
    );
    const undone = await service.configs.undo(outcome.undoId!);
    expect(readFileSync(npmrc, 'utf8')).toBe(original);
    expect(undone.token?.writtenTo).toEqual([]);
  });
});
