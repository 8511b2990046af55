import { describe, expect, it } from 'vitest';
import { MemoryClipboard, type TimerPort } from '../../../src/core/clipboard-guard';
import { openCore } from '../../../src/core/open-core';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { APP_ENTRY_URL } from '../../../src/main/app-protocol';
import { RevealShield, type ProtectableWindow } from '../../../src/main/content-protection';
import { requestSchemas } from '../../../src/shared/ipc-contract';
import { useTempDirs } from '../../support/temp-dir';
import { wireMainIpc } from '../../support/main-ipc';
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

async function wire() {
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
  const window = new FakeWindow();
  const ipc = wireMainIpc<FakeWindow>(core.service, {
    sender: window,
    onAnswer: (channel, result, sender) => shield.onAnswer(channel, result, sender),
  });
  return { ...ipc, window, fired };
}

describe('registerIpc', () => {
  it('registers exactly the contract’s channels, and removes them all again', async () => {
    const { channels, unregister } = await wire();
    expect(channels().sort()).toEqual(Object.keys(requestSchemas).sort());
    unregister();
    expect(channels()).toEqual([]);
  });

  it('refuses every channel from a foreign frame before looking at the payload', async () => {
    const { invoke, channels } = await wire();
    const frames = [
      { url: 'https://evil.example/', parent: null },
      { url: APP_ENTRY_URL, parent: {} },
      { url: 'file:///tmp/evil.html', parent: null },
      null,
    ];
    for (const channel of channels()) {
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
    const { invoke, call, window, fired } = await wire();
    const { id } = await call('vault:add', {
      label: 'ci',
      registry: 'https://registry.npmjs.org/',
      ecosystem: 'npm',
      secret: SECRET,
    });
    expect(window.calls).toEqual([]);
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
