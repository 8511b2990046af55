import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/open-core';
import { envVarName } from '../../../src/shared/references';
import { openCliVault, type OpenCliVault } from '../../support/cli-vault';
import { npmWhoami } from '../../support/config-clients';
import { runKeyport } from '../../support/run-keyport';
import { startVerdaccio, type VerdaccioHandle } from '../../support/verdaccio';
import { putFile } from '../../support/put-file';

// Issue 7 end to end with real parts: Verdaccio, the Secret Service, real files in a fixture
// home, the `keyport` binary and npm itself.
const PASSWORD = 'beyond-pass-1';
let registry: VerdaccioHandle;
let vault: OpenCliVault;
let root: string;
let home: string;
let core: Core;

beforeAll(async () => {
  registry = await startVerdaccio();
  // The core's env is empty: npm exports npm_config_userconfig when it runs the tests, and a
  // scan must never read the developer's real ~/.npmrc.
  vault = await openCliVault('keyport-beyond-');
  ({ root, home, core } = vault);
  await core.service.registries.signIn({
    registry: registry.url,
    username: 'beyond',
    password: PASSWORD,
  });
});

afterAll(async () => {
  await vault?.close();
  await registry?.stop();
});

describe('scan and import', () => {
  it('finds credentials in every file kind, masked, with precedence and vault matches', async () => {
    const known = await core.service.addToken({
      label: 'known',
      registry: 'https://nexus.example.test/',
      ecosystem: 'maven',
      secret: 'kp-test-secret-known-000000000000',
    });
    const project = path.join(root, 'project');
    putFile(
      path.join(project, '.npmrc'),
      '//registry.example.test/:_authToken=kp-test-secret-projectnpm-00001\n',
    );
    putFile(
      path.join(home, '.npmrc'),
      '# user\n//registry.example.test/:_authToken=kp-test-secret-usernpm-0000002\n//other.example.test/:_authToken=${NPM_TOKEN}\n',
    );
    putFile(
      path.join(home, '.yarnrc.yml'),
      'npmRegistries:\n  "//yarn.example.test":\n    npmAuthToken: kp-test-secret-yarn-000000003\n',
    );
    putFile(
      path.join(home, '.m2', 'settings.xml'),
      '<settings><servers><server><id>nexus</id><username>ci</username><password>kp-test-secret-known-000000000000</password></server></servers></settings>\n',
    );
    putFile(
      path.join(home, '.nuget', 'NuGet', 'NuGet.Config'),
      '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSourceCredentials>\n    <My_x0020_Feed>\n      <add key="Username" value="me" />\n      <add key="ClearTextPassword" value="kp-test-secret-nuget-00000004" />\n    </My_x0020_Feed>\n  </packageSourceCredentials>\n</configuration>\n',
    );
    putFile(
      path.join(home, '.netrc'),
      'machine pypi.example.test login me password kp-test-secret-netrc-00000005\n',
    );
    putFile(
      path.join(home, '.config', 'pip', 'pip.conf'),
      '[global]\nindex-url = https://me:kp-test-secret-pip%2F0000006@pip.example.test/simple/\n',
    );
    putFile(
      path.join(home, '.pypirc'),
      '[pypi]\nusername = __token__\npassword = kp-test-secret-pypirc-0000007\n',
    );

    const findings = await core.service.scans.scan(project);
    const text = JSON.stringify(findings);
    expect(text).not.toMatch(/kp-test-secret-(projectnpm|usernpm|yarn|nuget|netrc|pip|pypirc)-0/);
    const byFile = (f: string) => findings.filter((x) => x.file === f);

    const projectNpm = byFile(path.join(project, '.npmrc'))[0]!;
    const userNpm = byFile(path.join(home, '.npmrc'));
    expect(projectNpm).toMatchObject({
      level: 'project',
      wins: true,
      registry: 'https://registry.example.test/',
      masked: 'kp-t••••••••0001',
    });
    expect(userNpm[0]).toMatchObject({ level: 'user', wins: false, line: 2 });
    expect(userNpm[1]).toMatchObject({ reference: true, masked: '${NPM_TOKEN}' });
    expect(byFile(path.join(home, '.yarnrc.yml'))[0]).toMatchObject({
      format: 'yarnrc',
      registry: 'https://yarn.example.test',
    });
    expect(byFile(path.join(home, '.m2', 'settings.xml'))[0]).toMatchObject({
      serverId: 'nexus',
      tokenId: known.id,
    });
    expect(byFile(path.join(home, '.nuget', 'NuGet', 'NuGet.Config'))[0]).toMatchObject({
      source: 'My Feed',
      line: 6,
    });
    expect(byFile(path.join(home, '.netrc'))[0]).toMatchObject({
      registry: 'https://pypi.example.test/',
    });
    expect(byFile(path.join(home, '.config', 'pip', 'pip.conf'))[0]).toMatchObject({
      registry: 'https://pip.example.test/simple/',
      masked: 'kp-t••••••••0006',
    });
    expect(byFile(path.join(home, '.pypirc'))).toHaveLength(1);

    // Where used: the known token now lists settings.xml, matched by fingerprint.
    const knownNow = (await core.service.listTokens()).find((t) => t.id === known.id)!;
    expect(knownNow.usedIn?.map((u) => u.file)).toEqual([path.join(home, '.m2', 'settings.xml')]);

    const netrc = byFile(path.join(home, '.netrc'))[0]!;
    const imported = await core.service.scans.import({
      findingId: netrc.id,
      label: 'pypi netrc',
      registry: netrc.registry!,
      ecosystem: 'pip',
    });
    expect(imported).toMatchObject({ origin: 'imported', masked: 'kp-t••••••••0005' });
    expect((await core.service.revealToken(imported.id)).secret).toBe(
      'kp-test-secret-netrc-00000005',
    );
    expect(imported.usedIn?.[0]?.file).toBe(path.join(home, '.netrc'));
    const again = await core.service.scans.scan(project);
    expect(again.find((f) => f.file === path.join(home, '.netrc'))?.tokenId).toBe(imported.id);
  });
});

