import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyportError } from '../../shared/errors';
import { CONFIG_FORMATS, type ConfigFormat } from '../../shared/types';
import { writeFileAtomic } from '../fs/atomic-write';
import type { EditTarget } from './config-editor';
import { decodeConfig, hashContent, ioError, readBytes, resolveConfigPath } from './config-file';
import { EDITORS } from './editors';
import { maskedDiff } from './masked-diff';

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
}

export interface ApplyResult {
  /** The backup of the previous content, or null (nothing changed, or the file is new). */
  backup: string | null;
  /** Hash of what is now on disk; undoWrite checks it. */
  afterHash: string;
}

/** One backup per file, so undo always means "back to before the last Keyport write". */
export const BACKUP_SUFFIX = '.keyport.bak';
/** Marks a file Keyport created, so undo knows to remove it rather than restore it. */
export const CREATED_SUFFIX = '.keyport.new';

const OPTIONAL_STRINGS = ['username', 'serverId', 'source', 'repository', 'scope'] as const;

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
  if (
    target.pipMode !== undefined &&
    target.pipMode !== 'index-url' &&
    target.pipMode !== 'extra-index-url'
  ) {
    bad('The pip mode must be index-url or extra-index-url.');
  }
  if (
    target.mavenAuth !== undefined &&
    target.mavenAuth !== 'password' &&
    target.mavenAuth !== 'bearer'
  ) {
    bad('The Maven authentication must be password or bearer.');
  }
}

export async function planWrite(target: WriteTarget): Promise<WritePlan> {
  checkTarget(target);
  const { format, file: requested, ...editTarget } = target;
  const editor = EDITORS[format];
  const file = await resolveConfigPath(requested);
  const bytes = await readBytes(file);
  const before = bytes === null ? null : decodeConfig(bytes, file);
  const { text: after, entry } = editor.edit(before ?? '', editTarget);
  const changed = before !== after;
  return {
    format,
    file,
    entry,
    changed,
    diff: changed ? maskedDiff(editor, file, before, after, target.secret) : '',
    before,
    after,
    baselineHash: hashContent(bytes),
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
  const file = await resolveConfigPath(requested);
  const bytes = await readBytes(file);
  const before = bytes === null ? null : decodeConfig(bytes, file);
  const { text: after, entry } = editor.remove(before ?? '', removeTarget);
  const changed = before !== null && before !== after;
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
  };
}

function changedOnDisk(file: string): KeyportError {
  return new KeyportError(
    'CONFIG_CHANGED_ON_DISK',
    `${file} changed since the preview; Keyport wrote nothing. Review the new preview and try again.`,
  );
}

/**
 * Writes a plan if the file still holds what the plan was made from. The previous content goes to
 * FILE.keyport.bak (0600) first; the file itself is replaced atomically with its mode kept, so a
 * crash at any instant leaves the old or the new content.
 */
export async function applyWrite(plan: WritePlan): Promise<ApplyResult> {
  const current = await readBytes(plan.file);
  if (hashContent(current) !== plan.baselineHash) throw changedOnDisk(plan.file);
  if (!plan.changed) return { backup: null, afterHash: plan.baselineHash };
  const data = Buffer.from(plan.after, 'utf8');
  const backup = plan.file + BACKUP_SUFFIX;
  const created = plan.file + CREATED_SUFFIX;
  try {
    if (current !== null) {
      const mode = (await fs.stat(plan.file)).mode & 0o777;
      await writeFileAtomic(backup, current, { mode: 0o600 });
      await fs.rm(created, { force: true });
      await writeFileAtomic(plan.file, data, { mode });
    } else {
      await fs.mkdir(path.dirname(plan.file), { recursive: true, mode: 0o700 });
      await writeFileAtomic(
        created,
        'Keyport created the file next to this one; undo removes it.\n',
        { mode: 0o600 },
      );
      await fs.rm(backup, { force: true });
      await writeFileAtomic(plan.file, data, { mode: 0o600 });
    }
  } catch (err) {
    if (err instanceof KeyportError) throw err;
    throw ioError(err, plan.file);
  }
  return { backup: current !== null ? backup : null, afterHash: hashContent(data) };
}

/**
 * Undoes the last write to `file` if the file still holds exactly what was written (`afterHash`):
 * restores the backup, or removes a file Keyport created.
 */
export async function undoWrite(
  file: string,
  afterHash: string,
): Promise<{ restored: 'previous' | 'removed' }> {
  const real = await resolveConfigPath(file);
  const backup = await readBytes(real + BACKUP_SUFFIX);
  const created = backup === null && (await readBytes(real + CREATED_SUFFIX)) !== null;
  if (backup === null && !created) {
    throw new KeyportError('NOTHING_TO_UNDO', `Keyport has no backup of ${real} to restore.`);
  }
  const current = await readBytes(real);
  if (hashContent(current) !== afterHash) throw changedOnDisk(real);
  try {
    if (backup !== null) {
      const mode = (await fs.stat(real)).mode & 0o777;
      await writeFileAtomic(real, backup, { mode });
      await fs.rm(real + BACKUP_SUFFIX, { force: true });
      return { restored: 'previous' };
    }
    await fs.rm(real);
    await fs.rm(real + CREATED_SUFFIX, { force: true });
    return { restored: 'removed' };
  } catch (err) {
    throw ioError(err, real);
  }
}
