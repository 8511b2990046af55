import type { ClipboardPort } from '../core/clipboard-guard';

/**
 * Raw formats that tell clipboard managers not to record an entry (KDE Klipper and others on
 * Linux, Windows' clipboard history and cloud sync, macOS managers following nspasteboard.org).
 */
export const CONCEALED_FORMATS: Partial<Record<NodeJS.Platform, Record<string, string>>> = {
  linux: { 'x-kde-passwordManagerHint': 'secret' },
  win32: { ExcludeClipboardContentFromMonitorProcessing: '' },
  darwin: { 'org.nspasteboard.ConcealedType': '' },
};

/** Electron's name for an OS clipboard format written as is. */
export function rawFormat(name: string): string {
  return `electron application/osclipboard;format="${name}"`;
}

/** The entries of the one clipboard item: the text and, where the platform has one, its hint. */
export function concealedItem(text: string, platform: NodeJS.Platform): Record<string, string> {
  const item: Record<string, string> = { 'text/plain': text };
  for (const [name, value] of Object.entries(CONCEALED_FORMATS[platform] ?? {})) {
    item[rawFormat(name)] = value;
  }
  return item;
}

/** The part of Electron's `clipboard` module used here; vitest passes a recording stand-in. */
export interface ElectronClipboardModule<Item> {
  write(items: Item[]): Promise<void>;
  writeText(text: string): Promise<void>;
  readText(): Promise<string>;
  clear(): void | Promise<void>;
}

/** The system clipboard for ClipboardGuard; the text and its concealment hint in one atomic write. */
export function createElectronClipboard<Item>(
  clipboard: ElectronClipboardModule<Item>,
  makeItem: (entries: Record<string, string>) => Item,
  platform: NodeJS.Platform = process.platform,
): ClipboardPort {
  return {
    writeSecret: async (text) => {
      try {
        await clipboard.write([makeItem(concealedItem(text, platform))]);
      } catch {
        // A platform that refuses the raw hint still gets the text: copying must not fail over it.
        await clipboard.writeText(text);
      }
    },
    readText: () => clipboard.readText(),
    clear: () => clipboard.clear(),
  };
}
