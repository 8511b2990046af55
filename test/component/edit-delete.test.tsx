import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  DAY,
  detailPane,
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
type User = ReturnType<typeof renderApp>['user'];

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
    const { user, fake } = renderApp({ tokens });
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
    expect(fake.callsTo('removeToken')).toEqual([]);
    expect(rowLabels()).toEqual(['alpha', 'bravo']);
  });

  it('lists the files that break (references) and those that keep the value', async () => {
    const { user } = renderApp({
      tokens: [
        {
          id: 'w',
          label: 'written',
          secret: secret('written'),
          writtenTo: [
            {
              format: 'npmrc',
              file: '/home/u/.npmrc',
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
    const { user, fake } = renderApp({ tokens });
    await findList();
    await deleteDialog(user, 'alpha', true);

    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(fake.callsTo('removeToken')).toEqual([{ id: 'a' }]);
    expect(fake.metas.has('a')).toBe(false);
    expect(rowLabels()).toEqual(['bravo']);
    expect(screen.getByText('Deleted “alpha”')).toBeTruthy();
  });

  it('Undo in the notice brings the token back, same id, value and notes', async () => {
    const { user, fake } = renderApp({ tokens });
    await findList();
    await deleteDialog(user, 'alpha', true);
    expect(rowLabels()).toEqual(['bravo']);

    const notices = screen.getByRole('status', { name: 'Notifications' });
    expect(within(notices).getByText('Deleted “alpha”')).toBeTruthy();
    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(fake.callsTo('restoreToken')).toEqual([{ undoId: 'undo-a' }]);
    expect(await within(notices).findByText('Restored “alpha”')).toBeTruthy();
    expect(rowLabels()).toEqual(['alpha', 'bravo']);
    expect(fake.metas.get('a')?.notes).toBe('old note');
    expect(fake.secrets.get('a')).toBe(secret('alpha'));
  });

  it('a late Undo says so in the banner and keeps the list as it is', async () => {
    const { user, fake } = renderApp({ tokens });
    await findList();
    await deleteDialog(user, 'bravo', true);
    fake.removed.clear(); // the 30 s in main have passed
    const notices = screen.getByRole('status', { name: 'Notifications' });
    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect((await screen.findByRole('alert')).textContent).toContain('Too late to undo');
    expect(rowLabels()).toEqual(['alpha']);
  });

  it('keeps the dialog open with the reason when the delete fails', async () => {
    const { user, fake } = renderApp({ tokens });
    await findList();
    fake.failNext('removeToken', 'KEYCHAIN_UNAVAILABLE', 'No keychain is available.');
    const dialog = await deleteDialog(user, 'bravo', true);

    expect(within(dialog).getByRole('alert').textContent).toBe('No keychain is available.');
    expect(rowLabels()).toEqual(['alpha', 'bravo']);
  });
});

describe('Edit', () => {
  it('changes label, notes and expiry', async () => {
    const { user, fake } = renderApp({ tokens });
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
    expect(fake.callsTo('updateToken')).toEqual([]);

    await user.type(label, 'alpha renamed');
    await user.clear(expires);
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.callsTo('updateToken')).toEqual([
      { id: 'a', label: 'alpha renamed', notes: 'old note', expires: null },
    ]);
    expect(row('alpha renamed').querySelector('.pill')).toBeNull();
    expect(within(detailPane('alpha renamed')).getByText('no expiry')).toBeTruthy();
  });

  it('keeps an unchanged expiry exactly as it was', async () => {
    const { user, fake } = renderApp({ tokens });
    await findList();
    await user.click(within(await openToken(user, 'alpha')).getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit token' });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(fake.callsTo('updateToken')).toEqual([
      { id: 'a', label: 'alpha', notes: 'old note', expires: isoIn(10 * DAY) },
    ]);
  });
});
