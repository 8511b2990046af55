import type { TimerPort } from '../core/clipboard-guard';
import { channelsWith, type Channel, type IpcResult } from '../shared/ipc-contract';

/** The part of BrowserWindow the shield uses; vitest passes a recording stand-in. */
export interface ProtectableWindow {
  setContentProtection(enable: boolean): void;
  isDestroyed(): boolean;
}

/** The channels whose answer may carry a token's value to the renderer. */
export const SECRET_CHANNELS = channelsWith('shows-secret');

/** Whether this answer hands a secret to the page (a refused or failed call does not). */
export function carriesSecret(channel: Channel, result: IpcResult<unknown>): boolean {
  if (!SECRET_CHANNELS.has(channel) || !result.ok) return false;
  const value = result.value as { secret?: unknown } | null;
  return typeof value?.secret === 'string' && value.secret !== '';
}

const realTimers: TimerPort = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Keeps a revealed token out of screenshots, screen sharing and recordings (macOS and Windows;
 * Linux compositors offer no such flag): content protection goes on before the answer carrying the
 * secret reaches the window, and off again once the reveal period is over. Every new reveal in the
 * same window restarts the period.
 */
export class RevealShield {
  private readonly pending = new Map<ProtectableWindow, unknown>();

  constructor(
    readonly holdMs: number,
    private readonly timers: TimerPort = realTimers,
  ) {}

  /** Called with every IPC answer just before it is returned to `window`. */
  onAnswer(channel: Channel, result: IpcResult<unknown>, window: ProtectableWindow | null): void {
    if (!window || window.isDestroyed() || !carriesSecret(channel, result)) return;
    const previous = this.pending.get(window);
    if (previous !== undefined) this.timers.clearTimeout(previous);
    window.setContentProtection(true);
    const handle = this.timers.setTimeout(() => {
      this.pending.delete(window);
      if (!window.isDestroyed()) window.setContentProtection(false);
    }, this.holdMs);
    this.pending.set(window, handle);
  }

  /** Whether a reveal period is running for this window. */
  isProtecting(window: ProtectableWindow): boolean {
    return this.pending.has(window);
  }
}
