import { screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  detailPane,
  findList,
  openToken,
  renderApp,
  secret,
  tokenRow,
  tokenRows,
} from './render-app';
import { TestKeyport } from './test-keyport';

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
    await renderApp({ tokens });
    await findList();
    expect(detailPane('alpha')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Back to tokens' })).toBeNull();
  });

  it('pushes the details over the list at 720 px, with Back (and Escape) returning to it', async () => {
    setWindow(720, 480);
    const { user } = await renderApp({ tokens });
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
  const written = (npmrc: string) => ({
    id: 'w',
    label: 'written',
    secret: secret('written'),
    registry: 'https://npm.acme.dev/',
    writtenTo: [
      {
        format: 'npmrc' as const,
        file: npmrc,
        entry: '//npm.acme.dev/:_authToken',
        at: '2026-03-01T10:00:00.000Z',
        target: { registry: 'https://npm.acme.dev/', scope: '@acme' },
      },
    ],
  });

  it('writes a reference in place of a plaintext entry, from the details pane', async () => {
    const keyport = await TestKeyport.open(({ file }) => [written(file('.npmrc'))]);
    const npmrc = keyport.write('.npmrc', `//npm.acme.dev/:_authToken=${secret('written')}\n`);
    const { user } = await renderApp({ keyport });
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
    expect(keyport.callsTo('planWrite')).toEqual([
      {
        tokenId: 'w',
        format: 'npmrc',
        file: npmrc,
        registry: 'https://npm.acme.dev/',
        scope: '@acme',
        reference: true,
      },
    ]);
    expect(diff.textContent).toContain('${KEYPORT_W}');
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(keyport.read(npmrc)).toContain('${KEYPORT_W}');
    expect(keyport.read(npmrc)).not.toContain(secret('written'));
    // Focus is back on the pane, the toast says where (as ~/…).
    expect(
      within(screen.getByRole('status', { name: 'Notifications' })).getByText(/to ~\/\.npmrc$/),
    ).toBeTruthy();
  });
});

describe('the registry’s view', () => {
  it('checks the token with its account and marks it revoked in the list when it is gone', async () => {
    const keyport = await TestKeyport.open();
    const { registry } = await keyport.seedAccount({ id: 'acc', username: 'alice' });
    // Revoked on the website since: the registry no longer lists its key.
    const gone = await keyport.remoteToken('alice');
    (await keyport.registry()).tokens.splice(0, 1);
    const ci = await keyport.remoteToken('alice');
    await keyport.seed({
      id: 'gone',
      label: 'old laptop',
      secret: gone.secret,
      registry,
      remoteKey: gone.key,
      origin: 'created',
    });
    await keyport.seed({
      id: 'ci',
      label: 'ci publish',
      secret: ci.secret,
      registry,
      remoteKey: ci.key,
    });
    const { user } = await renderApp({ keyport });
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

    const ciPane = await openToken(user, 'ci publish');
    expect(within(ciPane).getByText(/^Active: the registry listed it/)).toBeTruthy();
    // Revoke from the pane: the confirmation names it, without the Registries view loaded.
    await user.click(within(ciPane).getByRole('button', { name: 'Revoke on registry…' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Revoke token' });
    expect(confirm.textContent).toContain('ci publish');
  });
});
