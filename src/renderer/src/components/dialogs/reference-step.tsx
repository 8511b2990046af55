import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { RequestOf } from '../../../../shared/ipc-contract';
import type { Finding, TokenMeta } from '../../../../shared/types';
import { failureText } from '../../api';
import type { ReferenceFormat } from '../../../../shared/references';
import { useKeyport } from '../../store/store-context';
import { DialogActions } from './dialog-actions';
import { DiffView } from '../diff-view';
import { FailureAlert } from '../failure-alert';
import { Spinner } from '../spinner';
import { useLoaded } from './use-loaded';

/** The entry the scan found, addressed the way the writers address it, holding a reference. */
export function referencePlan(
  finding: Finding,
  format: ReferenceFormat,
  token: TokenMeta,
): RequestOf<'config:plan'> {
  return {
    tokenId: token.id,
    format,
    file: finding.file,
    // Maven and NuGet entries name no URL; the one given at import is the token's.
    registry: finding.registry ?? token.registry,
    ...(format === 'maven' && finding.serverId !== undefined ? { serverId: finding.serverId } : {}),
    ...(format === 'nuget' && finding.source !== undefined ? { source: finding.source } : {}),
    reference: true,
  };
}

/**
 * After an import: the value is now in the keychain but still in the file. Offers to write a
 * reference (${KEYPORT_…}, ${env.KEYPORT_…}, %KEYPORT_…%) in its place, which `keyport exec`
 * fills in at run time. Shows the core's diff first; Replace writes exactly that, with the
 * usual Undo notice; Keep as is leaves the file alone.
 */
export function ReferenceStep({
  request,
  intro,
}: {
  request: RequestOf<'config:plan'>;
  /** What just happened and where the plaintext is, before the question. */
  intro: ReactNode;
}) {
  const planWrite = useKeyport((s) => s.planWrite);
  const applyWrite = useKeyport((s) => s.applyWrite);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The entry as it was asked for when the step opened; later renders pass new objects.
  const [planRequest] = useState(request);
  // "Preview again" loads it anew: a failed write used up its plan, so a new one is made.
  const { loaded: phase, reload } = useLoaded(
    useCallback(() => planWrite(planRequest), [planWrite, planRequest]),
  );
  const [replacing, setReplacing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  // The import form that had focus is gone: the question is the next thing to read.
  useEffect(() => headingRef.current?.focus(), []);

  const replace = async () => {
    if (replacing || phase.kind !== 'ready' || !phase.value.changed) return;
    setReplacing(true);
    setFailure(null);
    try {
      await applyWrite(phase.value.planId);
      closeDialog();
    } catch (err) {
      // A plan is used once: the file must be looked at again (e.g. it changed on disk).
      setFailure(failureText(err));
      setReplacing(false);
    }
  };

  const previewAgain = () => {
    setFailure(null);
    reload();
  };

  const canReplace = phase.kind === 'ready' && phase.value.changed && failure === null;
  return (
    <div className="reference-step">
      <p className="dialog__description">{intro}</p>
      <h3 ref={headingRef} tabIndex={-1} className="reference-step__question">
        Replace the plaintext with a reference?
      </h3>
      <p className="field__hint">
        The file then names an environment variable instead of holding the token; run your tools
        with <span className="mono">keyport exec -- …</span> to fill it in from the keychain.
      </p>
      {phase.kind === 'loading' ? (
        <p role="status" className="reference-step__loading">
          <Spinner /> Preparing the preview…
        </p>
      ) : null}
      {phase.kind === 'failed' ? <FailureAlert message={phase.message} /> : null}
      {phase.kind === 'ready' && phase.value.changed ? (
        <DiffView diff={phase.value.diff} label="Diff preview" />
      ) : null}
      {phase.kind === 'ready' && !phase.value.changed ? (
        <p role="status" className="write-preview__same">
          Nothing to change
          <span className="field__hint"> — the file already holds the reference.</span>
        </p>
      ) : null}
      <DialogActions
        failure={failure}
        busy={replacing}
        label="Replace"
        busyLabel="Replacing…"
        onCancel={closeDialog}
        cancelLabel="Keep as is"
        onPreviewAgain={previewAgain}
        onConfirm={() => void replace()}
        disabled={!canReplace}
      />
    </div>
  );
}
