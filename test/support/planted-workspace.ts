import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GitState, SweepFormat } from '../../src/shared/types';

/** One credential put into the workspace, to be found. */
export interface PlantedCredential {
  value: string;
  file: string;
  format: SweepFormat;
  git: GitState;
}

export interface PlantOptions {
  repositories: number;
  /** Credentials planted, spread over the repositories and the eight kinds of file. */
  credentials: number;
  /** Files in each repository's node_modules (dependency noise a sweep should skip). */
  noisePerRepository: number;
  /** The registry the npm-side credentials are paired with (default: a .test host). */
  npmRegistry?: (repo: number) => string;
}

export interface PlantedWorkspace {
  planted: PlantedCredential[];
  /** Files written in all. */
  files: number;
}

const KINDS: SweepFormat[] = ['npmrc', 'yarnrc', 'maven', 'nuget', 'netrc', 'pip', 'pypirc', 'env'];
const GIT_VARIANTS: GitState[] = ['tracked', 'ignored', 'untracked'];

const alnum = (n: number) =>
  Array.from(
    randomBytes(n),
    (b) => 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789'[b % 62],
  ).join('');

/** Values shaped like each registry's real tokens, as a secret scanner would see them. */
function valueFor(kind: SweepFormat, k: number): string {
  switch (kind) {
    case 'npmrc':
    case 'yarnrc':
      return `npm_${alnum(36)}`;
    case 'nuget':
      return `ghp_${alnum(36)}`;
    case 'pypirc':
      return `pypi-AgEIcHlwaS5vcmc${alnum(60)}`;
    case 'env':
      return k % 2 === 0 ? `npm_${alnum(36)}` : `pypi-AgEIcHlwaS5vcmc${alnum(60)}`;
    default:
      return `kp${alnum(30)}`;
  }
}

/** The file (relative to the repository) and its text for one planted credential. */
function fileFor(
  kind: SweepFormat,
  value: string,
  repo: number,
  k: number,
  npm: string,
): [string, string] {
  const host = `corp-${repo}.example.test`;
  const npmHost = new URL(npm);
  const dart = `//${npmHost.host}${npmHost.pathname}`;
  switch (kind) {
    case 'npmrc':
      return ['.npmrc', `registry=${npm}\n${dart}:_authToken=${value}\nsave-exact=true\n`];
    case 'yarnrc':
      return [
        '.yarnrc.yml',
        `nodeLinker: node-modules\nnpmScopes:\n  corp:\n    npmRegistryServer: "${npm}"\n    npmAuthToken: ${value}\n`,
      ];
    case 'maven':
      return [
        k % 2 === 0 ? '.mvn/settings.xml' : 'settings.xml',
        `<?xml version="1.0" encoding="UTF-8"?>\n<settings>\n  <servers>\n    <server>\n      <id>${host}</id>\n      <username>ci</username>\n      <password>${value}</password>\n    </server>\n  </servers>\n</settings>\n`,
      ];
    case 'nuget':
      return [
        'NuGet.Config',
        `<?xml version="1.0" encoding="utf-8"?>\n<configuration>\n  <packageSources>\n    <add key="corp" value="https://nuget.pkg.github.com/corp-${repo}/index.json" />\n  </packageSources>\n  <packageSourceCredentials>\n    <corp>\n      <add key="Username" value="ci" />\n      <add key="ClearTextPassword" value="${value}" />\n    </corp>\n  </packageSourceCredentials>\n</configuration>\n`,
      ];
    case 'netrc':
      return ['.netrc', `machine ${host}\n  login ci\n  password ${value}\n`];
    case 'pip':
      return [
        'pip.conf',
        `[global]\nindex-url = https://ci:${value}@${host}/simple/\ntimeout = 30\n`,
      ];
    case 'pypirc':
      return [
        '.pypirc',
        `[distutils]\nindex-servers =\n    pypi\n\n[pypi]\nusername = __token__\npassword = ${value}\n`,
      ];
    case 'env':
      return [
        k % 4 === 1 ? '.env.local' : '.env',
        `# local settings\nLOG_LEVEL=debug\n${value.startsWith('npm_') ? 'NPM_TOKEN' : 'TWINE_PASSWORD'}=${value}\n`,
      ];
    default:
      throw new Error(`no template for ${kind}`);
  }
}

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', ['-c', 'user.name=Plant', '-c', 'user.email=plant@example.test', ...args], {
    cwd,
    stdio: 'ignore',
  });
}

