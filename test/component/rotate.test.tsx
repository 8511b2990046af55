import { act, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { FakeKeyport } from './fake-keyport';
import { detailPane, findList, openToken, renderFakeApp, secret } from './render-app';

const OLD = secret('old');
const PASSWORD = 'correct-horse';
const NPMRC = '/home/u/.npmrc';
const ENTRY = '//registry.npmjs.org/:_authToken';

/** An account, a token created through it (written to two files, one without a target), and a pasted one. */
function fixture() {
  const fake = new FakeKeyport();
  fake.registry.seedAccount({ id: 'acc', username: 'alice' });
  fake.registry.seedRemote('acc', { key: 'key-old' });
  fake.seed({
    id: 'r',
    label: 'ci publish',
    secret: OLD,
    remoteKey: 'key-old',
    origin: 'created',
    permissions: ['publish'],
    writtenTo: [
      {
        format: 'npmrc',
        file: NPMRC,
        entry: ENTRY,
        at: '',
        target: { registry: 'https://registry.npmjs.org/' },
      },
      { format: 'npmrc', file: '/w/legacy/.npmrc', entry: ENTRY, at: '' },
    ],
  });
  fake.seed({ id: 'p', label: 'pasted', secret: secret('pasted') });
  fake.configs.files.set(NPMRC, `${ENTRY}=${OLD}`);
  return fake;
}

const row = (label: string) => detailPane(label);
const notices = () => screen.getByRole('status', { name: 'Notifications' });

async function openRotate(fake = fixture(), fakeTimers = false) {
  const ctx = renderFakeApp({ fake, fakeTimers });
  await findList();
  await ctx.user.click(
    within(await openToken(ctx.user, 'ci publish')).getByRole('button', { name: 'Rotate…' }),
  );
  const dialog = screen.getByRole('dialog', { name: 'Rotate token' });
  await within(dialog).findByRole('region', { name: `Changes to ${NPMRC}` });
  const rotate = () => within(dialog).getByRole('button', { name: /^Rotat/ }) as HTMLButtonElement;
  return { ...ctx, dialog, rotate };
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
    const { user } = renderFakeApp({ fake: fixture() });
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
    expect(screen.queryByRole('option', { name: 'alice @ registry.npmjs.org' })).toBeNull();
  });

  it('previews the account, each file with its masked diff, and the files it cannot rewrite', async () => {
    const { dialog, fake } = await openRotate();
    expect(fake.callsTo('previewRotation')).toEqual([{ tokenId: 'r' }]);
    expect(within(dialog).getByText('alice @ registry.npmjs.org').tagName).toBe('STRONG');
    const diff = within(dialog).getByRole('region', { name: `Changes to ${NPMRC}` });
    expect(within(diff).getByText(`-${ENTRY}=npm_••••••••oldz`)).toBeTruthy();
    expect(within(diff).getByText(`+${ENTRY}=npm_••••••••(new)`)).toBeTruthy();
    const skipped = within(dialog).getByRole('list', { name: 'Files not rewritten' });
    expect(
      within(skipped)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['/w/legacy/.npmrc']);
    expect(within(dialog).getByText(/before it recorded how/)).toBeTruthy();
    expect(within(dialog).queryByRole('list', { name: 'Rotation steps' })).toBeNull();
    expect(dialog.textContent).not.toContain(OLD);
  });

  it('shows each step as main reports it, then the outcome, and reloads the list', async () => {
    const fake = fixture();
    const { dialog, user, rotate } = await openRotate(fake, true);
    const release = fake.hold('rotateToken');
    await user.type(within(dialog).getByLabelText('Password'), PASSWORD);
    await user.click(rotate());

    expect(rotate().textContent).toBe('Rotating…');
    expect(rotate().getAttribute('aria-disabled')).toBe('true');
    const [request] = fake.callsTo('rotateToken') as Array<{ opId: string }>;
    expect(request).toEqual({ tokenId: 'r', password: PASSWORD, opId: expect.any(String) });
    // Started, nothing reported yet: the first step is the current one.
    expect(steps(dialog)).toEqual([
      { text: 'Create new token (in progress)', current: true },
      { text: 'Rewrite files', current: false },
      { text: 'Check the new token', current: false },
      { text: 'Revoke the old token', current: false },
    ]);
    expect(fake.callsTo('operationStatus')).toEqual([]);

    fake.rotation.step = 'rewrite';
    await act(() => vi.advanceTimersByTimeAsync(250));
    expect(fake.callsTo('operationStatus')[0]).toEqual({ opId: request?.opId });
    expect(steps(dialog)).toEqual([
      { text: 'Create new token (done)', current: false },
      { text: 'Rewrite files (in progress)', current: true },
      { text: 'Check the new token', current: false },
      { text: 'Revoke the old token', current: false },
    ]);
    const firstMark = within(dialog).getByRole('list', { name: 'Rotation steps' }).firstChild;
    expect(firstMark?.textContent?.startsWith('✓')).toBe(true);

    fake.rotation.step = 'revoke';
    await act(() => vi.advanceTimersByTimeAsync(250));
    expect(steps(dialog).map((s) => s.current)).toEqual([false, false, false, true]);
    expect(steps(dialog)[2]?.text).toBe('Check the new token (done)');

    await act(async () => release());
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(notices()).getByText('Rotated “ci publish”: 1 file rewritten')).toBeTruthy();
    expect(fake.configs.files.get(NPMRC)).not.toContain(OLD);
    expect(fake.metas.has('r')).toBe(false);
    await findList();
    expect(within(row('ci publish')).getByText('npm_••••••••XYZ1')).toBeTruthy();

    // Polling stops with the call.
    const polls = fake.callsTo('operationStatus').length;
    await act(() => vi.advanceTimersByTimeAsync(2000));
    expect(fake.callsTo('operationStatus')).toHaveLength(polls);
  });

  it('asks for the one-time password when the registry wants one, and sends it again', async () => {
    const fake = fixture();
    fake.registry.otp = '123456';
    const { dialog, user, rotate } = await openRotate(fake);
    expect(within(dialog).queryByLabelText('One-time password')).toBeNull();
    await user.type(within(dialog).getByLabelText('Password'), PASSWORD);
    await user.click(rotate());

    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toBe(
      'The registry asks for a one-time password.Nothing was changed; the old token still works.',
    );
    const otp = within(dialog).getByLabelText('One-time password') as HTMLInputElement;
    expect(document.activeElement).toBe(otp);
    expect(within(dialog).queryByRole('list', { name: 'Rotation steps' })).toBeNull();

    await user.click(rotate());
    expect(within(dialog).getByText('Enter the one-time password.')).toBeTruthy();
    expect(fake.callsTo('rotateToken')).toHaveLength(1);

    await user.type(otp, '123456');
    await user.click(rotate());
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.callsTo('rotateToken')).toEqual([
      { tokenId: 'r', password: PASSWORD, opId: expect.any(String) },
      { tokenId: 'r', password: PASSWORD, otp: '123456', opId: expect.any(String) },
    ]);
    expect(within(notices()).getByText('Rotated “ci publish”: 1 file rewritten')).toBeTruthy();
  });

  it('says what failed and that nothing changed; the old token stays', async () => {
    const fake = fixture();
    fake.rotation.verifyFails = true;
    const { dialog, user, rotate, store } = await openRotate(fake);
    await user.type(within(dialog).getByLabelText('Password'), PASSWORD);
    await user.click(rotate());
    const alert = within(dialog).getByRole('alert');
    expect(within(alert).getByText('The registry does not accept the new token.')).toBeTruthy();
    expect(within(alert).getByText('Nothing was changed; the old token still works.')).toBeTruthy();
    expect(rotate().textContent).toBe('Rotate');
    expect(store.getState().tokens.some((t) => t.id === 'r')).toBe(true);
    expect(fake.configs.files.get(NPMRC)).toBe(`${ENTRY}=${OLD}`);
    expect(within(notices()).queryByText(/^Rotated/)).toBeNull();
  });

  it('does not claim nothing changed when main could not roll back', async () => {
    const { dialog, user, rotate, fake } = await openRotate();
    fake.failNext(
      'rotateToken',
      'INTERNAL',
      'Rotation failed and could not be fully undone: /home/u/.npmrc is locked. The old token is still valid.',
    );
    await user.click(rotate());
    const alert = within(dialog).getByRole('alert');
    expect(alert.textContent).toBe(
      'Rotation failed and could not be fully undone: /home/u/.npmrc is locked. The old token is still valid.',
    );
    expect(within(alert).queryByText(/Nothing was changed/)).toBeNull();
  });

  it('Cancel stops a running rotation and shows that nothing changed', async () => {
    const fake = fixture();
    const { dialog, user, rotate } = await openRotate(fake);
    fake.hold('rotateToken');
    await user.click(rotate());
    const [request] = fake.callsTo('rotateToken') as Array<{ opId: string }>;
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(fake.callsTo('cancelOperation')).toEqual([{ opId: request?.opId }]);
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toBe(
      'The request was cancelled.Nothing was changed; the old token still works.',
    );
    expect(screen.getByRole('dialog', { name: 'Rotate token' })).toBeTruthy();
    // Now Cancel closes.
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('cannot rotate when the preview fails, and says why', async () => {
    const fake = fixture();
    fake.failNext('previewRotation', 'NOT_FOUND', 'Sign in to https://registry.npmjs.org/ first.');
    const { user } = renderFakeApp({ fake });
    await findList();
    await user.click(
      within(await openToken(user, 'ci publish')).getByRole('button', { name: 'Rotate…' }),
    );
    const dialog = screen.getByRole('dialog', { name: 'Rotate token' });
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'Sign in to https://registry.npmjs.org/ first.',
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
