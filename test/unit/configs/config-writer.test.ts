import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyportError } from '../../../src/shared/errors';
import type { ConfigFormat } from '../../../src/shared/types';
import {
  applyWrite,
  LEGACY_UNDO_SUFFIXES,
  planRemove,
  planWrite,
  undoWrite,
  type WriteTarget,
} from '../../../src/core/configs/config-writer';
import { hashContent } from '../../../src/core/configs/config-file';

const SECRET = 'kp-test-secret-0001';
const OLD = 'kp-test-oldvalue-0000';
const OTHER = 'kp-test-othervalue-0002';

function tempDir(): string {
  return mkdtempSync(path.join(os.tmpdir(), 'keyport-writer-'));
}

function npmTarget(file: string, secret = SECRET): WriteTarget {
  return { format: 'npmrc', file, registry: 'https://registry.npmjs.org/', secret };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(KeyportError);
    expect((err as KeyportError).message).not.toContain(SECRET);
    return (err as KeyportError).code;
  }
  return 'resolved';
}

const mode = (file: string): number => statSync(file).mode & 0o777;

/** The `x` entry of a TWO_ENTRY_FILES file, however its format names it. */
function entryX(format: ConfigFormat, file: string) {
  return {
    format,
    file,
    registry: format === 'pip' ? 'https://x.example/simple/' : 'https://x.example/',
    serverId: 'x',
    source: 'x',
    repository: 'x',
  };
}

/** One file per format holding two entries: `x` (OLD, the target) and `y` (OTHER, a bystander). */
const TWO_ENTRY_FILES = [
  [
    'maven',
    'settings.xml',
    `<settings><servers><server><id>x</id><password>${OLD}</password></server><server><id>y</id><password>${OTHER}</password></server></servers></settings>`,
  ],
  [
    'nuget',
    'NuGet.Config',
    `<configuration><packageSources><add key="x" value="https://x.example/"/></packageSources><packageSourceCredentials><x><add key="Username" value="u"/><add key="ClearTextPassword" value="${OLD}"/></x><y><add key="Username" value="u"/><add key="ClearTextPassword" value="${OTHER}"/></y></packageSourceCredentials></configuration>`,
  ],
  [
    'netrc',
    '.netrc',
    `machine x.example login u password ${OLD}\nmachine y.example login u password ${OTHER}\n`,
  ],
  [
    'pip',
    'pip.conf',
    `[global]\nindex-url = https://u:${OLD}@x.example/simple/\nextra-index-url = https://u:${OTHER}@y.example/simple/\n`,
  ],
  [
    'pypirc',
    '.pypirc',
    `[distutils]\nindex-servers = x y\n[x]\nrepository = https://x.example/\nusername = u\npassword = ${OLD}\n[y]\npassword = ${OTHER}\n`,
  ],
] as const;

