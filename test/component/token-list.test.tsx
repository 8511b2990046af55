import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import {
  DAY,
  detailPane,
  findList,
  isoIn,
  openToken,
  renderApp,
  rowLabels,
  secret,
  tokenRow,
  tokenRows,
} from './render-app';
import type { SeedToken, TestKeyport } from './test-keyport';

const tokens = ({ file }: TestKeyport): SeedToken[] => [
  {
    label: 'acme publish',
    secret: secret('acme'),
    registry: 'https://npm.acme.dev/',
    expires: isoIn(3 * DAY),
    lastUsed: '2026-03-01T08:00:00.000Z',
    writtenTo: [
      { format: 'npmrc', file: file('.npmrc'), entry: '//npm.acme.dev/:_authToken', at: '' },
      { format: 'npmrc', file: '/w/app/.npmrc', entry: '//npm.acme.dev/:_authToken', at: '' },
    ],
  },
  { label: 'maven central', secret: secret('mvn'), ecosystem: 'maven', expires: isoIn(30 * DAY) },
  { label: 'pypi upload', secret: secret('pypi'), ecosystem: 'pip', expires: isoIn(-DAY) },
  { label: 'nuget feed', secret: secret('nuget'), ecosystem: 'nuget', expires: isoIn(3_600_000) },
  { label: 'old laptop', secret: secret('old'), status: 'secret-missing' },
  { label: 'short one', secret: 'abc123' },
];

const row = (label: string) => tokenRow(label);

