import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { openRegistries, renderApp, secret } from './render-app';
import { PASSWORD, TestKeyport } from './test-keyport';

/** An account with one token of each state: in Keyport, registry only, revoked elsewhere. */
/**
 * Opens Registries → Add account and fills in alice's sign-in for the registry, leaving the
 * submit to the test.
 */
async function fillSignIn(
  user: Parameters<typeof openRegistries>[0],
  registryUrl: string,
  password: string,
) {
  await openRegistries(user);
  await user.click(screen.getByRole('button', { name: 'Add account' }));
  const dialog = screen.getByRole('dialog', { name: 'Add account' });
  await user.clear(within(dialog).getByLabelText('Registry URL'));
  await user.type(within(dialog).getByLabelText('Registry URL'), registryUrl);
  await user.type(within(dialog).getByLabelText('User name'), 'alice');
  await user.type(within(dialog).getByLabelText('Password'), password);
  return dialog;
}

async function seeded() {
  const keyport = await TestKeyport.open();
  const account = await keyport.seedAccount({ id: 'acc', username: 'alice' });
  const ci = await keyport.remoteToken('alice', {
    secret: secret('cipub'),
    created: '2026-02-01T10:00:00.000Z',
  });
  const web = await keyport.remoteToken('alice', {
    secret: secret('webx'),
    name: 'deploy-bot',
    cidr_whitelist: ['10.0.0.0/8', '2001:db8::/32'],
    created: '2026-02-20T10:00:00.000Z',
    expires: '2026-05-20T10:00:00.000Z',
  });
  const ro = await keyport.remoteToken('alice', {
    secret: secret('read'),
    readonly: true,
    created: '2026-03-01T10:00:00.000Z',
  });
  await keyport.seed({
    id: 'ci',
    label: 'ci publish',
    secret: ci.secret,
    registry: account.registry,
    remoteKey: ci.key,
    origin: 'created',
    user: 'alice',
  });
  // Revoked on the website: the registry no longer lists its key.
  await keyport.seed({
    id: 'gone',
    label: 'old laptop',
    secret: secret('laptop'),
    registry: account.registry,
    remoteKey: 'revoked-on-the-website',
    origin: 'created',
    user: 'alice',
  });
  const registry = await keyport.registry();
  return { keyport, account, registry, keys: { ci: ci.key, web: web.key, ro: ro.key } };
}

const table = () => screen.findByRole('table', { name: 'Remote tokens' });
const rowOf = (text: string) => {
  const cell = within(screen.getByRole('table', { name: 'Remote tokens' })).getByText(text);
  const row = cell.closest('tr');
  if (!row) throw new Error(`no row for ${text}`);
  return row;
};

