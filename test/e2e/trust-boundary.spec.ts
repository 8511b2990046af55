import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';

/**
 * The e2e bridge runs the core in app mode, so page script meets the same boundary as in the app:
 * `window.keyport` from the real page, the real core behind the bridge, and `bridge.dialogs`
 * playing the user at main's native dialogs (the one stand-in: Electron cannot run here).
 */
test('page script cannot name a file; a file the user picks in main’s dialog can be written', async ({
  app,
  bridge,
  home,
}) => {
  await expect(app.getByRole('heading').first()).toBeVisible();
  const token = await bridge.core.service.addToken({
    label: 'work',
    registry: 'https://registry.example.test/',
    ecosystem: 'npm',
    secret: 'npm_kpTestE2eBoundary0000000000000001',
  });
  const bashrc = path.join(home, '.bashrc');
  const picked = path.join(home, 'team-npm-config');
  writeFileSync(bashrc, 'alias ll="ls -l"\n');
  writeFileSync(picked, '; team\n');
  type Api = Record<string, (r: unknown) => Promise<{ ok: boolean; error?: { code: string } }>>;
  const plan = (file: string) =>
    app.evaluate(
      ([tokenId, target]) =>
        (window as unknown as { keyport: Api }).keyport.planWrite!({
          tokenId,
          format: 'npmrc',
          file: target,
        }),
      [token.id, file] as const,
    );

  expect((await plan(bashrc)).error?.code).toBe('PATH_NOT_ALLOWED');
  expect((await plan(picked)).error?.code).toBe('PATH_NOT_ALLOWED');

  bridge.dialogs.nextPick(picked);
  const pick = await app.evaluate(() =>
    (window as unknown as { keyport: Api }).keyport.pickConfigFile!({ format: 'npmrc' }),
  );
  expect(pick).toEqual({ ok: true, value: { file: picked } });
  expect((await plan(picked)).ok).toBe(true);
  expect(readFileSync(bashrc, 'utf8')).toBe('alias ll="ls -l"\n');
});
