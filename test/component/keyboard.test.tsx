import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { detailPane, findList, openToken, renderApp, secret, tokenRow } from './render-app';

const tokens = ['alpha', 'bravo', 'charlie'].map((label) => ({ label, secret: secret(label) }));
const row = tokenRow;

describe('keyboard', () => {
  it('Escape closes a dialog and gives focus back to the button that opened it', async () => {
    const { user } = await renderApp({ tokens });
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

  it('returns focus to the pane’s Edit after Edit is cancelled with Escape', async () => {
    const { user } = await renderApp({ tokens });
    await findList();
    const pane = await openToken(user, 'bravo');
    const edit = within(pane).getByRole('button', { name: 'Edit' });
    await user.click(edit);
    expect(screen.getByRole('dialog', { name: 'Edit token' })).toBeTruthy();
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(edit);
  });

  it('asks before Escape throws away what was typed', async () => {
    const { user } = await renderApp({ tokens });
    await findList();
    await user.click(screen.getByRole('button', { name: 'Add token' }));
    const dialog = screen.getByRole('dialog', { name: 'Add token' });
    await user.type(within(dialog).getByLabelText('Label'), 'half done');
    await user.keyboard('{Escape}');
    const ask = within(dialog).getByRole('alert');
    expect(ask.textContent).toContain('Discard what you typed?');
    expect(document.activeElement).toBe(within(ask).getByRole('button', { name: 'Keep editing' }));
    await user.keyboard('{Enter}');
    expect((within(dialog).getByLabelText('Label') as HTMLInputElement).value).toBe('half done');
    await user.keyboard('{Escape}');
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('keeps Tab inside an open dialog', async () => {
    const { user } = await renderApp({ tokens });
    await findList();
    const pane = await openToken(user, 'alpha');
    await user.click(within(pane).getByRole('button', { name: 'Delete from Keyport…' }));
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
    const { user } = await renderApp({ tokens });
    await findList();
    const search = screen.getByRole('searchbox', { name: 'Search tokens' }) as HTMLInputElement;
    row('alpha').focus();

    await user.keyboard('/');
    expect(document.activeElement).toBe(search);
    expect(search.value).toBe('');
    await user.keyboard('a/b');
    expect(search.value).toBe('a/b');
  });

  it('arrow keys select and the pane follows; only the selected row is in the Tab order', async () => {
    const { user } = await renderApp({ tokens });
    await findList();
    expect(['alpha', 'bravo', 'charlie'].map((l) => row(l).getAttribute('tabindex'))).toEqual([
      '0',
      '-1',
      '-1',
    ]);

    row('alpha').focus();
    await user.keyboard('{ArrowDown}');
    expect(document.activeElement).toBe(row('bravo'));
    expect(row('bravo').getAttribute('aria-selected')).toBe('true');
    expect(detailPane('bravo')).toBeTruthy();
    await user.keyboard('{ArrowDown}{ArrowDown}');
    expect(document.activeElement).toBe(row('charlie'));
    await user.keyboard('{ArrowUp}');
    expect(document.activeElement).toBe(row('bravo'));
    expect(row('bravo').getAttribute('tabindex')).toBe('0');
    expect(row('alpha').getAttribute('tabindex')).toBe('-1');
    await user.keyboard('{Home}');
    expect(detailPane('alpha')).toBeTruthy();
    await user.keyboard('{End}');
    expect(document.activeElement).toBe(row('charlie'));
    expect(detailPane('charlie')).toBeTruthy();
  });

  it('Enter moves into the pane, whose first Tab stop is Write to config…', async () => {
    const { user } = await renderApp({ tokens });
    await findList();
    row('bravo').focus();
    await user.keyboard('{Enter}');
    const pane = detailPane('bravo');
    await waitFor(() =>
      expect(document.activeElement).toBe(within(pane).getByRole('heading', { name: 'bravo' })),
    );
    await user.tab();
    expect(document.activeElement).toBe(
      within(pane).getByRole('button', { name: 'Write to config…' }),
    );
  });

  it('Ctrl+C copies the selected token through main', async () => {
    const { user, keyport } = await renderApp({ tokens });
    await findList();
    row('alpha').focus();
    await user.keyboard('{ArrowDown}');
    await user.keyboard('{Control>}c{/Control}');
    expect(keyport.callsTo('copyToken')).toEqual([{ id: 't2' }]);
    expect(await keyport.clipboard.readText()).toBe(secret('bravo'));
  });

  it('Delete asks to delete; afterwards the next row has focus and Ctrl+Z undoes', async () => {
    const { user } = await renderApp({ tokens });
    await findList();
    row('alpha').focus();
    await user.keyboard('{ArrowDown}{Delete}');
    const dialog = screen.getByRole('alertdialog', { name: 'Delete token' });
    expect(dialog.textContent).toContain('bravo');
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('option', { name: 'bravo' })).toBeNull());
    expect(document.activeElement).toBe(row('charlie'));
    expect(row('charlie').getAttribute('aria-selected')).toBe('true');

    await user.keyboard('{Control>}z{/Control}');
    expect(await screen.findByRole('option', { name: 'bravo' })).toBeTruthy();
  });
});
