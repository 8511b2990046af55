import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyportError } from '../../shared/errors';
import {
  CONFIG_FORMATS,
  MAVEN_AUTHS,
  PIP_MODES,
  type ConfigFormat,
  type FileSpecificField,
} from '../../shared/types';
import { isOwnerNotKept, writeFileAtomic } from '../fs/atomic-write';
import type { EditTarget } from './config-editor';
import { decodeConfig, encodeConfig, type ConfigEncoding } from './config-encoding';
import {
  hashContent,
  ioError,
  readConfigFile,
  resolveConfigPath,
  type FileFacts,
} from './config-file';
import type { ConfigEditor } from './config-editor';
import { EDITORS } from './editors';
import { maskedDiff } from './masked-diff';

// For the credential-helper setup's previews, which load with the writers (see ConfigWriteFlow).
export { maskedDiff };
import { BOM } from './text-layout';
import { isReference } from '../../shared/references';

export interface WriteTarget extends EditTarget {
  format: ConfigFormat;
  /** Absolute path of the config file; it may not exist yet. */
  file: string;
}

/**
 * A previewed write. `after` (and `before`) hold secrets: a plan stays in the main process; only
 * `format`, `file`, `entry`, `changed` and `diff` may be shown or sent to the renderer.
 */
export interface WritePlan {
  format: ConfigFormat;
  /** The real file (symlinks resolved). */
  file: string;
  entry: string;
  changed: boolean;
  /** Unified diff with every credential masked; empty when nothing changes. */
  diff: string;
  before: string | null;
  after: string;
  /** Hash of the bytes the plan was made from (`absent` for a new file). */
  baselineHash: string;
  /**
   * The file's encoding, which `after` is written in (UTF-8 for a new file): `before` and `after`
   * are decoded text, so the diff and every check read characters, not bytes.
   */
  encoding: ConfigEncoding;
  /** What the user should know about this write beyond the diff (no secrets). */
  notes: string[];
  /** Target fields this file takes beyond its format's usual ones, for the app to ask. */
  fileFields: FileSpecificField[];
  /**
   * The file will hold a credential (not only references): if others may read it, the write
   * narrows its mode to 0600.
   */
  holdsSecret: boolean;
}

/**
 * What undoWrite needs, held in memory by the caller (never written to disk: the previous content
 * may hold a token, and secrets go to no file but the one the user chose).
 */
export interface ApplyResult {
  file: string;
  /** The bytes before the write; null when Keyport created the file (undo removes it). */
  previous: Buffer | null;
  /** Hash of what is now on disk; undoWrite checks it. */
  afterHash: string;
  /** The mode before the write (it may have been narrowed), which undo puts back. */
  previousMode?: number;
}

/**
 * Undo files that Keyport 0.1 development builds left next to a config file: the first holds
 * the file's earlier content, tokens included. Each write removes them.
 */
export const LEGACY_UNDO_SUFFIXES = ['.keyport.bak', '.keyport.new'] as const;

const OPTIONAL_STRINGS = [
  'username',
  'serverId',
  'source',
  'repository',
  'property',
  'scope',
] as const;

/** The IPC layer validates too; this guards the core against any other caller. */
function checkTarget(target: WriteTarget): void {
  checkLocation(target);
  if (typeof target.secret !== 'string' || target.secret === '')
    throw new KeyportError('INVALID_INPUT', 'The token is missing.');
}

/** Everything but the secret: what names the file and the entry in it. */
function checkLocation(target: Omit<WriteTarget, 'secret'>): void {
  const bad = (what: string): never => {
    throw new KeyportError('INVALID_INPUT', what);
  };
  if (!(CONFIG_FORMATS as readonly string[]).includes(target.format)) bad('Unknown config format.');
  if (typeof target.file !== 'string' || !path.isAbsolute(target.file))
    bad('The config file path must be absolute.');
  if (typeof target.registry !== 'string') bad('The registry URL is missing.');
  for (const key of OPTIONAL_STRINGS) {
    const value = target[key];
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      bad(`The ${key} must be a non-empty text.`);
  }
  if (target.pipMode !== undefined && !(PIP_MODES as readonly string[]).includes(target.pipMode))
    bad(`The pip mode must be ${PIP_MODES.join(' or ')}.`);
  if (
    target.packagePatterns !== undefined &&
    (target.format !== 'nuget' ||
      !Array.isArray(target.packagePatterns) ||
      target.packagePatterns.some((p) => typeof p !== 'string'))
  ) {
    bad('Package patterns are a list of texts, for NuGet only.');
  }
  if (target.reference !== undefined && typeof target.reference !== 'boolean')
    bad('The reference flag must be true or false.');
  if (
    target.mavenAuth !== undefined &&
    !(MAVEN_AUTHS as readonly string[]).includes(target.mavenAuth)
  )
    bad(`The Maven authentication must be ${MAVEN_AUTHS.join(' or ')}.`);
}

