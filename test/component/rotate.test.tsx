import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { detailPane, findList, openToken, renderApp, secret } from './render-app';
import { PASSWORD, TestKeyport } from './test-keyport';

const OLD = secret('old');
/** What the test registry hands out for the rotated token. */
const ROTATED = `npm_${'Rotated'.padEnd(32, 'x')}XYZ1`;

/**
 * An account on the test registry, a token created through it (written to the user .npmrc, and
 * to a file without a target), and a pasted one.
 */
async function fixture() {
  const keyport = await TestKeyport.open();
  const account = await keyport.seedAccount({ id: 'acc', username: 'alice' });
  const registry = await keyport.registry();
  const old = await keyport.remoteToken('alice', { secret: OLD });
  const npmrc = keyport.file('.npmrc');
  const legacy = keyport.file('w', 'legacy', '.npmrc');
  const entry = `//${new URL(registry.url).host}/:_authToken`;
  await keyport.seed({
    id: 'r',
    label: 'ci publish',
    secret: OLD,
    registry: registry.url,
    user: 'alice',
    remoteKey: old.key,
    origin: 'created',
    permissions: ['publish'],
    writtenTo: [
      { format: 'npmrc', file: npmrc, entry, at: '', target: { registry: registry.url } },
      { format: 'npmrc', file: legacy, entry, at: '' },
    ],
  });
  await keyport.seed({ id: 'p', label: 'pasted', secret: secret('pasted') });
  keyport.write(npmrc, `${entry}=${OLD}\n`);
  registry.issueNext(ROTATED);
  return { keyport, account, registry, npmrc, legacy, entry, oldKey: old.key };
}

/** A registry answer held back until `release()`: the rotation waits at that step. */
function gate() {
  let release!: () => void;
  const until = new Promise<void>((resolve) => (release = resolve));
  return { until, release };
}

const row = (label: string) => detailPane(label);
const notices = () => screen.getByRole('status', { name: 'Notifications' });

async function openRotate(setup?: Awaited<ReturnType<typeof fixture>>, fakeTimers = false) {
  const fx = setup ?? (await fixture());
  const ctx = await renderApp({ keyport: fx.keyport, fakeTimers });
  await findList();
  await ctx.user.click(
    within(await openToken(ctx.user, 'ci publish')).getByRole('button', { name: 'Rotate…' }),
  );
  const dialog = screen.getByRole('dialog', { name: 'Rotate token' });
  await within(dialog).findByRole('region', { name: 'Changes to ~/.npmrc' });
  const rotate = () => within(dialog).getByRole('button', { name: /^Rotat/ }) as HTMLButtonElement;
  return { ...fx, ...ctx, dialog, rotate };
}

function steps(dialog: HTMLElement) {
  return within(within(dialog).getByRole('list', { name: 'Rotation steps' }))
    .getAllByRole('listitem')
    .map((li) => ({
      text: li.textContent?.replace(/^[✓\d]/, ''),
      current: li.getAttribute('aria-current') === 'step',
    }));
}