describe('planWrite / applyWrite / undoWrite', () => {
  it('creates a new file 0600 in new 0700 folders, and undo removes it', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'a', 'b', '.npmrc');
    const plan = await planWrite(npmTarget(file));
    expect(plan).toMatchObject({
      changed: true,
      before: null,
      entry: '//registry.npmjs.org/:_authToken',
    });
    expect(plan.diff).toContain('--- /dev/null');
    expect(plan.diff).not.toContain(SECRET);
    const applied = await applyWrite(plan);
    expect(applied.previous).toBeNull();
    expect(readFileSync(file, 'utf8')).toBe(`//registry.npmjs.org/:_authToken=${SECRET}\n`);
    expect(readdirSync(path.join(dir, 'a', 'b'))).toEqual(['.npmrc']);
    expect(mode(file)).toBe(0o600);
    expect(mode(path.join(dir, 'a'))).toBe(0o700);
    expect(mode(path.join(dir, 'a', 'b'))).toBe(0o700);
    expect(await undoWrite(applied)).toEqual({ restored: 'removed' });
    expect(existsSync(file)).toBe(false);
    expect(await codeOf(undoWrite(applied))).toBe('CONFIG_CHANGED_ON_DISK');
  });

  it('keeps the mode, holds the exact old bytes in memory only, and undo restores them', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.npmrc');
    const old = Buffer.from(
      `\uFEFF; mine\r\n//registry.npmjs.org/:_authToken=${OLD}\r\nx=ü`,
      'utf8',
    );
    writeFileSync(file, old);
    chmodSync(file, 0o640);
    const plan = await planWrite(npmTarget(file));
    const applied = await applyWrite(plan);
    const { afterHash } = applied;
    expect(applied.previous).toEqual(old);
    // The old content held a token: no backup file may keep it.
    expect(readdirSync(dir)).toEqual(['.npmrc']);
    // Group-readable and about to hold a token: narrowed to the owner, and the preview says so.
    expect(plan.notes).toEqual([
      `${file} is open to other users (mode 640) and will hold a token; Keyport sets its mode to 600 (owner only).`,
    ]);
    expect(mode(file)).toBe(0o600);
    expect(readFileSync(file, 'utf8')).toBe(
      `\uFEFF; mine\r\n//registry.npmjs.org/:_authToken=${SECRET}\r\nx=ü`,
    );
    expect(afterHash).toBe(hashContent(readFileSync(file)));
    expect(await undoWrite(applied)).toEqual({ restored: 'previous' });
    expect(readFileSync(file)).toEqual(old);
    expect(mode(file)).toBe(0o640);
  });

  it('removes the undo files earlier development builds left next to the file', async () => {
    const dir = tempDir();
    const file = path.join(dir, '.npmrc');
    writeFileSync(file, 'a=1\n');
    for (const suffix of LEGACY_UNDO_SUFFIXES)
      writeFileSync(file + suffix, `//registry.npmjs.org/:_authToken=${OLD}\n`);
    await applyWrite(await planWrite(npmTarget(file)));
    expect(readdirSync(dir)).toEqual(['.npmrc']);
  });

  it('a second identical write changes nothing', async () => {
    const file = path.join(tempDir(), '.npmrc');
    await applyWrite(await planWrite(npmTarget(file)));
    const before = readFileSync(file);
    const again = await planWrite(npmTarget(file));
    expect(again).toMatchObject({ changed: false, diff: '' });
    expect(await applyWrite(again)).toMatchObject({ afterHash: hashContent(before) });
    expect(readFileSync(file)).toEqual(before);
  });

  it('refuses to write when the file changed after the preview, leaving it untouched', async () => {
    const file = path.join(tempDir(), '.npmrc');
    writeFileSync(file, 'a=1\n');
    const plan = await planWrite(npmTarget(file));
    writeFileSync(file, 'a=2\n');
    expect(await codeOf(applyWrite(plan))).toBe('CONFIG_CHANGED_ON_DISK');
    expect(readFileSync(file, 'utf8')).toBe('a=2\n');
    expect(readdirSync(path.dirname(file))).toEqual(['.npmrc']);
  });

  it('notices a file created after the preview of a new file', async () => {
    const file = path.join(tempDir(), '.npmrc');
    const plan = await planWrite(npmTarget(file));
    writeFileSync(file, 'a=2\n');
    expect(await codeOf(applyWrite(plan))).toBe('CONFIG_CHANGED_ON_DISK');
    expect(readFileSync(file, 'utf8')).toBe('a=2\n');
  });

  it('refuses to undo over a file that changed after the write', async () => {
    const file = path.join(tempDir(), '.npmrc');
    writeFileSync(file, 'a=1\n');
    const applied = await applyWrite(await planWrite(npmTarget(file)));
    writeFileSync(file, 'edited by hand\n');
    expect(await codeOf(undoWrite(applied))).toBe('CONFIG_CHANGED_ON_DISK');
    expect(readFileSync(file, 'utf8')).toBe('edited by hand\n');
  });

  it('writes the target of a symlink and keeps the link', async () => {
    const dir = tempDir();
    const real = path.join(dir, 'dotfiles-npmrc');
    const link = path.join(dir, '.npmrc');
    writeFileSync(real, 'a=1\n');
    symlinkSync('dotfiles-npmrc', link);
    const plan = await planWrite(npmTarget(link));
    expect(plan.file).toBe(real);
    await applyWrite(plan);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(real, 'utf8')).toBe(`a=1\n//registry.npmjs.org/:_authToken=${SECRET}\n`);
  });

  it('creates the missing target of a dangling symlink', async () => {
    const dir = tempDir();
    const link = path.join(dir, '.npmrc');
    symlinkSync(path.join(dir, 'store', 'npmrc'), link);
    const plan = await planWrite(npmTarget(link));
    expect(plan.file).toBe(path.join(dir, 'store', 'npmrc'));
    await applyWrite(plan);
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(link, 'utf8')).toContain(SECRET);
  });

  it('masks the new secret, the replaced one and other credentials in the diff', async () => {
    const file = path.join(tempDir(), '.npmrc');
    writeFileSync(
      file,
      `//other.example/:_authToken=${OTHER}\n//registry.npmjs.org/:_authToken=${OLD}\n//x.example/:_password=${OTHER}\n`,
    );
    const plan = await planWrite(npmTarget(file));
    expect(plan.diff).toContain('-//registry.npmjs.org/:_authToken=kp-t••••••••0000');
    expect(plan.diff).toContain('+//registry.npmjs.org/:_authToken=kp-t••••••••0001');
    expect(plan.diff).toContain(' //other.example/:_authToken=kp-t••••••••0002');
    for (const s of [SECRET, OLD, OTHER]) expect(plan.diff).not.toContain(s);
    expect(plan.after).toContain(SECRET);
  });

  it.each(TWO_ENTRY_FILES)('%s diff shows no credential', async (format, name, content) => {
    const file = path.join(tempDir(), name);
    writeFileSync(file, content);
    const plan = await planWrite({ ...entryX(format, file), username: 'u', secret: SECRET });
    expect(plan.changed).toBe(true);
    for (const s of [SECRET, OLD, OTHER]) expect(plan.diff).not.toContain(s);
    expect(plan.diff).toMatch(/^\+.*kp-t••••••••0001/m);
  });

  it('refuses an invalid or non-UTF-8 file with a clear error and leaves it untouched', async () => {
    const dir = tempDir();
    const xml = path.join(dir, 'settings.xml');
    writeFileSync(xml, `<settings><servers><password>${OLD}</settings>`);
    const target: WriteTarget = {
      format: 'maven',
      file: xml,
      registry: 'https://r.example/',
      username: 'u',
      secret: SECRET,
    };
    expect(await codeOf(planWrite(target))).toBe('CONFIG_INVALID');
    const latin1 = path.join(dir, '.netrc');
    writeFileSync(latin1, Buffer.from([0x6d, 0x61, 0xe9, 0x0a]));
    expect(await codeOf(planWrite({ ...target, format: 'netrc', file: latin1 }))).toBe(
      'CONFIG_INVALID',
    );
    const utf16 = path.join(dir, '.npmrc');
    writeFileSync(utf16, Buffer.from('a=1\n', 'utf16le'));
    expect(await codeOf(planWrite(npmTarget(utf16)))).toBe('CONFIG_INVALID');
    expect(readFileSync(utf16)).toEqual(Buffer.from('a=1\n', 'utf16le'));
  });

  it('rejects relative paths, bad URLs and unsafe values before touching anything', async () => {
    expect(await codeOf(planWrite(npmTarget('relative/.npmrc')))).toBe('INVALID_INPUT');
    const file = path.join(tempDir(), '.npmrc');
    expect(await codeOf(planWrite({ ...npmTarget(file), registry: 'ftp://x/' }))).toBe(
      'INVALID_INPUT',
    );
    expect(await codeOf(planWrite({ ...npmTarget(file), registry: 'https://u:p@x/' }))).toBe(
      'INVALID_INPUT',
    );
    expect(await codeOf(planWrite(npmTarget(file, `${SECRET}\n_authToken=x`)))).toBe(
      'UNSAFE_VALUE',
    );
    expect(existsSync(file)).toBe(false);
  });

  it('edits a huge file by changing one line only', async () => {
    const file = path.join(tempDir(), '.npmrc');
    const lines = Array.from({ length: 100_000 }, (_, i) => `; line ${i} ${'x'.repeat(40)}`);
    lines.splice(50_000, 0, `//registry.npmjs.org/:_authToken=${OLD}`);
    const before = lines.join('\n');
    writeFileSync(file, before);
    const started = Date.now();
    await applyWrite(await planWrite(npmTarget(file)));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(readFileSync(file, 'utf8')).toBe(before.replace(OLD, SECRET));
  });
});

