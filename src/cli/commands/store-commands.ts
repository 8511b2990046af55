import path from 'node:path';
import { secretStore } from '../../core/open-core';
import { KeyringSecretStore } from '../../core/vault/keyring-secret-store';
import { SECRETS_FILE } from '../../core/vault/encrypted-file-store';
import { saveStoreChoice, type StoreKind } from '../../core/vault/store-choice';
import { toErrorInfo } from '../../shared/errors';
import { usageErrorFor } from '../help';
import type { CliIo } from '../io';
import { passphraseSource } from '../passphrase';
import { str, type CoreOpener, type ParsedArgs } from './args';

const NAMES: Record<StoreKind, string> = {
  keychain: 'the OS keychain',
  file: 'the encrypted file store',
};

/**
 * `keyport store move --to file|keychain`: moves this vault's secrets into the other store and
 * records the choice (store.json), so every later command and process uses it.
 */
export async function storeCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const to = str(args, 'to');
  if (args.positionals[0] !== 'move' || (to !== 'file' && to !== 'keychain')) {
    throw usageErrorFor(['store', 'move']);
  }
  const { vault, store } = await core();
  if (store?.kind === to) {
    io.stdout(`The tokens are already in ${NAMES[to]}.\n`);
    return;
  }
  const target = secretStore(to, vault.dir, passphraseSource(io));
  const moved = await vault.moveSecretsTo(target);
  await saveStoreChoice(vault.dir, to);
  io.stdout(`Moved ${moved} secret(s) to ${NAMES[to]}; Keyport uses it from now on.\n`);
  if (io.env.KEYPORT_STORE && io.env.KEYPORT_STORE !== to) {
    io.stderr(`KEYPORT_STORE=${io.env.KEYPORT_STORE} is set and still wins: unset it.\n`);
  }
}

/** `keyport doctor`: which store holds the tokens and why, and what that means for each use. */
export async function doctorCommand(core: CoreOpener, _args: ParsedArgs, io: CliIo): Promise<void> {
  const { vault, store } = await core();
  const kind = store?.kind ?? 'keychain';
  const keychain = await probeKeychain();
  const lines = [
    `Secret store: ${NAMES[kind]}${kind === 'file' ? ` (${path.join(vault.dir, SECRETS_FILE)})` : ''} — ${store?.why ?? 'given by the caller'}.`,
    `OS keychain: ${keychain}`,
    `Data folder: ${vault.dir}`,
    'Config files written with keyport write: hold the token itself, whichever store keeps it.',
    kind === 'file'
      ? 'References (${KEYPORT_…}) and keyport exec: exec reads the referenced tokens from the encrypted file, asking for its passphrase once per run (or reading KEYPORT_PASSPHRASE_FD).'
      : 'References (${KEYPORT_…}) and keyport exec: exec reads each referenced token from its own keychain entry.',
    kind === 'file'
      ? 'Desktop app: it uses the OS keychain only; it cannot open the encrypted file store.'
      : 'Desktop app: shares these tokens through the same keychain entries.',
    'Credential helpers: Keyport ships none yet; clients read the config files or exec’s variables.',
  ];
  io.stdout(`${lines.join('\n')}\n`);
}

/** Reachable or not, by reading one entry that does not exist (no search, no secret loaded). */
async function probeKeychain(): Promise<string> {
  try {
    await new KeyringSecretStore('keyport').get('keyport-probe');
    return 'reachable.';
  } catch (err) {
    return `not reachable: ${toErrorInfo(err).message}`;
  }
}
