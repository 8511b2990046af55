// The Debian packages the tests need, and a check that installs them when it can (root + apt).
import { spawnSync } from 'node:child_process';

export const DEBIAN_PACKAGES = [
  'dbus',
  'dbus-x11',
  'gnome-keyring',
  'libsecret-1-0',
  'libsecret-tools',
  'xvfb',
  'chromium',
  'mono-complete',
  'curl',
];

/** Commands whose absence means the packages above are missing. */
const PROBES = {
  'dbus-run-session': 'dbus',
  'gnome-keyring-daemon': 'gnome-keyring',
  'secret-tool': 'libsecret-tools',
  chromium: 'chromium',
  mono: 'mono-complete',
  curl: 'curl',
};

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

export function missingPackages() {
  return [
    ...new Set(
      Object.entries(PROBES)
        .filter(([cmd]) => !has(cmd))
        .map(([, pkg]) => pkg),
    ),
  ];
}

/** Installs what is missing when we are root on a Debian-like system; else says what to run. */
export function ensureSystemDeps() {
  const missing = missingPackages();
  if (missing.length === 0) return true;
  const install = `apt-get install -y --no-install-recommends ${DEBIAN_PACKAGES.join(' ')}`;
  if (process.getuid?.() === 0 && has('apt-get')) {
    console.log(`Installing test dependencies (${missing.join(', ')}) with apt-get…`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const ok =
      spawnSync('apt-get', ['update'], { stdio: 'inherit', env }).status === 0 &&
      spawnSync('sh', ['-c', install], { stdio: 'inherit', env }).status === 0;
    return ok && missingPackages().length === 0;
  }
  console.error(
    `Missing test dependencies: ${missing.join(', ')}.\nInstall them with:\n  sudo ${install}`,
  );
  return false;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exit(ensureSystemDeps() ? 0 : 1);
}
