import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { appMenuTemplate } from '../../../src/main/app-menu';
import { debugSwitches } from '../../../src/main/debug-switches';
import { devServerUrl } from '../../../src/main/dev-server-url';

// Main's start-up decisions for a packaged app (issue 12 item 8), as the pure functions
// main/index.ts calls with `app.isPackaged`, `process.argv`, `process.execArgv` and NODE_OPTIONS.

describe('devServerUrl', () => {
  it('honours ELECTRON_RENDERER_URL in a development run only', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://evil.example/' };
    expect(devServerUrl(true, env)).toBeUndefined();
    expect(devServerUrl(false, env)).toBe('http://evil.example/');
    expect(devServerUrl(false, {})).toBeUndefined();
  });
});

describe('debugSwitches', () => {
  const packaged = (argv: string[], execArgv: string[] = [], nodeOptions?: string) =>
    debugSwitches({
      isPackaged: true,
      argv: ['/opt/Keyport/keyport', ...argv],
      execArgv,
      nodeOptions,
    });

  it('finds every spelling of remote debugging and the inspector', () => {
    expect(packaged(['--remote-debugging-port=9222'])).toEqual(['--remote-debugging-port']);
    expect(packaged(['--remote-debugging-pipe'])).toEqual(['--remote-debugging-pipe']);
    expect(packaged(['-remote-debugging-port=0'])).toEqual(['-remote-debugging-port']);
    expect(packaged(['/Remote-Debugging-Port=9222'])).toEqual(['/Remote-Debugging-Port']);
    expect(packaged(['--inspect'])).toEqual(['--inspect']);
    expect(packaged(['--inspect-brk=0.0.0.0:9229'])).toEqual(['--inspect-brk']);
    expect(packaged([], ['--inspect-port=9230'])).toEqual(['--inspect-port']);
    expect(packaged([], [], '--max-old-space-size=100 --inspect')).toEqual(['--inspect']);
  });

  it('lets an ordinary start through, and a development run keep its debugger', () => {
    expect(packaged(['--no-sandbox-is-not-ours', 'file.txt', '--enable-logging'])).toEqual([]);
    expect(packaged(['--inspector-of-things'])).toEqual([]);
    expect(
      debugSwitches({
        isPackaged: false,
        argv: ['electron', '--remote-debugging-port=9222', '--inspect'],
        execArgv: [],
        nodeOptions: undefined,
      }),
    ).toEqual([]);
  });
});

describe('appMenuTemplate', () => {
  const roles = (items: MenuItemConstructorOptions[]): string[] =>
    items.flatMap((item) => [
      ...(item.role ? [item.role] : []),
      ...(Array.isArray(item.submenu) ? roles(item.submenu) : []),
    ]);

  it('has no DevTools toggle and no reload in a packaged app, on any platform', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const production = roles(appMenuTemplate(true, platform));
      expect(production).toContain('editMenu');
      for (const role of ['toggleDevTools', 'reload', 'forceReload', 'viewMenu']) {
        expect(production).not.toContain(role);
      }
    }
    expect(roles(appMenuTemplate(false, 'linux'))).toContain('toggleDevTools');
  });
});
