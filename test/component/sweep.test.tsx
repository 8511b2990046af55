import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeKeyport } from './fake-keyport';
import { sweptFinding } from './fake-sweep';
import { findList, renderFakeApp, secret } from './render-app';
import { findingRows, openFinding, openScan } from './scan-helpers';

const WORK = '/home/u/work';
// Finding ids as the core makes them (16 hex digits; the contract checks).
const LEAK = '0123456789abcdef';
const ENV = 'fedcba9876543210';

/** Two repositories: one with a committed .npmrc, one with a git-ignored .env. */
function fixture() {
  const fake = new FakeKeyport([{ id: 'a', label: 'held', secret: secret('held') }]);
  fake.sweeps.result = {
    findings: [
      sweptFinding({
        id: LEAK,
        file: `${WORK}/app/.npmrc`,
        repository: `${WORK}/app`,
        git: 'tracked',
      }),
      sweptFinding({
        id: ENV,
        file: `${WORK}/lib/.env`,
        repository: `${WORK}/lib`,
        git: 'ignored',
        format: 'env',
        line: 2,
        key: 'NPM_TOKEN',
        entry: 'NPM_TOKEN=npm_••••••••bbbb',
      }),
    ],
    problems: [{ path: `${WORK}/lib/link`, reason: 'symlink-outside', target: '/etc' }],
    stats: { folders: 9, files: 23 },
  };
  return fake;
}

function main() {
  return within(screen.getByRole('main'));
}

describe('Sweep folders', () => {
  it('sweeps a picked folder with progress and Cancel, then again, grouping by repository', async () => {
    const fake = fixture();
    const { user } = renderFakeApp({ fake });
    await findList();
    await openScan(user);

    const release = fake.hold('sweep');
    fake.rotation.step = '4 folders, 11 files';
    fake.picks.folders.push(WORK);
    await user.click(main().getByRole('button', { name: 'Sweep folders…' }));
    expect(fake.callsTo('pickFolder')).toEqual([{ purpose: 'scan' }]);
    expect(
      within(screen.getByRole('list', { name: 'Folders to sweep' })).getByText('~/work'),
    ).toBeTruthy();
    // op:status is polled: main's count of what it walked is shown beside the bar.
    await screen.findByText(/Sweeping… 4 folders, 11 files seen/);
    expect(
      screen.getByRole('progressbar', { name: 'Sweeping' }).getAttribute('aria-valuetext'),
    ).toBe('4 folders, 11 files');
    const [{ opId }] = fake.callsTo('sweep') as [{ opId: string; dirs: string[] }];

    await user.click(main().getByRole('button', { name: 'Cancel' }));
    expect(fake.callsTo('cancelOperation')).toEqual([{ opId }]);
    await screen.findByText(/Sweep cancelled/);
    expect(screen.queryByRole('progressbar', { name: 'Sweeping' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Found credentials' })).toBeNull();

    release();
    await user.click(main().getByRole('button', { name: 'Sweep again' }));
    await screen.findByRole('region', { name: 'Found credentials' });
    expect(fake.callsTo('sweep')).toHaveLength(2);
    expect((fake.callsTo('sweep')[1] as { dirs: string[] }).dirs).toEqual([WORK]);
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
    expect(screen.getByText(/2 credentials in 2 files, 1 committed to git/)).toBeTruthy();
    // Problems are listed quietly, folded away.
    expect(screen.getByText('1 place not read')).toBeTruthy();
    expect(screen.getByText(/is a link out of the folder; not followed/)).toBeTruthy();

    const detail = await openFinding(user, `${WORK}/app/.npmrc`, 1);
    expect(
      within(detail).getByText('Committed: in the repository’s history, on every clone.'),
    ).toBeTruthy();
    expect(within(detail).getByText('Yes: this is the entry its client uses.')).toBeTruthy();
    expect(within(detail).getByText(/does not take it out of git history/)).toBeTruthy();
    expect(within(detail).getByText(/Rotate it/)).toBeTruthy();
    const ignored = await openFinding(user, `${WORK}/lib/.env`, 2);
    expect(within(ignored).getByText('Ignored by git: only on this disk.')).toBeTruthy();
  });

  it('removes a chosen folder’s chip', async () => {
    const fake = fixture();
    const { user } = renderFakeApp({ fake });
    await findList();
    await openScan(user);
    fake.picks.folders.push(WORK);
    await user.click(main().getByRole('button', { name: 'Sweep folders…' }));
    await screen.findByRole('region', { name: 'Found credentials' });
    await user.click(screen.getByRole('button', { name: 'Remove ~/work' }));
    expect(screen.queryByRole('list', { name: 'Folders to sweep' })).toBeNull();
    expect(main().getByRole('button', { name: 'Sweep folders…' })).toBeTruthy();
  });

  it('imports all through one combined masked preview and says what was rewritten and what only imported', async () => {
    const fake = fixture();
    const { user } = renderFakeApp({ fake });
    await findList();
    await openScan(user);
    fake.picks.folders.push(WORK);
    await user.click(main().getByRole('button', { name: 'Sweep folders…' }));
    await screen.findByRole('region', { name: 'Found credentials' });

    await user.click(
      main().getByRole('button', { name: 'Import all and replace with references…' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Import all and replace with references',
    });
    await within(dialog).findByRole('region', { name: 'Changes to ~/work/app/.npmrc:1' });
    expect(fake.callsTo('importSweepFindings')).toEqual([
      { findingIds: [LEAK, ENV], replaceWithReference: true, dryRun: true },
    ]);
    expect(within(dialog).getByText(/Only imported: \.env files/)).toBeTruthy();
    expect(within(dialog).getByText('1 entry is rewritten; 1 is only imported.')).toBeTruthy();
    expect(within(dialog).getByText(/1 value was committed to git/)).toBeTruthy();
    expect(fake.metas.size).toBe(1);

    await user.click(within(dialog).getByRole('button', { name: 'Apply' }));
    const done = await screen.findByRole('dialog', { name: 'Imported' });
    expect(fake.callsTo('importSweepFindings')[1]).toEqual({
      findingIds: [LEAK, ENV],
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
    await user.click(within(done).getByRole('button', { name: 'Done' }));
    // What is left is swept again: nothing.
    await screen.findByText('No credentials found');
    expect(fake.callsTo('sweep')).toHaveLength(2);
  });
});
