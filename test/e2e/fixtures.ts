/// <reference lib="dom" />
import { test as base, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { preview, type PreviewServer } from 'vite';
import { apiMethods } from '../../src/shared/ipc-contract';
import { startBridge, type Bridge } from '../support/bridge-server';
import { startVerdaccio, type VerdaccioHandle } from '../support/verdaccio';

const BRIDGE_PATH = '/__keyport';

interface KeyportFixtures {
  /** A temp home directory: config files the app writes by default land here. */
  home: string;
  bridge: Bridge;
  app: Page;
  registry: VerdaccioHandle;
}

/**
 * Serves the built renderer (out/renderer) with `vite preview`, proxies /__keyport to a bridge
 * hosting the real core, and gives the page a `window.keyport` with the preload's exact shape
 * whose functions POST to that bridge. Same origin, so the app's CSP (connect-src 'self') holds.
 */
export const test = base.extend<KeyportFixtures>({
  // eslint-disable-next-line no-empty-pattern
  home: async ({}, use) => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'keyport-e2e-'));
    mkdirSync(path.join(root, 'home'));
    await use(path.join(root, 'home'));
    rmSync(root, { recursive: true, force: true });
  },
  bridge: async ({ home }, use) => {
    const bridge = await startBridge({ dataDir: path.join(home, '..', 'data'), home });
    await use(bridge);
    await bridge.stop();
  },
  // eslint-disable-next-line no-empty-pattern
  registry: async ({}, use) => {
    const registry = await startVerdaccio();
    await use(registry);
    await registry.stop();
  },
  app: async ({ page, bridge }, use) => {
    const server: PreviewServer = await preview({
      configFile: false,
      root: path.resolve('.'),
      logLevel: 'warn',
      build: { outDir: 'out/renderer' },
      preview: {
        host: '127.0.0.1',
        port: 0,
        strictPort: false,
        proxy: {
          [BRIDGE_PATH]: { target: bridge.url, rewrite: (p) => p.slice(BRIDGE_PATH.length) },
        },
      },
    });
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('vite preview did not report a URL');
    await page.addInitScript(
      ({ methods, prefix }) => {
        const api = Object.fromEntries(
          Object.entries(methods).map(([name, channel]) => [
            name,
            (request: unknown) =>
              fetch(`${prefix}/rpc/${channel}`, {
                method: 'POST',
                headers: { 'content-type': 'application/json' },
                body: JSON.stringify(request ?? {}),
              }).then((r) => r.json()),
          ]),
        );
        Object.defineProperty(window, 'keyport', { value: Object.freeze(api) });
      },
      { methods: apiMethods, prefix: BRIDGE_PATH },
    );
    await page.goto(url);
    await use(page);
    await server.close();
  },
});

export { expect } from '@playwright/test';
