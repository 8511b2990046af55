import { describe, expect, it } from 'vitest';
import { runCli } from '../../../src/cli/main';
import type { CliIo } from '../../../src/cli/io';
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
});
