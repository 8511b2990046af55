import type { SweepResult } from '../../shared/types';
import type { PathEnvironment } from './config-write-flow';
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

  constructor(
    private readonly vault: Vault,
    paths: PathEnvironment & { nodePrefix: string },
    private readonly whoami: Whoami,
    runGit?: GitRunner,
    /** The walk's pause between turns, for every sweep of this flow (see WalkOptions.pace). */
    private readonly pace?: WalkPace,
  ) {
    this.sweeper = new WorkspaceSweep(vault, paths, runGit);
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
