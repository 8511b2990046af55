import { act, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { chmodSync, mkdirSync } from 'node:fs';
import { detailPane, findList, openToken, renderApp, secret } from './render-app';
import { TestKeyport, type SeedToken } from './test-keyport';
import { nugetConfigWithMapping } from '../support/nuget-config';

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

async function openWrite(label: string, keyport?: TestKeyport) {
  const ctx = await renderApp({ keyport: keyport ?? (await TestKeyport.open(tokens)) });
  await findList();
  const pane = await openToken(ctx.user, label);
  await ctx.user.click(within(pane).getByRole('button', { name: 'Write to config…' }));
  const dialog = screen.getByRole('dialog', { name: 'Write to config' });
  // The default paths come from config:defaults.
  await waitFor(() => expect(field(dialog, 'File').value.startsWith(ctx.keyport.home)).toBe(true));
  return { ...ctx, dialog, file: ctx.keyport.file };
}

describe('Write to config', () => {
  it('previews a masked diff, writes, records where, and undoes from the notice', async () => {
    const { dialog, user, keyport, store, file } = await openWrite('alpha');
    const format = within(dialog).getByRole('combobox', { name: 'Format' }) as HTMLSelectElement;
    expect(format.value).toBe('npmrc');
    expect(field(dialog, 'File').value).toBe(file('.npmrc'));
    expect(field(dialog, 'Registry URL').value).toBe('https://registry.npmjs.org/');
    expect(button(dialog, 'Write').disabled).toBe(true);

    await user.type(field(dialog, 'Scope'), '@acme');
    await user.click(button(dialog, 'Preview'));

    expect(keyport.callsTo('planWrite')).toEqual([
      {
        tokenId: 'a',
        format: 'npmrc',
        file: file('.npmrc'),
        registry: 'https://registry.npmjs.org/',
        scope: '@acme',
      },
    ]);
    const diff = await within(dialog).findByRole('region', { name: 'Diff preview' });
    const added = within(diff).getByText('+//registry.npmjs.org/:_authToken=npm_••••••••alph');
    expect(added.closest('.diff__line')?.className).toContain('diff__line--add');
    expect(diff.closest('.diff')?.querySelector('pre')).toBeTruthy();
    expect(within(dialog).getByText('new file')).toBeTruthy();
    // The File line and the diff's header name the file the same way, under the home as ~/….
    expect(diff.textContent).toContain('--- /dev/null\n+++ ~/.npmrc\n');
    expect(
      within(dialog).getByText('~/.npmrc', { selector: '.write-preview__target .mono' }),
    ).toBeTruthy();
    expect(
      within(dialog).getByText('//registry.npmjs.org/:_authToken and @acme:registry'),
    ).toBeTruthy();
    expect(dialog.textContent).not.toContain(NPM);

    await user.click(button(dialog, 'Write'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(keyport.callsTo('applyWrite')).toEqual([{ planId: expect.any(String) }]);
    expect(keyport.read('.npmrc')).toBe(
      `@acme:registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken=${NPM}\n`,
    );
    const notices = screen.getByRole('status', { name: 'Notifications' });
    expect(
      await within(notices).findByText(
        'Wrote //registry.npmjs.org/:_authToken and @acme:registry to ~/.npmrc',
      ),
    ).toBeTruthy();
    const used = within(row('alpha')).getByRole('list', { name: 'Files using this token' });
    expect(within(used).getByText('~/.npmrc')).toBeTruthy();
    expect(within(used).getByText('plaintext')).toBeTruthy();
    expect(store.getState().tokens.find((t) => t.id === 'a')?.writtenTo).toHaveLength(1);

    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    expect(await within(notices).findByText('Restored ~/.npmrc')).toBeTruthy();
    expect(keyport.callsTo('undoWrite')).toEqual([{ undoId: expect.any(String) }]);
    expect(keyport.read('.npmrc')).toBeNull();
    expect(within(notices).queryByText(/^Wrote /)).toBeNull();
    expect(within(row('alpha')).getByText(/In no file Keyport knows of/)).toBeTruthy();
  });

  it('says "Nothing to change" and offers no write when the file already holds the entry', async () => {
    const keyport = await TestKeyport.open(tokens);
    keyport.write('.npmrc', `//registry.npmjs.org/:_authToken=${NPM}\n`);
    const { dialog, user } = await openWrite('alpha', keyport);
    await user.click(button(dialog, 'Preview'));
    expect(await within(dialog).findByText('Nothing to change')).toBeTruthy();
    expect(within(dialog).queryByRole('region', { name: 'Diff preview' })).toBeNull();
    expect(within(dialog).queryByText('new file')).toBeNull();
    expect(button(dialog, 'Write').disabled).toBe(true);
  });

  it('shows the core’s notes with the preview', async () => {
    const keyport = await TestKeyport.open(tokens);
    // A user .npmrc other users may read: the core says it narrows the mode.
    const npmrc = keyport.write('.npmrc', 'registry=https://registry.npmjs.org/\n');
    chmodSync(npmrc, 0o644);
    // The path reads as ~/… like the File line; the core's sentence names it absolutely.
    expect(npmrc).toBe(`${keyport.home}/.npmrc`);
    const note = `~/.npmrc is open to other users (mode 644) and will hold a token; Keyport sets its mode to 600 (owner only).`;
    const { dialog, user } = await openWrite('alpha', keyport);
    await user.click(button(dialog, 'Preview'));
    expect((await within(dialog).findByRole('note')).textContent).toBe(note);
  });

  it('asks for NuGet package patterns only for a file whose preview says it maps sources', async () => {
    const { dialog, user, keyport } = await openWrite('corp maven');
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Format' }), 'nuget');
    const mapped = field(dialog, 'File').value;
    keyport.write(mapped, nugetConfigWithMapping());
    await user.type(field(dialog, 'Source name'), 'corp');
    expect(within(dialog).queryByLabelText('Package patterns')).toBeNull();

    // The core reads the file; its preview says the file maps sources, and the field appears.
    await user.click(button(dialog, 'Preview'));
    const patterns = await within(dialog).findByLabelText('Package patterns');
    expect(keyport.callsTo('planWrite').at(-1)).not.toHaveProperty('packagePatterns');
    // Beside the core's other notes (a new package source asks first).
    expect(
      within(dialog)
        .getAllByRole('note')
        .map((n) => n.textContent),
    ).toContainEqual(expect.stringContaining('without an entry for source "corp"'));

    // The contract's own rule, before anything is sent.
    await user.type(patterns, 'Corp.*.x');
    await user.click(button(dialog, 'Preview'));
    expect(within(dialog).getByText(/A package pattern is a package id/)).toBeTruthy();
    expect(keyport.callsTo('planWrite')).toHaveLength(1);

    await user.clear(patterns);
    await user.type(patterns, 'Corp.*, Contoso.Tools');
    await user.click(button(dialog, 'Preview'));
    expect(keyport.callsTo('planWrite').at(-1)).toMatchObject({
      format: 'nuget',
      file: mapped,
      packagePatterns: ['Corp.*', 'Contoso.Tools'],
    });
    const diff = await within(dialog).findByRole('region', { name: 'Diff preview' });
    expect(diff.textContent).toContain('+      <package pattern="Contoso.Tools" />');
    await waitFor(() => expect(button(dialog, 'Write').disabled).toBe(false));

    // Another file, without a mapping: the field goes, and its preview does not bring it back.
    const plain = keyport.write(
      keyport.outside('w', 'app', 'NuGet.Config'),
      '<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n</configuration>\n',
    );
    keyport.dialogs.nextPick(plain);
    await user.click(button(dialog, 'Choose file…'));
    await waitFor(() => expect(field(dialog, 'File').value).toBe(plain));
    expect(within(dialog).queryByLabelText('Package patterns')).toBeNull();
    await user.click(button(dialog, 'Preview'));
    await within(dialog).findByRole('region', { name: 'Diff preview' });
    expect(keyport.callsTo('planWrite').at(-1)).not.toHaveProperty('packagePatterns');
    expect(within(dialog).queryByLabelText('Package patterns')).toBeNull();
  });

  it('drops the preview when a field changes, so Write writes only what was shown', async () => {
    const { dialog, user } = await openWrite('alpha');
    await user.click(button(dialog, 'Preview'));
    await waitFor(() => expect(button(dialog, 'Write').disabled).toBe(false));
    await user.type(field(dialog, 'Scope'), '@x');
    expect(within(dialog).queryByRole('region', { name: 'Diff preview' })).toBeNull();
    expect(button(dialog, 'Write').disabled).toBe(true);
  });

  it('refuses when the file changed since the preview, and previews again', async () => {
    const keyport = await TestKeyport.open(tokens);
    const npmrc = keyport.write('.npmrc', 'registry=https://registry.npmjs.org/\n');
    const { dialog, user } = await openWrite('alpha', keyport);
    await user.click(button(dialog, 'Preview'));
    await within(dialog).findByRole('region', { name: 'Diff preview' });
    expect(within(dialog).queryByText('new file')).toBeNull();
    // Someone edits the file between preview and write.
    keyport.write('.npmrc', 'registry=https://other.example/\n');
    await user.click(button(dialog, 'Write'));

    // Named as ~/… like the File line above it.
    expect(npmrc).toBe(`${keyport.home}/.npmrc`);
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      '~/.npmrc changed since the preview; Keyport wrote nothing. Review the new preview and try again.',
    );
    expect(keyport.read('.npmrc')).toBe('registry=https://other.example/\n');
    // The new preview the message speaks of is on screen: the file as it is now.
    expect(await within(dialog).findByRole('region', { name: 'Diff preview' })).toBeTruthy();
    await waitFor(() => expect(keyport.callsTo('planWrite')).toHaveLength(2));
    expect(button(dialog, 'Preview again')).toBeTruthy();
    await user.click(button(dialog, 'Write'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(keyport.read('.npmrc')).toBe(
      `registry=https://other.example/\n//registry.npmjs.org/:_authToken=${NPM}\n`,
    );
  });

  it('shows why a file is invalid and never writes it', async () => {
    const keyport = await TestKeyport.open(tokens);
    const broken = 'registry=https://registry.npmjs.org/\nalways-auth=true\nexport NPM_TOKEN\n';
    keyport.write('.npmrc', broken);
    const { dialog, user } = await openWrite('alpha', keyport);
    await user.click(button(dialog, 'Preview'));
    expect((await within(dialog).findByRole('alert')).textContent).toBe(
      'The existing .npmrc has a line that is not key = value (line 3); Keyport left it untouched.',
    );
    expect(within(dialog).queryByRole('region', { name: 'Diff preview' })).toBeNull();
    expect(button(dialog, 'Write').disabled).toBe(true);
    expect(keyport.callsTo('applyWrite')).toEqual([]);
    expect(keyport.read('.npmrc')).toBe(broken);
  });

  it('shows busy states on Preview and Write', async () => {
    const { dialog, user, keyport } = await openWrite('alpha');
    const release = keyport.hold('planWrite');
    await user.click(button(dialog, 'Preview'));
    expect(button(dialog, 'Previewing…').getAttribute('aria-disabled')).toBe('true');
    await user.click(button(dialog, 'Previewing…'));
    expect(keyport.callsTo('planWrite')).toHaveLength(1);
    await act(async () => release());
    await waitFor(() => expect(button(dialog, 'Write').disabled).toBe(false));

    const releaseWrite = keyport.hold('applyWrite');
    await user.click(button(dialog, 'Write'));
    expect(button(dialog, 'Writing…').getAttribute('aria-disabled')).toBe('true');
    await act(async () => releaseWrite());
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('checks the scope before asking the core', async () => {
    const { dialog, user, keyport } = await openWrite('alpha');
    await user.type(field(dialog, 'Scope'), 'acme');
    await user.click(button(dialog, 'Preview'));
    expect(within(dialog).getByText('A scope looks like @acme.')).toBeTruthy();
    expect(document.activeElement).toBe(field(dialog, 'Scope'));
    expect(keyport.callsTo('planWrite')).toEqual([]);
  });

  it('shows the fields each format needs and sends only those', async () => {
    const { dialog, user, keyport, file } = await openWrite('corp maven');
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
      expect(keyport.callsTo('planWrite').at(-1)).toEqual({
        tokenId: 'm',
        format,
        file,
        registry: 'https://maven.corp.dev/releases/',
        ...own,
      });

    expect(format.value).toBe('maven');
    expect(field(dialog, 'File').value).toBe(file('.m2', 'settings.xml'));
    expectFields('Auth', 'File', 'Format', 'Registry URL', 'Server id', 'User name');
    expect(field(dialog, 'User name').value).toBe('deployer');
    expect(within(dialog).queryByLabelText('Scope')).toBeNull();

    await user.type(field(dialog, 'Server id'), 'corp');
    await user.click(button(dialog, 'Preview'));
    expectLastPlan('maven', file('.m2', 'settings.xml'), {
      serverId: 'corp',
      mavenAuth: 'password',
      username: 'deployer',
    });
    expect(await within(dialog).findByText('server id=corp (username/password)')).toBeTruthy();

    // A bearer header has no user name.
    await user.selectOptions(within(dialog).getByRole('combobox', { name: 'Auth' }), 'bearer');
    expect(within(dialog).queryByLabelText('User name')).toBeNull();
    await user.click(button(dialog, 'Preview'));
    expectLastPlan('maven', file('.m2', 'settings.xml'), { serverId: 'corp', mavenAuth: 'bearer' });

    await user.selectOptions(format, 'nuget');
    expect(field(dialog, 'File').value).toBe(file('.nuget', 'NuGet', 'NuGet.Config'));
    expectFields('File', 'Format', 'Registry URL', 'Source name', 'User name');

    await user.selectOptions(format, 'pip');
    expect(field(dialog, 'File').value).toBe(file('.config', 'pip', 'pip.conf'));
    expectFields('File', 'Format', 'Mode', 'Registry URL', 'User name');
    await user.selectOptions(
      within(dialog).getByRole('combobox', { name: 'Mode' }),
      'extra-index-url',
    );

    await user.selectOptions(format, 'pypirc');
    expectFields('File', 'Format', 'Registry URL', 'Repository', 'User name');
    await user.type(field(dialog, 'Repository'), 'corp');

    await user.selectOptions(format, 'netrc');
    expect(field(dialog, 'File').value).toBe(file('.netrc'));
    expectFields('File', 'Format', 'Registry URL', 'User name');

    // Yarn's auth token goes alone, under a scope when one is given: no user name.
    await user.selectOptions(format, 'yarnrc');
    expectFields('File', 'Format', 'Registry URL', 'Scope');
    await user.type(field(dialog, 'Scope'), '@acme');
    await user.click(button(dialog, 'Preview'));
    expectLastPlan('yarnrc', field(dialog, 'File').value, { scope: '@acme' });
    expect(await within(dialog).findByRole('region', { name: 'Diff preview' })).toBeTruthy();
    await user.clear(field(dialog, 'Scope'));

    await user.selectOptions(format, 'npmrc');
    expectFields('File', 'Format', 'Registry URL', 'Scope');
    // A project .npmrc comes from main's native Save dialog: no path is typed here.
    expect(field(dialog, 'File').tagName).toBe('SELECT');
    const project = file('work', 'app', '.npmrc');
    mkdirSync(file('work', 'app'), { recursive: true });
    keyport.dialogs.nextPick(project);
    await user.click(button(dialog, 'Choose file…'));
    expect(keyport.callsTo('pickConfigFile')).toEqual([{ format: 'npmrc' }]);
    await waitFor(() => expect(field(dialog, 'File').value).toBe(project));
    await user.click(button(dialog, 'Preview'));
    expectLastPlan('npmrc', project);
    // Cancelling the picker keeps the file chosen before.
    await user.click(button(dialog, 'Choose file…'));
    await waitFor(() => expect(keyport.callsTo('pickConfigFile')).toHaveLength(2));
    expect(field(dialog, 'File').value).toBe(project);

    await user.selectOptions(format, 'pip');
    await user.click(button(dialog, 'Preview'));
    expectLastPlan('pip', file('.config', 'pip', 'pip.conf'), {
      pipMode: 'extra-index-url',
      username: 'deployer',
    });
  });

  it('writes a reference instead of the value when asked', async () => {
    const { dialog, user, keyport } = await openWrite('alpha');
    await user.click(
      within(dialog).getByRole('checkbox', {
        name: 'Write a reference instead of the value (run tools with keyport exec)',
      }),
    );
    await user.click(button(dialog, 'Preview'));
    expect(keyport.callsTo('planWrite').at(-1)).toMatchObject({ reference: true });
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
    const { dialog, user, keyport } = await openWrite('alpha');
    // A scope adds a package source to the file: main asks before the write, and the user says No.
    await user.type(field(dialog, 'Scope'), '@acme');
    await user.click(button(dialog, 'Preview'));
    expect(
      await within(dialog).findByText(
        'This adds a package source (registry.npmjs.org); Keyport asks you before writing.',
      ),
    ).toBeTruthy();
    keyport.dialogs.declineNext();
    await user.click(button(dialog, 'Write'));
    expect(keyport.dialogs.asked.at(-1)?.title).toBe('New package source');
    expect(within(dialog).queryByRole('alert')).toBeNull();
    expect(keyport.read('.npmrc')).toBeNull();
    expect((await within(dialog).findByRole('status')).textContent).toBe(
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

describe('Write to config: Composer and Bundler', () => {
  const COMPOSER = secret('composer');
  const GEMS = secret('gems');
  const more: SeedToken[] = [
    {
      id: 'c',
      label: 'corp packages',
      secret: COMPOSER,
      ecosystem: 'composer',
      registry: 'https://repo.corp.dev/composer/',
      user: 'ci',
    },
    {
      id: 'g',
      label: 'corp gems',
      secret: GEMS,
      ecosystem: 'rubygems',
      registry: 'https://gems.corp-dev.example/',
      user: 'ci',
    },
  ];

  it('a Composer token goes to auth.json as http-basic, a RubyGems token to ~/.bundle/config', async () => {
    const keyport = await TestKeyport.open(more);
    const { dialog, user, file } = await openWrite('corp packages', keyport);
    const format = within(dialog).getByRole('combobox', { name: 'Format' }) as HTMLSelectElement;
    expect(format.value).toBe('composer');
    const offered = [...format.options].map((o) => o.textContent);
    expect(offered).toContain('Composer auth.json');
    expect(offered).toContain('Bundler .bundle/config');
    expect(field(dialog, 'File').value).toBe(file('.config', 'composer', 'auth.json'));
    expect(field(dialog, 'User name').value).toBe('ci');
    await user.click(button(dialog, 'Preview'));
    expect(await within(dialog).findByText('http-basic.repo.corp.dev')).toBeTruthy();
    expect(dialog.textContent).not.toContain(COMPOSER);
    await user.click(button(dialog, 'Write'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(JSON.parse(keyport.read('.config/composer/auth.json')!)).toEqual({
      'http-basic': { 'repo.corp.dev': { username: 'ci', password: COMPOSER } },
    });

    const gems = await openToken(user, 'corp gems');
    await user.click(within(gems).getByRole('button', { name: 'Write to config…' }));
    const second = screen.getByRole('dialog', { name: 'Write to config' });
    const secondFormat = within(second).getByRole('combobox', { name: 'Format' });
    expect((secondFormat as HTMLSelectElement).value).toBe('bundler');
    await waitFor(() => expect(field(second, 'File').value).toBe(file('.bundle', 'config')));
    await user.click(button(second, 'Preview'));
    expect(await within(second).findByText('BUNDLE_GEMS__CORP___DEV__EXAMPLE')).toBeTruthy();
    await user.click(button(second, 'Write'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(keyport.read('.bundle/config')).toBe(
      `---\nBUNDLE_GEMS__CORP___DEV__EXAMPLE: "ci:${GEMS}"\n`,
    );
  });
});

describe('Write to config: Gradle', () => {
  it('offers gradle.properties with a repository name (or one property), and writes Gradle’s pair', async () => {
    const { dialog, user, keyport, file } = await openWrite('corp maven');
    const format = within(dialog).getByRole('combobox', { name: 'Format' }) as HTMLSelectElement;
    expect([...format.options].map((o) => o.textContent)).toContain('gradle.properties');
    await user.selectOptions(format, 'gradle');
    expect(field(dialog, 'File').value).toBe(file('.gradle', 'gradle.properties'));
    expect(
      within(dialog).getByRole('checkbox', {
        name: 'Write a reference instead of the value (run tools with keyport exec)',
      }),
    ).toBeTruthy();

    // One property holds the token alone: no user name goes with it.
    await user.type(field(dialog, 'Property'), 'gpr.key');
    expect(within(dialog).queryByLabelText('User name')).toBeNull();
    await user.click(button(dialog, 'Preview'));
    expect(keyport.callsTo('planWrite').at(-1)).toEqual({
      tokenId: 'm',
      format: 'gradle',
      file: file('.gradle', 'gradle.properties'),
      registry: 'https://maven.corp.dev/releases/',
      property: 'gpr.key',
    });
    expect(await within(dialog).findByText('gpr.key')).toBeTruthy();
    await user.clear(field(dialog, 'Property'));

    await user.type(field(dialog, 'Repository name'), 'corp');
    expect(field(dialog, 'User name').value).toBe('deployer');
    await user.click(button(dialog, 'Preview'));
    expect(keyport.callsTo('planWrite').at(-1)).toMatchObject({
      format: 'gradle',
      repository: 'corp',
      username: 'deployer',
    });
    expect(await within(dialog).findByText('corpUsername/corpPassword')).toBeTruthy();
    const diff = within(dialog).getByRole('region', { name: 'Diff preview' });
    expect(diff.textContent).toContain('+corpUsername=deployer');
    expect(dialog.textContent).not.toContain(MVN);
    await user.click(button(dialog, 'Write'));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const written = keyport.read('.gradle/gradle.properties')!;
    expect(written.startsWith('corpUsername=deployer\ncorpPassword=')).toBe(true);
    expect(written).toContain(MVN.replace(/[\\=:#!]/g, (c) => `\\${c}`));
  });
});
