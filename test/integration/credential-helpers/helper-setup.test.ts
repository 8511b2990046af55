import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gitHelperAdded } from '../../../src/core/credential-helpers/git-setup';
import type { Core } from '../../../src/core/open-core';
import { OsKeychainItems } from '../../../src/core/vault/keychain-items';
import type { TokenMeta } from '../../../src/shared/types';
import { openAppOverIpc, type AppOverIpc } from '../../support/app-over-ipc';
import type { MainIpc } from '../../support/main-ipc';
import type { ScriptedDialogs } from '../../support/scripted-dialogs';
import { useTempDirs } from '../../support/temp-dir';

/**
 * The app's "Use without files" setup through main's real IPC registration into the real core in
 * app mode: the real git writes ~/.gitconfig (read back with `git config --get-all`), the real
 * Docker config.json is rewritten, Python's keyring items go to the real Secret Service
 * (with-keyring.mjs) and are read back with Debian's python3-keyring. ScriptedDialogs plays the
 * user at main's native confirmation (no Electron binary here).
 */
const tempDir = useTempDirs();
const SECRET = `fake-token-${'g'.repeat(24)}`;
const SAVED_LOGIN = `fake-login-${'d'.repeat(20)}`;
const URL_PASSWORD = `fake-url-pw-${'u'.repeat(12)}`;

let home: string;
let dialogs: ScriptedDialogs;
let core: Core;
let ipc: MainIpc;
let token: TokenMeta;

function gitGetAll(file: string, key: string): string {
  const run = spawnSync('git', ['config', '--file', file, '--get-all', key], { encoding: 'utf8' });
  return run.stdout;
}

let app: AppOverIpc;

beforeEach(async () => {
  app = await openAppOverIpc(tempDir('keyport-helper-setup-'), { PATH: process.env.PATH });
  ({ home, dialogs, core, ipc } = app);
  token = await ipc.call('vault:add', {
    label: 'forge',
    registry: 'https://git.example.test/acme/',
    ecosystem: 'other',
    secret: SECRET,
  });
});

afterEach(() => app.close());

