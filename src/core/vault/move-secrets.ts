import { KeyportError } from '../../shared/errors';
import type { SecretStore } from './secret-store';

/**
 * Copies every named secret from one store to the other, checks each copy reads back the same,
 * and only then deletes the originals: an interruption leaves every secret in at least one store.
 * Returns how many were moved (accounts with no value in `from` are skipped).
 */
export async function moveSecrets(
  accounts: string[],
  from: SecretStore,
  to: SecretStore,
): Promise<number> {
  const moved: string[] = [];
  for (const account of accounts) {
    const secret = await from.get(account);
    if (secret === null) continue;
    await to.set(account, secret);
    if ((await to.get(account)) !== secret) {
      throw new KeyportError(
        'KEYCHAIN_ERROR',
        'A copied secret did not read back the same; nothing was removed from the old store.',
      );
    }
    moved.push(account);
  }
  for (const account of moved) await from.delete(account);
  return moved.length;
}
