import {
  DOCKER_HELPER_CLIENTS_TEXT,
  type HelperKind,
  type HelperPlace,
  type HelperSetupOutcome,
  type HelperSetupPreview,
} from '../../../shared/credential-helpers';
import type { SliceContext } from './slice-context';

export interface HelperSetupSlice {
  /** Token id → the helpers configured to serve it, as main read them (Where used). */
  helperPlaces: Record<string, HelperPlace[]>;
  /** Reads them again for one token; a failure leaves the last answer (the files stay listed). */
  loadHelperPlaces(tokenId: string): Promise<void>;
  /** Rejects with an ApiError so the dialog can show it. */
  planHelperSetup(tokenId: string, helper: HelperKind): Promise<HelperSetupPreview>;
  /**
   * Rejects with an ApiError (USER_DECLINED, CONFIG_CHANGED_ON_DISK…); on success notifies with
   * Undo when files changed.
   */
  applyHelperSetup(tokenId: string, planId: string): Promise<HelperSetupOutcome>;
  /**
   * Puts the files back or takes Python's keychain items back; failures go to the banner: the
   * notice that offered Undo has no room for them.
   */
  undoHelperSetup(tokenId: string, undoId: string): Promise<void>;
}

/** As long as a config write's Undo notice: long enough to read the paths. */
const UNDO_NOTICE_SECONDS = 20;

const CLIENTS: Record<HelperKind, string> = {
  git: 'git',
  docker: DOCKER_HELPER_CLIENTS_TEXT,
  python: "Python's keyring",
};

export function createHelperSetupSlice({
  api,
  set,
  get,
  withPending,
  replaceToken,
}: SliceContext): HelperSetupSlice {
  return {
    helperPlaces: {},

    async loadHelperPlaces(tokenId) {
      try {
        const places = await api.helperPlaces({ tokenId });
        set((s) => ({ helperPlaces: { ...s.helperPlaces, [tokenId]: places } }));
      } catch {
        // Where used still lists the files; the helpers are read again on the next change.
      }
    },

    planHelperSetup: (tokenId, helper) =>
      withPending('helper-plan', () => api.planHelperSetup({ tokenId, helper })),

    async applyHelperSetup(tokenId, planId) {
      const outcome = await withPending('helper-apply', () => api.applyHelperSetup({ planId }));
      if (outcome.token) replaceToken(outcome.token);
      // Saved container logins moved out of a file are new tokens in the vault.
      if (outcome.imported > 0) void get().refresh();
      void get().loadHelperPlaces(tokenId);
      const { undoId } = outcome;
      get().notify(
        // The Docker helper's clients are the one plural subject.
        `${CLIENTS[outcome.helper]} now ask${outcome.helper === 'docker' ? '' : 's'} Keyport for ${outcome.target}`,
        undoId
          ? {
              seconds: UNDO_NOTICE_SECONDS,
              action: {
                label: 'Undo',
                busyLabel: 'Undoing…',
                run: () => get().undoHelperSetup(tokenId, undoId),
              },
            }
          : {},
      );
      return outcome;
    },

    async undoHelperSetup(tokenId, undoId) {
      try {
        const { files, keychain, token } = await withPending(`undo:${undoId}`, () =>
          api.undoHelperSetup({ undoId }),
        );
        if (token) replaceToken(token);
        get().notify(
          [
            ...(files.length > 0 ? [`Restored ${files.join(', ')}`] : []),
            ...(keychain.length > 0 ? [`Took the token out of ${keychain.join(', ')}`] : []),
          ].join('; '),
        );
        // After a rotation the links belong to the token's successor, which main answers with.
        void get().loadHelperPlaces(token?.id ?? tokenId);
      } catch (err) {
        get().showError(err);
      }
    },
  };
}
