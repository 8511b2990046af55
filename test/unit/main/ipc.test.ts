import { describe, expect, it } from 'vitest';
import { MemoryClipboard, type TimerPort } from '../../../src/core/clipboard-guard';
import { createHandlers } from '../../../src/core/ipc-handlers';
import { openCore } from '../../../src/core/open-core';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { APP_ENTRY_URL } from '../../../src/main/app-protocol';
import { RevealShield, type ProtectableWindow } from '../../../src/main/content-protection';
import { registerIpc, type IpcInvokeEvent, type IpcMainPort } from '../../../src/main/ipc';
import { createOriginCheck } from '../../../src/main/trusted-origin';
import { requestSchemas } from '../../../src/shared/ipc-contract';
import { useTempDirs } from '../../support/temp-dir';
import { ScriptedDialogs } from '../../support/scripted-dialogs';

/**
 * main/ipc.ts as main wires it, with a Map standing in for `ipcMain` and a recording window for
 * BrowserWindow (the Electron binary cannot run here); dispatch, validation and the core behind
 * it are the real ones, over an in-memory secret store.
 */
const tempDir = useTempDirs();
const SECRET = 'kp-test-ipc-reveal-0042-value';

class FakeWindow implements ProtectableWindow {
  calls: boolean[] = [];
  setContentProtection(enable: boolean): void {
    this.calls.push(enable);
  }
  isDestroyed(): boolean {
    return false;
  }
}

type Listener = Parameters<IpcMainPort<FakeWindow>['handle']>[1];

async function wire() {
  const listeners = new Map<string, Listener>();
  const ipc: IpcMainPort<FakeWindow> = {
    handle: (channel, listener) => void listeners.set(channel, listener),
    removeHandler: (channel) => void listeners.delete(channel),
  };
  const core = await openCore({
    access: { mode: 'app', dialogs: new ScriptedDialogs() },
    version: 'test',
    dataDir: tempDir(),
    secrets: new MemorySecretStore(),
    clipboard: new MemoryClipboard(),
  });
  const fired: (() => void)[] = [];
  const timers: TimerPort = {
    setTimeout: (fn) => fired.push(fn),
    clearTimeout: () => undefined,
  };
  const shield = new RevealShield(30_000, timers);
  const unregister = registerIpc(
    ipc,
    createHandlers(core.service),
    createOriginCheck(APP_ENTRY_URL, undefined),
    (channel, result, window) => shield.onAnswer(channel, result, window),
  );
  const window = new FakeWindow();
  const invoke = (
    channel: string,
    payload: unknown,
    frame: IpcInvokeEvent['senderFrame'] = { url: APP_ENTRY_URL, parent: null },
  ) => {
    const listener = listeners.get(channel);
    if (!listener) throw new Error(`No handler registered for '${channel}'`);
    return listener({ senderFrame: frame, sender: window }, payload) as Promise<{
      ok: boolean;
      value?: unknown;
      error?: { code: string };
    }>;
  };
  return { listeners, invoke, window, fired, unregister };
}

describe('registerIpc', () => {
  it('registers exactly the contract’s channels, and removes them all again', async () => {
    const { listeners, unregister } = await wire();
    expect([...listeners.keys()].sort()).toEqual(Object.keys(requestSchemas).sort());
    unregister();
    expect(listeners.size).toBe(0);
  });

  it('refuses every channel from a foreign frame before looking at the payload', async () => {
    const { invoke, listeners } = await wire();
    const frames = [
      { url: 'https://evil.example/', parent: null },
      { url: APP_ENTRY_URL, parent: {} },
      { url: 'file:///tmp/evil.html', parent: null },
      null,
    ];
    for (const channel of listeners.keys()) {
      for (const frame of frames) {
        const result = await invoke(channel, { whatever: true }, frame);
        expect(result).toEqual({
          ok: false,
          error: { code: 'IPC_FORBIDDEN', message: 'This page may not talk to Keyport.' },
        });
      }
    }
  });

  it('protects the window while a revealed secret is on its way and after, until the period ends', async () => {
    const { invoke, window, fired } = await wire();
    const added = await invoke('vault:add', {
      label: 'ci',
      registry: 'https://registry.npmjs.org/',
      ecosystem: 'npm',
      secret: SECRET,
    });
    expect(window.calls).toEqual([]);
    const id = (added.value as { id: string }).id;
    const revealed = await invoke('vault:reveal', { id });
    expect(revealed).toEqual({ ok: true, value: { secret: SECRET } });
    expect(window.calls).toEqual([true]);
    fired.splice(0).forEach((fn) => fn());
    expect(window.calls).toEqual([true, false]);

    // A refused reveal carries nothing and changes nothing.
    await invoke('vault:reveal', { id: 'missing' });
    await invoke('vault:copy', { id });
    expect(window.calls).toEqual([true, false]);
  });
});
