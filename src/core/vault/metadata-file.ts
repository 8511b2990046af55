import { randomUUID } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyportError } from '../../shared/errors';
import type { TokenMeta } from '../../shared/types';
import { writeFileAtomic } from '../fs/atomic-write';

/**
 * A record is `pending` from just before its secret is stored until both halves exist, and
 * `deleting` from just before its secret is removed; a crash in between leaves the flag behind
 * for the next start to finish the job (see Vault.reconcile).
 */
export interface StoredRecord extends TokenMeta {
  phase?: 'pending' | 'deleting';
}

export interface VaultFile {
  version: 1;
  /** Distinguishes this vault's keychain entries from another KEYPORT_HOME's. */
  vaultId: string;
  tokens: StoredRecord[];
}

export const METADATA_FILE = 'vault.json';

/** The metadata JSON file: read whole, written whole and atomically, mode 0600. */
export class MetadataFile {
  readonly file: string;

  constructor(readonly dir: string) {
    this.file = path.join(dir, METADATA_FILE);
  }

  async read(): Promise<VaultFile> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        return { version: 1, vaultId: randomUUID().slice(0, 8), tokens: [] };
      }
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw corrupt(this.file);
    }
    if (!isVaultFile(parsed)) throw corrupt(this.file);
    return parsed;
  }

  async write(data: VaultFile): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file, `${JSON.stringify(data, null, 1)}\n`, { mode: 0o600 });
  }
}

function corrupt(file: string): KeyportError {
  return new KeyportError(
    'VAULT_CORRUPT',
    `Keyport's metadata file ${file} is not valid; it was left as it is. Restore it from a backup or move it away.`,
  );
}

function isVaultFile(value: unknown): value is VaultFile {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<VaultFile>;
  return v.version === 1 && typeof v.vaultId === 'string' && Array.isArray(v.tokens);
}
