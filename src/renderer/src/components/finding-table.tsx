import { useId } from 'react';
import type { Finding, ScanLevel, TokenMeta } from '../../../shared/types';
import { useKeyport } from '../store/store-context';

const LEVEL_HINT: Record<ScanLevel, string> = {
  project: 'A file in the project folder: it applies inside that folder only.',
  user: 'A file in your home folder: it applies to everything you run.',
  global:
    'A system-wide file: it applies to every user, unless a user or project file overrides it.',
};

const OVERRIDDEN_HINT =
  'A file with higher precedence sets the same key, so this entry is ignored.';

/** Where the value stands: in the vault, a reference, or plaintext Keyport does not hold. */
function statusOf(finding: Finding, tokens: readonly TokenMeta[]): string {
  if (finding.reference) return 'Reference (nothing secret on disk)';
  if (finding.tokenId === null) return 'Not in Keyport';
  const token = tokens.find((t) => t.id === finding.tokenId);
  return token ? `In Keyport as ${token.label}` : 'In Keyport';
}

function registryOf(finding: Finding): string {
  if (finding.registry !== null) return finding.registry;
  if (finding.serverId !== undefined) return `server ${finding.serverId}`;
  if (finding.source !== undefined) return `source ${finding.source}`;
  return '—';
}

/**
 * The credentials a scan found, masked as the core sent them. Plaintext Keyport does not hold is
 * what needs doing, so only those rows have an action. An entry another file overrides keeps its
 * row, marked: it is still a secret on disk even though no tool reads it.
 */
export function FindingTable({ findings }: { findings: readonly Finding[] }) {
  const tokens = useKeyport((s) => s.tokens);
  return (
    <div className="remote-table__scroller">
      <table className="remote-table finding-table" aria-label="Found credentials">
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Line</th>
            <th scope="col">Entry</th>
            <th scope="col">Registry</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {findings.map((finding) => (
            <FindingRow key={finding.id} finding={finding} status={statusOf(finding, tokens)} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function FindingRow({ finding, status }: { finding: Finding; status: string }) {
  const openDialog = useKeyport((s) => s.openDialog);
  const whereId = useId();
  const plaintext = !finding.reference && finding.tokenId === null;
  const tone = finding.reference ? 'reference' : finding.tokenId === null ? 'plaintext' : 'held';
  return (
    <tr className={finding.wins ? 'finding-row' : 'finding-row finding-row--overridden'}>
      <th scope="row" className="finding-row__file">
        <span className="mono">{finding.file}</span>{' '}
        <span className={`badge level level--${finding.level}`} title={LEVEL_HINT[finding.level]}>
          {finding.level}
        </span>
      </th>
      <td className="finding-row__line">{finding.line}</td>
      <td>
        <code className="finding-row__entry">{finding.entry}</code>
      </td>
      <td className="finding-row__registry">{registryOf(finding)}</td>
      <td>
        <span className={`badge finding-status finding-status--${tone}`}>{status}</span>
        {finding.wins ? null : (
          <>
            {' '}
            <span className="badge badge--none" title={OVERRIDDEN_HINT}>
              Overridden
            </span>
            <span className="visually-hidden">: {OVERRIDDEN_HINT}</span>
          </>
        )}
      </td>
      <td>
        {plaintext ? (
          <>
            <span id={whereId} className="visually-hidden">
              {finding.file}, line {finding.line}
            </span>
            <button
              type="button"
              className="button button--small"
              aria-describedby={whereId}
              onClick={() => openDialog({ kind: 'import-finding', finding })}
            >
              Import
            </button>
          </>
        ) : null}
      </td>
    </tr>
  );
}
