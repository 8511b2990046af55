import type { MenuItemConstructorOptions } from 'electron';

/**
 * The application menu. Electron's default one carries Reload and Toggle Developer Tools (with
 * Ctrl+R and Ctrl+Shift+I); a packaged Keyport has neither, so no key combination opens a
 * console on the page that holds `window.keyport`. Edit roles stay: without them, copy and paste
 * in text fields stop working on macOS.
 */
export function appMenuTemplate(
  isPackaged: boolean,
  platform: NodeJS.Platform,
): MenuItemConstructorOptions[] {
  const menu: MenuItemConstructorOptions[] = [
    ...(platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
  ];
  if (!isPackaged) {
    menu.push({
      label: 'Develop',
      submenu: [{ role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' }],
    });
  }
  menu.push({ role: 'windowMenu' });
  return menu;
}
