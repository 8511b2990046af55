import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';

export interface PrivateKeyring {
  /** The variables that point a child at this keyring's bus (merge into its environment). */
  env: { DBUS_SESSION_BUS_ADDRESS: string };
  /** Locks the default collection through the Secret Service's own `Lock` method. */
  lock(): void;
  locked(): boolean;
  stop(): Promise<void>;
}

const SECRETS = ['--dest=org.freedesktop.secrets', '--print-reply'];
const LOGIN = '/org/freedesktop/secrets/collection/login';

/**
 * A D-Bus session bus and gnome-keyring of the test's own, beside the shared one of
 * scripts/with-keyring.mjs: a test that locks the keychain must not lock it for the test files
 * running next to it. The bus runs without DISPLAY or WAYLAND_DISPLAY, so the unlock prompt
 * gnome-keyring asks for (gcr-prompter, activated by this bus) fails at once instead of
 * opening a window and waiting, as on a desktop where the user dismisses it.
 * (`secret-tool lock --collection=…` of libsecret-tools 0.20.5 trips a GLib assertion and
 * hangs, so the lock goes through dbus-send.)
 */
export async function startPrivateKeyring(dir: string): Promise<PrivateKeyring> {
  const env: NodeJS.ProcessEnv = { ...process.env, XDG_DATA_HOME: path.join(dir, 'data') };
  for (const k of ['DISPLAY', 'WAYLAND_DISPLAY', 'DBUS_SESSION_BUS_ADDRESS']) delete env[k];
  env.XDG_RUNTIME_DIR = path.join(dir, 'run');
  mkdirSync(env.XDG_RUNTIME_DIR, { recursive: true, mode: 0o700 });
  const bus: ChildProcess = spawn('dbus-daemon', ['--session', '--nofork', '--print-address=1'], {
    env,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const exited = new Promise<void>((resolve) => bus.on('exit', () => resolve()));
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    bus.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.trim());
    });
    bus.on('exit', () => reject(new Error('dbus-daemon exited at start')));
  });
  env.DBUS_SESSION_BUS_ADDRESS = address;
  // The daemon reads the keyring's password ("test", a throw-away keyring) on stdin, unlocks
  // the login collection, forks into the background and quits when the bus goes away.
  const keyring = spawnSync('gnome-keyring-daemon', ['--unlock', '--components=secrets'], {
    env,
    input: 'test',
  });
  if (keyring.status !== 0) throw new Error('gnome-keyring-daemon did not start');
  const send = (args: string[]) =>
    spawnSync('dbus-send', ['--session', ...SECRETS, ...args], { env, encoding: 'utf8' });
  return {
    env: { DBUS_SESSION_BUS_ADDRESS: address },
    lock() {
      const r = send([
        '/org/freedesktop/secrets',
        'org.freedesktop.Secret.Service.Lock',
        `array:objpath:${LOGIN}`,
      ]);
      if (r.status !== 0) throw new Error(`Lock failed: ${r.stderr}`);
    },
    locked() {
      const r = send([
        LOGIN,
        'org.freedesktop.DBus.Properties.Get',
        'string:org.freedesktop.Secret.Collection',
        'string:Locked',
      ]);
      return /boolean true/.test(r.stdout);
    },
    async stop() {
      bus.kill();
      await exited;
    },
  };
}
