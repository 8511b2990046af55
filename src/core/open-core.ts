import { ClipboardGuard, type ClipboardPort } from './clipboard-guard';
import { resolveDataDir } from './paths';
import { CLIPBOARD_CLEAR_SECONDS, KeyportService } from './service';
import { KeyringSecretStore } from './vault/keyring-secret-store';
import type { SecretStore } from './vault/secret-store';
import { Vault } from './vault/vault';

/** The keychain service name every Keyport entry is filed under. */
export const KEYCHAIN_SERVICE = 'keyport';

export interface CoreOptions {
  version: string;
  env?: NodeJS.ProcessEnv;
  clipboard?: ClipboardPort;
  clipboardClearMs?: number;
  secrets?: SecretStore;
  dataDir?: string;
}

export interface Core {
  vault: Vault;
  service: KeyportService;
  clipboard?: ClipboardGuard;
}

/** Wires the core the same way for the app, the CLI, the e2e bridge and the benchmarks. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const dir = options.dataDir ?? resolveDataDir(options.env ?? process.env);
  const vault = await Vault.open({
    dir,
    secrets: options.secrets ?? new KeyringSecretStore(KEYCHAIN_SERVICE),
  });
  const clipboard = options.clipboard
    ? new ClipboardGuard(
        options.clipboard,
        options.clipboardClearMs ?? CLIPBOARD_CLEAR_SECONDS * 1000,
      )
    : undefined;
  const service = new KeyportService({
    vault,
    version: options.version,
    ...(clipboard ? { clipboard } : {}),
  });
  return { vault, service, ...(clipboard ? { clipboard } : {}) };
}
