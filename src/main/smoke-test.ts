import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { App, BrowserWindow, Clipboard } from 'electron';
import type { Core } from '../core/open-core';
import { randomHex } from '../core/random-hex';
import { apiMethods } from '../shared/ipc-contract';
import { APP_HOST, APP_SCHEME, CONTENT_SECURITY_POLICY } from './app-protocol';

/**
 * `Keyport --smoke-test` (or KEYPORT_SMOKE=1): the real app checks itself end to end — window,
 * protocol, CSP, preload, IPC into the OS keychain, clipboard guard, tray — prints one line per
 * check and exits 0 (all passed) or 1. `npm run smoke` (scripts/smoke.mjs) starts it against a
 * temp KEYPORT_HOME; CI runs it on the packaged app of each OS.
 */
export const SMOKE_FLAG = '--smoke-test';

/** How long one check may take before it counts as failed (a window that never loads). */
const CHECK_TIMEOUT_MS = 30_000;

export function smokeTestRequested(argv: readonly string[], env: NodeJS.ProcessEnv): boolean {
  return argv.includes(SMOKE_FLAG) || env.KEYPORT_SMOKE === '1';
}

/** What the checks look at; the app's window, clipboard, core and tray, or stand-ins in tests. */
export interface SmokeProbe {
  /** The window's URL once it finished loading; rejects if the load failed. */
  loadedUrl(): Promise<string>;
  /** Runs a script in the page's main world (where the preload exposed `window.keyport`). */
  inPage<T>(script: string): Promise<T>;
  clipboardText(): Promise<string>;
  /** The clipboard guard's clear-now (what quitting does). */
  flushClipboard(): Promise<void>;
  trayAlive(): boolean;
}

export interface SmokeCheck {
  name: string;
  /** Throws (an Error with the reason) when the check fails. */
  run(): Promise<void>;
}

function expect(ok: boolean, reason: string): void {
  if (!ok) throw new Error(reason);
}

/** A page script: `window.keyport.<method>(request)`, unwrapped from its IpcResult or thrown. */
const CALL_HELPER = `const call = async (method, request) => {
  const result = await window.keyport[method](request);
  if (!result.ok) throw new Error(method + ': ' + result.error.code + ' ' + result.error.message);
  return result.value;
};`;

export function smokeChecks(probe: SmokeProbe): SmokeCheck[] {
  const appOrigin = `${APP_SCHEME}://${APP_HOST}/`;
  const newToken = (label: string) => ({
    label,
    registry: 'https://registry.smoke-test.invalid/',
    ecosystem: 'npm',
    // Random: a leftover from an earlier, interrupted run can never be mistaken for this one.
    secret: `kp-smoke-${randomHex(16)}`,
  });
  return [
    {
      name: `the window loads ${appOrigin}`,
      run: async () => {
        const url = await probe.loadedUrl();
        expect(url.startsWith(appOrigin), `it loaded ${url}`);
      },
    },
    {
      name: 'the content security policy header is served',
      run: async () => {
        const csp = await probe.inPage<string | null>(
          `fetch('/index.html').then((r) => r.headers.get('content-security-policy'))`,
        );
        expect(csp === CONTENT_SECURITY_POLICY, `the header was ${JSON.stringify(csp)}`);
      },
    },
    {
      name: 'window.keyport has exactly the contract’s methods',
      run: async () => {
        const seen = await probe.inPage<string[]>(
          `typeof window.keyport === 'object' ? Object.keys(window.keyport).sort() : []`,
        );
        const wanted = Object.keys(apiMethods).sort();
        const missing = wanted.filter((m) => !seen.includes(m));
        const extra = seen.filter((m) => !wanted.includes(m));
        expect(
          missing.length === 0 && extra.length === 0,
          `missing: ${missing.join(', ') || 'none'}; extra: ${extra.join(', ') || 'none'}`,
        );
      },
    },
    {
      name: 'vault:add → vault:list → vault:reveal → vault:remove through IPC and the OS keychain',
      run: async () => {
        const token = newToken('smoke round trip');
        const seen = await probe.inPage<{ listed: boolean; revealed: string; gone: boolean }>(
          `(async () => { ${CALL_HELPER}
            const added = await call('addToken', ${JSON.stringify(token)});
            const listed = (await call('listTokens', {})).some((t) => t.id === added.id);
            const revealed = (await call('revealToken', { id: added.id })).secret;
            await call('removeToken', { id: added.id });
            const gone = !(await call('listTokens', {})).some((t) => t.id === added.id);
            return { listed, revealed, gone };
          })()`,
        );
        expect(seen.listed, 'the added token was not listed');
        expect(seen.revealed === token.secret, 'reveal did not return the stored value');
        expect(seen.gone, 'the removed token is still listed');
      },
    },
    {
      name: 'the clipboard guard writes the token and clears it',
      run: async () => {
        const token = newToken('smoke clipboard');
        const id = await probe.inPage<string>(
          `(async () => { ${CALL_HELPER}
            const added = await call('addToken', ${JSON.stringify(token)});
            await call('copyToken', { id: added.id });
            return added.id;
          })()`,
        );
        try {
          expect(
            (await probe.clipboardText()) === token.secret,
            'the clipboard does not hold the token',
          );
          await probe.flushClipboard();
          expect((await probe.clipboardText()) === '', 'the clipboard still holds the token');
        } finally {
          await probe.inPage(
            `(async () => { ${CALL_HELPER} await call('removeToken', { id: ${JSON.stringify(id)} }); })()`,
          );
        }
      },
    },
    {
      name: 'the tray icon is created',
      run: async () => expect(probe.trayAlive(), 'no tray icon'),
    },
  ];
}

