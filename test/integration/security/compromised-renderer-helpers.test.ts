import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Core } from '../../../src/core/open-core';
import type { TokenMeta } from '../../../src/shared/types';
import { openAppOverIpc, type AppOverIpc } from '../../support/app-over-ipc';
import type { MainIpc } from '../../support/main-ipc';
import type { ScriptedDialogs } from '../../support/scripted-dialogs';
import { useTempDirs } from '../../support/temp-dir';

/**
 * The credential-helper setup (issue 17) attacked the way script injected into the renderer
 * would: from our own main frame, through main's real `registerIpc`, into the real core in app
 * mode, with the real git, real files in a temp HOME and the real Secret Service. ScriptedDialogs
 * plays the user at main's native confirmation; with nothing scripted it cancels.
 */
const tempDir = useTempDirs();
const SECRET = `fake-token-${'r'.repeat(24)}`;

let home: string;
let dialogs: ScriptedDialogs;
let core: Core;
let ipc: MainIpc;
let forge: TokenMeta;

/** Every file under `dir` with its bytes: what a test compares before and after. */
function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = path.join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files[path.relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return files;
}

let app: AppOverIpc;

beforeEach(async () => {
  app = await openAppOverIpc(tempDir('keyport-renderer-helpers-'), { PATH: process.env.PATH });
  ({ home, dialogs, core, ipc } = app);
  writeFileSync(path.join(home, '.bashrc'), 'alias ll="ls -l"\n');
  forge = await ipc.call('vault:add', {
    label: 'forge',
    registry: 'https://git.example.test/',
    ecosystem: 'other',
    secret: SECRET,
  });
});

afterEach(() => app.close());

describe('compromised renderer: credential helper setup', () => {
  it('cannot name a file, a host or a helper command: the request is a token id and a kind', async () => {
    const before = snapshot(home);
    const forged: Record<string, unknown>[] = [
      { tokenId: forge.id, helper: 'git', file: path.join(home, '.bashrc') },
      { tokenId: forge.id, helper: 'git', target: 'https://attacker.example.test' },
      { tokenId: forge.id, helper: 'git', gitHelper: '!touch $HOME/pwned' },
      { tokenId: forge.id, helper: 'docker', path: '/etc/containers/auth.json' },
      { tokenId: forge.id, helper: 'ssh' },
      { tokenId: '../../.bashrc', helper: 'git' },
    ];
    for (const payload of forged) {
      expect((await ipc.refused('helper:setup-plan', payload)).code).toBe('INVALID_INPUT');
    }
    for (const payload of [{ planId: 'made-up-plan' }, { planId: 'x', file: '/etc/passwd' }]) {
      expect((await ipc.refused('helper:setup-apply', payload)).code).toBe('INVALID_INPUT');
    }
    expect((await ipc.refused('helper:setup-undo', { undoId: 'made-up' })).code).toBe(
      'NOTHING_TO_UNDO',
    );
    expect(snapshot(home)).toEqual(before);
    expect(dialogs.asked).toHaveLength(0);
  });

  it('cannot skip the confirmation: without the yes in main nothing is written, for each helper', async () => {
    const index = await ipc.call('vault:add', {
      label: 'index',
      registry: 'https://pypi.example.test/simple/',
      ecosystem: 'pip',
      secret: SECRET,
    });
    const before = snapshot(home);
    for (const [tokenId, helper] of [
      [forge.id, 'git'],
      [forge.id, 'docker'],
      [index.id, 'python'],
    ] as const) {
      const preview = await ipc.call('helper:setup-plan', { tokenId, helper });
      expect(preview.changed).toBe(true);
      expect(preview.notes).toContain('Keyport asks you before it changes anything.');
      // Nothing scripted: the user closes the dialog.
      const error = await ipc.refused('helper:setup-apply', { planId: preview.planId });
      expect(error.code).toBe('USER_DECLINED');
      // The plan is used up: a replay is refused before any question (not USER_DECLINED again).
      expect((await ipc.refused('helper:setup-apply', { planId: preview.planId })).code).toBe(
        'INVALID_INPUT',
      );
    }
    expect(dialogs.asked.map((q) => q.message)).toEqual([
      'Let git ask Keyport for https://git.example.test?',
      'Let Docker, Podman, Skopeo and Buildah ask Keyport for git.example.test?',
      'Let pip, twine and Poetry use "index" for https://pypi.example.test/simple/?',
    ]);
    expect(snapshot(home)).toEqual(before);
    expect(existsSync(path.join(home, '.gitconfig'))).toBe(false);
    expect((await core.vault.get(index.id)).helperLinks ?? []).toEqual([]);
  });

  it('writes only the standard file, for the host the token names, once the user says yes', async () => {
    const before = snapshot(home);
    const preview = await ipc.call('helper:setup-plan', { tokenId: forge.id, helper: 'git' });
    dialogs.approveNext();
    await ipc.call('helper:setup-apply', { planId: preview.planId });
    const after = snapshot(home);
    expect(Object.keys(after).sort()).toEqual([...Object.keys(before), '.gitconfig'].sort());
    for (const [file, text] of Object.entries(before)) expect(after[file]).toBe(text);
    expect(after['.gitconfig']).toBe(
      '[credential "https://git.example.test"]\n\thelper = keyport\n',
    );
    expect(JSON.stringify(after)).not.toContain(SECRET);
  });

  it('cannot point a helper at a token no helper may serve: npm tokens and sign-in tokens', async () => {
    const npm = await ipc.call('vault:add', {
      label: 'npm',
      registry: 'https://registry.example.test/',
      ecosystem: 'npm',
      secret: SECRET,
    });
    for (const helper of ['git', 'docker', 'python']) {
      expect((await ipc.refused('helper:setup-plan', { tokenId: npm.id, helper })).code).toBe(
        'INVALID_INPUT',
      );
    }
    expect(
      (await ipc.refused('helper:setup-plan', { tokenId: forge.id, helper: 'python' })).code,
    ).toBe('INVALID_INPUT');
    expect(
      (await ipc.refused('helper:setup-plan', { tokenId: 'no-such-token', helper: 'git' })).code,
    ).toBe('NOT_FOUND');
  });
});
