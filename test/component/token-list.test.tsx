import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DAY, findList, isoIn, renderApp, rowLabels, secret, tokenRows } from './render-app';
import type { SeedToken } from './fake-keyport';

const tokens: SeedToken[] = [
  {
    label: 'acme publish',
    secret: secret('acme'),
    registry: 'https://npm.acme.dev/',
    expires: isoIn(3 * DAY),
    lastUsed: '2026-03-01T08:00:00.000Z',
    writtenTo: [
      { format: 'npmrc', file: '/home/u/.npmrc', entry: '//npm.acme.dev/:_authToken', at: '' },
      { format: 'npmrc', file: '/w/app/.npmrc', entry: '//npm.acme.dev/:_authToken', at: '' },
    ],
  },
  { label: 'maven central', secret: secret('mvn'), ecosystem: 'maven', expires: isoIn(30 * DAY) },
  { label: 'pypi upload', secret: secret('pypi'), ecosystem: 'pip', expires: isoIn(-DAY) },
  { label: 'nuget feed', secret: secret('nuget'), ecosystem: 'nuget', expires: isoIn(3_600_000) },
  { label: 'old laptop', secret: secret('old'), status: 'secret-missing' },
  { label: 'short one', secret: 'abc123' },
];

const row = (label: string) => screen.getByRole('listitem', { name: label });

describe('token list', () => {
  it('shows every token masked, with its expiry badge, and no secret anywhere', async () => {
    renderApp({ tokens });
    await findList();

    expect(tokenRows()).toHaveLength(6);
    const acme = row('acme publish');
    expect(within(acme).getByText('npm_••••••••acme')).toBeTruthy();
    expect(within(acme).getByText('https://npm.acme.dev/')).toBeTruthy();
    expect(within(acme).getByText('npm')).toBeTruthy();
    const written = within(acme).getByText('Written to 2 files');
    expect(written.parentElement?.getAttribute('title')).toBe(
      '/home/u/.npmrc (//npm.acme.dev/:_authToken)\n/w/app/.npmrc (//npm.acme.dev/:_authToken)',
    );
    expect(within(row('maven central')).getByText('Not written')).toBeTruthy();
    expect(within(acme).getByText('Last used Mar 1, 2026')).toBeTruthy();
    expect(within(row('short one')).getByText('••••••••')).toBeTruthy();

    const badge = (label: string, text: string) => within(row(label)).getByText(text);
    expect(badge('acme publish', 'expires in 3 days').className).toContain('badge--warning');
    expect(badge('maven central', 'expires in 30 days').className).toContain('badge--ok');
    expect(badge('pypi upload', 'expired').className).toContain('badge--expired');
    expect(badge('nuget feed', 'expires today').className).toContain('badge--warning');
    expect(badge('short one', 'no expiry').className).toContain('badge--none');
    expect(within(row('old laptop')).getByText('secret missing')).toBeTruthy();
    expect(within(row('maven central')).queryByText('secret missing')).toBeNull();

    for (const t of tokens) expect(document.body.textContent).not.toContain(t.secret);
  });

  it('sorts expiring soonest first while tokens are about to expire, and by label on request', async () => {
    // Three of these expire within a week (or have): they come first until the user picks a sort.
    const { user } = renderApp({ tokens });
    await findList();
    const sortBy = screen.getByRole('combobox', { name: 'Sort by' }) as HTMLSelectElement;
    expect(sortBy.value).toBe('expiry');
    expect(rowLabels()).toEqual([
      'pypi upload',
      'nuget feed',
      'acme publish',
      'maven central',
      'old laptop',
      'short one',
    ]);
    await user.selectOptions(sortBy, 'label');
    expect(rowLabels()).toEqual([
      'acme publish',
      'maven central',
      'nuget feed',
      'old laptop',
      'pypi upload',
      'short one',
    ]);
  });

  it('filters by search text and by ecosystem, and offers a way out of "no matches"', async () => {
    const { user } = renderApp({ tokens });
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
    expect(screen.queryByRole('list', { name: 'Tokens' })).toBeNull();
    expect(screen.getByRole('heading', { name: 'No matches' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear search' }));
    expect(tokenRows()).toHaveLength(6);
    expect((search as HTMLInputElement).value).toBe('');
  });

  it('renders only a window of rows for 10,000 tokens', async () => {
    const many: SeedToken[] = Array.from({ length: 10_000 }, (_, i) => ({
      id: `id${i}`,
      label: `token ${String(i).padStart(5, '0')}`,
      secret: secret(`s${i}`),
    }));
    const started = performance.now();
    renderApp({ tokens: many });
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
