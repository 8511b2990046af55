import type { RequestOf } from '../../../../shared/ipc-contract';
import type { Finding } from '../../../../shared/types';
import { ecosystemOfFormat } from '../../../../shared/format-ecosystem';
import { plural } from '../../format';
import { tildePath } from '../../paths';
import { useKeyport } from '../../store/store-context';
import { ConfirmDialog } from './confirm-dialog';
import { suggestedLabel } from './import-finding-dialog';

/** The import request for a finding whose file names its registry; null when it does not. */
function requestFor(finding: Finding): RequestOf<'scan:import'> | null {
  if (finding.registry === null) return null;
  return {
    findingId: finding.id,
    label: suggestedLabel(finding),
    registry: finding.registry,
    ecosystem: ecosystemOfFormat(finding.format),
  };
}

/**
 * "Import all": every plaintext credential Keyport does not hold yet goes to the keychain, each
 * labelled as Import would suggest. Entries that name no registry are listed and left for Import
 * one by one. The files themselves are not changed.
 */
export function ImportAllDialog({ findings }: { findings: readonly Finding[] }) {
  const importAll = useKeyport((s) => s.importAll);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const home = useKeyport((s) => s.home);
  const requests = findings.flatMap((f) => {
    const request = requestFor(f);
    return request ? [request] : [];
  });
  const skipped = findings.filter((f) => f.registry === null);
  return (
    <ConfirmDialog
      title="Import all"
      message={
        <>
          <p>
            Import {plural(requests.length, 'plaintext token', 'plaintext tokens')} into your
            keychain? The files stay as they are; replace each with a reference afterwards.
          </p>
          <ul className="confirm__files" aria-label="Tokens to import">
            {findings
              .filter((f) => f.registry !== null)
              .map((f) => (
                <li key={f.id}>
                  <span className="mono">
                    {tildePath(f.file, home)}:{f.line}
                  </span>{' '}
                  as “{suggestedLabel(f)}”
                </li>
              ))}
          </ul>
          {skipped.length > 0 ? (
            <p>
              {plural(skipped.length, 'entry names', 'entries name')} no registry and{' '}
              {skipped.length === 1 ? 'is' : 'are'} left for Import one by one.
            </p>
          ) : null}
        </>
      }
      confirmLabel={`Import ${requests.length}`}
      busyLabel="Importing…"
      onConfirm={async () => {
        await importAll(requests, skipped.length);
      }}
      onClose={closeDialog}
    />
  );
}
