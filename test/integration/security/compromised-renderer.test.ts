import { mkdirSync, readFileSync, symlinkSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openCore, type Core } from '../../../src/core/open-core';
import type { TokenMeta } from '../../../src/shared/types';
import { wireMainIpc, type MainIpc } from '../../support/main-ipc';
import { ScriptedDialogs } from '../../support/scripted-dialogs';
import { useTempDirs } from '../../support/temp-dir';
import { startVerdaccio, type VerdaccioHandle } from '../../support/verdaccio';
import { putFile } from '../../support/put-file';

/**
 * The attacks of issue 12, made the way script injected into the renderer would make them: from
 * our own app://keyport main frame, through main's real `registerIpc`, into the real core in app
 * mode, with the real Secret Service (with-keyring.mjs) and real files in a temp HOME. The one
 * stand-in is ScriptedDialogs, which plays the user at Electron's native dialogs (the Electron
 * binary cannot run here); with nothing scripted it cancels, as a user closing the dialog would.
 */
const tempDir = useTempDirs();
const SECRET = 'npm_kpTestCompromisedRenderer000000001';
/** Shell syntax that still passes the token schema (no spaces, no "${"). */
const PAYLOAD_SECRET = 'x$(touch$HOME/pwned)';
/** The review's payload: "${…}" is refused as a token at the door (issue 12 item 4). */
const EXPANDING_PAYLOAD = 'x$(touch${IFS}$HOME/pwned)';

let root: string;
let home: string;
let dataDir: string;
let dialogs: ScriptedDialogs;
let core: Core;
let ipc: MainIpc;
let token: TokenMeta;

async function session(): Promise<{ core: Core; ipc: MainIpc; dialogs: ScriptedDialogs }> {
  const scripted = new ScriptedDialogs();
  const opened = await openCore({
    access: { mode: 'app', dialogs: scripted },
    version: 'test',
    home,
    // Not process.env: npm exports npm_config_userconfig (the real ~/.npmrc) to test runs.
    env: { HOME: home },
    dataDir,
  });
  return { core: opened, ipc: wireMainIpc(opened.service), dialogs: scripted };
}

beforeEach(async () => {
  root = tempDir('keyport-renderer-');
  home = path.join(root, 'home');
  dataDir = path.join(root, 'data');
  mkdirSync(home);
  ({ core, ipc, dialogs } = await session());
  token = await ipc.call('vault:add', {
    label: 'work',
    registry: 'https://registry.example.test/',
    ecosystem: 'npm',
    secret: SECRET,
  });
});

afterEach(async () => {
  // The keychain is with-keyring's throw-away one, but each test leaves it as it found it.
  for (const t of await core.vault.list()) await core.vault.remove(t.id);
  await core.close();
});

