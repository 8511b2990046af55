import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeKeyport } from './fake-keyport';
import {
  detailPane,
  findList,
  openToken,
  renderApp,
  secret,
  tokenRow,
  tokenRows,
} from './render-app';

/** happy-dom evaluates media queries against its viewport: this is the window's size. */
function setWindow(width: number, height: number) {
  (
    window as unknown as { happyDOM: { setViewport(v: { width: number; height: number }): void } }
  ).happyDOM.setViewport({ width, height });
}

afterEach(() => setWindow(1024, 768));

const tokens = ['alpha', 'bravo', 'charlie'].map((label) => ({ label, secret: secret(label) }));

describe('list + detail at every size', () => {
  it('shows list and details side by side in a wide window, with no Back', async () => {
    setWindow(1280, 800);
    renderApp({ tokens });
    await findList();
    expect(detailPane('alpha')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Back to tokens' })).toBeNull();
  });

  it('pushes the details over the list at 720 px, with Back (and Escape) returning to it', async () => {
    setWindow(720, 480);
    const { user } = renderApp({ tokens });
    await findList();
    // The list alone: nothing selected is shown beside it.
    expect(screen.queryByRole('region', { name: 'alpha' })).toBeNull();

    await user.click(tokenRow('bravo'));
    const pane = detailPane('bravo');
    expect(screen.queryByRole('listbox', { name: 'Tokens' })).toBeNull();
    expect(within(pane).getByRole('button', { name: 'Copy' })).toBeTruthy();
    expect(within(pane).getByRole('button', { name: 'Write to config…' })).toBeTruthy();

    await user.click(within(pane).getByRole('button', { name: 'Back to tokens' }));
    await findList();
    expect(screen.queryByRole('region', { name: 'bravo' })).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(tokenRow('bravo')));

    // The keyboard way: Enter opens, Escape goes back.
    await user.keyboard('{ArrowDown}{Enter}');
    await waitFor(() =>
      expect(document.activeElement).toBe(
        within(detailPane('charlie')).getByRole('heading', { name: 'charlie' }),
      ),
    );
    await user.keyboard('{Escape}');
    expect(tokenRows()).toHaveLength(3);
  });
});

describe('where used', () => {
  const written = {
    id: 'w',
    label: 'written',
    secret: secret('written'),
    registry: 'https://npm.acme.dev/',
    writtenTo: [
      {
        format: 'npmrc' as const,
        file: '/home/u/.npmrc',
        entry: '//npm.acme.dev/:_authToken',
        at: '2026-03-01T10:00:00.000Z',
        target: { registry: 'https://npm.acme.dev/', scope: '@acme' },
      },
    ],
  };

  it('writes a reference in place of a plaintext entry, from the details pane', async () => {
    const fake = new FakeKeyport([written]);
    fake.configs.files.set('/home/u/.npmrc', `//npm.acme.dev/:_authToken=${written.secret}`);
    const { user } = renderApp({ fake });
    await findList();
    const pane = detailPane('written');
    const used = within(pane).getByRole('list', { name: 'Files using this token' });
    expect(within(used).getByText('plaintext')).toBeTruthy();
    expect(within(used).getByText('written by Keyport')).toBeTruthy();
    await user.click(
      within(used).getByRole('button', { name: 'Write a reference instead in ~/.npmrc' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Write a reference' });
    const diff = await within(dialog).findByRole('region', { name: 'Diff preview' });
    expect(fake.callsTo('planWrite')).toEqual([
      {
        tokenId: 'w',
        format: 'npmrc',
        file: '/home/u/.npmrc',
        registry: 'https://npm.acme.dev/',
        scope: '@acme',
        reference: true,
      },
    ]);
    expect(diff.textContent).toContain('${KEYPORT_W}');
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.configs.files.get('/home/u/.npmrc')).toContain('${KEYPORT_W}');
    expect(fake.configs.files.get('/home/u/.npmrc')).not.toContain(written.secret);
    // Focus is back on the pane, the toast says where (as ~/…).
    expect(
      within(screen.getByRole('status', { name: 'Notifications' })).getByText(/to ~\/\.npmrc$/),
    ).toBeTruthy();
  });
});

describe('the registry’s view', () => {
  it('checks the token with its account and marks it revoked in the list when it is gone', async () => {
    const fake = new FakeKeyport([
      {
        id: 'gone',
        label: 'old laptop',
        secret: secret('laptop'),
        remoteKey: 'key-gone',
        origin: 'created',
      },
      { id: 'ci', label: 'ci publish', secret: secret('cipub'), remoteKey: 'key-ci' },
    ]);
    fake.registry.seedAccount({ id: 'acc', username: 'alice' });
    fake.registry.seedRemote('acc', { key: 'key-ci', masked: 'npm_••••cipu', created: '' });
    const { user } = renderApp({ fake });
    await findList();
    const pane = await openToken(user, 'old laptop');
    expect(within(pane).getByText(/Not checked/)).toBeTruthy();
    await user.click(within(pane).getByRole('button', { name: 'Check now' }));
    expect(await within(pane).findByText(/Revoked elsewhere/)).toBeTruthy();
    expect(within(tokenRow('old laptop')).getByText('revoked').className).toContain(
      'pill--expired',
    );
    expect(within(detailPane('old laptop')).getByText('revoked').className).toContain(
      'pill--expired',
    );

    const ci = await openToken(user, 'ci publish');
    expect(within(ci).getByText(/^Active: the registry listed it/)).toBeTruthy();
    // Revoke from the pane: the confirmation names it, without the Registries view loaded.
    await user.click(within(ci).getByRole('button', { name: 'Revoke on registry…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Revoke tokens' });
    expect(confirm.textContent).toContain('ci publish');
  });
});
