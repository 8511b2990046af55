import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SeedToken } from './fake-keyport';
import { DAY, findList, isoIn, renderApp, rowLabels, secret } from './render-app';

const tokens: SeedToken[] = [
  { id: 'a', label: 'alpha', secret: secret('alpha'), expires: isoIn(30 * DAY) },
  { id: 'b', label: 'bravo', secret: secret('bravo'), expires: isoIn(3 * DAY) },
  { id: 'c', label: 'charlie', secret: secret('charlie'), expires: isoIn(-2 * DAY) },
  { id: 'd', label: 'delta', secret: secret('delta') },
  { id: 'e', label: 'echo', secret: secret('echo'), expires: isoIn(8 * DAY) },
];

const nav = () => screen.getByRole('navigation', { name: 'Views' });
const sortBy = () => screen.getByRole('combobox', { name: 'Sort by' }) as HTMLSelectElement;
const expiringToggle = () => screen.getByRole('checkbox', { name: 'Expiring soon' });

describe('Expiry', () => {
  it('counts tokens expiring within 7 days or expired in the sidebar', async () => {
    renderApp({ tokens });
    await findList();
    const entry = within(nav()).getByRole('button', { name: 'Tokens, 2 expiring soon' });
    const badge = within(entry).getByText('2');
    expect(badge.className).toBe('sidebar__badge');
    expect(badge.getAttribute('title')).toBe('2 tokens expire within 7 days or have expired');
    expect(within(nav()).getByRole('button', { name: 'Registries' })).toBeTruthy();
  });

  it('updates the count when an expiry changes, and shows no badge when none is near', async () => {
    const { user } = renderApp({ tokens: tokens.filter((t) => t.id !== 'c') });
    await findList();
    expect(within(nav()).getByRole('button', { name: 'Tokens, 1 expiring soon' })).toBeTruthy();
    expect(within(nav()).getByText('1').getAttribute('title')).toBe(
      '1 token expires within 7 days or has expired',
    );
    await user.click(screen.getByRole('button', { name: 'Edit', description: 'bravo' }));
    const dialog = screen.getByRole('dialog', { name: 'Edit token' });
    await user.clear(within(dialog).getByLabelText('Expires'));
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(within(nav()).getByRole('button', { name: 'Tokens' }).textContent).toBe('Tokens');
    expect(within(nav()).queryByRole('button', { name: /expiring soon/ })).toBeNull();
  });

  it('sorts expiring soonest first by default while any token is near, and keeps a picked sort', async () => {
    const { user, store } = renderApp({ tokens });
    await findList();
    expect(sortBy().value).toBe('expiry');
    expect(rowLabels()).toEqual(['charlie', 'bravo', 'echo', 'alpha', 'delta']);

    await user.selectOptions(sortBy(), 'label');
    expect(rowLabels()).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
    await store.getState().refresh();
    expect(sortBy().value).toBe('label');
    expect(rowLabels()).toEqual(['alpha', 'bravo', 'charlie', 'delta', 'echo']);
  });

  it('sorts by label by default when nothing expires soon', async () => {
    renderApp({ tokens: tokens.filter((t) => t.id === 'a' || t.id === 'd' || t.id === 'e') });
    await findList();
    expect(sortBy().value).toBe('label');
    expect(rowLabels()).toEqual(['alpha', 'delta', 'echo']);
  });

  it('"Expiring soon" shows only tokens expiring within 7 days or expired', async () => {
    const { user } = renderApp({ tokens });
    await findList();
    expect(expiringToggle().getAttribute('title')).toBe('Tokens expiring within 7 days or expired');
    await user.click(expiringToggle());
    expect(rowLabels()).toEqual(['charlie', 'bravo']);
    expect(screen.getByText('2 of 5 tokens')).toBeTruthy();

    // Combined with search: nothing left, and the way out clears the toggle too.
    await user.type(screen.getByRole('searchbox', { name: 'Search tokens' }), 'alpha');
    expect(screen.getByRole('heading', { name: 'No matches' })).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Clear search' }));
    expect((expiringToggle() as HTMLInputElement).checked).toBe(false);
    expect(rowLabels()).toHaveLength(5);
  });
});
