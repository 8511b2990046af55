import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MemoryClipboard } from '../../src/core/clipboard-guard';
import { createHandlers, dispatch } from '../../src/core/ipc-handlers';
import { openCore, type Core } from '../../src/core/open-core';
import { ScriptedDialogs } from './scripted-dialogs';

export interface Bridge {
  url: string;
  core: Core;
  /**
   * The one stand-in: Electron's clipboard cannot run without the Electron binary, so main's
   * ClipboardGuard writes to this in-memory clipboard; everything behind it is the real core.
   */
  clipboard: MemoryClipboard;
  /**
   * The app's native dialogs, played by the test (Electron cannot run here): script a pick with
   * `bridge.dialogs.nextPick(file)` / `nextFolder(dir)` before the UI asks, and answer main's
   * confirmations with `approveNext()` / `declineNext()`. The core runs in app mode behind it,
   * so paths and hosts are checked exactly as in the app.
   */
  dialogs: ScriptedDialogs;
  /**
   * Holds every sweep after its first turn of folders (it has reported progress) until
   * `release()` or a cancel, so a test can watch and cancel a sweep in flight whatever the
   * machine's speed.
   */
  sweeps: SweepGate;
  stop(): Promise<void>;
}

/**
 * The e2e test bridge: a Node process hosting the real core (real keychain, real files, real
 * registries) and answering `POST /rpc/<channel>` with exactly what main/ipc.ts would answer
 * over IPC — the same `dispatch`, the same validation. Only the transport differs from the app.
 */
export async function startBridge(options: {
  dataDir: string;
  /** The home directory config defaults and scans use: a temp dir, never the real one. */
  home: string;
  clipboardClearMs?: number;
}): Promise<Bridge> {
  const clipboard = new MemoryClipboard();
  const dialogs = new ScriptedDialogs();
  const sweeps = new SweepGate();
  const core = await openCore({
    version: 'e2e',
    access: { mode: 'app', dialogs },
    dataDir: options.dataDir,
    home: options.home,
    // Not process.env: npm exports npm_config_userconfig (the real ~/.npmrc) to test runs.
    env: { PATH: process.env.PATH },
    clipboard,
    sweepPace: sweeps.pace,
    ...(options.clipboardClearMs ? { clipboardClearMs: options.clipboardClearMs } : {}),
  });
  const handlers = createHandlers(core.service);
  const server: Server = createServer((req, res) => {
    const match = /^\/rpc\/([\w:-]+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !match) {
      res.writeHead(404).end();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      let payload: unknown;
      try {
        payload = JSON.parse(Buffer.concat(chunks).toString('utf8') || 'null');
      } catch {
        payload = null;
      }
      void dispatch(handlers, match[1], payload).then((result) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(result));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    core,
    clipboard,
    dialogs,
    sweeps,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A gate in the sweep's walk: open by default; `hold()` stops walks between turns. */
export class SweepGate {
  private held: Promise<void> | null = null;
  private open: () => void = () => {};

  hold(): void {
    this.held ??= new Promise((resolve) => (this.open = resolve));
  }

  release(): void {
    this.open();
    this.held = null;
  }

  readonly pace = (signal?: AbortSignal): Promise<void> => {
    const held = this.held;
    if (!held || signal?.aborted) return new Promise((resolve) => setImmediate(resolve));
    return new Promise((resolve) => {
      void held.then(() => resolve());
      signal?.addEventListener('abort', () => resolve(), { once: true });
    });
  };
}
