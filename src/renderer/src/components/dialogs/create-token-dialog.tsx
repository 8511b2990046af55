import { useState } from 'react';
import { invalidCidrMessage, validateCidrs } from '../../../../shared/cidr';
import {
  CreateTokenRequestSchema,
  requestSchemas,
  type RequestOf,
  type ResponseOf,
} from '../../../../shared/ipc-contract';
import type { GranularPermission } from '../../../../shared/registry-types';
import type { Account } from '../../../../shared/types';
import { errorInfoOf } from '../../api';
import { useKeyport } from '../../store/store-context';
import { CreatedTokenStep } from './created-token-step';
import { Dialog } from './dialog';
import { DialogActions } from './dialog-actions';
import { FormField } from './form-field';
import { validateWith, type FieldErrors } from './form-errors';
import { OtpField, otpError, otpPart } from './otp-field';
import { useDialogForm } from './use-dialog-form';
import { useOperation } from './use-operation';

const KINDS = [
  { id: 'read-only', label: 'Read-only' },
  { id: 'publish', label: 'Publish' },
  { id: 'automation', label: 'Automation' },
  { id: 'granular', label: 'Granular' },
] as const;
type Kind = (typeof KINDS)[number]['id'];

type CreateField =
  | 'label'
  | 'password'
  | 'otp'
  | 'cidr'
  | 'name'
  | 'description'
  | 'expiresDays'
  | 'packages'
  | 'scopes'
  | 'orgs';

interface CreateForm {
  label: string;
  kind: Kind;
  name: string;
  description: string;
  expiresDays: string;
  packages: string;
  scopes: string;
  orgs: string;
  packagePermission: 'read-only' | 'read-write';
  orgPermission: GranularPermission;
  bypass2fa: boolean;
  cidr: string;
}

type Request = Omit<RequestOf<'remote:create'>, 'opId'>;

