import { CheckboxField } from './checkbox-field';
import { useState } from 'react';
import { invalidCidrMessage, validateCidrs } from '../../../../shared/cidr';
import {
  CreateTokenRequestSchema,
  requestSchemas,
  type RequestOf,
  type ResponseOf,
} from '../../../../shared/ipc-contract';
import type { GranularPermission } from '../../../../shared/registry-types';
import { TOKEN_KIND_LABELS, TOKEN_KINDS, type TokenKind } from '../../../../shared/token-kinds';
import type { Account } from '../../../../shared/types';
import { errorInfoOf } from '../../api';
import { useKeyport } from '../../store/store-context';
import { CreatedTokenStep } from './created-token-step';
import { Dialog } from './dialog';
import { DialogForm } from './dialog-form';
import { validateWith, type FieldErrors } from './form-errors';
import { InputField } from './input-field';
import { OtpField, otpError, otpPart } from './otp-field';
import { PasswordField } from './secret-field';
import { PlainTextField, plainTextFieldsOf } from './plain-text-field';
import { SegmentedChoice } from './segmented-choice';
import { SelectField } from './select-field';
import { useDialogForm } from './use-dialog-form';
import { useOperation } from './use-operation';

const KINDS = TOKEN_KINDS.map((value) => ({ value, label: TOKEN_KIND_LABELS[value] }));

const PERMISSION_LABELS = {
  'no-access': 'No access',
  'read-only': 'Read-only',
  'read-write': 'Read and write',
} as const;

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
  kind: TokenKind;
  name: string;
  description: string;
  expiresDays: string;
  packages: string;
  /** Every package of the account, now and later, instead of the list. */
  packagesAll: boolean;
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
    ...(form.packagesAll ? { packagesAll: true } : packages.length > 0 ? { packages } : {}),
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
    // Past the 7-day warning window, so a new token is not flagged as expiring at once.
    expiresDays: '30',
    packages: '',
    packagesAll: false,
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

  const dialogForm = useDialogForm({
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
  const { errors } = dialogForm;
  const update = (patch: Partial<CreateForm>) => setForm((f) => ({ ...f, ...patch }));

  if (created) {
    return (
      <Dialog title="Create token" onClose={closeDialog} className="dialog--form">
        <CreatedTokenStep created={created} label={form.label.trim()} requested={form.kind} />
      </Dialog>
    );
  }

  const text = plainTextFieldsOf<'label' | 'name' | 'description' | 'packages' | 'scopes' | 'orgs'>(
    form,
    errors,
    update,
  );

  return (
    <Dialog
      title="Create token"
      description={`On ${account.registry} as ${account.username}`}
      onClose={closeDialog}
      className="dialog--form"
      dirty={form.label !== '' || form.name !== '' || form.cidr !== '' || password !== ''}
    >
      <DialogForm
        {...dialogForm}
        disabled={cidrError !== undefined}
        label="Create"
        busyLabel="Creating…"
        onCancel={closeDialog}
      >
        {text('Label', 'label', 'How Keyport lists the new token.')}
        <SegmentedChoice
          legend="Kind"
          name="kind"
          options={KINDS}
          value={form.kind}
          onValue={(kind) => update({ kind })}
        />
        {form.kind === 'granular' ? (
          <div className="granular-fields">
            <div className="field-row">
              {text('Name', 'name', 'Shown on the registry’s token page.')}
              <InputField
                label="Expires in days"
                hint="npmjs allows at most 90 days for tokens that can write. Keyport flags the last 7 days."
                error={errors.expiresDays}
                name="expiresDays"
                type="number"
                min={1}
                max={365}
                inputMode="numeric"
                value={form.expiresDays}
                onValue={(expiresDays) => update({ expiresDays })}
              />
            </div>
            {text('Description', 'description')}
            <CheckboxField
              name="packagesAll"
              checked={form.packagesAll}
              onChecked={(packagesAll) => update({ packagesAll })}
            >
              All packages of {account.username}, including future ones
            </CheckboxField>
            <div className="field-row">
              {form.packagesAll
                ? null
                : text('Packages', 'packages', 'Comma-separated, e.g. left-pad, @acme/ui')}
              {text('Scopes', 'scopes', 'Comma-separated, e.g. @acme')}
            </div>
            <SelectField
              label="Package permission"
              name="packagePermission"
              options={['read-only', 'read-write'] as const}
              labels={PERMISSION_LABELS}
              value={form.packagePermission}
              onValue={(packagePermission) => update({ packagePermission })}
            />
            <div className="field-row">
              {text('Organisations', 'orgs', 'Comma-separated')}
              <SelectField
                label="Organisation permission"
                name="orgPermission"
                options={['no-access', 'read-only', 'read-write'] as const}
                labels={PERMISSION_LABELS}
                value={form.orgPermission}
                onValue={(orgPermission) => update({ orgPermission })}
              />
            </div>
            <CheckboxField
              name="bypass2fa"
              checked={form.bypass2fa}
              onChecked={(bypass2fa) => update({ bypass2fa })}
            >
              Bypass 2FA
            </CheckboxField>
          </div>
        ) : null}
        <PlainTextField
          label="CIDR ranges"
          name="cidr"
          mono
          hint="Optional, comma-separated, e.g. 192.168.1.0/24, 2001:db8::/32"
          error={cidrError ?? errors.cidr}
          value={form.cidr}
          onValue={(cidr) => update({ cidr })}
        />
        <PasswordField
          hint="Your registry password: most registries ask for it to create a token. Not stored."
          error={errors.password}
          value={password}
          onValue={setPassword}
        />
        {needOtp ? (
          <OtpField
            value={otp}
            onChange={setOtp}
            error={dialogForm.failure ? undefined : errors.otp}
          />
        ) : null}
      </DialogForm>
    </Dialog>
  );
}
