import { mkdirSync, rmSync } from 'node:fs';
import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findList, openToken, renderApp, secret } from './render-app';
import {
  findingRow,
  findingRows,
  openFinding,
  openScan,
  runScan,
  scanButton,
  statusOf,
} from './scan-helpers';
import { TestKeyport } from './test-keyport';

const HELD = secret('acme');
const PLAIN = secret('plain');
const NETRC = secret('netrc');

/** A vault token also found in a project file; a plaintext the project overrides; a reference. */
async function fixture() {
  const keyport = await TestKeyport.open([
    { id: 'a', label: 'acme publish', secret: HELD, registry: 'https://npm.acme.dev/' },
    { id: 'b', label: 'unused', secret: secret('unused') },
  ]);
  const app = keyport.outside('w', 'app');
  const project = keyport.write(`${app}/.npmrc`, `//npm.acme.dev/:_authToken=${HELD}\n`);
  const npmrc = keyport.write(
    '.npmrc',
    `//npm.acme.dev/:_authToken=${PLAIN}\n//registry.npmjs.org/:_authToken=\${NPM_TOKEN}\n`,
  );
  const netrc = keyport.write('.netrc', `machine pypi.corp.dev login ci password ${NETRC}\n`);
  return { keyport, app, project, npmrc, netrc };
}

