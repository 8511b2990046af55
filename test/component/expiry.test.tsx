import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SeedToken } from './test-keyport';
import { DAY, findList, isoIn, openToken, renderApp, rowLabels, secret } from './render-app';

const tokens: SeedToken[] = [
  { id: 'a', label: 'alpha', secret: secret('alpha'), expires: isoIn(30 * DAY) },
  { id: 'b', label: 'bravo', secret: secret('bravo'), expires: isoIn(3 * DAY) },
  { id: 'c', label: 'charlie', secret: secret('charlie'), expires: isoIn(-2 * DAY) },
  { id: 'd', label: 'delta', secret: secret('delta') },
  { id: 'e', label: 'echo', secret: secret('echo'), expires: isoIn(8 * DAY) },
];

const nav = () => screen.getByRole('navigation', { name: 'Views' });
const sortBy = () => screen.getByRole('combobox', { name: 'Sort by' }) as HTMLSelectElement;
const expiringToggle = () => screen.getByRole('checkbox', { name: 'Expired or expiring' });

describe('Expiry', () => {
  it('counts tokens expiring within 7 days or expired in the sidebar', async () => {
    await renderApp({ tokens });
    await findList();
    const entry = within(nav()).getByRole('button', { name: 'Tokens, 2 expired or expiring' });
    const badge = within(entry).getByText('2');
    expect(badge.className).toBe('sidebar__badge');
    expect(badge.getAttribute('title')).toBe('2 tokens have expired or expire within 7 days');
    expect(within(nav()).getByRole('button', { name: 'Registries' })).toBeTruthy();
  });

  it('updates the count when an expiry changes, and shows no badge when none is near', async () => {
    const { user } = await renderApp({ tokens: tokens.filter((t) => t.id !== 'c') });
    await findList();
    expect(
      within(nav()).getByRole('button', { name: 'Tokens, 1 expired or expiring' }),
    ).toBeTruthy();
    expect(within(nav()).getByText('1').getAttribute('title')).toBe(
      '1 token has expired or expires within 7 days',
    );
    await user.click(within(await openToken(user, 'bravo')).getByRole('button', { name: 'Edit' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit token' });
    await user.clear(within(dialog).getByLabelText('Expires'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect((await within(nav()).findByRole('button', { name: 'Tokens' })).textContent).toBe(
      'Tokens',
    );
    expect(within(nav()).queryByRole('button', { name: /expired or expiring/ })).toBeNull();
  });

  it('keeps the sort by label while tokens expire: the sort never changes by itself', async () => {
    const { user, store } = await renderApp({ tokens });
    await findList();
    expect(sortBy().value).toBe('label');
    expect(rowLabels()).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);

    await user.selectOptions(sortBy(), 'expiry');
    expect(rowLabels()).toEqual(['charlie', 'bravo', 'echo', 'alpha', 'delta']);
    await store.getState().refresh();
    expect(sortBy().value).toBe('expiry');
    expect(rowLabels()).toEqual(['charlie', 'bravo', 'echo', 'alpha', 'delta']);
  });

  it('sorts by label by default when nothing expires soon', async () => {
    await renderApp({ tokens: tokens.filter((t) => t.id === 'a' || t.id === 'd' || t.id === 'e') });
    await findList();
    expect(sortBy().value).toBe('label');
    expect(rowLabels()).toEqual(['alpha', 'delta', 'echo']);
  });

  it('"Expired or expiring" shows only tokens expired or expiring within 7 days', async () => {
    const { user } = await renderApp({ tokens });
    await findList();
    expect(expiringToggle().closest('label')?.getAttribute('title')).toBe(
      'Tokens that have expired or expire within 7 days',
    );
    await user.click(expiringToggle());
    expect(rowLabels()).toEqual(['bravo', 'charlie']);
    expect(screen.getByText('2 of 5 tokens')).toBeTruthy();

    // Combined with search: nothing left, and the way out clears the toggle too.
    await user.type(screen.getByRole('searchbox', { name: 'Search tokens' }), 'alpha');
    expect(screen.getByRole('heading', { name: 'No matches' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear search and filters' }));
    expect((expiringToggle() as HTMLInputElement).checked).toBe(false);
    expect(rowLabels()).toHaveLength(5);
  });
});
