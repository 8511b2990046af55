import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL } from '../../../src/main/app-protocol';
import { createOriginCheck } from '../../../src/main/trusted-origin';

describe('IPC sender check (checklist #17)', () => {
  const check = createOriginCheck(APP_ENTRY_URL, undefined);

  it('accepts only our own page in the main frame', () => {
    expect(check('app://keyport/index.html', true)).toBe(true);
    expect(check('app://keyport/index.html#/tokens', true)).toBe(true);
    expect(check('app://keyport/', true)).toBe(true);
  });

  it('refuses subframes, other hosts, file:// pages, remote pages and garbage', () => {
    expect(check('app://keyport/index.html', false)).toBe(false);
    expect(check('app://evil/index.html', true)).toBe(false);
    expect(check('app://keyport.evil/index.html', true)).toBe(false);
    expect(check('app://user@keyport/index.html', true)).toBe(false);
    expect(check('app:///index.html', true)).toBe(false);
    expect(check('file:///opt/keyport/out/renderer/index.html', true)).toBe(false);
    expect(check('file:///tmp/evil.html', true)).toBe(false);
    expect(check('https://evil.example/', true)).toBe(false);
    expect(check('http://localhost:5173/', true)).toBe(false);
    expect(check('about:blank', true)).toBe(false);
    expect(check('data:text/html,x', true)).toBe(false);
    expect(check(undefined, true)).toBe(false);
    expect(check('', true)).toBe(false);
    expect(check('not a url', true)).toBe(false);
  });

  it('accepts the dev server only when one is configured', () => {
    const dev = createOriginCheck(APP_ENTRY_URL, 'http://localhost:5173');
    expect(dev('http://localhost:5173/index.html', true)).toBe(true);
    expect(dev('http://localhost:5174/', true)).toBe(false);
    expect(dev('https://localhost:5173/', true)).toBe(false);
    expect(dev('http://localhost:5173/', false)).toBe(false);
  });
});
