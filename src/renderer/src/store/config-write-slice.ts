import type { RequestOf } from '../../../shared/ipc-contract';
import type { ConfigFormat, WriteOutcome, WritePreview } from '../../../shared/types';
import type { SliceContext } from './slice-context';

export interface ConfigWriteSlice {
  /** The per-OS default file of each format, fetched once when a write dialog first needs it. */
  configDefaults: Record<ConfigFormat, string> | null;
  loadConfigDefaults(): Promise<void>;
  /** Rejects with an ApiError so the dialog can show it (CONFIG_INVALID, a bad path…). */
  planWrite(request: RequestOf<'config:plan'>): Promise<WritePreview>;
  /** Rejects with an ApiError (CONFIG_CHANGED_ON_DISK…); on success notifies with Undo. */
  applyWrite(planId: string): Promise<WriteOutcome>;
  /** Failures go to the banner: the notice that offered Undo has no room for them. */
  undoWrite(undoId: string): Promise<void>;
  /**
   * Main's native Save dialog for this format; the file chosen may then be written. Null when the
   * user cancelled. Rejects with an ApiError.
   */
  pickConfigFile(format: ConfigFormat): Promise<string | null>;
}

/** How long a notice offering Undo stays: long enough to read a path and change one's mind. */
const UNDO_NOTICE_SECONDS = 20;

export function createConfigWriteSlice({
  api,
  set,
  get,
  withPending,
  replaceToken,
}: SliceContext): ConfigWriteSlice {
  return {
    configDefaults: null,

    async loadConfigDefaults() {
      if (get().configDefaults) return;
      try {
        const configDefaults = await withPending('config-defaults', () => api.configDefaults({}));
        set({ configDefaults });
      } catch (err) {
        get().showError(err);
      }
    },

    planWrite: (request) => withPending('plan-write', () => api.planWrite(request)),

    async applyWrite(planId) {
      const outcome = await withPending('apply-write', () => api.applyWrite({ planId }));
      if (outcome.token) replaceToken(outcome.token);
      // What the scan table shows (a plaintext now a reference, where tokens are used) changed.
      void get().rescan();
      const { undoId } = outcome;
      get().notify(
        `Wrote ${outcome.entry} to ${outcome.file}`,
        undoId
          ? {
              seconds: UNDO_NOTICE_SECONDS,
              action: { label: 'Undo', busyLabel: 'Undoing…', run: () => get().undoWrite(undoId) },
            }
          : {},
      );
      return outcome;
    },

    async pickConfigFile(format) {
      const picked = await withPending('pick-file', () => api.pickConfigFile({ format }));
      return picked?.file ?? null;
    },

    async undoWrite(undoId) {
      try {
        const { file, token } = await withPending(`undo:${undoId}`, () =>
          api.undoWrite({ undoId }),
        );
        if (token) replaceToken(token);
        get().notify(`Restored ${file}`);
        void get().rescan();
      } catch (err) {
        get().showError(err);
      }
    },
  };
}
