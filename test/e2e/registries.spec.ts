import { expect, test } from './fixtures';

// Issue 5 in the real renderer against the real core, a real Verdaccio and the real keychain:
// sign in, create a token (shown once), see it listed masked, revoke it with confirmation.
const PASSWORD = 'e2e-registry-pass-1';

test('sign in, create, list masked, revoke', async ({ app, bridge, registry }) => {
  await app
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Registries' })
    .click();
  await expect(app.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();

  await app.getByRole('button', { name: 'Add account' }).first().click();
  const signIn = app.getByRole('dialog', { name: 'Add account' });
  await signIn.getByLabel('Registry URL').fill(registry.url);
  await signIn.getByLabel('User name').fill('e2e-user');
  await signIn.getByLabel('Password').fill(PASSWORD);
  // A first sign-in to this host: main asks in a native dialog, and the user says yes.
  bridge.dialogs.approveNext();
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn).toBeHidden();
  expect(bridge.dialogs.asked.map((q) => q.title)).toEqual(['New registry']);

  const account = app.getByRole('region', { name: /e2e-user @ 127\.0\.0\.1/ });
  await expect(account).toBeVisible();
  await account.getByRole('button', { name: 'Create token' }).click();
  const create = app.getByRole('dialog', { name: 'Create token' });
  await create.getByLabel('Label').fill('CI read-only');
  await create.getByLabel('CIDR ranges').fill('127.0.0.1/33');
  await expect(create).toContainText('Invalid CIDR: 127.0.0.1/33');
  await expect(create.getByRole('button', { name: 'Create' })).toBeDisabled();
  await create.getByLabel('CIDR ranges').fill('127.0.0.1/32');
  await create.getByLabel('Password').fill(PASSWORD);
  await create.getByRole('button', { name: 'Create' }).click();

  const shown = create.getByLabel('New token');
  await expect(shown).toBeVisible();
  // The shown-once value stands out from the dialog (a base input rule once hid its highlight).
  const background = (el: typeof shown) =>
    el.evaluate((node) => getComputedStyle(node).backgroundColor);
  expect(await background(shown)).not.toBe(await background(create));
  const secret = await shown.inputValue();
  expect(secret.length).toBeGreaterThan(16);
  const stored = (await bridge.core.service.listTokens()).find((t) => t.label === 'CI read-only');
  expect(stored).toBeDefined();
  expect((await bridge.core.service.revealToken(stored!.id)).secret).toBe(secret);
  await create.getByRole('button', { name: 'Done' }).click();
  await expect(create).toBeHidden();
  expect(await app.content()).not.toContain(secret);

  const table = account.getByRole('table', { name: 'Remote tokens' });
  const row = table.getByRole('row').filter({ hasText: 'In Keyport' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('127.0.0.1/32');
  await expect(row).not.toContainText(secret);

  await row.getByRole('checkbox').check();
  await account.getByRole('button', { name: 'Revoke selected' }).click();
  const confirm = app.getByRole('alertdialog', { name: 'Revoke token' });
  await expect(confirm).toContainText('CI read-only');
  await confirm.getByRole('button', { name: 'Revoke' }).click();
  await expect(app.getByRole('status', { name: 'Notifications' })).toContainText('Revoked 1 token');
  await expect(table.getByRole('row').filter({ hasText: 'In Keyport' })).toHaveCount(0);
  // The row leaves the table when the registry answers; the vault forgets the token just after.
  await expect
    .poll(async () => (await bridge.core.service.listTokens()).map((t) => t.label))
    .not.toContain('CI read-only');
});

test('a wrong password is a clear error and the dialog stays usable', async ({
  app,
  bridge,
  registry,
}) => {
  // The host is new to this session's vault: main's question is answered yes once.
  bridge.dialogs.approveNext();
  await app
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Registries' })
    .click();
  await app.getByRole('button', { name: 'Add account' }).first().click();
  const signIn = app.getByRole('dialog', { name: 'Add account' });
  await signIn.getByLabel('Registry URL').fill(registry.url);
  await signIn.getByLabel('User name').fill('e2e-user2');
  await signIn.getByLabel('Password').fill(PASSWORD);
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn).toBeHidden();
  // Same user again, wrong password: Verdaccio answers 401.
  await app.getByRole('button', { name: 'Add account' }).first().click();
  await signIn.getByLabel('Registry URL').fill(registry.url);
  await signIn.getByLabel('User name').fill('e2e-user2');
  await signIn.getByLabel('Password').fill('not-the-password');
  await signIn.getByRole('button', { name: 'Sign in' }).click();
  await expect(signIn.getByRole('alert')).toContainText(/password/i);
  await expect(signIn.getByLabel('Password')).toBeEditable();
});
