import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeKeyport } from './fake-keyport';
import { renderFakeApp, secret } from './render-app';
import { openFinding, runScan, statusOf } from './scan-helpers';

const NPM = secret('plain');
const MVN = secret('maven');
const NETRC = secret('netrc');

function fixture() {
  const fake = new FakeKeyport([]);
  fake.configs.files.set(
    '/home/u/.npmrc',
    `registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=${NPM}`,
  );
  fake.configs.files.set('/home/u/.m2/settings.xml', `server id=corp=${MVN}`);
  fake.configs.files.set('/home/u/.netrc', `machine pypi.corp.dev=${NETRC}`);
  return fake;
}

async function openImport(file: string, line: number, fake = fixture()) {
  const ctx = renderFakeApp({ fake });
  await screen.findByRole('heading', { name: 'No tokens yet' });
  await runScan(ctx.user);
  await ctx.user.click(
    within(await openFinding(ctx.user, file, line)).getByRole('button', { name: 'Import…' }),
  );
  const dialog = screen.getByRole('dialog', { name: 'Import token' });
  return { ...ctx, dialog };
}

const field = (dialog: HTMLElement, name: string) =>
  within(dialog).getByLabelText(name) as HTMLInputElement;
const notices = () => screen.getByRole('status', { name: 'Notifications' });