describe('compromised renderer: paths are capabilities', () => {
  it('cannot plan or apply a write to ~/.bashrc, whatever the token holds', async () => {
    const bashrc = putFile(path.join(home, '.bashrc'), 'alias ll="ls -l"\n');
    const expanding = await ipc.refused('vault:add', {
      label: 'payload',
      registry: 'https://registry.example.test/',
      ecosystem: 'npm',
      secret: EXPANDING_PAYLOAD,
    });
    expect(expanding.code).toBe('INVALID_INPUT');
    const payload = await ipc.call('vault:add', {
      label: 'payload',
      registry: 'https://registry.example.test/',
      ecosystem: 'npm',
      secret: PAYLOAD_SECRET,
    });
    for (const file of [bashrc, '~/.bashrc', path.join(home, '.profile')]) {
      for (const tokenId of [token.id, payload.id]) {
        const error = await ipc.refused('config:plan', { tokenId, format: 'npmrc', file });
        expect(error.code).toBe('PATH_NOT_ALLOWED');
        expect(error.message).toContain('Choose file…');
      }
    }
    // No plan was made, so there is nothing to apply.
    expect((await ipc.refused('config:apply', { planId: 'made-up-plan' })).code).toBe(
      'INVALID_INPUT',
    );
    expect(readFileSync(bashrc, 'utf8')).toBe('alias ll="ls -l"\n');
    expect(existsSync(path.join(home, '.profile'))).toBe(false);
    expect(existsSync(path.join(home, 'pwned'))).toBe(false);
  });

  it('cannot write any file whose name does not fit the format, even beside a standard one', async () => {
    const targets: Array<[string, string]> = [
      ['npmrc', path.join(home, 'notes.txt')],
      ['npmrc', path.join(home, '.m2', 'settings.xml')],
      ['maven', path.join(home, '.npmrc')],
      ['netrc', path.join(home, '.ssh', 'config')],
      ['pip', path.join(home, '.config', 'pip', 'pip.conf.d')],
      ['nuget', path.join(home, 'src', 'app', 'Program.cs')],
    ];
    for (const [format, file] of targets) {
      expect((await ipc.refused('config:plan', { tokenId: token.id, format, file })).code).toBe(
        'PATH_NOT_ALLOWED',
      );
    }
  });

  it('cannot read a file through the preview: /etc/passwd and ~/.ssh/id_ed25519 give no line', async () => {
    const key = putFile(
      path.join(home, '.ssh', 'id_ed25519'),
      '-----BEGIN OPENSSH PRIVATE KEY-----\nkp-fake-private-key-material\n-----END OPENSSH PRIVATE KEY-----\n',
    );
    for (const format of ['npmrc', 'netrc', 'pip', 'maven']) {
      for (const file of ['/etc/passwd', key]) {
        const answer = await ipc.invoke('config:plan', { tokenId: token.id, format, file });
        expect(answer.ok).toBe(false);
        const text = JSON.stringify(answer);
        expect(text).toContain('PATH_NOT_ALLOWED');
        expect(text).not.toContain('root:');
        expect(text).not.toContain('kp-fake-private-key-material');
        expect(text).not.toContain('BEGIN OPENSSH');
      }
    }
  });

  it('gets the same answer for an existing and a missing file: no existence oracle', async () => {
    putFile(path.join(home, '.ssh', 'id_ed25519'), 'private\n');
    const answers = [];
    for (const file of [
      path.join(home, '.ssh', 'id_ed25519'),
      path.join(home, '.ssh', 'id_rsa'),
      path.join(home, 'no-such-folder', 'secret.txt'),
      '/etc/shadow',
      '/etc/no-such-file',
    ]) {
      answers.push(await ipc.invoke('config:plan', { tokenId: token.id, format: 'netrc', file }));
    }
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(answers[0]!.ok).toBe(false);
  });

  it('cannot leave a picked folder through a symlink or ..', async () => {
    const project = path.join(root, 'project');
    const key = putFile(path.join(home, '.ssh', 'id_ed25519'), 'kp-fake-private-key-material\n');
    mkdirSync(project);
    symlinkSync(key, path.join(project, '.npmrc'));
    symlinkSync(path.join(home, '.ssh'), path.join(project, 'linked'));
    dialogs.nextFolder(project);
    expect(await ipc.call('dialog:pick-folder', { purpose: 'scan' })).toEqual({ dir: project });
    for (const file of [
      path.join(project, '.npmrc'),
      path.join(project, 'linked', '.npmrc'),
      `${project}/../home/.ssh/.npmrc`,
    ]) {
      const answer = await ipc.invoke('config:plan', { tokenId: token.id, format: 'npmrc', file });
      expect(JSON.stringify(answer)).toContain('PATH_NOT_ALLOWED');
      expect(JSON.stringify(answer)).not.toContain('kp-fake-private-key-material');
    }
    expect(readFileSync(key, 'utf8')).toBe('kp-fake-private-key-material\n');
    // Scanning a link out of the picked folder is refused the same way.
    expect((await ipc.refused('scan:run', { projectDir: path.join(project, 'linked') })).code).toBe(
      'PATH_NOT_ALLOWED',
    );
  });

  it('cannot scan a folder the user did not pick, and so cannot import or reveal what is in it', async () => {
    const other = path.join(root, 'someone-else');
    putFile(
      path.join(other, '.npmrc'),
      '//registry.other.test/:_authToken=npm_kpTestFoundInOther00001\n',
    );
    putFile(path.join(root, 'picked', 'README'), 'hi\n');
    const before = await ipc.call('vault:list', {});
    for (const projectDir of [other, '/', home, path.join(root, 'missing')]) {
      const error = await ipc.refused('scan:run', { projectDir });
      expect(error.code).toBe('PATH_NOT_ALLOWED');
      expect(error.message).toContain('Choose folder…');
    }
    // A different folder picked does not open this one.
    dialogs.nextFolder(path.join(root, 'picked'));
    await ipc.call('dialog:pick-folder', { purpose: 'scan' });
    expect((await ipc.refused('scan:run', { projectDir: other })).code).toBe('PATH_NOT_ALLOWED');
    expect(await ipc.call('vault:list', {})).toEqual(before);
  });
});

