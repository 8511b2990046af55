import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { walkWorkspace, type WalkCounts } from '../../../src/core/scan/workspace-walker';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder with more sub-folders than one turn of the walk reads. */
function wideFolder(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'keyport-walk-'));
  dirs.push(root);
  for (let i = 0; i < 200; i++) mkdirSync(path.join(root, `d${i}`));
  return root;
}

describe('walkWorkspace pace', () => {
  it('waits on its pace between turns, and a cancel while held ends the walk', async () => {
    const root = wideFolder();
    const controller = new AbortController();
    const seen: WalkCounts[] = [];
    let paced = 0;
    let reached: () => void = () => {};
    const held = new Promise<void>((resolve) => (reached = resolve));
    const walk = walkWorkspace(root, {
      signal: controller.signal,
      onProgress: (c) => seen.push({ ...c }),
      // Held until the signal aborts: the walk must not go on by itself.
      pace: (signal) =>
        new Promise((resolve) => {
          paced++;
          reached();
          signal?.addEventListener('abort', () => resolve(), { once: true });
        }),
    });
    await held;
    expect(paced).toBe(1);
    expect(seen).toHaveLength(1);
    expect(seen[0]!.folders).toBeLessThan(201);
    controller.abort();
    await expect(walk).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(paced).toBe(1);
  });

  it('walks every folder with the default pace', async () => {
    const root = wideFolder();
    const result = await walkWorkspace(root, {});
    expect(result.counts.folders).toBe(201);
  });
});
