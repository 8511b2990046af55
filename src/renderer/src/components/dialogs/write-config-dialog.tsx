import { useEffect, useRef, useState } from 'react';
import type { KeyportErrorInfo } from '../../../../shared/errors';
import { WritePlanRequest, type RequestOf } from '../../../../shared/ipc-contract';
import {
  CONFIG_FORMATS,
  type ConfigFormat,
  type TokenMeta,
  type WritePreview,
} from '../../../../shared/types';
import { errorInfoOf, failureText } from '../../api';
import { defaultFormatFor, FORMAT_LABELS, takesUserName } from '../../config-formats';
import { useKeyport } from '../../store/store-context';
import { DiffView } from '../diff-view';
import { Spinner } from '../spinner';
import { Dialog } from './dialog';
import { FormField } from './form-field';
import { focusFirstInvalid, validateWith, type FieldErrors } from './form-errors';

type MavenAuth = 'password' | 'bearer';
type PipMode = 'index-url' | 'extra-index-url';
type WriteField =
  | 'file'
  | 'registry'
  | 'scope'
  | 'serverId'
  | 'source'
  | 'repository'
  | 'username'
  | 'mavenAuth'
  | 'pipMode';

interface WriteForm {
  format: ConfigFormat;
  /** Null: the default file of the chosen format (known once config:defaults answers). */
  file: string | null;
  registry: string;
  scope: string;
  serverId: string;
  mavenAuth: MavenAuth;
  source: string;
  pipMode: PipMode;
  repository: string;
  username: string;
}

/** Only what the chosen format uses; empty optional fields are left for the core's defaults. */
function buildRequest(token: TokenMeta, form: WriteForm, file: string): RequestOf<'config:plan'> {
  const text = <K extends string>(key: K, value: string) =>
    value.trim() ? ({ [key]: value.trim() } as Record<K, string>) : {};
  const bearer = form.format === 'maven' && form.mavenAuth === 'bearer';
  const user = takesUserName(form.format) && !bearer ? text('username', form.username) : {};
  const specific = {
    npmrc: text('scope', form.scope),
    maven: { ...text('serverId', form.serverId), mavenAuth: form.mavenAuth },
    nuget: text('source', form.source),
    netrc: {},
    pip: { pipMode: form.pipMode },
    pypirc: text('repository', form.repository),
  }[form.format];
  return {
    tokenId: token.id,
    format: form.format,
    file: file.trim(),
    registry: form.registry.trim(),
    ...user,
    ...specific,
  };
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
  const [form, setForm] = useState<WriteForm>(() => ({
    format: defaultFormatFor(token.ecosystem),
    file: null,
    registry: token.registry,
    scope: '',
    serverId: '',
    mavenAuth: token.user ? 'password' : 'bearer',
    source: '',
    pipMode: 'index-url',
    repository: '',
    username: token.user ?? '',
  }));
  const [preview, setPreview] = useState<WritePreview | null>(null);
  const [failure, setFailure] = useState<KeyportErrorInfo | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [submitted, setSubmitted] = useState(false);

  useEffect(() => {
    void loadConfigDefaults();
  }, [loadConfigDefaults]);

  const file = form.file ?? defaults?.[form.format] ?? '';
  const request = buildRequest(token, form, file);
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
      setPreview(await planWrite(request));
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
      setFailure({ ...errorInfoOf(err), message: failureText(err) });
      setBusy(null);
    }
  };

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
          <FormField label="Format">
            {(control) => (
              <select
                {...control}
                name="format"
                value={form.format}
                onChange={(e) => update({ format: e.target.value as ConfigFormat, file: null })}
              >
                {CONFIG_FORMATS.map((format) => (
                  <option key={format} value={format}>
                    {FORMAT_LABELS[format]}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField
            label="Registry URL"
            error={errors.registry}
            hint={form.format === 'npmrc' ? undefined : 'The repository, feed or index URL.'}
          >
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
        </div>
        <FormField
          label="File"
          hint={
            form.format === 'npmrc'
              ? 'Your user .npmrc, or type a project folder’s .npmrc.'
              : 'A path starting with ~/ or an absolute path.'
          }
          error={errors.file}
        >
          {(control) => (
            <input
              {...control}
              name="file"
              type="text"
              autoComplete="off"
              spellCheck={false}
              className="mono"
              value={file}
              onChange={(e) => update({ file: e.target.value })}
            />
          )}
        </FormField>
        <FormatFields form={form} errors={errors} update={update} />

        {failure ? (
          <p role="alert" className="form-error">
            {failure.message}
          </p>
        ) : null}
        {preview ? <PreviewPanel preview={preview} /> : null}

        <div className="dialog__actions">
          <button type="button" className="button" onClick={closeDialog}>
            Cancel
          </button>
          <button
            type="submit"
            className={canWrite ? 'button' : 'button button--primary'}
            aria-disabled={busy !== null || undefined}
          >
            {busy === 'preview' ? <Spinner /> : null}
            {busy === 'preview' ? 'Previewing…' : changedOnDisk ? 'Preview again' : 'Preview'}
          </button>
          <button
            type="button"
            className="button button--primary"
            disabled={!canWrite && busy !== 'write'}
            aria-disabled={busy !== null || undefined}
            onClick={() => void runWrite()}
          >
            {busy === 'write' ? <Spinner /> : null}
            {busy === 'write' ? 'Writing…' : 'Write'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** Where the write goes, and the diff or the reason there is nothing to write. */
function PreviewPanel({ preview }: { preview: WritePreview }) {
  return (
    <div className="write-preview">
      <p className="write-preview__target">
        <span className="mono">{preview.file}</span>
        {preview.creates ? <span className="badge badge--ok">new file</span> : null}
        <br />
        Entry <span className="mono">{preview.entry}</span>
      </p>
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
}

/** The few fields that differ per format; each is optional and defaults sensibly in the core. */
function FormatFields({ form, errors, update }: FormatFieldsProps) {
  const textField = (
    label: string,
    name: 'scope' | 'serverId' | 'source' | 'repository' | 'username',
    hint: string,
  ) => (
    <FormField label={label} hint={hint} error={errors[name]}>
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
  const userName = takesUserName(form.format)
    ? textField('User name', 'username', 'Optional; the token goes in as the password.')
    : null;

  switch (form.format) {
    case 'npmrc':
      return textField('Scope', 'scope', 'Optional, e.g. @acme: adds @acme:registry=URL.');
    case 'maven':
      return (
        <div className="field-row">
          {textField('Server id', 'serverId', 'The <id> your pom refers to.')}
          <FormField label="Auth" error={errors.mavenAuth}>
            {(control) => (
              <select
                {...control}
                name="mavenAuth"
                value={form.mavenAuth}
                onChange={(e) => update({ mavenAuth: e.target.value as MavenAuth })}
              >
                <option value="password">User name and password</option>
                <option value="bearer">Bearer token header</option>
              </select>
            )}
          </FormField>
          {form.mavenAuth === 'password' ? userName : null}
        </div>
      );
    case 'nuget':
      return (
        <div className="field-row">
          {textField('Source name', 'source', 'Defaults to the feed’s host.')}
          {userName}
        </div>
      );
    case 'netrc':
      return userName;
    case 'pip':
      return (
        <div className="field-row">
          <FormField label="Mode" error={errors.pipMode}>
            {(control) => (
              <select
                {...control}
                name="pipMode"
                value={form.pipMode}
                onChange={(e) => update({ pipMode: e.target.value as PipMode })}
              >
                <option value="index-url">index-url</option>
                <option value="extra-index-url">extra-index-url</option>
              </select>
            )}
          </FormField>
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
  }
}
