import { describe, expect, it } from 'vitest';
import { KEYPORT_PARTITION, secureWebPreferences } from '../../../src/main/web-preferences';

describe('window web preferences (checklist #2, #3, #4, #6, #8, #9, #10, #11)', () => {
  const prefs = secureWebPreferences('/app/out/preload/index.cjs', { isPackaged: true });

  it('keeps DevTools out of a packaged app (a console there reaches window.keyport)', () => {
    expect(prefs.devTools).toBe(false);
    expect(secureWebPreferences('/p', { isPackaged: false }).devTools).toBe(true);
  });

  it('isolates and sandboxes the renderer and gives it no Node', () => {
    expect(prefs).toMatchObject({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
    });
  });

  it('keeps the web platform’s own protections and turns on nothing experimental', () => {
    expect(prefs).toMatchObject({
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
    });
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('uses an in-memory session of its own', () => {
    expect(prefs.partition).toBe(KEYPORT_PARTITION);
    expect(prefs.partition).not.toMatch(/^persist:/);
  });

  it('names only known keys, so a typo cannot silently fall back to a default', () => {
    expect(Object.keys(prefs).sort()).toEqual(
      [
        'allowRunningInsecureContent',
        'contextIsolation',
        'devTools',
        'experimentalFeatures',
        'navigateOnDragDrop',
        'nodeIntegration',
        'nodeIntegrationInSubFrames',
        'nodeIntegrationInWorker',
        'partition',
        'preload',
        'safeDialogs',
        'sandbox',
        'spellcheck',
        'webSecurity',
        'webviewTag',
      ].sort(),
    );
  });
});
