import { describe, expect, it } from 'vitest';
import { ClipboardGuard, MemoryClipboard, type TimerPort } from '../../../src/core/clipboard-guard';

/** Timers the test fires by hand: no waiting on the wall clock. */
class ManualTimers implements TimerPort {
  private next = 0;
  readonly pending = new Map<number, { fn: () => void; ms: number }>();
  setTimeout(fn: () => void, ms: number): number {
    this.pending.set(++this.next, { fn, ms });
    return this.next;
  }
  clearTimeout(handle: unknown): void {
    this.pending.delete(handle as number);
  }
  async fireAll(): Promise<void> {
    const due = [...this.pending.values()];
    this.pending.clear();
    for (const t of due) t.fn();
    await new Promise((r) => setImmediate(r));
  }
}

describe('ClipboardGuard', () => {
  it('clears the clipboard after the delay when it still holds the secret', async () => {
    const clipboard = new MemoryClipboard();
    const timers = new ManualTimers();
    const guard = new ClipboardGuard(clipboard, 30_000, timers);
    await guard.copy('kp-test-secret-0001');
    expect(clipboard.text).toBe('kp-test-secret-0001');
    expect(clipboard.concealed).toBe(true);
    expect([...timers.pending.values()][0]?.ms).toBe(30_000);
    await timers.fireAll();
    expect(clipboard.text).toBe('');
  });

  it('leaves the clipboard alone when the user copied something else meanwhile', async () => {
    const clipboard = new MemoryClipboard();
    const timers = new ManualTimers();
    const guard = new ClipboardGuard(clipboard, 30_000, timers);
    await guard.copy('kp-test-secret-0001');
    clipboard.text = 'something the user copied';
    await timers.fireAll();
    expect(clipboard.text).toBe('something the user copied');
  });

  it('restarts the delay on a second copy and clears on flush (quit)', async () => {
    const clipboard = new MemoryClipboard();
    const timers = new ManualTimers();
    const guard = new ClipboardGuard(clipboard, 30_000, timers);
    await guard.copy('kp-test-secret-0001');
    await guard.copy('kp-test-secret-0002');
    expect(timers.pending.size).toBe(1);
    await guard.flush();
    expect(clipboard.text).toBe('');
    expect(timers.pending.size).toBe(0);
  });
});
