import { app, BrowserWindow } from 'electron';
import path from 'node:path';
import { createHandlers } from '../core/ipc-handlers';
import { openCore } from '../core/open-core';
import { electronClipboard } from './electron-clipboard';
import { hardenApp } from './harden-app';
import { registerIpc } from './ipc';
import { createOriginCheck } from './trusted-origin';
import { secureWebPreferences } from './web-preferences';

const PARTITION = 'keyport';
const rendererFile = path.join(import.meta.dirname, '../renderer/index.html');
const devServerUrl = process.env.ELECTRON_RENDERER_URL;

// A second instance would race the first on the metadata file: hand over and quit.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  hardenApp(PARTITION);
  const core = await openCore({ version: app.getVersion(), clipboard: electronClipboard });
  registerIpc(createHandlers(core.service), createOriginCheck(rendererFile, devServerUrl));

  const window = createWindow();
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  // Never leave a copied secret behind when Keyport quits.
  app.on('before-quit', () => core.clipboard?.flush());
  app.on('window-all-closed', () => app.quit());
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1100,
    height: 720,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Keyport',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(path.join(import.meta.dirname, '../preload/index.cjs')),
  });
  window.once('ready-to-show', () => window.show());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererFile);
  return window;
}
