import { expect, test } from './fixtures';

// The README's picture: a few tokens of different ecosystems and expiries, one revealed.
test('README screenshot', async ({ app, bridge }) => {
  const day = 86_400_000;
  const now = Date.now();
  const tokens = [
    {
      label: 'npmjs publish (CI)',
      registry: 'https://registry.npmjs.org/',
      ecosystem: 'npm',
      secret: 'npm_kpDEMOtokenAAAAAAAAAAAAAAAAAAAAAA01',
      expires: new Date(now + 5 * day).toISOString(),
    },
    {
      label: 'Bytesafe team registry',
      registry: 'https://acme.bytesafe.dev/r/main/',
      ecosystem: 'npm',
      secret: 'kp-demo-bytesafe-0000000000000002',
      expires: new Date(now + 80 * day).toISOString(),
    },
    {
      label: 'Nexus releases',
      registry: 'https://nexus.acme.test/repository/maven-releases/',
      ecosystem: 'maven',
      secret: 'kp-demo-maven-000000000000000003',
      user: 'ci-bot',
    },
    {
      label: 'MyGet feed',
      registry: 'https://www.myget.org/F/acme/api/v3/index.json',
      ecosystem: 'nuget',
      secret: 'kp-demo-myget-000000000000000004',
      expires: new Date(now - 2 * day).toISOString(),
    },
    {
      label: 'Private PyPI',
      registry: 'https://pypi.acme.test/simple/',
      ecosystem: 'pip',
      secret: 'kp-demo-pypi-0000000000000000005',
      user: '__token__',
    },
  ] as const;
  for (const t of tokens) await bridge.core.service.addToken({ ...t });
  await app.reload();
  await app
    .getByRole('listbox', { name: 'Tokens' })
    .getByRole('option', { name: 'Bytesafe team registry' })
    .click();
  const row = app.getByRole('region', { name: 'Bytesafe team registry' });
  await row.getByRole('button', { name: 'Reveal' }).click();
  await expect(row).toContainText('kp-demo-bytesafe-0000000000000002');
  await app.screenshot({ path: 'docs/screenshot.png' });
});
