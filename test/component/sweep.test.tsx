import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync } from 'node:fs';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findList, renderApp, secret } from './render-app';
import { findingRows, openFinding, openScan } from './scan-helpers';
import { TestKeyport } from './test-keyport';

const LEAK = `npm_${'a'.repeat(36)}`;
const ENV = `npm_${'b'.repeat(36)}`;

/** Two repositories under ~/work: one with a committed .npmrc, one with a git-ignored .env. */
async function fixture() {
  const keyport = await TestKeyport.open([{ id: 'a', label: 'held', secret: secret('held') }]);
  const work = keyport.file('work');
  const git = (repo: string, ...args: string[]) =>
    execFileSync('git', ['-C', repo, ...args], {
      // Not the user's git configuration: HOME is the test's.
      env: { PATH: process.env.PATH, HOME: keyport.home, GIT_CONFIG_NOSYSTEM: '1' },
      stdio: 'ignore',
    });
  const app = `${work}/app`;
  keyport.write(`${app}/.npmrc`, `//registry.npmjs.org/:_authToken=${LEAK}\n`);
  git(app, 'init', '-q');
  git(app, 'add', '.npmrc');
  git(app, '-c', 'user.name=t', '-c', 'user.email=t@example.test', 'commit', '-qm', 'leak');
  const lib = `${work}/lib`;
  keyport.write(`${lib}/.gitignore`, '.env\n');
  keyport.write(`${lib}/.env`, `NODE_ENV=development\nNPM_TOKEN=${ENV}\n`);
  git(lib, 'init', '-q');
  symlinkSync('/etc', `${lib}/link`);
  // More folders than the walk reads in one turn (64), so a held sweep stops in flight.
  for (let i = 0; i < 80; i++) mkdirSync(`${work}/notes/${i}`, { recursive: true });
  return { keyport, work };
}

function main() {
  return within(screen.getByRole('main'));
}

