import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { expectAccessible, expectNoSidewaysScroll } from './layout-check';

// Issue 17 item 5 in the real renderer over the real core (bridge), the real git and real files:
// Use without files → Set up git… → masked preview → Set up (main asks) → the test command, and
// Where used lists the helper after the files; the same for Docker's config.json and Python's
// keyring (the real Secret Service, read back with Debian's python3-keyring), each undone from
// its notice. Screenshots in light and dark at 1280×800 and at the window minimum, 720×480.

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

const SAVED_LOGIN = `fake-login-${'d'.repeat(20)}`;
const INDEX_TOKEN = `fake-token-${'y'.repeat(28)}`;

/** What Debian's python3-keyring (SecretService backend) answers, or null when it has nothing. */
function keyringGet(home: string, service: string, username: string): string | null {
  const read = spawnSync('/usr/bin/python3', ['-m', 'keyring', 'get', service, username], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home },
  });
  return read.status === 0 ? read.stdout.replace(/\n$/, '') : null;
}

test('sets up Docker and Python’s keyring from a token’s details, and undoes each from its notice', async ({
  app,
  bridge,
  home,
}) => {
  test.setTimeout(90_000);
  const config = path.join(home, '.docker', 'config.json');
  mkdirSync(path.dirname(config), { recursive: true });
  const auth = Buffer.from(`ci:${SAVED_LOGIN}`).toString('base64');
  const original = `{\n\t"auths": {\n\t\t"registry.example.test": {\n\t\t\t"auth": "${auth}"\n\t\t}\n\t}\n}\n`;
  writeFileSync(config, original);
  const { service } = bridge.core;
  await service.addToken({
    label: 'Container registry',
    registry: 'https://registry.example.test/',
    ecosystem: 'other',
    secret: SECRET,
  });
  const index = await service.addToken({
    label: 'Private index',
    registry: 'https://pypi.example.test/simple/',
    ecosystem: 'pip',
    user: 'ci',
    secret: INDEX_TOKEN,
  });
  await app.reload();
  const notices = app.getByRole('status', { name: 'Notifications' });

  // Docker: the saved login in config.json is masked in the diff and moves into the vault.
  await app
    .getByRole('listbox', { name: 'Tokens' })
    .getByRole('option', { name: 'Container registry' })
    .click();
  await app
    .getByRole('region', { name: 'Container registry' })
    .getByRole('button', { name: 'Set up Docker, Podman, Skopeo and Buildah…' })
    .click();
  const docker = app.getByRole('dialog', { name: 'Set up Docker, Podman, Skopeo and Buildah' });
  const diff = docker.getByRole('region', { name: 'Diff preview of ~/.docker/config.json' });
  await expect(diff).toContainText('+++ ~/.docker/config.json');
  await expect(diff).toContainText('+\t\t"registry.example.test": "keyport"');
  await expect(docker).toContainText('1 saved login for registry.example.test leaves the file');
  await expect(docker).not.toContainText(auth);
  // Added and removed lines are coloured apart from each other and from the context lines.
  const background = (line: Locator) => line.evaluate((el) => getComputedStyle(el).backgroundColor);
  const added = await background(diff.locator('.diff__line--add').first());
  const removed = await background(diff.locator('.diff__line--remove').first());
  expect(new Set([added, removed, 'rgba(0, 0, 0, 0)']).size).toBe(3);
  await shoot(app, 'docker-preview', diff);

  bridge.dialogs.approveNext();
  await docker.getByRole('button', { name: 'Set up', exact: true }).click();
  await expect(
    docker.getByRole('heading', { name: 'Set up for registry.example.test' }),
  ).toBeVisible();
  await expect(docker).toContainText('1 saved login moved from the file into Keyport.');
  expect(JSON.parse(readFileSync(config, 'utf8'))).toEqual({
    auths: {},
    credHelpers: { 'registry.example.test': 'keyport' },
  });
  await docker.getByRole('button', { name: 'Done' }).click();
  await expect(notices).toContainText(
    'Docker, Podman, Skopeo and Buildah now ask Keyport for registry.example.test',
  );
  await notices.getByRole('button', { name: 'Undo' }).click();
  await expect(notices).toContainText('Restored ~/.docker/config.json');
  expect(readFileSync(config, 'utf8')).toBe(original);

  // Python: no file; the keychain items Python's keyring finds, and Undo takes them back.
  await app
    .getByRole('listbox', { name: 'Tokens' })
    .getByRole('option', { name: 'Private index' })
    .click();
  await app
    .getByRole('region', { name: 'Private index' })
    .getByRole('button', { name: 'Set up pip, twine, Poetry (Python keyring)…' })
    .click();
  const python = app.getByRole('dialog', { name: "Set up Python's keyring" });
  await expect(python).toContainText('https://pypi.example.test/simple/ (ci)');
  await expect(python).toContainText('pypi.example.test (ci)');
  await expectAccessible(app, 'python preview');
  bridge.dialogs.approveNext();
  await python.getByRole('button', { name: 'Set up', exact: true }).click();
  await expect(python).toContainText('Undo is offered once this dialog closes.');
  expect(keyringGet(home, 'pypi.example.test', 'ci')).toBe(INDEX_TOKEN);
  await python.getByRole('button', { name: 'Done' }).click();
  await expect(notices).toContainText(
    "Python's keyring now asks Keyport for https://pypi.example.test/simple/",
  );
  await notices.getByRole('button', { name: 'Undo' }).click();
  await expect(notices).toContainText('Took the token out of https://pypi.example.test/simple/');
  expect(keyringGet(home, 'pypi.example.test', 'ci')).toBeNull();
  expect(keyringGet(home, 'https://pypi.example.test/simple/', 'ci')).toBeNull();
  // The token itself stays in the vault.
  expect(await bridge.core.vault.reveal(index.id)).toBe(INDEX_TOKEN);
  await expect(app.locator('body')).not.toContainText(SECRET);
  await expect(app.locator('body')).not.toContainText(SAVED_LOGIN);
});
