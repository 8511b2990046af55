import { writeFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MemoryClipboard } from '../../../src/core/clipboard-guard';
import { createHandlers } from '../../../src/core/ipc-handlers';
import { openCore } from '../../../src/core/open-core';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { APP_ENTRY_URL, serveAppRequest } from '../../../src/main/app-protocol';
import {
  prepareSmokeTest,
  runSmokeChecks,
  smokeChecks,
  smokeTestRequested,
  type SmokeProbe,
} from '../../../src/main/smoke-test';
import { inProcessKeyport } from '../../support/in-process-keyport';
import { ScriptedDialogs } from '../../support/scripted-dialogs';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

/**
 * The smoke checks against stand-ins for Electron (no binary can run here): the real core in
 * process behind a `window.keyport` built from the contract like the preload's, the real
 * app-protocol handler for `fetch`, a memory clipboard, and page scripts run in a vm context.
 */
async function standIns(change: (parts: { keyport: Record<string, unknown> }) => void = () => {}) {
  const rendererDir = tempDir();
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Keyport</title>');
  const clipboard = new MemoryClipboard();
  const core = await openCore({
    version: 'test',
    dataDir: tempDir(),
    access: { mode: 'app', dialogs: new ScriptedDialogs() },
    secrets: new MemorySecretStore(),
    clipboard,
  });
  const keyport = { ...inProcessKeyport(createHandlers(core.service)) } as Record<string, unknown>;
  change({ keyport });
  const page = vm.createContext({
    window: { keyport },
    fetch: (url: string) =>
      serveAppRequest(rendererDir, { method: 'GET', url: new URL(url, APP_ENTRY_URL).href }),
  });
  const probe: SmokeProbe = {
    loadedUrl: async () => APP_ENTRY_URL,
    inPage: async <T>(script: string) => (await vm.runInContext(script, page)) as T,
    clipboardText: () => clipboard.readText(),
    flushClipboard: async () => core.clipboard?.flush(),
    trayAlive: () => true,
  };
  return { probe, core, clipboard };
}

async function run(probe: SmokeProbe) {
  const lines: string[] = [];
  const code = await runSmokeChecks(smokeChecks(probe), (l) => lines.push(l));
  return { code, lines };
}

describe('the smoke test’s checks', () => {
  it('pass against the real core and protocol handler: one ok line per check, exit 0', async () => {
    const { probe, core } = await standIns();
    const { code, lines } = await run(probe);
    expect(lines).toEqual([
      'ok    the window loads app://keyport/',
      'ok    the content security policy header is served',
      'ok    window.keyport has exactly the contract’s methods',
      'ok    vault:add → vault:list → vault:reveal → vault:remove through IPC and the OS keychain',
      'ok    the clipboard guard writes the token and clears it',
      'ok    the tray icon is created',
    ]);
    expect(code).toBe(0);
    // Both round trips cleaned up after themselves.
    expect(await core.service.listTokens()).toEqual([]);
  });

  it('fails, naming the reason, when the page has a method too many or too few', async () => {
    const { probe } = await standIns(({ keyport }) => {
      delete keyport.rotateToken;
      keyport.runAnything = () => undefined;
    });
    const { code, lines } = await run(probe);
    expect(code).toBe(1);
    expect(lines).toContain(
      'FAIL  window.keyport has exactly the contract’s methods: missing: rotateToken; extra: runAnything',
    );
    expect(lines.filter((l) => l.startsWith('FAIL'))).toHaveLength(1);
  });

  it('fails each check whose part misbehaves, and still runs the others', async () => {
    const { probe, clipboard } = await standIns(({ keyport }) => {
      const reveal = keyport.revealToken as (r: unknown) => Promise<unknown>;
      keyport.revealToken = async (r: unknown) => {
        await reveal(r);
        return { ok: true, value: { secret: 'something else' } };
      };
    });
    const broken: SmokeProbe = {
      ...probe,
      loadedUrl: async () => 'http://127.0.0.1:5173/',
      inPage: async <T>(script: string) =>
        (script.includes('content-security-policy') ? null : await probe.inPage(script)) as T,
      // A clipboard that ignores the guard's clear.
      flushClipboard: async () => undefined,
      trayAlive: () => false,
    };
    const { code, lines } = await run(broken);
    expect(code).toBe(1);
    expect(lines).toEqual([
      'FAIL  the window loads app://keyport/: it loaded http://127.0.0.1:5173/',
      'FAIL  the content security policy header is served: the header was null',
      'ok    window.keyport has exactly the contract’s methods',
      'FAIL  vault:add → vault:list → vault:reveal → vault:remove through IPC and the OS keychain: reveal did not return the stored value',
      'FAIL  the clipboard guard writes the token and clears it: the clipboard still holds the token',
      'FAIL  the tray icon is created: no tray icon',
    ]);
    expect(clipboard.text).toMatch(/^kp-smoke-/);
  });

  it('is asked for by --smoke-test or KEYPORT_SMOKE=1 only', () => {
    expect(smokeTestRequested(['electron', '.', '--smoke-test'], {})).toBe(true);
    expect(smokeTestRequested(['electron', '.'], { KEYPORT_SMOKE: '1' })).toBe(true);
    expect(smokeTestRequested(['electron', '.'], { KEYPORT_SMOKE: '0' })).toBe(false);
    expect(smokeTestRequested(['electron', '.', '--smoke'], {})).toBe(false);
  });

  it('never runs on the user’s own vault: without KEYPORT_HOME it gets a temp data folder', () => {
    const paths: Record<string, string> = {};
    const app = { setPath: (name: string, value: string) => void (paths[name] = value) };
    const env: NodeJS.ProcessEnv = {};
    prepareSmokeTest(app, env, () => '/tmp/keyport-smoke-x');
    expect(env.KEYPORT_HOME).toBe('/tmp/keyport-smoke-x');
    expect(paths.userData).toBe(path.join('/tmp/keyport-smoke-x', 'electron-profile'));

    const given: NodeJS.ProcessEnv = { KEYPORT_HOME: '/data/smoke' };
    prepareSmokeTest(app, given, () => '/never');
    expect(given.KEYPORT_HOME).toBe('/data/smoke');
  });
});