describe('git: credential.<url>.helper in ~/.gitconfig', () => {
  it('previews a masked diff, asks in main, writes with git, and undoes', async () => {
    const gitconfig = path.join(home, '.gitconfig');
    const original = `[user]\n\tname = Dev\n[url "https://dev:${URL_PASSWORD}@mirror.example.test/"]\n\tinsteadOf = https://upstream.example.test/\n`;
    writeFileSync(gitconfig, original);

    const preview = await ipc.call('helper:setup-plan', { tokenId: token.id, helper: 'git' });
    expect(preview.changed).toBe(true);
    expect(preview.target).toBe('https://git.example.test');
    expect(preview.files).toHaveLength(1);
    expect(preview.files[0]!.file).toBe(gitconfig);
    expect(preview.files[0]!.diff).toContain('+[credential "https://git.example.test"]');
    expect(preview.files[0]!.diff).toContain('+\thelper = keyport');
    // The unrelated password in the context lines is masked, and the token is nowhere.
    expect(JSON.stringify(preview)).not.toContain(URL_PASSWORD);
    expect(JSON.stringify(preview)).not.toContain(SECRET);
    expect(preview.test).toBe('git ls-remote https://git.example.test/OWNER/REPO.git');

    dialogs.approveNext();
    const outcome = await ipc.call('helper:setup-apply', { planId: preview.planId });
    expect(dialogs.asked).toHaveLength(1);
    expect(dialogs.asked[0]!.message).toBe('Let git ask Keyport for https://git.example.test?');
    expect(outcome.files).toEqual([gitconfig]);
    expect(gitGetAll(gitconfig, 'credential.https://git.example.test.helper')).toBe('keyport\n');
    // git wrote exactly what the preview showed.
    expect(readFileSync(gitconfig, 'utf8')).toBe(
      gitHelperAdded(original, 'https://git.example.test', 'keyport'),
    );

    const places = await ipc.call('helper:where-used', { tokenId: token.id });
    expect(places).toContainEqual({
      helper: 'git',
      host: 'https://git.example.test',
      file: gitconfig,
      entry: 'credential.https://git.example.test.helper',
    });

    // Set up already: nothing to change, nothing asked.
    const again = await ipc.call('helper:setup-plan', { tokenId: token.id, helper: 'git' });
    expect(again.changed).toBe(false);
    expect(again.files[0]!.diff).toBe('');

    await ipc.call('helper:setup-undo', { undoId: outcome.undoId });
    expect(readFileSync(gitconfig, 'utf8')).toBe(original);
    expect(gitGetAll(gitconfig, 'credential.https://git.example.test.helper')).toBe('');
    expect(await ipc.call('helper:where-used', { tokenId: token.id })).toEqual([]);
  });

  it('creates ~/.gitconfig when there is none, and Undo removes it again', async () => {
    const gitconfig = path.join(home, '.gitconfig');
    const preview = await ipc.call('helper:setup-plan', { tokenId: token.id, helper: 'git' });
    expect(preview.files[0]).toMatchObject({ file: gitconfig, creates: true, changed: true });
    dialogs.approveNext();
    const outcome = await ipc.call('helper:setup-apply', { planId: preview.planId });
    expect(gitGetAll(gitconfig, 'credential.https://git.example.test.helper')).toBe('keyport\n');
    await ipc.call('helper:setup-undo', { undoId: outcome.undoId });
    expect(existsSync(gitconfig)).toBe(false);
  });

  it('Undo puts nothing back when ~/.gitconfig changed after the setup, and says so', async () => {
    const gitconfig = path.join(home, '.gitconfig');
    const preview = await ipc.call('helper:setup-plan', { tokenId: token.id, helper: 'git' });
    dialogs.approveNext();
    const outcome = await ipc.call('helper:setup-apply', { planId: preview.planId });
    const edited = `${readFileSync(gitconfig, 'utf8')}[core]\n\teditor = vi\n`;
    writeFileSync(gitconfig, edited);
    const error = await ipc.refused('helper:setup-undo', { undoId: outcome.undoId });
    expect(error.code).toBe('CONFIG_CHANGED_ON_DISK');
    expect(error.message).toBe(
      `${gitconfig} changed since the setup; Keyport put nothing back; edit it by hand to take the setup out.`,
    );
    expect(readFileSync(gitconfig, 'utf8')).toBe(edited);
  });

  it("previews exactly what git config --add writes, whatever the file's shape", () => {
    const shapes = [
      '[user]\n\tname = A\n',
      '[user]\n\tname = A',
      '[credential "https://h.test"]\n\tusername = u\n\n# note\n[core]\n\tx = 1\n',
      '[credential "https://h.test"]\n[core]\n\tx = 1\n',
      '[Credential "https://h.test"]\n\thelper = other\n',
      '[credential "https://h.test"]\n\thelper = a\n[credential "https://h.test"]\n\tusername = b\n# tail\n',
      '[credential "https://H.test"]\n\thelper = a\n',
      '[credential "https://h.test"]\n\thelper = a',
      '[core]\r\n\tx = 1\r\n',
    ];
    for (const shape of shapes) {
      const file = path.join(tempDir('keyport-gitshape-'), 'config');
      writeFileSync(file, shape);
      execFileSync('git', [
        'config',
        '--file',
        file,
        '--add',
        'credential.https://h.test.helper',
        'keyport',
      ]);
      expect(gitHelperAdded(shape, 'https://h.test', 'keyport')).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('refuses to apply when ~/.gitconfig changed after the preview, before asking', async () => {
    const gitconfig = path.join(home, '.gitconfig');
    writeFileSync(gitconfig, '[user]\n\tname = Dev\n');
    const preview = await ipc.call('helper:setup-plan', { tokenId: token.id, helper: 'git' });
    writeFileSync(gitconfig, '[user]\n\tname = Someone else\n');
    dialogs.approveNext();
    const error = await ipc.refused('helper:setup-apply', { planId: preview.planId });
    expect(error.code).toBe('CONFIG_CHANGED_ON_DISK');
    expect(dialogs.asked).toHaveLength(0);
    expect(readFileSync(gitconfig, 'utf8')).toBe('[user]\n\tname = Someone else\n');
  });
});

describe('docker: credHelpers in ~/.docker/config.json', () => {
  it('points the host at Keyport, moves its saved login into the vault, and undoes', async () => {
    const config = path.join(home, '.docker', 'config.json');
    mkdirSync(path.dirname(config), { recursive: true });
    const auth = Buffer.from(`ci:${SAVED_LOGIN}`).toString('base64');
    const original = `{\n\t"auths": {\n\t\t"git.example.test": {\n\t\t\t"auth": "${auth}"\n\t\t},\n\t\t"other.example.test": {\n\t\t\t"auth": "b3RoZXI6b3RoZXI="\n\t\t}\n\t}\n}\n`;
    writeFileSync(config, original);

    const preview = await ipc.call('helper:setup-plan', { tokenId: token.id, helper: 'docker' });
    expect(preview.target).toBe('git.example.test');
    expect(preview.moves).toBe(1);
    expect(preview.files.map((f) => f.file)).toEqual([config]);
    expect(preview.files[0]!.diff).toContain('+\t"credHelpers": {');
    expect(preview.files[0]!.diff).toContain('+\t\t"git.example.test": "keyport"');
    expect(JSON.stringify(preview)).not.toContain(auth);
    expect(JSON.stringify(preview)).not.toContain('b3RoZXI6b3RoZXI=');
    // Whose login moves, and dots for its password (maskDockerAuth).
    expect(preview.files[0]!.diff).toContain('-\t\t\t"auth": "ci:••••••••"');

    dialogs.approveNext();
    const outcome = await ipc.call('helper:setup-apply', { planId: preview.planId });
    expect(dialogs.asked[0]!.message).toBe(
      'Let Docker, Podman, Skopeo and Buildah ask Keyport for git.example.test?',
    );
    expect(outcome.imported).toBe(1);
    const written = JSON.parse(readFileSync(config, 'utf8')) as {
      auths: Record<string, unknown>;
      credHelpers: Record<string, string>;
    };
    expect(written.credHelpers).toEqual({ 'git.example.test': 'keyport' });
    expect(Object.keys(written.auths)).toEqual(['other.example.test']);
    expect(readFileSync(config, 'utf8')).not.toContain(SAVED_LOGIN);
    // The saved login now lives in the keychain, as a token of the vault.
    const moved = (await core.vault.list()).find((t) => t.label === 'ci @ git.example.test');
    expect(moved).toBeDefined();
    expect(await core.vault.reveal(moved!.id)).toBe(SAVED_LOGIN);

    expect(await ipc.call('helper:where-used', { tokenId: token.id })).toEqual([
      {
        helper: 'docker',
        host: 'git.example.test',
        file: config,
        entry: 'credHelpers["git.example.test"]',
      },
    ]);

    await ipc.call('helper:setup-undo', { undoId: outcome.undoId });
    expect(readFileSync(config, 'utf8')).toBe(original);
  });

  it('also clears a containers auth.json whose saved login would answer first', async () => {
    const authJson = path.join(home, '.config', 'containers', 'auth.json');
    mkdirSync(path.dirname(authJson), { recursive: true });
    const auth = Buffer.from(`ci:${SAVED_LOGIN}`).toString('base64');
    writeFileSync(
      authJson,
      JSON.stringify({ auths: { 'git.example.test': { auth } } }, null, '\t'),
    );
    const preview = await ipc.call('helper:setup-plan', { tokenId: token.id, helper: 'docker' });
    expect(preview.files.map((f) => f.file)).toEqual([
      path.join(home, '.docker', 'config.json'),
      authJson,
    ]);
    expect(preview.files[0]!.creates).toBe(true);
    dialogs.approveNext();
    await ipc.call('helper:setup-apply', { planId: preview.planId });
    expect(readFileSync(authJson, 'utf8')).not.toContain(auth);
    expect(JSON.parse(readFileSync(authJson, 'utf8'))).toEqual({
      auths: {},
      credHelpers: { 'git.example.test': 'keyport' },
    });
  });
});

/** What Debian's python3-keyring (SecretService backend) answers for this service and user. */
function keyringGet(service: string, username = 'ci'): string | null {
  const read = spawnSync('/usr/bin/python3', ['-m', 'keyring', 'get', service, username], {
    encoding: 'utf8',
    env: { ...process.env, HOME: home },
  });
  return read.status === 0 ? read.stdout.replace(/\n$/, '') : null;
}

/** A password the user stored with Python's keyring itself, before Keyport was set up. */
function keyringSet(service: string, password: string, username = 'ci'): void {
  const code = 'import sys, keyring; keyring.set_password(sys.argv[1], sys.argv[2], sys.argv[3])';
  execFileSync('/usr/bin/python3', ['-c', code, service, username, password], {
    env: { ...process.env, HOME: home },
  });
}

/** Deletes every item Python's keyring finds for the name (it deletes one per call). */
function keyringDeleteAll(service: string, username: string): void {
  for (let i = 0; i < 5; i++) {
    const del = spawnSync('/usr/bin/python3', ['-m', 'keyring', 'del', service, username], {
      env: { ...process.env, HOME: home },
    });
    if (del.status !== 0) return;
  }
}

const INDEX = 'https://pypi.example.test/simple/';
const OWN_PASSWORD = `fake-own-pw-${'o'.repeat(12)}`;

async function addIndexToken(): Promise<TokenMeta> {
  return ipc.call('vault:add', {
    label: 'index',
    registry: INDEX,
    ecosystem: 'pip',
    user: 'ci',
    secret: SECRET,
  });
}

async function setUpPython(index: TokenMeta) {
  const preview = await ipc.call('helper:setup-plan', { tokenId: index.id, helper: 'python' });
  dialogs.approveNext();
  return ipc.call('helper:setup-apply', { planId: preview.planId });
}

describe("python: the token in the keychain where Python's keyring looks", () => {
  // The keychain outlives each test: take out every item a test (or Python's keyring) left for
  // these names, so no test depends on what an earlier one stored.
  afterEach(() => {
    for (const service of [INDEX, 'pypi.example.test']) {
      for (const user of ['ci', 'dup']) keyringDeleteAll(service, user);
    }
  });

  it('previews the keychain items, asks, links them, and Where used lists them', async () => {
    const index = await addIndexToken();
    const preview = await ipc.call('helper:setup-plan', { tokenId: index.id, helper: 'python' });
    expect(preview.files).toEqual([]);
    expect(preview.keychain).toEqual([
      { service: 'https://pypi.example.test/simple/', username: 'ci', exists: false },
      { service: 'pypi.example.test', username: 'ci', exists: false },
    ]);
    dialogs.approveNext();
    const outcome = await ipc.call('helper:setup-apply', { planId: preview.planId });
    expect(dialogs.asked[0]!.message).toBe(
      'Let pip, twine and Poetry use "index" for https://pypi.example.test/simple/?',
    );
    expect(outcome.undoId).not.toBeNull();
    expect(outcome.token?.helperLinks?.map((l) => l.service)).toEqual([
      'https://pypi.example.test/simple/',
      'pypi.example.test',
    ]);
    expect(keyringGet('pypi.example.test')).toBe(SECRET);
    expect(
      (await ipc.call('helper:where-used', { tokenId: index.id })).map((p) => p.entry),
    ).toEqual(['https://pypi.example.test/simple/ (ci)', 'pypi.example.test (ci)']);
    const again = await ipc.call('helper:setup-plan', { tokenId: index.id, helper: 'python' });
    expect(again.changed).toBe(false);
  });

  it("Undo takes Keyport's items out of the keychain, puts back the user's own, and keeps the token", async () => {
    const index = await addIndexToken();
    // The user had stored a password for the host with keyring itself; the index URL had none.
    keyringSet('pypi.example.test', OWN_PASSWORD);
    const outcome = await setUpPython(index);
    expect(keyringGet(INDEX)).toBe(SECRET);
    expect(keyringGet('pypi.example.test')).toBe(SECRET);

    const undone = await ipc.call('helper:setup-undo', { undoId: outcome.undoId });
    expect(undone.files).toEqual([]);
    expect(undone.keychain).toEqual([`${INDEX} (ci)`, 'pypi.example.test (ci)']);
    expect(undone.token?.helperLinks ?? []).toEqual([]);
    expect(JSON.stringify(undone)).not.toContain(OWN_PASSWORD);
    // Python's keyring no longer gets the token; the user's own password is back.
    expect(keyringGet(INDEX)).toBeNull();
    expect(keyringGet('pypi.example.test')).toBe(OWN_PASSWORD);
    // The token itself stays in the vault, and nothing lists the helper any more.
    expect(await core.vault.reveal(index.id)).toBe(SECRET);
    expect(await ipc.call('helper:where-used', { tokenId: index.id })).toEqual([]);
    expect((await ipc.refused('helper:setup-undo', { undoId: outcome.undoId })).code).toBe(
      'NOTHING_TO_UNDO',
    );
  });

  it('Undo changes nothing when a keychain item changed after the setup', async () => {
    const index = await addIndexToken();
    const outcome = await setUpPython(index);
    // Another program overwrites the very item (Python's own `keyring set` would add a second
    // one beside it instead: the next test).
    await new OsKeychainItems().set('pypi.example.test', 'ci', OWN_PASSWORD);
    const error = await ipc.refused('helper:setup-undo', { undoId: outcome.undoId });
    expect(error.code).toBe('CONFIG_CHANGED_ON_DISK');
    expect(error.message).not.toContain(OWN_PASSWORD);
    expect(keyringGet(INDEX)).toBe(SECRET);
    expect(keyringGet('pypi.example.test')).toBe(OWN_PASSWORD);
    expect((await core.vault.get(index.id)).helperLinks).toHaveLength(2);
  });

  it("Undo names a second item Python's keyring stored beside Keyport's as a change", async () => {
    // Its own user, so the item is Keyport's alone before the user's keyring set.
    const index = await ipc.call('vault:add', {
      label: 'index',
      registry: INDEX,
      ecosystem: 'pip',
      user: 'dup',
      secret: SECRET,
    });
    const outcome = await setUpPython(index);
    keyringSet('pypi.example.test', OWN_PASSWORD, 'dup');
    const error = await ipc.refused('helper:setup-undo', { undoId: outcome.undoId });
    expect(error.code).toBe('CONFIG_CHANGED_ON_DISK');
    expect(error.message).toBe(
      'The keychain item pypi.example.test (dup) changed since the setup; Keyport changed nothing.',
    );
    expect(keyringGet(INDEX, 'dup')).toBe(SECRET);
    expect((await core.vault.get(index.id)).helperLinks).toHaveLength(2);
  });
});
