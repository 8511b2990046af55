import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/open-core';
import { granularRequest } from '../../../src/core/flows/rotate-flow';
import { cliVault, openCliVault, type OpenCliVault } from '../../support/cli-vault';
import { GRANULAR_REQUEST, GRANULAR_WIRE } from '../../support/granular-token';
import { startNpmLikeServer, type NpmLikeServer } from '../../support/npm-like-server';
import { runKeyport } from '../../support/run-keyport';
import { useTempDirs } from '../../support/temp-dir';

// Granular tokens (rotation, the CLI's --all-packages): the real core, keychain and files; the
// registry is the npm-like server (test/support), since Verdaccio ignores granular fields and so
// cannot show they are kept.
const tempDir = useTempDirs();
const PASSWORD = 'granular-pass-1';
let registry: NpmLikeServer;
let vault: OpenCliVault;
let core: Core;

beforeAll(async () => {
  registry = await startNpmLikeServer({ users: { gran: PASSWORD } });
  vault = await openCliVault('keyport-granular-');
  core = vault.core;
  await core.service.registries.signIn({
    registry: registry.url,
    username: 'gran',
    password: PASSWORD,
  });
});

afterAll(async () => {
  await vault?.close();
  await registry?.stop();
});

describe('granular tokens', () => {
  it('makes a token with the same settings from the registry’s listing, then revokes the old', async () => {
    const [account] = await core.service.registries.accounts();
    const created = await core.service.registries.create({
      accountId: account!.id,
      label: 'deploy',
      request: GRANULAR_REQUEST,
      password: PASSWORD,
    });
    const old = created.token!;
    const file = path.join(vault.root, 'project', '.npmrc');
    await core.service.configs.apply(
      (await core.service.configs.plan({ tokenId: old.id, format: 'npmrc', file })).planId,
    );

    const preview = await core.service.rotations.preview(old.id);
    expect(preview.files.map((f) => f.file)).toEqual([file]);
    const outcome = await core.service.rotations.run({ tokenId: old.id, password: PASSWORD });
    expect(outcome.revokedKey).toBe(old.remoteKey);

    // On the registry: the old token is gone; the new one has every setting of the old.
    expect(registry.tokens.map((t) => t.key)).not.toContain(old.remoteKey);
    const fresh = registry.tokens.find((t) => t.key === outcome.token.remoteKey)!;
    const today = new Date().toISOString().slice(0, 10);
    expect(fresh.wire).toMatchObject({
      ...GRANULAR_WIRE,
      name: `${GRANULAR_WIRE.name} (rotated ${today})`,
    });
    const days =
      (Date.parse(fresh.wire.expires as string) - Date.parse(fresh.wire.created as string)) /
      86_400_000;
    expect(Math.round(days)).toBe(GRANULAR_REQUEST.expiresDays);

    // In Keyport and the file: the new token replaces the old.
    const secret = (await core.service.revealToken(outcome.token.id)).secret;
    expect(fresh.secret).toBe(secret);
    expect(readFileSync(file, 'utf8')).toContain(secret);
    expect(outcome.token.permissions).toContain('granular');
    expect((await core.service.listTokens()).map((t) => t.id)).not.toContain(old.id);
  });

  it('a second rotation replaces the date suffix instead of adding another', () => {
    const request = granularRequest(
      {
        key: 'k',
        masked: 'npm_ab…cdef',
        readonly: false,
        cidr: [],
        created: '2026-01-01T00:00:00.000Z',
        expires: '2026-01-08T00:00:00.000Z',
        name: 'deploy-bot (rotated 2026-01-01)',
        packagesAll: true,
      },
      new Date('2026-02-03T10:00:00.000Z'),
    );
    expect(request).toEqual({
      kind: 'granular',
      name: 'deploy-bot (rotated 2026-02-03)',
      expiresDays: 7,
      packagesAll: true,
      cidr: [],
    });
  });

  it('refuses, changing nothing, when the registry lists no settings for the token', () => {
    const bare = {
      key: 'k',
      masked: 'x',
      readonly: false,
      cidr: [],
      created: '2026-01-01T00:00:00Z',
    };
    expect(() => granularRequest(bare, new Date())).toThrow(/cannot make the same token again/);
  });

  it('keyport token create --all-packages asks for every package (packages_all)', async () => {
    const { env } = cliVault(tempDir('keyport-granular-cli-'));
    const login = await runKeyport(
      ['login', '--registry', registry.url, '--username', 'gran', '--password-stdin'],
      env,
      `${PASSWORD}\n`,
    );
    expect(login.code).toBe(0);
    const args = ['token', 'create', '--registry', registry.url, '--name', 'everything'];
    const created = await runKeyport(
      [...args, '--expires', '7', '--all-packages', '--package', 'ignored', '--password-stdin'],
      env,
      `${PASSWORD}\n`,
    );
    expect(created.code).toBe(0);
    expect(created.err).toMatch(/^Stored as /);
    const wire = registry.tokens.find((t) => t.wire.name === 'everything')!.wire;
    expect(wire).toMatchObject({ packages_all: true });
    expect(wire).not.toHaveProperty('packages');
  });
});
