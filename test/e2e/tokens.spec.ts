import { expect, test } from './fixtures';

// Issue 3's path through the real renderer, the real core and the real keychain: add a token,
// see it masked, reveal it, copy it (main's clipboard guard), delete it.
const SECRET = 'kp-test-secret-0007-E2EPLAYWRIGHT';
const MASKED = 'kp-t••••••••IGHT';

test('add, see masked, reveal, copy and delete a token', async ({ app, bridge }) => {
  await expect(app.getByRole('heading', { name: 'No tokens yet' })).toBeVisible();

  await app.getByRole('button', { name: 'Add token' }).click();
  const dialog = app.getByRole('dialog', { name: 'Add token' });
  await dialog.getByLabel('Token').fill(SECRET);
  await dialog.getByLabel('Label').fill('Work npm');
  await dialog.getByLabel('Registry URL').fill('registry.npmjs.org');
  await expect(dialog).toContainText('Assumed https://registry.npmjs.org/');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeHidden();

  const list = app.getByRole('listbox', { name: 'Tokens' });
  await expect(list.getByRole('option', { name: 'Work npm' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const row = app.getByRole('region', { name: 'Work npm' });
  await expect(row).toContainText(MASKED);
  await expect(row).not.toContainText(SECRET);
  // The secret went to the keychain, and nowhere in the page until asked for.
  expect(await app.content()).not.toContain(SECRET);

  await row.getByRole('button', { name: 'Reveal' }).click();
  await expect(row).toContainText(SECRET);
  await row.getByRole('button', { name: 'Hide' }).click();
  await expect(row).not.toContainText(SECRET);

  await row.getByRole('button', { name: 'Copy' }).click();
  await expect(app.getByRole('status', { name: 'Notifications' })).toContainText(
    'Copied — the clipboard clears in 30 s',
  );
  expect(bridge.clipboard.text).toBe(SECRET);
  expect(bridge.clipboard.concealed).toBe(true);

  await row.getByRole('button', { name: 'Delete from Keyport…' }).click();
  const confirm = app.getByRole('alertdialog', { name: 'Delete token' });
  await expect(confirm).toContainText('Work npm');
  await expect(confirm).toContainText(MASKED);
  await confirm.getByRole('button', { name: 'Delete' }).click();
  await expect(app.getByRole('heading', { name: 'No tokens yet' })).toBeVisible();
  expect(await bridge.core.service.listTokens()).toEqual([]);

  // Undo brings it back from main, value included; deleting again is final once its window ends.
  const notices = app.getByRole('status', { name: 'Notifications' });
  await notices.getByRole('button', { name: 'Undo' }).click();
  await expect(notices.getByText('Restored “Work npm”')).toBeVisible();
  await expect(app.getByRole('option', { name: 'Work npm' })).toBeVisible();
  const [restored] = await bridge.core.service.listTokens();
  expect((await bridge.core.service.revealToken(restored!.id)).secret).toBe(SECRET);
  await app.getByRole('option', { name: 'Work npm' }).focus();
  await app.keyboard.press('Delete');
  await app
    .getByRole('alertdialog', { name: 'Delete token' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(app.getByRole('heading', { name: 'No tokens yet' })).toBeVisible();
});

test('works from the keyboard alone', async ({ app }) => {
  await expect(app.getByRole('heading', { name: 'No tokens yet' })).toBeVisible();
  // An empty vault has nothing to search: its first-run actions are what Tab reaches.
  await expect(app.getByRole('searchbox', { name: 'Search tokens' })).toHaveCount(0);
  await expect(
    app.getByRole('button', { name: 'Find tokens already on this computer' }),
  ).toBeVisible();
  await app.getByRole('button', { name: 'Add token' }).focus();
  await app.keyboard.press('Enter');
  const dialog = app.getByRole('dialog', { name: 'Add token' });
  await expect(dialog).toBeVisible();
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(app.getByRole('button', { name: 'Add token' })).toBeFocused();
});

test('shows the core’s validation message and keeps the dialog open', async ({ app }) => {
  await app.getByRole('button', { name: 'Add token' }).click();
  const dialog = app.getByRole('dialog', { name: 'Add token' });
  await dialog.getByLabel('Token').fill(SECRET);
  await dialog.getByLabel('Label').fill('Bad');
  await dialog.getByLabel('Registry URL').fill('not a url');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(/registry/i);
});