describe('Scan', () => {
  it('explains what it reads before the first scan, and scans nothing until asked', async () => {
    const { keyport } = await fixture();
    const { user } = await renderApp({ keyport });
    await findList();
    await openScan(user);
    expect(screen.getByText(/Keyport reads your user and global \.npmrc/)).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Found credentials' })).toBeNull();
    expect(keyport.callsTo('scan')).toEqual([]);
  });

  it('groups every credential by where it comes from and by file, masked, paths as ~/', async () => {
    const { keyport, app, project, netrc } = await fixture();
    const { user } = await renderApp({ keyport });
    await findList();
    await runScan(user, app, keyport);

    expect(keyport.callsTo('pickFolder')).toEqual([{ purpose: 'scan' }]);
    expect(keyport.callsTo('scan')).toEqual([{ projectDir: app }]);
    expect(findingRows()).toEqual([
      [
        `Project ${app}`,
        project,
        'line 1',
        '//npm.acme.dev/:_authToken=npm_••••••••acme',
        'plaintext, in Keyport',
      ],
      [
        'Your user files',
        '~/.npmrc',
        'line 1',
        '//npm.acme.dev/:_authToken=npm_••••••••plai',
        'plaintext',
        'overridden',
      ],
      [
        'Your user files',
        '~/.npmrc',
        'line 2',
        '//registry.npmjs.org/:_authToken=${NPM_TOKEN}',
        'reference',
      ],
      [
        'Your user files',
        '~/.netrc',
        'line 1',
        'machine pypi.corp.dev login ci password npm_••••••••netr',
        'plaintext',
      ],
    ]);
    expect(screen.getByText('4 credentials in 3 files')).toBeTruthy();
    expect(screen.getByText(app, { selector: '.scan__folder .mono' })).toBeTruthy();
    for (const value of [HELD, PLAIN, NETRC]) {
      expect(document.body.textContent).not.toContain(value);
    }
    // One button per row: the row itself.
    expect(within(findingRow(netrc, 1)).queryAllByRole('button')).toHaveLength(0);
  });

  it('shows a finding’s details with what to do: Import, or Replace with reference', async () => {
    const { keyport, app, project, npmrc, netrc } = await fixture();
    const { user } = await renderApp({ keyport });
    await findList();
    await runScan(user, app, keyport);

    const plain = await openFinding(user, netrc, 1);
    expect(plain.textContent).toContain('Plaintext that Keyport does not hold');
    expect(within(plain).getByRole('button', { name: 'Import…' })).toBeTruthy();

    const overridden = await openFinding(user, npmrc, 1);
    expect(overridden.textContent).toContain('A file with higher precedence sets the same key');

    // Plaintext of a token Keyport holds: a secret on disk all the same, with the way out.
    const held = await openFinding(user, project, 1);
    expect(held.textContent).toContain('the secret is still on disk');
    await user.click(within(held).getByRole('button', { name: 'Replace with reference…' }));
    const dialog = screen.getByRole('dialog', { name: 'Write a reference' });
    await within(dialog).findByRole('region', { name: 'Diff preview' });
    expect(keyport.callsTo('planWrite')).toEqual([
      {
        tokenId: 'a',
        format: 'npmrc',
        file: project,
        registry: 'https://npm.acme.dev/',
        reference: true,
      },
    ]);
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    await waitFor(() => expect(statusOf(project, 1)).toBe('reference'));
    expect(keyport.read(project)).toBe('//npm.acme.dev/:_authToken=${KEYPORT_A}\n');

    const reference = await openFinding(user, npmrc, 2);
    expect(reference.textContent).toContain('nothing secret is on disk');
    expect(within(reference).queryByRole('button', { name: /Import|Replace/ })).toBeNull();
  });

  it('Import all takes every plaintext with a registry into the keychain, in one notice', async () => {
    const { keyport, app } = await fixture();
    const { user, store } = await renderApp({ keyport });
    await findList();
    await runScan(user, app, keyport);
    await user.click(
      within(screen.getByRole('main')).getByRole('button', { name: 'Import all (2)' }),
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Import all' });
    expect(within(dialog).getByRole('list', { name: 'Tokens to import' }).textContent).toContain(
      '~/.npmrc:1 as “npm.acme.dev”',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Import 2' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(keyport.callsTo('importFinding')).toHaveLength(2);
    expect(await screen.findByText('Imported 2 tokens into your keychain.')).toBeTruthy();
    expect(store.getState().tokens.filter((t) => t.origin === 'imported')).toHaveLength(2);
  });

  it('shows where each token is used in its details after a scan', async () => {
    const { keyport, app, project } = await fixture();
    const { user } = await renderApp({ keyport });
    await findList();
    // Before a scan the core has recorded no use.
    expect(
      within(await openToken(user, 'acme publish')).getByText(/In no file Keyport knows of/),
    ).toBeTruthy();
    await runScan(user, app, keyport);
    await user.click(
      within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', {
        name: 'Tokens',
      }),
    );
    await findList();
    const pane = await openToken(user, 'acme publish');
    const used = await within(pane).findByRole('list', { name: 'Files using this token' });
    expect(within(used).getByText(`${project}:1`)).toBeTruthy();
    expect(within(used).getByText('found by a scan')).toBeTruthy();
    expect(
      within(await openToken(user, 'unused')).queryByRole('list', {
        name: 'Files using this token',
      }),
    ).toBeNull();
  });

  it('lists every place a token is used, each with "Write a reference instead"', async () => {
    const { user, keyport } = await renderApp({
      tokens: ({ file, outside }) => [
        {
          label: 'shared',
          secret: secret('shared'),
          usedIn: [
            { format: 'npmrc', file: file('.npmrc'), line: 3, entry: 'a' },
            { format: 'npmrc', file: outside('w', 'app', '.npmrc'), line: 1, entry: 'b' },
            { format: 'npmrc', file: outside('w', 'app', '.npmrc'), line: 7, entry: 'c' },
          ],
        },
      ],
    });
    await findList();
    const pane = await openToken(user, 'shared');
    const used = within(pane).getByRole('list', { name: 'Files using this token' });
    expect(
      within(used)
        .getAllByRole('listitem')
        .map((li) => li.querySelector('.place__file')?.textContent),
    ).toEqual([
      '~/.npmrc:3',
      `${keyport.outside('w', 'app', '.npmrc')}:1`,
      `${keyport.outside('w', 'app', '.npmrc')}:7`,
    ]);
    expect(
      within(used).getAllByRole('button', { name: /^Write a reference instead in / }),
    ).toHaveLength(3);
  });

  it('says "No credentials found" when the files hold none', async () => {
    const { user, keyport } = await renderApp({ tokens: [] });
    await runScan(user);
    expect(keyport.callsTo('scan')).toEqual([{}]);
    expect(screen.getByRole('heading', { name: 'No credentials found' })).toBeTruthy();
    expect(screen.queryByRole('region', { name: 'Found credentials' })).toBeNull();
    expect(screen.queryByText(/Keyport reads your user/)).toBeNull();
  });

  it('shows Scanning… while busy and ignores a second click', async () => {
    const { keyport } = await fixture();
    const { user } = await renderApp({ keyport });
    await findList();
    await openScan(user);
    const release = keyport.hold('scan');
    await user.click(scanButton());
    const busy = scanButton('Scanning…');
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    await user.click(busy);
    expect(keyport.callsTo('scan')).toHaveLength(1);
    await act(async () => release());
    expect(
      await within(screen.getByRole('main')).findByRole('button', { name: 'Scan again' }),
    ).toBeTruthy();
    expect(findingRows()).toHaveLength(3);
  });

  it('takes a project folder only from main’s picker, and says why a scan failed', async () => {
    const { keyport } = await fixture();
    const { user } = await renderApp({ keyport });
    await findList();
    await openScan(user);
    expect(within(screen.getByRole('main')).queryByRole('textbox')).toBeNull();
    // Cancelling the picker scans nothing.
    await user.click(
      within(screen.getByRole('main')).getByRole('button', { name: 'Choose folder…' }),
    );
    await waitFor(() => expect(keyport.callsTo('pickFolder')).toHaveLength(1));
    expect(keyport.callsTo('scan')).toEqual([]);

    // The folder picked is gone by the time the scan reads it (a removed checkout).
    const gone = keyport.outside('gone');
    mkdirSync(gone);
    keyport.dialogs.nextFolder(gone);
    const release = keyport.hold('scan');
    await user.click(
      within(screen.getByRole('main')).getByRole('button', { name: 'Choose folder…' }),
    );
    await waitFor(() => expect(keyport.callsTo('scan')).toHaveLength(1));
    rmSync(gone, { recursive: true });
    release();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Choose the project folder with Choose folder… before scanning it.',
    );
    expect(keyport.callsTo('scan')).toEqual([{ projectDir: gone }]);
    // Still the intro: nothing was scanned.
    expect(screen.getByText(/Keyport reads your user/)).toBeTruthy();
  });
});
