import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { FakeKeyport, type SeedToken } from './fake-keyport';
import { detailPane, findList, openToken, renderFakeApp, secret } from './render-app';

const NPM = secret('alpha');
const MVN = secret('maven');
const tokens: SeedToken[] = [
  { id: 'a', label: 'alpha', secret: NPM, user: 'alice' },
  {
    id: 'm',
    label: 'corp maven',
    secret: MVN,
    ecosystem: 'maven',
    registry: 'https://maven.corp.dev/releases/',
    user: 'deployer',
  },
];
const row = (label: string) => detailPane(label);
const field = (dialog: HTMLElement, name: string) =>
  within(dialog).getByLabelText(name) as HTMLInputElement;
const button = (dialog: HTMLElement, name: string) =>
  within(dialog).getByRole('button', { name }) as HTMLButtonElement;

async function openWrite(label: string, fake = new FakeKeyport(tokens)) {
  const ctx = renderFakeApp({ fake });
  await findList();
  const pane = await openToken(ctx.user, label);
  await ctx.user.click(within(pane).getByRole('button', { name: 'Write to config…' }));
  const dialog = screen.getByRole('dialog', { name: 'Write to config' });
  // The default paths come from config:defaults.
  await waitFor(() => expect(field(dialog, 'File').value).toMatch(/^\/home\/u\//));
  return { ...ctx, dialog };
}

describe('Write to config', () => {
  it('previews a masked diff, writes, records where, and undoes from the notice', async () => {
    const { dialog, user, fake, store } = await openWrite('alpha');
    const format = within(dialog).getByRole('combobox', { name: 'Format' }) as HTMLSelectElement;
    expect(format.value).toBe('npmrc');
    expect(field(dialog, 'File').value).toBe('/home/u/.npmrc');
    expect(field(dialog, 'Registry URL').value).toBe('https://registry.npmjs.org/');
    expect(button(dialog, 'Write').disabled).toBe(true);

    await user.type(field(dialog, 'Scope'), '@acme');
    await user.click(button(dialog, 'Preview'));

    expect(fake.callsTo('planWrite')).toEqual([
      {
        tokenId: 'a',
        format: 'npmrc',
        file: '/home/u/.npmrc',
        registry: 'https://registry.npmjs.org/',
        scope: '@acme',
      },
    ]);
    const diff = within(dialog).getByRole('region', { name: 'Diff preview' });
    const added = within(diff).getByText('+//registry.npmjs.org/:_authToken=npm_••••••••alph');
    expect(added.closest('.diff__line')?.className).toContain('diff__line--add');
    expect(diff.closest('.diff')?.querySelector('pre')).toBeTruthy();
    expect(within(dialog).getByText('new file')).toBeTruthy();
    expect(within(dialog).getByText('//registry.npmjs.org/:_authToken')).toBeTruthy();
    expect(dialog.textContent).not.toContain(NPM);

    await user.click(button(dialog, 'Write'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.callsTo('applyWrite')).toEqual([{ planId: 'plan1' }]);
    expect(fake.configs.files.get('/home/u/.npmrc')).toBe(
      `//registry.npmjs.org/:_authToken=${NPM}`,
    );
    const notices = screen.getByRole('status', { name: 'Notifications' });
    expect(
      within(notices).getByText('Wrote //registry.npmjs.org/:_authToken to ~/.npmrc'),
    ).toBeTruthy();
    const used = within(row('alpha')).getByRole('list', { name: 'Files using this token' });
    expect(within(used).getByText('~/.npmrc')).toBeTruthy();
    expect(within(used).getByText('plaintext')).toBeTruthy();
    expect(store.getState().tokens.find((t) => t.id === 'a')?.writtenTo).toHaveLength(1);

    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(await within(notices).findByText('Restored ~/.npmrc')).toBeTruthy();
    expect(fake.callsTo('undoWrite')).toEqual([{ undoId: 'undo2' }]);
    expect(fake.configs.files.has('/home/u/.npmrc')).toBe(false);
    expect(within(notices).queryByText(/^Wrote /)).toBeNull();
    expect(within(row('alpha')).getByText(/In no file Keyport knows of/)).toBeTruthy();
  });

  it('says "Nothing to change" and offers no write when the file already holds the entry', async () => {
    const fake = new FakeKeyport(tokens);
    fake.configs.files.set('/home/u/.npmrc', `//registry.npmjs.org/:_authToken=${NPM}`);
    const { dialog, user } = await openWrite('alpha', fake);
    await user.click(button(dialog, 'Preview'));
    expect(await within(dialog).findByText('Nothing to change')).toBeTruthy();
    expect(within(dialog).queryByRole('region', { name: 'Diff preview' })).toBeNull();
    expect(within(dialog).queryByText('new file')).toBeNull();
    expect(button(dialog, 'Write').disabled).toBe(true);
  });

  it('shows the core’s notes with the preview', async () => {
    const fake = new FakeKeyport(tokens);
    const note =
      'The file started with a byte-order mark (BOM), which pip cannot read; Keyport removes it.';
    fake.configs.nextNotes = [note];
    const { dialog, user } = await openWrite('alpha', fake);
    await user.click(button(dialog, 'Preview'));
    expect((await within(dialog).findByRole('note')).textContent).toBe(note);
  });

  it('drops the preview when a field changes, so Write writes only what was shown', async () => {
    const { dialog, user } = await openWrite('alpha');
    await user.click(button(dialog, 'Preview'));
    expect(button(dialog, 'Write').disabled).toBe(false);
    await user.type(field(dialog, 'Scope'), '@x');
    expect(within(dialog).queryByRole('region', { name: 'Diff preview' })).toBeNull();
    expect(button(dialog, 'Write').disabled).toBe(true);
  });

  it('refuses when the file changed since the preview, and previews again', async () => {
    const fake = new FakeKeyport(tokens);
    fake.configs.files.set('/home/u/.npmrc', 'registry=https://registry.npmjs.org/');
    const { dialog, user } = await openWrite('alpha', fake);
    await user.click(button(dialog, 'Preview'));
    expect(within(dialog).queryByText('new file')).toBeNull();
    // Someone edits the file between preview and write.
    fake.configs.files.set('/home/u/.npmrc', 'registry=https://other.example/');
    await user.click(button(dialog, 'Write'));

    expect(within(dialog).getByRole('alert').textContent).toBe(
      '/home/u/.npmrc changed since the preview; Keyport wrote nothing. Review the new preview and try again.',
    );
    expect(fake.configs.files.get('/home/u/.npmrc')).toBe('registry=https://other.example/');
    // The new preview the message speaks of is on screen: the file as it is now.
    expect(await within(dialog).findByRole('region', { name: 'Diff preview' })).toBeTruthy();
    expect(fake.callsTo('planWrite')).toHaveLength(2);
    expect(button(dialog, 'Preview again')).toBeTruthy();
    await user.click(button(dialog, 'Write'));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(fake.configs.files.get('/home/u/.npmrc')).toBe(
      `registry=https://other.example/\n//registry.npmjs.org/:_authToken=${NPM}`,
    );
  });

  it('shows why a file is invalid and never writes it', async () => {
    const { dialog, user, fake } = await openWrite('alpha');
    fake.failNext(
      'planWrite',
      'CONFIG_INVALID',
      '/home/u/.npmrc line 3 is not valid; fix it first.',
    );
    await user.click(button(dialog, 'Preview'));
    expect(within(dialog).getByRole('alert').textContent).toBe(
      '/home/u/.npmrc line 3 is not valid; fix it first.',
    );
    expect(within(dialog).queryByRole('region', { name: 'Diff preview' })).toBeNull();
    expect(button(dialog, 'Write').disabled).toBe(true);
    expect(fake.callsTo('applyWrite')).toEqual([]);
  });

  it('shows busy states on Preview and Write', async () => {
    const { dialog, user, fake } = await openWrite('alpha');
    const release = fake.hold('planWrite');
    await user.click(button(dialog, 'Preview'));
    expect(button(dialog, 'Previewing…').getAttribute('aria-disabled')).toBe('true');
    await user.click(button(dialog, 'Previewing…'));
    expect(fake.callsTo('planWrite')).toHaveLength(1);
    await act(async () => release());

    const releaseWrite = fake.hold('applyWrite');
    await user.click(button(dialog, 'Write'));
    expect(button(dialog, 'Writing…').getAttribute('aria-disabled')).toBe('true');
    await act(async () => releaseWrite());
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('checks the scope before asking the core', async () => {
    const { dialog, user, fake } = await openWrite('alpha');
    await user.type(field(dialog, 'Scope'), 'acme');
    await user.click(button(dialog, 'Preview'));
    expect(within(dialog).getByText('A scope looks like @acme.')).toBeTruthy();
    expect(document.activeElement).toBe(field(dialog, 'Scope'));
    expect(fake.callsTo('planWrite')).toEqual([]);
  });

  it('shows the fields each format needs and sends only those', async () => {
    const { dialog, user, fake } = await openWrite('corp maven');
    const format = within(dialog).getByRole('combobox', { name: 'Format' }) as HTMLSelectElement;
    // Exactly these fields are shown (in any order): no more, no fewer.
    const expectFields = (...names: string[]) =>
      expect(
        within(dialog)
          .getAllByRole('textbox')
          .concat(within(dialog).queryAllByRole('combobox'))
          .map((el) => (el as HTMLInputElement).labels?.[0]?.textContent)
          .sort(),
      ).toEqual(names.sort());
    // The whole last request: what every format sends for this token, plus the format's own.
    const expectLastPlan = (format: string, file: string, own: Record<string, string> = {}) =>
      expect(fake.callsTo('planWrite').at(-1)).toEqual({
        tokenId: 'm',
        format,
        file,
        registry: 'https://maven.corp.dev/releases/',
        ...own,
      });

    expect(format.value).toBe('maven');
    expect(field(dialog, 'File').value).toBe('/home/u/.m2/settings.xml');
    expectFields('Auth', 'File', 'Format', 'Registry URL', 'Server id', 'User name');
    expect(field(dialog, 'User name').value).toBe('deployer');
    expect(within(dialog).queryByLabelText('Scope')).toBeNull();

    await user.type(field(dialog, 'Server id'), 'corp');
    await user.click(button(dialog, 'Preview'));
    expectLastPlan('maven', '/home/u/.m2/settings.xml', {
      serverId: 'corp',
      mavenAuth: 'password',
      username: 'deployer',
    });
    expect(within(dialog).getByText('server id=corp')).toBeTruthy();

    // A bearer header has no user name.
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Auth' }), 'bearer');
    expect(within(dialog).queryByLabelText('User name')).toBeNull();
    await user.click(button(dialog, 'Preview'));
    expectLastPlan('maven', '/home/u/.m2/settings.xml', { serverId: 'corp', mavenAuth: 'bearer' });

    await user.selectOptions(format, 'nuget');
    expect(field(dialog, 'File').value).toBe('/home/u/.nuget/NuGet/NuGet.Config');
    expectFields('File', 'Format', 'Registry URL', 'Source name', 'User name');

    await user.selectOptions(format, 'pip');
    expect(field(dialog, 'File').value).toBe('/home/u/.config/pip/pip.conf');
    expectFields('File', 'Format', 'Mode', 'Registry URL', 'User name');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Mode' }),
      'extra-index-url',
    );

    await user.selectOptions(format, 'pypirc');
    expectFields('File', 'Format', 'Registry URL', 'Repository', 'User name');
    await user.type(field(dialog, 'Repository'), 'corp');

    await user.selectOptions(format, 'netrc');
    expect(field(dialog, 'File').value).toBe('/home/u/.netrc');
    expectFields('File', 'Format', 'Registry URL', 'User name');

    await user.selectOptions(format, 'npmrc');
    expectFields('File', 'Format', 'Registry URL', 'Scope');
    // A project .npmrc comes from main's native Save dialog: no path is typed here.
    expect(field(dialog, 'File').tagName).toBe('SELECT');
    fake.picks.files.push('/work/app/.npmrc');
    await user.click(button(dialog, 'Choose file…'));
    expect(fake.callsTo('pickConfigFile')).toEqual([{ format: 'npmrc' }]);
    expect(field(dialog, 'File').value).toBe('/work/app/.npmrc');
    await user.click(button(dialog, 'Preview'));
    expectLastPlan('npmrc', '/work/app/.npmrc');
    // Cancelling the picker keeps the file chosen before.
    await user.click(button(dialog, 'Choose file…'));
    expect(field(dialog, 'File').value).toBe('/work/app/.npmrc');

    await user.selectOptions(format, 'pip');
    await user.click(button(dialog, 'Preview'));
    expectLastPlan('pip', '/home/u/.config/pip/pip.conf', {
      pipMode: 'extra-index-url',
      username: 'deployer',
    });
  });

  it('writes a reference instead of the value when asked', async () => {
    const { dialog, user, fake } = await openWrite('alpha');
    await user.click(
      within(dialog).getByRole('checkbox', {
        name: 'Write a reference instead of the value (run tools with keyport exec)',
      }),
    );
    await user.click(button(dialog, 'Preview'));
    expect(fake.callsTo('planWrite').at(-1)).toMatchObject({ reference: true });
  });

  it('says what pip’s modes do to the default index', async () => {
    const { dialog, user } = await openWrite('corp maven');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Format' }), 'pip');
    const mode = within(dialog).getByRole('combobox', { name: 'Mode' }) as HTMLSelectElement;
    expect(mode.selectedOptions[0]?.textContent).toBe('Replace your default index (index-url)');
    expect(
      within(dialog).getByText('pip then installs everything from this index instead of pypi.org.'),
    ).toBeTruthy();
  });

  it('a No in main’s confirmation is a quiet note, not an error', async () => {
    const { dialog, user, fake } = await openWrite('alpha');
    fake.failNext('planWrite', 'USER_DECLINED', 'You declined.');
    await user.click(button(dialog, 'Preview'));
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(within(dialog).getByRole('status').textContent).toBe(
      'Nothing was written: you said No when Keyport asked.',
    );
  });

  it('closes with Escape and gives focus back to the pane’s Write to config…', async () => {
    const { dialog, user } = await openWrite('alpha');
    expect(dialog.contains(document.activeElement)).toBe(true);
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(
      within(row('alpha')).getByRole('button', { name: 'Write to config…' }),
    );
  });
});
