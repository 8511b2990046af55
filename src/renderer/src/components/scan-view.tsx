import { useEffect, useMemo } from 'react';
import { plural } from '../format';
import { tildePath } from '../paths';
import { findingStatus, groupFindings } from '../scan-groups';
import { useKeyport } from '../store/store-context';
import { BusyButton } from './busy-button';
import { EmptyState } from './empty-state';
import { FailureAlert } from './failure-alert';
import { FindingDetail } from './finding-detail';
import { FindingList } from './finding-list';
import { useNarrow } from './use-narrow';

/**
 * "Scan": reads the standard config files (and a project folder chosen in main's folder picker)
 * for credentials and lists them masked, grouped by where they come from and by file, with the
 * selected one's details beside the list. Nothing is scanned until asked.
 */
export function ScanView() {
  const scan = useKeyport((s) => s.scan);
  const runScan = useKeyport((s) => s.runScan);
  const chooseFolderAndScan = useKeyport((s) => s.chooseFolderAndScan);
  const picking = useKeyport((s) => s.pending['pick-folder'] === true);
  const tokens = useKeyport((s) => s.tokens);
  const home = useKeyport((s) => s.home);
  const selectedId = useKeyport((s) => s.selectedFindingId);
  const detailOpen = useKeyport((s) => s.findingDetailOpen);
  const selectFinding = useKeyport((s) => s.selectFinding);
  const closeDetail = useKeyport((s) => s.closeFindingDetail);
  const openDialog = useKeyport((s) => s.openDialog);
  const narrow = useNarrow();

  const groups = useMemo(
    () => groupFindings(scan.findings, scan.projectDir, home),
    [scan.findings, scan.projectDir, home],
  );
  const selected = scan.findings.find((f) => f.id === selectedId) ?? null;
  useEffect(() => {
    const first = groups[0]?.files[0]?.findings[0];
    if (selected === null && first) selectFinding(first.id);
  }, [selected, groups, selectFinding]);

  // Plaintext Keyport does not hold yet: what Import all takes in.
  const importable = scan.findings.filter((f) => findingStatus(f, tokens).kind === 'plaintext');
  const files = new Set(scan.findings.map((f) => f.file)).size;
  const pushed = narrow && detailOpen && selected !== null;

  useEffect(() => {
    if (!pushed) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || document.body.classList.contains('has-modal')) return;
      closeDetail();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [pushed, closeDetail]);

  return (
    <section className="scan" aria-labelledby="scan-title">
      <h2 id="scan-title" className="visually-hidden">
        Scan
      </h2>
      <div className="scan__bar" aria-busy={scan.running}>
        <BusyButton
          className="button button--primary"
          busy={scan.running}
          inert={scan.running || picking}
          label={scan.scanned ? 'Scan again' : 'Scan'}
          busyLabel="Scanning…"
          onClick={() => {
            if (!scan.running) void runScan(scan.projectDir);
          }}
        />
        <button
          type="button"
          className="button"
          aria-busy={picking || undefined}
          onClick={() => {
            if (!picking && !scan.running) void chooseFolderAndScan();
          }}
        >
          Choose folder…
        </button>
        {scan.projectDir !== null ? (
          <span className="scan__folder">
            Project: <span className="mono">{tildePath(scan.projectDir, home)}</span>
          </span>
        ) : null}
        {importable.length > 0 ? (
          <button
            type="button"
            className="button scan__import-all"
            onClick={() =>
              openDialog({
                kind: 'import-all',
                findings: importable,
              })
            }
          >
            Import all ({importable.length})
          </button>
        ) : null}
      </div>
      <FailureAlert message={scan.failure} className="scan__failure" />
      {!scan.scanned ? (
        <p className="scan__intro">
          Keyport reads your user and global .npmrc, .yarnrc.yml, Maven settings.xml, NuGet.Config,
          .netrc, pip.conf and .pypirc (and a project’s, with Choose folder…), and lists every
          credential it finds, masked. Nothing is changed: import a plaintext token to keep it in
          your keychain, then replace it in the file with a reference.
        </p>
      ) : scan.findings.length === 0 ? (
        <EmptyState title="No credentials found" action={null}>
          None of the files Keyport reads
          {scan.projectDir === null
            ? ''
            : ` (your user files and ${tildePath(scan.projectDir, home)})`}{' '}
          holds a credential.
        </EmptyState>
      ) : (
        <div className={pushed ? 'master-detail is-pushed' : 'master-detail'}>
          {pushed ? null : (
            <div className="master">
              <p className="list-summary" aria-live="polite">
                {plural(scan.findings.length, 'credential', 'credentials')} in{' '}
                {plural(files, 'file', 'files')}
              </p>
              <FindingList groups={groups} tokens={tokens} home={home} />
            </div>
          )}
          {selected && (!narrow || pushed) ? (
            <div className="detail-pane">
              <FindingDetail key={selected.id} finding={selected} narrow={narrow} />
            </div>
          ) : null}
        </div>
      )}
    </section>
  );
}