describe('Import a found token', () => {
  it('imports, offers a reference with a diff, replaces, and undoes from the notice', async () => {
    const { dialog, user, fake, store } = await openImport('/home/u/.npmrc', 2);
    expect(within(dialog).getByText('//npm.acme.dev/:_authToken=npm_••••••••plai')).toBeTruthy();
    expect(field(dialog, 'Label').value).toBe('npm.acme.dev');
    expect(field(dialog, 'Registry URL').value).toBe('https://npm.acme.dev/');
    expect((within(dialog).getByLabelText('Ecosystem') as HTMLSelectElement).value).toBe('npm');
    expect(document.activeElement).toBe(field(dialog, 'Label'));

    await user.clear(field(dialog, 'Label'));
    await user.type(field(dialog, 'Label'), 'acme personal');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    expect(fake.callsTo('importFinding')).toEqual([
      {
        findingId: 'f1',
        label: 'acme personal',
        registry: 'https://npm.acme.dev/',
        ecosystem: 'npm',
      },
    ]);
    // The toast waits while the dialog is open; the next step says it instead.
    expect(within(notices()).queryByText('Imported “acme personal”')).toBeNull();
    expect(dialog.textContent).toContain('Imported “acme personal”.');
    const imported = store.getState().tokens.find((t) => t.label === 'acme personal');
    expect(imported?.origin).toBe('imported');

    // Second step, same dialog: the question, with the core's diff.
    const question = within(dialog).getByRole('heading', {
      name: 'Replace the plaintext with a reference?',
    });
    expect(document.activeElement).toBe(question);
    const diff = await within(dialog).findByRole('region', { name: 'Diff preview' });
    expect(fake.callsTo('planWrite')).toEqual([
      {
        tokenId: imported?.id,
        format: 'npmrc',
        file: '/home/u/.npmrc',
        registry: 'https://npm.acme.dev/',
        reference: true,
      },
    ]);
    expect(within(diff).getByText('-//npm.acme.dev/:_authToken=npm_••••••••plai')).toBeTruthy();
    expect(
      within(diff).getByText(
        `+//npm.acme.dev/:_authToken=\${KEYPORT_${imported?.id.toUpperCase()}}`,
      ),
    ).toBeTruthy();
    // The rescan after import already shows the value as held.
    await waitFor(() => expect(statusOf('/home/u/.npmrc', 2)).toBe('plaintext, in Keyport'));

    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.configs.files.get('/home/u/.npmrc')).toBe(
      `registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=\${KEYPORT_${imported?.id.toUpperCase()}}`,
    );
    expect(
      within(notices()).getByText('Wrote //npm.acme.dev/:_authToken to ~/.npmrc'),
    ).toBeTruthy();
    await waitFor(() => expect(statusOf('/home/u/.npmrc', 2)).toBe('reference'));
    expect(
      within(await openFinding(user, '/home/u/.npmrc', 2)).queryByRole('button', {
        name: /Import/,
      }),
    ).toBeNull();

    await user.click(within(notices()).getByRole('button', { name: 'Undo' }));
    expect(await within(notices()).findByText('Restored ~/.npmrc')).toBeTruthy();
    expect(fake.configs.files.get('/home/u/.npmrc')).toBe(
      `registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=${NPM}`,
    );
    await waitFor(() => expect(statusOf('/home/u/.npmrc', 2)).toBe('plaintext, in Keyport'));
    expect(document.body.textContent).not.toContain(NPM);
  });

  it('asks for the registry a Maven entry does not name, and "Keep as is" leaves the file', async () => {
    const { dialog, user, fake } = await openImport('/home/u/.m2/settings.xml', 1);
    expect(field(dialog, 'Label').value).toBe('corp (settings.xml)');
    expect(field(dialog, 'Registry URL').value).toBe('');
    expect((within(dialog).getByLabelText('Ecosystem') as HTMLSelectElement).value).toBe('maven');

    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(within(dialog).getByText('Enter the registry URL.')).toBeTruthy();
    expect(document.activeElement).toBe(field(dialog, 'Registry URL'));
    expect(fake.callsTo('importFinding')).toEqual([]);

    await user.type(field(dialog, 'Registry URL'), 'https://maven.corp.dev/releases/');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await within(dialog).findByRole('region', { name: 'Diff preview' });
    const [plan] = fake.callsTo('planWrite') as Array<Record<string, unknown>>;
    expect(plan).toMatchObject({
      format: 'maven',
      file: '/home/u/.m2/settings.xml',
      registry: 'https://maven.corp.dev/releases/',
      serverId: 'corp',
      reference: true,
    });
    expect(within(dialog).getByText(/^\+server id=corp=\$\{env\.KEYPORT_T1\}$/)).toBeTruthy();

    await user.click(within(dialog).getByRole('button', { name: 'Keep as is' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.callsTo('applyWrite')).toEqual([]);
    expect(fake.configs.files.get('/home/u/.m2/settings.xml')).toBe(`server id=corp=${MVN}`);
  });

  it('refuses a replace when the file changed since the preview, and previews again', async () => {
    const { dialog, user, fake } = await openImport('/home/u/.npmrc', 2);
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await within(dialog).findByRole('region', { name: 'Diff preview' });
    const edited = `${fake.configs.files.get('/home/u/.npmrc')}\nsave-exact=true`;
    fake.configs.files.set('/home/u/.npmrc', edited);
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    expect(within(dialog).getByRole('alert').textContent).toBe(
      '/home/u/.npmrc changed since the preview; Keyport wrote nothing. Review the new preview and try again.',
    );
    expect(fake.configs.files.get('/home/u/.npmrc')).toBe(edited);
    const replace = within(dialog).getByRole('button', { name: 'Replace' }) as HTMLButtonElement;
    expect(replace.disabled).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Preview again' }));
    await within(dialog).findByRole('region', { name: 'Diff preview' });
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(fake.callsTo('planWrite')).toHaveLength(2);
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.configs.files.get('/home/u/.npmrc')).toMatch(
      /_authToken=\$\{KEYPORT_T1\}\nsave-exact=true$/,
    );
  });

  it('closes after importing from a file that cannot hold a reference', async () => {
    const { dialog, user, fake } = await openImport('/home/u/.netrc', 1);
    expect(field(dialog, 'Label').value).toBe('pypi.corp.dev');
    expect((within(dialog).getByLabelText('Ecosystem') as HTMLSelectElement).value).toBe('pip');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(within(notices()).getByText('Imported “pypi.corp.dev”')).toBeTruthy();
    expect(fake.callsTo('planWrite')).toEqual([]);
    await waitFor(() => expect(statusOf('/home/u/.netrc', 1)).toBe('plaintext, in Keyport'));
  });

  it('shows why an import failed and stays open', async () => {
    const { dialog, user, fake } = await openImport('/home/u/.netrc', 1);
    fake.failNext('importFinding', 'NOT_FOUND', 'That finding is gone; scan again.');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(within(dialog).getByRole('alert').textContent).toBe('That finding is gone; scan again.');
    expect(screen.getByRole('dialog', { name: 'Import token' })).toBeTruthy();
    expect(within(notices()).queryByText(/^Imported/)).toBeNull();
  });

  it('says why a reference cannot be prepared, and Escape closes with the import kept', async () => {
    const { dialog, user, fake, store } = await openImport('/home/u/.npmrc', 2);
    fake.failNext(
      'planWrite',
      'CONFIG_INVALID',
      '/home/u/.npmrc line 4 is not valid; fix it first.',
    );
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      '/home/u/.npmrc line 4 is not valid; fix it first.',
    );
    expect(
      (within(dialog).getByRole('button', { name: 'Replace' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().tokens.map((t) => t.label)).toEqual(['npm.acme.dev']);
  });
});
