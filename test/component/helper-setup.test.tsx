import { screen, waitFor, within } from '@testing-library/react';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { detailPane, findList, openToken, renderApp } from './render-app';

/**
 * The "Use without files" setup flow against the real core in process (TestKeyport: app mode,
 * main's own handlers and validation), the real git writing ~/.gitconfig in a temp home. Main's
 * native confirmation is played by the test (it approves unless told to decline).
 */
const SECRET = `fake-token-${'c'.repeat(24)}`;

describe('Use without files: one-click setup', () => {
  it('previews the change, does nothing when the user says No, sets up on Yes, shows the test, and undoes', async () => {
    const { user, keyport } = await renderApp({
      tokens: [
        {
          label: 'forge',
          registry: 'https://git.example.test/acme/',
          ecosystem: 'other',
          secret: SECRET,
        },
      ],
    });
    const gitconfig = keyport.file('.gitconfig');
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
    // The diff's header names the file as the File line above it does.
    expect(diff.textContent).toContain('--- /dev/null\n+++ ~/.gitconfig\n');
    expect(dialog.textContent).not.toContain(keyport.home);

    // The user says No in main's confirmation: nothing written, and the used plan must be redone.
    keyport.dialogs.declineNext();
    await user.click(within(dialog).getByRole('button', { name: 'Set up' }));
    await within(dialog).findByText('Nothing was changed: you said No when Keyport asked.');
    expect(keyport.dialogs.asked.map((q) => q.message)).toEqual([
      'Let git ask Keyport for https://git.example.test?',
    ]);
    expect(existsSync(gitconfig)).toBe(false);
    expect(within(dialog).getByRole('button', { name: 'Set up' }).hasAttribute('disabled')).toBe(
      true,
    );

    await user.click(within(dialog).getByRole('button', { name: 'Preview again' }));
    await within(dialog).findByRole('region', { name: 'Diff preview of ~/.gitconfig' });
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

  it("names the Docker helper's four clients alike on the button, the dialog and the question", async () => {
    const { user, keyport } = await renderApp({
      tokens: [
        {
          label: 'images',
          registry: 'https://registry.example.test/',
          ecosystem: 'other',
          secret: SECRET,
        },
      ],
    });
    await findList();
    const pane = await openToken(user, 'images');
    await user.click(
      within(pane).getByRole('button', { name: 'Set up Docker, Podman, Skopeo and Buildah…' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Set up Docker, Podman, Skopeo and Buildah',
    });
    await within(dialog).findByRole('region', { name: 'Diff preview of ~/.docker/config.json' });
    expect(dialog.textContent).toContain(
      'Docker, Podman, Skopeo and Buildah run docker-credential-keyport',
    );
    keyport.dialogs.declineNext();
    await user.click(within(dialog).getByRole('button', { name: 'Set up' }));
    await within(dialog).findByText('Nothing was changed: you said No when Keyport asked.');
    expect(keyport.dialogs.asked.map((q) => q.message)).toEqual([
      'Let Docker, Podman, Skopeo and Buildah ask Keyport for registry.example.test?',
    ]);
  });
});
