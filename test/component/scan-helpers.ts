import { screen, waitFor, within } from '@testing-library/react';
import type userEvent from '@testing-library/user-event';
import { expect } from 'vitest';

type User = ReturnType<typeof userEvent.setup>;

/** Switches to the Scan view through the sidebar. */
export async function openScan(user: User) {
  await user.click(
    within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', {
      name: 'Scan',
    }),
  );
  return screen.getByRole('textbox', { name: 'Project folder' }) as HTMLInputElement;
}

/** The view's Scan button (the sidebar entry has the same name, so this looks in main only). */
export function scanButton(name: 'Scan' | 'Scanning…' = 'Scan'): HTMLElement {
  return within(screen.getByRole('main')).getByRole('button', { name });
}

/** Scans (with a project folder if given) and waits for the scan to settle. */
export async function runScan(user: User, projectDir?: string) {
  const folder = await openScan(user);
  await user.clear(folder);
  if (projectDir) await user.type(folder, projectDir);
  await user.click(scanButton());
  await waitFor(() => expect(screen.queryByRole('button', { name: 'Scanning…' })).toBeNull());
}

export function findingTable(): HTMLElement {
  return screen.getByRole('table', { name: 'Found credentials' });
}

/** The table's body rows, each as its cells' text. */
export function findingRows(): string[][] {
  return within(findingTable())
    .getAllByRole('row')
    .slice(1)
    .map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent?.trim() ?? ''),
    );
}

/** The row of the entry at `file`, `line`. */
export function findingRow(file: string, line: number): HTMLElement {
  const row = within(findingTable())
    .getAllByRole('row')
    .slice(1)
    .find((r) => {
      const [fileCell, lineCell] = Array.from(r.querySelectorAll('th, td'));
      return (
        fileCell?.querySelector('.mono')?.textContent === file &&
        lineCell?.textContent === String(line)
      );
    });
  if (!row) throw new Error(`No finding row for ${file}:${line}`);
  return row;
}