/** "a, b ,c," → ["a", "b", "c"]. */
function commaList(text: string): string[] {
  return text
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function tokenRequest(form: CreateForm, cidr: string[]): Request['request'] {
  if (form.kind !== 'granular') {
    return {
      kind: 'legacy',
      readonly: form.kind === 'read-only',
      ...(form.kind === 'automation' ? { automation: true } : {}),
      cidr,
    };
  }
  const packages = commaList(form.packages);
  const scopes = commaList(form.scopes);
  const orgs = commaList(form.orgs);
  const days = form.expiresDays.trim();
  return {
    kind: 'granular',
    name: form.name,
    ...(form.description.trim() ? { description: form.description.trim() } : {}),
    ...(/^\d+$/.test(days) ? { expiresDays: Number(days) } : {}),
    ...(packages.length > 0 ? { packages } : {}),
    ...(scopes.length > 0 ? { scopes } : {}),
    packagesAndScopesPermission: form.packagePermission,
    ...(orgs.length > 0 ? { orgs, orgsPermission: form.orgPermission } : {}),
    bypass2fa: form.bypass2fa,
    cidr,
  };
}

/**
 * Creates a token on the registry: the legacy kinds or a granular one, optionally limited to CIDR
 * ranges (checked as typed, before anything is sent). The registry wants the account password to
 * create tokens, and sometimes a one-time password; both stay in this component's state. The new
 * secret is shown once in the next step and is gone when the dialog closes.
 */
export function CreateTokenDialog({ account }: { account: Account }) {
  const createRemoteToken = useKeyport((s) => s.createRemoteToken);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const operation = useOperation();
  const [form, setForm] = useState<CreateForm>({
    label: '',
    kind: 'read-only',
    name: '',
    description: '',
    expiresDays: '7',
    packages: '',
    scopes: '',
    orgs: '',
    packagePermission: 'read-only',
    orgPermission: 'no-access',
    bypass2fa: false,
    cidr: '',
  });
  const [password, setPassword] = useState('');
  const [otp, setOtp] = useState('');
  const [needOtp, setNeedOtp] = useState(false);
  const [created, setCreated] = useState<ResponseOf<'remote:create'> | null>(null);

  const cidr = commaList(form.cidr);
  const badCidr = validateCidrs(cidr);
  // Shown as the user types, not only after a submit: nothing with a broken range may be sent.
  const cidrError = badCidr === null ? undefined : invalidCidrMessage(badCidr);

  const validate = () => {
    const request: Request = {
      accountId: account.id,
      label: form.label,
      request: tokenRequest(form, cidr),
      ...(password ? { password } : {}),
      ...otpPart(needOtp, otp),
    };
    const errors: FieldErrors<CreateField> = {
      ...validateWith<CreateField, typeof CreateTokenRequestSchema>(
        CreateTokenRequestSchema,
        request.request,
      ),
      // Label, password and code, checked by the channel's schema; the token request was
      // checked above field by field, so a valid stand-in keeps its errors from repeating here.
      ...validateWith<CreateField, (typeof requestSchemas)['remote:create']>(
        requestSchemas['remote:create'],
        { ...request, request: { kind: 'legacy', readonly: true, cidr: [] } },
      ),
    };
    if (
      form.kind === 'granular' &&
      form.expiresDays.trim() &&
      !/^\d+$/.test(form.expiresDays.trim())
    ) {
      errors.expiresDays = 'Enter a whole number of days, e.g. 7.';
    }
    if (cidrError) errors.cidr = cidrError;
    const missingOtp = otpError(needOtp, otp);
    if (missingOtp) errors.otp = missingOtp;
    return { request, errors };
  };

  const { formRef, errors, busy, failure, onSubmit } = useDialogForm({
    validate,
    send: async (request: Request) => {
      try {
        const result = await operation((opId) => createRemoteToken({ ...request, opId }));
        // The password and code have done their job; only the shown-once step remains.
        setPassword('');
        setOtp('');
        setCreated(result);
      } catch (err) {
        if (errorInfoOf(err).code === 'OTP_REQUIRED') setNeedOtp(true);
        throw err;
      }
    },
  });
  const update = (patch: Partial<CreateForm>) => setForm((f) => ({ ...f, ...patch }));

  if (created) {
    return (
      <Dialog title="Create token" onClose={closeDialog} className="dialog--form">
        <CreatedTokenStep created={created} label={form.label.trim()} />
      </Dialog>
    );
  }

  const text = (
    label: string,
    name: 'label' | 'name' | 'description' | 'packages' | 'scopes' | 'orgs',
    hint?: string,
  ) => (
    <FormField label={label} error={errors[name]} {...(hint ? { hint } : {})}>
      {(control) => (
        <input
          {...control}
          name={name}
          type="text"
          autoComplete="off"
          spellCheck={false}
          value={form[name]}
          onChange={(e) => update({ [name]: e.target.value })}
        />
      )}
    </FormField>
  );

  return (
    <Dialog
      title="Create token"
      description={`On ${account.registry} as ${account.username}`}
      onClose={closeDialog}
      className="dialog--form"
    >
      <form ref={formRef} noValidate onSubmit={(e) => void onSubmit(e)} aria-busy={busy}>
        {text('Label', 'label', 'How Keyport lists the new token.')}
        <fieldset className="segmented">
          <legend className="field__label">Kind</legend>
          {KINDS.map((kind) => (
            <label key={kind.id} className="segmented__option">
              <input
                type="radio"
                name="kind"
                value={kind.id}
                checked={form.kind === kind.id}
                onChange={() => update({ kind: kind.id })}
              />
              {kind.label}
            </label>
          ))}
        </fieldset>
        {form.kind === 'granular' ? (
          <div className="granular-fields">
            <div className="field-row">
              {text('Name', 'name', 'Shown on the registry’s token page.')}
              <FormField
                label="Expires in days"
                hint="npmjs allows at most 90 days for tokens that can write."
                error={errors.expiresDays}
              >
                {(control) => (
                  <input
                    {...control}
                    name="expiresDays"
                    type="number"
                    min={1}
                    max={365}
                    inputMode="numeric"
                    value={form.expiresDays}
                    onChange={(e) => update({ expiresDays: e.target.value })}
                  />
                )}
              </FormField>
            </div>
            {text('Description', 'description')}
            <div className="field-row">
              {text('Packages', 'packages', 'Comma-separated, e.g. left-pad, @acme/ui')}
              {text('Scopes', 'scopes', 'Comma-separated, e.g. @acme')}
            </div>
            <FormField label="Package permission">
              {(control) => (
                <select
                  {...control}
                  name="packagePermission"
                  value={form.packagePermission}
                  onChange={(e) =>
                    update({ packagePermission: e.target.value as CreateForm['packagePermission'] })
                  }
                >
                  <option value="read-only">Read-only</option>
                  <option value="read-write">Read and write</option>
                </select>
              )}
            </FormField>
            <div className="field-row">
              {text('Organisations', 'orgs', 'Comma-separated')}
              <FormField label="Organisation permission">
                {(control) => (
                  <select
                    {...control}
                    name="orgPermission"
                    value={form.orgPermission}
                    onChange={(e) =>
                      update({ orgPermission: e.target.value as GranularPermission })
                    }
                  >
                    <option value="no-access">No access</option>
                    <option value="read-only">Read-only</option>
                    <option value="read-write">Read and write</option>
                  </select>
                )}
              </FormField>
            </div>
            <label className="checkbox">
              <input
                type="checkbox"
                name="bypass2fa"
                checked={form.bypass2fa}
                onChange={(e) => update({ bypass2fa: e.target.checked })}
              />
              Bypass 2FA
            </label>
          </div>
        ) : null}
        <FormField
          label="CIDR ranges"
          hint="Optional, comma-separated, e.g. 192.168.1.0/24, 2001:db8::/32"
          error={cidrError ?? errors.cidr}
        >
          {(control) => (
            <input
              {...control}
              name="cidr"
              type="text"
              autoComplete="off"
              spellCheck={false}
              className="mono"
              value={form.cidr}
              onChange={(e) => update({ cidr: e.target.value })}
            />
          )}
        </FormField>
        <FormField
          label="Password"
          hint="Your registry password: most registries ask for it to create a token. Not stored."
          error={errors.password}
        >
          {(control) => (
            <input
              {...control}
              name="password"
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </FormField>
        {needOtp ? <OtpField value={otp} onChange={setOtp} error={errors.otp} /> : null}
        <DialogActions
          failure={failure}
          busy={busy}
          disabled={cidrError !== undefined}
          label="Create"
          busyLabel="Creating…"
          onCancel={closeDialog}
        />
      </form>
    </Dialog>
  );
}
