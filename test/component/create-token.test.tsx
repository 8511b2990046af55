import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { openRegistries, renderApp } from './render-app';
import { PASSWORD, TestKeyport } from './test-keyport';

/** What the test registry hands out for the token it creates. */
const CREATED = `npm_${'Created'.padEnd(32, 'x')}XYZ1`;

async function withAccount() {
  const keyport = await TestKeyport.open();
  const account = await keyport.seedAccount({ id: 'acc', username: 'alice' });
  const registry = await keyport.registry();
  registry.issueNext(CREATED);
  return { keyport, account, registry };
}

async function openCreate(keyport?: TestKeyport) {
  const ctx = await renderApp({ keyport: keyport ?? (await withAccount()).keyport });
  await openRegistries(ctx.user);
  await screen.findByRole('heading', { name: 'No tokens on this registry' });
  await ctx.user.click(screen.getByRole('button', { name: 'Create token' }));
  const dialog = screen.getByRole('dialog', { name: 'Create token' });
  return { ...ctx, dialog };
}

const field = (dialog: HTMLElement, name: string) =>
  within(dialog).getByLabelText(name) as HTMLInputElement;
const createButton = (dialog: HTMLElement) =>
  within(dialog).getByRole('button', { name: 'Create' }) as HTMLButtonElement;

