import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { expectAccessible, expectNoSidewaysScroll } from './layout-check';

// Issue 15 item 3 in the real renderer over the real core (bridge), real git and real files:
// sweep a workspace of two repositories, watch progress, cancel, sweep again, Import all.

const COMMITTED = `npm_${'c'.repeat(36)}`;
const IGNORED = `npm_${'i'.repeat(36)}`;
const ENV = `npm_${'e'.repeat(36)}`;

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, {
    cwd,
    stdio: 'ignore',
    env: {
      PATH: process.env.PATH,
      HOME: cwd,
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_AUTHOR_NAME: 't',
      GIT_AUTHOR_EMAIL: 't@example.test',
      GIT_COMMITTER_NAME: 't',
      GIT_COMMITTER_EMAIL: 't@example.test',
    },
  });
}

/**
 * ~/work/app: an .npmrc with a token, committed. ~/work/lib: a .npmrc and a .env with tokens,
 * both git-ignored.
 * ~/work/noise: more folders than one turn of the walk reads, so the bridge's gate can hold a
 * sweep between turns (main still answers op:status and op:cancel) while the test watches it.
 */
function workspace(home: string): { work: string; appNpmrc: string; libNpmrc: string } {
  const work = path.join(home, 'work');
  const app = path.join(work, 'app');
  const lib = path.join(work, 'lib');
  mkdirSync(app, { recursive: true });
  mkdirSync(lib, { recursive: true });
  const appNpmrc = path.join(app, '.npmrc');
  const libNpmrc = path.join(lib, '.npmrc');
  writeFileSync(appNpmrc, `//registry.example.test/:_authToken=${COMMITTED}\n`);
  writeFileSync(libNpmrc, `//registry.example.test/:_authToken=${IGNORED}\n`);
  // A .env cannot hold a reference: its value is only imported.
  writeFileSync(path.join(lib, '.env'), `NPM_TOKEN=${ENV}\n`);
  writeFileSync(path.join(lib, '.gitignore'), '.npmrc\n.env\n');
  for (const repo of [app, lib]) {
    git(repo, 'init', '-q');
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'init');
  }
  for (let i = 0; i < 10; i++) {
    for (let j = 0; j < 30; j++)
      mkdirSync(path.join(work, 'noise', `p${i}`, `m${j}`), { recursive: true });
  }
  return { work, appNpmrc, libNpmrc };
}

test('sweeps two repositories with progress and Cancel, then imports all with references', async ({
  app,
  bridge,
  home,
}) => {
  test.setTimeout(60_000);
  const { work, appNpmrc, libNpmrc } = workspace(home);
  const main = app.getByRole('main');
  await app
    .getByRole('navigation', { name: 'Views' })
    .getByRole('button', { name: 'Scan' })
    .click();

  // First run: held after its first turn; watch main's counts arrive, then cancel it.
  bridge.sweeps.hold();
  bridge.dialogs.nextFolder(work);
  await main.getByRole('button', { name: 'Sweep folders…' }).click();
  await expect(main.getByRole('list', { name: 'Folders to sweep' })).toContainText('~/work');
  await expect(main.getByText(/Sweeping… \d+ folders, \d+ files seen/)).toBeVisible();
  await expect(main.getByRole('progressbar', { name: 'Sweeping' })).toHaveAttribute(
    'aria-valuetext',
    /^\d+ folders, \d+ files$/,
  );
  await main.getByRole('button', { name: 'Cancel' }).click();
  await expect(main.getByText('Sweep cancelled; the last results are kept.')).toBeVisible();
  await expect(main.getByRole('region', { name: 'Found credentials' })).toHaveCount(0);

  // Second run: to the end.
  bridge.sweeps.release();
  await main.getByRole('button', { name: 'Sweep again' }).click();
  const list = main.getByRole('region', { name: 'Found credentials' });
  await expect(list).toBeVisible();
  const appGroup = list.getByRole('region', { name: 'Repository ~/work/app' });
  const libGroup = list.getByRole('region', { name: 'Repository ~/work/lib' });
  await expect(appGroup).toContainText('~/work/app/.npmrc');
  await expect(appGroup.locator('.finding-row')).toContainText('committed');
  await expect(libGroup).toContainText('~/work/lib/.npmrc');
  await expect(libGroup.locator('.finding-row')).toHaveCount(2);
  await expect(libGroup).not.toContainText('committed');
  await expect(main).not.toContainText(COMMITTED);

  await appGroup.locator('.finding-row').click();
  const detail = main.getByRole('region', { name: /~\/work\/app\/\.npmrc:1$/ });
  await expect(detail).toContainText('Committed: in the repository’s history, on every clone.');
  await expect(detail).toContainText('does not take it out of git history');
  await libGroup.locator('.finding-file', { hasText: '.npmrc' }).locator('.finding-row').click();
  await expect(main.getByRole('region', { name: /~\/work\/lib\/\.npmrc:1$/ })).toContainText(
    'Ignored by git: only on this disk.',
  );

  await app.setViewportSize({ width: 720, height: 480 });
  await expectNoSidewaysScroll(app, 'Sweep at 720×480');
  await expectAccessible(app, 'Sweep at 720×480');
  await app.setViewportSize({ width: 1280, height: 800 });
  await expectAccessible(app, 'Sweep at 1280×800');
  await app.screenshot({ path: 'test-results/sweep-1280.png' });

  // Import all: one dialog, the combined masked preview, then Apply.
  await main.getByRole('button', { name: 'Import all and replace with references…' }).click();
  const dialog = app.getByRole('dialog', { name: 'Import all and replace with references' });
  await expect(
    dialog.getByRole('region', { name: 'Changes to ~/work/app/.npmrc:1' }),
  ).toBeVisible();
  await expect(
    dialog.getByRole('region', { name: 'Changes to ~/work/lib/.npmrc:1' }),
  ).toBeVisible();
  await expect(dialog).toContainText('1 value was committed to git');
  await expect(dialog).not.toContainText(COMMITTED);
  await expectAccessible(app, 'Sweep import preview');
  await app.screenshot({ path: 'test-results/sweep-import-1280.png' });
  expect(readFileSync(appNpmrc, 'utf8')).toContain(COMMITTED);
  await dialog.getByRole('button', { name: 'Apply' }).click();

  const done = app.getByRole('dialog', { name: 'Imported' });
  await expect(done).toContainText('Imported 3 new tokens into your keychain.');
  await expect(done.getByRole('list', { name: 'Only imported' })).toContainText(
    '~/work/lib/.env:1',
  );
  await expect(done.getByRole('list', { name: 'Rewritten with a reference' })).toContainText(
    '~/work/app/.npmrc:1',
  );
  await expect(done).toContainText('Rotate that token afterwards.');
  expect(readFileSync(appNpmrc, 'utf8')).not.toContain(COMMITTED);
  expect(readFileSync(libNpmrc, 'utf8')).not.toContain(IGNORED);
  expect(readFileSync(appNpmrc, 'utf8')).toMatch(/_authToken=\$\{KEYPORT_[A-Z0-9_]+\}/);
  await done.getByRole('button', { name: 'Done' }).click();
  // What is left is swept again: the references are not findings.
  await expect(list.locator('.finding-row')).toHaveCount(1);
  await expect(list).toContainText('~/work/lib/.env');
  await expect(list).toContainText('plaintext, in Keyport');
  // The .env entry stays (only imported): it is the one finding left, now held by Keyport.
  expect((await bridge.core.vault.list()).length).toBe(3);
});
