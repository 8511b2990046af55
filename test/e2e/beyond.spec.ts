import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

// Issue 7's views in the real renderer against the real core: scan a home with a plaintext
// token, import it, replace the plaintext with a reference; rotate a registry token; expiry.
test('scan finds a plaintext token, imports it, and replaces it with a reference', async ({
  app,
  home,
}) => {
  const npmrc = path.join(home, '.npmrc');
  writeFileSync(
    npmrc,
    '# work\n//registry.example.test/:_authToken=kp-test-secret-0011-SCANIMPORT\n',
  );
  await app
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Scan' })
    .click();
  const main = app.getByRole('main');
  await main.getByRole('button', { name: 'Scan', exact: true }).click();
  const list = main.getByRole('region', { name: 'Found credentials' });
  const row = list.locator('.finding-file', { hasText: '~/.npmrc' }).getByRole('button');
  await expect(row).toContainText('plaintext');
  await expect(row).toContainText('kp-t••••••••PORT');
  await expect(row).not.toContainText('kp-test-secret-0011');

  await row.click();
  await main
    .getByRole('region', { name: '~/.npmrc:2' })
    .getByRole('button', { name: 'Import…' })
    .click();
  const dialog = app.getByRole('dialog', { name: 'Import token' });
  await expect(dialog).toContainText('in ~/.npmrc, line 2');
  await expect(dialog.getByLabel('Registry URL')).toHaveValue('https://registry.example.test/');
  await dialog.getByLabel('Label').fill('Imported npm');
  await dialog.getByRole('button', { name: 'Import' }).click();
  await expect(
    dialog.getByRole('heading', { name: 'Replace the plaintext with a reference?' }),
  ).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'Diff preview' })).toContainText('KEYPORT_');
  await dialog.getByRole('button', { name: 'Replace' }).click();
  await expect(dialog).toBeHidden();

  const text = readFileSync(npmrc, 'utf8');
  expect(text).toMatch(
    /^# work\n\/\/registry\.example\.test\/:_authToken=\$\{KEYPORT_[A-Z0-9]+\}\n$/,
  );
  expect(text).not.toContain('kp-test-secret-0011');
  await expect(
    list.locator('.finding-file', { hasText: '~/.npmrc' }).getByRole('button'),
  ).toContainText('reference');
});

test('expiring tokens are counted in the sidebar and can be filtered', async ({ app, bridge }) => {
  const day = 86_400_000;
  await bridge.core.service.addToken({
    label: 'soon',
    registry: 'https://r.example.test/',
    ecosystem: 'npm',
    secret: 'kp-test-secret-0012-expiresoon',
    expires: new Date(Date.now() + 2 * day).toISOString(),
  });
  await bridge.core.service.addToken({
    label: 'later',
    registry: 'https://r.example.test/',
    ecosystem: 'npm',
    secret: 'kp-test-secret-0013-expirelater',
    expires: new Date(Date.now() + 90 * day).toISOString(),
  });
  await app.reload();
  const nav = app.getByRole('navigation', { name: 'Views' });
  await expect(nav.getByRole('button', { name: 'Tokens, 1 expired or expiring' })).toBeVisible();
  const list = app.getByRole('listbox', { name: 'Tokens' });
  await expect(list.getByRole('option')).toHaveCount(2);
  await app.getByRole('checkbox', { name: 'Expired or expiring' }).check();
  await expect(list.getByRole('option')).toHaveCount(1);
  await expect(list.getByRole('option', { name: 'soon' })).toContainText('expires in 2 days');
});

test('rotate a registry token: new value in the file, old one revoked', async ({
  app,
  bridge,
  registry,
  home,
}) => {
  const password = 'e2e-rotate-pass-1';
  const { service } = bridge.core;
  bridge.dialogs.approveNext();
  const account = await service.registries.signIn({
    registry: registry.url,
    username: 'rotator',
    password,
  });
  const created = await service.registries.create({
    accountId: account.id,
    label: 'CI publish',
    request: { kind: 'legacy', readonly: false, cidr: [] },
    password,
  });
  const npmrc = path.join(home, 'project', '.npmrc');
  mkdirSync(path.dirname(npmrc));
  // The project file is no standard location: the user picks it in main's Save dialog first.
  bridge.dialogs.nextPick(npmrc);
  await service.pickConfigFile('npmrc');
  await service.configs.apply(
    (await service.configs.plan({ tokenId: created.token!.id, format: 'npmrc', file: npmrc }))
      .planId,
  );
  await app.reload();

  await app
    .getByRole('listbox', { name: 'Tokens' })
    .getByRole('option', { name: 'CI publish' })
    .click();
  await app
    .getByRole('region', { name: 'CI publish' })
    .getByRole('button', { name: 'Rotate…' })
    .click();
  const dialog = app.getByRole('dialog', { name: 'Rotate token' });
  await expect(dialog.getByRole('region', { name: 'Changes to ~/project/.npmrc' })).toBeVisible();
  await dialog.getByLabel('Password').fill(password);
  await dialog.getByRole('button', { name: 'Rotate', exact: true }).click();
  await expect(app.getByRole('status', { name: 'Notifications' })).toContainText(
    'Rotated “CI publish”: 1 file rewritten',
  );

  const tokens = await service.listTokens();
  const fresh = tokens.find((t) => t.label === 'CI publish')!;
  expect(fresh.id).not.toBe(created.token!.id);
  expect(readFileSync(npmrc, 'utf8')).toContain((await service.revealToken(fresh.id)).secret);
  expect(readFileSync(npmrc, 'utf8')).not.toContain(created.secret);
  const remote = await service.registries.listRemote({ accountId: account.id });
  expect(remote.map((r) => r.remote?.key)).not.toContain(created.created.key);
});
