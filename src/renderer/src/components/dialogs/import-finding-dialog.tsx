import { useState } from 'react';
import { requestSchemas, type RequestOf } from '../../../../shared/ipc-contract';
import type { Ecosystem, Finding, TokenMeta } from '../../../../shared/types';
import { takesReference } from '../../../../shared/references';
import { ecosystemOfFormat } from '../../../../shared/format-ecosystem';
import { useKeyport } from '../../store/store-context';
import { Dialog } from './dialog';
import { DialogForm } from './dialog-form';
import { EcosystemField } from './ecosystem-field';
import { validateWith, type FieldErrors } from './form-errors';
import { LabelField } from './label-field';
import { RegistryUrlField } from './registry-url-field';
import { ReferenceStep, referencePlan } from './reference-step';
import { baseName, tildePath } from '../../paths';
import { useDialogForm } from './use-dialog-form';

type ImportField = 'label' | 'registry' | 'ecosystem';

interface ImportForm {
  label: string;
  registry: string;
  ecosystem: Ecosystem;
}

/** A first label the user can keep: the registry's host, else the entry's name and file. */
export function suggestedLabel(finding: Finding): string {
  if (finding.registry !== null) {
    try {
      return new URL(finding.registry).host;
    } catch {
      // Not a URL after all: fall through to the file's name.
    }
  }
  const name = finding.serverId ?? finding.source;
  return name === undefined ? baseName(finding.file) : `${name} (${baseName(finding.file)})`;
}

/**
 * "Import token": moves a plaintext credential found by a scan into the keychain. The value never
 * comes here; main still holds it from the scan and stores it under the id. For files whose tools
 * expand environment variables, a second step offers to replace the plaintext with a reference.
 */
export function ImportFindingDialog({ finding }: { finding: Finding }) {
  const importFinding = useKeyport((s) => s.importFinding);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const home = useKeyport((s) => s.home);
  const [form, setForm] = useState<ImportForm>(() => ({
    label: suggestedLabel(finding),
    registry: finding.registry ?? '',
    ecosystem: ecosystemOfFormat(finding.format),
  }));
  const [imported, setImported] = useState<TokenMeta | null>(null);

  const dialogForm = useDialogForm({
    validate: () => {
      const request: RequestOf<'scan:import'> = {
        findingId: finding.id,
        label: form.label,
        registry: form.registry,
        ecosystem: form.ecosystem,
      };
      const errors: FieldErrors<ImportField> = validateWith(requestSchemas['scan:import'], request);
      if (form.registry.trim() === '') errors.registry = 'Enter the registry URL.';
      return { request, errors };
    },
    send: async (request) => {
      const token = await importFinding(request);
      if (takesReference(finding.format)) setImported(token);
      else closeDialog();
    },
  });
  const { errors } = dialogForm;
  const update = (patch: Partial<ImportForm>) => setForm((f) => ({ ...f, ...patch }));

  const where = (
    <>
      <span className="mono">{finding.entry}</span> in{' '}
      <span className="mono">{tildePath(finding.file, home)}</span>, line {finding.line}
    </>
  );

  if (imported && takesReference(finding.format)) {
    return (
      <Dialog title="Import token" onClose={closeDialog} className="dialog--wide">
        <ReferenceStep
          request={referencePlan(finding, finding.format, imported)}
          intro={
            <>
              Imported “{imported.label}”. Its value is in your keychain now, and still in plaintext
              in <span className="mono">{tildePath(finding.file, home)}</span>.
            </>
          }
        />
      </Dialog>
    );
  }

  return (
    <Dialog title="Import token" description={where} onClose={closeDialog} className="dialog--form">
      <DialogForm {...dialogForm} label="Import" busyLabel="Importing…" onCancel={closeDialog}>
        <LabelField
          spellCheck={false}
          hint="How Keyport lists the token."
          error={errors.label}
          value={form.label}
          onValue={(label) => update({ label })}
        />
        <RegistryUrlField
          required
          hint={finding.registry === null ? 'The file does not say; enter it.' : undefined}
          error={errors.registry}
          value={form.registry}
          onValue={(registry) => update({ registry })}
        />
        <EcosystemField
          error={errors.ecosystem}
          value={form.ecosystem}
          onValue={(ecosystem) => update({ ecosystem })}
        />
      </DialogForm>
    </Dialog>
  );
}
