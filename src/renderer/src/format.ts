/** Display rules for dates, shared by the list and the dialogs. Pure: `now` is always passed in. */

import { daysUntilExpiry, expiresWithin, isExpired } from '../../shared/expiry-days';

/** Expiring within this many days (today included) earns the warning colour. */
export const EXPIRY_WARNING_DAYS = 7;

export type ExpiryTone = 'none' | 'ok' | 'warning' | 'expired';

export interface ExpiryInfo {
  text: string;
  tone: ExpiryTone;
}

/** Calendar days from today to the expiry, in the user's time zone (shared/expiry-days.ts). */
export function expiryInfo(expires: string | null, now: number): ExpiryInfo {
  if (isExpired(expires, now)) return { text: 'expired', tone: 'expired' };
  const days = daysUntilExpiry(expires, now);
  if (days === null) return { text: 'no expiry', tone: 'none' };
  if (days === 0) return { text: 'expires today', tone: 'warning' };
  return {
    text: `expires in ${days} ${days === 1 ? 'day' : 'days'}`,
    tone: days <= EXPIRY_WARNING_DAYS ? 'warning' : 'ok',
  };
}

/** Expiring within the warning window, or already expired: what the badge count and filter mean. */
export function expiresSoon(expires: string | null, now: number): boolean {
  return expiresWithin(expires, now, EXPIRY_WARNING_DAYS);
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function formatDate(iso: string | null): string {
  if (iso === null) return 'never';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? 'unknown' : dateFormat.format(ms);
}

/** `yyyy-mm-dd` for a date input, in local time; '' for no date. */
export function toDateInputValue(iso: string | null): string {
  if (iso === null) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A date input's `yyyy-mm-dd` as the ISO instant the token stops working: the end of that local
 * day, so "expires 12 March" still works on 12 March. '' → null (no expiry); undefined if invalid.
 */
export function fromDateInputValue(value: string): string | null | undefined {
  if (value === '') return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const d = new Date(year, month - 1, day, 23, 59, 59, 999);
  if (d.getFullYear() !== year || d.getMonth() !== month - 1 || d.getDate() !== day) {
    return undefined;
  }
  return d.toISOString();
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
