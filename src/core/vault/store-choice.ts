import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { KeyportError } from '../../shared/errors';
import { writeFileAtomic } from '../fs/atomic-write';

/** Where the secrets of a vault live: the OS keychain (default) or the opt-in encrypted file. */
export type StoreKind = 'keychain' | 'file';

export interface StoreChoice {
  kind: StoreKind;
  /** Why this one, for `keyport doctor`. */
  why: string;
}

/** Written by `keyport store move`, beside vault.json. */
export const STORE_SETTING_FILE = 'store.json';

const KINDS: readonly string[] = ['keychain', 'file'];

/**
 * KEYPORT_STORE wins (a shell or CI sets it), then what `keyport store move` recorded, then the
 * OS keychain. The file store is never chosen silently: only by one of those two explicit acts.
 */
export function chooseStore(dir: string, env: NodeJS.ProcessEnv): StoreChoice {
  const fromEnv = env.KEYPORT_STORE;
  if (fromEnv !== undefined && fromEnv !== '') {
    if (!KINDS.includes(fromEnv)) {
      throw new KeyportError('INVALID_INPUT', 'KEYPORT_STORE must be "keychain" or "file".');
    }
    return { kind: fromEnv as StoreKind, why: `KEYPORT_STORE=${fromEnv} is set` };
  }
  const setting = path.join(dir, STORE_SETTING_FILE);
  let text: string | undefined;
  try {
    text = readFileSync(setting, 'utf8');
  } catch {
    return { kind: 'keychain', why: 'the default' };
  }
  const kind = (JSON.parse(text) as { store?: unknown }).store;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) {
    throw new KeyportError('VAULT_CORRUPT', `${setting} names no known store.`);
  }
  return { kind: kind as StoreKind, why: `recorded in ${setting} by keyport store move` };
}

export async function saveStoreChoice(dir: string, kind: StoreKind): Promise<void> {
  // The first thing a fresh machine without a keychain may write into the data folder.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(
    path.join(dir, STORE_SETTING_FILE),
    `${JSON.stringify({ store: kind })}\n`,
    {
      mode: 0o600,
    },
  );
}
