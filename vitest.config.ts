import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
          // A few unit tests load ESLint, electron-builder or run 2,000 property cases: seconds
          // on a busy machine. Speed is measured by `npm run bench`, not by this ceiling.
          testTimeout: 15_000,
        },
      },
      {
        // Needs a real Secret Service, Verdaccio and the real clients: run via `npm run test:integration`.
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/support/build-cli-once.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
      {
        plugins: [react()],
        test: {
          name: 'component',
          include: ['test/component/**/*.test.tsx'],
          environment: 'happy-dom',
          // The real core answers (files, a local registry): on a busy 2-core machine a long
          // typing test can pass 5 s. A ceiling for a hung test, not a speed check.
          testTimeout: 30_000,
          setupFiles: ['test/component/setup.ts'],
        },
      },
    ],
  },
});
