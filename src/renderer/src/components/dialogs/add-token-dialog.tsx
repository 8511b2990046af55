import { useState } from 'react';
import { AddTokenRequest } from '../../../../shared/ipc-contract';
import type { Ecosystem } from '../../../../shared/types';
import { fromDateInputValue } from '../../format';
import { useKeyport } from '../../store/store-context';
import { inferFromToken, normalizeRegistry } from '../../token-inference';
import { CheckboxField } from './checkbox-field';
import { Dialog } from './dialog';
import { DialogForm } from './dialog-form';
import { EcosystemField } from './ecosystem-field';
import { EXPIRES_INVALID, ExpiresField } from './expires-field';
import { validateWith, type FieldErrors } from './form-errors';
import { LabelField } from './label-field';
import { NotesField } from './notes-field';
import { PlainTextField } from './plain-text-field';
import { RegistryUrlField } from './registry-url-field';
import { TokenSecretField } from './secret-field';
import { useDialogForm } from './use-dialog-form';

type AddField = 'label' | 'registry' | 'ecosystem' | 'user' | 'secret' | 'expires' | 'notes';

interface AddForm {
  label: string;
  registry: string;
  ecosystem: Ecosystem;
  user: string;
  expires: string;
  notes: string;
}

/** What the user field is for, per ecosystem: required where the config file needs one. */
const USER_HINT: Record<Ecosystem, string> = {
  npm: 'Optional: npm tokens need no user name.',
  maven: 'For settings.xml: leave empty to send the token as a bearer header.',
  nuget: 'Your feed user name: NuGet.Config needs one next to the token.',
  pip: 'For PyPI API tokens this is __token__.',
  composer: 'For auth.json: with a user name, http-basic; empty, a bearer token.',
  rubygems: 'For Bundler: sent as user:token (many gem hosts take any user name).',
  other: 'Optional.',
};

const PAST_EXPIRY = 'This date has passed: the token would be listed as expired.';

function validate(form: AddForm, secret: string, now: number, pastOk: boolean) {
  const expires = fromDateInputValue(form.expires);
  const request = {
    label: form.label,
    registry: normalizeRegistry(form.registry).url,
    ecosystem: form.ecosystem,
    secret,
    ...(form.user.trim() ? { user: form.user.trim() } : {}),
    expires: expires ?? null,
    ...(form.notes ? { notes: form.notes } : {}),
  };
  const errors: FieldErrors<AddField> = validateWith(AddTokenRequest, request);
  if (form.registry.trim() === '')
    errors.registry = 'Enter the registry URL, e.g. registry.npmjs.org.';
  if (expires === undefined) errors.expires = EXPIRES_INVALID;
  else if (expires !== null && Date.parse(expires) < now && !pastOk) errors.expires = PAST_EXPIRY;
  return { request, errors };
}

/**
 * Pasting a token. The token field comes first: a well-known prefix (npm_, ghp_, glpat-, pypi-,
 * oy2…, Artifactory's) fills in the ecosystem, registry and label, unless the user already typed
 * them. The value lives only in this component's state and its password input; both go away
 * when the dialog closes, whatever the way out.
 */
export function AddTokenDialog() {
  const addToken = useKeyport((s) => s.addToken);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const now = useKeyport((s) => s.now);
  const [form, setForm] = useState<AddForm>({
    label: '',
    registry: '',
    ecosystem: 'npm',
    user: '',
    expires: '',
    notes: '',
  });
  // Fields the user set by hand: an inference never overwrites them.
  const [touched, setTouched] = useState<ReadonlySet<keyof AddForm>>(new Set());
  const [secret, setSecret] = useState('');
  const [pastOk, setPastOk] = useState(false);
  const dialogForm = useDialogForm({
    validate: () => validate(form, secret, now, pastOk),
    send: async (request) => {
      await addToken(request);
      closeDialog();
    },
  });
  const { errors } = dialogForm;
  const update = (patch: Partial<AddForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    setTouched((t) => new Set([...t, ...(Object.keys(patch) as (keyof AddForm)[])]));
  };

  const inferred = inferFromToken(secret);
  const onSecret = (value: string) => {
    setSecret(value);
    const found = inferFromToken(value);
    if (!found) return;
    setForm((f) => ({
      ...f,
      ...(touched.has('ecosystem') ? {} : { ecosystem: found.ecosystem }),
      ...(touched.has('registry') ? {} : { registry: found.registry }),
      ...(touched.has('label') ? {} : { label: found.label }),
      ...(touched.has('user') || found.user === undefined ? {} : { user: found.user }),
    }));
  };

  const registry = normalizeRegistry(form.registry);
  const expires = fromDateInputValue(form.expires);
  const past = typeof expires === 'string' && Date.parse(expires) < now;
  const dirty = secret !== '' || touched.size > 0;

  return (
    <Dialog title="Add token" onClose={closeDialog} className="dialog--form" dirty={dirty}>
      <DialogForm {...dialogForm} label="Add" busyLabel="Adding…" onCancel={closeDialog}>
        <TokenSecretField
          hint={
            inferred?.note ??
            'Paste it here. Stored in your system keychain, never in a file; well-known prefixes fill in the rest.'
          }
          error={errors.secret}
          value={secret}
          onValue={onSecret}
          data-autofocus
        />
        <LabelField
          error={errors.label}
          value={form.label}
          onValue={(label) => update({ label })}
        />
        <RegistryUrlField
          error={errors.registry}
          hint={
            registry.assumed
              ? `Assumed ${registry.url}`
              : 'A host alone is fine: https:// is assumed.'
          }
          lenient
          value={form.registry}
          onValue={(value) => update({ registry: value })}
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
            hint={USER_HINT[form.ecosystem]}
            error={errors.user}
            value={form.user}
            onValue={(user) => update({ user })}
          />
        </div>
        <ExpiresField
          hint="Optional: leave empty if it does not expire."
          error={errors.expires}
          value={form.expires}
          onValue={(value) => {
            update({ expires: value });
            setPastOk(false);
          }}
        />
        {past ? (
          <CheckboxField name="pastOk" checked={pastOk} onChecked={setPastOk}>
            Add it anyway, as expired
          </CheckboxField>
        ) : null}
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
