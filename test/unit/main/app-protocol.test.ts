import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  APP_ENTRY_URL,
  CONTENT_SECURITY_POLICY,
  serveAppRequest,
} from '../../../src/main/app-protocol';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

/** A real renderer folder on disk with a secret file beside it, which must never be served. */
function layout() {
  const base = tempDir('keyport-protocol-');
  const root = path.join(base, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Keyport</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  writeFileSync(path.join(base, 'secret.json'), '{"token":"kp-test-never-served"}');
  writeFileSync(path.join(root, 'notes.txt'), 'plain text is not a renderer file');
  symlinkSync(path.join(base, 'secret.json'), path.join(root, 'assets', 'link.json'));
  return root;
}

const get = (root: string, url: string) => serveAppRequest(root, { method: 'GET', url });

describe('app:// protocol handler (checklist #18, CSP as a response header)', () => {
  it('serves the renderer’s files with their type and the security headers', async () => {
    const root = layout();
    const index = await get(root, APP_ENTRY_URL);
    expect(index.status).toBe(200);
    expect(await index.text()).toContain('<title>Keyport</title>');
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await get(root, 'app://keyport/')).status).toBe(200);
    const js = await get(root, 'app://keyport/assets/index-abc.js?v=1#x');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('console.log(1)');
    expect((await get(root, 'app://keyport/assets/index-abc.css')).status).toBe(200);
  });

  it('sends a CSP with frame-ancestors, which a <meta> CSP cannot carry', () => {
    const directives = new Map(
      CONTENT_SECURITY_POLICY.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name!, values.join(' ')];
      }),
    );
    expect(directives.get('default-src')).toBe("'none'");
    expect(directives.get('script-src')).toBe("'self'");
    expect(directives.get('connect-src')).toBe("'self'");
    expect(directives.get('object-src')).toBe("'none'");
    expect(directives.get('frame-ancestors')).toBe("'none'");
    expect(directives.get('base-uri')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-|\*|https?:|blob:/);
  });

  it('never serves a file outside the renderer folder', async () => {
    const root = layout();
    const escapes = [
      'app://keyport/../secret.json',
      'app://keyport/%2e%2e/secret.json',
      'app://keyport/assets/%2e%2e/%2e%2e/secret.json',
      'app://keyport/..%2fsecret.json',
      'app://keyport/..%5csecret.json',
      'app://keyport/%2F..%2F..%2Fsecret.json',
      `app://keyport/${encodeURIComponent(path.join(path.dirname(root), 'secret.json'))}`,
      'app://keyport//etc/passwd',
      'app://keyport/assets/link.json',
      'app://keyport/index.html%00.js',
      'app://keyport/%E0%A4%A',
      'app://keyport/notes.txt',
      'app://keyport/missing.js',
      'app://keyport/assets',
      'app://evil/index.html',
      'app://user:pw@keyport/index.html',
      'file:///etc/passwd',
      'https://keyport/index.html',
      'not a url',
    ];
    for (const url of escapes) {
      const res = await get(root, url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text(), url).not.toContain('kp-test-never-served');
      expect(res.headers.get('content-security-policy'), url).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('answers only GET', async () => {
    const root = layout();
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
      expect((await serveAppRequest(root, { method, url: APP_ENTRY_URL })).status).toBe(405);
    }
  });
});
