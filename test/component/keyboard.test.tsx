import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { findList, renderApp, secret } from './render-app';

const tokens = ['alpha', 'bravo', 'charlie'].map((label) => ({ label, secret: secret(label) }));
const row = (label: string) => screen.getByRole('listitem', { name: label });

describe('keyboard', () => {
  it('Escape closes a dialog and gives focus back to the button that opened it', async () => {
    const { user } = renderApp({ tokens });
    await findList();
    const add = screen.getByRole('button', { name: 'Add token' });
    add.focus();
    await user.keyboard('{Enter}');
    const dialog = screen.getByRole('dialog', { name: 'Add token' });
    expect(dialog.contains(document.activeElement)).toBe(true);

    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(add);
  });

  it('returns focus to the row action after Edit is cancelled with Escape', async () => {
    const { user } = renderApp({ tokens });
    await findList();
    const edit = within(row('bravo')).getByRole('button', { name: 'Edit' });
    await user.click(edit);
    expect(screen.getByRole('dialog', { name: 'Edit token' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(edit);
  });

  it('keeps Tab inside an open dialog', async () => {
    const { user } = renderApp({ tokens });
    await findList();
    await user.click(screen.getByRole('button', { name: 'Delete', description: 'alpha' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Delete token' });
    const cancel = within(dialog).getByRole('button', { name: 'Cancel' });
    const confirm = within(dialog).getByRole('button', { name: 'Delete' });
    expect(document.activeElement).toBe(cancel);
    await user.tab();
    expect(document.activeElement).toBe(confirm);
    await user.tab();
    expect(document.activeElement).toBe(cancel);
    await user.tab({ shift: true });
    expect(document.activeElement).toBe(confirm);
  });

  it('"/" focuses the search box, but types normally inside a field', async () => {
    const { user } = renderApp({ tokens });
    await findList();
    const search = screen.getByRole('searchbox', { name: 'Search tokens' }) as HTMLInputElement;
    within(row('alpha')).getByRole('button', { name: 'Copy' }).focus();

    await user.keyboard('/');
    expect(document.activeElement).toBe(search);
    expect(search.value).toBe('');
    await user.keyboard('a/b');
    expect(search.value).toBe('a/b');
  });

  it('moves between rows with the arrow keys; Tab reaches the row actions', async () => {
    const { user } = renderApp({ tokens });
    await findList();
    // Only one row is in the Tab order.
    expect(['alpha', 'bravo', 'charlie'].map((l) => row(l).getAttribute('tabindex'))).toEqual([
      '0',
      '-1',
      '-1',
    ]);

    row('alpha').focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(row('bravo'));
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(row('charlie'));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(row('bravo'));
    expect(row('bravo').getAttribute('tabindex')).toBe('0');
    expect(row('alpha').getAttribute('tabindex')).toBe('-1');
    await user.keyboard('{Home}');
    expect(document.activeElement).toBe(row('alpha'));
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(row('charlie'));

    await user.tab();
    expect(document.activeElement).toBe(
      within(row('charlie')).getByRole('button', { name: 'Reveal' }),
    );
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(row('bravo'));
  });

  it('activates row actions with Enter and Space', async () => {
    const { user, fake } = renderApp({ tokens });
    await findList();
    within(row('alpha')).getByRole('button', { name: 'Copy' }).focus();
    await user.keyboard('{Enter}');
    await user.keyboard(' ');
    expect(fake.callsTo('copyToken')).toHaveLength(2);
  });
});