describe('Rotate token', () => {
  it('is offered for tokens created through a registry, and disabled with the reason otherwise', async () => {
    const { keyport, account } = await fixture();
    const { user } = await renderApp({ keyport });
    await findList();
    const rotate = within(await openToken(user, 'ci publish')).getByRole('button', {
      name: 'Rotate…',
    });
    expect(rotate.getAttribute('aria-disabled')).toBeNull();
    const pasted = within(await openToken(user, 'pasted')).getByRole('button', {
      name: 'Rotate…',
    });
    expect(pasted.getAttribute('aria-disabled')).toBe('true');
    expect(pasted.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(pasted.getAttribute('aria-describedby')!)?.textContent).toMatch(
      /created or matched through a registry account/,
    );
    await user.click(pasted);
    expect(screen.queryByRole('dialog')).toBeNull();
    // The account's session token is listed under its account, not here.
    expect(screen.queryByRole('option', { name: account.label })).toBeNull();
  });

  it('previews the account, each file with its masked diff, and the files it cannot rewrite', async () => {
    const { dialog, keyport, account, entry } = await openRotate();
    expect(keyport.callsTo('previewRotation')).toEqual([{ tokenId: 'r' }]);
    expect(within(dialog).getByText(account.label).tagName).toBe('STRONG');
    const diff = within(dialog).getByRole('region', { name: 'Changes to ~/.npmrc' });
    expect(within(diff).getByText(`-${entry}=npm_••••••••oldz`)).toBeTruthy();
    // The new token does not exist yet: a stand-in value, masked like any other.
    expect(within(diff).getByText(`+${entry}=keyp••••••••tion`)).toBeTruthy();
    const skipped = within(dialog).getByRole('list', { name: 'Files not rewritten' });
    expect(
      within(skipped)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['~/w/legacy/.npmrc']);
    expect(within(dialog).getByText(/before it recorded how/)).toBeTruthy();
    expect(within(dialog).queryByRole('list', { name: 'Rotation steps' })).toBeNull();
    expect(dialog.textContent).not.toContain(OLD);
  });

  it('shows each step as main reports it, then the outcome, and reloads the list', async () => {
    const setup = await fixture();
    const { registry, keyport, npmrc } = setup;
    // The registry is slow at three moments: the rotation waits there, and the dialog shows it.
    const create = gate();
    const check = gate();
    const revoke = gate();
    registry.failNext(
      { method: 'POST', path: '/-/npm/v1/tokens' },
      { kind: 'delay', until: create.until },
    );
    registry.failNext({ method: 'GET', path: '/-/whoami' }, { kind: 'delay', until: check.until });
    registry.failNext({ method: 'DELETE' }, { kind: 'delay', until: revoke.until });
    const { dialog, user, rotate } = await openRotate(setup, true);
    await user.type(within(dialog).getByLabelText('Password'), PASSWORD);
    const creating = registry.nextHang();
    await user.click(rotate());

    expect(rotate().textContent).toBe('Rotating…');
    expect(rotate().getAttribute('aria-disabled')).toBe('true');
    const [request] = keyport.callsTo('rotateToken') as Array<{ opId: string }>;
    expect(request).toEqual({ tokenId: 'r', password: PASSWORD, opId: expect.any(String) });
    // Started, nothing reported yet: the first step is the current one.
    expect(steps(dialog)).toEqual([
      { text: 'Create new token (in progress)', current: true },
      { text: 'Rewrite files', current: false },
      { text: 'Check the new token', current: false },
      { text: 'Revoke the old token', current: false },
    ]);
    expect(keyport.callsTo('operationStatus')).toEqual([]);
    await creating;

    const checking = registry.nextHang();
    create.release();
    await checking;
    await act(() => vi.advanceTimersByTimeAsync(250));
    expect(keyport.callsTo('operationStatus')[0]).toEqual({ opId: request?.opId });
    await waitFor(() =>
      expect(steps(dialog)).toEqual([
        { text: 'Create new token (done)', current: false },
        { text: 'Rewrite files (done)', current: false },
        { text: 'Check the new token (in progress)', current: true },
        { text: 'Revoke the old token', current: false },
      ]),
    );
    const firstMark = within(dialog).getByRole('list', { name: 'Rotation steps' }).firstChild;
    expect(firstMark?.textContent?.startsWith('✓')).toBe(true);
    // The file already holds the new token while the registry checks it.
    expect(keyport.read(npmrc)).toContain(ROTATED);

    const revoking = registry.nextHang();
    check.release();
    await revoking;
    await act(() => vi.advanceTimersByTimeAsync(250));
    await waitFor(() =>
      expect(steps(dialog).map((s) => s.current)).toEqual([false, false, false, true]),
    );
    expect(steps(dialog)[2]?.text).toBe('Check the new token (done)');

    revoke.release();
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(notices()).getByText('Rotated “ci publish”: 1 file rewritten')).toBeTruthy();
    expect(keyport.read(npmrc)).not.toContain(OLD);
    expect((await keyport.core.vault.list()).map((t) => t.id)).not.toContain('r');
    await findList();
    await waitFor(() =>
      expect(within(row('ci publish')).getByText('npm_••••••••XYZ1')).toBeTruthy(),
    );

    // Polling stops with the call.
    const polls = keyport.callsTo('operationStatus').length;
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(keyport.callsTo('operationStatus')).toHaveLength(polls);
  });

  it('asks for the one-time password when the registry wants one, and sends it again', async () => {
    const setup = await fixture();
    setup.registry.requireOtp('123456');
    const { dialog, user, rotate, keyport, registry } = await openRotate(setup);
    expect(within(dialog).queryByLabelText('One-time password')).toBeNull();
    await user.type(within(dialog).getByLabelText('Password'), PASSWORD);
    await user.click(rotate());

    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(
      `${new URL(registry.url).host} asks for a one-time password.Your files were not changed; the old token still works.`,
    );
    const otp = within(dialog).getByLabelText('One-time password') as HTMLInputElement;
    expect(document.activeElement).toBe(otp);
    expect(within(dialog).queryByRole('list', { name: 'Rotation steps' })).toBeNull();

    await user.click(rotate());
    expect(within(dialog).getByText('Enter the one-time password.')).toBeTruthy();
    expect(keyport.callsTo('rotateToken')).toHaveLength(1);

    await user.type(otp, '123456');
    await user.click(rotate());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(keyport.callsTo('rotateToken')).toEqual([
      { tokenId: 'r', password: PASSWORD, opId: expect.any(String) },
      { tokenId: 'r', password: PASSWORD, otp: '123456', opId: expect.any(String) },
    ]);
    expect(within(notices()).getByText('Rotated “ci publish”: 1 file rewritten')).toBeTruthy();
  });

  it('says what failed and that nothing changed; the old token stays', async () => {
    const setup = await fixture();
    // The registry does not accept the new token when it is checked.
    setup.registry.failNext({ method: 'GET', path: '/-/whoami' }, { kind: 'status', status: 401 });
    const { dialog, user, rotate, store, keyport, registry, npmrc, entry, oldKey } =
      await openRotate(setup);
    await user.type(within(dialog).getByLabelText('Password'), PASSWORD);
    await user.click(rotate());
    const alert = await within(dialog).findByRole('alert');
    expect(
      within(alert).getByText('The registry does not accept the new token; nothing was changed.'),
    ).toBeTruthy();
    expect(
      within(alert).getByText('Your files were not changed; the old token still works.'),
    ).toBeTruthy();
    expect(rotate().textContent).toBe('Rotate');
    expect(store.getState().tokens.some((t) => t.id === 'r')).toBe(true);
    expect(keyport.read(npmrc)).toBe(`${entry}=${OLD}\n`);
    // The half-made new token was revoked again; the old one is still on the registry.
    expect(registry.tokens.map((t) => t.key)).toEqual([oldKey]);
    expect(within(notices()).queryByText(/^Rotated/)).toBeNull();
  });

  it('does not claim nothing changed when main could not roll back', async () => {
    const setup = await fixture();
    const { registry } = setup;
    // The check fails, and so does revoking the half-made new token during the rollback.
    registry.failNext({ method: 'GET', path: '/-/whoami' }, { kind: 'status', status: 401 });
    registry.failNext({ method: 'DELETE' }, { kind: 'status', status: 403, body: '{}' });
    const { dialog, user, rotate } = await openRotate(setup);
    await user.type(within(dialog).getByLabelText('Password'), PASSWORD);
    await user.click(rotate());
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(
      `Rotation failed and could not be fully undone: ${new URL(registry.url).host} refused this request. The old token is still valid.`,
    );
    expect(within(alert).queryByText(/old token still works/)).toBeNull();
  });

  it('Cancel stops a running rotation and shows that nothing changed', async () => {
    const setup = await fixture();
    const { registry, keyport, oldKey } = setup;
    // The registry stalls on the create: the rotation is in flight there.
    registry.failNext({ method: 'POST', path: '/-/npm/v1/tokens' }, { kind: 'hang' });
    const hung = registry.nextHang();
    const { dialog, user, rotate } = await openRotate(setup);
    await user.type(within(dialog).getByLabelText('Password'), PASSWORD);
    await user.click(rotate());
    await hung;
    const [request] = keyport.callsTo('rotateToken') as Array<{ opId: string }>;
    const sent = registry.requests.length;
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(keyport.callsTo('cancelOperation')).toEqual([{ opId: request?.opId }]);
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(
      `Cancelled. ${new URL(registry.url).host} may already have carried out the request; list the tokens to check.` +
        'Your files were not changed; the old token still works.',
    );
    // Nothing reached the registry after the cancel, and the old token is all there is.
    expect(registry.requests).toHaveLength(sent);
    expect(registry.tokens.map((t) => t.key)).toEqual([oldKey]);
    expect(screen.getByRole('dialog', { name: 'Rotate token' })).toBeTruthy();
    // Now Cancel closes.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('cannot rotate when the preview fails, and says why', async () => {
    const { keyport, registry } = await fixture();
    // Signed out from the terminal meanwhile (`keyport logout`): no account for the registry.
    await keyport.removeBehindTheApp('acc');
    const { user } = await renderApp({ keyport });
    await findList();
    await user.click(
      within(await openToken(user, 'ci publish')).getByRole('button', { name: 'Rotate…' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Rotate token' });
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      `Sign in to ${registry.url} first to rotate "ci publish".`,
    );
    expect(
      (within(dialog).getByRole('button', { name: 'Rotate' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(
      within(row('ci publish')).getByRole('button', { name: 'Rotate…' }),
    );
  });
});
