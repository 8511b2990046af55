import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import {
  hardenApp,
  installNavigationGuards,
  installPermissionGuards,
  type GuardedContents,
  type GuardedSession,
} from '../../../src/main/harden-app';

/**
 * The Electron binary cannot run here, so these are the one place a stand-in is used: an
 * EventEmitter plays WebContents/App (the guards only call `on` and `setWindowOpenHandler`), and a
 * recorder plays Session. The handlers under test are the real ones main installs.
 */
type OpenHandler = Parameters<GuardedContents['setWindowOpenHandler']>[0];

function fakeContents() {
  const emitter = new EventEmitter();
  let openHandler: OpenHandler | undefined;
  const contents = Object.assign(emitter, {
    setWindowOpenHandler: (h: OpenHandler) => {
      openHandler = h;
    },
  }) as unknown as GuardedContents & EventEmitter;
  return {
    contents,
    /** Emits an event the way Electron does and says whether a guard cancelled it. */
    emit(event: string, ...args: unknown[]): boolean {
      let prevented = false;
      emitter.emit(event, { preventDefault: () => (prevented = true) }, ...args);
      return prevented;
    },
    open: (url: string) =>
      openHandler!({ url, frameName: '', features: '', disposition: 'new-window' } as never),
  };
}

function guarded() {
  const opened: string[] = [];
  const fake = fakeContents();
  installNavigationGuards(fake.contents, async (url) => {
    opened.push(url);
  });
  return { ...fake, opened };
}

describe('navigation and window guards (checklist #13, #14, #15)', () => {
  it('cancels every navigation, frame navigation, redirect and webview', () => {
    const { emit } = guarded();
    for (const event of ['will-navigate', 'will-frame-navigate', 'will-redirect']) {
      for (const url of ['https://evil.example/', 'file:///etc/passwd', 'app://keyport/x.html']) {
        expect(emit(event, url), `${event} ${url}`).toBe(true);
      }
    }
    expect(emit('will-attach-webview', {}, {})).toBe(true);
  });

  it('denies every new window and sends only allowlisted https links to the browser', () => {
    const { open, opened } = guarded();
    const urls = [
      'https://docs.npmjs.com/about-access-tokens',
      'https://evil.example/',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://github.com/',
      'https://github.com@evil.example/',
    ];
    for (const url of urls) expect(open(url)).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://docs.npmjs.com/about-access-tokens']);
  });

  it('never lets a failing openExternal escape as an unhandled rejection', async () => {
    const fake = fakeContents();
    let calls = 0;
    installNavigationGuards(fake.contents, () => {
      calls++;
      return Promise.reject(new Error('no browser'));
    });
    expect(fake.open('https://github.com/')).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(calls).toBe(1);
  });
});

describe('permission guards (checklist #5)', () => {
  function fakeSession() {
    const handlers: Record<string, (...args: never[]) => unknown> = {};
    const session = {
      setPermissionRequestHandler: (h: never) => (handlers.request = h),
      setPermissionCheckHandler: (h: never) => (handlers.check = h),
      setDevicePermissionHandler: (h: never) => (handlers.device = h),
    } as unknown as GuardedSession;
    return { session, handlers };
  }

  it('refuses every permission request, check and device, whatever page asks', () => {
    const { session, handlers } = fakeSession();
    installPermissionGuards(session);
    const permissions = [
      'media',
      'notifications',
      'geolocation',
      'clipboard-read',
      'clipboard-sanitized-write',
      'openExternal',
      'fullscreen',
      'hid',
      'serial',
      'usb',
      'display-capture',
      'unknown',
    ];
    for (const permission of permissions) {
      const answers: boolean[] = [];
      (handlers.request as (...a: unknown[]) => void)({}, permission, (ok: boolean) =>
        answers.push(ok),
      );
      expect(answers, permission).toEqual([false]);
      expect(
        (handlers.check as (...a: unknown[]) => boolean)(null, permission, 'app://keyport', {}),
      ).toBe(false);
    }
    expect((handlers.device as (...a: unknown[]) => boolean)({ deviceType: 'usb' })).toBe(false);
  });

  it('hardenApp guards the session and every WebContents created later', () => {
    const { session, handlers } = fakeSession();
    const app = new EventEmitter();
    const opened: string[] = [];
    hardenApp(app as never, session, async (url) => void opened.push(url));
    expect(Object.keys(handlers).sort()).toEqual(['check', 'device', 'request']);
    const later = fakeContents();
    app.emit('web-contents-created', {}, later.contents);
    expect(later.emit('will-navigate', 'https://evil.example/')).toBe(true);
    expect(later.open('https://github.com/electron')).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://github.com/electron']);
  });
});
