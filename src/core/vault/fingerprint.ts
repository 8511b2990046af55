import type { SecretStore } from './secret-store';

export type Fingerprinter = (secret: string) => string;

/**
 * "Where is this token used?" is answered by comparing keyed hashes, so neither the metadata file
 * nor a scan ever keeps a plaintext value. The key lives in the keychain next to the tokens; its
 * account name has no `vaultId:` prefix, so reconcile never mistakes it for a token.
 */
/** The key's account name: no `vaultId:` prefix, so reconcile never takes it for a token. */
export function fingerprintAccount(vaultId: string): string {
  return `${vaultId}/fingerprint-key`;
}

export async function loadFingerprinter(
  secrets: SecretStore,
  vaultId: string,
): Promise<Fingerprinter> {
  // node:crypto is loaded here, on first use, not at every CLI start (see fs/random-hex.ts).
  const { createHmac, randomBytes } = await import('node:crypto');
  const account = fingerprintAccount(vaultId);
  let key = await secrets.get(account);
  if (key === null) {
    key = randomBytes(32).toString('base64');
    await secrets.set(account, key);
  }
  const bytes = Buffer.from(key, 'base64');
  return (secret) =>
    createHmac('sha256', bytes).update(secret, 'utf8').digest('base64url').slice(0, 32);
}
