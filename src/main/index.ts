import {
  app,
  BrowserWindow,
  clipboard,
  ClipboardItem,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  protocol,
  session,
  shell,
  Tray,
} from 'electron';
import path from 'node:path';
import { createHandlers } from '../core/ipc-handlers';
import { channelsWith } from '../shared/ipc-contract';
import { openCore } from '../core/open-core';
import { REVEAL_HIDE_SECONDS } from '../core/service';
import { APP_ENTRY_URL, APP_SCHEME, serveAppRequest } from './app-protocol';
import { RevealShield } from './content-protection';
import { createElectronClipboard } from './electron-clipboard';
import { startExpiryReminders } from './expiry-reminders';
import { appMenuTemplate } from './app-menu';
import { debugSwitches } from './debug-switches';
import { devServerUrl as pickDevServerUrl } from './dev-server-url';
import { hardenApp } from './harden-app';
import { createNativeDialogs } from './native-dialogs';
import { registerIpc } from './ipc';
import { prepareSmokeTest, runSmokeTest, smokeTestRequested } from './smoke-test';
import { createKeyportTray } from './tray';
import { createOriginCheck } from './trusted-origin';
import { KEYPORT_PARTITION, secureWebPreferences } from './web-preferences';

/** Answers after which the expiring-soon count, or "where used", may have changed. */
const TOKEN_CHANGING = channelsWith('changes-tokens');
const FILES_CHANGING = channelsWith('changes-files');

const rendererDir = path.join(import.meta.dirname, '../renderer');
const devServerUrl = pickDevServerUrl(app.isPackaged, process.env);
// A packaged Keyport started with a debugging switch would hand its page (and window.keyport)
// to whoever holds the debugger: it quits before it opens a window.
const refusedSwitches = debugSwitches({
  isPackaged: app.isPackaged,
  argv: process.argv,
  execArgv: process.execArgv,
  nodeOptions: process.env.NODE_OPTIONS,
});

// Before `ready`: our scheme behaves like https (its own origin, secure context, fetch allowed
// to itself), and every renderer is sandboxed even if a window forgot to ask.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
]);
app.enableSandbox();
const smokeTest = smokeTestRequested(process.argv, process.env);
if (smokeTest) prepareSmokeTest(app, process.env);

if (refusedSwitches.length > 0) {
  process.stderr.write(`Keyport does not run with ${refusedSwitches.join(', ')}.\n`);
  app.exit(1);
} else if (!app.requestSingleInstanceLock()) {
  // A second instance would race the first on the metadata file: hand over and quit.
  app.quit();
} else {
  void start();
}

async function start(): Promise<void> {
  await app.whenReady();
  const ses = session.fromPartition(KEYPORT_PARTITION);
  hardenApp(app, ses, (url) => shell.openExternal(url));
  ses.protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request));

  // The window is made after IPC is registered; the dialogs find it when they are shown.
  let mainWindow: BrowserWindow | null = null;
  const core = await openCore({
    version: app.getVersion(),
    access: { mode: 'app', dialogs: createNativeDialogs(dialog, () => mainWindow) },
    clipboard: createElectronClipboard(clipboard, (entries) => new ClipboardItem(entries)),
  });
  const shield = new RevealShield(REVEAL_HIDE_SECONDS * 1000);
  // "Where used" stays current: the standard files are scanned at start and after each write.
  const refreshWhereUsed = () => void core.service.scans.scan().catch(() => undefined);
  refreshWhereUsed();
  // Assigned once the tray exists; IPC must be registered before the window loads.
  let recheckExpiry: () => void = () => undefined;
  registerIpc(
    ipcMain,
    createHandlers(core.service),
    createOriginCheck(APP_ENTRY_URL, devServerUrl),
    (channel, result, sender: Electron.WebContents) => {
      shield.onAnswer(channel, result, BrowserWindow.fromWebContents(sender));
      if (result.ok && TOKEN_CHANGING.has(channel)) recheckExpiry();
      if (result.ok && FILES_CHANGING.has(channel)) refreshWhereUsed();
    },
  );

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(appMenuTemplate(app.isPackaged, process.platform)),
  );
  const window = createWindow();
  mainWindow = window;
  const showWindow = () => {
    if (window.isMinimized()) window.restore();
    window.show();
    window.focus();
  };
  app.on('second-instance', showWindow);

  let tray: Tray | undefined;
  const setExpiringCount = createKeyportTray({
    createTray: (icon) => (tray = new Tray(icon)),
    iconFromDataUrl: (url) => nativeImage.createFromDataURL(url),
    buildMenu: (items) => Menu.buildFromTemplate(items),
    showWindow,
    quit: () => app.quit(),
    setBadgeCount: (count) => app.setBadgeCount(count),
  });
  recheckExpiry = startExpiryReminders(
    core.vault,
    {
      notify: (title, body) => {
        if (!Notification.isSupported()) return;
        const note = new Notification({ title, body });
        note.on('click', showWindow);
        note.show();
      },
      setExpiringCount,
    },
    process.env,
  );
  // Never leave a copied secret behind when Keyport quits.
  app.on('before-quit', () => core.clipboard?.flush());
  app.on('window-all-closed', () => app.quit());
  if (smokeTest) void runSmokeTest({ app, window, clipboard, core, tray: () => tray });
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
    webPreferences: secureWebPreferences(path.join(import.meta.dirname, '../preload/index.cjs'), {
      isPackaged: app.isPackaged,
    }),
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(devServerUrl ?? APP_ENTRY_URL);
  return window;
}
