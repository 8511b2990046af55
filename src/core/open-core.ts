import os from 'node:os';
import { KeyportError } from '../shared/errors';
import { ClipboardGuard, type ClipboardPort } from './clipboard-guard';
import { ConfigWriteFlow } from './flows/config-write-flow';
import { ExecEnvironment } from './exec/exec-env';
import { Operations } from './operations';
import { resolveDataDir } from './paths';
import { createHttpTransport } from './registries/http-transport';
import { NpmTokenApi } from './registries/npm-token-api';
import { npmCafile } from './configs/npmrc-cafile';
import { RegistryFlows, type ClientFactory } from './flows/registry-flows';
import { RotateFlow } from './flows/rotate-flow';
import { ScanFlow } from './flows/scan-flow';
import { SweepFlow } from './flows/sweep-flow';
import { PickerFlow } from './flows/picker-flow';
import { TokenFlow } from './flows/token-flow';
import type { WalkPace } from './scan/workspace-walker';
import { CLIPBOARD_CLEAR_SECONDS, KeyportService } from './service';
import { KEYCHAIN_SERVICE, KeyringSecretStore } from './vault/keyring-secret-store';
import { EncryptedFileSecretStore, type PassphraseSource } from './vault/encrypted-file-store';
import type { SecretStore } from './vault/secret-store';
import { chooseStore, type StoreChoice, type StoreKind } from './vault/store-choice';
import { Vault } from './vault/vault';
import { OsKeychainItems } from './vault/keychain-items';
import { Consent } from './access/consent';
import { CredentialGate } from './access/credential-gate';
import { gatedClient } from './access/gated-client';
import type { NativeDialogs } from './access/native-dialogs';
import { PathPolicy } from './access/path-policy';
import { standardConfigFiles } from './access/standard-config-files';
import { nodeOnPath } from './configs/npm-config-files';
import { HelperSetupFlow } from './flows/helper-setup-flow';

export { KEYCHAIN_SERVICE };

/**
 * Who is asking. 'app' (the Electron app, and the e2e bridge that stands in for it): the renderer
 * is untrusted, so paths must be standard, picked in `dialogs` or known, and credentials to a new
 * host need a yes in `dialogs`. 'cli': the user typed every path and host; only file-kind and
 * value checks apply.
 */
export type AccessOptions = { mode: 'app'; dialogs?: NativeDialogs } | { mode: 'cli' };

export interface CoreOptions {
  version: string;
  access: AccessOptions;
  env?: NodeJS.ProcessEnv;
  home?: string;
  clipboard?: ClipboardPort;
  clipboardClearMs?: number;
  /** A store given outright (tests, benchmarks); otherwise the one chooseStore picks. */
  secrets?: SecretStore;
  /** For the opt-in encrypted file store: the CLI asks on the terminal or reads a descriptor. */
  passphrase?: PassphraseSource;
  dataDir?: string;
  /** Registry clients; by default the npm token API over the real network. */
  clientFor?: ClientFactory;
  /**
   * false: the vault's crash recovery (a keychain round trip) is put off until this process's
   * first change, for commands that only read. See VaultOptions.reconcile; the app never sets it.
   */
  reconcile?: boolean;
  /** The sweep's pause between turns of its walk (see WalkOptions.pace); by default one turn. */
  sweepPace?: WalkPace;
  /**
   * The node binary whose npm the scanner, the path policy and the registries' cafile follow (npm's
   * global config file is under its prefix); by default the first node on PATH, else the one
   * running this process.
   */
  nodeExecPath?: string;
  /**
   * What the app's git setup writes as `credential.<url>.helper`; by default `keyport`, which
   * makes git run git-credential-keyport from PATH.
   */
  gitHelper?: string;
}

export interface Core {
  vault: Vault;
  /** Which secret store this vault uses, and why (null when the caller gave one). */
  store: StoreChoice | null;
  service: KeyportService;
  clipboard?: ClipboardGuard;
  /** Closes pooled registry connections so a CLI run or a test can exit. */
  close(): Promise<void>;
}

