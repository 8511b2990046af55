import { useRef, useState } from 'react';
import { requestSchemas } from '../../../shared/ipc-contract';
import { plural } from '../format';
import { useKeyport } from '../store/store-context';
import { BusyButton } from './busy-button';
import { validateWith } from './dialogs/form-errors';
import { InputField } from './dialogs/input-field';
import { EmptyState } from './empty-state';
import { FailureAlert } from './failure-alert';
import { FindingTable } from './finding-table';

/** `/…`, `C:\…`, `C:/…` or `\\server\…`: the core resolves nothing relative to its own folder. */
const ABSOLUTE = /^(\/|[A-Za-z]:[\\/]|\\\\)/;

/** The folder to send, or why it cannot be sent; empty means user and global files only. */
function checkFolder(text: string): { projectDir: string | null; error?: string } {
  const projectDir = text.trim();
  if (projectDir === '') return { projectDir: null };
  const found = validateWith<'projectDir', (typeof requestSchemas)['scan:run']>(
    requestSchemas['scan:run'],
    { projectDir },
  );
  if (found.projectDir) return { projectDir, error: found.projectDir };
  if (!ABSOLUTE.test(projectDir)) {
    return { projectDir, error: 'Enter an absolute path, e.g. /home/you/project.' };
  }
  return { projectDir };
}

/**
 * "Scan": reads the standard config files (and a project folder's, if given) for credentials and
 * lists them masked, with which are in Keyport, which are references, and which are plaintext
 * to import. Nothing is scanned until asked: the intro says what will be read.
 */
export function ScanView() {
  const scan = useKeyport((s) => s.scan);
  const runScan = useKeyport((s) => s.runScan);
  const inputRef = useRef<HTMLInputElement>(null);
  const [folder, setFolder] = useState(scan.projectDir ?? '');
  const [submitted, setSubmitted] = useState(false);
  const checked = checkFolder(folder);
  const error = submitted ? checked.error : undefined;

  const onSubmit = (event: React.FormEvent) => {
    event.preventDefault();
    if (scan.running) return;
    setSubmitted(true);
    if (checked.error) {
      inputRef.current?.focus();
      return;
    }
    void runScan(checked.projectDir);
  };

  const files = new Set(scan.findings.map((f) => f.file)).size;
  return (
    <section className="scan" aria-labelledby="scan-title">
      <h2 id="scan-title" className="visually-hidden">
        Scan
      </h2>
      <form className="scan__form" noValidate onSubmit={onSubmit} aria-busy={scan.running}>
        <InputField
          label="Project folder"
          hint="Optional. An absolute path: its .npmrc, .yarnrc.yml and NuGet.Config are read too."
          error={error}
          ref={inputRef}
          name="projectDir"
          type="text"
          autoComplete="off"
          spellCheck={false}
          className="mono scan__folder"
          placeholder="/path/to/project"
          value={folder}
          onValue={setFolder}
        />
        <BusyButton
          type="submit"
          className="button button--primary scan__button"
          busy={scan.running}
          label="Scan"
          busyLabel="Scanning…"
        />
      </form>
      <FailureAlert message={scan.failure} className="scan__failure" />
      {!scan.scanned ? (
        <p className="scan__intro">
          Keyport reads your user, project and global .npmrc, .yarnrc.yml, Maven settings.xml,
          NuGet.Config, .netrc, pip.conf and .pypirc, and lists every credential it finds, masked.
          Nothing is changed: import a plaintext token to keep it in your keychain, then replace it
          in the file with a reference.
        </p>
      ) : scan.findings.length === 0 ? (
        <EmptyState title="No credentials found" action={null}>
          None of the files Keyport reads
          {scan.projectDir === null ? '' : ` (your user files and ${scan.projectDir})`} holds a
          credential.
        </EmptyState>
      ) : (
        <>
          <p className="list-summary" aria-live="polite">
            {plural(scan.findings.length, 'credential', 'credentials')} in{' '}
            {plural(files, 'file', 'files')}
          </p>
          <FindingTable findings={scan.findings} />
        </>
      )}
    </section>
  );
}
