import { execFileSync } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startNpmLikeServer, type NpmLikeServer } from '../support/npm-like-server';
import { KEYPORT_BIN, runKeyport, runProcess } from '../support/run-keyport';

// The real `keyport` binary against hostile input: files that are not config files, values a
// client would expand, a registry that answers with a gzip bomb or a 1 GiB body, and registry
// strings carrying terminal escape sequences.
let home: string;
let registry: NpmLikeServer;
const USER = 'mallory-victim';
const PASSWORD = 'cli-hardening-pass-1';

function env(): NodeJS.ProcessEnv {
  return { ...process.env, KEYPORT_HOME: path.join(home, 'keyport'), HOME: home };
}

function keyport(args: string[], stdin = '') {
  return runKeyport(args, env(), stdin);
}

beforeAll(async () => {
  home = mkdtempSync(path.join(os.tmpdir(), 'keyport-cli-hard-'));
  registry = await startNpmLikeServer({ users: { [USER]: PASSWORD } });
  const login = await keyport(
    ['login', '--registry', registry.url, '--username', USER, '--password-stdin'],
    `${PASSWORD}\n`,
  );
  expect(login.err).toBe('');
  expect(login.code).toBe(0);
});

afterAll(async () => {
  await registry?.stop();
  rmSync(home, { recursive: true, force: true });
});

const WRITE = ['write', 'npmrc', '--registry', 'https://registry.example/', '--token-stdin'];

describe('keyport write: regular files only', () => {
  it('--file /dev/zero exits 2 at once, and so does an .npmrc that links to it', async () => {
    const named = await keyport([...WRITE, '--file', '/dev/zero'], 'kp-test-hard-0001\n');
    expect(named.code).toBe(2);
    expect(named.err).toBe(
      'keyport: zero is not a config file for npmrc: its name must be .npmrc or npmrc.\n',
    );
    // The name fits; what it leads to is a device: refused before anything is read.
    const dir = mkdtempSync(path.join(home, 'zero-'));
    const link = path.join(dir, '.npmrc');
    symlinkSync('/dev/zero', link);
    const linked = await keyport([...WRITE, '--file', link], 'kp-test-hard-0001\n');
    expect(linked.code).toBe(2);
    expect(linked.err).toBe(
      'keyport: /dev/zero is a device, not a regular file; Keyport reads and writes only regular config files.\n',
    );
  });

  it('a FIFO exits 2 at once (nobody ever writes to it, so an open would block forever)', async () => {
    const fifo = path.join(mkdtempSync(path.join(home, 'fifo-')), '.npmrc');
    execFileSync('mkfifo', [fifo]);
    const run = await keyport([...WRITE, '--file', fifo], 'kp-test-hard-0001\n');
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `keyport: ${fifo} is a named pipe (FIFO), not a regular file; Keyport reads and writes only regular config files.\n`,
    );
  });

  it('a read-only (0444) file is refused with exit 1 and left untouched', async () => {
    const file = path.join(mkdtempSync(path.join(home, 'readonly-')), '.npmrc');
    writeFileSync(file, 'color=false\n', { mode: 0o444 });
    const run = await keyport([...WRITE, '--file', file], 'kp-test-hard-0003\n');
    expect(run.code).toBe(1);
    expect(run.err).toBe(
      `keyport: ${file} is read-only (mode 444); Keyport left it untouched. Make it writable (chmod u+w) if the entry should go there.\n`,
    );
    expect(readFileSync(file, 'utf8')).toBe('color=false\n');
    expect(statSync(file).mode & 0o777).toBe(0o444);
  });

  it('a folder given as the file exits 2 in plain words', async () => {
    const dir = path.join(mkdtempSync(path.join(home, 'folder-')), '.npmrc');
    mkdirSync(dir);
    const run = await keyport([...WRITE, '--file', dir], 'kp-test-hard-0004\n');
    expect(run.code).toBe(2);
    expect(run.err).toBe(
      `keyport: ${dir} is a folder, not a regular file; Keyport reads and writes only regular config files.\n`,
    );
  });

  it('a group-readable file gets mode 600, said on stderr', async () => {
    const file = path.join(mkdtempSync(path.join(home, 'shared-')), '.npmrc');
    writeFileSync(file, 'color=false\n', { mode: 0o644 });
    const run = await keyport([...WRITE, '--file', file], 'kp-test-hard-0002\n');
    expect(run.code).toBe(0);
    expect(run.err).toBe(
      `keyport: note: ${file} is open to other users (mode 644) and will hold a token; Keyport sets its mode to 600 (owner only).\n`,
    );
  });
});

