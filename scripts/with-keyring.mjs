#!/usr/bin/env node
// Runs a command with a real but private Secret Service: a fresh D-Bus session bus and an
// unlocked gnome-keyring whose files live in a temp dir, so tests never touch the user's own
// keychain or home. Needs the Debian packages dbus, gnome-keyring (see .ci/run).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: with-keyring.mjs COMMAND [ARGS…]');
  process.exit(2);
}

for (const tool of ['dbus-run-session', 'gnome-keyring-daemon']) {
  if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
    console.error(
      `${tool} is missing. Install the test dependencies first:\n` +
        '  sudo apt-get install -y dbus dbus-x11 gnome-keyring libsecret-1-0 libsecret-tools',
    );
    process.exit(1);
  }
}

const dataHome = mkdtempSync(path.join(os.tmpdir(), 'keyport-keyring-'));
// The daemon reads the unlock password from stdin; "test" only protects this throw-away keyring.
const inner =
  'printf test | gnome-keyring-daemon --unlock --components=secrets >/dev/null && exec "$@"';
const result = spawnSync('dbus-run-session', ['--', 'sh', '-c', inner, 'with-keyring', ...args], {
  stdio: 'inherit',
  env: { ...process.env, XDG_DATA_HOME: dataHome, KEYPORT_PRIVATE_KEYRING: '1' },
});
rmSync(dataHome, { recursive: true, force: true });
process.exit(result.status ?? 1);