describe('Sweep folders', () => {
  it('sweeps a picked folder with progress and Cancel, then again, grouping by repository', async () => {
    const { keyport, work } = await fixture();
    const { user } = await renderApp({ keyport });
    await findList();
    await openScan(user);

    // The walk stops after its first turn until released: the sweep is watched in flight.
    keyport.sweeps.hold();
    keyport.dialogs.nextFolder(work);
    await user.click(main().getByRole('button', { name: 'Sweep folders…' }));
    expect(keyport.callsTo('pickFolder')).toEqual([{ purpose: 'scan' }]);
    expect(
      within(await screen.findByRole('list', { name: 'Folders to sweep' })).getByText('~/work'),
    ).toBeTruthy();
    // op:status is polled: main's count of what it walked is shown beside the bar.
    const seen = await screen.findByText(/Sweeping… \d+ folders?, \d+ files? seen/);
    const counted = /(\d+ folders?, \d+ files?)/.exec(seen.textContent ?? '')?.[1];
    expect(
      screen.getByRole('progressbar', { name: 'Sweeping' }).getAttribute('aria-valuetext'),
    ).toBe(counted);
    const [{ opId }] = keyport.callsTo('sweep') as [{ opId: string; dirs: string[] }];

    await user.click(main().getByRole('button', { name: 'Cancel' }));
    expect(keyport.callsTo('cancelOperation')).toEqual([{ opId }]);
    await screen.findByText(/Sweep cancelled/);
    expect(screen.queryByRole('progressbar', { name: 'Sweeping' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Found credentials' })).toBeNull();

    keyport.sweeps.release();
    await user.click(main().getByRole('button', { name: 'Sweep again' }));
    await screen.findByRole('region', { name: 'Found credentials' });
    expect(keyport.callsTo('sweep')).toHaveLength(2);
    expect((keyport.callsTo('sweep')[1] as { dirs: string[] }).dirs).toEqual([work]);
    expect(findingRows()).toEqual([
      [
        'Repository ~/work/app',
        '~/work/app/.npmrc',
        'line 1',
        '//registry.npmjs.org/:_authToken=npm_••••••••aaaa',
        'plaintext',
        'committed',
      ],
      [
        'Repository ~/work/lib',
        '~/work/lib/.env',
        'line 2',
        'NPM_TOKEN=npm_••••••••bbbb',
        'plaintext',
      ],
    ]);
    for (const value of [LEAK, ENV]) expect(document.body.textContent).not.toContain(value);
    expect(screen.getByText(/2 credentials in 2 files, 1 committed to git/)).toBeTruthy();
    // Problems are listed quietly, folded away.
    expect(screen.getByText('1 place not read')).toBeTruthy();
    expect(screen.getByText(/is a link out of the folder; not followed/)).toBeTruthy();

    const detail = await openFinding(user, `${work}/app/.npmrc`, 1);
    expect(
      within(detail).getByText('Committed: in the repository’s history, on every clone.'),
    ).toBeTruthy();
    expect(within(detail).getByText('Yes: this is the entry its client uses.')).toBeTruthy();
    expect(within(detail).getByText(/does not take it out of git history/)).toBeTruthy();
    expect(within(detail).getByText(/Rotate it/)).toBeTruthy();
    const ignored = await openFinding(user, `${work}/lib/.env`, 2);
    expect(within(ignored).getByText('Ignored by git: only on this disk.')).toBeTruthy();
  });

  it('removes a chosen folder’s chip', async () => {
    const { keyport, work } = await fixture();
    const { user } = await renderApp({ keyport });
    await findList();
    await openScan(user);
    keyport.dialogs.nextFolder(work);
    await user.click(main().getByRole('button', { name: 'Sweep folders…' }));
    await screen.findByRole('region', { name: 'Found credentials' });
    await user.click(screen.getByRole('button', { name: 'Remove ~/work' }));
    expect(screen.queryByRole('list', { name: 'Folders to sweep' })).toBeNull();
    expect(main().getByRole('button', { name: 'Sweep folders…' })).toBeTruthy();
  });

  it('imports all through one combined masked preview and says what was rewritten and what only imported', async () => {
    const { keyport, work } = await fixture();
    const { user, store } = await renderApp({ keyport });
    await findList();
    await openScan(user);
    keyport.dialogs.nextFolder(work);
    await user.click(main().getByRole('button', { name: 'Sweep folders…' }));
    await screen.findByRole('region', { name: 'Found credentials' });
    const ids = store.getState().sweep.result!.findings.map((f) => f.id);

    await user.click(
      main().getByRole('button', { name: 'Import all and replace with references…' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Import all and replace with references',
    });
    await within(dialog).findByRole('region', { name: 'Changes to ~/work/app/.npmrc:1' });
    expect(keyport.callsTo('importSweepFindings')).toEqual([
      { findingIds: ids, replaceWithReference: true, dryRun: true },
    ]);
    expect(
      within(dialog).getByText(
        /Only imported: A \.env file cannot read a value from the environment/,
      ),
    ).toBeTruthy();
    expect(within(dialog).getByText('1 entry is rewritten; 1 is only imported.')).toBeTruthy();
    expect(within(dialog).getByText(/1 value was committed to git/)).toBeTruthy();
    // A dry run: nothing imported or written yet.
    expect(await keyport.core.vault.list()).toHaveLength(1);
    expect(keyport.read(`${work}/app/.npmrc`)).toContain(LEAK);

    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    const done = await screen.findByRole('dialog', { name: 'Imported' });
    expect(keyport.callsTo('importSweepFindings')[1]).toEqual({
      findingIds: ids,
      replaceWithReference: true,
      dryRun: false,
    });
    expect(within(done).getByText(/Imported 2 new tokens into your keychain/)).toBeTruthy();
    expect(
      within(within(done).getByRole('list', { name: 'Rewritten with a reference' })).getByText(
        '~/work/app/.npmrc:1',
      ),
    ).toBeTruthy();
    expect(
      within(within(done).getByRole('list', { name: 'Only imported' })).getByText(
        '~/work/lib/.env:2',
      ),
    ).toBeTruthy();
    expect(within(done).getByText(/Rotate that token afterwards/)).toBeTruthy();
    expect(keyport.read(`${work}/app/.npmrc`)).not.toContain(LEAK);
    expect(keyport.read(`${work}/lib/.env`)).toContain(ENV);
    await user.click(within(done).getByRole('button', { name: 'Done' }));
    // Swept again: the .npmrc now holds a reference; the .env still holds the value, which
    // Keyport now knows.
    await waitFor(() => expect(keyport.callsTo('sweep')).toHaveLength(2));
    await waitFor(() =>
      expect(findingRows()).toEqual([
        [
          'Repository ~/work/lib',
          '~/work/lib/.env',
          'line 2',
          'NPM_TOKEN=npm_••••••••bbbb',
          'plaintext, in Keyport',
        ],
      ]),
    );
  });
});
