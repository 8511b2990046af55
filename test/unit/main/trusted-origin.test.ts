import { describe, expect, it } from 'vitest';
import { createOriginCheck } from '../../../src/main/trusted-origin';

describe('IPC sender check', () => {
  const check = createOriginCheck('/opt/keyport/out/renderer/index.html', undefined);

  it('accepts only our own page in the main frame', () => {
    expect(check('file:///opt/keyport/out/renderer/index.html', true)).toBe(true);
    expect(check('file:///opt/keyport/out/renderer/index.html#/tokens', true)).toBe(true);
  });

  it('refuses subframes, other files, remote pages and garbage', () => {
    expect(check('file:///opt/keyport/out/renderer/index.html', false)).toBe(false);
    expect(check('file:///tmp/evil.html', true)).toBe(false);
    expect(check('https://evil.example/', true)).toBe(false);
    expect(check('http://localhost:5173/', true)).toBe(false);
    expect(check(undefined, true)).toBe(false);
    expect(check('not a url', true)).toBe(false);
  });

  it('accepts the dev server only when one is configured', () => {
    const dev = createOriginCheck('/opt/keyport/out/renderer/index.html', 'http://localhost:5173');
    expect(dev('http://localhost:5173/index.html', true)).toBe(true);
    expect(dev('http://localhost:5174/', true)).toBe(false);
  });
});
