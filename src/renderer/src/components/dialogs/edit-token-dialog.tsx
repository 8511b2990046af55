import { useState } from 'react';
import { UpdateTokenRequest } from '../../../../shared/ipc-contract';
import type { TokenMeta } from '../../../../shared/types';
import { fromDateInputValue, toDateInputValue } from '../../format';
import { useKeyport } from '../../store/store-context';
import { Dialog } from './dialog';
import { DialogForm } from './dialog-form';
import { EXPIRES_INVALID, ExpiresField } from './expires-field';
import { validateWith, type FieldErrors } from './form-errors';
import { LabelField } from './label-field';
import { NotesField } from './notes-field';
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
  if (expires === undefined) errors.expires = EXPIRES_INVALID;
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
  const dialogForm = useDialogForm({
    validate: () => validate(token, form),
    send: async (request) => {
      await updateToken(request);
      closeDialog();
    },
  });
  const { errors } = dialogForm;
  const update = (patch: Partial<EditForm>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <Dialog
      title="Edit token"
      description={<span className="mono">{token.masked}</span>}
      onClose={closeDialog}
      className="dialog--form"
      dirty={
        form.label !== token.label ||
        form.notes !== (token.notes ?? '') ||
        form.expires !== toDateInputValue(token.expires)
      }
    >
      <DialogForm {...dialogForm} label="Save" busyLabel="Saving…" onCancel={closeDialog}>
        <LabelField
          error={errors.label}
          value={form.label}
          onValue={(label) => update({ label })}
        />
        <ExpiresField
          hint="Leave empty for no expiry"
          error={errors.expires}
          value={form.expires}
          onValue={(expires) => update({ expires })}
        />
        <NotesField
          rows={3}
          error={errors.notes}
          value={form.notes}
          onValue={(notes) => update({ notes })}
        />
      </DialogForm>
    </Dialog>
  );
}
