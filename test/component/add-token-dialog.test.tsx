import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { detailPane, findList, renderApp, secret } from './render-app';

const TOKEN = secret('fresh');

async function openAddDialog() {
  const ctx = await renderApp({ tokens: [{ label: 'existing', secret: secret('old') }] });
  await findList();
  await ctx.user.click(screen.getByRole('button', { name: 'Add token' }));
  const dialog = screen.getByRole('dialog', { name: 'Add token' });
  return { ...ctx, dialog };
}

const field = (dialog: HTMLElement, name: string) =>
  within(dialog).getByLabelText(name) as HTMLInputElement;

describe('Add token dialog', () => {
  it('starts with the token field, a password input, focused', async () => {
    const { dialog } = await openAddDialog();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(field(dialog, 'Token').type).toBe('password');
    expect(document.activeElement).toBe(field(dialog, 'Token'));
    const inputs = within(dialog).getAllByRole('textbox');
    expect(inputs[0]).toBe(field(dialog, 'Label'));
  });

  it.each([
    ['npm_FAKE_TEST_VALUE_NOT_A_TOKEN', 'npm', 'https://registry.npmjs.org/', 'npmjs'],
    ['ghp_FAKE_TEST_VALUE_NOT_A_TOKEN', 'npm', 'https://npm.pkg.github.com/', 'GitHub Packages'],
    [
      'github_pat_FAKE_TEST_VALUE_NOT_A_TOKEN',
      'npm',
      'https://npm.pkg.github.com/',
      'GitHub Packages',
    ],
    [
      'glpat-FAKE-TEST-VALUE-NOT-A-TOKEN',
      'npm',
      'https://gitlab.com/api/v4/packages/npm/',
      'GitLab',
    ],
    ['pypi-FAKE-TEST-VALUE-NOT-A-TOKEN', 'pip', 'https://upload.pypi.org/legacy/', 'PyPI'],
    [
      'oy2faketestvaluenotatoken00000000000000000000',
      'nuget',
      'https://api.nuget.org/v3/index.json',
      'nuget.org',
    ],
    ['cmVmdGtuOjAxOjE3MDAwMDAwMDA6YWJj', 'other', '', 'Artifactory'],
  ])('infers from the prefix of %s', async (token, ecosystem, registry, label) => {
    const { dialog, user } = await openAddDialog();
    await user.click(field(dialog, 'Token'));
    await user.paste(token);
    expect(
      (within(dialog).getByRole('combobox', { name: 'Ecosystem' }) as HTMLSelectElement).value,
    ).toBe(ecosystem);
    expect(field(dialog, 'Registry URL').value).toBe(registry);
    expect(field(dialog, 'Label').value).toBe(label);
    expect(within(dialog).getByText(/^Looks like/)).toBeTruthy();
  });

  it('never overwrites what the user typed, and fills __token__ for PyPI', async () => {
    const { dialog, user } = await openAddDialog();
    await user.type(field(dialog, 'Label'), 'mine');
    await user.click(field(dialog, 'Token'));
    await user.paste('pypi-FAKE-TEST-VALUE-NOT-A-TOKEN');
    expect(field(dialog, 'Label').value).toBe('mine');
    expect(field(dialog, 'User').value).toBe('__token__');
  });

  it('accepts a host without https:// and says what it assumed', async () => {
    const { dialog, user, keyport } = await openAddDialog();
    await user.type(field(dialog, 'Token'), TOKEN);
    await user.clear(field(dialog, 'Registry URL'));
    await user.type(field(dialog, 'Registry URL'), 'npm.acme.dev');
    expect(within(dialog).getByText('Assumed https://npm.acme.dev/')).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(keyport.callsTo('addToken')).toMatchObject([{ registry: 'https://npm.acme.dev/' }]);
  });

  it('asks before adding a token whose expiry has passed', async () => {
    const { dialog, user, keyport } = await openAddDialog();
    await user.type(field(dialog, 'Token'), TOKEN);
    await user.type(field(dialog, 'Expires'), '2026-03-01');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(within(dialog).getByText(/This date has passed/)).toBeTruthy();
    expect(keyport.callsTo('addToken')).toEqual([]);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Add it anyway, as expired' }));
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));
    expect(keyport.callsTo('addToken')).toHaveLength(1);
  });

  it('explains what is wrong next to each field and sends nothing', async () => {
    const { dialog, user, keyport } = await openAddDialog();
    await user.type(field(dialog, 'Token'), 'ends with space ');
    await user.type(field(dialog, 'Registry URL'), 'ftp://example.com');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    expect(within(dialog).getByText('A label is required.')).toBeTruthy();
    expect(
      within(dialog).getByText('The registry URL must start with https:// or http://.'),
    ).toBeTruthy();
    expect(
      within(dialog).getByText(
        'The token must not contain control characters or start or end with a space.',
      ),
    ).toBeTruthy();
    expect(field(dialog, 'Label').getAttribute('aria-invalid')).toBe('true');
    expect(field(dialog, 'Notes').getAttribute('aria-invalid')).toBeNull();
    expect(field(dialog, 'Label').getAttribute('aria-describedby')).toBeTruthy();
    expect(document.activeElement).toBe(field(dialog, 'Token'));
    expect(keyport.callsTo('addToken')).toEqual([]);

    // Errors follow the input once shown.
    await user.type(field(dialog, 'Label'), 'ci token');
    expect(within(dialog).queryByText('A label is required.')).toBeNull();
  });

  it('adds the token, closes, and lists it masked', async () => {
    const { dialog, user, keyport } = await openAddDialog();
    await user.type(field(dialog, 'Token'), TOKEN);
    await user.clear(field(dialog, 'Label'));
    await user.type(field(dialog, 'Label'), 'ci token');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Ecosystem' }), 'npm');
    await user.type(field(dialog, 'User'), 'ci-bot');
    await user.type(field(dialog, 'Expires'), '2026-04-01');
    await user.type(field(dialog, 'Notes'), 'for GitHub Actions');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    await waitFor(() => expect(screen.queryByRole('dialog', { name: 'Add token' })).toBeNull());
    expect(keyport.callsTo('addToken')).toEqual([
      {
        label: 'ci token',
        registry: 'https://registry.npmjs.org/',
        ecosystem: 'npm',
        secret: TOKEN,
        user: 'ci-bot',
        expires: '2026-04-01T23:59:59.999Z',
        notes: 'for GitHub Actions',
      },
    ]);
    const row = screen.getByRole('option', { name: 'ci token' });
    expect(row.getAttribute('aria-selected')).toBe('true');
    expect(within(detailPane('ci token')).getAllByText(/expires in 22 days/)).not.toHaveLength(0);
    expect(within(detailPane('ci token')).getByText('npm_••••••••fres')).toBeTruthy();
    expect(screen.getByText('Added “ci token”')).toBeTruthy();
    expect(document.body.textContent).not.toContain(TOKEN);
  });

  it('shows a busy state while the keychain works, and the core’s error if it fails', async () => {
    const { dialog, user, keyport } = await openAddDialog();
    await user.type(field(dialog, 'Token'), TOKEN);
    keyport.secrets.locked = true;
    const release = keyport.hold('addToken');
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    const busy = within(dialog).getByRole('button', { name: 'Adding…' });
    expect(busy.getAttribute('aria-disabled')).toBe('true');
    await user.click(busy);
    expect(keyport.callsTo('addToken')).toHaveLength(1);

    await act(async () => release());
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The keychain is locked. Unlock it (log in to your desktop keyring) and try again; nothing was changed.',
    );
    expect(within(dialog).getByRole('button', { name: 'Add' })).toBeTruthy();
    expect(field(dialog, 'Token').value).toBe(TOKEN); // kept, so the user can retry
  });

  it('forgets the token when the dialog closes', async () => {
    const { dialog, user } = await openAddDialog();
    await user.type(field(dialog, 'Token'), TOKEN);
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.body.innerHTML).not.toContain(TOKEN);

    await user.click(screen.getByRole('button', { name: 'Add token' }));
    const again = screen.getByRole('dialog', { name: 'Add token' });
    expect(field(again, 'Token').value).toBe('');
  });
});
