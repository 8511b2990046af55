import { useEffect, useRef, useState } from 'react';
import type { KeyportErrorInfo } from '../../../../shared/errors';
import { WritePlanRequest, type RequestOf } from '../../../../shared/ipc-contract';
import {
  CONFIG_FORMATS,
  MAVEN_AUTHS,
  PIP_MODES,
  type ConfigFormat,
  type FileSpecificField,
  type MavenAuth,
  type PipMode,
  type TokenMeta,
  type WritePreview,
} from '../../../../shared/types';
import { splitPackagePatterns } from '../../../../shared/package-pattern';
import { errorInfoOf, failureText } from '../../api';
import { defaultFormatFor, FORMAT_LABELS, takesUserName } from '../../config-formats';
import { useKeyport } from '../../store/store-context';
import { BusyButton } from '../busy-button';
import { DiffView, PreviewNotes } from '../diff-view';
import { FailureAlert } from '../failure-alert';
import { Dialog } from './dialog';
import { focusFirstInvalid, validateWith, type FieldErrors } from './form-errors';
import { plainTextFieldsOf } from './plain-text-field';
import { CheckboxField } from './checkbox-field';
import { takesReference } from '../../../../shared/references';
import { tildePath } from '../../paths';
import { RegistryUrlField } from './registry-url-field';
import { SelectField } from './select-field';

const MAVEN_AUTH_LABELS: Record<MavenAuth, string> = {
  password: 'User name and password',
  bearer: 'Bearer token header',
};
/** What each pip mode does to the user's installs, in their words rather than pip's keys. */
const PIP_MODE_LABELS: Record<PipMode, string> = {
  'index-url': 'Replace your default index (index-url)',
  'extra-index-url': 'Add beside your default index (extra-index-url)',
};
const PIP_MODE_HINTS: Record<PipMode, string> = {
  'index-url': 'pip then installs everything from this index instead of pypi.org.',
  'extra-index-url': 'pip keeps pypi.org and also looks here.',
};
type WriteField =
  | 'file'
  | 'registry'
  | 'scope'
  | 'serverId'
  | 'source'
  | 'repository'
  | 'property'
  | 'username'
  | 'mavenAuth'
  | 'pipMode'
  | 'packagePatterns';

interface WriteForm {
  format: ConfigFormat;
  /** Null: the default file of the chosen format (known once config:defaults answers). */
  file: string | null;
  /** Write ${KEYPORT_…} (npm), ${env.KEYPORT_…} (Maven), %KEYPORT_…% (NuGet) instead of the value. */
  reference: boolean;
  registry: string;
  scope: string;
  serverId: string;
  mavenAuth: MavenAuth;
  source: string;
  pipMode: PipMode;
  repository: string;
  /** Gradle: a free key for the token, instead of a repository's <name>Username/<name>Password. */
  property: string;
  username: string;
  /** NuGet package patterns as typed (spaces or commas between), for a file that maps sources. */
  packagePatterns: string;
}

/**
 * Only what the chosen format (and this file, by what its last preview said: `fileFields`) uses;
 * empty optional fields are left for the core's defaults.
 */
function buildRequest(
  token: TokenMeta,
  form: WriteForm,
  file: string,
  fileFields: readonly FileSpecificField[],
): RequestOf<'config:plan'> {
  const text = <K extends string>(key: K, value: string) =>
    value.trim() ? ({ [key]: value.trim() } as Record<K, string>) : {};
  const bearer = form.format === 'maven' && form.mavenAuth === 'bearer';
  // A free Gradle property holds the token alone.
  const gradleProperty = form.format === 'gradle' && form.property.trim() !== '';
  const patterns = fileFields.includes('packagePatterns')
    ? splitPackagePatterns(form.packagePatterns)
    : [];
  const user =
    takesUserName(form.format) && !bearer && !gradleProperty ? text('username', form.username) : {};
  const specific = {
    npmrc: text('scope', form.scope),
    maven: { ...text('serverId', form.serverId), mavenAuth: form.mavenAuth },
    nuget: {
      ...text('source', form.source),
      ...(patterns.length > 0 ? { packagePatterns: patterns } : {}),
    },
    netrc: {},
    pip: { pipMode: form.pipMode },
    pypirc: text('repository', form.repository),
    yarnrc: text('scope', form.scope),
    composer: {},
    bundler: {},
    gradle: gradleProperty ? text('property', form.property) : text('repository', form.repository),
  }[form.format];
  return {
    tokenId: token.id,
    format: form.format,
    file: file.trim(),
    registry: form.registry.trim(),
    ...user,
    ...specific,
    ...(form.reference && takesReference(form.format) ? { reference: true } : {}),
  };
}