describe('planRemove (after revoking a token) with applyWrite / undoWrite', () => {
  const removeTarget = (file: string) =>
    ({ format: 'npmrc', file, registry: 'https://registry.npmjs.org/' }) as const;

  it('removes the entry with a masked diff, and undo restores the exact bytes', async () => {
    const file = path.join(tempDir(), '.npmrc');
    const old = `\uFEFF; mine\r\n//registry.npmjs.org/:_authToken=${OLD}\r\n//other.example/:_authToken=${OTHER}\r\nx=ü`;
    writeFileSync(file, old);
    chmodSync(file, 0o640);
    const plan = await planRemove(removeTarget(file));
    expect(plan).toMatchObject({ changed: true, entry: '//registry.npmjs.org/:_authToken' });
    expect(plan.diff).toContain('-//registry.npmjs.org/:_authToken=kp-t••••••••0000');
    expect(plan.diff).toContain(' //other.example/:_authToken=kp-t••••••••0002');
    // A removal adds nothing: the only `+` line is the header.
    expect(plan.diff.split('\n').filter((l) => l.startsWith('+'))).toEqual([`+++ ${file}`]);
    for (const s of [OLD, OTHER]) expect(plan.diff).not.toContain(s);
    const applied = await applyWrite(plan);
    expect(readFileSync(file, 'utf8')).toBe(
      `\uFEFF; mine\r\n//other.example/:_authToken=${OTHER}\r\nx=ü`,
    );
    expect(applied.previous?.toString('utf8')).toBe(old);
    expect(readdirSync(path.dirname(file))).toEqual(['.npmrc']);
    // The other registry's token stays in the file, so it is narrowed to the owner too.
    expect(mode(file)).toBe(0o600);
    expect(await undoWrite(applied)).toEqual({ restored: 'previous' });
    expect(readFileSync(file, 'utf8')).toBe(old);
    expect(mode(file)).toBe(0o640);
  });

  it('write then remove through the public API gives back the original file', async () => {
    const file = path.join(tempDir(), '.npmrc');
    writeFileSync(file, 'a=1\n# keep');
    await applyWrite(await planWrite(npmTarget(file)));
    await applyWrite(await planRemove(removeTarget(file)));
    expect(readFileSync(file, 'utf8')).toBe('a=1\n# keep');
  });

  it('changes nothing for a missing file or one without the entry, and creates no file', async () => {
    const dir = tempDir();
    const missing = path.join(dir, 'sub', '.npmrc');
    const plan = await planRemove(removeTarget(missing));
    expect(plan).toMatchObject({ changed: false, diff: '', before: null, baselineHash: 'absent' });
    expect(await applyWrite(plan)).toMatchObject({ previous: null, afterHash: 'absent' });
    expect(existsSync(missing)).toBe(false);
    const other = path.join(dir, '.npmrc');
    writeFileSync(other, `//other.example/:_authToken=${OTHER}\n`);
    const none = await planRemove(removeTarget(other));
    expect(none).toMatchObject({ changed: false, diff: '' });
    await applyWrite(none);
    expect(readdirSync(dir)).toEqual(['.npmrc']);
  });

  it('refuses to remove when the file changed after the preview', async () => {
    const file = path.join(tempDir(), '.npmrc');
    writeFileSync(file, `//registry.npmjs.org/:_authToken=${OLD}\n`);
    const plan = await planRemove(removeTarget(file));
    writeFileSync(file, `//registry.npmjs.org/:_authToken=${OTHER}\n`);
    expect(await codeOf(applyWrite(plan))).toBe('CONFIG_CHANGED_ON_DISK');
    expect(readFileSync(file, 'utf8')).toBe(`//registry.npmjs.org/:_authToken=${OTHER}\n`);
  });

  it('refuses an invalid file and bad input without a secret in the message', async () => {
    const dir = tempDir();
    const xml = path.join(dir, 'settings.xml');
    const broken = `<settings><servers><password>${OLD}</settings>`;
    writeFileSync(xml, broken);
    expect(
      await codeOf(planRemove({ format: 'maven', file: xml, registry: 'https://r.example/' })),
    ).toBe('CONFIG_INVALID');
    expect(readFileSync(xml, 'utf8')).toBe(broken);
    expect(await codeOf(planRemove(removeTarget('relative/.npmrc')))).toBe('INVALID_INPUT');
    expect(
      await codeOf(planRemove({ ...removeTarget(path.join(dir, '.npmrc')), registry: 'x' })),
    ).toBe('INVALID_INPUT');
  });

  it.each(TWO_ENTRY_FILES)('%s removal diff shows no credential', async (format, name, content) => {
    const file = path.join(tempDir(), name);
    writeFileSync(file, content);
    const plan = await planRemove(entryX(format, file));
    expect(plan.changed).toBe(true);
    expect(plan.after).not.toContain(OLD);
    expect(plan.after).toContain(OTHER);
    for (const s of [OLD, OTHER]) expect(plan.diff).not.toContain(s);
    expect(plan.diff).toMatch(/^-.*kp-t••••••••0000/m);
    await applyWrite(plan);
    expect(readFileSync(file, 'utf8')).toBe(plan.after);
  });
});