describe('Create token', () => {
  it('checks CIDR ranges as they are typed and sends nothing while one is invalid', async () => {
    const { dialog, user, keyport } = await openCreate();
    await user.type(field(dialog, 'Label'), 'ci');
    await user.type(field(dialog, 'Password'), PASSWORD);
    await user.type(field(dialog, 'CIDR ranges'), '10.0.0.0/8, 192.168.1.1');

    expect(within(dialog).getByText('Invalid CIDR: 192.168.1.1')).toBeTruthy();
    expect(field(dialog, 'CIDR ranges').getAttribute('aria-invalid')).toBe('true');
    expect(createButton(dialog).disabled).toBe(true);
    await user.click(createButton(dialog));
    await user.type(field(dialog, 'Label'), '{Enter}');
    expect(keyport.callsTo('createRemoteToken')).toEqual([]);

    await user.type(field(dialog, 'CIDR ranges'), '/32, ::1/128');
    expect(within(dialog).queryByText(/Invalid CIDR/)).toBeNull();
    expect(createButton(dialog).disabled).toBe(false);
    await user.click(createButton(dialog));
    expect(keyport.callsTo('createRemoteToken')).toEqual([
      {
        accountId: 'acc',
        label: 'ci',
        request: {
          kind: 'legacy',
          readonly: true,
          cidr: ['10.0.0.0/8', '192.168.1.1/32', '::1/128'],
        },
        password: PASSWORD,
        opId: expect.any(String),
      },
    ]);
  });

  it('sends every granular field', async () => {
    const { dialog, user, keyport } = await openCreate();
    expect(within(dialog).queryByLabelText('Name')).toBeNull();
    await user.click(within(dialog).getByRole('radio', { name: 'Granular' }));
    expect(field(dialog, 'Expires in days').value).toBe('30');
    expect(
      within(dialog).getByText(/npmjs allows at most 90 days for tokens that can write/),
    ).toBeTruthy();

    await user.type(field(dialog, 'Label'), 'deploy');
    await user.type(field(dialog, 'Name'), 'deploy-bot');
    await user.type(field(dialog, 'Description'), 'GitHub Actions deploys');
    await user.clear(field(dialog, 'Expires in days'));
    await user.type(field(dialog, 'Expires in days'), '30');
    await user.type(field(dialog, 'Packages'), 'left-pad, @acme/ui,');
    await user.type(field(dialog, 'Scopes'), '@acme');
    await user.type(field(dialog, 'Organisations'), 'acme-org');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Package permission' }),
      'read-write',
    );
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Organisation permission' }),
      'read-only',
    );
    await user.click(within(dialog).getByRole('checkbox', { name: 'Bypass 2FA' }));
    await user.type(field(dialog, 'CIDR ranges'), '2001:db8::/32');
    await user.type(field(dialog, 'Password'), PASSWORD);
    await user.click(createButton(dialog));

    expect(keyport.callsTo('createRemoteToken')).toEqual([
      {
        accountId: 'acc',
        label: 'deploy',
        request: {
          kind: 'granular',
          name: 'deploy-bot',
          description: 'GitHub Actions deploys',
          expiresDays: 30,
          packages: ['left-pad', '@acme/ui'],
          scopes: ['@acme'],
          packagesAndScopesPermission: 'read-write',
          orgs: ['acme-org'],
          orgsPermission: 'read-only',
          bypass2fa: true,
          cidr: ['2001:db8::/32'],
        },
        password: PASSWORD,
        opId: expect.any(String),
      },
    ]);
  });

  it('"All packages" sends packagesAll instead of a list and hides the list', async () => {
    const { dialog, user, keyport } = await openCreate();
    await user.click(within(dialog).getByRole('radio', { name: 'Granular' }));
    await user.type(field(dialog, 'Label'), 'all');
    await user.type(field(dialog, 'Name'), 'all-packages');
    await user.type(field(dialog, 'Packages'), 'left-pad');
    await user.click(within(dialog).getByRole('checkbox', { name: /All packages of/ }));
    expect(within(dialog).queryByLabelText('Packages')).toBeNull();
    await user.type(field(dialog, 'Password'), PASSWORD);
    await user.click(createButton(dialog));
    const [call] = keyport.callsTo('createRemoteToken') as { request: Record<string, unknown> }[];
    expect(call!.request).toMatchObject({ kind: 'granular', packagesAll: true });
    expect(call!.request).not.toHaveProperty('packages');
  });

  it('asks for a name for a granular token before sending', async () => {
    const { dialog, user, keyport } = await openCreate();
    await user.click(within(dialog).getByRole('radio', { name: 'Granular' }));
    await user.type(field(dialog, 'Label'), 'x');
    await user.click(createButton(dialog));
    expect(within(dialog).getByText('A granular token needs a name.')).toBeTruthy();
    expect(document.activeElement).toBe(field(dialog, 'Name'));
    expect(keyport.callsTo('createRemoteToken')).toEqual([]);
  });

  it('shows the new token once, copies it through main, and forgets it on close', async () => {
    const { dialog, user, keyport, store } = await openCreate();
    await user.type(field(dialog, 'Label'), 'ci publish');
    await user.click(within(dialog).getByRole('radio', { name: 'Publish' }));
    await user.type(field(dialog, 'Password'), PASSWORD);
    await user.click(createButton(dialog));

    const shown = await within(dialog).findByLabelText('New token');
    expect((shown as HTMLInputElement).value).toBe(CREATED);
    expect((shown as HTMLInputElement).readOnly).toBe(true);
    expect(shown.className).toContain('mono');
    expect(within(dialog).queryByLabelText('Password')).toBeNull();
    const copy = within(dialog).getByRole('button', { name: 'Copy' });
    expect(document.activeElement).toBe(copy);
    // The secret is in the dialog, never in the store.
    expect(JSON.stringify(store.getState())).not.toContain(CREATED);

    await user.click(copy);
    const token = store.getState().tokens.find((t) => t.label === 'ci publish');
    expect(keyport.callsTo('copyToken')).toEqual([{ id: token?.id }]);
    await waitFor(async () => expect(await keyport.clipboard.readText()).toBe(CREATED));
    expect(await screen.findByText('Copied — the clipboard clears in 30 s')).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(document.documentElement.outerHTML).not.toContain(CREATED);
    expect(JSON.stringify(store.getState())).not.toContain(CREATED);

    // Listed again, masked, and known to Keyport.
    const table = await screen.findByRole('table', { name: 'Remote tokens' });
    expect(within(table).getByText('ci publish')).toBeTruthy();
    expect(within(table).getByText('In Keyport')).toBeTruthy();
    expect(within(table).getByText('npm_••••••••XYZ1')).toBeTruthy();
  });

  it('gives the secret a last chance when the keychain refused it', async () => {
    const { keyport, account } = await withAccount();
    // The keychain reads (the session) but refuses the new entry: the user dismissed its prompt.
    keyport.secrets.locked = 'writes';
    const { dialog, user, store } = await openCreate(keyport);
    // user-event puts a stub clipboard on navigator when it is set up; watch it.
    const writeText = vi.spyOn(navigator.clipboard, 'writeText');
    await user.type(field(dialog, 'Label'), 'ci');
    await user.type(field(dialog, 'Password'), PASSWORD);
    await user.click(createButton(dialog));

    const alert = await within(dialog).findByRole('alert');
    expect(within(alert).getByText('Copy it now: Keyport could not store it')).toBeTruthy();
    expect(
      within(alert).getByText(
        'The keychain is locked. Unlock it (log in to your desktop keyring) and try again; nothing was changed.',
      ),
    ).toBeTruthy();
    expect(field(dialog, 'New token').value).toBe(CREATED);
    expect(within(dialog).queryByRole('button', { name: 'Write to config…' })).toBeNull();

    await user.click(within(dialog).getByRole('button', { name: 'Copy' }));
    expect(writeText).toHaveBeenCalledWith(CREATED);
    expect(await navigator.clipboard.readText()).toBe(CREATED);
    expect(keyport.callsTo('copyToken')).toEqual([]);
    expect(
      screen.getByText('Copied — Keyport cannot clear this copy; clear the clipboard when done'),
    ).toBeTruthy();
    expect(store.getState().tokens).toEqual([expect.objectContaining({ label: account.label })]);
  });

  it('goes from the new token straight to "Write to config…"', async () => {
    const { dialog, user, store } = await openCreate();
    await user.type(field(dialog, 'Label'), 'ci');
    await user.type(field(dialog, 'Password'), PASSWORD);
    await user.click(createButton(dialog));
    await user.click(await within(dialog).findByRole('button', { name: 'Write to config…' }));

    const write = screen.getByRole('dialog', { name: 'Write to config' });
    expect(write.textContent).toContain('ci (npm_••••••••XYZ1)');
    expect(screen.queryByRole('dialog', { name: 'Create token' })).toBeNull();
    expect(document.documentElement.outerHTML).not.toContain(CREATED);
    expect(store.getState().dialog).toEqual({
      kind: 'write-config',
      tokenId: store.getState().tokens.find((t) => t.label === 'ci')?.id,
    });
  });

  it('asks for a one-time password when the registry wants one and retries with it', async () => {
    const { keyport, registry } = await withAccount();
    registry.requireOtp('654321');
    const { dialog, user } = await openCreate(keyport);
    await user.type(field(dialog, 'Label'), 'ci');
    await user.type(field(dialog, 'Password'), PASSWORD);
    await user.click(createButton(dialog));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      `${new URL(registry.url).host} asks for a one-time password.`,
    );
    // One request for the code, not a second in red under a field the user has not reached.
    expect(within(dialog).queryByText('Enter the one-time password.')).toBeNull();
    await user.type(field(dialog, 'One-time password'), '654321');
    await user.click(createButton(dialog));
    const calls = keyport.callsTo('createRemoteToken') as Record<string, unknown>[];
    expect(calls).toHaveLength(2);
    expect(calls[1]).toEqual({ ...calls[0], otp: '654321', opId: expect.any(String) });
    await waitFor(() => expect(field(dialog, 'New token').value).toBe(CREATED));
  });

  it('says how long to wait when rate-limited, and stays usable', async () => {
    const { keyport, registry } = await withAccount();
    const { dialog, user } = await openCreate(keyport);
    await user.type(field(dialog, 'Label'), 'ci');
    await user.type(field(dialog, 'Password'), PASSWORD);
    registry.failNext(
      { method: 'POST', path: '/-/npm/v1/tokens' },
      { kind: 'status', status: 429, headers: { 'retry-after': '42' } },
    );
    // Held before it reaches the core, so the busy state can be seen.
    const release = keyport.hold('createRemoteToken');
    await user.click(createButton(dialog));
    expect(
      within(dialog).getByRole('button', { name: 'Creating…' }).getAttribute('aria-disabled'),
    ).toBe('true');
    await act(async () => release());
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Too many requests; try again in 42 s',
    );
    expect(field(dialog, 'Password').value).toBe(PASSWORD);
    await user.click(createButton(dialog));
    await waitFor(() => expect(field(dialog, 'New token').value).toBe(CREATED));
  });

  it('says so when the registry made a plain publish token from a granular request', async () => {
    const { keyport, registry } = await withAccount();
    registry.ignoreGranular();
    const { dialog, user } = await openCreate(keyport);
    await user.type(field(dialog, 'Label'), 'deploy');
    await user.click(within(dialog).getByRole('radio', { name: 'Granular' }));
    await user.type(field(dialog, 'Name'), 'deploy-bot');
    await user.type(field(dialog, 'Password'), PASSWORD);
    await user.click(createButton(dialog));
    const note = await within(dialog).findByRole('note');
    expect(note.textContent).toMatch(
      /^The registry made a plain publish token instead of a granular one/,
    );
    expect(note.textContent).toContain('It can publish every package of the account.');
  });
});