describe('values a client would expand', () => {
  it.each([['npm_x${AWS_SECRET_ACCESS_KEY}'], ['tok%USERPROFILE%']])(
    'keyport write and keyport add refuse %s with exit 2, writing nothing',
    async (value) => {
      const file = path.join(mkdtempSync(path.join(home, 'expand-')), '.npmrc');
      const write = await keyport([...WRITE, '--file', file], `${value}\n`);
      expect(write.code).toBe(2);
      expect(write.err).toMatch(
        /^keyport: token: The token must not contain "\$\{" or a %NAME% pair/,
      );
      expect(() => readFileSync(file)).toThrow();
      const add = await keyport(
        ['add', '--label', 'x', '--registry', 'https://r.example/', '--token-stdin'],
        `${value}\n`,
      );
      expect(add.code).toBe(2);
      expect(add.err).not.toContain('AWS');
    },
  );
});

describe('registry answers are capped', () => {
  /**
   * Runs `keyport token list` with a preload that reports the process's peak RSS at exit
   * (process.resourceUsage().maxRSS, in KiB) into a file.
   */
  async function listWithPeakRss() {
    const report = path.join(home, `rss-${Date.now()}.txt`);
    const preload = path.join(home, 'report-rss.cjs');
    writeFileSync(
      preload,
      `process.on('exit', () => require('node:fs').writeFileSync(${JSON.stringify(report)}, String(process.resourceUsage().maxRSS)));\n`,
    );
    const run = await runProcess(
      process.execPath,
      ['-r', preload, KEYPORT_BIN, 'token', 'list', '--registry', registry.url],
      env(),
    );
    return { ...run, peakMiB: Number(readFileSync(report, 'utf8')) / 1024 };
  }

  it.each([
    ['a gzip bomb (2 GiB of zeros in ~2 MiB)', { kind: 'gzip', inflatedBytes: 2 * 1024 ** 3 }],
    ['a 1 GiB plain body', { kind: 'plain', bytes: 1024 ** 3 }],
  ] as const)('%s: TOO_LARGE, exit 1, peak RSS under 200 MB', async (_name, bomb) => {
    registry.failNext({ method: 'GET', path: '/-/npm/v1/tokens' }, { kind: 'bomb', bomb });
    const run = await listWithPeakRss();
    expect(run.err).toBe(
      `keyport: ${new URL(registry.url).host} sent an answer larger than 8 MiB; Keyport stopped reading it.\n`,
    );
    expect(run.code).toBe(1);
    console.info(`token list against ${_name}: peak RSS ${run.peakMiB.toFixed(1)} MiB`);
    expect(run.peakMiB * 1024 * 1024).toBeLessThan(200_000_000);
  });
});

describe('terminal escape sequences from the registry never reach the terminal', () => {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

  it('token names, keys and CIDR entries in the table and in --json', async () => {
    registry.seedToken(USER, {
      key: 'key\u001b[2J\u001b[H-cleared',
      name: '\u001b]0;owned\u0007granular\u009b31m',
      cidr_whitelist: ['10.0.0.0/8\u001b[8m', '\u202eevil'],
    });
    const table = await keyport(['token', 'list', '--registry', registry.url]);
    expect(table.code).toBe(0);
    expect(table.out).toContain('key[2J[H-cleared');
    expect(table.out).toContain('granular: ]0;ownedgranular31m');
    expect(table.out + table.err).not.toMatch(CONTROL);
    const json = await keyport(['token', 'list', '--registry', registry.url, '--json']);
    expect(json.code).toBe(0);
    expect(json.out).not.toMatch(CONTROL);
    expect(JSON.parse(json.out)).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'key\u001b[2J\u001b[H-cleared' })]),
    );
  });

  it('an error sentence that quotes the registry', async () => {
    registry.failNext(
      { method: 'GET', path: '/-/npm/v1/tokens' },
      {
        kind: 'status',
        status: 400,
        body: JSON.stringify({ error: 'bad \u001b]8;;http://evil/\u0007click\u001b]8;;\u0007' }),
      },
    );
    const run = await keyport(['token', 'list', '--registry', registry.url]);
    expect(run.code).not.toBe(0);
    expect(run.err).toMatch(/^keyport: /);
    expect(run.err).not.toMatch(CONTROL);
  });
});
