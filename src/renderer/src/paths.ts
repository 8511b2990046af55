/** Paths as people read them: under the home folder as ~/…; pure, the home is passed in. */

/** The folder holding the user's default .npmrc, which is their home (core/configs/default-config-path). */
export function homeOf(defaults: Partial<Record<string, string>> | null): string | null {
  const npmrc = defaults?.npmrc;
  if (!npmrc) return null;
  const cut = Math.max(npmrc.lastIndexOf('/'), npmrc.lastIndexOf('\\'));
  return cut > 0 ? npmrc.slice(0, cut) : null;
}

/** `/home/ann/.npmrc` → `~/.npmrc` when home is /home/ann; anything else as it is. */
export function tildePath(file: string, home: string | null): string {
  if (!home) return file;
  if (file === home) return '~';
  for (const sep of ['/', '\\']) {
    if (file.startsWith(home + sep)) return `~${sep}${file.slice(home.length + 1)}`;
  }
  return file;
}

/** Every home path inside a sentence (a notice, an error) shortened the same way. */
export function tildeText(text: string, home: string | null): string {
  if (!home) return text;
  return text
    .split(home + '/')
    .join('~/')
    .split(home + '\\')
    .join('~\\');
}

/** The last part of a path. */
export function baseName(file: string): string {
  return file.split(/[\\/]/).pop() ?? file;
}

/** Everything before the last part, or '' for a bare name. */
export function dirName(file: string): string {
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  return cut > 0 ? file.slice(0, cut) : '';
}
