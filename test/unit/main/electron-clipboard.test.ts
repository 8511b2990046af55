import { describe, expect, it } from 'vitest';
import { ClipboardGuard } from '../../../src/core/clipboard-guard';
import {
  concealedItem,
  createElectronClipboard,
  type ElectronClipboardModule,
} from '../../../src/main/electron-clipboard';

/**
 * Electron's clipboard cannot run here: this stand-in records what main would hand it. The items
 * are the plain records Electron's ClipboardItem is constructed from.
 */
class RecordingClipboard implements ElectronClipboardModule<Record<string, string>> {
  writes: Record<string, string>[][] = [];
  text = '';
  refuseRaw = false;
  async write(items: Record<string, string>[]): Promise<void> {
    if (this.refuseRaw && Object.keys(items[0]!).some((k) => k.includes('osclipboard'))) {
      throw new Error('unsupported format');
    }
    this.writes.push(items);
    this.text = items[0]!['text/plain'] ?? '';
  }
  async writeText(text: string): Promise<void> {
    this.writes.push([{ 'text/plain': text }]);
    this.text = text;
  }
  async readText(): Promise<string> {
    return this.text;
  }
  clear(): void {
    this.text = '';
  }
}

const SECRET = 'kp-test-clipboard-hint-0001';

describe('clipboard concealment hints per platform', () => {
  it('marks the text for clipboard managers on Linux, Windows and macOS', () => {
    expect(concealedItem(SECRET, 'linux')).toEqual({
      'text/plain': SECRET,
      'electron application/osclipboard;format="x-kde-passwordManagerHint"': 'secret',
    });
    expect(concealedItem(SECRET, 'win32')).toEqual({
      'text/plain': SECRET,
      'electron application/osclipboard;format="ExcludeClipboardContentFromMonitorProcessing"': '',
    });
    expect(concealedItem(SECRET, 'darwin')).toEqual({
      'text/plain': SECRET,
      'electron application/osclipboard;format="org.nspasteboard.ConcealedType"': '',
    });
    expect(concealedItem(SECRET, 'freebsd')).toEqual({ 'text/plain': SECRET });
  });

  it('writes text and hint in one item, so no manager sees the text without the hint', async () => {
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      const clipboard = new RecordingClipboard();
      const port = createElectronClipboard(clipboard, (entries) => entries, platform);
      await port.writeSecret(SECRET);
      expect(clipboard.writes).toHaveLength(1);
      expect(clipboard.writes[0]).toEqual([concealedItem(SECRET, platform)]);
    }
  });

  it('still copies the text where the platform refuses the raw hint', async () => {
    const clipboard = new RecordingClipboard();
    clipboard.refuseRaw = true;
    const port = createElectronClipboard(clipboard, (entries) => entries, 'linux');
    await port.writeSecret(SECRET);
    expect(clipboard.writes).toEqual([[{ 'text/plain': SECRET }]]);
  });

  it('is cleared by ClipboardGuard only while it still holds our value', async () => {
    const clipboard = new RecordingClipboard();
    const port = createElectronClipboard(clipboard, (entries) => entries, 'linux');
    const guard = new ClipboardGuard(port, 30_000, {
      setTimeout: () => 1,
      clearTimeout: () => undefined,
    });
    await guard.copy(SECRET);
    await guard.flush();
    expect(clipboard.text).toBe('');

    await guard.copy(SECRET);
    clipboard.text = 'something the user copied afterwards';
    await guard.flush();
    expect(clipboard.text).toBe('something the user copied afterwards');
  });
});
