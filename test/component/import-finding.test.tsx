import { appendFileSync } from 'node:fs';
import { screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderApp, secret } from './render-app';
import { openFinding, runScan, statusOf } from './scan-helpers';
import { TestKeyport } from './test-keyport';

const NPM = secret('plain');
const MVN = secret('maven');
const NETRC = secret('netrc');

async function fixture() {
  const keyport = await TestKeyport.open();
  const npmrc = keyport.write(
    '.npmrc',
    `registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=${NPM}\n`,
  );
  const settings = keyport.write(
    '.m2/settings.xml',
    `<settings>\n  <servers>\n    <server>\n      <id>corp</id>\n      <username>deployer</username>\n      <password>${MVN}</password>\n    </server>\n  </servers>\n</settings>\n`,
  );
  const netrc = keyport.write('.netrc', `machine pypi.corp.dev login ci password ${NETRC}\n`);
  return { keyport, npmrc, settings, netrc };
}

type Fixture = Awaited<ReturnType<typeof fixture>>;

async function openImport(which: (f: Fixture) => [string, number], setup?: Fixture) {
  const fx = setup ?? (await fixture());
  const [file, line] = which(fx);
  const ctx = await renderApp({ keyport: fx.keyport });
  await screen.findByRole('heading', { name: 'No tokens yet' });
  await runScan(ctx.user);
  await ctx.user.click(
    within(await openFinding(ctx.user, file, line)).getByRole('button', { name: 'Import…' }),
  );
  const dialog = screen.getByRole('dialog', { name: 'Import token' });
  return { ...fx, ...ctx, dialog };
}

const field = (dialog: HTMLElement, name: string) =>
  within(dialog).getByLabelText(name) as HTMLInputElement;
const notices = () => screen.getByRole('status', { name: 'Notifications' });

