import { takesReference } from '../../../core/references';
import type { Finding, ScanLevel } from '../../../shared/types';
import { tildePath } from '../paths';
import { findingStatus } from '../scan-groups';
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

/** One finding: where it is, what it is, and what to do about it. */
export function FindingDetail({ finding, narrow }: { finding: Finding; narrow: boolean }) {
  const tokens = useKeyport((s) => s.tokens);
  const home = useKeyport((s) => s.home);
  const openDialog = useKeyport((s) => s.openDialog);
  const closeDetail = useKeyport((s) => s.closeFindingDetail);
  const selectToken = useKeyport((s) => s.selectToken);
  const setView = useKeyport((s) => s.setView);
  const status = findingStatus(finding, tokens);
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
          {narrow ? (
            <BackButton
              label="Back to findings"
              onBack={() => {
                closeDetail();
                requestAnimationFrame(() =>
                  document.querySelector<HTMLElement>('[data-return-focus]')?.focus(),
                );
              }}
            />
          ) : null}
          <div className="detail__titles">
            <h2 id="finding-detail-title" className="detail__title mono" tabIndex={-1}>
              {where}
            </h2>
            <p className="detail__subtitle">{KIND_TEXT[status.kind]}</p>
          </div>
          <span className={`pill pill--${status.tone}`}>{status.text}</span>
        </div>
        <div className="detail__actions">
          {status.kind === 'plaintext' ? (
            <button
              type="button"
              className="button button--primary"
              onClick={() => openDialog({ kind: 'import-finding', finding })}
            >
              Import…
            </button>
          ) : null}
          {status.kind === 'held-plaintext' && status.token && takesReference(finding.format) ? (
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
                    format: finding.format,
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
        </div>
      </header>
      <div className="detail__body">
        <dl className="facts">
          <dt>Entry</dt>
          <dd className="mono facts__wrap">{finding.entry}</dd>
          <dt>Registry</dt>
          <dd className="facts__wrap">{registry}</dd>
          <dt>File</dt>
          <dd className="mono facts__wrap">{finding.file}</dd>
          <dt>Applies</dt>
          <dd>{LEVEL_TEXT[finding.level]}</dd>
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
      </div>
    </section>
  );
}
