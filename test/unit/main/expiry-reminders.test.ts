import { describe, expect, it } from 'vitest';
import { dueAlerts, expiringSoon, notifyDays } from '../../../src/core/expiry';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { Vault } from '../../../src/core/vault/vault';
import { alertText, checkExpiry } from '../../../src/main/expiry-reminders';
import { createKeyportTray, trayTooltip } from '../../../src/main/tray';
import type { TokenMeta } from '../../../src/shared/types';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();
const NOW = new Date('2026-11-23T12:00:00.000Z');
const inDays = (d: number) => new Date(NOW.getTime() + d * 86_400_000).toISOString();

function token(id: string, expires: string | null): TokenMeta {
  return {
    id,
    label: id,
    registry: 'https://r.test/',
    ecosystem: 'npm',
    permissions: [],
    created: NOW.toISOString(),
    expires,
    lastUsed: null,
    origin: 'pasted',
    writtenTo: [],
    masked: 'kp-t••••••••0001',
    status: 'ok',
  };
}

describe('expiry', () => {
  it('lists what expires within N days, expired ones too, soonest first', () => {
    const tokens = [
      token('later', inDays(30)),
      token('soon', inDays(3)),
      token('gone', inDays(-1)),
      token('never', null),
    ];
    expect(expiringSoon(tokens, NOW, { days: 7 }).map((t) => t.id)).toEqual(['gone', 'soon']);
  });

  it('reminds once per threshold, the nearest crossed one only', () => {
    const tokens = [token('a', inDays(3)), token('b', inDays(1)), token('c', inDays(20))];
    const first = dueAlerts(tokens, NOW, [7, 1], {});
    expect(first.map((a) => [a.token.id, a.threshold, a.daysLeft])).toEqual([
      ['a', 7, 3],
      ['b', 1, 1],
    ]);
    expect(dueAlerts(tokens, NOW, [7, 1], { a: [7], b: [1] })).toEqual([]);
  });

  it('reads the reminder days from KEYPORT_NOTIFY_DAYS, else 7 and 1', () => {
    expect(notifyDays({})).toEqual([7, 1]);
    expect(notifyDays({ KEYPORT_NOTIFY_DAYS: '14, 3,x' })).toEqual([14, 3]);
  });

  it('notifies through the port, counts for the tray, and does not repeat after a restart', async () => {
    const dir = tempDir();
    const secrets = new MemorySecretStore();
    const vault = await Vault.open({ dir, secrets });
    await vault.add({
      label: 'ci',
      registry: 'https://r.test/',
      ecosystem: 'npm',
      secret: 'kp-test-secret-0009-expiring',
      origin: 'pasted',
      expires: inDays(2),
    });
    await vault.add({
      label: 'ok',
      registry: 'https://r.test/',
      ecosystem: 'npm',
      secret: 'kp-test-secret-0010-notyet00',
      origin: 'pasted',
      expires: inDays(60),
    });
    const notes: string[] = [];
    const counts: number[] = [];
    const ports = {
      notify: (t: string, b: string) => notes.push(`${t}: ${b}`),
      setExpiringCount: (n: number) => counts.push(n),
    };
    await checkExpiry(vault, ports, {}, NOW);
    expect(notes).toEqual([
      'Token expiring soon: “ci” (kp-t••••••••ring) expires in 2 days. Rotate or renew it in Keyport.',
    ]);
    expect(notes.join()).not.toContain('kp-test-secret');
    expect(counts).toEqual([1]);
    const reopened = await Vault.open({ dir, secrets });
    await checkExpiry(reopened, ports, {}, NOW);
    expect(notes).toHaveLength(1);
  });

  it('words expired, today and tomorrow plainly', () => {
    const alert = (daysLeft: number, expired: boolean) =>
      alertText({ token: token('x', null), daysLeft, expired, threshold: 1 });
    expect(alert(0, true).body).toContain('has expired');
    expect(alert(0, true).title).toBe('Token expired');
    expect(alert(0, false).body).toContain('expires today');
    expect(alert(0, false).title).toBe('Token expiring soon');
    expect(alert(1, false).body).toContain('expires tomorrow');
  });

  it('a token expiring later today is "today", not expired, in alerts and the tray count', () => {
    const laterToday = new Date(NOW.getTime() + 60_000).toISOString();
    const [alert] = dueAlerts([token('t', laterToday)], NOW, [7, 1], {});
    expect(alert).toMatchObject({ daysLeft: 0, expired: false, threshold: 1 });
    expect(expiringSoon([token('t', laterToday)], NOW, { days: 0 }).map((t) => t.id)).toEqual([
      't',
    ]);
  });
});

describe('tray', () => {
  it('shows the expiring count in tooltip, menu and badge; click opens the window', () => {
    // Electron's Tray and Menu cannot run here: a recording stand-in takes their calls.
    const calls: Record<string, unknown[]> = { tooltip: [], menu: [], badge: [] };
    let onClick: (() => void) | undefined;
    let shown = 0;
    const update = createKeyportTray({
      createTray: () => ({
        setToolTip: (t: string) => void calls.tooltip!.push(t),
        setContextMenu: (m: unknown) => void calls.menu!.push(m),
        on: ((event: string, fn: () => void) => {
          if (event === 'click') onClick = fn;
        }) as never,
      }),
      iconFromDataUrl: (url) => ({ url }) as never,
      buildMenu: (items) => items as never,
      showWindow: () => void shown++,
      quit: () => undefined,
      setBadgeCount: (n) => void calls.badge!.push(n),
    });
    update(2);
    expect(calls.tooltip).toEqual(['Keyport', 'Keyport — 2 tokens expiring soon']);
    expect(calls.badge).toEqual([0, 2]);
    expect(JSON.stringify(calls.menu!.at(-1))).toContain('2 tokens expiring soon');
    onClick?.();
    expect(shown).toBe(1);
    expect(trayTooltip(1)).toBe('Keyport — 1 token expiring soon');
  });
});