describe('Import a found token', () => {
  it('imports, offers a reference with a diff, replaces, and undoes from the notice', async () => {
    const { dialog, user, keyport, store, npmrc } = await openImport((f) => [f.npmrc, 2]);
    expect(within(dialog).getByText('//npm.acme.dev/:_authToken=npm_••••••••plai')).toBeTruthy();
    expect(field(dialog, 'Label').value).toBe('npm.acme.dev');
    expect(field(dialog, 'Registry URL').value).toBe('https://npm.acme.dev/');
    expect((within(dialog).getByLabelText('Ecosystem') as HTMLSelectElement).value).toBe('npm');
    expect(document.activeElement).toBe(field(dialog, 'Label'));

    await user.clear(field(dialog, 'Label'));
    await user.type(field(dialog, 'Label'), 'acme personal');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));

    await waitFor(() => expect(keyport.callsTo('importFinding')).toHaveLength(1));
    expect(keyport.callsTo('importFinding')).toEqual([
      {
        findingId: expect.stringMatching(/^[0-9a-f]{16}$/),
        label: 'acme personal',
        registry: 'https://npm.acme.dev/',
        ecosystem: 'npm',
      },
    ]);
    // The toast waits while the dialog is open; the next step says it instead.
    await waitFor(() => expect(dialog.textContent).toContain('Imported “acme personal”.'));
    expect(within(notices()).queryByText('Imported “acme personal”')).toBeNull();
    const imported = store.getState().tokens.find((t) => t.label === 'acme personal');
    expect(imported?.origin).toBe('imported');

    // Second step, same dialog: the question, with the core's diff.
    const question = within(dialog).getByRole('heading', {
      name: 'Replace the plaintext with a reference?',
    });
    expect(document.activeElement).toBe(question);
    const diff = await within(dialog).findByRole('region', { name: 'Diff preview' });
    expect(keyport.callsTo('planWrite')).toEqual([
      {
        tokenId: imported?.id,
        format: 'npmrc',
        file: npmrc,
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
    await waitFor(() => expect(statusOf(npmrc, 2)).toBe('plaintext, in Keyport'));

    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(keyport.read(npmrc)).toBe(
      `registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=\${KEYPORT_${imported?.id.toUpperCase()}}\n`,
    );
    expect(
      await within(notices()).findByText('Wrote //npm.acme.dev/:_authToken to ~/.npmrc'),
    ).toBeTruthy();
    await waitFor(() => expect(statusOf(npmrc, 2)).toBe('reference'));
    expect(
      within(await openFinding(user, npmrc, 2)).queryByRole('button', {
        name: /Import/,
      }),
    ).toBeNull();

    await user.click(within(notices()).getByRole('button', { name: 'Undo' }));
    expect(await within(notices()).findByText('Restored ~/.npmrc')).toBeTruthy();
    expect(keyport.read(npmrc)).toBe(
      `registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=${NPM}\n`,
    );
    await waitFor(() => expect(statusOf(npmrc, 2)).toBe('plaintext, in Keyport'));
    expect(document.body.textContent).not.toContain(NPM);
  });

  it('asks for the registry a Maven entry does not name, and "Keep as is" leaves the file', async () => {
    const { dialog, user, keyport, store, settings } = await openImport((f) => [f.settings, 6]);
    expect(field(dialog, 'Label').value).toBe('corp (settings.xml)');
    expect(field(dialog, 'Registry URL').value).toBe('');
    expect((within(dialog).getByLabelText('Ecosystem') as HTMLSelectElement).value).toBe('maven');

    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect(within(dialog).getByText('Enter the registry URL.')).toBeTruthy();
    expect(document.activeElement).toBe(field(dialog, 'Registry URL'));
    expect(keyport.callsTo('importFinding')).toEqual([]);

    await user.type(field(dialog, 'Registry URL'), 'https://maven.corp.dev/releases/');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await within(dialog).findByRole('region', { name: 'Diff preview' });
    const [plan] = keyport.callsTo('planWrite') as Array<Record<string, unknown>>;
    expect(plan).toMatchObject({
      format: 'maven',
      file: settings,
      registry: 'https://maven.corp.dev/releases/',
      serverId: 'corp',
      reference: true,
    });
    const id = store.getState().tokens.find((t) => t.label === 'corp (settings.xml)')?.id;
    // The entry keeps its kind: its password becomes the reference, the user name stays.
    const diff = within(dialog).getByRole('region', { name: 'Diff preview' });
    expect(diff.textContent).toContain('-      <password>npm_••••••••mave</password>');
    expect(diff.textContent).toContain(
      `+      <password>\${env.KEYPORT_${id?.toUpperCase()}}</password>`,
    );
    expect(diff.textContent).not.toContain('Authorization');

    const before = keyport.read(settings);
    await user.click(within(dialog).getByRole('button', { name: 'Keep as is' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(keyport.callsTo('applyWrite')).toEqual([]);
    expect(keyport.read(settings)).toBe(before);
    expect(before).toContain(MVN);
  });

  it('refuses a replace when the file changed since the preview, and previews again', async () => {
    const { dialog, user, keyport, npmrc, store } = await openImport((f) => [f.npmrc, 2]);
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await within(dialog).findByRole('region', { name: 'Diff preview' });
    appendFileSync(npmrc, 'save-exact=true\n');
    const edited = keyport.read(npmrc);
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      `${npmrc.replace(`${keyport.home}/`, '~/')} changed since the preview; Keyport wrote nothing. Review the new preview and try again.`,
    );
    expect(keyport.read(npmrc)).toBe(edited);
    const replace = within(dialog).getByRole('button', { name: 'Replace' }) as HTMLButtonElement;
    expect(replace.disabled).toBe(true);

    await user.click(within(dialog).getByRole('button', { name: 'Preview again' }));
    await within(dialog).findByRole('region', { name: 'Diff preview' });
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(keyport.callsTo('planWrite')).toHaveLength(2);
    await user.click(within(dialog).getByRole('button', { name: 'Replace' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const id = store.getState().tokens.find((t) => t.origin === 'imported')?.id;
    expect(keyport.read(npmrc)).toBe(
      `registry=https://npm.acme.dev/\n//npm.acme.dev/:_authToken=\${KEYPORT_${id?.toUpperCase()}}\nsave-exact=true\n`,
    );
  });

  it('closes after importing from a file that cannot hold a reference', async () => {
    const { dialog, user, keyport, netrc } = await openImport((f) => [f.netrc, 1]);
    expect(field(dialog, 'Label').value).toBe('pypi.corp.dev');
    expect((within(dialog).getByLabelText('Ecosystem') as HTMLSelectElement).value).toBe('pip');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(within(notices()).getByText('Imported “pypi.corp.dev”')).toBeTruthy();
    expect(keyport.callsTo('planWrite')).toEqual([]);
    await waitFor(() => expect(statusOf(netrc, 1)).toBe('plaintext, in Keyport'));
  });

  it('shows why an import failed and stays open', async () => {
    const { dialog, user, keyport } = await openImport((f) => [f.netrc, 1]);
    keyport.secrets.locked = true;
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The keychain is locked. Unlock it (log in to your desktop keyring) and try again; nothing was changed.',
    );
    expect(screen.getByRole('dialog', { name: 'Import token' })).toBeTruthy();
    expect(within(notices()).queryByText(/^Imported/)).toBeNull();
  });

  it('says why a reference cannot be prepared, and Escape closes with the import kept', async () => {
    const { dialog, user, store, npmrc } = await openImport((f) => [f.npmrc, 2]);
    // Someone adds a line npm's format does not have, after the scan.
    appendFileSync(npmrc, 'export NPM_TOKEN\n');
    await user.click(within(dialog).getByRole('button', { name: 'Import' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The existing .npmrc has a line that is not key = value (line 3); Keyport left it untouched.',
    );
    expect(
      (within(dialog).getByRole('button', { name: 'Replace' }) as HTMLButtonElement).disabled,
    ).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().tokens.map((t) => t.label)).toEqual(['npm.acme.dev']);
  });
});
