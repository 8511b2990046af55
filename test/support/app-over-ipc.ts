import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { openCore, type Core } from '../../src/core/open-core';
import { wireMainIpc, type MainIpc } from './main-ipc';
import { ScriptedDialogs } from './scripted-dialogs';

/** The app's core over a temp root, reached through main's real IPC registration. */
export interface AppOverIpc {
  root: string;
  /** `root/home`: the home directory config defaults, scans and child processes use. */
  home: string;
  /** Plays the user at main's native dialogs (the Electron binary cannot run here). */
  dialogs: ScriptedDialogs;
  core: Core;
  ipc: MainIpc;
  /** Removes the tokens the test left in the (real) keychain and closes the core. */
  close(): Promise<void>;
}

/**
 * The real core in app mode (paths and hosts checked as in the app) over `root/home` and
 * `root/data`, behind `wireMainIpc`: what the renderer reaches. `env` is added to `HOME`.
 */
export async function openAppOverIpc(
  root: string,
  env: NodeJS.ProcessEnv = {},
): Promise<AppOverIpc> {
  const home = path.join(root, 'home');
  mkdirSync(home);
  const dialogs = new ScriptedDialogs();
  const core = await openCore({
    access: { mode: 'app', dialogs },
    version: 'test',
    home,
    env: { HOME: home, ...env },
    dataDir: path.join(root, 'data'),
  });
  return {
    root,
    home,
    dialogs,
    core,
    ipc: wireMainIpc(core.service),
    close: async () => {
      for (const t of await core.vault.list()) await core.vault.remove(t.id);
      await core.close();
    },
  };
}
