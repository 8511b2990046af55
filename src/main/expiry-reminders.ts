import { dueAlerts, expiringSoon, notifyDays, type ExpiryAlert, ReminderLog } from '../core/expiry';
import type { Vault } from '../core/vault/vault';

/** The Electron pieces reminders use; vitest passes recording stand-ins. */
export interface ReminderPorts {
  notify(title: string, body: string): void;
  /** Tray tooltip and badge (dock/taskbar count where the platform has one). */
  setExpiringCount(count: number): void;
}

const CHECK_EVERY_MS = 60 * 60_000;

export function alertText(a: ExpiryAlert): { title: string; body: string } {
  const when = a.expired
    ? 'has expired'
    : a.daysLeft <= 0
      ? 'expires today'
      : a.daysLeft === 1
        ? 'expires tomorrow'
        : `expires in ${a.daysLeft} days`;
  return {
    title: `Token ${a.expired ? 'expired' : 'expiring soon'}`,
    body: `“${a.token.label}” (${a.token.masked}) ${when}. Rotate or renew it in Keyport.`,
  };
}

/**
 * Checks expiry at start and every hour: OS notifications at the configured days before
 * (default 7 and 1), each once per token and threshold, and an always-current count for the tray.
 */
export async function checkExpiry(
  vault: Vault,
  ports: ReminderPorts,
  env: NodeJS.ProcessEnv,
  now = new Date(),
): Promise<ExpiryAlert[]> {
  const tokens = await vault.list();
  const days = notifyDays(env);
  ports.setExpiringCount(expiringSoon(tokens, now, { days: Math.max(...days) }).length);
  const log = new ReminderLog(vault.dir);
  const alerts = dueAlerts(tokens, now, days, await log.sent());
  for (const a of alerts) {
    const { title, body } = alertText(a);
    ports.notify(title, body);
  }
  if (alerts.length > 0) await log.record(alerts, new Set(tokens.map((t) => t.id)));
  return alerts;
}

/** Starts the hourly check; the returned function checks again now (after a token changed). */
export function startExpiryReminders(
  vault: Vault,
  ports: ReminderPorts,
  env: NodeJS.ProcessEnv,
): () => void {
  const run = () => void checkExpiry(vault, ports, env).catch(() => undefined);
  run();
  setInterval(run, CHECK_EVERY_MS).unref();
  return run;
}
