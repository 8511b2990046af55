import { useState } from 'react';
import { UpdateTokenRequest } from '../../../../shared/ipc-contract';
import type { TokenMeta } from '../../../../shared/types';
import { fromDateInputValue, toDateInputValue } from '../../format';
import { useKeyport } from '../../store/store-context';
import { Dialog } from './dialog';
import { FormField } from './form-field';
import { DialogActions } from './dialog-actions';
import { validateWith, type FieldErrors } from './form-errors';
import { useDialogForm } from './use-dialog-form';

type EditField = 'label' | 'notes' | 'expires';

interface EditForm {
  label: string;
  notes: string;
  expires: string;
}

function validate(token: TokenMeta, form: EditForm) {
  // An unchanged expiry keeps its exact instant rather than being rounded to the end of a day.
  const expires =
    form.expires === toDateInputValue(token.expires)
      ? token.expires
      : fromDateInputValue(form.expires);
  const request = { id: token.id, label: form.label, notes: form.notes, expires: expires ?? null };
  const errors: FieldErrors<EditField> = validateWith(UpdateTokenRequest, request);
  if (expires === undefined) errors.expires = 'Enter a date, or leave it empty for no expiry.';
  return { request, errors };
}

/** Label, notes and expiry: the metadata a user may change; the value itself never changes. */
export function EditTokenDialog({ token }: { token: TokenMeta }) {
  const updateToken = useKeyport((s) => s.updateToken);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const [form, setForm] = useState<EditForm>({
    label: token.label,
    notes: token.notes ?? '',
    expires: toDateInputValue(token.expires),
  });
  const { formRef, errors, busy, failure, onSubmit } = useDialogForm({
    validate: () => validate(token, form),
    send: async (request) => {
      await updateToken(request);
      closeDialog();
    },
  });
  const update = (patch: Partial<EditForm>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <Dialog
      title="Edit token"
      description={<span className="mono">{token.masked}</span>}
      onClose={closeDialog}
      className="dialog--form"
    >
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
        <FormField label="Expires" hint="Leave empty for no expiry" error={errors.expires}>
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
              rows={3}
              value={form.notes}
              onChange={(e) => update({ notes: e.target.value })}
            />
          )}
        </FormField>
        <DialogActions
          failure={failure}
          busy={busy}
          label="Save"
          busyLabel="Saving…"
          onCancel={closeDialog}
        />
      </form>
    </Dialog>
  );
}
