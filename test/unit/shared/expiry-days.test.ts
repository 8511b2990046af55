import { describe, expect, it } from 'vitest';
import { expiringSoon } from '../../../src/core/expiry';
import { daysUntilExpiry, expiresWithin, isExpired } from '../../../src/shared/expiry-days';
import type { TokenMeta } from '../../../src/shared/types';

/** Local-time dates, so the cases mean the same in every time zone the tests run in. */
const local = (y: number, m: number, d: number, h = 0, min = 0) =>
  new Date(y, m - 1, d, h, min).getTime();

describe('expiry days (one rule for badge, tray, reminders and the CLI)', () => {
  const now = local(2026, 11, 23, 22, 30);

  it('counts calendar days in local time: tonight is today, just after midnight is tomorrow', () => {
    expect(daysUntilExpiry(new Date(local(2026, 11, 23, 23, 59)).toISOString(), now)).toBe(0);
    expect(daysUntilExpiry(new Date(local(2026, 11, 24, 0, 1)).toISOString(), now)).toBe(1);
    expect(daysUntilExpiry(new Date(local(2026, 11, 30, 23, 0)).toISOString(), now)).toBe(7);
    expect(daysUntilExpiry(null, now)).toBeNull();
    expect(daysUntilExpiry('not a date', now)).toBeNull();
  });

  it('is expired at the instant, not at the end of the day', () => {
    expect(isExpired(new Date(now - 1).toISOString(), now)).toBe(true);
    expect(isExpired(new Date(now + 1).toISOString(), now)).toBe(false);
    expect(expiresWithin(new Date(now - 86_400_000 * 30).toISOString(), now, 0)).toBe(true);
  });

  it('the tray count (core) counts what the badge (renderer, same rule) calls "in 7 days"', () => {
    // 7 calendar days but more than 7 × 24 h away: the old millisecond rule left it out.
    const edge = new Date(local(2026, 11, 30, 23, 0)).toISOString();
    const beyond = new Date(local(2026, 12, 1, 0, 30)).toISOString();
    const tokens = [edge, beyond].map((expires, i) => ({ id: `t${i}`, expires }) as TokenMeta);
    expect(expiringSoon(tokens, new Date(now), { days: 7 }).map((t) => t.id)).toEqual(['t0']);
    expect(tokens.filter((t) => expiresWithin(t.expires, now, 7)).map((t) => t.id)).toEqual(['t0']);
  });

  it('counts hours exactly for `--expiring 12h`', () => {
    const at = (ms: number) =>
      ({ id: String(ms), expires: new Date(now + ms).toISOString() }) as TokenMeta;
    const tokens = [at(11 * 3_600_000), at(13 * 3_600_000), at(-1)];
    expect(expiringSoon(tokens, new Date(now), { hours: 12 }).map((t) => t.id)).toEqual([
      '-1',
      String(11 * 3_600_000),
    ]);
  });
});