/** Runs every check in order, printing `ok` or `FAIL` and its name; 0 when all passed, else 1. */
export async function runSmokeChecks(
  checks: SmokeCheck[],
  print: (line: string) => void,
  timeoutMs = CHECK_TIMEOUT_MS,
): Promise<number> {
  let failed = 0;
  for (const check of checks) {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer in ${timeoutMs / 1000} s`)), timeoutMs);
    });
    try {
      await Promise.race([check.run(), late]);
      print(`ok    ${check.name}`);
    } catch (err) {
      failed++;
      // Our own reasons name no secret; anything else is cut to its first line.
      // (A page script's error comes from another realm: not `instanceof Error` here.)
      const message = (err as { message?: unknown } | null)?.message;
      const reason = (typeof message === 'string' ? message : String(err)).split('\n')[0];
      print(`FAIL  ${check.name}: ${reason}`);
    } finally {
      clearTimeout(timer);
    }
  }
  return failed === 0 ? 0 : 1;
}

/**
 * Called before `ready` (and before the core opens): a smoke run always gets its own data folder
 * — a temp one when `Keyport --smoke-test` is started by hand without KEYPORT_HOME, so the check's
 * add/remove never touches the user's vault file — and its own Chromium profile beside it, so it
 * neither touches nor waits on the user's (the single-instance lock lives there too).
 */
export function prepareSmokeTest(
  app: Pick<App, 'setPath'>,
  env: NodeJS.ProcessEnv,
  makeTempDir: () => string = () => mkdtempSync(path.join(os.tmpdir(), 'keyport-smoke-')),
): void {
  env.KEYPORT_HOME ||= makeTempDir();
  app.setPath('userData', path.join(env.KEYPORT_HOME, 'electron-profile'));
}

export interface SmokeTarget {
  app: App;
  window: BrowserWindow;
  clipboard: Clipboard;
  core: Core;
  tray: () => { isDestroyed(): boolean } | undefined;
}

/** Runs the checks against the live app, then quits with their exit code. */
export async function runSmokeTest(target: SmokeTarget): Promise<void> {
  const contents = target.window.webContents;
  const probe: SmokeProbe = {
    loadedUrl: () =>
      new Promise((resolve, reject) => {
        if (!contents.isLoading()) return resolve(contents.getURL());
        contents.once('did-finish-load', () => resolve(contents.getURL()));
        contents.once('did-fail-load', (_e, code, description) =>
          reject(new Error(`load failed: ${code} ${description}`)),
        );
      }),
    inPage: (script) => contents.executeJavaScript(script),
    clipboardText: () => target.clipboard.readText(),
    flushClipboard: async () => target.core.clipboard?.flush(),
    trayAlive: () => {
      const tray = target.tray();
      return tray !== undefined && !tray.isDestroyed();
    },
  };
  const code = await runSmokeChecks(smokeChecks(probe), (line) => {
    process.stdout.write(`${line}\n`);
  });
  target.app.exit(code);
}
