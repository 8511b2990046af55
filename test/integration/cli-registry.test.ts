import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { npmWhoami } from '../support/config-clients';
import { runKeyport } from '../support/run-keyport';
import { startVerdaccio, type VerdaccioHandle } from '../support/verdaccio';

// The `keyport` binary end to end: login, token create/list/revoke against Verdaccio, and
// `keyport write` proven by npm itself. Secrets come and go on stdin only.
let registry: VerdaccioHandle;
let home: string;

function keyport(args: string[], stdin = '') {
  return runKeyport(
    args,
    { ...process.env, KEYPORT_HOME: path.join(home, 'keyport'), HOME: home },
    stdin,
  );
}

beforeAll(async () => {
  registry = await startVerdaccio();
  home = mkdtempSync(path.join(os.tmpdir(), 'keyport-cli-reg-'));
});

afterAll(async () => {
  await registry?.stop();
  rmSync(home, { recursive: true, force: true });
});

describe('keyport CLI against a real registry', () => {
  it('logs in, creates, lists, writes and revokes', async () => {
    const login = await keyport(
      ['login', '--registry', registry.url, '--username', 'cli-user', '--password-stdin'],
      'cli-pass-1\n',
    );
    expect(login.err).toBe('');
    expect(login.code).toBe(0);
    expect(login.out).toMatch(/Signed in as cli-user/);

    const bad = await keyport(
      ['token', 'create', '--registry', registry.url, '--cidr', '300.1.1.1/8', '--password-stdin'],
      'cli-pass-1\n',
    );
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/Invalid CIDR: 300\.1\.1\.1\/8/);

    const create = await keyport(
      [
        'token',
        'create',
        '--registry',
        registry.url,
        '--read-only',
        '--label',
        'ci read',
        '--password-stdin',
      ],
      'cli-pass-1\n',
    );
    expect(create.code).toBe(0);
    const secret = create.out.trim();
    expect(secret.length).toBeGreaterThan(16);
    expect(create.err).toMatch(/^Stored as \w+ \(ci read\); registry key (\S+)\.$/m);
    const key = /registry key (\S+)\./.exec(create.err)![1]!;

    // Without --label the token is named for the kind asked for, in the words the app uses.
    const automation = await keyport(
      ['token', 'create', '--registry', registry.url, '--automation', '--password-stdin'],
      'cli-pass-1\n',
    );
    expect(automation.code).toBe(0);
    expect(automation.err).toMatch(/^Stored as \w+ \(automation token\);/m);

    // The account is looked up by registry after the request is checked: none there, one sentence.
    const elsewhere = await keyport(
      ['token', 'create', '--registry', 'https://other.example.test/', '--password-stdin'],
      'cli-pass-1\n',
    );
    expect(elsewhere.code).toBe(2);
    expect(elsewhere.err).toMatch(/^keyport: No account for https:\/\/other\.example\.test\//);

    const list = await keyport(['token', 'list', '--registry', registry.url, '--json']);
    expect(list.code).toBe(0);
    expect(list.out).not.toContain(secret);
    const rows = JSON.parse(list.out) as Array<{ key: string; state: string; readonly: boolean }>;
    expect(rows.find((r) => r.key === key)).toMatchObject({ state: 'in-keyport', readonly: true });

    const id = (
      JSON.parse((await keyport(['list', '--json'])).out) as Array<{ id: string; label: string }>
    ).find((t) => t.label === 'ci read')!.id;
    const npmrc = path.join(home, 'project', '.npmrc');
    const dry = await keyport(['write', 'npmrc', '--file', npmrc, '--id', id, '--dry-run']);
    expect(dry.code).toBe(0);
    expect(dry.out).toMatch(/^\+\/\/127\.0\.0\.1:\d+\/:_authToken=/m);
    expect(dry.out).not.toContain(secret);
    expect(() => statSync(npmrc)).toThrow();

    expect((await keyport(['write', 'npmrc', '--file', npmrc, '--id', id])).code).toBe(0);
    expect(statSync(npmrc).mode & 0o777).toBe(0o600);
    expect((await npmWhoami(home, npmrc, registry.url)).stdout.trim()).toBe('cli-user');

    // Changed under us between two runs is fine (a new plan each run); an invalid file is exit 3.
    const broken = path.join(home, 'settings.xml');
    writeFileSync(broken, '<settings><servers><server></settings>');
    const invalid = await keyport([
      'write',
      'maven',
      '--file',
      broken,
      '--id',
      id,
      '--server-id',
      'corp',
    ]);
    expect(invalid.code).toBe(3);
    expect(readFileSync(broken, 'utf8')).toBe('<settings><servers><server></settings>');

    const revoke = await keyport([
      'token',
      'revoke',
      '--registry',
      registry.url,
      key,
      '--remove-local',
    ]);
    expect(revoke.code).toBe(0);
    expect(revoke.out).toContain(`Revoked ${key}.`);
    expect((await npmWhoami(home, npmrc, registry.url)).code).not.toBe(0);
    expect((await keyport(['reveal', id])).code).toBe(2);
  });

  it('writes a token from stdin without storing it', async () => {
    const netrc = path.join(home, '.netrc');
    const writeNetrc = (registry: string, stdin: string) =>
      keyport(
        [
          'write',
          'netrc',
          '--file',
          netrc,
          '--registry',
          registry,
          '--username',
          'me',
          '--token-stdin',
        ],
        stdin,
      );
    const r = await writeNetrc(
      'https://pypi.example.test/simple/',
      'kp-test-secret-0006-netrcvalue\n',
    );
    expect(r.code).toBe(0);
    expect(readFileSync(netrc, 'utf8')).toBe(
      'machine pypi.example.test login me password kp-test-secret-0006-netrcvalue\n',
    );
    const again = await writeNetrc(
      'https://pypi.example.test/simple/',
      'kp-test-secret-0006-netrcvalue\n',
    );
    expect(again.out).toMatch(/nothing to change/);
    const injected = await writeNetrc(
      'https://pypi.example.test/',
      'abc\ndefault login x password y\n',
    );
    expect(injected.code).toBe(2);
  });
});
