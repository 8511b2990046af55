import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from './fixtures';
import { expectAccessible, expectClickable, expectNoSidewaysScroll } from './layout-check';
import { seedTokens } from './seed-tokens';

// Issue 13's proof: with 30 tokens, at 1280×800 and at the window minimum 720×480, light and
// dark, nothing scrolls sideways, a list row carries at most one button, the selected token's
// Copy and Write to config… can be clicked, dialogs keep their buttons in view, and axe-core
// finds no serious or critical violation on any view.
const SIZES = [
  { width: 1280, height: 800 },
  { width: 720, height: 480 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

for (const size of SIZES) {
  for (const scheme of SCHEMES) {
    test(`every view at ${size.width}×${size.height}, ${scheme}`, async ({ app, bridge, home }) => {
      // Eleven axe runs over a full page: more than the default 30 s on this 2-core machine.
      test.setTimeout(120_000);
      const at = `${size.width}×${size.height} ${scheme}`;
      await app.emulateMedia({ colorScheme: scheme });
      await app.setViewportSize(size);
      await seedTokens(bridge, 30);
      writeFileSync(
        path.join(home, '.npmrc'),
        '//registry.example.test/:_authToken=kp-test-secret-0031-LAYOUTSCAN\n',
      );
      await app.reload();
      const narrow = size.width < 960;

      // Tokens: the list.
      const list = app.getByRole('listbox', { name: 'Tokens' });
      await expect(list.getByRole('option').first()).toBeVisible();
      if (scheme === 'light' && !narrow) {
        // The bar under the header while a call is in flight: shown late, and it takes no room
        // (the view jumped 2 px on every call when its styles were lost). Placed where
        // app-shell.tsx puts it (in the header, the banner landmark), since no call is slow
        // enough here to show it for real; drawn just below the header's border, full width.
        const bar = await app.evaluate(() => {
          const header = document.querySelector('.app__column > .app-header')!;
          const main = document.getElementById('main')!;
          const before = header.getBoundingClientRect();
          const mainTop = main.getBoundingClientRect().top;
          const el = document.createElement('div');
          el.className = 'progress-bar';
          header.append(el);
          const at = el.getBoundingClientRect();
          const result = {
            delay: getComputedStyle(el).animationDelay,
            room: header.getBoundingClientRect().height - before.height,
            mainMoved: main.getBoundingClientRect().top - mainTop,
            top: at.top - before.bottom,
            left: at.left - before.left,
            width: at.width - before.width,
            height: at.height,
          };
          el.remove();
          return result;
        });
        expect(bar.delay.split(',')[0]).toBe('0.3s');
        expect(bar).toMatchObject({ room: 0, mainMoved: 0, top: 0, left: 0, width: 0, height: 2 });
      }
      await expectNoSidewaysScroll(app, `Tokens ${at}`);
      const rows = list.getByRole('option');
      for (let i = 0; i < (await rows.count()); i++) {
        expect(await rows.nth(i).getByRole('button').count()).toBeLessThanOrEqual(1);
      }
      await expectAccessible(app, `Tokens list ${at}`);

      // The selected token's details, beside the list or pushed over it.
      const option = list.getByRole('option').nth(3);
      const label = (await option.getAttribute('aria-label')) ?? '';
      await option.click();
      const pane = app.getByRole('region', { name: label });
      await expect(pane).toBeVisible();
      if (narrow) await expect(list).toBeHidden();
      else await expect(list).toBeVisible();
      await expectNoSidewaysScroll(app, `Token details ${at}`);
      await expectClickable(pane.getByRole('button', { name: 'Copy' }));
      await expectClickable(pane.getByRole('button', { name: 'Write to config…' }));
      await expectAccessible(app, `Token details ${at}`);
      await pane.getByRole('button', { name: 'Copy' }).click();
      await expect(app.getByRole('status', { name: 'Notifications' })).toContainText('Copied');

      // A dialog keeps its buttons in view (sticky footer) and stays inside the window.
      await pane.getByRole('button', { name: 'Write to config…' }).click();
      const write = app.getByRole('dialog', { name: 'Write to config' });
      await expect(write).toBeVisible();
      await expect(app.getByRole('status', { name: 'Notifications' })).toBeEmpty();
      await expectClickable(write.getByRole('button', { name: 'Preview' }));
      await expectClickable(write.getByRole('button', { name: 'Cancel' }));
      await expectNoSidewaysScroll(app, `Write dialog ${at}`);
      await expectAccessible(app, `Write dialog ${at}`);
      await app.keyboard.press('Escape');
      await expect(write).toBeHidden();

      await app.getByRole('button', { name: 'Add token' }).click();
      const add = app.getByRole('dialog', { name: 'Add token' });
      await expectClickable(add.getByRole('button', { name: 'Add', exact: true }));
      await expectAccessible(app, `Add dialog ${at}`);
      await app.keyboard.press('Escape');
      await expect(add).toBeHidden();

      if (narrow) {
        await pane.getByRole('button', { name: 'Back to tokens' }).click();
        await expect(list).toBeVisible();
      }

      // Scan: grouped findings with details.
      const nav = app.getByRole('navigation', { name: 'Views' });
      await nav.getByRole('button', { name: 'Scan' }).click();
      const main = app.getByRole('main');
      await expectAccessible(app, `Scan intro ${at}`);
      await main.getByRole('button', { name: 'Scan', exact: true }).click();
      const found = main.getByRole('region', { name: 'Found credentials' });
      await expect(found).toContainText('~/.npmrc');
      await expectNoSidewaysScroll(app, `Scan ${at}`);
      await expectAccessible(app, `Scan findings ${at}`);
      await found.getByRole('button').first().click();
      await expect(main.getByRole('button', { name: 'Import…' })).toBeVisible();
      await expectNoSidewaysScroll(app, `Scan details ${at}`);
      await expectAccessible(app, `Scan details ${at}`);

      // Registries (no account yet: its first-run state).
      await nav.getByRole('button', { name: 'Registries' }).click();
      await expect(app.getByRole('heading', { name: 'No accounts yet' })).toBeVisible();
      await expectNoSidewaysScroll(app, `Registries ${at}`);
      await expectAccessible(app, `Registries ${at}`);
    });
  }
}

for (const scheme of SCHEMES) {
  test(`Registries with an account and its tokens, ${scheme}, both sizes`, async ({
    app,
    bridge,
    registry,
  }) => {
    const password = 'e2e-layout-pass-1';
    const { service } = bridge.core;
    // Main asks before sending a password to a registry it has not seen: the test says yes.
    bridge.dialogs.approveAll();
    const account = await service.registries.signIn({
      registry: registry.url,
      username: 'layout',
      password,
    });
    for (const readonly of [true, false]) {
      await service.registries.create({
        accountId: account.id,
        label: readonly ? 'CI read-only' : 'Release publish',
        request: { kind: 'legacy', readonly, cidr: readonly ? ['10.0.0.0/8'] : [] },
        password,
      });
    }
    await app.emulateMedia({ colorScheme: scheme });
    for (const size of SIZES) {
      await app.setViewportSize(size);
      await app.reload();
      await app
        .getByRole('navigation', { name: 'Views' })
        .getByRole('button', { name: 'Registries' })
        .click();
      if (size.width < 960) {
        await app.getByRole('button', { name: account.label }).click();
      }
      const panel = app.getByRole('region', { name: account.label });
      await expect(panel.getByRole('table', { name: 'Remote tokens' })).toContainText(
        'Release publish',
      );
      await expectNoSidewaysScroll(app, `Registries ${size.width} ${scheme}`);
      await expectAccessible(app, `Registries ${size.width} ${scheme}`);
    }
  });
}
