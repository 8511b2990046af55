import { useEffect, useRef, useState } from 'react';
import type { RequestOf } from '../../../../shared/ipc-contract';
import type { Finding, TokenMeta, WritePreview } from '../../../../shared/types';
import { failureText } from '../../api';
import type { ReferenceFormat } from '../../config-formats';
import { useKeyport } from '../../store/store-context';
import { DiffView } from '../diff-view';
import { Spinner } from '../spinner';

/** The entry the scan found, addressed the way the writers address it, holding a reference. */
function referencePlan(
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

type Phase =
  | { kind: 'planning' }
  | { kind: 'ready'; preview: WritePreview }
  | { kind: 'failed'; message: string };

/**
 * After an import: the value is now in the keychain but still in the file. Offers to write a
 * reference (${KEYPORT_…}, ${env.KEYPORT_…}, %KEYPORT_…%) in its place, which `keyport exec`
 * fills in at run time. Shows the core's diff first; Replace writes exactly that, with the
 * usual Undo notice; Keep as is leaves the file alone.
 */
export function ReferenceStep({
  finding,
  format,
  token,
}: {
  finding: Finding;
  format: ReferenceFormat;
  token: TokenMeta;
}) {
  const planWrite = useKeyport((s) => s.planWrite);
  const applyWrite = useKeyport((s) => s.applyWrite);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [phase, setPhase] = useState<Phase>({ kind: 'planning' });
  const [replacing, setReplacing] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Bumped by "Preview again": a failed write used up its plan, so a new one is made.
  const [attempt, setAttempt] = useState(0);

  // The import form that had focus is gone: the question is the next thing to read.
  useEffect(() => headingRef.current?.focus(), []);

  useEffect(() => {
    let live = true;
    planWrite(referencePlan(finding, format, token)).then(
      (preview) => {
        if (live) setPhase({ kind: 'ready', preview });
      },
      (err: unknown) => {
        if (live) setPhase({ kind: 'failed', message: failureText(err) });
      },
    );
    return () => {
      live = false;
    };
  }, [planWrite, finding, format, token, attempt]);

  const replace = async () => {
    if (replacing || phase.kind !== 'ready' || !phase.preview.changed) return;
    setReplacing(true);
    setFailure(null);
    try {
      await applyWrite(phase.preview.planId);
      closeDialog();
    } catch (err) {
      // A plan is used once: the file must be looked at again (e.g. it changed on disk).
      setFailure(failureText(err));
      setReplacing(false);
    }
  };

  const previewAgain = () => {
    setFailure(null);
    setPhase({ kind: 'planning' });
    setAttempt((n) => n + 1);
  };

  const canReplace = phase.kind === 'ready' && phase.preview.changed && failure === null;
  return (
    <div className="reference-step">
      <p className="dialog__description">
        Imported “{token.label}”. Its value is in your keychain now, and still in plaintext in{' '}
        <span className="mono">{finding.file}</span>.
      </p>
      <h3 ref={headingRef} tabIndex={-1} className="reference-step__question">
        Replace the plaintext with a reference?
      </h3>
      <p className="field__hint">
        The file then names an environment variable instead of holding the token; run your tools
        with <span className="mono">keyport exec -- …</span> to fill it in from the keychain.
      </p>
      {phase.kind === 'planning' ? (
        <p role="status" className="reference-step__loading">
          <Spinner /> Preparing the preview…
        </p>
      ) : null}
      {phase.kind === 'failed' ? (
        <p role="alert" className="form-error">
          {phase.message}
        </p>
      ) : null}
      {phase.kind === 'ready' && phase.preview.changed ? (
        <DiffView diff={phase.preview.diff} label="Diff preview" />
      ) : null}
      {phase.kind === 'ready' && !phase.preview.changed ? (
        <p role="status" className="write-preview__same">
          Nothing to change
          <span className="field__hint"> — the file already holds the reference.</span>
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="form-error">
          {failure}
        </p>
      ) : null}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={closeDialog}>
          Keep as is
        </button>
        {failure ? (
          <button type="button" className="button" onClick={previewAgain}>
            Preview again
          </button>
        ) : null}
        <button
          type="button"
          className="button button--primary"
          disabled={!canReplace && !replacing}
          aria-disabled={replacing || undefined}
          onClick={() => void replace()}
        >
          {replacing ? <Spinner /> : null}
          {replacing ? 'Replacing…' : 'Replace'}
        </button>
      </div>
    </div>
  );
}
