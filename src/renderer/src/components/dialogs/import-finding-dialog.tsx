import { useState } from 'react';
import { requestSchemas, type RequestOf } from '../../../../shared/ipc-contract';
import { ECOSYSTEMS, type Ecosystem, type Finding, type TokenMeta } from '../../../../shared/types';
import { ecosystemOfScanFormat, takesReference } from '../../config-formats';
import { useKeyport } from '../../store/store-context';
import { Dialog } from './dialog';
import { DialogActions } from './dialog-actions';
import { FormField } from './form-field';
import { validateWith, type FieldErrors } from './form-errors';
import { ReferenceStep } from './reference-step';
import { useDialogForm } from './use-dialog-form';

type ImportField = 'label' | 'registry' | 'ecosystem';

interface ImportForm {
  label: string;
  registry: string;
  ecosystem: Ecosystem;
}

function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
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
  const [form, setForm] = useState<ImportForm>(() => ({
    label: suggestedLabel(finding),
    registry: finding.registry ?? '',
    ecosystem: ecosystemOfScanFormat(finding.format),
  }));
  const [imported, setImported] = useState<TokenMeta | null>(null);

  const { formRef, errors, busy, failure, onSubmit } = useDialogForm({
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
  const update = (patch: Partial<ImportForm>) => setForm((f) => ({ ...f, ...patch }));

  const where = (
    <>
      <span className="mono">{finding.entry}</span> in <span className="mono">{finding.file}</span>,
      line {finding.line}
    </>
  );

  if (imported && takesReference(finding.format)) {
    return (
      <Dialog title="Import token" onClose={closeDialog} className="dialog--wide">
        <ReferenceStep finding={finding} format={finding.format} token={imported} />
      </Dialog>
    );
  }

  return (
    <Dialog title="Import token" description={where} onClose={closeDialog} className="dialog--form">
      <form ref={formRef} noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <FormField label="Label" hint="How Keyport lists the token." error={errors.label}>
          {(control) => (
            <input
              {...control}
              name="label"
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={form.label}
              onChange={(e) => update({ label: e.target.value })}
            />
          )}
        </FormField>
        <FormField
          label="Registry URL"
          hint={finding.registry === null ? 'The file does not say; enter it.' : undefined}
          error={errors.registry}
        >
          {(control) => (
            <input
              {...control}
              name="registry"
              type="url"
              required
              autoComplete="off"
              spellCheck={false}
              placeholder="https://"
              value={form.registry}
              onChange={(e) => update({ registry: e.target.value })}
            />
          )}
        </FormField>
        <FormField label="Ecosystem" error={errors.ecosystem}>
          {(control) => (
            <select
              {...control}
              name="ecosystem"
              value={form.ecosystem}
              onChange={(e) => update({ ecosystem: e.target.value as Ecosystem })}
            >
              {ECOSYSTEMS.map((eco) => (
                <option key={eco} value={eco}>
                  {eco}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <DialogActions
          failure={failure}
          busy={busy}
          label="Import"
          busyLabel="Importing…"
          onCancel={closeDialog}
        />
      </form>
    </Dialog>
  );
}