/**
 * The files a write may go to (main accepts no other): the format's standard location, files
 * this token is already in, and any picked in the native dialog during this write.
 */
function fileChoices(
  token: TokenMeta,
  format: ConfigFormat,
  standard: string | undefined,
  picked: readonly string[],
): string[] {
  const known = [
    ...token.writtenTo.filter((w) => w.format === format).map((w) => w.file),
    ...(token.usedIn ?? []).filter((u) => u.format === format).map((u) => u.file),
  ];
  return [...new Set([...(standard ? [standard] : []), ...known, ...picked])];
}

type Busy = 'preview' | 'write' | null;

/**
 * "Write to config…": choose a format, file and entry → Preview (the core's unified diff, with
 * the secret already masked) → Write → a notice with Undo. Any edit drops the preview, so Write
 * always writes exactly what was shown; a file changed since the preview is refused by the core
 * and the dialog offers to preview again.
 */
export function WriteConfigDialog({ token }: { token: TokenMeta }) {
  const defaults = useKeyport((s) => s.configDefaults);
  const loadConfigDefaults = useKeyport((s) => s.loadConfigDefaults);
  const planWrite = useKeyport((s) => s.planWrite);
  const applyWrite = useKeyport((s) => s.applyWrite);
  const closeDialog = useKeyport((s) => s.closeDialog);
  const formRef = useRef<HTMLFormElement>(null);
  const home = useKeyport((s) => s.home);
  const pickConfigFile = useKeyport((s) => s.pickConfigFile);
  const [picked, setPicked] = useState<string[]>([]);
  const [picking, setPicking] = useState(false);
  const [form, setForm] = useState<WriteForm>(() => ({
    format: defaultFormatFor(token.ecosystem),
    file: null,
    reference: false,
    registry: token.registry,
    scope: '',
    serverId: '',
    mavenAuth: token.user ? 'password' : 'bearer',
    source: '',
    pipMode: 'index-url',
    repository: '',
    property: '',
    username: token.user ?? '',
    packagePatterns: '',
  }));
  const [preview, setPreview] = useState<WritePreview | null>(null);
  /** What the core said the last previewed file takes beyond its format's fields. */
  const [previewed, setPreviewed] = useState<{
    format: ConfigFormat;
    file: string;
    fields: FileSpecificField[];
  } | null>(null);
  const [failure, setFailure] = useState<KeyportErrorInfo | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => {
    void loadConfigDefaults();
  }, [loadConfigDefaults]);

  const file = form.file ?? defaults?.[form.format] ?? '';
  const fileFields =
    previewed && previewed.format === form.format && previewed.file === file
      ? previewed.fields
      : [];
  const request = buildRequest(token, form, file, fileFields);
  const errors: FieldErrors<WriteField> = submitted ? validateWith(WritePlanRequest, request) : {};

  const update = (patch: Partial<WriteForm>) => {
    setForm((f) => ({ ...f, ...patch }));
    // What was previewed is no longer what would be written.
    setPreview(null);
    setFailure(null);
  };

  const runPreview = async () => {
    if (busy) return;
    setSubmitted(true);
    setFailure(null);
    const found = validateWith<WriteField, typeof WritePlanRequest>(WritePlanRequest, request);
    if (Object.keys(found).length > 0) {
      focusFirstInvalid(formRef.current, found);
      return;
    }
    setBusy('preview');
    setPreview(null);
    try {
      const made = await planWrite(request);
      setPreview(made);
      setPreviewed({ format: form.format, file, fields: made.fileFields ?? [] });
    } catch (err) {
      setFailure({ ...errorInfoOf(err), message: failureText(err) });
    } finally {
      setBusy(null);
    }
  };

  const runWrite = async () => {
    if (busy || !preview?.changed) return;
    setBusy('write');
    setFailure(null);
    try {
      await applyWrite(preview.planId);
      closeDialog();
    } catch (err) {
      // A plan is used once, whatever happened: a new preview is needed either way.
      setPreview(null);
      const info = { ...errorInfoOf(err), message: failureText(err) };
      setFailure(info);
      if (info.code === 'CONFIG_CHANGED_ON_DISK') {
        // The message asks to review the new preview: put it on screen (reading changes nothing).
        setBusy('preview');
        try {
          const made = await planWrite(request);
          setPreview(made);
          setPreviewed({ format: form.format, file, fields: made.fileFields ?? [] });
        } catch (again) {
          setFailure({ ...errorInfoOf(again), message: failureText(again) });
        }
      }
      setBusy(null);
    }
  };

  const chooseFile = async () => {
    if (picking) return;
    setPicking(true);
    try {
      const chosen = await pickConfigFile(form.format);
      if (chosen !== null) {
        setPicked((p) => (p.includes(chosen) ? p : [...p, chosen]));
        update({ file: chosen });
      }
    } catch (err) {
      setFailure({ ...errorInfoOf(err), message: failureText(err) });
    } finally {
      setPicking(false);
    }
  };

  const standard = defaults?.[form.format];
  const choices = fileChoices(token, form.format, standard, picked);
  const declined = failure?.code === 'USER_DECLINED';
  const changedOnDisk = failure?.code === 'CONFIG_CHANGED_ON_DISK';
  const canWrite = preview?.changed === true;

  return (
    <Dialog
      title="Write to config"
      description={
        <>
          {token.label} (<span className="mono">{token.masked}</span>)
        </>
      }
      onClose={closeDialog}
      className="dialog--wide"
    >
      <form
        ref={formRef}
        noValidate
        aria-busy={busy !== null}
        onSubmit={(e) => {
          e.preventDefault();
          void runPreview();
        }}
      >
        <div className="field-row">
          <SelectField
            label="Format"
            name="format"
            options={CONFIG_FORMATS}
            labels={FORMAT_LABELS}
            value={form.format}
            onValue={(format) => update({ format, file: null })}
          />
          <RegistryUrlField
            error={errors.registry}
            hint={form.format === 'npmrc' ? undefined : 'The repository, feed or index URL.'}
            value={form.registry}
            onValue={(registry) => update({ registry })}
          />
        </div>
        <div className="file-choice">
          <SelectField
            label="File"
            name="file"
            options={choices}
            labels={Object.fromEntries(
              choices.map((f) => [
                f,
                f === standard ? `${tildePath(f, home)} (standard)` : tildePath(f, home),
              ]),
            )}
            error={errors.file}
            value={file}
            onValue={(chosen) => update({ file: chosen })}
          />
          <button
            type="button"
            className="button file-choice__pick"
            aria-busy={picking || undefined}
            onClick={() => void chooseFile()}
          >
            Choose file…
          </button>
        </div>
        <FormatFields form={form} errors={errors} update={update} fileFields={fileFields} />
        {takesReference(form.format) ? (
          <CheckboxField
            name="reference"
            checked={form.reference}
            onChecked={(reference) => update({ reference })}
          >
            Write a reference instead of the value (run tools with keyport exec)
          </CheckboxField>
        ) : null}

        {declined ? (
          <p role="status" className="quiet-note">
            Nothing was written: you said No when Keyport asked.
          </p>
        ) : (
          <FailureAlert message={failure?.message} />
        )}
        {preview ? <PreviewPanel preview={preview} /> : null}

        <div className="dialog__actions">
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <BusyButton
            type="submit"
            className={canWrite ? 'button' : 'button button--primary'}
            busy={busy === 'preview'}
            inert={busy !== null}
            label={changedOnDisk ? 'Preview again' : 'Preview'}
            busyLabel="Previewing…"
          />
          <BusyButton
            className="button button--primary"
            busy={busy === 'write'}
            inert={busy !== null}
            disabled={!canWrite && busy !== 'write'}
            label="Write"
            busyLabel="Writing…"
            onClick={() => void runWrite()}
          />
        </div>
      </form>
    </Dialog>
  );
}