/** Wires the core the same way for the app, the CLI, the e2e bridge and the benchmarks. */
export async function openCore(options: CoreOptions): Promise<Core> {
  const env = options.env ?? process.env;
  const home = options.home ?? env.HOME ?? os.homedir();
  const dir = options.dataDir ?? resolveDataDir(env);
  const store = options.secrets ? null : chooseStore(dir, env);
  // Helper links (keyport setup python) live in the OS keychain; a given store is a test's.
  const linkedItems = options.secrets ? undefined : new OsKeychainItems();
  const vault = await Vault.open({
    dir,
    secrets: options.secrets ?? secretStore(store!.kind, dir, options.passphrase),
    ...(linkedItems ? { linkedItems } : {}),
    ...(options.reconcile === false ? { reconcile: false } : {}),
  });
  const clipboard = options.clipboard
    ? new ClipboardGuard(
        options.clipboard,
        options.clipboardClearMs ?? CLIPBOARD_CLEAR_SECONDS * 1000,
      )
    : undefined;

  const paths = { home, platform: process.platform, env };
  const nodeExecPath =
    options.nodeExecPath ?? nodeOnPath(env, process.platform) ?? process.execPath;
  const scanPaths = { ...paths, nodeExecPath };

  // One connection pool for every registry, created on first use: listing tokens offline
  // must not pay for it. npm's cafile is read then, once, not on every registry call.
  let transport: ReturnType<typeof createHttpTransport> | undefined;
  const clientFor: ClientFactory =
    options.clientFor ??
    ((registry) => {
      if (!transport) {
        const cafile = npmCafile(scanPaths);
        transport = createHttpTransport({ env, ...(cafile ? { cafile } : {}) });
      }
      return new NpmTokenApi({
        registry,
        transport: transport.fetch,
        userAgent: `keyport/${options.version}`,
      });
    });

  const operations = new Operations();
  const dialogs = options.access.mode === 'app' ? options.access.dialogs : undefined;
  const policy = new PathPolicy({
    mode: options.access.mode,
    standardFiles: (format) => standardConfigFiles(format, scanPaths),
    knownFiles: async () =>
      (await vault.list()).flatMap((t) => [...t.writtenTo, ...(t.usedIn ?? [])]),
  });
  const consent = new Consent(options.access.mode, dialogs);
  const gate = new CredentialGate(consent, async () =>
    (await vault.list()).filter((t) => t.signIn || t.origin === 'created').map((t) => t.registry),
  );
  const configs = new ConfigWriteFlow(vault, { paths: policy, consent }, paths);
  const registries = new RegistryFlows(
    vault,
    (registry) => gatedClient(clientFor(registry), gate),
    operations,
    configs,
  );
  const service = new KeyportService({
    vault,
    version: options.version,
    operations,
    tokens: new TokenFlow(vault, clipboard),
    configs,
    registries,
    scans: new ScanFlow(vault, scanPaths, policy),
    sweeps: new SweepFlow(
      vault,
      scanPaths,
      (registry, token, signal) => clientFor(registry).whoami(token, { signal }),
      { policy, operations, ...(options.sweepPace ? { pace: options.sweepPace } : {}) },
    ),
    rotations: new RotateFlow(vault, registries, configs, operations),
    pickers: new PickerFlow(policy, () => configs.defaults(), dialogs),
    exec: new ExecEnvironment(vault, scanPaths),
    helpers: new HelperSetupFlow(vault, {
      consent,
      ...(linkedItems ? { items: linkedItems } : {}),
      paths: { home, env },
      gitHelper: options.gitHelper ?? 'keyport',
    }),
    ...(clipboard ? { clipboard } : {}),
  });
  return {
    vault,
    store,
    service,
    ...(clipboard ? { clipboard } : {}),
    close: async () => {
      await transport?.close();
    },
  };
}

/** The store of a kind for the vault in `dir`; the file store only where a passphrase can come. */
export function secretStore(
  kind: StoreKind,
  dir: string,
  passphrase: PassphraseSource = noPassphrase,
): SecretStore {
  return kind === 'file'
    ? new EncryptedFileSecretStore(dir, passphrase)
    : new KeyringSecretStore(KEYCHAIN_SERVICE);
}

async function noPassphrase(): Promise<string> {
  throw new KeyportError(
    'KEYCHAIN_UNAVAILABLE',
    'This vault keeps its tokens in the encrypted file store, which only the keyport command opens (it asks for the passphrase).',
  );
}
