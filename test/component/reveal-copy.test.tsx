import { act, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { detailPane, findList, openToken, renderApp, secret } from './render-app';

const A = secret('alpha');
const B = secret('bravo');
const tokens = [
  { id: 'a', label: 'alpha', secret: A },
  { id: 'b', label: 'bravo', secret: B },
];
const row = (label: string) => detailPane(label);

describe('reveal', () => {
  it('shows the value, then hides it by itself after 30 s', async () => {
    const { user, store } = await renderApp({ tokens, fakeTimers: true });
    await findList();

    await user.click(within(row('alpha')).getByRole('button', { name: 'Reveal' }));
    expect(await within(row('alpha')).findByText(A)).toBeTruthy();
    expect(within(row('alpha')).getByRole('button', { name: 'Hide' })).toBeTruthy();
    expect(store.getState().revealed).toEqual({ id: 'a', secret: A });

    act(() => vi.advanceTimersByTime(29_000));
    expect(within(row('alpha')).queryByText(A)).not.toBeNull();

    act(() => vi.advanceTimersByTime(1_000));
    expect(within(row('alpha')).queryByText(A)).toBeNull();
    expect(within(row('alpha')).getByText('npm_••••••••alph')).toBeTruthy();
    expect(within(row('alpha')).getByRole('button', { name: 'Reveal' })).toBeTruthy();
    expect(store.getState().revealed).toBeNull();
    expect(JSON.stringify(store.getState())).not.toContain(A);
  });

  it('keeps one value at a time, and Hide drops it at once', async () => {
    const { user, store } = await renderApp({ tokens });
    await findList();

    await user.click(within(row('alpha')).getByRole('button', { name: 'Reveal' }));
    await within(row('alpha')).findByText(A);
    await openToken(user, 'bravo');
    // Selecting another token drops the value at once.
    expect(document.body.textContent).not.toContain(A);
    await user.click(within(row('bravo')).getByRole('button', { name: 'Reveal' }));
    await within(row('bravo')).findByText(B);
    expect(document.body.textContent).not.toContain(A);
    expect(store.getState().revealed?.id).toBe('b');

    await user.click(within(row('bravo')).getByRole('button', { name: 'Hide' }));
    expect(document.body.textContent).not.toContain(B);
    expect(store.getState().revealed).toBeNull();
  });

  it('hides the value when another token is selected or the window loses focus', async () => {
    const { user } = await renderApp({ tokens });
    await findList();

    await user.click(within(row('alpha')).getByRole('button', { name: 'Reveal' }));
    await within(row('alpha')).findByText(A);
    await user.click(within(row('alpha')).getByRole('button', { name: 'Copy' }));
    expect(within(row('alpha')).queryByText(A)).not.toBeNull(); // still the same token

    await openToken(user, 'bravo');
    expect(document.body.textContent).not.toContain(A);
    await openToken(user, 'alpha');

    await user.click(within(row('alpha')).getByRole('button', { name: 'Reveal' }));
    await within(row('alpha')).findByText(A);
    act(() => {
      fireEvent.blur(window);
    });
    expect(document.body.textContent).not.toContain(A);
  });

  it('ignores a reveal that answers after the user moved on', async () => {
    const { user, keyport } = await renderApp({ tokens });
    await findList();
    const release = keyport.hold('revealToken');
    await user.click(within(row('alpha')).getByRole('button', { name: 'Reveal' }));
    act(() => {
      fireEvent.blur(window);
    });
    await act(async () => release());
    expect(document.body.textContent).not.toContain(A);
  });

  it('says so, and offers no Reveal or Copy, when the keychain no longer has the value', async () => {
    const { user, keyport } = await renderApp({
      tokens: [{ id: 'm', label: 'gone', secret: A, status: 'secret-missing' as const }],
    });
    await findList();
    const reveal = within(row('gone')).getByRole('button', { name: 'Reveal' });
    expect(reveal.getAttribute('aria-disabled')).toBe('true');
    await user.click(reveal);
    expect(keyport.callsTo('revealToken')).toEqual([]);
    expect(within(row('gone')).getByText(/The keychain no longer holds this value/)).toBeTruthy();
  });
});

describe('copy', () => {
  it('asks main to copy and says when the clipboard clears', async () => {
    const { user, keyport, store } = await renderApp({ tokens });
    await findList();

    await openToken(user, 'bravo');
    await user.click(within(row('bravo')).getByRole('button', { name: 'Copy' }));
    const status = screen.getByRole('status', { name: 'Notifications' });
    expect(await within(status).findByText('Copied — the clipboard clears in 30 s')).toBeTruthy();
    expect(status.getAttribute('aria-live')).toBe('polite');
    expect(keyport.callsTo('copyToken')).toEqual([{ id: 'b' }]);
    expect(await keyport.clipboard.readText()).toBe(B);
    // The value went to main's clipboard, never through the renderer.
    expect(JSON.stringify(store.getState())).not.toContain(B);
    expect(within(row('bravo')).queryByText('Not yet')).toBeNull();
  });

  it('takes the notice away after a few seconds', async () => {
    const { user } = await renderApp({ tokens, fakeTimers: true });
    await findList();
    await user.click(within(row('alpha')).getByRole('button', { name: 'Copy' }));
    await screen.findByText('Copied — the clipboard clears in 30 s');
    act(() => vi.advanceTimersByTime(10_000));
    expect(screen.queryByText('Copied — the clipboard clears in 30 s')).toBeNull();
  });
});
