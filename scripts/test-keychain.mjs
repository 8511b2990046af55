#!/usr/bin/env node
// `npm run test:keychain`: the integration tests against this OS's real keychain. On Linux they
// get a private gnome-keyring (with-keyring.mjs) and also run the Secret Service-specific files;
// on macOS and Windows they use the login keychain / Credential Manager of the CI user.
import { spawnSync } from 'node:child_process';

export const KEYCHAIN_TESTS = ['test/integration/os-keychain.test.ts'];
export const SECRET_SERVICE_TESTS = [
  'test/integration/keyring-secret-store.test.ts',
  'test/integration/vault-keyring.test.ts',
];

const linux = process.platform === 'linux';
const vitest = ['npx', 'vitest', 'run', '--project', 'integration'];
const files = linux ? [...KEYCHAIN_TESTS, ...SECRET_SERVICE_TESTS] : KEYCHAIN_TESTS;
const [command, ...args] = linux
  ? ['node', 'scripts/with-keyring.mjs', ...vitest, ...files]
  : [...vitest, ...files];
const run = spawnSync(command, args, { stdio: 'inherit', shell: process.platform === 'win32' });
process.exit(run.status ?? 1);
