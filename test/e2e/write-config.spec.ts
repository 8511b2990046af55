import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';
import type { Bridge } from '../support/bridge-server';
import { nugetConfigWithMapping } from '../support/nuget-config';

// Issue 4 in the real renderer against the real core: preview a masked diff, write into an
// existing .npmrc without disturbing it, see where the token is written, undo byte for byte.
const SECRET = 'kp-test-secret-0008-E2EWRITECONF';

/** The token both tests write, added through the real core, then the page reloaded to list it. */
async function addWorkToken(app: Page, bridge: Bridge) {
  await bridge.core.service.addToken({
    label: 'Work npm',
    registry: 'https://registry.npmjs.org/',
    ecosystem: 'npm',
    secret: SECRET,
  });
  await app.reload();
}

test('write a token into .npmrc with a diff preview, then undo', async ({ app, bridge, home }) => {
  const npmrc = path.join(home, '.npmrc');
  const original = '# my settings\r\nsave-exact=true\r\n';
  writeFileSync(npmrc, original);
  await addWorkToken(app, bridge);

  const row = app.getByRole('region', { name: 'Work npm' });
  await expect(row).toContainText('In no file Keyport knows of');
  await row.getByRole('button', { name: 'Write to config…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Write to config' });
  await expect(dialog.getByLabel('Format')).toHaveValue('npmrc');
  await expect(dialog.getByLabel('File')).toHaveValue(npmrc);
  // At the window minimum the preview opens below the form: the dialog brings it into view.
  await app.setViewportSize({ width: 720, height: 480 });
  await dialog.getByRole('button', { name: 'Preview' }).click();

  const diff = dialog.getByRole('region', { name: 'Diff preview' });
  await expect(diff).toContainText('+//registry.npmjs.org/:_authToken=kp-t••••••••CONF');
  // Not hidden behind the sticky footer either (which the viewport alone would not tell).
  await expect
    .poll(async () => {
      const [shown, footer] = await Promise.all([
        diff.boundingBox(),
        dialog.locator('.dialog__actions').boundingBox(),
      ]);
      return shown && footer ? footer.y - (shown.y + shown.height) : -1;
    })
    .toBeGreaterThanOrEqual(0);
  await app.setViewportSize({ width: 1280, height: 800 });
  await expect(diff).not.toContainText(SECRET);
  expect(readFileSync(npmrc, 'utf8')).toBe(original);

  await dialog.getByRole('button', { name: 'Write', exact: true }).click();
  await expect(dialog).toBeHidden();
  const notices = app.getByRole('status', { name: 'Notifications' });
  await expect(notices).toContainText('Wrote //registry.npmjs.org/:_authToken to ~/.npmrc');
  expect(readFileSync(npmrc, 'utf8')).toBe(
    `${original}//registry.npmjs.org/:_authToken=${SECRET}\r\n`,
  );
  await expect(row.getByRole('list', { name: 'Files using this token' })).toContainText('~/.npmrc');
  expect(await app.content()).not.toContain(SECRET);

  await notices.getByRole('button', { name: 'Undo' }).click();
  await expect(notices).toContainText('Restored ~/.npmrc');
  expect(readFileSync(npmrc, 'utf8')).toBe(original);
  await expect(row).toContainText('In no file Keyport knows of');
});

test('refuses to write when the file changed after the preview', async ({ app, bridge, home }) => {
  const npmrc = path.join(home, '.npmrc');
  writeFileSync(npmrc, 'a=1\n');
  await addWorkToken(app, bridge);
  const row = app.getByRole('region', { name: 'Work npm' });
  await row.getByRole('button', { name: 'Write to config…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Write to config' });
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('region', { name: 'Diff preview' })).toBeVisible();
  writeFileSync(npmrc, 'a=2\n');
  await dialog.getByRole('button', { name: 'Write', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('~/.npmrc changed since the preview');
  expect(readFileSync(npmrc, 'utf8')).toBe('a=2\n');
  await expect(dialog.getByRole('button', { name: 'Preview again' })).toBeVisible();
});

// Issue 16 item 7 in the real renderer against the real core: a UTF-16 NuGet.Config with
// <packageSourceMapping>. The core's preview says the file maps sources, the dialog then asks for
// package patterns, and the write keeps the file UTF-16 with the mapping added.
test('NuGet.Config in UTF-16 with a package source mapping: patterns asked, mapping written', async ({
  app,
  bridge,
  home,
}) => {
  const config = path.join(home, '.nuget', 'NuGet', 'NuGet.Config');
  mkdirSync(path.dirname(config), { recursive: true });
  const original = `\uFEFF${nugetConfigWithMapping('utf-16', '\r\n')}`;
  writeFileSync(config, Buffer.from(original, 'utf16le'));
  await bridge.core.service.addToken({
    label: 'Corp feed',
    registry: 'https://nuget.corp.example/v3/index.json',
    ecosystem: 'nuget',
    user: 'ci',
    secret: SECRET,
  });
  await app.reload();

  const row = app.getByRole('region', { name: 'Corp feed' });
  await row.getByRole('button', { name: 'Write to config…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Write to config' });
  await expect(dialog.getByLabel('Format')).toHaveValue('nuget');
  await expect(dialog.getByLabel('File')).toHaveValue(config);
  await dialog.getByLabel('Source name').fill('corp');
  await expect(dialog.getByLabel('Package patterns')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('note').first()).toContainText(
    'without an entry for source "corp"',
  );
  const diff = dialog.getByRole('region', { name: 'Diff preview' });
  await expect(diff).toContainText('<add key="Username" value="ci" />');

  await dialog.getByLabel('Package patterns').fill('Corp.*');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(diff).toContainText('+      <package pattern="Corp.*" />');
  await expect(diff).not.toContainText(SECRET);

  bridge.dialogs.approveNext();
  await dialog.getByRole('button', { name: 'Write', exact: true }).click();
  await expect(dialog).toBeHidden();
  const written = readFileSync(config);
  expect(written.subarray(0, 2).equals(Buffer.from([0xff, 0xfe]))).toBe(true);
  expect(written.toString('utf16le')).toContain(
    '    <packageSource key="corp">\r\n      <package pattern="Corp.*" />\r\n    </packageSource>\r\n  </packageSourceMapping>',
  );
  expect(await app.content()).not.toContain(SECRET);
});
