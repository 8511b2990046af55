import type { ParsedRequestOf } from '../../shared/ipc-contract';
import type { SweepImportOutcome, SweepResult } from '../../shared/types';
import type { PathPolicy } from '../access/path-policy';
import type { Operations } from '../operations';
import type { PathEnvironment } from '../paths';
import type { Vault } from '../vault/vault';
import type { GitRunner } from '../scan/git-state';
import {
  importFindings,
  unknownFinding,
  type ImportOptions,
  type ImportOutcome,
} from '../scan/import-findings';
import { recordedFiles, recordFindings } from '../scan/sweep-record';
import { verifyFindings, type Whoami } from '../scan/verify-findings';
import type { WalkPace } from '../scan/workspace-walker';
import { WorkspaceSweep, type HeldFinding, type SweepOptions } from '../scan/workspace-sweep';

export interface SweepRunOptions extends SweepOptions {
  /** Ask each token's own registry whether it still works (uses the token). */
  verify?: boolean;
}

/**
 * The workspace sweep as a use case: sweep, optionally verify, remember where the findings are
 * (so a later process can import them by id), and import. Values stay in this process.
 */
export class SweepFlow {
  private readonly sweeper: WorkspaceSweep;

  private readonly policy: PathPolicy;
  private readonly operations: Operations;
  /** The walk's pause between turns, for every sweep of this flow (see WalkOptions.pace). */
  private readonly pace: WalkPace | undefined;

  constructor(
    private readonly vault: Vault,
    paths: PathEnvironment & { nodeExecPath: string },
    private readonly whoami: Whoami,
    options: {
      /** In the app, only folders the user picked may be swept. */
      policy: PathPolicy;
      operations: Operations;
      runGit?: GitRunner;
      pace?: WalkPace;
    },
  ) {
    this.sweeper = new WorkspaceSweep(vault, paths, options.runGit);
    this.policy = options.policy;
    this.operations = options.operations;
    this.pace = options.pace;
  }

  /**
   * The app's sweep: only folders the user picked in main's folder picker (or inside them), as an
   * operation the renderer can follow (op:status says how far it got) and cancel. No verify
   * here: it would send found tokens to hosts named by files, which the app does not do unasked.
   */
  async runPicked(req: ParsedRequestOf<'sweep:run'>): Promise<SweepResult> {
    const dirs: string[] = [];
    for (const dir of req.dirs) dirs.push(await this.policy.scanFolder(dir));
    return this.operations.run({ opId: req.opId }, (signal, report) =>
      this.run({
        dirs,
        user: true,
        ...(req.all ? { all: true } : {}),
        signal,
        onProgress: (c) => report(`${c.folders} folders, ${c.files} files`),
      }),
    );
  }

  /** The app's import: findings of this process's sweeps only (never ones a CLI sweep recorded). */
  importPicked(req: ParsedRequestOf<'sweep:import'>): Promise<SweepImportOutcome[]> {
    return this.import(req.findingIds, {
      heldOnly: true,
      ...(req.replaceWithReference ? { replaceWithReference: true } : {}),
      ...(req.dryRun ? { dryRun: true } : {}),
    });
  }

  async run(options: SweepRunOptions): Promise<SweepResult> {
    const result = await this.sweeper.sweep(
      this.pace && !options.pace ? { ...options, pace: this.pace } : options,
    );
    if (options.verify) {
      const states = await verifyFindings(
        result.findings.map((f) => {
          const held = this.sweeper.heldFinding(f.id)!;
          return { id: f.id, value: held.value, registry: held.verifyAt };
        }),
        this.whoami,
        options.signal ? { signal: options.signal } : {},
      );
      for (const f of result.findings) f.verified = states.get(f.id) ?? 'unknown';
    }
    await recordFindings(this.vault.dir, result.findings);
    return result;
  }

  /**
   * Imports findings by id: those of this process's sweep, else those an earlier sweep recorded,
   * whose files are read again (an id names file, line, format and key, so an edited file gives
   * new ids and the old one is reported unknown).
   */
  async import(
    ids: string[],
    options: ImportOptions & {
      /** Only findings of this process's sweeps (the app: of folders the user picked). */
      heldOnly?: boolean;
    } = {},
  ): Promise<ImportOutcome[]> {
    const missing = ids.filter((id) => !this.sweeper.heldFinding(id));
    if (missing.length > 0 && !options.heldOnly) {
      await this.sweeper.rescan(await recordedFiles(this.vault.dir, missing));
    }
    const held: HeldFinding[] = [];
    for (const id of new Set(ids)) {
      const h = this.sweeper.heldFinding(id);
      if (!h) throw unknownFinding(id);
      held.push(h);
    }
    return importFindings(this.vault, held, options);
  }
}
