import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { envVarName } from '../../../src/shared/references';
import { openAppOverIpc, type AppOverIpc } from '../../support/app-over-ipc';
import { cliVault } from '../../support/cli-vault';
import { useTempDirs } from '../../support/temp-dir';
import { putFile } from '../../support/put-file';

// The app's side of issue 15 through main's real IPC registration (as the renderer reaches it),
// the real core in app mode, the Secret Service and real files. ScriptedDialogs plays the user
// at the native folder picker (the Electron binary cannot run here).
const tempDir = useTempDirs();
let opened: AppOverIpc | undefined;

afterEach(async () => {
  await opened?.close();
  opened = undefined;
});

async function app() {
  opened = await openAppOverIpc(tempDir('keyport-app-sweep-'));
  return opened;
}

const TOKEN = `npm_${'a'.repeat(36)}`;

describe('sweep in the app', () => {
  it('sweeps only a picked folder, then imports all with one combined preview', async () => {
    const { root, dialogs, ipc } = await app();
    const work = path.join(root, 'work');
    const a = putFile(
      path.join(work, 'a', '.npmrc'),
      `# a\n//registry.example.test/:_authToken=${TOKEN}\n`,
    );
    const b = putFile(
      path.join(work, 'b', '.npmrc'),
      `//registry.example.test/:_authToken=${TOKEN}\n`,
    );
    putFile(path.join(work, 'c', '.env'), `NPM_TOKEN=npm_${'c'.repeat(36)}\n`);

    expect((await ipc.refused('sweep:run', { dirs: [work] })).code).toBe('PATH_NOT_ALLOWED');
    dialogs.nextFolder(work);
    await ipc.call('dialog:pick-folder', { purpose: 'scan' });
    const result = await ipc.call('sweep:run', { dirs: [work], opId: 'sweep-1' });
    expect(result.findings.map((f) => path.relative(work, f.file))).toEqual([
      'a/.npmrc',
      'b/.npmrc',
      'c/.env',
    ]);
    expect(JSON.stringify(result)).not.toContain(TOKEN);

    const ids = result.findings.map((f) => f.id);
    const preview = await ipc.call('sweep:import', {
      findingIds: ids,
      replaceWithReference: true,
      dryRun: true,
    });
    expect(preview.map((o) => (o.rewrite && 'diff' in o.rewrite ? 'diff' : 'left'))).toEqual([
      'diff',
      'diff',
      'left',
    ]);
    expect(JSON.stringify(preview)).not.toContain(TOKEN);
    expect(readFileSync(a, 'utf8')).toContain(TOKEN);
    expect(await ipc.call('vault:list', {})).toEqual([]);

    const done = await ipc.call('sweep:import', {
      findingIds: ids,
      replaceWithReference: true,
      dryRun: false,
    });
    const tokenId = done[0]!.token!.id;
    expect(done[1]!.token!.id).toBe(tokenId);
    expect(readFileSync(a, 'utf8')).toBe(
      `# a\n//registry.example.test/:_authToken=\${${envVarName(tokenId)}}\n`,
    );
    expect(readFileSync(b, 'utf8')).not.toContain(TOKEN);
    expect((await ipc.call('vault:list', {})).map((t) => t.id).sort()).toHaveLength(2);
  });

  it('follows progress through op:status and stops on op:cancel', async () => {
    const { root, dialogs, ipc } = await app();
    const work = path.join(root, 'big');
    // Enough folders for several slices of the walk, between which main answers other calls.
    for (let i = 0; i < 400; i++) putFile(path.join(work, `p${i}`, 'index.js'), '\n');
    dialogs.nextFolder(work);
    await ipc.call('dialog:pick-folder', { purpose: 'scan' });
    const running = ipc.invoke('sweep:run', { dirs: [work], opId: 'sweep-2' });
    let status = await ipc.call('op:status', { opId: 'sweep-2' });
    while (status.step === null) {
      await new Promise((resolve) => setImmediate(resolve));
      status = await ipc.call('op:status', { opId: 'sweep-2' });
    }
    expect(status).toMatchObject({
      running: true,
      step: expect.stringMatching(/^\d+ folders, \d+ files$/),
    });
    expect(await ipc.call('op:cancel', { opId: 'sweep-2' })).toEqual({ cancelled: true });
    const answer = await running;
    expect(answer).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
  });

  it('imports only findings of this session, never ones a CLI sweep recorded', async () => {
    const { root, ipc } = await app();
    const elsewhere = putFile(
      path.join(root, 'cli-only', '.npmrc'),
      `//r.example.test/:_authToken=${TOKEN}\n`,
    );
    // `keyport scan` of an unpicked folder, sharing the data dir: it records where its findings are.
    const vault = cliVault(root);
    const cli = await vault.open({ HOME: vault.home });
    const swept = await cli.service.sweeps.run({ dirs: [path.dirname(elsewhere)], user: false });
    await cli.close();
    const id = swept.findings[0]!.id;
    const refused = await ipc.refused('sweep:import', {
      findingIds: [id],
      replaceWithReference: false,
      dryRun: false,
    });
    expect(refused.code).toBe('NOT_FOUND');
    expect(await ipc.call('vault:list', {})).toEqual([]);
  });
});
