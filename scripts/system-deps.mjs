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
  // Credential helpers (issue 17): git's http-backend, Python's keyring and pip, the container
  // tools with a real registry (htpasswd makes its bcrypt file), and the Debian helper we time
  // ours against. Measured: ~30 s to install on a machine that has the rest.
  'git',
  'python3-keyring',
  'python3-pip',
  'skopeo',
  'podman',
  'docker-registry',
  'apache2-utils',
  'golang-docker-credential-helpers',
  // Issue 16: Composer (with the PHP it runs on) reads the auth.json Keyport writes, and
  // Bundler (with Ruby) the .bundle/config; both proofs run the real clients.
  'composer',
  'php-cli',
  'ruby-bundler',
  // The gradle writer's proof (issue 16): Debian's Gradle 4.4.1 runs on Java 17 and reads the
  // gradle.properties Keyport wrote (gradle -q properties in a throw-away build, ~3 s each).
  'gradle',
];

/** Commands whose absence means the packages above are missing. */
const PROBES = {
  'dbus-run-session': 'dbus',
  'gnome-keyring-daemon': 'gnome-keyring',
  'secret-tool': 'libsecret-tools',
  chromium: 'chromium',
  mono: 'mono-complete',
  curl: 'curl',
  git: 'git',
  keyring: 'python3-keyring',
  skopeo: 'skopeo',
  podman: 'podman',
  'docker-registry': 'docker-registry',
  htpasswd: 'apache2-utils',
  'docker-credential-secretservice': 'golang-docker-credential-helpers',
  composer: 'composer',
  php: 'php-cli',
  bundle: 'ruby-bundler',
  gradle: 'gradle',
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
