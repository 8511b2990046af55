import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../src/core/open-core';
import type { NewToken } from '../../src/core/vault/vault';
import type { TokenMeta } from '../../src/shared/types';
import { clientEnv } from './helper-env';

/**
 * The vault a user's `keyport` keeps under a temp root: `home` (made) and `data` (its
 * KEYPORT_HOME). The core opens in CLI mode (the user typed every path and host), as the
 * `keyport` command opens it, with the real Secret Service of scripts/with-keyring.mjs.
 */
export interface CliVault {
  root: string;
  home: string;
  data: string;
  /** `clientEnv(home, data)`: nothing of the developer's, for `keyport`, the helpers and clients. */
  env: NodeJS.ProcessEnv;
  /**
   * A CLI-mode core over `home` and `data`; the caller closes it. `env` is the core's own
   * (by default none: npm exports npm_config_userconfig, which must not reach a test's core).
   */
  open(env?: NodeJS.ProcessEnv): Promise<Core>;
  /** Stores `tokens` through a core that is closed again, as an earlier `keyport add` would. */
  seed<T extends NewToken[]>(...tokens: T): Promise<{ [K in keyof T]: TokenMeta }>;
  /** What the vault holds now, read through a fresh core (another process may have changed it). */
  tokens(): Promise<TokenMeta[]>;
}

/**
 * A CLI vault over `root/home` and `root/data` (or the dirs given). The caller removes `root`
 * (useTempDirs); the keychain is with-keyring.mjs's own and goes with it.
 */
export function cliVault(root: string, dirs: { home?: string; data?: string } = {}): CliVault {
  const home = dirs.home ?? path.join(root, 'home');
  const data = dirs.data ?? path.join(root, 'data');
  mkdirSync(home, { recursive: true });
  const open = (env: NodeJS.ProcessEnv = {}) =>
    openCore({ access: { mode: 'cli' }, version: 'test', dataDir: data, home, env });
  const using = async <T>(use: (core: Core) => Promise<T>): Promise<T> => {
    const core = await open();
    try {
      return await use(core);
    } finally {
      await core.close();
    }
  };
  return {
    root,
    home,
    data,
    env: clientEnv(home, data),
    open,
    seed: <T extends NewToken[]>(...tokens: T) =>
      using(async (core) => {
        const stored: TokenMeta[] = [];
        for (const token of tokens) stored.push(await core.vault.add(token));
        return stored as { [K in keyof T]: TokenMeta };
      }),
    tokens: () => using((core) => core.vault.list()),
  };
}

/** A CLI vault a whole test file shares, with its core kept open. */
export interface OpenCliVault extends CliVault {
  core: Core;
  /** Closes the core and removes the temp root. */
  close(): Promise<void>;
}

/** For a file's beforeAll: a CLI vault over a fresh temp root (`prefix…`), its core open. */
export async function openCliVault(prefix: string): Promise<OpenCliVault> {
  const vault = cliVault(mkdtempSync(path.join(os.tmpdir(), prefix)));
  const core = await vault.open().catch((err: unknown) => {
    rmSync(vault.root, { recursive: true, force: true });
    throw err;
  });
  return {
    ...vault,
    core,
    close: async () => {
      await core.close();
      rmSync(vault.root, { recursive: true, force: true });
    },
  };
}
