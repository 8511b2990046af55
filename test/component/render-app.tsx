import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, vi } from 'vitest';
import { createApi } from '../../src/renderer/src/api';
import type { Clock } from '../../src/renderer/src/clock';
import { systemClock } from '../../src/renderer/src/clock';
import { AppShell } from '../../src/renderer/src/components/app-shell';
import { createKeyportStore } from '../../src/renderer/src/store/keyport-store';
import { StoreProvider } from '../../src/renderer/src/store/store-context';
import { TestKeyport, type Seeds } from './test-keyport';

/** 2026-03-10 12:00 UTC, a Tuesday; tests run with TZ=UTC (see setup.ts). */
export const NOW = Date.parse('2026-03-10T12:00:00.000Z');
export const DAY = 24 * 60 * 60 * 1000;

export const isoIn = (ms: number) => new Date(NOW + ms).toISOString();

/** A clock frozen at NOW whose timers are the (possibly faked) global ones. */
export const fixedClock: Clock = { ...systemClock, now: () => NOW };

export interface RenderOptions {
  tokens?: Seeds;
  /** A core the test opened (and seeded) itself; otherwise one holding `tokens`. */
  keyport?: TestKeyport;
  clock?: Clock;
  /** Installs vitest fake timers (Date at NOW) before rendering; advance with vi.advanceTimersByTime. */
  fakeTimers?: boolean;
}

export async function renderApp({
  tokens = [],
  keyport,
  clock = fixedClock,
  fakeTimers = false,
}: RenderOptions = {}) {
  keyport ??= await TestKeyport.open(tokens);
  if (fakeTimers) vi.useFakeTimers({ now: NOW, shouldAdvanceTime: true });
  const store = createKeyportStore({ api: createApi(keyport.api), clock });
  void store.getState().init();
  const user = userEvent.setup(fakeTimers ? { advanceTimers: vi.advanceTimersByTime } : {});
  const view = render(
    <StoreProvider store={store}>
      <AppShell />
    </StoreProvider>,
  );
  return { keyport, store, user, ...view };
}

/** Waits for the first load to settle into the list. */
export async function findList() {
  return screen.findByRole('listbox', { name: 'Tokens' });
}

/** The rendered token rows (selects have options too). */
export function tokenRows(): HTMLElement[] {
  return within(screen.getByRole('listbox', { name: 'Tokens' })).getAllByRole('option');
}

/** A token's row in the list. */
export function tokenRow(label: string): HTMLElement {
  return within(screen.getByRole('listbox', { name: 'Tokens' })).getByRole('option', {
    name: label,
  });
}

/** Selects a token in the list by clicking its row and returns its details pane. */
export async function openToken(user: ReturnType<typeof userEvent.setup>, label: string) {
  await user.click(tokenRow(label));
  return detailPane(label);
}

/** The details pane of the selected token. */
export function detailPane(label: string): HTMLElement {
  return screen.getByRole('region', { name: label });
}

export function rowLabels(): (string | null)[] {
  return tokenRows().map((li) => li.getAttribute('aria-label'));
}

/** A secret long enough to be masked as first 4 + dots + last 4. */
export function secret(tag: string): string {
  return `npm_${tag.padEnd(28, 'x')}${tag.slice(0, 4).padEnd(4, 'z')}`;
}

/** Switches to the Registries view through the sidebar and waits for the accounts to settle. */
export async function openRegistries(user: ReturnType<typeof userEvent.setup>) {
  await user.click(
    within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', {
      name: 'Registries',
    }),
  );
  await waitFor(() =>
    expect(screen.queryByRole('progressbar', { name: 'Loading accounts' })).toBeNull(),
  );
}