describe('compromised renderer: the same flows work when the user chooses', () => {
  it('writes the standard ~/.npmrc without a dialog', async () => {
    const plan = await ipc.call('config:plan', {
      tokenId: token.id,
      format: 'npmrc',
      file: '~/.npmrc',
    });
    expect(plan.creates).toBe(true);
    await ipc.call('config:apply', { planId: plan.planId });
    expect(readFileSync(path.join(home, '.npmrc'), 'utf8')).toContain(SECRET);
    expect(dialogs.asked).toEqual([]);
  });

  it('writes a file of any name the user picked, for the format it was picked for', async () => {
    const picked = putFile(path.join(root, 'team', 'ci-npm-config'), '; team settings\n');
    // Cancelled first: nothing is granted.
    expect(await ipc.call('dialog:pick-config-file', { format: 'npmrc' })).toBeNull();
    expect(
      (await ipc.refused('config:plan', { tokenId: token.id, format: 'npmrc', file: picked })).code,
    ).toBe('PATH_NOT_ALLOWED');

    dialogs.nextPick(picked);
    expect(await ipc.call('dialog:pick-config-file', { format: 'npmrc' })).toEqual({
      file: picked,
    });
    const plan = await ipc.call('config:plan', {
      tokenId: token.id,
      format: 'npmrc',
      file: picked,
    });
    expect(plan.creates).toBe(false);
    await ipc.call('config:apply', { planId: plan.planId });
    expect(readFileSync(picked, 'utf8')).toContain(SECRET);
    // Picked as an npm file, it is not a Maven file.
    expect(
      (await ipc.refused('config:plan', { tokenId: token.id, format: 'maven', file: picked })).code,
    ).toBe('PATH_NOT_ALLOWED');

    // A later session knows the file from the vault's record of the write: no new pick needed.
    const next = await session();
    try {
      const again = await next.ipc.call('config:plan', {
        tokenId: token.id,
        format: 'npmrc',
        file: picked,
        reference: true,
      });
      expect(again.changed).toBe(true);
    } finally {
      await next.core.close();
    }
  });

  it('scans a picked folder and writes the config files of the right kind inside it', async () => {
    const project = path.join(root, 'project');
    putFile(
      path.join(project, '.npmrc'),
      '//registry.found.test/:_authToken=npm_kpTestFoundInProject01\n',
    );
    dialogs.nextFolder(project);
    expect(await ipc.call('dialog:pick-folder', { purpose: 'scan' })).toEqual({ dir: project });
    const findings = await ipc.call('scan:run', { projectDir: project });
    expect(findings.filter((f) => f.level === 'project')).toHaveLength(1);

    for (const file of [path.join(project, '.npmrc'), path.join(project, 'pkg', 'a', '.npmrc')]) {
      const plan = await ipc.call('config:plan', { tokenId: token.id, format: 'npmrc', file });
      await ipc.call('config:apply', { planId: plan.planId });
      expect(readFileSync(file, 'utf8')).toContain(SECRET);
    }
    // The folder grants files of the right kind only.
    expect(
      (
        await ipc.refused('config:plan', {
          tokenId: token.id,
          format: 'npmrc',
          file: path.join(project, 'index.js'),
        })
      ).code,
    ).toBe('PATH_NOT_ALLOWED');
  });
});