/** Where the write goes, and the diff or the reason there is nothing to write. */
function PreviewPanel({ preview }: { preview: WritePreview }) {
  const home = useKeyport((s) => s.home);
  const panelRef = useRef<HTMLDivElement>(null);
  // The preview appears below the form: in a short window (720×480) it would open out of sight,
  // and Preview would seem to do nothing. Bring its top into the dialog's view once per plan.
  useEffect(() => {
    panelRef.current?.scrollIntoView({ block: 'nearest' });
  }, [preview.planId]);
  return (
    <div className="write-preview" ref={panelRef}>
      <dl className="write-preview__target">
        <dt>File</dt>
        <dd>
          <span className="mono">{tildePath(preview.file, home)}</span>
          {preview.creates ? <span className="badge badge--ok">new file</span> : null}
        </dd>
        <dt>Entry</dt>
        <dd className="mono">{preview.entry}</dd>
      </dl>
      <PreviewNotes notes={preview.notes} />
      {preview.changed ? (
        <DiffView diff={preview.diff} label="Diff preview" />
      ) : (
        <p role="status" className="write-preview__same">
          Nothing to change
          <span className="field__hint"> — the file already holds this entry.</span>
        </p>
      )}
    </div>
  );
}

interface FormatFieldsProps {
  form: WriteForm;
  errors: FieldErrors<WriteField>;
  update: (patch: Partial<WriteForm>) => void;
  /** Fields the previewed file takes beyond its format's (the core reads the file, not us). */
  fileFields: readonly FileSpecificField[];
}

