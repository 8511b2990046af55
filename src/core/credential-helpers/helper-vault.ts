import { KeyportError } from '../../shared/errors';
import { resolveDataDir } from '../paths';
import { KEYCHAIN_SERVICE, KeyringSecretStore } from '../vault/keyring-secret-store';
import { chooseStore } from '../vault/store-choice';
import { Vault } from '../vault/vault';

/**
 * The vault as a credential helper opens it: metadata and keychain only, none of the registry,
 * config or scan code (a client runs the helper for every request, so start-up is its cost).
 * The encrypted file store is refused: a helper has no terminal to ask for its passphrase.
 */
export async function openHelperVault(env: NodeJS.ProcessEnv): Promise<Vault> {
  const dir = resolveDataDir(env);
  if (chooseStore(dir, env).kind === 'file') {
    throw new KeyportError(
      'KEYCHAIN_UNAVAILABLE',
      'This vault keeps its tokens in the encrypted file store, which credential helpers cannot open (no terminal to ask for the passphrase).',
    );
  }
  return Vault.open({ dir, secrets: new KeyringSecretStore(KEYCHAIN_SERVICE), reconcile: false });
}
