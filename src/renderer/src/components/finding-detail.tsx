import { takesReference } from '../../../shared/references';
import type { GitState, ScanLevel } from '../../../shared/types';
import { tildePath } from '../paths';
import { findingStatus, scanFindingOf, type ListedFinding } from '../scan-groups';
import { useKeyport } from '../store/store-context';
import { BackButton } from './back-button';

const LEVEL_TEXT: Record<ScanLevel, string> = {
  project: 'A project file: it applies inside that folder only.',
  user: 'A file in your home folder: it applies to everything you run.',
  global:
    'A system-wide file: it applies to every user, unless a user or project file overrides it.',
};

const KIND_TEXT = {
  reference: 'A reference: the file names a variable, nothing secret is on disk.',
  plaintext:
    'Plaintext that Keyport does not hold: a secret on disk. Import it into your keychain.',
  'held-plaintext':
    'Plaintext, although Keyport holds the same token: the secret is still on disk. Replace it with a reference.',
} as const;

/** What each git state means for the secret, in plain words. */
export const GIT_TEXT: Record<GitState, string> = {
  tracked: 'Committed: in the repository’s history, on every clone.',
  ignored: 'Ignored by git: only on this disk.',
  untracked: 'Not committed: only on this disk, until someone adds the file.',
  none: 'Not in a git repository: only on this disk.',
  unknown: 'Git could not tell whether the file is committed.',
};

/** One finding: where it is, what it is, and what to do about it. */
export function FindingDetail({ finding, narrow }: { finding: ListedFinding; narrow: boolean }) {
  const tokens = useKeyport((s) => s.tokens);
  const home = useKeyport((s) => s.home);
  const openDialog = useKeyport((s) => s.openDialog);
  const closeDetail = useKeyport((s) => s.closeFindingDetail);
  const selectToken = useKeyport((s) => s.selectToken);
  const setView = useKeyport((s) => s.setView);
  const status = findingStatus(finding, tokens);
  // Swept findings are imported together (Import all); the one-by-one actions are the scan's.
  const scanned = scanFindingOf(finding);
  const where = `${tildePath(finding.file, home)}:${finding.line}`;
  const registry =
    finding.registry ??
    (finding.serverId !== undefined
      ? `server ${finding.serverId}`
      : finding.source !== undefined
        ? `source ${finding.source}`
        : 'Not named in the file');

  return (
    <section className="detail" aria-labelledby="finding-detail-title">
      <header className="detail__header">
        <div className="detail__title-row">
          {narrow ? <BackButton label="Back to findings" onBack={closeDetail} /> : null}
          <div className="detail__titles">
            <h2 id="finding-detail-title" className="detail__title mono" tabIndex={-1}>
              {where}
            </h2>
            <p className="detail__subtitle">
              {scanned || status.kind === 'reference'
                ? KIND_TEXT[status.kind]
                : 'Plaintext: a secret on disk. Import all takes it into your keychain and leaves a reference.'}
            </p>
          </div>
          <span className={`pill pill--${status.tone}`}>{status.text}</span>
        </div>
        <div className="detail__actions">
          {status.kind === 'plaintext' && scanned ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => openDialog({ kind: 'import-finding', finding: scanned })}
            >
              Import…
            </button>
          ) : null}
          {status.kind === 'held-plaintext' &&
          status.token &&
          scanned &&
          takesReference(scanned.format) ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() =>
                status.token &&
                openDialog({
                  kind: 'write-reference',
                  tokenId: status.token.id,
                  place: {
                    file: finding.file,
                    format: scanned.format,
                    line: finding.line,
                    entry: finding.entry,
                    reference: false,
                    source: 'found',
                    ...(finding.registry !== null ? { registry: finding.registry } : {}),
                    ...(finding.serverId !== undefined ? { serverId: finding.serverId } : {}),
                    ...(finding.source !== undefined ? { sourceName: finding.source } : {}),
                  },
                })
              }
            >
              Replace with reference…
            </button>
          ) : null}
          {status.token ? (
            <button
              type="button"
              className="button"
              onClick={() => {
                if (!status.token) return;
                selectToken(status.token.id, { open: true });
                setView('tokens');
              }}
            >
              Show “{status.token.label}”
            </button>
          ) : null}
          {finding.git === 'tracked' && status.token?.remoteKey ? (
            <button
              type="button"
              className="button"
              onClick={() =>
                status.token && openDialog({ kind: 'rotate-token', tokenId: status.token.id })
              }
            >
              Rotate…
            </button>
          ) : null}
        </div>
      </header>
      <div className="detail__body">
        <dl className="facts">
          <dt>Entry</dt>
          <dd className="mono facts__wrap">{finding.entry}</dd>
          <dt>Registry</dt>
          <dd className="facts__wrap">{registry}</dd>
          <dt>File</dt>
          <dd className="mono facts__wrap">{tildePath(finding.file, home)}</dd>
          <dt>Applies</dt>
          <dd>{LEVEL_TEXT[finding.level]}</dd>
          {finding.git !== undefined ? (
            <>
              <dt>Git</dt>
              <dd>{GIT_TEXT[finding.git]}</dd>
              <dt>In use</dt>
              <dd>
                {finding.wins
                  ? 'Yes: this is the entry its client uses.'
                  : 'No: another entry wins for its client.'}
              </dd>
              <dt>In Keyport</dt>
              <dd>{status.token ? `Yes, as “${status.token.label}”.` : 'Not yet.'}</dd>
            </>
          ) : null}
          {finding.wins ? null : (
            <>
              <dt>Overridden</dt>
              <dd>
                A file with higher precedence sets the same key, so this entry is ignored; it is
                still a secret on disk.
              </dd>
            </>
          )}
        </dl>
        {finding.git === 'tracked' ? (
          <p className="finding-leak" role="note">
            This value was committed. Replacing it with a reference does not take it out of git
            history: anyone with a clone still has it.{' '}
            {status.token?.remoteKey
              ? 'Rotate the token: Keyport creates a new one, rewrites the files and revokes this one.'
              : 'Rotate it: create a new token at the registry, then revoke this one.'}
          </p>
        ) : null}
      </div>
    </section>
  );
}
