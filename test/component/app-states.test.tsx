import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TestKeyport } from './test-keyport';
import { findList, renderApp, secret } from './render-app';

describe('app states', () => {
  it('shows the empty state with a way to add the first token', async () => {
    const { user } = await renderApp();
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
    const keyport = await TestKeyport.open([{ label: 'slow', secret: secret('slow') }]);
    const release = keyport.hold('listTokens');
    await renderApp({ keyport });
    expect(screen.getByText('Loading tokens…').closest('[role="status"]')).toBeTruthy();
    // Inside the header's banner landmark: axe's region rule (moderate) flagged it outside any.
    expect(
      within(screen.getByRole('banner')).getByRole('progressbar', { name: 'Working' }),
    ).toBeTruthy();
    release();
    await findList();
    expect(screen.queryByText('Loading tokens…')).toBeNull();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it('shows the core’s sentence in a dismissible banner when loading fails, and retries', async () => {
    const keyport = await TestKeyport.open([{ label: 'kept', secret: secret('kept') }]);
    // The metadata file is damaged (a bad sync, a hand edit) while the app starts.
    const metadata = path.join(keyport.dataDir, 'vault.json');
    const intact = readFileSync(metadata, 'utf8');
    writeFileSync(metadata, '{ "version": 1, "tokens": [');
    const { user } = await renderApp({ keyport });

    const banner = await screen.findByRole('alert');
    expect(banner.textContent).toContain(
      `Keyport's metadata file ${metadata} is not valid; it was left as it is.`,
    );
    expect(screen.getByRole('heading', { name: 'Tokens could not be loaded' })).toBeTruthy();

    await user.click(within(banner).getByRole('button', { name: 'Dismiss error' }));
    expect(screen.queryByRole('alert')).toBeNull();

    // Restored from a backup, as the sentence says.
    writeFileSync(metadata, intact);
    await user.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByRole('option', { name: 'kept' })).toBeTruthy();
  });

  it('reports a failed copy in the banner and shows no copy notice', async () => {
    const { user, keyport } = await renderApp({
      tokens: [{ id: 'x', label: 'x', secret: secret('x') }],
    });
    await findList();
    // The keychain loses the value while the app runs (another tool deleted the entry).
    await keyport.dropSecret('x');
    await user.click(screen.getByRole('button', { name: 'Copy' }));
    expect((await screen.findByRole('alert')).textContent).toContain(
      'The keychain no longer holds the value of "x". Paste it again or delete the entry.',
    );
    expect(await keyport.clipboard.readText()).toBe('');
    expect(screen.queryByText(/Copied/)).toBeNull();
  });
});
