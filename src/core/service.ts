import { KeyportError } from '../shared/errors';
import { RemovedTokens, RESTORE_WINDOW_MS } from './removed-tokens';
import type {
  AppInfo,
  CopyResult,
  SweepImportOutcome,
  SweepResult,
  TokenMeta,
} from '../shared/types';
import type { ParsedRequestOf } from '../shared/ipc-contract';
import type { ClipboardGuard } from './clipboard-guard';
import type { ConfigWriteFlow } from './flows/config-write-flow';
import type { ExecEnvironment, ExecRequest } from './exec-env';
import type { Operations } from './operations';
import type { RegistryFlows } from './flows/registry-flows';
import type { RotateFlow } from './flows/rotate-flow';
import type { ScanFlow } from './flows/scan-flow';
import type { SweepFlow } from './flows/sweep-flow';
import type { Vault } from './vault/vault';
import type { NativeDialogs } from './access/native-dialogs';
import type { ConfigFormat } from '../shared/types';
import type { PathPolicy } from './access/path-policy';

export const REVEAL_HIDE_SECONDS = 30;
export const CLIPBOARD_CLEAR_SECONDS = 30;

export interface ServiceDeps {
  vault: Vault;
  configs: ConfigWriteFlow;
  registries: RegistryFlows;
  scans: ScanFlow;
  /** Absent where only the standard files are scanned (some tests). */
  sweeps?: SweepFlow;
  rotations: RotateFlow;
  operations: Operations;
  exec: ExecEnvironment;
  /** Which files and folders requests may touch; the pickers grant through it. */
  policy: PathPolicy;
  /** Absent in the CLI, whose user types paths and answers on the terminal. */
  dialogs?: NativeDialogs;
  /** Absent in the CLI, which prints instead of copying. */
  clipboard?: ClipboardGuard;
  version: string;
  platform?: string;
}

/**
 * The use cases, composed of vault, registries and config writers. The only thing main/ipc.ts,
 * the CLI and the e2e bridge call; every argument here is already validated.
 */
export class KeyportService {
  /** "Write to config…": preview, write, undo. */
  readonly configs: ConfigWriteFlow;
  /** Registry accounts and their remote tokens. */
  readonly registries: RegistryFlows;
  /** Plaintext credentials in config files: find, import, where used. */
  readonly scans: ScanFlow;
  /** Plaintext credentials across whole folders of repositories: sweep, verify, import. */
  readonly sweeps: SweepFlow | undefined;
  /** Replace a token everywhere it is written, then revoke the old one. */
  readonly rotations: RotateFlow;

  /** Deleted tokens the app can still bring back (Undo). */
  private readonly removed = new RemovedTokens();

  constructor(private readonly deps: ServiceDeps) {
    this.configs = deps.configs;
    this.registries = deps.registries;
    this.scans = deps.scans;
    this.sweeps = deps.sweeps;
    this.rotations = deps.rotations;
  }

  operationStatus(opId: string): { running: boolean; step: string | null } {
    return this.deps.operations.status(opId);
  }

  cancelOperation(opId: string): { cancelled: boolean } {
    return { cancelled: this.deps.operations.cancel(opId) };
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

  listTokens(): Promise<TokenMeta[]> {
    return this.deps.vault.list();
  }

  addToken(req: ParsedRequestOf<'vault:add'>): Promise<TokenMeta> {
    const { secret, ...rest } = req;
    return this.deps.vault.add({ ...rest, secret, origin: 'pasted' });
  }

  updateToken(req: ParsedRequestOf<'vault:update'>): Promise<TokenMeta> {
    const { id, ...patch } = req;
    return this.deps.vault.update(id, patch);
  }

  async revealToken(id: string): Promise<{ secret: string }> {
    return { secret: await this.deps.vault.reveal(id) };
  }

  /** The KEYPORT_… variables for `keyport exec` (not an IPC channel: the renderer never needs it). */
  execVariables(req: ExecRequest): Promise<Record<string, string>> {
    return this.deps.exec.variables(req);
  }

  async copyToken(id: string): Promise<CopyResult> {
    const clipboard = this.deps.clipboard;
    if (!clipboard) throw new Error('copyToken needs a clipboard port');
    await clipboard.copy(await this.deps.vault.reveal(id));
    await this.deps.vault.touch(id);
    return { clearAfterSeconds: clipboard.clearAfterMs / 1000 };
  }

  /** Deletes a token; `undoId` restores it within RESTORE_WINDOW_MS (null if no value was left). */
  async removeToken(
    id: string,
  ): Promise<{ removed: true; undoId: string | null; undoSeconds: number }> {
    const removed = await this.deps.vault.remove(id, { forUndo: true });
    return {
      removed: true,
      undoId: removed ? this.removed.keep(removed) : null,
      undoSeconds: RESTORE_WINDOW_MS / 1000,
    };
  }

  /**
   * The native Save dialog for a config file; the file chosen may then be previewed and written
   * (config:plan) for the rest of this session. The renderer learns the path, nothing else.
   */
  async pickConfigFile(format: ConfigFormat): Promise<{ file: string } | null> {
    const dialogs = this.needDialogs();
    const file = await dialogs.pickConfigFile({
      format,
      defaultPath: this.deps.configs.defaults()[format],
    });
    if (file === null) return null;
    await this.deps.policy.grantFile(format, file);
    return { file };
  }

  /** The native folder picker; the folder chosen may then be scanned (scan:run) this session. */
  async pickFolder(): Promise<{ dir: string } | null> {
    const dir = await this.needDialogs().pickFolder({ title: 'Choose a folder to scan' });
    if (dir === null) return null;
    await this.deps.policy.grantFolder(dir);
    return { dir };
  }

  /**
   * The app's sweep: only folders the user picked in main's folder picker (or inside them), as an
   * operation the renderer can follow (op:status says how far it got) and cancel. No --verify
   * here: it would send found tokens to hosts named by files, which the app does not do unasked.
   */
  async sweep(req: ParsedRequestOf<'sweep:run'>): Promise<SweepResult> {
    const sweeps = this.needSweeps();
    const dirs: string[] = [];
    for (const dir of req.dirs) dirs.push(await this.deps.policy.scanFolder(dir));
    return this.deps.operations.run({ opId: req.opId }, (signal, report) =>
      sweeps.run({
        dirs,
        user: true,
        ...(req.all ? { all: true } : {}),
        signal,
        onProgress: (c) => report(`${c.folders} folders, ${c.files} files`),
      }),
    );
  }

  /** Imports findings of this session's sweeps only (never ones a CLI sweep recorded). */
  importSweepFindings(req: ParsedRequestOf<'sweep:import'>): Promise<SweepImportOutcome[]> {
    return this.needSweeps().import(req.findingIds, {
      heldOnly: true,
      ...(req.replaceWithReference ? { replaceWithReference: true } : {}),
      ...(req.dryRun ? { dryRun: true } : {}),
    });
  }

  private needSweeps(): SweepFlow {
    if (!this.sweeps) throw new KeyportError('INTERNAL', 'Sweeping is not available here.');
    return this.sweeps;
  }

  private needDialogs(): NativeDialogs {
    if (!this.deps.dialogs) throw new KeyportError('INTERNAL', 'No dialogs here.');
    return this.deps.dialogs;
  }

  async restoreToken(undoId: string): Promise<TokenMeta> {
    const removed = this.removed.take(undoId);
    if (!removed) {
      throw new KeyportError(
        'NOTHING_TO_UNDO',
        'Too late to undo: the token was deleted for good. Add it again if you still have it.',
      );
    }
    return this.deps.vault.restore(removed);
  }
}
