import { promises as fs } from 'node:fs';
import path from 'node:path';
import { daysUntilExpiry, expiresWithin, isExpired } from '../shared/expiry-days';
import type { TokenMeta } from '../shared/types';
import { writeFileAtomic } from './fs/atomic-write';

export const DEFAULT_NOTIFY_DAYS = [7, 1] as const;

export interface ExpiryAlert {
  token: TokenMeta;
  /** Calendar days left (shared/expiry-days.ts): 1 tomorrow, 0 today (or already, if expired). */
  daysLeft: number;
  expired: boolean;
  /** The reminder threshold (days before expiry) this alert is for. */
  threshold: number;
}

/**
 * Tokens that expired or expire within the window, soonest first: `days` in calendar days, as the
 * app's badge counts; `hours` exactly (`keyport list --expiring 12h` in a CI job).
 */
export function expiringSoon(
  tokens: TokenMeta[],
  now: Date,
  within: { days: number } | { hours: number },
): TokenMeta[] {
  const soon =
    'days' in within
      ? (t: TokenMeta) => expiresWithin(t.expires, now.getTime(), within.days)
      : (t: TokenMeta) => isExpired(t.expires, now.getTime() + within.hours * 3_600_000);
  return tokens.filter(soon).sort((a, b) => Date.parse(a.expires!) - Date.parse(b.expires!));
}

/**
 * The reminders due now: for each token, the smallest threshold it has crossed and that was not
 * reminded of yet (so a token found 3 days before expiry gets the 7-day reminder once, and the
 * 1-day one later, never a burst of both).
 */
export function dueAlerts(
  tokens: TokenMeta[],
  now: Date,
  thresholds: readonly number[],
  alreadySent: Readonly<Record<string, number[]>>,
): ExpiryAlert[] {
  const alerts: ExpiryAlert[] = [];
  for (const token of tokens) {
    const days = daysUntilExpiry(token.expires, now.getTime());
    if (days === null) continue;
    const expired = isExpired(token.expires, now.getTime());
    const daysLeft = expired ? Math.min(days, 0) : days;
    const crossed = thresholds.filter((d) => daysLeft <= d).sort((a, b) => a - b);
    const threshold = crossed[0];
    if (threshold === undefined || (alreadySent[token.id] ?? []).includes(threshold)) continue;
    alerts.push({ token, daysLeft, expired, threshold });
  }
  return alerts;
}

interface ReminderState {
  /** token id → thresholds already reminded of. */
  sent: Record<string, number[]>;
}

/** Which reminders were already shown, kept next to the vault so a restart does not repeat them. */
export class ReminderLog {
  private readonly file: string;

  constructor(dir: string) {
    this.file = path.join(dir, 'reminders.json');
  }

  async sent(): Promise<Record<string, number[]>> {
    try {
      const parsed = JSON.parse(await fs.readFile(this.file, 'utf8')) as ReminderState;
      return typeof parsed.sent === 'object' && parsed.sent !== null ? parsed.sent : {};
    } catch {
      // Missing or damaged: at worst a reminder is shown once more.
      return {};
    }
  }

  async record(alerts: ExpiryAlert[], liveIds: ReadonlySet<string>): Promise<void> {
    const sent = await this.sent();
    for (const id of Object.keys(sent)) if (!liveIds.has(id)) delete sent[id];
    for (const a of alerts) sent[a.token.id] = [...(sent[a.token.id] ?? []), a.threshold];
    await fs.mkdir(path.dirname(this.file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file, `${JSON.stringify({ sent })}\n`, { mode: 0o600 });
  }
}

/** `KEYPORT_NOTIFY_DAYS=14,3,1` overrides the default reminders (7 and 1 days before). */
export function notifyDays(env: NodeJS.ProcessEnv): number[] {
  const parsed = (env.KEYPORT_NOTIFY_DAYS ?? '')
    .split(',')
    .filter((d) => d.trim() !== '')
    .map((d) => Number(d.trim()))
    .filter((d) => Number.isInteger(d) && d >= 0 && d <= 365);
  return parsed.length > 0 ? parsed : [...DEFAULT_NOTIFY_DAYS];
}
