import { useCallback, useState } from 'react';
import type { SweepFinding, SweepImportOutcome } from '../../../../shared/types';
import { failureText } from '../../api';
import { plural } from '../../format';
import { tildePath } from '../../paths';
import { useKeyport } from '../../store/store-context';
import { DiffView } from '../diff-view';
import { FailureAlert } from '../failure-alert';
import { Spinner } from '../spinner';
import { Dialog } from './dialog';
import { DialogActions } from './dialog-actions';
import { useLoaded } from './use-loaded';

/** What an import did (or would do) to the file: rewritten as a reference, or left as it is. */
function rewritten(o: SweepImportOutcome): boolean {
  return o.rewrite !== undefined && 'diff' in o.rewrite;
}

/**
 * "Import all and replace with references": one combined masked preview (sweep:import dryRun)
 * of every swept finding, then one Apply. Each value goes to the keychain (the same value once),
 * and each entry whose format can hold a reference is rewritten as one; the others are only
 * imported. Committed findings are named: the old values stay in git history.
 */
export function SweepImportDialog({ findings }: { findings: readonly SweepFinding[] }) {
  const importSweepFindings = useKeyport((s) => s.importSweepFindings);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const home = useKeyport((s) => s.home);
  const findingIds = findings.map((f) => f.id);
  const idsKey = findingIds.join('\0');
  const { loaded: preview } = useLoaded(
    useCallback(
      () => importSweepFindings({ findingIds: idsKey.split('\0'), dryRun: true }),
      [importSweepFindings, idsKey],
    ),
  );
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<SweepImportOutcome[] | null>(null);
  const byId = new Map(findings.map((f) => [f.id, f]));
  const where = (o: SweepImportOutcome) =>
    `${tildePath(o.file, home)}:${byId.get(o.findingId)?.line ?? '?'}`;
  const committed = findings.filter((f) => f.git === 'tracked');

  const apply = async () => {
    if (busy || preview.kind !== 'ready') return;
    setBusy(true);
    setFailure(null);
    try {
      setDone(await importSweepFindings({ findingIds, dryRun: false }));
    } catch (err) {
      setFailure(failureText(err));
    } finally {
      setBusy(false);
    }
  };

  const leakNote =
    committed.length > 0 ? (
      <p className="sweep-import__leak" role="note">
        {plural(committed.length, 'value was', 'values were')} committed to git. A reference in the
        file does not take {committed.length === 1 ? 'it' : 'them'} out of the repository’s history:
        anyone with a clone still has {committed.length === 1 ? 'it' : 'them'}. Rotate{' '}
        {committed.length === 1 ? 'that token' : 'those tokens'} afterwards.
      </p>
    ) : null;

  if (done) {
    const created = new Set(done.filter((o) => !o.reused && o.token).map((o) => o.token!.id));
    const reused = done.filter((o) => o.reused).length;
    const changed = done.filter(
      (o) => o.rewrite !== undefined && 'written' in o.rewrite && o.rewrite.written,
    );
    const onlyImported = done.filter((o) => o.rewrite !== undefined && 'left' in o.rewrite);
    return (
      <Dialog title="Imported" onClose={closeDialog} className="dialog--wide">
        <div className="sweep-import" role="status">
          <p>
            Imported {plural(created.size, 'new token', 'new tokens')} into your keychain
            {reused > 0 ? ` (${reused} already in Keyport)` : ''}.
          </p>
          <p>
            Rewrote {plural(changed.length, 'entry', 'entries')} with a reference
            {changed.length > 0 ? ':' : '.'}
          </p>
          {changed.length > 0 ? (
            <ul aria-label="Rewritten with a reference">
              {changed.map((o) => (
                <li key={o.findingId} className="mono">
                  {where(o)}
                </li>
              ))}
            </ul>
          ) : null}
          {onlyImported.length > 0 ? (
            <>
              <p>Only imported (the file cannot hold a reference; remove the value by hand):</p>
              <ul aria-label="Only imported">
                {onlyImported.map((o) => (
                  <li key={o.findingId}>
                    <span className="mono">{where(o)}</span>
                    {o.rewrite && 'left' in o.rewrite ? `: ${o.rewrite.left}` : ''}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {leakNote}
        </div>
        <div className="dialog__actions">
          <button
            type="button"
            className="button button--primary"
            data-autofocus
            onClick={closeDialog}
          >
            Done
          </button>
        </div>
      </Dialog>
    );
  }

  return (
    <Dialog
      title="Import all and replace with references"
      description={
        <>
          {plural(findings.length, 'credential goes', 'credentials go')} into your keychain, and
          each entry that can hold a reference is rewritten as one. Nothing changes until you Apply.
        </>
      }
      onClose={closeDialog}
      className="dialog--wide"
    >
      <div className="sweep-import" aria-busy={busy}>
        {preview.kind === 'loading' ? (
          <p role="status">
            <Spinner /> Loading what will change…
          </p>
        ) : null}
        {preview.kind === 'failed' ? <FailureAlert message={preview.message} /> : null}
        {preview.kind === 'ready' ? (
          <ul className="sweep-import__list" aria-label="What will change">
            {preview.value.map((o) => (
              <li key={o.findingId} className="sweep-import__item">
                <span className="mono">{where(o)}</span>
                {o.reused ? ' · already in Keyport' : ''}
                {o.rewrite && 'diff' in o.rewrite ? (
                  <DiffView diff={o.rewrite.diff} label={`Changes to ${where(o)}`} />
                ) : (
                  <p className="field__hint">
                    Only imported
                    {o.rewrite && 'left' in o.rewrite ? `: ${o.rewrite.left}` : '.'}
                  </p>
                )}
              </li>
            ))}
          </ul>
        ) : null}
        {preview.kind === 'ready' ? (
          <p>
            {plural(preview.value.filter(rewritten).length, 'entry is', 'entries are')} rewritten;{' '}
            {plural(preview.value.filter((o) => !rewritten(o)).length, 'is', 'are')} only imported.
          </p>
        ) : null}
        {leakNote}
      </div>
      <DialogActions
        failure={failure}
        busy={busy}
        label="Apply"
        busyLabel="Importing…"
        disabled={preview.kind !== 'ready'}
        onCancel={closeDialog}
        onConfirm={() => void apply()}
      />
    </Dialog>
  );
}
