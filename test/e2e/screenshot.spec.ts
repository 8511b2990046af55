import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Bridge } from '../support/bridge-server';
import { expect, test } from './fixtures';

// The README's pictures: the list + detail view in light and dark at 1280×800, and the pushed
// details at the window minimum, 720×480. Realistic tokens, one written to two files.
const DAY = 86_400_000;

async function seed(bridge: Bridge, home: string) {
  const now = Date.now();
  const { service } = bridge.core;
  const add = (t: Parameters<typeof service.addToken>[0]) => service.addToken(t);
  const main = await add({
    label: 'npmjs publish (CI)',
    registry: 'https://registry.npmjs.org/',
    ecosystem: 'npm',
    secret: 'npm_kpDEMOtokenAAAAAAAAAAAAAAAAAAAAAA01',
    expires: new Date(now + 5 * DAY).toISOString(),
    notes: 'GitHub Actions release workflow; rotate before it expires.',
  });
  const others = [
    ['Bytesafe team registry', 'https://acme.bytesafe.dev/r/main/', 'npm', 80],
    ['GitHub Packages (npm)', 'https://npm.pkg.github.com/', 'npm', 30],
    ['Nexus releases', 'https://nexus.acme.test/repository/maven-releases/', 'maven', null],
    ['Artifactory libs-release', 'https://acme.jfrog.io/artifactory/libs-release/', 'maven', 200],
    ['MyGet feed', 'https://www.myget.org/F/acme/api/v3/index.json', 'nuget', -2],
    ['nuget.org push key', 'https://api.nuget.org/v3/index.json', 'nuget', 120],
    ['Private PyPI', 'https://pypi.acme.test/simple/', 'pip', null],
    ['PyPI upload', 'https://upload.pypi.org/legacy/', 'pip', 60],
    ['Verdaccio (local)', 'http://127.0.0.1:4873/', 'npm', null],
    ['GitLab packages', 'https://gitlab.acme.test/api/v4/packages/npm/', 'npm', 3],
    ['Harbor robot', 'https://harbor.acme.test/', 'other', 365],
  ] as const;
  let i = 2;
  for (const [label, registry, ecosystem, days] of others) {
    await add({
      label,
      registry,
      ecosystem,
      secret: `kp-demo-${ecosystem}-${String(i++).padStart(24, '0')}`,
      ...(days === null ? {} : { expires: new Date(now + days * DAY).toISOString() }),
      ...(ecosystem === 'maven' || ecosystem === 'nuget' ? { user: 'ci-bot' } : {}),
      ...(ecosystem === 'pip' ? { user: '__token__' } : {}),
    });
  }
  // Written twice: the value into the user .npmrc, a reference into a project's.
  const project = path.join(home, 'work', 'web-app');
  mkdirSync(project, { recursive: true });
  for (const [file, reference] of [
    [path.join(home, '.npmrc'), false],
    [path.join(project, '.npmrc'), true],
  ] as const) {
    await bridge.dialogs.nextPick(file);
    await service.pickConfigFile('npmrc');
    const plan = await service.configs.plan({
      tokenId: main.id,
      format: 'npmrc',
      file,
      reference,
    });
    await service.configs.apply(plan.planId);
  }
}

async function show(app: Page, scheme: 'light' | 'dark', width: number, height: number) {
  await app.emulateMedia({ colorScheme: scheme });
  await app.setViewportSize({ width, height });
  await app.reload();
  await app
    .getByRole('listbox', { name: 'Tokens' })
    .getByRole('option', { name: 'npmjs publish (CI)' })
    .click();
  await expect(app.getByRole('region', { name: 'npmjs publish (CI)' })).toContainText(
    'web-app/.npmrc',
  );
}

test('README screenshots', async ({ app, bridge, home }) => {
  await seed(bridge, home);
  await show(app, 'light', 1280, 800);
  await app.screenshot({ path: 'docs/tokens-light.png' });
  await show(app, 'dark', 1280, 800);
  await app.screenshot({ path: 'docs/tokens-dark.png' });
  await show(app, 'light', 720, 480);
  await app.screenshot({ path: 'docs/tokens-720.png' });
});