const USER_HINTS: Partial<Record<ConfigFormat, string>> = {
  nuget: 'Required: NuGet.Config keeps a user name with the token.',
  composer: 'With a user name: http-basic (the token as password); without: a bearer token.',
  bundler: 'Optional: Bundler sends user:token (many gem hosts take any user name).',
  // The core refuses a new machine entry without a login (netrc-editor.ts): "optional" misled.
  netrc: 'Needed for a new machine entry; the token goes in as the password.',
};

/**
 * The few fields that differ per format; each is optional and defaults sensibly in the core. A
 * field only some files take appears once a preview of that file said so.
 */
function FormatFields({ form, errors, update, fileFields }: FormatFieldsProps) {
  const textField = plainTextFieldsOf<
    'scope' | 'serverId' | 'source' | 'repository' | 'property' | 'username' | 'packagePatterns'
  >(form, errors, update);
  const userName = takesUserName(form.format)
    ? textField(
        'User name',
        'username',
        USER_HINTS[form.format] ?? 'Optional; the token goes in as the password.',
      )
    : null;

  switch (form.format) {
    case 'npmrc':
      return textField('Scope', 'scope', 'Optional, e.g. @acme: adds @acme:registry=URL.');
    case 'yarnrc':
      return textField(
        'Scope',
        'scope',
        'Optional, e.g. @acme: writes npmScopes.acme (npmRegistryServer and npmAuthToken).',
      );
    case 'maven':
      return (
        <div className="field-row">
          {textField('Server id', 'serverId', 'The <id> your pom refers to.')}
          <SelectField
            label="Auth"
            name="mavenAuth"
            options={MAVEN_AUTHS}
            labels={MAVEN_AUTH_LABELS}
            error={errors.mavenAuth}
            value={form.mavenAuth}
            onValue={(mavenAuth) => update({ mavenAuth })}
          />
          {form.mavenAuth === 'password' ? userName : null}
        </div>
      );
    case 'nuget':
      return (
        <>
          <div className="field-row">
            {textField('Source name', 'source', 'Defaults to the feed’s host.')}
            {userName}
          </div>
          {fileFields.includes('packagePatterns')
            ? textField(
                'Package patterns',
                'packagePatterns',
                'This file maps packages to sources: the ids this source serves, e.g. Contoso.* (spaces between). Empty: none, and NuGet restores nothing from it.',
              )
            : null}
        </>
      );
    case 'netrc':
    case 'composer':
    case 'bundler':
      return userName;
    case 'pip':
      return (
        <div className="field-row">
          <SelectField
            label="Mode"
            name="pipMode"
            options={PIP_MODES}
            labels={PIP_MODE_LABELS}
            hint={PIP_MODE_HINTS[form.pipMode]}
            error={errors.pipMode}
            value={form.pipMode}
            onValue={(pipMode) => update({ pipMode })}
          />
          {userName}
        </div>
      );
    case 'pypirc':
      return (
        <div className="field-row">
          {textField('Repository', 'repository', 'Defaults to pypi for pypi.org, else the host.')}
          {userName}
        </div>
      );
    case 'gradle':
      return (
        <>
          <div className="field-row">
            {textField(
              'Repository name',
              'repository',
              'The name in credentials(PasswordCredentials): writes <name>Username and <name>Password.',
            )}
            {form.property.trim() === '' ? userName : null}
          </div>
          {textField(
            'Property',
            'property',
            'Optional, instead of a repository: one key for the token alone, e.g. gpr.key.',
          )}
        </>
      );
  }
}
