import type { TokenMeta } from '../../../shared/types';
import { tildePath } from '../paths';
import { findingStatus, type RootGroup } from '../scan-groups';
import { useKeyport } from '../store/store-context';

/**
 * The findings, grouped by where they come from and by file. Each row is one button (select it
 * to see its details); the selected one is marked current, and focus returns to it after a
 * dialog.
 */
export function FindingList({
  groups,
  tokens,
  home,
}: {
  groups: RootGroup[];
  tokens: readonly TokenMeta[];
  home: string | null;
}) {
  const selectedId = useKeyport((s) => s.selectedFindingId);
  const selectFinding = useKeyport((s) => s.selectFinding);
  return (
    <div className="finding-list" aria-label="Found credentials" role="region">
      {groups.map((root) => (
        <section key={root.key} className="finding-group" aria-label={root.title}>
          <h3 className="finding-group__title">{root.title}</h3>
          {root.files.map((file) => (
            <div key={file.file} className="finding-file">
              <h4 className="finding-file__name mono" title={file.file}>
                {tildePath(file.file, home)}
              </h4>
              <ul className="finding-file__list">
                {file.findings.map((finding) => {
                  const status = findingStatus(finding, tokens);
                  const current = finding.id === selectedId;
                  return (
                    <li key={finding.id}>
                      <button
                        type="button"
                        className="finding-row"
                        aria-current={current || undefined}
                        data-return-focus={current || undefined}
                        data-finding-id={finding.id}
                        onClick={() => selectFinding(finding.id, { open: true })}
                      >
                        <span className="finding-row__line">line {finding.line}</span>
                        <span className="finding-row__entry mono">{finding.entry}</span>
                        <span className={`pill pill--${status.tone}`}>{status.text}</span>
                        {finding.git === 'tracked' ? (
                          <span className="pill pill--expired">committed</span>
                        ) : null}
                        {finding.wins ? null : <span className="pill pill--none">overridden</span>}
                      </button>
                    </li>
                  );
                })}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}