describe('Registries view', () => {
  it('offers to add the first account', async () => {
    const { user } = await renderApp();
    await openRegistries(user);
    expect(screen.getByRole('heading', { name: 'No accounts yet' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Add your first account' }));
    expect(screen.getByRole('dialog', { name: 'Add account' })).toBeTruthy();
  });

  it('lists remote tokens merged with the vault, keeping those revoked elsewhere', async () => {
    const { keyport, account } = await seeded();
    const { user } = await renderApp({ keyport });
    await openRegistries(user);
    await table();

    expect(screen.getByRole('button', { name: account.label })).toBeTruthy();
    expect(screen.getByText('Signed in as alice')).toBeTruthy();

    const inKeyport = rowOf('npm_••••••••cipu');
    expect(within(inKeyport).getByText('ci publish')).toBeTruthy();
    expect(within(inKeyport).getByText('In Keyport')).toBeTruthy();
    expect(within(inKeyport).getByText('publish')).toBeTruthy();
    expect(within(inKeyport).getByText('any')).toBeTruthy();
    expect(within(inKeyport).getByText('Feb 1, 2026')).toBeTruthy();
    expect(within(inKeyport).getByText('never')).toBeTruthy();
    // The account's own session token is shown here, not under Tokens.
    expect(screen.getByText(/Session token/)).toBeTruthy();

    // One masking style: the registry's own mask is shown the way Keyport masks.
    const granular = rowOf('npm_••••••••webx');
    expect(within(granular).getByText('Registry only')).toBeTruthy();
    expect(within(granular).getByText('granular: deploy-bot')).toBeTruthy();
    expect(within(granular).getByText('10.0.0.0/8, 2001:db8::/32')).toBeTruthy();
    expect(within(granular).getByText('May 20, 2026')).toBeTruthy();

    expect(within(rowOf('npm_••••••••read')).getByText('read-only')).toBeTruthy();

    const revoked = rowOf('old laptop');
    expect(within(revoked).getByText('Revoked elsewhere')).toBeTruthy();
    expect(within(revoked).getByText('npm_••••••••lapt')).toBeTruthy();
    expect(revoked.className).toContain('remote-row--warning');
    expect(inKeyport.className).not.toContain('remote-row--warning');
    // Nothing left to revoke on the registry, but it can go from Keyport.
    expect(within(revoked).queryByRole('checkbox')).toBeNull();
    expect(
      within(revoked).getByRole('button', { name: 'Remove old laptop from Keyport' }),
    ).toBeTruthy();
    expect(
      within(granular).getByRole('checkbox', {
        name: 'Select npm_••••••••webx, created Feb 20, 2026',
      }),
    ).toBeTruthy();
  });

  it('says so when the registry lists no tokens', async () => {
    const keyport = await TestKeyport.open();
    await keyport.seedAccount({ id: 'acc', username: 'bob' });
    const { user } = await renderApp({ keyport });
    await openRegistries(user);
    expect(await screen.findByRole('heading', { name: 'No tokens on this registry' })).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
  });

  it('shows progress while listing, and Cancel stops the call', async () => {
    const { keyport, registry } = await seeded();
    // The registry takes the request and never answers: the core's call is in flight.
    registry.failNext({ method: 'GET', path: '/-/npm/v1/tokens' }, { kind: 'hang' });
    const hung = registry.nextHang();
    const { user } = await renderApp({ keyport });
    await openRegistries(user);
    await hung;

    expect(screen.getByRole('progressbar', { name: 'Loading remote tokens' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    const [list] = keyport.callsTo('listRemoteTokens') as { opId: string }[];
    expect(list?.opId).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(keyport.callsTo('cancelOperation')).toEqual([{ opId: list?.opId }]);
    expect((await screen.findByRole('alert')).textContent).toBe('Listing was cancelled.');
    expect(screen.queryByRole('progressbar', { name: 'Loading remote tokens' })).toBeNull();

    // The UI stays usable: Refresh lists again.
    await user.click(screen.getByRole('button', { name: 'Refresh' }));
    expect(await table()).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('says how long to wait when the registry rate-limits', async () => {
    const { keyport, registry } = await seeded();
    registry.failNext(
      { method: 'GET', path: '/-/npm/v1/tokens' },
      { kind: 'status', status: 429, headers: { 'retry-after': '30' } },
    );
    const { user } = await renderApp({ keyport });
    await openRegistries(user);
    expect((await screen.findByRole('alert')).textContent).toBe(
      'Too many requests; try again in 30 s',
    );
  });

  it('checks the sign-in on demand', async () => {
    const { keyport, registry } = await seeded();
    const { user } = await renderApp({ keyport });
    await openRegistries(user);
    await table();
    await user.click(screen.getByRole('button', { name: 'Check sign-in' }));
    expect(keyport.callsTo('whoami')).toEqual([{ id: 'acc', opId: expect.any(String) }]);
    expect(await screen.findByText('confirmed by the registry')).toBeTruthy();

    // The registry drops the session (it expired, or alice logged out elsewhere).
    registry.endSession(await keyport.core.vault.reveal('acc'));
    await user.click(screen.getByRole('button', { name: 'Check sign-in' }));
    expect(
      await screen.findByText(
        'Not signed in: the registry no longer accepts this session. Add the account again.',
      ),
    ).toBeTruthy();
  });
});

describe('Registries view, more', () => {
  it('shows the selected account’s own tokens when another account is chosen', async () => {
    const { keyport, account } = await seeded();
    const bob = await keyport.seedAccount({ id: 'acc2', username: 'bob' });
    await keyport.remoteToken('bob', { secret: secret('bobby') });
    const { user } = await renderApp({ keyport });
    await openRegistries(user);
    await table();
    const alice = screen.getByRole('button', { name: account.label });
    expect(alice.getAttribute('aria-current')).toBe('true');

    await user.click(screen.getByRole('button', { name: bob.label }));
    expect(await screen.findByText('Signed in as bob')).toBeTruthy();
    await waitFor(() => expect(rowOf('npm_••••••••bobb')).toBeTruthy());
    expect(within(screen.getByRole('table')).queryByText('npm_••••••••cipu')).toBeNull();
    expect(alice.getAttribute('aria-current')).toBeNull();
    expect(keyport.callsTo('listRemoteTokens').at(-1)).toEqual({
      accountId: 'acc2',
      opId: expect.any(String),
    });
  });

  it('removes a token revoked elsewhere from Keyport after confirmation', async () => {
    const { keyport } = await seeded();
    const { user, store } = await renderApp({ keyport });
    await openRegistries(user);
    await table();
    await user.click(screen.getByRole('button', { name: 'Remove old laptop from Keyport' }));
    const confirm = screen.getByRole('alertdialog', { name: 'Delete token' });
    await user.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(keyport.callsTo('removeToken')).toEqual([{ id: 'gone' }]);
    await waitFor(() =>
      expect(within(screen.getByRole('table')).queryByText('old laptop')).toBeNull(),
    );
    expect(store.getState().tokens.map((t) => t.id)).not.toContain('gone');
  });

  it('closes dialogs with Escape and gives focus back to the opener', async () => {
    const { keyport } = await seeded();
    const { user } = await renderApp({ keyport });
    await openRegistries(user);
    await table();
    const add = screen.getByRole('button', { name: 'Add account' });
    await user.click(add);
    expect(screen.getByRole('dialog', { name: 'Add account' })).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('User name'));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(add);

    await user.click(screen.getByRole('checkbox', { name: /^Select npm_••••••••read,/ }));
    const revoke = screen.getByRole('button', { name: 'Revoke selected' });
    await user.click(revoke);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(document.activeElement).toBe(revoke);

    const create = screen.getByRole('button', { name: 'Create token' });
    await user.click(create);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(create);
  });
});

describe('Add account', () => {
  it('signs in, asks for a one-time password when needed, and retries the same request', async () => {
    const keyport = await TestKeyport.open();
    const registry = await keyport.registry();
    registry.addUser('alice', PASSWORD);
    registry.requireOtp('123456');
    const { user, store } = await renderApp({ keyport });
    await openRegistries(user);
    await user.click(screen.getByRole('button', { name: 'Add account' }));
    const dialog = screen.getByRole('dialog', { name: 'Add account' });
    expect(
      (within(dialog).getByRole('radio', { name: 'Sign in' }) as HTMLInputElement).checked,
    ).toBe(true);
    expect((within(dialog).getByLabelText('Registry URL') as HTMLInputElement).value).toBe(
      'https://registry.npmjs.org/',
    );
    const password = within(dialog).getByLabelText('Password') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(within(dialog).queryByLabelText('One-time password')).toBeNull();

    await user.clear(within(dialog).getByLabelText('Registry URL'));
    await user.type(within(dialog).getByLabelText('Registry URL'), registry.url);
    await user.type(within(dialog).getByLabelText('User name'), 'alice');
    await user.type(password, PASSWORD);
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));

    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      `${new URL(registry.url).host} asks for a one-time password.`,
    );
    const otp = within(dialog).getByLabelText('One-time password');
    expect(document.activeElement).toBe(otp);
    expect(within(dialog).queryByText('Enter the one-time password.')).toBeNull();
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    expect(within(dialog).getByText('Enter the one-time password.')).toBeTruthy();
    await user.type(otp, '123456');
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const [first, second] = keyport.callsTo('signIn') as Record<string, unknown>[];
    expect(first).toEqual({
      registry: registry.url,
      username: 'alice',
      password: PASSWORD,
      opId: expect.any(String),
    });
    expect(second).toEqual({ ...first, otp: '123456', opId: expect.any(String) });
    expect(
      await screen.findByRole('button', { name: `alice @ ${new URL(registry.url).host}` }),
    ).toBeTruthy();
    // Keyport had never sent a credential there: main asked first.
    expect(keyport.dialogs.asked.map((q) => q.title)).toEqual(['New registry']);
    expect(screen.getByText('Signed in as alice')).toBeTruthy();
    // The password went to main once per request and nowhere else.
    expect(JSON.stringify(store.getState())).not.toContain(PASSWORD);
    expect(document.body.innerHTML).not.toContain(PASSWORD);

    await user.click(screen.getByRole('button', { name: 'Add account' }));
    const again = screen.getByRole('dialog', { name: 'Add account' });
    expect((within(again).getByLabelText('Password') as HTMLInputElement).value).toBe('');
  });

  it('shows a wrong password in the dialog and stays usable', async () => {
    const keyport = await TestKeyport.open();
    const registry = await keyport.registry();
    registry.addUser('alice', PASSWORD);
    const { user } = await renderApp({ keyport });
    const dialog = await fillSignIn(user, registry.url, 'wrong');
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      `${new URL(registry.url).host} did not accept the user name or password.`,
    );
    expect(within(dialog).queryByLabelText('One-time password')).toBeNull();
    expect(within(dialog).getByRole('button', { name: 'Sign in' })).toBeTruthy();
  });

  it('a No in main’s confirmation is a quiet note in the dialog, not an alert', async () => {
    const keyport = await TestKeyport.open();
    const registry = await keyport.registry();
    registry.addUser('alice', PASSWORD);
    const { user } = await renderApp({ keyport });
    const dialog = await fillSignIn(user, registry.url, PASSWORD);
    // Keyport never sent a credential to this registry: main asks, and the user says No.
    keyport.dialogs.declineNext();
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    expect((await within(dialog).findByRole('status')).textContent).toBe(
      'You cancelled in the confirmation dialog: nothing was sent or written.',
    );
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(keyport.dialogs.asked.map((q) => q.message)).toEqual([
      `Send your credentials to ${new URL(registry.url).host}?`,
    ]);
    expect(registry.requests).toEqual([]);
  });

  it('adds an account from a pasted token', async () => {
    const keyport = await TestKeyport.open();
    const registry = await keyport.registry();
    const { secret: TOKEN } = await keyport.remoteToken('pasted-user', {
      secret: secret('pasted'),
    });
    const { user, store } = await renderApp({ keyport });
    await openRegistries(user);
    await user.click(screen.getByRole('button', { name: 'Add account' }));
    const dialog = screen.getByRole('dialog', { name: 'Add account' });
    await user.click(within(dialog).getByRole('radio', { name: 'Paste token' }));
    await user.clear(within(dialog).getByLabelText('Registry URL'));
    await user.type(within(dialog).getByLabelText('Registry URL'), registry.url);
    expect(within(dialog).queryByLabelText('Password')).toBeNull();
    const token = within(dialog).getByLabelText('Token') as HTMLInputElement;
    expect(token.type).toBe('password');
    await user.type(token, TOKEN);
    await user.click(within(dialog).getByRole('button', { name: 'Add' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(keyport.callsTo('addAccountToken')).toEqual([
      { registry: registry.url, secret: TOKEN, opId: expect.any(String) },
    ]);
    expect(await screen.findByText('Signed in as pasted-user')).toBeTruthy();
    expect(JSON.stringify(store.getState())).not.toContain(TOKEN);
  });

  it('cancels the sign-in in flight when the dialog is closed', async () => {
    const keyport = await TestKeyport.open();
    const registry = await keyport.registry();
    registry.addUser('alice', PASSWORD);
    // The registry takes the log-in and never answers.
    registry.failNext({ method: 'PUT' }, { kind: 'hang' });
    const hung = registry.nextHang();
    const { user } = await renderApp({ keyport });
    const dialog = await fillSignIn(user, registry.url, PASSWORD);
    await user.click(within(dialog).getByRole('button', { name: 'Sign in' }));
    await hung;
    expect(within(dialog).getByRole('button', { name: 'Signing in…' })).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    const [call] = keyport.callsTo('signIn') as { opId: string }[];
    expect(keyport.callsTo('cancelOperation')).toEqual([{ opId: call?.opId }]);
    // The core stopped the request: no account, and the registry saw one log-in only.
    await waitFor(() =>
      expect(keyport.core.service.operationStatus(call!.opId).running).toBe(false),
    );
    expect(await keyport.core.vault.list()).toEqual([]);
    expect(registry.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
    await act(async () => {});
    expect(screen.getByRole('heading', { name: 'No accounts yet' })).toBeTruthy();
  });
});

describe('Revoke', () => {
  it('confirms naming each token, revokes the selected keys, removes local copies, lists again', async () => {
    const { keyport, keys } = await seeded();
    const { user, store } = await renderApp({ keyport });
    await openRegistries(user);
    await table();
    const revokeSelected = screen.getByRole('button', { name: 'Revoke selected' });
    expect((revokeSelected as HTMLButtonElement).disabled).toBe(true);

    await user.click(
      screen.getByRole('checkbox', { name: /^Select ci publish npm_••••••••cipu,/ }),
    );
    await user.click(screen.getByRole('checkbox', { name: /^Select npm_••••••••webx,/ }));
    await user.click(revokeSelected);

    const dialog = screen.getByRole('alertdialog', { name: 'Revoke tokens' });
    const items = within(within(dialog).getByRole('list', { name: 'Tokens to revoke' }))
      .getAllByRole('listitem')
      .map((li) => li.textContent);
    expect(items).toEqual([
      'ci publish npm_••••••••cipu created Feb 1, 2026',
      'Not in Keyport npm_••••••••webx created Feb 20, 2026',
    ]);
    const removeLocal = within(dialog).getByRole('checkbox', { name: 'Also remove from Keyport' });
    expect((removeLocal as HTMLInputElement).checked).toBe(true);
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Cancel' }));

    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(keyport.callsTo('revokeRemoteTokens')).toEqual([
      {
        accountId: 'acc',
        keys: [keys.ci, keys.web],
        removeLocal: true,
        removeFromConfigs: true,
        opId: expect.any(String),
      },
    ]);
    expect(await screen.findByText('Revoked 2 tokens.')).toBeTruthy();
    // Listed again: the two are gone, the read-only one and the revoked-elsewhere row remain.
    await waitFor(() => expect(keyport.callsTo('listRemoteTokens')).toHaveLength(2));
    await waitFor(() =>
      expect(within(screen.getByRole('table')).queryByText('npm_••••••••cipu')).toBeNull(),
    );
    expect(within(screen.getByRole('table')).queryByText('npm_••••••••webx')).toBeNull();
    expect(rowOf('npm_••••••••read')).toBeTruthy();
    expect(rowOf('old laptop')).toBeTruthy();
    expect(store.getState().tokens.map((t) => t.id)).not.toContain('ci');
  });

  it('keeps the local copies when asked, and warns about tokens still listed', async () => {
    const { keyport, registry, keys } = await seeded();
    // The registry answers the revoke of one key but keeps listing it.
    registry.failNext(
      { method: 'DELETE', path: `/-/npm/v1/tokens/token/${keys.ro}` },
      { kind: 'status', status: 204, body: '' },
    );
    const { user, store } = await renderApp({ keyport });
    await openRegistries(user);
    await table();
    await user.click(screen.getByRole('checkbox', { name: 'Select all tokens' }));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke tokens' });
    expect(within(dialog).getAllByRole('listitem')).toHaveLength(3);
    await user.click(within(dialog).getByRole('checkbox', { name: 'Also remove from Keyport' }));
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));

    await waitFor(() => expect(keyport.callsTo('revokeRemoteTokens')).toHaveLength(1));
    expect(keyport.callsTo('revokeRemoteTokens')).toEqual([
      {
        accountId: 'acc',
        keys: [keys.ci, keys.web, keys.ro],
        removeLocal: false,
        removeFromConfigs: true,
        opId: expect.any(String),
      },
    ]);
    // One notice says both: what was revoked and what the registry still lists.
    const warning = await screen.findByText(
      'Revoked 2 tokens. The registry still lists 1 token it was asked to revoke: npm_••••••••read',
    );
    expect(warning.closest('.notice')?.className).toContain('notice--warning');
    expect(store.getState().tokens.map((t) => t.id)).toContain('ci');
    // ci publish is now revoked elsewhere: still shown, in the warning style.
    await waitFor(() =>
      expect(within(rowOf('ci publish')).getByText('Revoked elsewhere')).toBeTruthy(),
    );
  });

  it('keeps the confirmation open with the registry’s reason when the revoke fails', async () => {
    const { keyport, registry } = await seeded();
    const { user } = await renderApp({ keyport });
    await openRegistries(user);
    await table();
    await user.click(screen.getByRole('checkbox', { name: /^Select npm_••••••••read,/ }));
    await user.click(screen.getByRole('button', { name: 'Revoke selected' }));
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke token' });
    registry.failNext(
      { method: 'DELETE' },
      {
        kind: 'status',
        status: 403,
        body: JSON.stringify({ error: 'This token belongs to an organisation you do not own' }),
      },
    );
    await user.click(within(dialog).getByRole('button', { name: 'Revoke' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      `${new URL(registry.url).host} refused this request: This token belongs to an organisation you do not own`,
    );
    expect(rowOf('npm_••••••••read')).toBeTruthy();
  });
});
