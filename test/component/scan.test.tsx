import { act, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { GLOBAL_NPMRC } from './fake-scan';
import { FakeKeyport } from './fake-keyport';
import { findList, openToken, renderApp, secret } from './render-app';
import {
  findingRow,
  findingRows,
  findingTable,
  openScan,
  runScan,
  scanButton,
} from './scan-helpers';

const HELD = secret('acme');
const PLAIN = secret('plain');
const NETRC = secret('netrc');

/** A vault token also found in a project file; a plaintext the project overrides; a reference. */
function fixture() {
  const fake = new FakeKeyport([
    { id: 'a', label: 'acme publish', secret: HELD, registry: 'https://npm.acme.dev/' },
    { id: 'b', label: 'unused', secret: secret('unused') },
  ]);
  fake.configs.files.set('/w/app/.npmrc', `//npm.acme.dev/:_authToken=${HELD}`);
  fake.configs.files.set(
    '/home/u/.npmrc',
    `//npm.acme.dev/:_authToken=${PLAIN}\n//registry.npmjs.org/:_authToken=\${NPM_TOKEN}`,
  );
  fake.configs.files.set(GLOBAL_NPMRC, 'registry=https://registry.npmjs.org/');
  fake.configs.files.set('/home/u/.netrc', `machine pypi.corp.dev=${NETRC}`);
  return fake;
}

describe('Scan', () => {
  it('explains what it reads before the first scan, and scans nothing until asked', async () => {
    const { user, fake } = renderApp({ fake: fixture() });
    await findList();
    await openScan(user);
    expect(screen.getByText(/Keyport reads your user, project and global \.npmrc/)).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Found credentials' })).toBeNull();
    expect(fake.callsTo('scan')).toEqual([]);
  });

  it('lists every credential masked, with level, status, overridden and reference rows', async () => {
    const { user, fake } = renderApp({ fake: fixture() });
    await findList();
    await runScan(user, '/w/app');

    expect(fake.callsTo('scan')).toEqual([{ projectDir: '/w/app' }]);
    expect(findingRows()).toEqual([
      [
        '/w/app/.npmrc project',
        '1',
        '//npm.acme.dev/:_authToken=npm_••••••••acme',
        'https://npm.acme.dev/',
        'In Keyport as acme publish',
        '',
      ],
      [
        '/home/u/.npmrc user',
        '1',
        '//npm.acme.dev/:_authToken=npm_••••••••plai',
        'https://npm.acme.dev/',
        expect.stringMatching(/^Not in Keyport Overridden: A file with higher precedence/),
        '/home/u/.npmrc, line 1Import',
      ],
      [
        '/home/u/.npmrc user',
        '2',
        '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
        'https://registry.npmjs.org/',
        'Reference (nothing secret on disk)',
        '',
      ],
      [
        '/home/u/.netrc user',
        '1',
        'machine pypi.corp.dev=npm_••••••••netr',
        'https://pypi.corp.dev/',
        'Not in Keyport',
        '/home/u/.netrc, line 1Import',
      ],
    ]);
    expect(screen.getByText('4 credentials in 3 files')).toBeTruthy();

    const overridden = within(findingRow('/home/u/.npmrc', 1)).getByText('Overridden');
    expect(overridden.getAttribute('title')).toBe(
      'A file with higher precedence sets the same key, so this entry is ignored.',
    );
    expect(within(findingRow('/w/app/.npmrc', 1)).queryByText('Overridden')).toBeNull();
    expect(within(findingRow('/home/u/.netrc', 1)).queryByText('Overridden')).toBeNull();
    const level = within(findingRow('/w/app/.npmrc', 1)).getByText('project');
    expect(level.className).toContain('level--project');
    // The entry is monospace and masked; no value in the page.
    expect(
      within(findingRow('/w/app/.npmrc', 1))
        .getByText(/_authToken=npm_/)
        .tagName.toLowerCase(),
    ).toBe('code');
    for (const value of [HELD, PLAIN, NETRC]) {
      expect(document.body.textContent).not.toContain(value);
    }
    // Import is offered on plaintext rows only, and names its row for screen readers.
    const imports = within(findingTable()).getAllByRole('button', { name: 'Import' });
    expect(imports.map((b) => b.getAttribute('aria-describedby') !== null)).toEqual([true, true]);
    expect(
      within(findingRow('/home/u/.netrc', 1)).getByRole('button', {
        name: 'Import',
        description: '/home/u/.netrc, line 1',
      }),
    ).toBeTruthy();
  });

  it('shows where each token is used in its details after a scan', async () => {
    const { user } = renderApp({ fake: fixture() });
    await findList();
    // Before a scan the core has recorded no use.
    expect(
      within(await openToken(user, 'acme publish')).getByText(/In no file Keyport knows of/),
    ).toBeTruthy();
    await runScan(user, '/w/app');
    await user.click(
      within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', {
        name: 'Tokens',
      }),
    );
    await findList();
    const pane = await openToken(user, 'acme publish');
    const used = await within(pane).findByRole('list', { name: 'Files using this token' });
    expect(within(used).getByText('/w/app/.npmrc:1')).toBeTruthy();
    expect(within(used).getByText('found by a scan')).toBeTruthy();
    expect(
      within(await openToken(user, 'unused')).queryByRole('list', {
        name: 'Files using this token',
      }),
    ).toBeNull();
  });

  it('lists every place a token is used, each with "Write a reference instead"', async () => {
    const token = {
      label: 'shared',
      secret: secret('shared'),
      usedIn: [
        { format: 'npmrc' as const, file: '/home/u/.npmrc', line: 3, entry: 'a' },
        { format: 'npmrc' as const, file: '/w/app/.npmrc', line: 1, entry: 'b' },
        { format: 'npmrc' as const, file: '/w/app/.npmrc', line: 7, entry: 'c' },
      ],
    };
    const { user } = renderApp({ tokens: [token] });
    await findList();
    const pane = await openToken(user, 'shared');
    const used = within(pane).getByRole('list', { name: 'Files using this token' });
    expect(
      within(used)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.place__file')?.textContent),
    ).toEqual(['~/.npmrc:3', '/w/app/.npmrc:1', '/w/app/.npmrc:7']);
    expect(
      within(used).getAllByRole('button', { name: /^Write a reference instead in / }),
    ).toHaveLength(3);
  });

  it('says "No credentials found" when the files hold none', async () => {
    const { user, fake } = renderApp({ tokens: [] });
    await runScan(user);
    expect(fake.callsTo('scan')).toEqual([{}]);
    expect(screen.getByRole('heading', { name: 'No credentials found' })).toBeTruthy();
    expect(screen.queryByRole('table', { name: 'Found credentials' })).toBeNull();
    expect(screen.queryByText(/Keyport reads your user/)).toBeNull();
  });

  it('shows Scanning… while busy and ignores a second click', async () => {
    const fake = fixture();
    const { user } = renderApp({ fake });
    await findList();
    await openScan(user);
    const release = fake.hold('scan');
    await user.click(scanButton());
    const busy = scanButton('Scanning…');
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    await user.click(busy);
    expect(fake.callsTo('scan')).toHaveLength(1);
    await act(async () => release());
    expect(scanButton()).toBeTruthy();
    expect(findingRows()).toHaveLength(3);
  });

  it('wants an absolute project folder, and says why a scan failed', async () => {
    const { user, fake } = renderApp({ fake: fixture() });
    await findList();
    const folder = await openScan(user);
    await user.type(folder, 'relative/app');
    await user.click(scanButton());
    expect(screen.getByText('Enter an absolute path, e.g. /home/you/project.')).toBeTruthy();
    expect(folder.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(folder);
    expect(fake.callsTo('scan')).toEqual([]);

    await user.clear(folder);
    await user.type(folder, 'C:\\work\\app');
    fake.failNext('scan', 'INTERNAL', 'The project folder could not be read.');
    await user.click(scanButton());
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The project folder could not be read.',
    );
    expect(fake.callsTo('scan')).toEqual([{ projectDir: 'C:\\work\\app' }]);
    // Still the intro: nothing was scanned.
    expect(screen.getByText(/Keyport reads your user/)).toBeTruthy();
  });
});
