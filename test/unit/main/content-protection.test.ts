import { describe, expect, it } from 'vitest';
import type { TimerPort } from '../../../src/core/clipboard-guard';
import { REVEAL_HIDE_SECONDS } from '../../../src/core/service';
import {
  carriesSecret,
  RevealShield,
  type ProtectableWindow,
} from '../../../src/main/content-protection';

/**
 * Stand-ins for what cannot run here: a window that records setContentProtection calls (the
 * Electron binary is not available) and timers fired by hand instead of waiting 30 s.
 */
class FakeWindow implements ProtectableWindow {
  calls: boolean[] = [];
  destroyed = false;
  setContentProtection(enable: boolean): void {
    this.calls.push(enable);
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
}

function manualTimers() {
  const pending = new Map<number, { fn: () => void; ms: number }>();
  let next = 1;
  const timers: TimerPort = {
    setTimeout: (fn, ms) => {
      pending.set(next, { fn, ms });
      return next++;
    },
    clearTimeout: (h) => void pending.delete(h as number),
  };
  const fireAll = () => {
    const due = [...pending.values()];
    pending.clear();
    due.forEach((t) => t.fn());
  };
  return { timers, pending, fireAll };
}

const revealed = { ok: true as const, value: { secret: 'kp-test-shown' } };
const created = {
  ok: true as const,
  value: { token: null, created: { key: 'k' }, secret: 'kp-test-created' },
};

describe('content protection while a secret is shown', () => {
  it('turns on before a reveal or a create answer reaches the window, off after the period', () => {
    for (const [channel, result] of [
      ['vault:reveal', revealed],
      ['remote:create', created],
    ] as const) {
      const { timers, pending, fireAll } = manualTimers();
      const shield = new RevealShield(REVEAL_HIDE_SECONDS * 1000, timers);
      const window = new FakeWindow();
      shield.onAnswer(channel, result, window);
      expect(window.calls).toEqual([true]);
      expect([...pending.values()].map((t) => t.ms)).toEqual([30_000]);
      expect(shield.isProtecting(window)).toBe(true);
      fireAll();
      expect(window.calls).toEqual([true, false]);
      expect(shield.isProtecting(window)).toBe(false);
    }
  });

  it('restarts the period on a second reveal instead of turning off early', () => {
    const { timers, pending, fireAll } = manualTimers();
    const shield = new RevealShield(30_000, timers);
    const window = new FakeWindow();
    shield.onAnswer('vault:reveal', revealed, window);
    shield.onAnswer('vault:reveal', revealed, window);
    expect(pending.size).toBe(1);
    fireAll();
    expect(window.calls).toEqual([true, true, false]);
  });

  it('keeps each window’s period separate', () => {
    const { timers, pending } = manualTimers();
    const shield = new RevealShield(30_000, timers);
    const a = new FakeWindow();
    const b = new FakeWindow();
    shield.onAnswer('vault:reveal', revealed, a);
    shield.onAnswer('vault:reveal', revealed, b);
    const [first] = [...pending.entries()];
    pending.delete(first![0]);
    first![1].fn();
    expect(a.calls).toEqual([true, false]);
    expect(b.calls).toEqual([true]);
  });

  it('does nothing for answers without a secret, failures, other channels or no window', () => {
    const { timers, pending } = manualTimers();
    const shield = new RevealShield(30_000, timers);
    const window = new FakeWindow();
    shield.onAnswer('vault:list', { ok: true, value: [] }, window);
    shield.onAnswer('vault:copy', { ok: true, value: { clearAfterSeconds: 30 } }, window);
    shield.onAnswer(
      'vault:reveal',
      { ok: false, error: { code: 'NOT_FOUND', message: 'x' } },
      window,
    );
    shield.onAnswer('vault:reveal', { ok: true, value: { secret: '' } }, window);
    shield.onAnswer('vault:reveal', revealed, null);
    expect(window.calls).toEqual([]);
    expect(pending.size).toBe(0);
    expect(carriesSecret('config:plan', { ok: true, value: { secret: 'x' } })).toBe(false);
  });

  it('leaves a window closed meanwhile alone', () => {
    const { timers, fireAll } = manualTimers();
    const shield = new RevealShield(30_000, timers);
    const window = new FakeWindow();
    shield.onAnswer('vault:reveal', revealed, window);
    window.destroyed = true;
    fireAll();
    expect(window.calls).toEqual([true]);
  });
});
