import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { KeyportError } from '../../shared/errors';
import type { SecretStore } from './secret-store';

/**
 * Secrets in the OS keychain (Secret Service on Linux, Keychain on macOS, Credential Manager on
 * Windows) through @napi-rs/keyring: N-API prebuilt binaries, so the same module loads in Node
 * and Electron without a rebuild. keytar, the usual choice, was archived in 2022.
 */
export class KeyringSecretStore implements SecretStore {
  constructor(private readonly service: string) {}

  async get(account: string): Promise<string | null> {
    try {
      return (await new AsyncEntry(this.service, account).getPassword()) ?? null;
    } catch (err) {
      throw keychainError(err);
    }
  }

  async set(account: string, secret: string): Promise<void> {
    try {
      await new AsyncEntry(this.service, account).setPassword(secret);
    } catch (err) {
      throw keychainError(err);
    }
  }

  async delete(account: string): Promise<boolean> {
    try {
      return await new AsyncEntry(this.service, account).deleteCredential();
    } catch (err) {
      throw keychainError(err);
    }
  }

  async accounts(): Promise<string[]> {
    try {
      const found = await findCredentialsAsync(this.service);
      return found.map((c) => c.account);
    } catch (err) {
      throw keychainError(err);
    }
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
