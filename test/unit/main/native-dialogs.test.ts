import type { BaseWindow } from 'electron';
import { describe, expect, it } from 'vitest';
import { createNativeDialogs, type DialogPort } from '../../../src/main/native-dialogs';

/**
 * Electron's `dialog` cannot run without the Electron binary: a recording stand-in takes its
 * place and answers as the user would. What is checked is what main asks Electron to show.
 */
function recorder(answer: { response?: number; filePath?: string; filePaths?: string[] }) {
  const calls: Array<{ method: string; window: unknown; options: Record<string, unknown> }> = [];
  const record =
    (method: string, value: unknown) => (window: unknown, options: Record<string, unknown>) => {
      calls.push({ method, window, options });
      return Promise.resolve(value);
    };
  const dialog = {
    showSaveDialog: record('save', {
      canceled: answer.filePath === undefined,
      filePath: answer.filePath ?? '',
    }),
    showOpenDialog: record('open', {
      canceled: answer.filePaths === undefined,
      filePaths: answer.filePaths ?? [],
    }),
    showMessageBox: record('message', { response: answer.response ?? 1, checkboxChecked: false }),
  } as unknown as DialogPort;
  return { dialog, calls };
}

const window = { isDestroyed: () => false } as BaseWindow;

describe('createNativeDialogs', () => {
  it('asks on the window with Cancel as the default and the escape answer', async () => {
    const { dialog, calls } = recorder({ response: 0 });
    const dialogs = createNativeDialogs(dialog, () => window);
    const question = { title: 'T', message: 'M', detail: 'D', confirmLabel: 'Send' };
    expect(await dialogs.confirm(question)).toBe(true);
    expect(calls[0]).toMatchObject({
      method: 'message',
      window,
      options: { buttons: ['Send', 'Cancel'], defaultId: 1, cancelId: 1, message: 'M' },
    });
    const cancel = recorder({ response: 1 });
    expect(await createNativeDialogs(cancel.dialog, () => window).confirm(question)).toBe(false);
  });

  it('picks a file with a Save dialog and a folder with an Open dialog, null when cancelled', async () => {
    const picked = recorder({ filePath: '/h/.npmrc', filePaths: ['/h/project'] });
    const dialogs = createNativeDialogs(picked.dialog, () => window);
    expect(await dialogs.pickConfigFile({ format: 'npmrc', defaultPath: '/h/.npmrc' })).toBe(
      '/h/.npmrc',
    );
    expect(await dialogs.pickFolder({ title: 'Choose' })).toBe('/h/project');
    expect(picked.calls[0]!.options).toMatchObject({ defaultPath: '/h/.npmrc' });
    expect(picked.calls[1]!.options.properties).toContain('openDirectory');
    const cancelled = createNativeDialogs(recorder({}).dialog, () => window);
    expect(await cancelled.pickConfigFile({ format: 'pip', defaultPath: '/x' })).toBeNull();
    expect(await cancelled.pickFolder({ title: 'Choose' })).toBeNull();
  });

  it('shows nothing and grants nothing without a live window', async () => {
    const { dialog, calls } = recorder({ response: 0, filePath: '/x/.npmrc' });
    const dialogs = createNativeDialogs(dialog, () => null);
    expect(await dialogs.confirm({ title: '', message: '', detail: '', confirmLabel: 'OK' })).toBe(
      false,
    );
    expect(await dialogs.pickConfigFile({ format: 'npmrc', defaultPath: '/x' })).toBeNull();
    expect(calls).toEqual([]);
  });
});
