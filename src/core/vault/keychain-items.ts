import { AsyncEntry } from '@napi-rs/keyring';
import { keychainError } from './keyring-secret-store';

/** Keychain items filed under another program's service names (not Keyport's own entries). */
export interface KeychainItems {
  /** Null when there is no such item. */
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
      throw keychainError(err);
    }
  }

  async set(service: string, username: string, secret: string): Promise<void> {
    try {
      await entry(service, username).setPassword(secret);
    } catch (err) {
      throw keychainError(err);
    }
  }

  async delete(service: string, username: string): Promise<boolean> {
    try {
      return await entry(service, username).deleteCredential();
    } catch (err) {
      throw keychainError(err);
    }
  }
}

function entry(service: string, username: string): AsyncEntry {
  return new AsyncEntry(service, username, { linux: { store: 'secret-service' } });
}
