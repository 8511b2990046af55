import type { RequestOf } from '../../../shared/ipc-contract';
import type { RotateOutcome, RotatePreview, RotateStep } from '../../../shared/types';
import { plural } from '../format';
import { followOperation } from './follow-operation';
import type { SliceContext } from './slice-context';

const STEPS: readonly RotateStep[] = ['create', 'rewrite', 'verify', 'revoke', 'done'];

function isRotateStep(step: string | null): step is RotateStep {
  return step !== null && (STEPS as readonly string[]).includes(step);
}

/** The rotation in flight: its opId (for Cancel) and the step main last reported. */
export interface RunningRotation {
  tokenId: string;
  opId: string;
  /** Null until main reports the first step. */
  step: RotateStep | null;
}

export interface RotateSlice {
  rotation: RunningRotation | null;
  /** Rejects with an ApiError (not signed in, no longer listed by the registry…). */
  previewRotation(tokenId: string): Promise<RotatePreview>;
  /**
   * Rejects with an ApiError (OTP_REQUIRED, CANCELLED, AUTH_FAILED…); main has then rolled
   * everything back. While it runs, the step is polled (op:status) into `rotation.step`. On
   * success the new token replaces the old one in the list and a notice says how many files
   * changed. The password is never kept.
   */
  rotateToken(request: RequestOf<'rotate:run'> & { opId: string }): Promise<RotateOutcome>;
}

export function createRotateSlice({
  api,
  clock,
  set,
  get,
  withPending,
}: SliceContext): RotateSlice {
  return {
    rotation: null,

    previewRotation: (tokenId) =>
      withPending(`rotate-preview:${tokenId}`, () => api.previewRotation({ tokenId })),

    async rotateToken(request) {
      const { tokenId, opId } = request;
      const old = get().tokens.find((t) => t.id === tokenId);
      set({ rotation: { tokenId, opId, step: null } });
      const stop = followOperation(api, clock, opId, (step) => {
        if (get().rotation?.opId !== opId) return false;
        if (isRotateStep(step)) set({ rotation: { tokenId, opId, step } });
        return true;
      });
      try {
        const outcome = await withPending(`rotate:${tokenId}`, () => api.rotateToken(request));
        set((s) => ({
          tokens: [...s.tokens.filter((t) => t.id !== tokenId), outcome.token],
          // The new token takes the old one's place, selection included.
          selectedTokenId: s.selectedTokenId === tokenId ? outcome.token.id : s.selectedTokenId,
        }));
        get().notify(
          `Rotated “${old?.label ?? outcome.token.label}”: ${plural(outcome.files, 'file', 'files')} rewritten`,
        );
        // The old token is gone from the vault and the files changed: list what the core holds.
        void get().refresh();
        return outcome;
      } finally {
        stop();
        if (get().rotation?.opId === opId) set({ rotation: null });
      }
    },
  };
}
