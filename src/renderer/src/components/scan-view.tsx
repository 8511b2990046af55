import { useEffect, useMemo } from 'react';
import { useEscapeClosesDetail } from './use-escape-closes-detail';
import { plural } from '../format';
import { tildePath } from '../paths';
import {
  findingStatus,
  groupFindings,
  listedSweepFinding,
  type ListedFinding,
} from '../scan-groups';
import { useKeyport } from '../store/store-context';
import { BusyButton } from './busy-button';
import { EmptyState } from './empty-state';
import { FailureAlert } from './failure-alert';
import { FindingDetail } from './finding-detail';
import { FindingList } from './finding-list';
import { SweepBar } from './sweep-bar';
import { SweepProblems } from './sweep-problems';
import { useNarrow } from './use-narrow';

/**
 * "Scan": reads the standard config files (and a project folder chosen in main's folder picker)
 * for credentials, or sweeps whole folders of repositories, and lists what was found masked,
 * grouped by where it comes from and by file, with the selected one's details beside the list.
 * The list is the last one run (scan or sweep). Nothing is scanned until asked.
 */
export function ScanView() {
  const scan = useKeyport((s) => s.scan);
  const sweep = useKeyport((s) => s.sweep);
  const swept = useKeyport((s) => s.scanMode === 'sweep' && s.sweep.result !== null);
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

  const findings: readonly ListedFinding[] = useMemo(
    () => (swept && sweep.result ? sweep.result.findings.map(listedSweepFinding) : scan.findings),
    [swept, sweep.result, scan.findings],
  );
  const groups = useMemo(
    () => groupFindings(findings, swept ? null : scan.projectDir, home),
    [findings, swept, scan.projectDir, home],
  );
  const selected = findings.find((f) => f.id === selectedId) ?? null;
  useEffect(() => {
    const first = groups[0]?.files[0]?.findings[0];
    if (selected === null && first) selectFinding(first.id);
  }, [selected, groups, selectFinding]);

  // Plaintext Keyport does not hold yet: what Import all takes in.
  const importable = scan.findings.filter((f) => findingStatus(f, tokens).kind === 'plaintext');
  const files = new Set(findings.map((f) => f.file)).size;
  const committed = findings.filter((f) => f.git === 'tracked').length;
  const shown = swept || scan.scanned;
  const pushed = narrow && detailOpen && selected !== null;

  useEscapeClosesDetail(pushed, closeDetail);

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
        {!swept && importable.length > 0 ? (
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
        {swept && sweep.result && sweep.result.findings.length > 0 ? (
          <button
            type="button"
            className="button scan__import-all"
            onClick={() =>
              sweep.result && openDialog({ kind: 'sweep-import', findings: sweep.result.findings })
            }
          >
            Import all and replace with references…
          </button>
        ) : null}
      </div>
      <SweepBar />
      <FailureAlert message={swept ? sweep.failure : scan.failure} className="scan__failure" />
      {swept && sweep.result ? <SweepProblems problems={sweep.result.problems} /> : null}
      {!shown ? (
        <p className="scan__intro">
          Keyport reads your user and global .npmrc, .yarnrc.yml, Maven settings.xml, NuGet.Config,
          .netrc, pip.conf, .pypirc, Composer’s auth.json, Bundler’s .bundle/config and Gradle’s
          gradle.properties (and a project’s, with Choose folder…), and lists every credential it
          finds, masked. Nothing is changed: import a plaintext token to keep it in your keychain,
          then replace it in the file with a reference.
        </p>
      ) : findings.length === 0 ? (
        <EmptyState title="No credentials found" action={null}>
          None of the files Keyport reads
          {swept
            ? ` (your user files and ${plural(sweep.result?.stats.files ?? 0, 'file', 'files')} in the folders swept)`
            : scan.projectDir === null
              ? ''
              : ` (your user files and ${tildePath(scan.projectDir, home)})`}{' '}
          holds a credential.
        </EmptyState>
      ) : (
        <div className={pushed ? 'master-detail is-pushed' : 'master-detail'}>
          {pushed ? null : (
            <div className="master">
              <p className="list-summary" aria-live="polite">
                {plural(findings.length, 'credential', 'credentials')} in{' '}
                {plural(files, 'file', 'files')}
                {committed > 0 ? `, ${committed} committed to git` : ''}
                {swept && sweep.result
                  ? ` · ${plural(sweep.result.stats.folders, 'folder', 'folders')} and ${plural(sweep.result.stats.files, 'file', 'files')} read`
                  : ''}
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
