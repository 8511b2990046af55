import { afterEach, describe, expect, it, vi } from 'vitest';
import { RemovedTokens, RESTORE_WINDOW_MS } from '../../../src/core/vault/removed-tokens';
import type { RemovedToken } from '../../../src/core/vault/vault';

const removed = { record: { id: 'a', label: 'alpha' }, secret: 'kp-test-x' } as RemovedToken;

describe('RemovedTokens (what a delete keeps for Undo)', () => {
  afterEach(() => vi.useRealTimers());

  it('gives a kept token back once', () => {
    const kept = new RemovedTokens();
    const id = kept.keep(removed);
    expect(kept.take(id)).toBe(removed);
    expect(kept.take(id)).toBeUndefined();
  });

  it('forgets it when the window closes', () => {
    vi.useFakeTimers();
    const kept = new RemovedTokens();
    const late = kept.keep(removed);
    vi.advanceTimersByTime(RESTORE_WINDOW_MS - 1);
    const early = kept.keep(removed);
    vi.advanceTimersByTime(1);
    expect(kept.take(late)).toBeUndefined();
    expect(kept.take(early)).toBe(removed);
  });
});
