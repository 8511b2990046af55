import { within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { detailPane, findList, openToken, renderApp, secret } from './render-app';

describe('Use without files', () => {
  it('shows the setup and test commands of the helpers that can serve a token, and keyring copies', async () => {
    const { user } = await renderApp({
      tokens: [
        {
          label: 'gitlab',
          secret: secret('gitlab'),
          registry: 'https://gitlab.example.test/acme/',
          ecosystem: 'other',
        },
        {
          label: 'index',
          secret: secret('index'),
          registry: 'https://pypi.example.test/simple/',
          ecosystem: 'pip',
          user: 'ci',
          helperLinks: [
            {
              kind: 'python-keyring',
              service: 'pypi.example.test',
              username: 'ci',
              at: '2026-03-01T00:00:00.000Z',
            },
          ],
        },
        {
          label: 'npm',
          secret: secret('npm'),
          registry: 'https://registry.npmjs.org/',
          ecosystem: 'npm',
        },
      ],
    });
    await findList();

    await openToken(user, 'gitlab');
    const git = within(detailPane('gitlab')).getByRole('list', {
      name: 'Credential helpers for this token',
    });
    expect(git.textContent).toContain('keyport setup git --registry https://gitlab.example.test');
    expect(git.textContent).toContain('git ls-remote https://gitlab.example.test/OWNER/REPO.git');
    expect(git.textContent).toContain('keyport setup docker --registry gitlab.example.test');
    expect(git.textContent).not.toContain(secret('gitlab'));

    await openToken(user, 'index');
    const pip = within(detailPane('index')).getByRole('list', {
      name: 'Credential helpers for this token',
    });
    expect(pip.textContent).toContain(
      'keyport setup python --registry https://pypi.example.test/simple/ --username ci',
    );
    expect(pip.textContent).toContain('in the keychain pypi.example.test (ci)');

    // An npm token is read from .npmrc (or keyport exec); no helper serves it.
    await openToken(user, 'npm');
    expect(
      within(detailPane('npm')).queryByRole('heading', { name: 'Use without files' }),
    ).toBeNull();
  });

  it('shows that git reported the token refused by a server, and that it is kept', async () => {
    const { user } = await renderApp({
      tokens: [
        {
          label: 'gitlab',
          secret: secret('gitlab'),
          registry: 'https://gitlab.example.test/',
          ecosystem: 'other',
          refused: { client: 'git', host: 'gitlab.example.test', at: '2026-03-01T10:20:00.000Z' },
        },
        { label: 'fine', secret: secret('fine'), registry: 'https://gitlab.example.test/' },
      ],
    });
    await findList();
    const detail = await openToken(user, 'gitlab');
    expect(within(detail).getByText('Refused').nextSibling?.textContent).toBe(
      'Refused by git on gitlab.example.test at 2026-03-01 10:20 UTC · kept and still offered; if the server no longer takes it, rotate or replace it',
    );
    const other = await openToken(user, 'fine');
    expect(within(other).queryByText('Refused')).toBeNull();
  });
});
