import { useState } from 'react';
import { AddTokenRequest } from '../../../../shared/ipc-contract';
import type { Ecosystem } from '../../../../shared/types';
import { fromDateInputValue } from '../../format';
import { useKeyport } from '../../store/store-context';
import { Dialog } from './dialog';
import { DialogForm } from './dialog-form';
import { EXPIRES_INVALID, ExpiresField } from './expires-field';
import { EcosystemField } from './ecosystem-field';
import { validateWith, type FieldErrors } from './form-errors';
import { LabelField } from './label-field';
import { NotesField } from './notes-field';
import { PlainTextField } from './plain-text-field';
import { RegistryUrlField } from './registry-url-field';
import { TokenSecretField } from './secret-field';
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
  if (expires === undefined) errors.expires = EXPIRES_INVALID;
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
  const dialogForm = useDialogForm({
    validate: () => validate(form, secret),
    send: async (request) => {
      await addToken(request);
      closeDialog();
    },
  });
  const { errors } = dialogForm;
  const update = (patch: Partial<AddForm>) => setForm((f) => ({ ...f, ...patch }));

  return (
    <Dialog title="Add token" onClose={closeDialog} className="dialog--form">
      <DialogForm {...dialogForm} label="Add" busyLabel="Adding…" onCancel={closeDialog}>
        <LabelField
          error={errors.label}
          value={form.label}
          onValue={(label) => update({ label })}
        />
        <RegistryUrlField
          error={errors.registry}
          value={form.registry}
          onValue={(registry) => update({ registry })}
        />
        <div className="field-row">
          <EcosystemField
            error={errors.ecosystem}
            value={form.ecosystem}
            onValue={(ecosystem) => update({ ecosystem })}
          />
          <PlainTextField
            label="User"
            name="user"
            hint="Optional"
            error={errors.user}
            value={form.user}
            onValue={(user) => update({ user })}
          />
        </div>
        <TokenSecretField
          hint="Stored in your system keychain, never in a file."
          error={errors.secret}
          value={secret}
          onValue={setSecret}
        />
        <ExpiresField
          hint="Optional"
          error={errors.expires}
          value={form.expires}
          onValue={(expires) => update({ expires })}
        />
        <NotesField
          rows={2}
          error={errors.notes}
          value={form.notes}
          onValue={(notes) => update({ notes })}
        />
      </DialogForm>
    </Dialog>
  );
}