/** A registry-shaped server that only records what reaches it: the proof that nothing was sent. */
let recorder: Server;
let recorderUrl: string;
const received: string[] = [];
let verdaccio: VerdaccioHandle;
const PASSWORD = 'kp-test-renderer-password-1';

beforeAll(async () => {
  recorder = createServer((req, res) => {
    received.push(`${req.method} ${req.url} auth=${req.headers.authorization ? 'yes' : 'no'}`);
    res.writeHead(401, { 'content-type': 'application/json' }).end('{"error":"nope"}');
  });
  await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
  recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/`;
  verdaccio = await startVerdaccio();
});

afterAll(async () => {
  recorder.closeAllConnections();
  await new Promise((resolve) => recorder.close(resolve));
  await verdaccio.stop();
});

beforeEach(() => {
  received.length = 0;
});

describe('compromised renderer: credentials leave only with the user’s yes', () => {
  it('sends no password and no token to a new host without a confirmation', async () => {
    const signIn = await ipc.refused('accounts:sign-in', {
      registry: recorderUrl,
      username: 'victim',
      password: PASSWORD,
    });
    expect(signIn.code).toBe('USER_DECLINED');
    const addToken = await ipc.refused('accounts:add-token', {
      registry: recorderUrl,
      secret: SECRET,
    });
    expect(addToken.code).toBe('USER_DECLINED');
    expect(received).toEqual([]);
    // The user was asked in main, and the question holds no secret.
    expect(dialogs.asked).toHaveLength(2);
    expect(dialogs.asked[0]!.message).toContain(new URL(recorderUrl).host);
    expect(JSON.stringify(dialogs.asked)).not.toMatch(new RegExp(`${PASSWORD}|${SECRET}`));
    expect(await ipc.call('accounts:list', {})).toEqual([]);
  });

  it('cannot launder a host by storing a pasted token for it first', async () => {
    await ipc.call('vault:add', {
      label: 'bait',
      registry: recorderUrl,
      ecosystem: 'npm',
      secret: 'npm_kpTestBaitToken0000000000000000001',
    });
    expect(
      (await ipc.refused('accounts:add-token', { registry: recorderUrl, secret: SECRET })).code,
    ).toBe('USER_DECLINED');
    expect(received).toEqual([]);
  });

  it('asks before plain http to another machine, and sends nothing when declined', async () => {
    const error = await ipc.refused('accounts:sign-in', {
      registry: 'http://registry.example.test/',
      username: 'victim',
      password: PASSWORD,
    });
    expect(error.code).toBe('USER_DECLINED');
    expect(dialogs.asked[0]!.detail).toContain('http://');
  });

  it('sends once the user approves, and asks nothing more for a host Keyport now holds an account for', async () => {
    dialogs.approveNext();
    const approvedButRefused = await ipc.refused('accounts:add-token', {
      registry: recorderUrl,
      secret: SECRET,
    });
    // The yes let the request through; this registry then refused the token.
    expect(approvedButRefused.code).toBe('AUTH_FAILED');
    expect(received).toEqual(['GET /-/whoami auth=yes']);

    dialogs.approveNext();
    const account = await ipc.call('accounts:sign-in', {
      registry: verdaccio.url,
      username: 'renderer-user',
      password: PASSWORD,
    });
    expect(dialogs.asked).toHaveLength(2);
    // A new session: the stored account makes the host known, so create asks nothing.
    const next = await session();
    try {
      const created = await next.ipc.call('remote:create', {
        accountId: account.id,
        label: 'ci',
        request: { kind: 'legacy', readonly: true, cidr: [] },
        password: PASSWORD,
      });
      expect(created.token?.registry).toBe(account.registry);
      expect(next.dialogs.asked).toEqual([]);
      for (const t of await next.core.vault.list()) await next.core.vault.remove(t.id);
    } finally {
      await next.core.close();
    }
  });
});

describe('compromised renderer: package sources change only with the user’s yes', () => {
  const pipConf = () => path.join(home, '.config', 'pip', 'pip.conf');
  const PIP_BEFORE = '[global]\nindex-url = https://pypi.corp.test/simple/\n';
  const NPMRC_BEFORE = '@acme:registry=https://npm.acme.test/\n';

  it('cannot point pip’s index-url or an npm scope at a new host without a confirmation', async () => {
    putFile(pipConf(), PIP_BEFORE);
    const npmrc = putFile(path.join(home, '.npmrc'), NPMRC_BEFORE);
    const pip = await ipc.call('config:plan', {
      tokenId: token.id,
      format: 'pip',
      file: pipConf(),
      registry: 'https://pypi.evil.test/simple/',
      username: 'ci',
      pipMode: 'index-url',
    });
    // The preview already says that writing will ask.
    expect(pip.notes).toContain(
      'This adds a package source (pypi.evil.test); Keyport asks you before writing.',
    );
    const declined = await ipc.refused('config:apply', { planId: pip.planId });
    expect(declined).toEqual({
      code: 'USER_DECLINED',
      message: 'You cancelled in the confirmation dialog: nothing was sent or written.',
    });
    const scope = await ipc.call('config:plan', {
      tokenId: token.id,
      format: 'npmrc',
      file: npmrc,
      registry: 'https://npm.evil.test/',
      scope: '@acme',
    });
    expect((await ipc.refused('config:apply', { planId: scope.planId })).code).toBe(
      'USER_DECLINED',
    );
    expect(readFileSync(pipConf(), 'utf8')).toBe(PIP_BEFORE);
    expect(readFileSync(npmrc, 'utf8')).toBe(NPMRC_BEFORE);
    expect(dialogs.asked.map((q) => q.message)).toEqual([
      'Let pip.conf fetch packages from pypi.evil.test?',
      'Let .npmrc fetch packages from npm.evil.test?',
    ]);
  });

  it('says so when the new source is plain http on another machine', async () => {
    const plan = await ipc.call('config:plan', {
      tokenId: token.id,
      format: 'pip',
      file: pipConf(),
      registry: 'http://mirror.evil.test/simple/',
      username: 'ci',
      pipMode: 'extra-index-url',
    });
    expect((await ipc.refused('config:apply', { planId: plan.planId })).code).toBe('USER_DECLINED');
    expect(dialogs.asked[0]!.detail).toContain('plain http');
    expect(existsSync(pipConf())).toBe(false);
  });

  it('writes the new source once the user approves, and asks nothing for a host already there', async () => {
    putFile(pipConf(), PIP_BEFORE);
    dialogs.approveNext();
    const plan = await ipc.call('config:plan', {
      tokenId: token.id,
      format: 'pip',
      file: pipConf(),
      registry: 'https://pypi.new.test/simple/',
      username: 'ci',
      pipMode: 'index-url',
    });
    await ipc.call('config:apply', { planId: plan.planId });
    expect(readFileSync(pipConf(), 'utf8')).toContain('@pypi.new.test/simple/');
    const same = await ipc.call('config:plan', {
      tokenId: token.id,
      format: 'npmrc',
      file: putFile(path.join(home, '.npmrc'), NPMRC_BEFORE),
      registry: 'https://npm.acme.test/',
      scope: '@acme',
    });
    await ipc.call('config:apply', { planId: same.planId });
    expect(readFileSync(path.join(home, '.npmrc'), 'utf8')).toContain(SECRET);
    expect(dialogs.asked).toHaveLength(1);
  });
});
