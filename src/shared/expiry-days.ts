/**
 * The one rule for "how soon does this token expire", for the badge and filter in the renderer,
 * the tray count and reminders in main, and `keyport list --expiring`: calendar days in the
 * user's time zone, so "expires in 7 days" and "within 7 days" always agree. Pure: `now` is
 * passed in.
 */

export const DAY_MS = 86_400_000;

function startOfLocalDay(ms: number): number {
  const d = new Date(ms);
  return new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
}

/**
 * Calendar days from today to the expiry: 0 today, 1 tomorrow; 0 or less once expired is not
 * distinguished here (see `isExpired`). Null without a readable date.
 */
export function daysUntilExpiry(expires: string | null, now: number): number | null {
  if (expires === null) return null;
  const at = Date.parse(expires);
  if (Number.isNaN(at)) return null;
  // Rounding absorbs a DST shift between the two midnights.
  return Math.round((startOfLocalDay(at) - startOfLocalDay(now)) / DAY_MS);
}

export function isExpired(expires: string | null, now: number): boolean {
  if (expires === null) return false;
  const at = Date.parse(expires);
  return !Number.isNaN(at) && at <= now;
}

/** Expired, or expiring within `days` calendar days (today included). */
export function expiresWithin(expires: string | null, now: number, days: number): boolean {
  if (isExpired(expires, now)) return true;
  const left = daysUntilExpiry(expires, now);
  return left !== null && left <= days;
}
