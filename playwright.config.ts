import { readFileSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/** One launch recipe for the e2e tests and the renderer bench. */
const chromium = JSON.parse(
  readFileSync(new URL('./test/support/chromium.json', import.meta.url), 'utf8'),
) as { executablePath: string; args: string[] };

// Debian's Chromium (no browser download here); run through scripts/with-keyring.mjs so the
// bridge's core has a real Secret Service.
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results',
  use: {
    headless: true,
    viewport: { width: 1100, height: 700 },
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? chromium.executablePath,
      args: chromium.args,
    },
    trace: 'off',
    screenshot: 'off',
  },
});
