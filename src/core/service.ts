import type {
  AppInfo,
  CopyResult,
  SweepImportOutcome,
  SweepResult,
  TokenMeta,
} from '../shared/types';
import type { ConfigFormat } from '../shared/types';
import type { ParsedRequestOf, ResponseOf } from '../shared/ipc-contract';
import type { ClipboardGuard } from './clipboard-guard';
import type { ExecEnvironment, ExecRequest } from './exec/exec-env';
import type { Operations } from './operations';
import type { ConfigWriteFlow } from './flows/config-write-flow';
import type { PickerFlow } from './flows/picker-flow';
import type { RegistryFlows } from './flows/registry-flows';
import type { RotateFlow } from './flows/rotate-flow';
import type { ScanFlow } from './flows/scan-flow';
import type { SweepFlow } from './flows/sweep-flow';
import type { TokenFlow } from './flows/token-flow';
import type { Vault } from './vault/vault';
import type { HelperSetupFlow } from './flows/helper-setup-flow';

export const REVEAL_HIDE_SECONDS = 30;
export const CLIPBOARD_CLEAR_SECONDS = 30;

export interface ServiceDeps {
  vault: Vault;
  tokens: TokenFlow;
  configs: ConfigWriteFlow;
  registries: RegistryFlows;
  scans: ScanFlow;
  sweeps: SweepFlow;
  rotations: RotateFlow;
  pickers: PickerFlow;
  /** "Use without files": point git, the container tools or Python's keyring at Keyport. */
  helpers: HelperSetupFlow;
  operations: Operations;
  exec: ExecEnvironment;
  /** Absent in the CLI, which prints instead of copying. */
  clipboard?: ClipboardGuard;
  version: string;
  platform?: string;
}

/**
 * The use cases in one place, each implemented by a flow of ./flows: the only thing
 * main/ipc.ts, the CLI and the e2e bridge call. Every argument here is already validated.
 * The vault's methods keep the names the IPC handlers, the CLI and the tests know.
 */
export class KeyportService {
  /** The vault's tokens: list, add, edit, reveal, copy, delete with Undo. */
  readonly tokens: TokenFlow;
  /** "Write to config…": preview, write, undo. */
  readonly configs: ConfigWriteFlow;
  /** Registry accounts and their remote tokens. */
  readonly registries: RegistryFlows;
  /** Plaintext credentials in config files: find, import, where used. */
  readonly scans: ScanFlow;
  /** Plaintext credentials across whole folders of repositories: sweep, verify, import. */
  readonly sweeps: SweepFlow;
  /** Replace a token everywhere it is written, then revoke the old one. */
  readonly rotations: RotateFlow;
  /** The app's native pickers, which grant the paths chosen. */
  readonly pickers: PickerFlow;
  /** Credential helper setup (preview, confirm, apply, undo) and where each serves a token. */
  readonly helpers: HelperSetupFlow;

  constructor(private readonly deps: ServiceDeps) {
    this.tokens = deps.tokens;
    this.configs = deps.configs;
    this.registries = deps.registries;
    this.scans = deps.scans;
    this.sweeps = deps.sweeps;
    this.rotations = deps.rotations;
    this.pickers = deps.pickers;
    this.helpers = deps.helpers;
  }

  appInfo(): AppInfo {
    return {
      version: this.deps.version,
      dataDir: this.deps.vault.dir,
      platform: this.deps.platform ?? process.platform,
      clipboardClearSeconds:
        (this.deps.clipboard?.clearAfterMs ?? CLIPBOARD_CLEAR_SECONDS * 1000) / 1000,
      revealHideSeconds: REVEAL_HIDE_SECONDS,
      keychainProblem: this.deps.vault.keychainProblem,
    };
  }

  operationStatus(opId: string): ResponseOf<'op:status'> {
    return this.deps.operations.status(opId);
  }

  cancelOperation(opId: string): ResponseOf<'op:cancel'> {
    return { cancelled: this.deps.operations.cancel(opId) };
  }

  /** The KEYPORT_… variables for `keyport exec` (not an IPC channel: the renderer never needs it). */
  execVariables(req: ExecRequest): Promise<Record<string, string>> {
    return this.deps.exec.variables(req);
  }

  listTokens(): Promise<TokenMeta[]> {
    return this.tokens.list();
  }

  addToken(req: ParsedRequestOf<'vault:add'>): Promise<TokenMeta> {
    return this.tokens.add(req);
  }

  updateToken(req: ParsedRequestOf<'vault:update'>): Promise<TokenMeta> {
    return this.tokens.update(req);
  }

  revealToken(id: string): Promise<{ secret: string }> {
    return this.tokens.reveal(id);
  }

  copyToken(id: string): Promise<CopyResult> {
    return this.tokens.copy(id);
  }

  removeToken(id: string): Promise<ResponseOf<'vault:remove'>> {
    return this.tokens.remove(id);
  }

  restoreToken(undoId: string): Promise<TokenMeta> {
    return this.tokens.restore(undoId);
  }

  pickConfigFile(format: ConfigFormat): Promise<{ file: string } | null> {
    return this.pickers.pickConfigFile(format);
  }

  pickFolder(): Promise<{ dir: string } | null> {
    return this.pickers.pickFolder();
  }

  sweep(req: ParsedRequestOf<'sweep:run'>): Promise<SweepResult> {
    return this.sweeps.runPicked(req);
  }

  importSweepFindings(req: ParsedRequestOf<'sweep:import'>): Promise<SweepImportOutcome[]> {
    return this.sweeps.importPicked(req);
  }
}