describe('token list', () => {
  it('shows each token as icon, label, host and one status; the value only in the details', async () => {
    const { user, keyport } = await renderApp({ tokens });
    await findList();

    expect(tokenRows()).toHaveLength(6);
    const acme = row('acme publish');
    expect(within(acme).getByText('npm.acme.dev')).toBeTruthy();
    expect(within(acme).getByRole('img', { name: 'npm' })).toBeTruthy();
    // No buttons in a row, no value, no dates: the pane has them.
    expect(within(acme).queryAllByRole('button')).toHaveLength(0);
    expect(within(acme).queryByText('npm_••••••••acme')).toBeNull();

    // One pill at most, and only for what needs attention.
    const pill = (label: string, text: string) => within(row(label)).getByText(text);
    expect(pill('acme publish', 'expires in 3 days').className).toContain('pill--warning');
    expect(pill('pypi upload', 'expired').className).toContain('pill--expired');
    expect(pill('nuget feed', 'expires today').className).toContain('pill--warning');
    expect(pill('old laptop', 'value missing').className).toContain('pill--expired');
    expect(row('maven central').querySelector('.pill')).toBeNull();
    expect(row('short one').querySelector('.pill')).toBeNull();
    for (const r of tokenRows()) expect(r.querySelectorAll('.pill').length).toBeLessThanOrEqual(1);
    // The pane says it in full.
    expect(
      within(await openToken(user, 'maven central')).getByText('expires in 30 days'),
    ).toBeTruthy();
    expect(within(await openToken(user, 'short one')).getByText('no expiry')).toBeTruthy();

    const pane = await openToken(user, 'acme publish');
    expect(within(pane).getByText('npm_••••••••acme')).toBeTruthy();
    expect(within(pane).getByText('https://npm.acme.dev/', { selector: 'dd' })).toBeTruthy();
    expect(within(pane).getByText('Mar 1, 2026', { exact: false })).toBeTruthy();
    const used = within(pane).getByRole('list', { name: 'Files using this token' });
    expect(within(used).getByText('~/.npmrc')).toBeTruthy();
    expect(within(used).getByText('/w/app/.npmrc')).toBeTruthy();
    expect(within(await openToken(user, 'short one')).getByText('••••••••')).toBeTruthy();

    for (const t of tokens(keyport)) expect(document.body.textContent).not.toContain(t.secret);
  });

  it('sorts by label and keeps the sort it was given; the details follow the selection', async () => {
    const { user } = await renderApp({ tokens });
    await findList();
    const sortBy = screen.getByRole('combobox', { name: 'Sort by' }) as HTMLSelectElement;
    expect(sortBy.value).toBe('label');
    expect(rowLabels()).toEqual([
      'acme publish',
      'maven central',
      'nuget feed',
      'old laptop',
      'pypi upload',
      'short one',
    ]);
    // The first token is selected from the start, so the pane is never blank.
    expect(row('acme publish').getAttribute('aria-selected')).toBe('true');
    expect(detailPane('acme publish')).toBeTruthy();
    await user.selectOptions(sortBy, 'expiry');
    expect(rowLabels()).toEqual([
      'pypi upload',
      'nuget feed',
      'acme publish',
      'maven central',
      'old laptop',
      'short one',
    ]);
    await user.click(row('maven central'));
    expect(row('maven central').getAttribute('aria-selected')).toBe('true');
    expect(row('acme publish').getAttribute('aria-selected')).toBe('false');
    expect(detailPane('maven central')).toBeTruthy();
  });

  it('lists a registry account’s session token under its account, not among tokens', async () => {
    await renderApp({
      tokens: (keyport) => [
        ...tokens(keyport).slice(0, 2),
        { label: 'me @ npmjs', secret: secret('sess'), signIn: { username: 'me' } },
      ],
    });
    await findList();
    expect(rowLabels()).toEqual(['acme publish', 'maven central']);
    expect(screen.getByText('2 tokens')).toBeTruthy();
  });

  it('filters by search text and by ecosystem, and offers a way out of "no matches"', async () => {
    const { user } = await renderApp({ tokens });
    await findList();
    const search = screen.getByRole('searchbox', { name: 'Search tokens' });

    await user.type(search, 'ACME');
    expect(rowLabels()).toEqual(['acme publish']);
    expect(screen.getByText('1 of 6 tokens')).toBeTruthy();

    await user.clear(search);
    await user.type(search, 'npm.acme.dev');
    expect(tokenRows()).toHaveLength(1);

    await user.clear(search);
    await user.selectOptions(screen.getByRole('combobox', { name: 'Filter by ecosystem' }), 'pip');
    expect(rowLabels()).toEqual(['pypi upload']);

    await user.type(search, 'acme');
    expect(screen.queryByRole('listbox', { name: 'Tokens' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'No matches' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    expect(tokenRows()).toHaveLength(6);
    expect((search as HTMLInputElement).value).toBe('');
  });

  it('fills the details pane with the one "no matches" state when the search finds nothing', async () => {
    const { user } = await renderApp({ tokens });
    await findList();
    await user.type(screen.getByRole('searchbox', { name: 'Search tokens' }), 'zzzz-nothing');
    const empty = await screen.findByRole('region', { name: 'No matches' });
    // Side by side (not narrow) it stands where the details were, not a second copy in the list.
    expect(empty.closest('.detail-pane')).not.toBeNull();
    expect(screen.getAllByRole('heading', { name: 'No matches' })).toHaveLength(1);
    expect(empty.textContent).toContain('No token matches “zzzz-nothing”.');
    await user.click(within(empty).getByRole('button', { name: 'Clear search and filters' }));
    expect(tokenRows()).toHaveLength(6);
    expect(document.querySelector('.detail-pane section[aria-label="No matches"]')).toBeNull();
  });

  it('renders only a window of rows for 10,000 tokens', async () => {
    const many: SeedToken[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `id${i}`,
      label: `token ${String(i).padStart(5, '0')}`,
      secret: secret(`s${i}`),
    }));
    const started = performance.now();
    await renderApp({ tokens: many });
    await findList();
    const elapsed = performance.now() - started;

    const rendered = tokenRows();
    expect(rendered.length).toBeGreaterThan(5);
    expect(rendered.length).toBeLessThan(40);
    expect(rendered[0]?.getAttribute('aria-label')).toBe('token 00000');
    expect(rendered[0]?.getAttribute('aria-setsize')).toBe('10000');
    expect(screen.getByText('10000 tokens')).toBeTruthy();
    // Generous for a shared CI core; a non-virtualized list of 10,000 rows takes many seconds here.
    expect(elapsed).toBeLessThan(3000);
  });
});