/**
 * A folder of repositories like a developer's: sources, a node_modules of dependency noise, some
 * harmless config (references, empty .env.example) and, spread over the eight kinds of file,
 * planted registry credentials, each committed, git-ignored or left untracked. Every tenth
 * repository is a plain folder (no git). Values are random per call.
 */
export function plantWorkspace(root: string, options: PlantOptions): PlantedWorkspace {
  const planted: PlantedCredential[] = [];
  let files = 0;
  const write = (file: string, text: string) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    files++;
  };
  const perRepo = new Map<number, Array<{ rel: string; git: GitState }>>();
  const repoDir = (i: number) => path.join(root, `repo-${String(i).padStart(3, '0')}`);
  for (let i = 0; i < options.repositories; i++) {
    const dir = repoDir(i);
    write(path.join(dir, 'package.json'), JSON.stringify({ name: `repo-${i}`, version: '1.0.0' }));
    write(path.join(dir, 'README.md'), `# repo ${i}\n`);
    for (let s = 0; s < 6; s++)
      write(path.join(dir, 'src', `module-${s}.js`), `export const v${s} = ${s};\n`);
    write(path.join(dir, '.env.example'), 'NPM_TOKEN=\nLOG_LEVEL=info\n');
    write(path.join(dir, '.gitignore'), 'node_modules/\n');
    if (i % 7 === 3)
      write(path.join(dir, 'ci', '.npmrc'), '//registry.npmjs.org/:_authToken=${NPM_TOKEN}\n');
    for (let n = 0; n < options.noisePerRepository; n++) {
      const pkg = path.join(dir, 'node_modules', `dep-${Math.floor(n / 6)}`);
      const name = [
        'package.json',
        'index.js',
        'README.md',
        'lib/util.js',
        'lib/main.js',
        'LICENSE',
      ][n % 6]!;
      write(path.join(pkg, name), `// dependency noise ${n}\n`);
    }
  }
  for (let k = 0; k < options.credentials; k++) {
    const repo = (k * 3) % options.repositories;
    const kind = KINDS[k % KINDS.length]!;
    const value = valueFor(kind, k);
    const npm = options.npmRegistry?.(repo) ?? `https://npm.corp-${repo}.example.test/`;
    const [rel, text] = fileFor(kind, value, repo, k, npm);
    // Two credentials of the same kind in one repository go to separate folders.
    const sub = planted.some((p) => p.file === path.join(repoDir(repo), rel)) ? `pkg-${k}` : '';
    const relative = path.join(sub, rel);
    const file = path.join(repoDir(repo), relative);
    const isGit = repo % 10 !== 9;
    const state: GitState = isGit ? GIT_VARIANTS[k % GIT_VARIANTS.length]! : 'none';
    if (kind === 'maven' && path.basename(rel) === 'settings.xml' && !rel.startsWith('.mvn')) {
      write(
        path.join(path.dirname(file), 'pom.xml'),
        '<project><modelVersion>4.0.0</modelVersion></project>\n',
      );
    }
    write(file, text);
    planted.push({ value, file, format: kind, git: state });
    perRepo.set(repo, [...(perRepo.get(repo) ?? []), { rel: relative, git: state }]);
  }
  for (let i = 0; i < options.repositories; i++) {
    if (i % 10 === 9) continue;
    const dir = repoDir(i);
    const mine = perRepo.get(i) ?? [];
    const ignored = mine
      .filter((m) => m.git === 'ignored')
      .map((m) => `/${m.rel.split(path.sep).join('/')}\n`);
    if (ignored.length)
      writeFileSync(path.join(dir, '.gitignore'), `node_modules/\n${ignored.join('')}`);
    git(dir, 'init', '-q');
    const untracked = mine.filter((m) => m.git === 'untracked').map((m) => m.rel);
    git(dir, 'add', '-A');
    if (untracked.length) git(dir, 'rm', '-q', '--cached', '--', ...untracked);
    git(dir, 'commit', '-q', '-m', 'initial');
  }
  return { planted, files };
}
