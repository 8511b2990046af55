import { execFileSync } from 'node:child_process';

/**
 * Vitest globalSetup of the integration project: the tests spawn the real `keyport` binary and
 * the credential helpers, so their bundles are built once per run, before any file starts
 * (each file building them again cost seconds and raced when two runs shared a checkout).
 */
export default function buildCliOnce(): void {
  execFileSync(process.execPath, ['scripts/build-cli.mjs'], { stdio: 'inherit' });
}
