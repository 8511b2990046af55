import { AsyncEntry } from '@napi-rs/keyring';
import { KeyportError } from '../../shared/errors';
import { keychainError } from './keyring-secret-store';

/** Keychain items filed under another program's service names (not Keyport's own entries). */
export interface KeychainItems {
  /**
   * Null when there is no such item. Throws a KeyportError with `details.duplicate` when more than
   * one item answers for it (see duplicateItems).
   */
  get(service: string, username: string): Promise<string | null>;
  set(service: string, username: string, secret: string): Promise<void>;
  /** False when there was nothing to delete. */
  delete(service: string, username: string): Promise<boolean>;
}

/**
 * The OS keychain through @napi-rs/keyring. On Linux its Secret Service items carry the
 * attributes `service` and `username`, exactly what Python keyring's SecretService backend
 * searches for (keyring/backends/SecretService.py, `_query`), in the default collection it uses.
 */
export class OsKeychainItems implements KeychainItems {
  async get(service: string, username: string): Promise<string | null> {
    try {
      return await entry(service, username).getPassword();
    } catch (err) {
      throw itemError(err, service, username);
    }
  }

  async set(service: string, username: string, secret: string): Promise<void> {
    try {
      await entry(service, username).setPassword(secret);
    } catch (err) {
      throw itemError(err, service, username);
    }
  }

  async delete(service: string, username: string): Promise<boolean> {
    try {
      return await entry(service, username).deleteCredential();
    } catch (err) {
      throw itemError(err, service, username);
    }
  }
}

function entry(service: string, username: string): AsyncEntry {
  return new AsyncEntry(service, username, { linux: { store: 'secret-service' } });
}

/**
 * Python's keyring stores its own item beside Keyport's rather than over it (its items carry an
 * `application` attribute Keyport's do not), and the keychain then answers with both; which one
 * Python then reads is the keychain's order. Named, not "refused": the user can keep one.
 */
function itemError(err: unknown, service: string, username: string): KeyportError {
  const text = err instanceof Error ? err.message : String(err);
  if (!/matched by \d+ credentials/i.test(text)) return keychainError(err);
  return new KeyportError(
    'KEYCHAIN_ERROR',
    `The keychain holds more than one item for ${service} (${username}): another program, such as Python's keyring, stored its own beside Keyport's. Keep one (with your keychain's manager, such as Seahorse) and try again.`,
    { duplicate: true },
  );
}
