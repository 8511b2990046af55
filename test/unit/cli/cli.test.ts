import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import { COMMAND_NAMES } from '../../../src/cli/command-runner';
import { commandHelp } from '../../../src/cli/help';
import { CONFIG_FORMATS } from '../../../src/shared/types';
import type { CliIo } from '../../../src/cli/io';
import { nugetConfigWithMapping } from '../../support/nuget-config';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

function io(stdin = '', env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIo = {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    readStdin: async () => stdin,
    env,
  };
  return { value, out: () => out.join(''), err: () => err.join('') };
}

describe('keyport CLI (argument handling, no keychain needed)', () => {
  it('prints help with exit 0', async () => {
    const t = io();
    expect(await runCli(['--help'], t.value)).toBe(0);
    expect(t.out()).toContain('keyport list');
  });

  it('COMMAND --help and help COMMAND print that command only; --help alone the whole page', async () => {
    const help = async (argv: string[]) => {
      const t = io();
      expect(await runCli(argv, t.value)).toBe(0);
      return t.out();
    };
    const whole = await help(['--help']);
    expect(whole).toContain('keyport list');
    expect(whole).toContain('keyport token create');
    expect(await help(['help'])).toBe(whole);

    const token = await help(['token', '--help']);
    expect(token).toMatch(/^Usage:\n {2}keyport token list/);
    expect(token).toContain('keyport token create');
    expect(token).toContain('keyport token revoke');
    expect(token).not.toContain('keyport list');
    expect(await help(['help', 'token'])).toBe(token);

    const create = await help(['token', 'create', '-h']);
    expect(create).toContain('--bypass-2fa');
    expect(create).toContain('prints the new token once and stores it');
    expect(create).not.toContain('keyport token revoke');

    const scan = await help(['scan', '--help']);
    expect(scan).toContain('keyport scan --project DIR');
    expect(scan).not.toContain('keyport import');

    const t = io();
    expect(await runCli(['frobnicate', '--help'], t.value)).toBe(2);
    expect(t.err()).toBe('keyport: Unknown command "frobnicate" (see keyport --help).\n');
  });

  it('has a usage on the help page for every command it runs', () => {
    for (const name of COMMAND_NAMES) expect(commandHelp([name]), name).toMatch(/^Usage:\n/);
    // The lists on the page are the contract's own.
    expect(commandHelp(['write'])).toContain(`keyport write ${CONFIG_FORMATS.join('|')} `);
  });

  it('keyport setup with bad arguments prints the lines keyport setup --help prints', async () => {
    const env = { KEYPORT_HOME: tempDir() };
    const help = async (argv: string[]) => {
      const t = io('', env);
      expect(await runCli(argv, t.value)).toBe(0);
      return t.out();
    };
    const refused = async (argv: string[]) => {
      const t = io('', env);
      expect(await runCli(argv, t.value), argv.join(' ')).toBe(2);
      expect(t.out()).toBe('');
      return t.err();
    };
    const setup = await help(['setup', '--help']);
    for (const client of ['git', 'python', 'docker']) {
      expect(setup).toContain(`keyport setup ${client} `);
    }
    expect(await refused(['setup'])).toBe(`keyport: ${setup}`);
    expect(await refused(['setup', 'frobnicate'])).toBe(`keyport: ${setup}`);
    // A known client with bad arguments: that client's lines only.
    const cases: Array<[string, string[]]> = [
      ['git', ['setup', 'git', 'extra']],
      ['python', ['setup', 'python', '--username', 'u']],
      ['docker', ['setup', 'docker']],
    ];
    for (const [client, argv] of cases) {
      const one = await help(['setup', client, '--help']);
      expect(one).toMatch(new RegExp(`^Usage:\n {2}keyport setup ${client} `));
      expect(one).not.toBe(setup);
      expect(await refused(argv)).toBe(`keyport: ${one}`);
    }
  });

  it('every command refusing its arguments prints the lines its --help prints, after what is wrong', async () => {
    const env = { KEYPORT_HOME: tempDir() };
    const help = async (argv: string[]) => {
      const t = io('', env);
      expect(await runCli([...argv, '--help'], t.value)).toBe(0);
      expect(t.out()).toMatch(new RegExp(`^Usage:\n {2}keyport ${argv.join(' ')}[ \n]`));
      return t.out();
    };
    // [bad arguments, the command whose --help they get, the sentence before it if any]
    const registry = ['--registry', 'http://127.0.0.1:9'];
    const cases: Array<[string[], string[], string?]> = [
      [['exec'], ['exec']],
      [['import'], ['import']],
      [['rotate'], ['rotate']],
      [['rotate', 'a', 'b'], ['rotate']],
      [['store'], ['store']],
      [
        ['store', 'move', '--to', 'cloud'],
        ['store', 'move'],
      ],
      [['token'], ['token']],
      [['token', 'frobnicate', ...registry], ['token']],
      [['token', 'list'], ['token', 'list'], '--registry URL is required.'],
      [
        ['token', 'revoke', ...registry],
        ['token', 'revoke'],
      ],
      [['write'], ['write']],
      [['write', 'frobnicate', '--file', 'x'], ['write']],
      [['scan', '--json', '--sarif'], ['scan'], 'Choose --json or --sarif.'],
      [['scan', '--project', 'a', 'b'], ['scan'], '--project takes no other folders.'],
      [['reveal'], ['reveal']],
      [['remove', 'a', 'b'], ['remove']],
    ];
    for (const [argv, command, problem] of cases) {
      const t = io('', env);
      expect(await runCli(argv, t.value), argv.join(' ')).toBe(2);
      expect(t.out()).toBe('');
      const usage = await help(command);
      expect(t.err(), argv.join(' ')).toBe(`keyport: ${problem ? `${problem}\n` : ''}${usage}`);
    }
  });

  it('exits 2 with one line on stderr for an unknown command or option', async () => {
    const env = { KEYPORT_HOME: tempDir() };
    for (const argv of [['frobnicate'], ['list', '--bogus'], []]) {
      const t = io('', env);
      expect(await runCli(argv, t.value)).toBe(2);
      expect(t.err().length).toBeGreaterThan(0);
    }
  });

  it('refuses a token on the command line and bad input with exit 2', async () => {
    const env = { KEYPORT_HOME: tempDir() };
    const noStdin = io('', env);
    expect(
      await runCli(['add', '--label', 'x', '--registry', 'https://r.test/'], noStdin.value),
    ).toBe(2);
    expect(noStdin.err()).toMatch(/--token-stdin/);
    const badUrl = io('kp-test-secret-0004-abcdefgh\n', env);
    expect(
      await runCli(['add', '--label', 'x', '--registry', 'nope', '--token-stdin'], badUrl.value),
    ).toBe(2);
    expect(badUrl.err()).toMatch(/^keyport: registry: /);
    expect(badUrl.err()).not.toContain('kp-test-secret');
  });

  it('token create checks its request before it opens the vault or looks for an account', async () => {
    const vaultDir = path.join(tempDir(), 'never-opened');
    const t = io('', { KEYPORT_HOME: vaultDir });
    const args = ['token', 'create', '--registry', 'https://r.test/', '--name', 'ci'];
    expect(await runCli([...args, '--expires', '400'], t.value)).toBe(2);
    expect(t.err()).toMatch(/^keyport: expiresDays: /);
    expect(existsSync(vaultDir)).toBe(false);
  });

  it('write --dry-run prints the masked diff, and the core’s notes on stderr', async () => {
    const home = tempDir();
    const file = path.join(home, 'pip.conf');
    writeFileSync(file, '\uFEFF[global]\ntimeout = 60\n', { mode: 0o644 });
    const secret = 'kp-test-cli-note-0001';
    const t = io(`${secret}\n`, { KEYPORT_HOME: home, HOME: home });
    const args = [
      'write',
      'pip',
      '--file',
      file,
      '--registry',
      'https://pypi.corp.example/simple/',
    ];
    expect(await runCli([...args, '--username', 'ci', '--token-stdin', '--dry-run'], t.value)).toBe(
      0,
    );
    expect(t.err()).toBe(
      'keyport: note: The file started with a byte-order mark (BOM), which pip cannot read; Keyport removes it.\n' +
        `keyport: note: ${file} is open to other users (mode 644) and will hold a token; Keyport sets its mode to 600 (owner only).\n`,
    );
    expect(t.out()).toContain('+index-url = https://ci:');
    expect(t.out() + t.err()).not.toContain(secret);
    expect(readFileSync(file, 'utf8')).toBe('\uFEFF[global]\ntimeout = 60\n');
  });

  it('write keeps free paths but refuses a file not named for its format with exit 2', async () => {
    const home = tempDir();
    const bashrc = path.join(home, '.bashrc');
    writeFileSync(bashrc, 'alias ll="ls -l"\n');
    const t = io('kp-test-cli-kind-0001\n', { KEYPORT_HOME: home, HOME: home });
    const args = ['write', 'npmrc', '--file', bashrc, '--registry', 'https://r.test/'];
    expect(await runCli([...args, '--token-stdin'], t.value)).toBe(2);
    expect(t.err()).toBe(
      'keyport: .bashrc is not a config file for npmrc: its name must be .npmrc or npmrc.\n',
    );
    expect(readFileSync(bashrc, 'utf8')).toBe('alias ll="ls -l"\n');
    // Any folder will do from a terminal, as long as the name fits.
    const free = io('kp-test-cli-kind-0001\n', { KEYPORT_HOME: home, HOME: home });
    const npmrc = path.join(home, 'anywhere', 'npmrc');
    expect(
      await runCli(
        [
          'write',
          'npmrc',
          '--file',
          npmrc,
          '--registry',
          'https://r.test/',
          '--token-stdin',
          '--dry-run',
        ],
        free.value,
      ),
    ).toBe(0);
    expect(free.out()).toContain('_authToken=');
  });

  it('write nuget --package-pattern (repeatable) maps the new source; without it a note, no mapping', async () => {
    const home = tempDir();
    const file = path.join(home, 'NuGet.Config');
    const original = nugetConfigWithMapping();
    writeFileSync(file, original, { mode: 0o600 });
    const env = { KEYPORT_HOME: home, HOME: home };
    const base = ['write', 'nuget', '--file', file, '--registry', 'https://feed.corp.example/v3/'];
    const rest = ['--source', 'corp', '--username', 'ci', '--token-stdin'];

    const unmapped = io('kp-test-cli-map-0001\n', env);
    expect(await runCli([...base, ...rest, '--dry-run'], unmapped.value)).toBe(0);
    expect(unmapped.err()).toContain('without an entry for source "corp"');
    expect(unmapped.out()).not.toContain('packageSource key="corp"');

    const mapped = io('kp-test-cli-map-0001\n', env);
    const patterns = ['--package-pattern', 'Corp.*', '--package-pattern', 'Contoso.Tools'];
    expect(await runCli([...base, ...rest, ...patterns], mapped.value)).toBe(0);
    expect(mapped.err()).toBe('');
    expect(readFileSync(file, 'utf8')).toContain(
      [
        '    <packageSource key="corp">',
        '      <package pattern="Corp.*" />',
        '      <package pattern="Contoso.Tools" />',
        '    </packageSource>',
        '  </packageSourceMapping>',
      ].join('\n'),
    );

    for (const [argv, message] of [
      [[...base, ...rest, '--package-pattern', 'Corp.*.x'], 'A package pattern is'],
      [
        ['write', 'npmrc', '--file', path.join(home, '.npmrc'), '--registry', 'https://r.test/'],
        '--package-pattern is for keyport write nuget only.',
      ],
    ] as const) {
      const bad = io('kp-test-cli-map-0001\n', env);
      const args = argv[1] === 'npmrc' ? [...argv, '--token-stdin', ...patterns] : argv;
      expect(await runCli([...args], bad.value)).toBe(2);
      expect(bad.err()).toContain(message);
    }
  });
});
