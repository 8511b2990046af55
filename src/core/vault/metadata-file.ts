import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyportError } from '../../shared/errors';
import type { TokenMeta } from '../../shared/types';
import { writeFileAtomic } from '../fs/atomic-write';
import { randomHex } from '../random-hex';

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
        return { version: 1, vaultId: randomHex(4), tokens: [] };
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
    return withoutCidrPermissions(parsed);
  }

  async write(data: VaultFile): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
      await writeFileAtomic(this.file, `${JSON.stringify(data, null, 1)}\n`, { mode: 0o600 });
    } catch (err) {
      // A full disk, a read-only or foreign-owned folder: say which, not "something went wrong".
      const errno = (err as NodeJS.ErrnoException | undefined)?.code ?? 'unknown error';
      throw new KeyportError(
        'VAULT_WRITE_FAILED',
        `Keyport could not save its metadata file ${this.file} (${errno}); the file was left as it was.`,
        { errno },
      );
    }
  }
}

/**
 * Keyport before 2026-12-01 also listed a created token's allowed addresses among its permissions
 * (`cidr:10.0.0.0/8`), where the app showed them again beside the kind. They are in the record's
 * own `cidr` field as well, so they are dropped as the file is read.
 */
function withoutCidrPermissions(data: VaultFile): VaultFile {
  for (const record of data.tokens) {
    record.permissions = record.permissions.filter(
      (p) => typeof p !== 'string' || !p.startsWith('cidr:'),
    );
  }
  return data;
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
  return (
    v.version === 1 &&
    typeof v.vaultId === 'string' &&
    /^[A-Za-z0-9_-]{1,64}$/.test(v.vaultId) &&
    Array.isArray(v.tokens) &&
    v.tokens.every(isStoredRecord)
  );
}

/**
 * The fields the vault reads without further checks: a hand-edited or damaged record must stop
 * the vault with VAULT_CORRUPT, not crash it halfway through a reconcile that rewrites the file.
 */
function isStoredRecord(value: unknown): value is StoredRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const r = value as Record<string, unknown>;
  const text = (key: string): boolean => typeof r[key] === 'string';
  return (
    text('id') &&
    /^[A-Za-z0-9_-]{1,64}$/.test(r.id as string) &&
    text('label') &&
    text('registry') &&
    text('ecosystem') &&
    text('masked') &&
    Array.isArray(r.permissions) &&
    Array.isArray(r.writtenTo) &&
    (r.phase === undefined || r.phase === 'pending' || r.phase === 'deleting')
  );
}
