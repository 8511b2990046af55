import type { Menu, MenuItemConstructorOptions, NativeImage, Tray } from 'electron';

/** A 32 px key, drawn once and inlined so packaging needs no extra asset. */
export const TRAY_ICON_DATA_URL =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAACAAAAAgCAYAAABzenr0AAAAbklEQVR42mNgGAWjYBQMFaCa/Po/3S0khAfUcpo5ghTLqe4IciynmiNIMZgmjiDVQJo7gO5RNqAOIDc4h08IDEoHUCsXoMuT5ABqlANEO4BWJSFJDqBFXUCyA6hdG5JdUg5oe2BQtIhGwSgYMQAAPr9+WZ4e8uoAAAAASUVORK5CYII=';

/** The Electron pieces the tray uses; vitest passes recording stand-ins. */
export interface TrayPorts {
  createTray(icon: NativeImage): Pick<Tray, 'setToolTip' | 'setContextMenu' | 'on'>;
  iconFromDataUrl(url: string): NativeImage;
  buildMenu(items: MenuItemConstructorOptions[]): Menu;
  showWindow(): void;
  quit(): void;
  /** Dock/taskbar badge where the platform has one (macOS, Unity launchers). */
  setBadgeCount(count: number): void;
}

export function trayTooltip(expiring: number): string {
  if (expiring === 0) return 'Keyport';
  return `Keyport — ${expiring} token${expiring === 1 ? '' : 's'} expiring soon`;
}

/** A tray icon with the expiring-soon count; returns the updater for that count. */
export function createKeyportTray(ports: TrayPorts): (expiring: number) => void {
  const tray = ports.createTray(ports.iconFromDataUrl(TRAY_ICON_DATA_URL));
  const update = (expiring: number) => {
    tray.setToolTip(trayTooltip(expiring));
    tray.setContextMenu(
      ports.buildMenu([
        { label: 'Open Keyport', click: () => ports.showWindow() },
        {
          label:
            expiring === 0
              ? 'No tokens expiring soon'
              : trayTooltip(expiring).replace('Keyport — ', ''),
          enabled: false,
        },
        { type: 'separator' },
        { label: 'Quit Keyport', click: () => ports.quit() },
      ]),
    );
    ports.setBadgeCount(expiring);
  };
  tray.on('click', () => ports.showWindow());
  update(0);
  return update;
}
