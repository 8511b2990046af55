import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../src/core/ipc-handlers';
import { openCore, type Core } from '../../src/core/open-core';
import { MemorySecretStore } from '../../src/core/vault/secret-store';
import { createApi } from '../../src/renderer/src/api';
import { AppShell } from '../../src/renderer/src/components/app-shell';
import { createKeyportStore } from '../../src/renderer/src/store/keyport-store';
import { StoreProvider } from '../../src/renderer/src/store/store-context';
import { apiMethods, type ApiMethod, type KeyportApi } from '../../src/shared/ipc-contract';
import { ScriptedDialogs } from '../support/scripted-dialogs';
import { detailPane, findList, fixedClock, openToken } from './render-app';

/**
 * The "Use without files" setup flow against the real core in process (app mode, main's own
 * handlers and validation), the real git writing ~/.gitconfig in a temp home. The stand-ins are
 * what Electron would play: main's native confirmation (ScriptedDialogs; with nothing scripted
 * the user closes it) and an in-memory secret store (the keychain is proven by the integration
 * tests).
 */
const SECRET = `fake-token-${'c'.repeat(24)}`;
let root: string;
let home: string;
let dialogs: ScriptedDialogs;
let core: Core;

beforeEach(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'keyport-component-helpers-'));
  home = path.join(root, 'home');
  mkdirSync(home);
  dialogs = new ScriptedDialogs();
  core = await openCore({
    version: '0.0.0-test',
    access: { mode: 'app', dialogs },
    dataDir: path.join(root, 'data'),
    home,
    env: { PATH: process.env.PATH, HOME: home },
    secrets: new MemorySecretStore(),
  });
  await core.service.addToken({
    label: 'forge',
    registry: 'https://git.example.test/acme/',
    ecosystem: 'other',
    secret: SECRET,
  });
});

afterEach(async () => {
  await core.close();
  rmSync(root, { recursive: true, force: true });
});

/** `window.keyport` answered in process by main's own dispatch over the real core's handlers. */
function inProcessApi(): KeyportApi {
  const handlers = createHandlers(core.service);
  return Object.fromEntries(
    (Object.keys(apiMethods) as ApiMethod[]).map((method) => [
      method,
      (request: unknown) => dispatch(handlers, apiMethods[method], structuredClone(request)),
    ]),
  ) as KeyportApi;
}

function renderApp() {
  const store = createKeyportStore({
    api: createApi(inProcessApi()),
    clock: fixedClock,
  });
  void store.getState().init();
  render(
    <StoreProvider store={store}>
      <AppShell />
    </StoreProvider>,
  );
  return { user: userEvent.setup() };
}

describe('Use without files: one-click setup', () => {
  it('previews the change, does nothing when the user says No, sets up on Yes, shows the test, and undoes', async () => {
    const gitconfig = path.join(home, '.gitconfig');
    const { user } = renderApp();
    await findList();
    const pane = await openToken(user, 'forge');

    await user.click(within(pane).getByRole('button', { name: 'Set up git…' }));
    const dialog = await screen.findByRole('dialog', { name: 'Set up git' });
    const diff = await within(dialog).findByRole('region', {
      name: 'Diff preview of ~/.gitconfig',
    });
    expect(diff.textContent).toContain('+[credential "https://git.example.test"]');
    expect(diff.textContent).toContain('+\thelper = keyport');
    expect(within(dialog).getByText('new file')).toBeTruthy();

    // The user closes main's confirmation: nothing written, and the used plan must be redone.
    await user.click(within(dialog).getByRole('button', { name: 'Set up' }));
    await within(dialog).findByText('Nothing was changed: you said No when Keyport asked.');
    expect(dialogs.asked.map((q) => q.message)).toEqual([
      'Let git ask Keyport for https://git.example.test?',
    ]);
    expect(existsSync(gitconfig)).toBe(false);
    expect(within(dialog).getByRole('button', { name: 'Set up' }).hasAttribute('disabled')).toBe(
      true,
    );

    await user.click(within(dialog).getByRole('button', { name: 'Preview again' }));
    await within(dialog).findByRole('region', { name: 'Diff preview of ~/.gitconfig' });
    dialogs.approveNext();
    await user.click(within(dialog).getByRole('button', { name: 'Set up' }));
    await within(dialog).findByRole('heading', { name: 'Set up for https://git.example.test' });
    expect(
      within(dialog).getByText('git ls-remote https://git.example.test/OWNER/REPO.git'),
    ).toBeTruthy();
    expect(readFileSync(gitconfig, 'utf8')).toBe(
      '[credential "https://git.example.test"]\n\thelper = keyport\n',
    );

    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    const helpers = await within(detailPane('forge')).findByRole('list', {
      name: 'Credential helpers serving this token',
    });
    expect(helpers.textContent).toContain('git · https://git.example.test');
    expect(helpers.textContent).toContain('credential.https://git.example.test.helper');
    expect(helpers.textContent).toContain('~/.gitconfig');
    // The test command stays in the section, read only.
    expect(
      within(detailPane('forge')).getAllByText(
        'git ls-remote https://git.example.test/OWNER/REPO.git',
      ),
    ).toHaveLength(1);

    const notices = screen.getByRole('status', { name: 'Notifications' });
    await within(notices).findByText('git now asks Keyport for https://git.example.test');
    await user.click(within(notices).getByRole('button', { name: 'Undo' }));
    await waitFor(() => expect(existsSync(gitconfig)).toBe(false));
    await waitFor(() =>
      expect(
        within(detailPane('forge')).queryByRole('list', {
          name: 'Credential helpers serving this token',
        }),
      ).toBeNull(),
    );
    expect(document.body.textContent).not.toContain(SECRET);
  });
});