/**
 * A file its owner made read-only (no owner write bit) stays as it is: the atomic rename would
 * replace it anyway (only the folder's permission counts), silently undoing the user's choice.
 * The mode bits decide, not access(2), which says yes to root for any file.
 */
function assertWritable(file: string, facts: FileFacts): void {
  if ((facts.mode & 0o200) !== 0) return;
  const octal = (facts.mode & 0o777).toString(8).padStart(3, '0');
  throw new KeyportError(
    'CONFIG_WRITE_FAILED',
    `${file} is read-only (mode ${octal}); Keyport left it untouched. Make it writable (chmod u+w) if the entry should go there.`,
  );
}

/** The real file (symlinks resolved), its bytes, facts and text; null for a file not there yet. */
async function readConfig(requested: string, editor: ConfigEditor) {
  const file = await resolveConfigPath(requested);
  const read = await readConfigFile(file);
  if (read) assertWritable(file, read.facts);
  const bytes = read?.bytes ?? null;
  const decoded = bytes === null ? null : decodeConfig(bytes, file, editor);
  return {
    file,
    bytes,
    facts: read?.facts ?? null,
    before: decoded?.text ?? null,
    encoding: decoded?.encoding ?? 'utf-8',
  };
}

/** Does the text hold a credential value that is not a reference such as ${KEYPORT_…}? */
function holdsCredential(editor: ConfigEditor, text: string): boolean {
  const body = text.startsWith(BOM) ? text.slice(BOM.length) : text;
  return editor
    .credentialSpans(body)
    .some((s) => s.end > s.start && !isReference(body.slice(s.start, s.end)));
}

const othersMayAccess = (mode: number): boolean => (mode & 0o077) !== 0;

/** The file-level facts a preview must say: a mode narrowed for a secret, hard links split. */
function fileNotes(file: string, facts: FileFacts | null, holdsSecret: boolean): string[] {
  if (!facts) return [];
  const notes: string[] = [];
  if (holdsSecret && othersMayAccess(facts.mode)) {
    const octal = (facts.mode & 0o777).toString(8).padStart(3, '0');
    notes.push(
      `${file} is open to other users (mode ${octal}) and will hold a token; Keyport sets its mode to 600 (owner only).`,
    );
  }
  if (facts.nlink > 1) {
    // The atomic replace is what keeps a crash from leaving half a file; it gives this name a new
    // file, so the token goes only where the user pointed, and the other names keep the old text.
    notes.push(
      `${file} has ${facts.nlink - 1} other hard link${facts.nlink > 2 ? 's' : ''}; Keyport replaces the file at this name only, so the other names keep the old content.`,
    );
  }
  return notes;
}

export async function planWrite(target: WriteTarget): Promise<WritePlan> {
  checkTarget(target);
  const { format, file: requested, ...editTarget } = target;
  const editor = EDITORS[format];
  const { file, bytes, facts, before, encoding } = await readConfig(requested, editor);
  const edited = editor.edit(before ?? '', editTarget);
  const { entry } = edited;
  let after = edited.text;
  const notes: string[] = [...(edited.notes ?? [])];
  if (editor.bomUnreadableBy && after.startsWith(BOM)) {
    // Written as it was, the token would sit in a file its client cannot load at all.
    after = after.slice(BOM.length);
    notes.push(
      `The file started with a byte-order mark (BOM), which ${editor.bomUnreadableBy} cannot read; Keyport removes it.`,
    );
  }
  const changed = before !== after;
  // Refused now, not at apply: what cannot be written should not be previewed as if it could.
  if (changed) encodeConfig(after, encoding, file);
  // The value itself was written, even under a key the format's finder would not call secret
  // (a free gradle.properties property).
  const wroteValue = !editTarget.reference && !isReference(editTarget.secret);
  const holdsSecret = wroteValue || holdsCredential(editor, after);
  if (changed) notes.push(...fileNotes(file, facts, holdsSecret));
  return {
    format,
    file,
    entry,
    changed,
    diff: changed ? maskedDiff(editor, file, before, after, target.secret) : '',
    before,
    after,
    baselineHash: hashContent(bytes),
    encoding,
    notes,
    fileFields: edited.fileFields ?? [],
    holdsSecret,
  };
}

/**
 * Previews removing the entry `target` would write (after its token was revoked), as a WritePlan
 * that applyWrite and undoWrite handle like any other: same path resolution, baseline hash and
 * masked diff (the removed secret shows masked on its `-` line). A missing file, or one without
 * the entry, yields `changed: false`, and applying that writes nothing (no file is created).
 */
