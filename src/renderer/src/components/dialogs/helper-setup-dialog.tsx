import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DOCKER_HELPER_CLIENTS_TEXT,
  type HelperKind,
  type HelperSetupOutcome,
  type HelperSetupPreview,
} from '../../../../shared/credential-helpers';
import type { TokenMeta } from '../../../../shared/types';
import { errorInfoOf, failureText } from '../../api';
import { tildePath } from '../../paths';
import { useKeyport } from '../../store/store-context';
import { DialogActions } from './dialog-actions';
import { DiffView, PreviewNotes } from '../diff-view';
import { FailureAlert } from '../failure-alert';
import { Spinner } from '../spinner';
import { Dialog } from './dialog';
import { useLoaded } from './use-loaded';

const TITLES: Record<HelperKind, string> = {
  git: 'Set up git',
  docker: `Set up ${DOCKER_HELPER_CLIENTS_TEXT}`,
  python: "Set up Python's keyring",
};

type Failure = { declined: boolean; message: string } | null;

/**
 * One credential helper for one token: main's preview (a masked diff of the client's standard
 * file, or the keychain items), then Set up, which main confirms in a native dialog before it
 * changes anything; then the client command that shows it works. The files and the host come
 * from main: this dialog sends only the token and the helper kind.
 */
export function HelperSetupDialog({ token, helper }: { token: TokenMeta; helper: HelperKind }) {
  const planHelperSetup = useKeyport((s) => s.planHelperSetup);
  const applyHelperSetup = useKeyport((s) => s.applyHelperSetup);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const { loaded, reload } = useLoaded(
    useCallback(() => planHelperSetup(token.id, helper), [planHelperSetup, token.id, helper]),
  );
  const [applying, setApplying] = useState(false);
  const [failure, setFailure] = useState<Failure>(null);
  const [done, setDone] = useState<HelperSetupOutcome | null>(null);

  const apply = async () => {
    if (applying || loaded.kind !== 'ready' || !loaded.value.changed || failure) return;
    setApplying(true);
    try {
      setDone(await applyHelperSetup(token.id, loaded.value.planId));
    } catch (err) {
      // A plan is used once: after any failure the files must be looked at again.
      setFailure({
        declined: errorInfoOf(err).code === 'USER_DECLINED',
        message: failureText(err),
      });
    } finally {
      setApplying(false);
    }
  };

  const previewAgain = () => {
    setFailure(null);
    reload();
  };

  return (
    <Dialog title={TITLES[helper]} onClose={closeDialog} className="dialog--wide">
      {done ? (
        <DoneStep outcome={done} onClose={closeDialog} />
      ) : (
        <>
          <p className="dialog__description">
            The client asks Keyport for “{token.label}” each time it needs it, so no file holds the
            token.
          </p>
          {loaded.kind === 'loading' ? (
            <p role="status" className="reference-step__loading">
              <Spinner /> Preparing the preview…
            </p>
          ) : null}
          {loaded.kind === 'failed' ? <FailureAlert message={loaded.message} /> : null}
          {loaded.kind === 'ready' ? <SetupPreview preview={loaded.value} /> : null}
          <DialogActions
            failure={
              failure?.declined
                ? 'Nothing was changed: you said No when Keyport asked.'
                : (failure?.message ?? null)
            }
            quiet={failure?.declined ?? false}
            busy={applying}
            label="Set up"
            busyLabel="Setting up…"
            onCancel={closeDialog}
            onPreviewAgain={previewAgain}
            onConfirm={() => void apply()}
            disabled={loaded.kind !== 'ready' || !loaded.value.changed || failure !== null}
          />
        </>
      )}
    </Dialog>
  );
}

/** The files with their diffs, or the keychain items, and what else to know. */
function SetupPreview({ preview }: { preview: HelperSetupPreview }) {
  const home = useKeyport((s) => s.home);
  return (
    <div className="write-preview">
      <dl className="write-preview__target">
        <dt>For</dt>
        <dd className="mono">{preview.target}</dd>
        {preview.files.map((f) => (
          <FileRow key={f.file} file={tildePath(f.file, home)} creates={f.creates} />
        ))}
        {preview.keychain.map((k) => (
          <KeychainRow key={k.service} {...k} />
        ))}
      </dl>
      <PreviewNotes notes={preview.notes} />
      {preview.changed ? (
        preview.files
          .filter((f) => f.changed)
          .map((f) => (
            <DiffView
              key={f.file}
              diff={f.diff}
              label={`Diff preview of ${tildePath(f.file, home)}`}
            />
          ))
      ) : (
        <p role="status" className="write-preview__same">
          Nothing to change
          <span className="field__hint"> — already set up. Test it:</span>{' '}
          <code className="mono">{preview.test}</code>
        </p>
      )}
    </div>
  );
}

function FileRow({ file, creates }: { file: string; creates: boolean }) {
  return (
    <>
      <dt>File</dt>
      <dd>
        <span className="mono">{file}</span>
        {creates ? <span className="badge badge--ok">new file</span> : null}
      </dd>
    </>
  );
}

function KeychainRow({
  service,
  username,
  exists,
}: {
  service: string;
  username: string;
  exists: boolean;
}) {
  return (
    <>
      <dt>Keychain</dt>
      <dd>
        <span className="mono">{service}</span> ({username})
        {exists ? null : <span className="badge badge--ok">new item</span>}
      </dd>
    </>
  );
}

/** After setup: what changed and the exact command that shows it works. */
function DoneStep({ outcome, onClose }: { outcome: HelperSetupOutcome; onClose: () => void }) {
  const home = useKeyport((s) => s.home);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // The Set up button that had focus is gone: the result is the next thing to read.
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <div className="helper-done">
      <h3 ref={headingRef} tabIndex={-1} className="reference-step__question">
        Set up for {outcome.target}
      </h3>
      {outcome.undoId ? (
        <p className="field__hint">
          {outcome.files.length > 0
            ? `Changed ${outcome.files.map((f) => tildePath(f, home)).join(' and ')}. `
            : null}
          Undo is offered once this dialog closes.
        </p>
      ) : null}
      {outcome.imported > 0 ? (
        <p className="field__hint">
          {outcome.imported} saved login{outcome.imported > 1 ? 's' : ''} moved from the file into
          Keyport.
        </p>
      ) : null}
      <p className="helper-done__test">Test it in a terminal:</p>
      <code className="mono place__entry">{outcome.test}</code>
      <div className="dialog__actions">
        <button type="button" className="button button--primary" onClick={onClose}>
          Done
        </button>
      </div>
    </div>
  );
}
