import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../src/renderer/src/clock';
import {
  DAY,
  detailPane,
  fixedClock,
  findList,
  isoIn,
  openToken,
  renderApp,
  rowLabels,
  secret,
  tokenRow,
} from './render-app';

const tokens = [
  { id: 'a', label: 'alpha', secret: secret('alpha'), notes: 'old note', expires: isoIn(10 * DAY) },
  { id: 'b', label: 'bravo', secret: secret('bravo') },
];
const row = (label: string) => tokenRow(label);
const realSetTimeout = globalThis.setTimeout.bind(globalThis);
const realClearTimeout = globalThis.clearTimeout.bind(globalThis);
type User = Awaited<ReturnType<typeof renderApp>>['user'];

/** Row → Delete → the confirmation; `confirm` also presses its Delete. */
async function deleteDialog(user: User, label: string, confirm = false) {
  const pane = await openToken(user, label);
  await user.click(within(pane).getByRole('button', { name: 'Delete from Keyport…' }));
  const dialog = screen.getByRole('alertdialog', { name: 'Delete token' });
  if (confirm) await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
  return dialog;
}

describe('Delete', () => {
  it('asks first, naming the token and its masked value; Cancel keeps it', async () => {
    const { user, keyport } = await renderApp({ tokens });
    await findList();
    const dialog = await deleteDialog(user, 'alpha');
    expect(dialog.textContent).toContain('alpha');
    expect(dialog.textContent).toContain('npm_••••••••alph');
    expect(within(dialog).getByRole('button', { name: 'Delete' }).className).toContain(
      'button--danger',
    );
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(keyport.callsTo('removeToken')).toEqual([]);
    expect(rowLabels()).toEqual(['alpha', 'bravo']);
  });

  it('lists the files that break (references) and those that keep the value', async () => {
    const { user } = await renderApp({
      tokens: ({ file }) => [
        {
          id: 'w',
          label: 'written',
          secret: secret('written'),
          writtenTo: [
            {
              format: 'npmrc',
              file: file('.npmrc'),
              entry: '//r.test/:_authToken',
              at: '',
              target: { registry: 'https://r.test/', reference: true },
            },
          ],
          usedIn: [{ format: 'npmrc', file: '/w/app/.npmrc', line: 4, entry: '_authToken' }],
        },
      ],
    });
    await findList();
    const dialog = await deleteDialog(user, 'written');
    const breaking = within(dialog).getByRole('list', { name: 'Files that will break' });
    expect(breaking.textContent).toBe('~/.npmrc');
    const keep = within(dialog).getByRole('list', { name: 'Files that keep the value' });
    expect(keep.textContent).toBe('/w/app/.npmrc:4');
  });

  it('removes the token when confirmed', async () => {
    const { user, keyport } = await renderApp({ tokens });
    await findList();
    await deleteDialog(user, 'alpha', true);

    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(keyport.callsTo('removeToken')).toEqual([{ id: 'a' }]);
    expect((await keyport.core.vault.list()).map((t) => t.id)).toEqual(['b']);
    expect(rowLabels()).toEqual(['bravo']);
    expect(screen.getByText('Deleted “alpha”')).toBeTruthy();
  });

  it('Undo in the notice brings the token back, same id, value and notes', async () => {
    const { user, keyport } = await renderApp({ tokens });
    await findList();
    await deleteDialog(user, 'alpha', true);
    await waitFor(() => expect(rowLabels()).toEqual(['bravo']));

    const notices = screen.getByRole('status', { name: 'Notifications' });
    expect(within(notices).getByText('Deleted “alpha”')).toBeTruthy();
    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(keyport.callsTo('restoreToken')).toEqual([{ undoId: expect.any(String) }]);
    expect(await within(notices).findByText('Restored “alpha”')).toBeTruthy();
    expect(rowLabels()).toEqual(['alpha', 'bravo']);
    expect((await keyport.core.vault.get('a')).notes).toBe('old note');
    expect(await keyport.core.vault.reveal('a')).toBe(secret('alpha'));
  });

  it('a late Undo says so in the banner and keeps the list as it is', async () => {
    // Main and the renderer are two processes: here main's timers run fast (the 30 s pass at
    // once, as after a sleep of the machine) while the page keeps real time and its notice.
    const pageClock: Clock = {
      ...fixedClock,
      setTimeout: realSetTimeout,
      clearTimeout: realClearTimeout,
    };
    const { user } = await renderApp({ tokens, clock: pageClock, fakeTimers: true });
    await findList();
    await deleteDialog(user, 'bravo', true);
    await screen.findByText('Deleted “bravo”');
    act(() => vi.advanceTimersByTime(30_000));
    const notices = screen.getByRole('status', { name: 'Notifications' });
    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Too late to undo');
    expect(rowLabels()).toEqual(['alpha']);
  });

  it('keeps the dialog open with the reason when the delete fails', async () => {
    const { user, keyport } = await renderApp({ tokens });
    await findList();
    // Deleted meanwhile from the terminal (`keyport remove`), which shares the data dir.
    await keyport.removeBehindTheApp('b');
    const dialog = await deleteDialog(user, 'bravo', true);

    expect((await within(dialog).findByRole('alert')).textContent).toBe('No token with id b.');
    expect(rowLabels()).toEqual(['alpha', 'bravo']);
  });
});

describe('Edit', () => {
  it('changes label, notes and expiry', async () => {
    const { user, keyport } = await renderApp({ tokens });
    await findList();
    await user.click(within(await openToken(user, 'alpha')).getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit token' });
    const label = within(dialog).getByLabelText('Label') as HTMLInputElement;
    const expires = within(dialog).getByLabelText('Expires') as HTMLInputElement;
    expect(label.value).toBe('alpha');
    expect(expires.value).toBe('2026-03-20');
    expect((within(dialog).getByLabelText('Notes') as HTMLTextAreaElement).value).toBe('old note');

    await user.clear(label);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(dialog).getByText('A label is required.')).toBeTruthy();
    expect(keyport.callsTo('updateToken')).toEqual([]);

    await user.type(label, 'alpha renamed');
    await user.clear(expires);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(keyport.callsTo('updateToken')).toEqual([
      { id: 'a', label: 'alpha renamed', notes: 'old note', expires: null },
    ]);
    expect(row('alpha renamed').querySelector('.pill')).toBeNull();
    expect(within(detailPane('alpha renamed')).getByText('no expiry')).toBeTruthy();
  });

  it('keeps an unchanged expiry exactly as it was', async () => {
    const { user, keyport } = await renderApp({ tokens });
    await findList();
    await user.click(within(await openToken(user, 'alpha')).getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit token' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(keyport.callsTo('updateToken')).toEqual([
      { id: 'a', label: 'alpha', notes: 'old note', expires: isoIn(10 * DAY) },
    ]);
  });
});