export async function planRemove(target: Omit<WriteTarget, 'secret'>): Promise<WritePlan> {
  checkLocation(target);
  // Only the fields that name the entry go on; a secret passed by mistake is not needed here.
  const { format, file: requested, ...rest } = target;
  const { secret: _ignored, ...removeTarget } = rest as typeof rest & { secret?: unknown };
  const editor = EDITORS[format];
  const { file, bytes, facts, before, encoding } = await readConfig(requested, editor);
  const { text: after, entry } = editor.remove(before ?? '', removeTarget);
  const changed = before !== null && before !== after;
  const holdsSecret = holdsCredential(editor, after);
  return {
    format,
    file,
    entry,
    changed,
    // No new secret to look for: the format's own credential finder masks the removed one.
    diff: changed ? maskedDiff(editor, file, before, after, '') : '',
    before,
    after,
    baselineHash: hashContent(bytes),
    encoding,
    notes: changed ? fileNotes(file, facts, holdsSecret) : [],
    fileFields: [],
    holdsSecret,
  };
}

function changedOnDisk(file: string): KeyportError {
  return new KeyportError(
    'CONFIG_CHANGED_ON_DISK',
    `${file} changed since the preview; Keyport wrote nothing. Review the new preview and try again.`,
  );
}

/**
 * Writes a plan if the file still holds what the plan was made from. The file is replaced
 * atomically with its mode kept, so a crash at any instant leaves the old or the new content; the
 * old content comes back as `previous`, for the caller to keep (in memory) as long as it offers
 * undo.
 */
export async function applyWrite(plan: WritePlan): Promise<ApplyResult> {
  const read = await readConfigFile(plan.file);
  const current = read?.bytes ?? null;
  if (hashContent(current) !== plan.baselineHash) throw changedOnDisk(plan.file);
  if (read && plan.changed) assertWritable(plan.file, read.facts);
  if (!plan.changed) return { file: plan.file, previous: current, afterHash: plan.baselineHash };
  const data = encodeConfig(plan.after, plan.encoding, plan.file);
  try {
    if (read !== null) {
      const previousMode = read.facts.mode & 0o777;
      const mode = plan.holdsSecret && othersMayAccess(previousMode) ? 0o600 : previousMode;
      await writeFileAtomic(plan.file, data, { mode, owner: ownerOf(read.facts) });
      await removeLegacyUndoFiles(plan.file);
      return { file: plan.file, previous: current, afterHash: hashContent(data), previousMode };
    }
    await fs.mkdir(path.dirname(plan.file), { recursive: true, mode: 0o700 });
    await writeFileAtomic(plan.file, data, { mode: 0o600 });
    await removeLegacyUndoFiles(plan.file);
  } catch (err) {
    throw writeError(err, plan.file);
  }
  return { file: plan.file, previous: current, afterHash: hashContent(data) };
}

function removeLegacyUndoFiles(file: string): Promise<unknown> {
  return Promise.all(LEGACY_UNDO_SUFFIXES.map((suffix) => fs.rm(file + suffix, { force: true })));
}

/**
 * The owner and group the replaced file had: the rename puts a new file in place, which would
 * otherwise belong to whoever runs Keyport (root, under sudo).
 */
function ownerOf(facts: FileFacts): { uid: number; gid: number } {
  return { uid: facts.uid, gid: facts.gid };
}

/** Only root can give a file to another user; anyone else would make the file theirs. */
function writeError(err: unknown, file: string): KeyportError {
  if (err instanceof KeyportError) return err;
  if (isOwnerNotKept(err)) {
    return new KeyportError(
      'CONFIG_WRITE_FAILED',
      `${file} belongs to another user or group, which Keyport cannot keep when it writes the file; it wrote nothing.`,
    );
  }
  return ioError(err, file);
}

/**
 * Undoes a write if the file still holds exactly what was written: puts `previous` back (with the
 * mode it had, owner and group kept), or removes a file Keyport created.
 */
export async function undoWrite(
  applied: ApplyResult,
): Promise<{ restored: 'previous' | 'removed' }> {
  const { file, previous, afterHash } = applied;
  const read = await readConfigFile(file);
  if (hashContent(read?.bytes ?? null) !== afterHash) throw changedOnDisk(file);
  try {
    if (previous !== null) {
      const facts = read!.facts;
      const mode = applied.previousMode ?? facts.mode & 0o777;
      await writeFileAtomic(file, previous, { mode, owner: ownerOf(facts) });
      return { restored: 'previous' };
    }
    await fs.rm(file);
    return { restored: 'removed' };
  } catch (err) {
    throw writeError(err, file);
  }
}
