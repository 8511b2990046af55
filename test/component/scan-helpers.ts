import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { expect } from 'vitest';
import type { TestKeyport } from './test-keyport';

type User = ReturnType<typeof userEvent.setup>;

/** Switches to the Scan view through the sidebar. */
export async function openScan(user: User) {
  await user.click(
    within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', {
      name: 'Scan',
    }),
  );
}

/** The view's Scan button (the sidebar entry has the same name, so this looks in main only). */
export function scanButton(name: 'Scan' | 'Scan again' | 'Scanning…' = 'Scan'): HTMLElement {
  return within(screen.getByRole('main')).getByRole('button', { name });
}

/**
 * Scans and waits for the scan to settle. A project folder comes from main's folder picker,
 * which the test plays: it answers `projectDir` once.
 */
export async function runScan(user: User, projectDir?: string, keyport?: TestKeyport) {
  await openScan(user);
  const main = within(screen.getByRole('main'));
  if (projectDir !== undefined) {
    if (!keyport) throw new Error('runScan with a folder needs the keyport whose picker answers');
    keyport.dialogs.nextFolder(projectDir);
    const before = keyport.callsTo('scan').length;
    await user.click(main.getByRole('button', { name: 'Choose folder…' }));
    // The scan starts once main's picker has answered.
    await waitFor(() => expect(keyport.callsTo('scan').length).toBeGreaterThan(before));
  } else {
    await user.click(main.getByRole('button', { name: /^Scan( again)?$/ }));
  }
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Scanning…' })).toBeNull());
}

export function findingList(): HTMLElement {
  return screen.getByRole('region', { name: 'Found credentials' });
}

/** Every finding row as `group / file / line N / entry / pills`, in the order shown. */
export function findingRows(): string[][] {
  return Array.from(findingList().querySelectorAll<HTMLElement>('.finding-row')).map((row) => [
    row.closest('.finding-group')?.querySelector('.finding-group__title')?.textContent ?? '',
    row.closest('.finding-file')?.querySelector('.finding-file__name')?.textContent ?? '',
    ...Array.from(row.children).map((el) => el.textContent ?? ''),
  ]);
}

/** The row of the entry at `file` (the full path), `line`. */
export function findingRow(file: string, line: number): HTMLElement {
  const fileGroup = Array.from(findingList().querySelectorAll<HTMLElement>('.finding-file')).find(
    (el) => el.querySelector('.finding-file__name')?.getAttribute('title') === file,
  );
  const row = Array.from(fileGroup?.querySelectorAll<HTMLElement>('.finding-row') ?? []).find(
    (r) => r.querySelector('.finding-row__line')?.textContent === `line ${line}`,
  );
  if (!row) throw new Error(`No finding row for ${file}:${line}`);
  return row;
}

/** The status pill of a finding's row. */
export function statusOf(file: string, line: number): string | undefined {
  return findingRow(file, line).querySelector('.pill')?.textContent ?? undefined;
}

/** Selects a finding and returns its details. */
export async function openFinding(user: User, file: string, line: number) {
  await user.click(findingRow(file, line));
  return screen.getByRole('region', { name: /:\d+$/ });
}
