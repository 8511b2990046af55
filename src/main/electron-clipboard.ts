import { clipboard, ClipboardItem } from 'electron';
import type { ClipboardPort } from '../core/clipboard-guard';

/**
 * Raw formats that tell clipboard managers not to record an entry (KDE Klipper and others on
 * Linux, Windows' clipboard history and cloud sync, macOS managers following nspasteboard.org).
 */
const CONCEALED_FORMATS: Partial<Record<NodeJS.Platform, Record<string, string>>> = {
  linux: { 'x-kde-passwordManagerHint': 'secret' },
  win32: { ExcludeClipboardContentFromMonitorProcessing: '' },
  darwin: { 'org.nspasteboard.ConcealedType': '' },
};

function rawFormat(name: string): string {
  return `electron application/osclipboard;format="${name}"`;
}

/** The system clipboard for ClipboardGuard; the text and its concealment hint in one atomic write. */
export const electronClipboard: ClipboardPort = {
  writeSecret: async (text) => {
    const hints = CONCEALED_FORMATS[process.platform] ?? {};
    const item: Record<string, string> = { 'text/plain': text };
    for (const [name, value] of Object.entries(hints)) item[rawFormat(name)] = value;
    try {
      await clipboard.write([new ClipboardItem(item)]);
    } catch {
      // A platform that refuses the raw hint still gets the text: copying must not fail over it.
      await clipboard.writeText(text);
    }
  },
  readText: () => clipboard.readText(),
  clear: () => clipboard.clear(),
};