describe('secrets off disk', () => {
  it('keyport exec --only fills a reference-only .npmrc from the keychain', async () => {
    const [account] = await core.service.registries.accounts();
    // A token of the account, not its session token: exec never exports that one.
    const { token } = await core.service.registries.create({
      accountId: account!.id,
      label: 'for exec',
      request: { kind: 'legacy', readonly: true, cidr: [] },
      password: PASSWORD,
    });
    const file = path.join(root, 'ref', '.npmrc');
    const preview = await core.service.configs.plan({
      tokenId: token!.id,
      format: 'npmrc',
      file,
      reference: true,
    });
    await core.service.configs.apply(preview.planId);
    const text = readFileSync(file, 'utf8');
    expect(text).toBe(
      `${registry.url.replace('http:', '')}:_authToken=\${${envVarName(token!.id)}}\n`,
    );
    const secret = (await core.service.revealToken(token!.id)).secret;
    expect(text).not.toContain(secret);

    const env = { ...vault.env, npm_config_cache: path.join(root, 'npm-cache') };
    const plain = await npmWhoami(home, file, registry.url);
    expect(plain.code).not.toBe(0);
    const filled = await runKeyport(
      [
        'exec',
        '--only',
        token!.id,
        '--',
        'npm',
        'whoami',
        '--registry',
        registry.url,
        '--userconfig',
        file,
      ],
      env,
    );
    expect(filled.out.trim()).toBe('beyond');
    expect(filled.code).toBe(0);
  });
});

describe('rotate', () => {
  it('replaces the token in its files, verifies it, and revokes the old one', async () => {
    const [account] = await core.service.registries.accounts();
    const created = await core.service.registries.create({
      accountId: account!.id,
      label: 'to rotate',
      request: { kind: 'legacy', readonly: false, cidr: [] },
      password: PASSWORD,
    });
    const old = created.token!;
    const file = path.join(root, 'rot', '.npmrc');
    putFile(file, '# keep me\nsave-exact=true\n');
    await core.service.configs.apply(
      (await core.service.configs.plan({ tokenId: old.id, format: 'npmrc', file })).planId,
    );
    const oldFile = path.join(root, 'rot-old', '.npmrc');
    putFile(oldFile, readFileSync(file, 'utf8'));

    const preview = await core.service.rotations.preview(old.id);
    expect(preview.files.map((f) => f.file)).toEqual([file]);
    expect(preview.files[0]!.diff).toMatch(/^-\/\/127\.0\.0\.1:\d+\/:_authToken=/m);
    expect(preview.files[0]!.diff).toMatch(/^\+\/\/127\.0\.0\.1:\d+\/:_authToken=/m);
    const outcome = await core.service.rotations.run({ tokenId: old.id, password: PASSWORD });
    expect(outcome.revokedKey).toBe(old.remoteKey);
    expect(outcome.files).toBe(1);

    const after = readFileSync(file, 'utf8');
    expect(after.startsWith('# keep me\nsave-exact=true\n')).toBe(true);
    expect(after).toContain((await core.service.revealToken(outcome.token.id)).secret);
    expect((await npmWhoami(home, file, registry.url)).stdout.trim()).toBe('beyond');
    expect((await npmWhoami(home, oldFile, registry.url)).code).not.toBe(0);
    const ids = (await core.service.listTokens()).map((t) => t.id);
    expect(ids).toContain(outcome.token.id);
    expect(ids).not.toContain(old.id);
  });

  it('rolls the files back and keeps the old token when the registry refuses', async () => {
    const [account] = await core.service.registries.accounts();
    const created = await core.service.registries.create({
      accountId: account!.id,
      label: 'stays',
      request: { kind: 'legacy', readonly: true, cidr: [] },
      password: PASSWORD,
    });
    const file = path.join(root, 'rot2', '.npmrc');
    await core.service.configs.apply(
      (await core.service.configs.plan({ tokenId: created.token!.id, format: 'npmrc', file }))
        .planId,
    );
    const before = readFileSync(file, 'utf8');
    await expect(
      core.service.rotations.run({ tokenId: created.token!.id, password: 'wrong-password' }),
    ).rejects.toMatchObject({
      code: 'AUTH_FAILED',
    });
    expect(readFileSync(file, 'utf8')).toBe(before);
    expect((await npmWhoami(home, file, registry.url)).stdout.trim()).toBe('beyond');
    expect((await core.service.listTokens()).map((t) => t.id)).toContain(created.token!.id);
  });
});
