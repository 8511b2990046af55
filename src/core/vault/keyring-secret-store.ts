import { AsyncEntry, findCredentialsAsync, type EntryOptions } from '@napi-rs/keyring';
import { KeyportError } from '../../shared/errors';
import type { SecretStore } from './secret-store';

/**
 * On Linux, the Secret Service and nothing else. Unpinned, @napi-rs/keyring silently falls back
 * to the kernel keyring when no Secret Service answers (a server, a container, a broken session):
 * a token "stored" there is gone at logout or reboot. Pinned, that case is an error we report.
 * Ignored on macOS and Windows.
 */
/** The keychain service name every Keyport entry is filed under. */
export const KEYCHAIN_SERVICE = 'keyport';

const ENTRY_OPTIONS: EntryOptions = { linux: { store: 'secret-service' } };

/**
 * Secrets in the OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
 * Windows) through @napi-rs/keyring: N-API prebuilt binaries, so the same module loads in Node
 * and Electron without a rebuild. keytar, the usual choice, was archived in 2022.
 */
export class KeyringSecretStore implements SecretStore {
  /**
   * One keychain handle per account, kept for the life of the store. Constructing an entry is
   * what costs: @napi-rs/keyring opens a fresh Secret Service connection and encrypted session
   * for each one (~6.6 ms, synchronous, measured), while a read through an open handle is
   * ~0.7 ms. A handle holds no secret and reads the keychain afresh each time, so changes made
   * by other processes are seen (test/integration/keyring-secret-store.test.ts). A kept handle
   * that fails is dropped and the call tried once more on a fresh one (a keyring restart).
   */
  private readonly handles = new Map<string, AsyncEntry>();

  constructor(
    private readonly service: string,
    private readonly maxHandles = 64,
  ) {}

  get(account: string): Promise<string | null> {
    return this.withHandle(account, async (entry) => (await entry.getPassword()) ?? null);
  }

  set(account: string, secret: string): Promise<void> {
    return this.withHandle(account, (entry) => entry.setPassword(secret));
  }

  delete(account: string): Promise<boolean> {
    return this.withHandle(account, (entry) => entry.deleteCredential());
  }

  async accounts(): Promise<string[]> {
    try {
      // findCredentials takes no store option: an entry made first proves (or throws) that the
      // Secret Service answers, so an empty list means "none", never "wrong store".
      if (process.platform === 'linux') this.open('keyport-probe');
      const found = await findCredentialsAsync(this.service);
      return found.map((c) => c.account);
    } catch (err) {
      throw keychainError(err);
    }
  }

  private async withHandle<T>(account: string, use: (entry: AsyncEntry) => Promise<T>): Promise<T> {
    const kept = this.handles.get(account);
    // Most recently used last, so the oldest is the one evicted; a failed handle is not put back.
    this.handles.delete(account);
    try {
      return await this.useAndKeep(account, kept ?? this.open(account), use);
    } catch (err) {
      if (!kept) throw keychainError(err);
    }
    // A kept handle may have outlived its connection (the keyring daemon restarted): once more,
    // on a fresh one, before reporting an error.
    try {
      return await this.useAndKeep(account, this.open(account), use);
    } catch (err) {
      throw keychainError(err);
    }
  }

  private open(account: string): AsyncEntry {
    return new AsyncEntry(this.service, account, ENTRY_OPTIONS);
  }

  private async useAndKeep<T>(
    account: string,
    entry: AsyncEntry,
    use: (entry: AsyncEntry) => Promise<T>,
  ): Promise<T> {
    const result = await use(entry);
    this.handles.set(account, entry);
    if (this.handles.size > this.maxHandles) {
      this.handles.delete(this.handles.keys().next().value as string);
    }
    return result;
  }
}

/**
 * keyring's messages name the platform store, never the secret; still, we keep only our own
 * sentence and classify by the known phrases.
 */
export function keychainError(err: unknown): KeyportError {
  const text = err instanceof Error ? err.message : String(err);
  if (/prompt was dismissed|locked/i.test(text)) {
    return new KeyportError(
      'KEYCHAIN_LOCKED',
      'The keychain is locked. Unlock it (log in to your desktop keyring) and try again; nothing was changed.',
    );
  }
  if (/platform storage|AccessDenied|no such|not available|dbus|org\.freedesktop/i.test(text)) {
    return new KeyportError(
      'KEYCHAIN_UNAVAILABLE',
      'No OS keychain is available (on Linux: a Secret Service such as gnome-keyring or KeePassXC). Nothing was changed.',
    );
  }
  return new KeyportError(
    'KEYCHAIN_ERROR',
    'The keychain refused the request; nothing was changed.',
  );
}
