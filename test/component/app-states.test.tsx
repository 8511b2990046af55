import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeKeyport } from './fake-keyport';
import { findList, renderApp, secret } from './render-app';

describe('app states', () => {
  it('shows the empty state with a way to add the first token', async () => {
    const { user } = renderApp();
    expect(await screen.findByRole('heading', { name: 'No tokens yet' })).toBeTruthy();
    expect(screen.queryByRole('listbox', { name: 'Tokens' })).toBeNull();
    expect(screen.getByRole('heading', { level: 1, name: 'Tokens' })).toBeTruthy();
    expect(
      screen.getByRole('button', { name: 'Find tokens already on this computer' }),
    ).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add a token' }));
    expect(screen.getByRole('dialog', { name: 'Add token' })).toBeTruthy();
  });

  it('shows progress while the list loads', async () => {
    const fake = new FakeKeyport([{ label: 'slow', secret: secret('slow') }]);
    const release = fake.hold('listTokens');
    renderApp({ fake });
    expect(screen.getByText('Loading tokens…').closest('[role="status"]')).toBeTruthy();
    expect(screen.getByRole('progressbar', { name: 'Working' })).toBeTruthy();
    release();
    await findList();
    expect(screen.queryByText('Loading tokens…')).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows the core’s sentence in a dismissible banner when loading fails, and retries', async () => {
    const fake = new FakeKeyport([{ label: 'kept', secret: secret('kept') }]);
    fake.failNext('listTokens', 'KEYCHAIN_LOCKED', 'The keychain is locked. Unlock it and retry.');
    const { user } = renderApp({ fake });

    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain('The keychain is locked. Unlock it and retry.');
    expect(screen.getByRole('heading', { name: 'Tokens could not be loaded' })).toBeTruthy();

    await user.click(within(banner).getByRole('button', { name: 'Dismiss error' }));
    expect(screen.queryByRole('alert')).toBeNull();

    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('option', { name: 'kept' })).toBeTruthy();
  });

  it('reports a failed copy in the banner and shows no copy notice', async () => {
    const { user, fake } = renderApp({ tokens: [{ label: 'x', secret: secret('x') }] });
    await findList();
    fake.failNext('copyToken', 'INTERNAL', 'The clipboard is not available.');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The clipboard is not available.',
    );
    expect(screen.queryByText(/Copied/)).toBeNull();
  });
});
