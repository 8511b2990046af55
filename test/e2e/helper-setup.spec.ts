import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, expectNoSidewaysScroll } from './layout-check';

// Issue 17 item 5 in the real renderer over the real core (bridge), the real git and real files:
// Use without files → Set up git… → masked preview → Set up (main asks) → the test command, and
// Where used lists the helper after the files. Screenshots in light and dark at 1280×800 and at
// the window minimum, 720×480.

const SECRET = `fake-token-${'e'.repeat(28)}`;
const URL_PASSWORD = `fake-url-pw-${'p'.repeat(12)}`;
const SIZES = [
  [1280, 800],
  [720, 480],
] as const;

/** `shown` is scrolled into view at each size: what the picture is about. */
async function shoot(app: Page, name: string, shown?: Locator): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await app.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of SIZES) {
      await app.setViewportSize({ width, height });
      await shown?.scrollIntoViewIfNeeded();
      await expectNoSidewaysScroll(app, `${name} at ${width}×${height}, ${scheme}`);
      await expectAccessible(app, `${name} at ${width}×${height}, ${scheme}`);
      await app.screenshot({ path: `test-results/helper-${name}-${width}-${scheme}.png` });
    }
  }
  await app.emulateMedia({ colorScheme: 'light' });
  await app.setViewportSize({ width: 1280, height: 800 });
}

test('sets up git as the credential helper of a token from its details, with a preview', async ({
  app,
  bridge,
  home,
}) => {
  test.setTimeout(90_000);
  const gitconfig = path.join(home, '.gitconfig');
  const original = `[user]\n\tname = Dev\n[url "https://dev:${URL_PASSWORD}@mirror.example.test/"]\n\tinsteadOf = https://upstream.example.test/\n`;
  writeFileSync(gitconfig, original);
  const { service } = bridge.core;
  await service.addToken({
    label: 'GitLab forge',
    registry: 'https://gitlab.example.test/acme/',
    ecosystem: 'other',
    secret: SECRET,
  });
  await service.addToken({
    label: 'npmjs publish (CI)',
    registry: 'https://registry.npmjs.org/',
    ecosystem: 'npm',
    secret: `npm_${'k'.repeat(36)}`,
  });
  await app.reload();

  await app
    .getByRole('listbox', { name: 'Tokens' })
    .getByRole('option', { name: 'GitLab forge' })
    .click();
  const pane = app.getByRole('region', { name: 'GitLab forge' });
  const helpers = pane.getByRole('list', { name: 'Credential helpers for this token' });
  await expect(helpers).toContainText('git ls-remote https://gitlab.example.test/OWNER/REPO.git');
  await helpers.getByRole('button', { name: 'Set up git…' }).click();

  const dialog = app.getByRole('dialog', { name: 'Set up git' });
  const diff = dialog.getByRole('region', { name: 'Diff preview of ~/.gitconfig' });
  await expect(diff).toContainText('+[credential "https://gitlab.example.test"]');
  await expect(diff).toContainText('+\thelper = keyport');
  await expect(dialog).toContainText('Keyport asks you before it changes anything.');
  await expect(dialog).not.toContainText(URL_PASSWORD);
  await expect(app.locator('body')).not.toContainText(SECRET);
  await shoot(app, 'preview');
  expect(readFileSync(gitconfig, 'utf8')).toBe(original);

  bridge.dialogs.approveNext();
  await dialog.getByRole('button', { name: 'Set up', exact: true }).click();
  await expect(
    dialog.getByRole('heading', { name: 'Set up for https://gitlab.example.test' }),
  ).toBeVisible();
  await expect(dialog).toContainText('git ls-remote https://gitlab.example.test/OWNER/REPO.git');
  expect(bridge.dialogs.asked.map((q) => q.message)).toEqual([
    'Let git ask Keyport for https://gitlab.example.test?',
  ]);
  const helper = execFileSync(
    'git',
    ['config', '--file', gitconfig, '--get-all', 'credential.https://gitlab.example.test.helper'],
    { encoding: 'utf8' },
  );
  expect(helper).toBe('keyport\n');
  await shoot(app, 'done');

  await dialog.getByRole('button', { name: 'Done' }).click();
  const serving = app
    .getByRole('region', { name: 'GitLab forge' })
    .getByRole('list', { name: 'Credential helpers serving this token' });
  await expect(serving).toContainText('git · https://gitlab.example.test');
  await expect(serving).toContainText('~/.gitconfig');
  await expect(
    app.getByRole('region', { name: 'GitLab forge' }).getByRole('list', {
      name: 'Credential helpers for this token',
    }),
  ).toContainText('git set up');
  await app.getByRole('button', { name: 'Dismiss notification' }).click();
  await shoot(app, 'where-used', serving);
  await expect(app.locator('body')).not.toContainText(SECRET);
});
