import { useState } from 'react';
import { AddTokenRequest } from '../../../../shared/ipc-contract';
import { ECOSYSTEMS, type Ecosystem } from '../../../../shared/types';
import { fromDateInputValue } from '../../format';
import { useKeyport } from '../../store/store-context';
import { Dialog } from './dialog';
import { FormField } from './form-field';
import { DialogActions } from './dialog-actions';
import { validateWith, type FieldErrors } from './form-errors';
import { useDialogForm } from './use-dialog-form';

const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

type AddField = 'label' | 'registry' | 'ecosystem' | 'user' | 'secret' | 'expires' | 'notes';

interface AddForm {
  label: string;
  registry: string;
  ecosystem: Ecosystem;
  user: string;
  expires: string;
  notes: string;
}

function validate(form: AddForm, secret: string) {
  const expires = fromDateInputValue(form.expires);
  const request = {
    label: form.label,
    registry: form.registry,
    ecosystem: form.ecosystem,
    secret,
    ...(form.user.trim() ? { user: form.user.trim() } : {}),
    expires: expires ?? null,
    ...(form.notes ? { notes: form.notes } : {}),
  };
  const errors: FieldErrors<AddField> = validateWith(AddTokenRequest, request);
  if (expires === undefined) errors.expires = 'Enter a date, or leave it empty for no expiry.';
  return { request, errors };
}

/**
 * Pasting a token. The token's value lives only in this component's state and its password
 * input; both go away when the dialog closes, whatever the way out.
 */
export function AddTokenDialog() {
  const addToken = useKeyport((s) => s.addToken);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const [form, setForm] = useState<AddForm>({
    label: '',
    registry: DEFAULT_REGISTRY,
    ecosystem: 'npm',
    user: '',
    expires: '',
    notes: '',
  });
  const [secret, setSecret] = useState('');
  const { formRef, errors, busy, failure, onSubmit } = useDialogForm({
    validate: () => validate(form, secret),
    send: async (request) => {
      await addToken(request);
      closeDialog();
    },
  });
  const update = (patch: Partial<AddForm>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <Dialog title="Add token" onClose={closeDialog} className="dialog--form">
      <form ref={formRef} noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        <FormField label="Label" error={errors.label}>
          {(control) => (
            <input
              {...control}
              name="label"
              type="text"
              autoComplete="off"
              value={form.label}
              onChange={(e) => update({ label: e.target.value })}
            />
          )}
        </FormField>
        <FormField label="Registry URL" error={errors.registry}>
          {(control) => (
            <input
              {...control}
              name="registry"
              type="url"
              autoComplete="off"
              spellCheck={false}
              value={form.registry}
              onChange={(e) => update({ registry: e.target.value })}
            />
          )}
        </FormField>
        <div className="field-row">
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
          <FormField label="User" hint="Optional" error={errors.user}>
            {(control) => (
              <input
                {...control}
                name="user"
                type="text"
                autoComplete="off"
                spellCheck={false}
                value={form.user}
                onChange={(e) => update({ user: e.target.value })}
              />
            )}
          </FormField>
        </div>
        <FormField
          label="Token"
          hint="Stored in your system keychain, never in a file."
          error={errors.secret}
        >
          {(control) => (
            <input
              {...control}
              name="secret"
              type="password"
              autoComplete="off"
              spellCheck={false}
              className="mono"
              value={secret}
              onChange={(e) => setSecret(e.target.value)}
            />
          )}
        </FormField>
        <FormField label="Expires" hint="Optional" error={errors.expires}>
          {(control) => (
            <input
              {...control}
              name="expires"
              type="date"
              value={form.expires}
              onChange={(e) => update({ expires: e.target.value })}
            />
          )}
        </FormField>
        <FormField label="Notes" error={errors.notes}>
          {(control) => (
            <textarea
              {...control}
              name="notes"
              rows={2}
              value={form.notes}
              onChange={(e) => update({ notes: e.target.value })}
            />
          )}
        </FormField>
        <DialogActions
          failure={failure}
          busy={busy}
          label="Add"
          busyLabel="Adding…"
          onCancel={closeDialog}
        />
      </form>
    </Dialog>
  );
}
