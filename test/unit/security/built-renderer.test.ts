import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/app-protocol';

/**
 * Checklist #1, #7, #20 on what ships: the built out/renderer/index.html (`npx electron-vite
 * build`), its bundles, and the preload bundle. Built here when missing.
 */
const root = path.resolve(__dirname, '../../..');
const out = path.join(root, 'out');

beforeAll(() => {
  if (!existsSync(path.join(out, 'renderer/index.html'))) {
    execFileSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'ignore' });
  }
}, 120_000);

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => {
        const [name, ...values] = d.split(/\s+/);
        return [name!.toLowerCase(), values];
      }),
  );
}

function metaPolicy(html: string): string {
  const match = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!match) throw new Error('no CSP meta in the built index.html');
  return match[1]!;
}

/** The rules both the <meta> CSP and the header CSP must meet. */
function expectStrict(policy: string): void {
  const d = directives(policy);
  expect(d.get('default-src')).toEqual(["'none'"]);
  expect(d.get('script-src')).toEqual(["'self'"]);
  expect(d.get('connect-src')).toEqual(["'self'"]);
  expect(d.get('base-uri')).toEqual(["'none'"]);
  expect(d.get('form-action')).toEqual(["'none'"]);
  // object-src and frame-src fall back to default-src 'none' when not named.
  expect(d.get('object-src') ?? d.get('default-src')).toEqual(["'none'"]);
  expect(d.get('frame-src') ?? d.get('child-src') ?? d.get('default-src')).toEqual(["'none'"]);
  for (const [name, values] of d) {
    for (const value of values) {
      expect(value, `${name} ${value}`).not.toMatch(
        /^'unsafe-|^'wasm-unsafe-eval'|^\*|^https?:|^http|^blob:|^filesystem:|^ws/,
      );
    }
  }
}

describe('the built renderer', () => {
  const html = () => readFileSync(path.join(out, 'renderer/index.html'), 'utf8');

  it('carries a strict CSP meta: no inline or eval script, connections only to itself', () => {
    expectStrict(metaPolicy(html()));
  });

  it('sends a header CSP from main that is as strict and adds frame-ancestors', () => {
    expectStrict(CONTENT_SECURITY_POLICY);
    expect(directives(CONTENT_SECURITY_POLICY).get('frame-ancestors')).toEqual(["'none'"]);
    // Every source the page may use under the header is also allowed by the meta (both apply).
    const meta = directives(metaPolicy(html()));
    for (const [name, values] of directives(CONTENT_SECURITY_POLICY)) {
      if (name === 'frame-ancestors' || !meta.has(name)) continue;
      for (const value of values) expect(meta.get(name), name).toContain(value);
    }
  });

  it('loads only its own bundled files: no inline script, handler, style or remote URL', () => {
    const page = html();
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(body!.trim(), 'inline script').toBe('');
      expect(attrs).toMatch(/src="\.\/assets\/[\w.-]+\.js"/);
    }
    expect(page).not.toMatch(/\son[a-z]+\s*=/i);
    expect(page).not.toMatch(/\sstyle\s*=|<style/i);
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//i);
    for (const [, ref] of page.matchAll(/(?:src|href)="\.\/([^"]+)"/g)) {
      expect(existsSync(path.join(out, 'renderer', ref!)), ref).toBe(true);
    }
  });

  it('bundles no eval, new Function or string timers that the CSP would have to allow', () => {
    const assets = path.join(out, 'renderer/assets');
    for (const name of readdirSync(assets).filter((n) => n.endsWith('.js'))) {
      const code = readFileSync(path.join(assets, name), 'utf8');
      expect(code, name).not.toMatch(/\beval\(|new Function\(|\bFunction\(\s*["'`]/);
    }
  });

  it('has a preload that needs nothing but electron (it runs sandboxed)', () => {
    const preload = readFileSync(path.join(out, 'preload/index.cjs'), 'utf8');
    const required = [...preload.matchAll(/require\(\s*["']([^"']+)["']\s*\)/g)].map((m) => m[1]);
    expect(new Set(required)).toEqual(new Set(['electron']));
    expect(preload).toContain('exposeInMainWorld');
    expect(preload).not.toMatch(/ipcRenderer\.(send|on|sendSync)\(/);
  });

  it('has a main bundle that loads the app from app:// and never from file:// or a remote URL', () => {
    const main = readFileSync(path.join(out, 'main/index.js'), 'utf8');
    expect(main).toContain('registerSchemesAsPrivileged');
    expect(main).toContain('app://keyport/index.html');
    expect(main).not.toMatch(/loadFile\(/);
    expect(main).not.toMatch(/loadURL\(\s*["']https?:/);
  });
});
