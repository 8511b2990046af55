import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyportError } from '../../shared/errors';
import { writeFileAtomic } from '../fs/atomic-write';
import type { SecretStore } from './secret-store';

/** Beside vault.json in the data directory. */
export const SECRETS_FILE = 'secrets.enc.json';

/** Where a passphrase comes from: the terminal or a file descriptor (see the CLI). */
export type PassphraseSource = () => Promise<string>;

export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/**
 * scrypt at N = 2^17, r = 8, p = 1 (128 MiB; OWASP's minimum for scrypt): about a second per
 * process that opens the store. Stored in the file, so a later version can raise it.
 */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 17, r: 8, p: 1 };

interface Sealed {
  nonce: string;
  data: string;
}

interface StoreFile {
  format: 'keyport-secrets';
  version: 1;
  kdf: { name: 'scrypt'; salt: string } & ScryptParams;
  /** A known text sealed with the key: tells a wrong passphrase from a damaged entry. */
  check: Sealed;
  entries: Record<string, Sealed>;
}

const CHECK_TEXT = 'keyport encrypted file store';

const WRONG_PASSPHRASE = new KeyportError(
  'KEYCHAIN_LOCKED',
  'The passphrase does not open the encrypted file store; nothing was changed.',
);

/**
 * The opt-in store for machines without an OS keychain (headless Linux, WSL, containers): one
 * file, 0600, written atomically, holding each secret sealed on its own with XChaCha20-Poly1305
 * (@noble/ciphers; a random 24-byte nonce per write, the account name as associated data so an
 * entry cannot be moved to another account) under a key that scrypt derives from a passphrase.
 * The passphrase is asked for once per process, only when a secret is needed; the key stays in
 * memory for the life of the process. Never a plaintext fallback.
 */
export class EncryptedFileSecretStore implements SecretStore {
  private key: Uint8Array | undefined;

  constructor(
    readonly dir: string,
    private readonly passphrase: PassphraseSource,
    private readonly scrypt: ScryptParams = DEFAULT_SCRYPT,
  ) {}

  get file(): string {
    return path.join(this.dir, SECRETS_FILE);
  }

  async get(account: string): Promise<string | null> {
    const store = await this.read();
    if (!store) return null;
    const entry = store.entries[account];
    if (!entry) return null;
    const key = await this.keyFor(store);
    try {
      return await unseal(key, entry, account);
    } catch {
      throw new KeyportError(
        'VAULT_CORRUPT',
        'An entry of the encrypted file store is damaged; nothing was changed.',
      );
    }
  }

  async set(account: string, secret: string): Promise<void> {
    const store = (await this.read()) ?? (await this.create());
    const key = await this.keyFor(store);
    store.entries[account] = await seal(key, secret, account);
    await this.write(store);
  }

  async delete(account: string): Promise<boolean> {
    const store = await this.read();
    if (!store?.entries[account]) return false;
    // Deleting needs no key, but must not let a wrong passphrase change the file either.
    await this.keyFor(store);
    delete store.entries[account];
    await this.write(store);
    return true;
  }

  async accounts(): Promise<string[]> {
    return Object.keys((await this.read())?.entries ?? {});
  }

  /** The file as stored, or null before the first secret. Read afresh: other processes write it. */
  private async read(): Promise<StoreFile | null> {
    let text: string;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
    if (!isStoreFile(parsed)) {
      throw new KeyportError(
        'VAULT_CORRUPT',
        `${this.file} is not a Keyport encrypted file store; nothing was changed.`,
      );
    }
    return parsed;
  }

  private async create(): Promise<StoreFile> {
    const { randomBytes } = await import('node:crypto');
    const salt = randomBytes(32).toString('base64');
    const kdf = { name: 'scrypt' as const, salt, ...this.scrypt };
    this.key = await derive(await this.passphrase(), kdf);
    return {
      format: 'keyport-secrets',
      version: 1,
      kdf,
      check: await seal(this.key, CHECK_TEXT, 'check'),
      entries: {},
    };
  }

  private async keyFor(store: StoreFile): Promise<Uint8Array> {
    if (this.key) {
      // Checked again: the file may have been replaced (another passphrase) since.
      if ((await unseal(this.key, store.check, 'check').catch(() => null)) === CHECK_TEXT) {
        return this.key;
      }
      this.key = undefined;
    }
    const key = await derive(await this.passphrase(), store.kdf);
    if ((await unseal(key, store.check, 'check').catch(() => null)) !== CHECK_TEXT) {
      throw WRONG_PASSPHRASE;
    }
    this.key = key;
    return key;
  }

  private async write(store: StoreFile): Promise<void> {
    await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
    await writeFileAtomic(this.file, `${JSON.stringify(store, null, 2)}\n`, { mode: 0o600 });
  }
}

async function derive(passphrase: string, kdf: StoreFile['kdf']): Promise<Uint8Array> {
  if (passphrase.length === 0) {
    throw new KeyportError('INVALID_INPUT', 'The passphrase of the encrypted file store is empty.');
  }
  // node:crypto's scrypt runs on the thread pool: the app's main thread is not held for a second.
  const { scrypt } = await import('node:crypto');
  const { N, r, p } = kdf;
  return new Promise((resolve, reject) => {
    scrypt(
      passphrase.normalize('NFC'),
      Buffer.from(kdf.salt, 'base64'),
      32,
      { N, r, p, maxmem: 256 * N * r + 1024 * 1024 },
      (err, key) => (err ? reject(err) : resolve(new Uint8Array(key))),
    );
  });
}

async function cipher(key: Uint8Array, nonce: Uint8Array, account: string) {
  // Loaded on use: only a process that opens this store pays for it.
  const { xchacha20poly1305 } = await import('@noble/ciphers/chacha.js');
  return xchacha20poly1305(key, nonce, new TextEncoder().encode(account));
}

async function seal(key: Uint8Array, text: string, account: string): Promise<Sealed> {
  const { randomBytes } = await import('node:crypto');
  const nonce = new Uint8Array(randomBytes(24));
  const data = (await cipher(key, nonce, account)).encrypt(new TextEncoder().encode(text));
  return {
    nonce: Buffer.from(nonce).toString('base64'),
    data: Buffer.from(data).toString('base64'),
  };
}

async function unseal(key: Uint8Array, sealed: Sealed, account: string): Promise<string> {
  const nonce = new Uint8Array(Buffer.from(sealed.nonce, 'base64'));
  const data = new Uint8Array(Buffer.from(sealed.data, 'base64'));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    (await cipher(key, nonce, account)).decrypt(data),
  );
}

function isSealed(x: unknown): x is Sealed {
  const s = x as Sealed | null;
  return typeof s?.nonce === 'string' && typeof s.data === 'string';
}

function isStoreFile(x: unknown): x is StoreFile {
  const f = x as StoreFile | null;
  return (
    f?.format === 'keyport-secrets' &&
    f.version === 1 &&
    f.kdf?.name === 'scrypt' &&
    typeof f.kdf.salt === 'string' &&
    // Bounded: the file names the cost, and a crafted one must not ask for gigabytes.
    [f.kdf.N, f.kdf.r, f.kdf.p].every((n) => Number.isInteger(n) && n > 0) &&
    f.kdf.N <= 2 ** 20 &&
    f.kdf.r <= 32 &&
    f.kdf.p <= 16 &&
    isSealed(f.check) &&
    typeof f.entries === 'object' &&
    f.entries !== null &&
    Object.values(f.entries).every(isSealed)
  );
}
