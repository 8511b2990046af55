import type { RequestOf } from '../../../shared/ipc-contract';
import type { SweepImportOutcome, SweepResult } from '../../../shared/types';
import { errorInfoOf, failureText } from '../api';
import { newOpId } from '../op-id';
import { followOperation } from './follow-operation';
import type { SliceContext } from './slice-context';

export interface SweepState {
  /** The folders chosen in main's folder picker (main granted each one); swept together. */
  dirs: string[];
  /** The opId of the sweep in flight, for Cancel; null when none runs. */
  opId: string | null;
  /** What main last reported of the walk ("12 folders, 40 files"). */
  progress: string | null;
  /** The last finished sweep; kept while a new one runs, so the list does not flicker. */
  result: SweepResult | null;
  /** The last sweep was stopped by Cancel (said quietly, not as a failure). */
  cancelled: boolean;
  failure: string | null;
}

export interface SweepSlice {
  sweep: SweepState;
  /** Which list the Scan view shows: the single-project scan or the folder sweep, whichever ran last. */
  scanMode: 'scan' | 'sweep';
  /** Main's folder picker; a chosen folder joins the others and everything chosen is swept. */
  addSweepFolder(): Promise<void>;
  removeSweepFolder(dir: string): void;
  /** Never rejects: a failure lands in sweep.failure, a Cancel in sweep.cancelled. */
  runSweep(): Promise<void>;
  cancelSweep(): Promise<void>;
  /**
   * Imports findings of this session's sweeps, each rewritten as a reference where its format
   * can hold one. `dryRun` only returns the combined masked preview. Rejects with an ApiError.
   */
  importSweepFindings(
    request: Omit<RequestOf<'sweep:import'>, 'replaceWithReference'>,
  ): Promise<SweepImportOutcome[]>;
}

export function createSweepSlice({ api, clock, set, get, withPending }: SliceContext): SweepSlice {
  const patch = (part: Partial<SweepState>) => set((s) => ({ sweep: { ...s.sweep, ...part } }));

  return {
    sweep: { dirs: [], opId: null, progress: null, result: null, cancelled: false, failure: null },
    scanMode: 'scan',

    async addSweepFolder() {
      try {
        const picked = await withPending('pick-folder', () => api.pickFolder({ purpose: 'scan' }));
        if (!picked) return;
        const { dirs } = get().sweep;
        if (!dirs.includes(picked.dir)) patch({ dirs: [...dirs, picked.dir] });
        await get().runSweep();
      } catch (err) {
        patch({ failure: failureText(err) });
      }
    },

    removeSweepFolder(dir) {
      patch({ dirs: get().sweep.dirs.filter((d) => d !== dir) });
    },

    async runSweep() {
      const { dirs, opId: running } = get().sweep;
      if (dirs.length === 0 || running !== null) return;
      const opId = newOpId();
      set((s) => ({
        scanMode: 'sweep',
        selectedFindingId: null,
        sweep: { ...s.sweep, opId, progress: null, cancelled: false, failure: null },
      }));
      const stop = followOperation(api, clock, opId, (step) => {
        if (get().sweep.opId !== opId) return false;
        if (step !== null) patch({ progress: step });
        return true;
      });
      try {
        const result = await withPending('sweep', () => api.sweep({ dirs, opId }));
        patch({ result, opId: null, progress: null });
        // A sweep records where each vault token is used (usedIn): the token rows show it.
        void get().refresh();
      } catch (err) {
        const cancelled = errorInfoOf(err).code === 'CANCELLED';
        patch({
          opId: null,
          progress: null,
          cancelled,
          failure: cancelled ? null : failureText(err),
        });
      } finally {
        stop();
      }
    },

    async cancelSweep() {
      const { opId } = get().sweep;
      if (opId !== null) await get().cancelOperation(opId);
    },

    async importSweepFindings({ findingIds, dryRun }) {
      const outcomes = await withPending(`sweep-import:${dryRun ? 'preview' : 'apply'}`, () =>
        api.importSweepFindings({ findingIds, dryRun, replaceWithReference: true }),
      );
      if (!dryRun) {
        // New tokens are listed; the swept files changed, so what is left is swept again.
        void get().refresh();
        void get().runSweep();
      }
      return outcomes;
    },
  };
}
