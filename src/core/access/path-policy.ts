import { promises as fs } from 'node:fs';
import path from 'node:path';
import { KeyportError } from '../../shared/errors';
import type { ConfigFormat } from '../../shared/types';
import { resolveConfigPath } from '../configs/config-file';
import { expectedNames, fitsFormat } from './config-file-kind';

/**
 * 'app': the renderer names paths, and it is treated as if an XSS had it, so a path is usable
 * only when main can vouch for it. 'cli': the user typed the path at a terminal; only the
 * file-kind check applies.
 */
export type AccessMode = 'app' | 'cli';

export interface KnownFile {
  format: string;
  file: string;
}

export interface PathPolicyOptions {
  mode: AccessMode;
  /** The standard locations of a format (see standard-config-files.ts). */
  standardFiles: (format: ConfigFormat) => Promise<string[]>;
  /** Files Keyport wrote or found before (the vault's writtenTo and usedIn). */
  knownFiles: () => Promise<KnownFile[]>;
}

/** The same sentence whether the file exists or not: a refusal must not tell which. */
const NOT_ALLOWED_FILE =
  'Keyport writes only to the standard config files and to files you choose: use Choose file… to pick this one.';
const NOT_ALLOWED_FOLDER = 'Choose the project folder with Choose folder… before scanning it.';

/**
 * Paths are capabilities. In the app a config file reaches the writers only if it is a standard
 * location of its format, a file (or a correctly named file inside a folder) the user picked in
 * a native dialog this session, or a file Keyport already wrote or found. Every comparison is
 * between real paths, so a symlink or `..` cannot lead out of what was granted, and a refusal
 * happens before anything is read.
 */
export class PathPolicy {
  private readonly pickedFiles = new Map<string, ConfigFormat>();
  private readonly pickedFolders = new Set<string>();

  constructor(private readonly options: PathPolicyOptions) {}

  get mode(): AccessMode {
    return this.options.mode;
  }

  /** Records a file the user chose in the native Save dialog for `format`. */
  async grantFile(format: ConfigFormat, file: string): Promise<void> {
    this.pickedFiles.set(await resolveConfigPath(file), format);
  }

  /** Records a folder the user chose in the native folder picker. */
  async grantFolder(dir: string): Promise<void> {
    this.pickedFolders.add(await fs.realpath(dir));
  }

  /** The real path to read and write for this request, or PATH_NOT_ALLOWED. */
  async configFile(format: ConfigFormat, file: string): Promise<string> {
    if (this.options.mode === 'cli') {
      if (
        !fitsFormat(format, file) &&
        !(await this.isKnown(format, await resolveConfigPath(file)))
      ) {
        throw new KeyportError(
          'PATH_NOT_ALLOWED',
          `${path.basename(file)} is not a config file for ${format}: its name must be ${expectedNames(format)}.`,
        );
      }
      return resolveConfigPath(file);
    }
    const real = await realOrNull(file);
    if (real !== null && (await this.allows(format, file, real))) return real;
    throw new KeyportError('PATH_NOT_ALLOWED', NOT_ALLOWED_FILE);
  }

  /** The real folder to scan: in the app, one the user picked (or a folder inside it). */
  async scanFolder(dir: string): Promise<string> {
    if (this.options.mode === 'cli') return dir;
    let real: string | null = null;
    try {
      real = await fs.realpath(dir);
    } catch {
      // Same refusal as for a folder that exists: no existence oracle.
    }
    if (real !== null && [...this.pickedFolders].some((f) => real === f || isInside(real, f))) {
      return real;
    }
    throw new KeyportError('PATH_NOT_ALLOWED', NOT_ALLOWED_FOLDER);
  }

  private async allows(format: ConfigFormat, requested: string, real: string): Promise<boolean> {
    if (this.pickedFiles.get(real) === format) return true;
    for (const standard of await this.options.standardFiles(format)) {
      if ((await realOrNull(standard)) === real) return true;
    }
    // Inside a picked folder the name must still fit: the folder is not a licence for .bashrc.
    if (
      fitsFormat(format, requested) &&
      fitsFormat(format, real) &&
      [...this.pickedFolders].some((folder) => isInside(real, folder))
    ) {
      return true;
    }
    return this.isKnown(format, real);
  }

  private async isKnown(format: ConfigFormat, real: string): Promise<boolean> {
    for (const known of await this.options.knownFiles()) {
      if (known.format === format && (await realOrNull(known.file)) === real) return true;
    }
    return false;
  }
}

/** The real path, or null when it cannot be resolved (a loop, no permission): refused then. */
async function realOrNull(file: string): Promise<string | null> {
  try {
    return await resolveConfigPath(file);
  } catch {
    return null;
  }
}

function isInside(child: string, dir: string): boolean {
  const rel = path.relative(dir, child);
  return rel !== '' && rel.split(path.sep)[0] !== '..' && !path.isAbsolute(rel);
}
