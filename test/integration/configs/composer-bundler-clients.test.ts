import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composerHost } from '../../../src/core/configs/composer-editor';
import { bundlerKey } from '../../../src/core/configs/bundler-editor';
import { EDITORS } from '../../../src/core/configs/editors';
import { clientEnv, run, tempHome } from '../../support/config-clients';
import { corpusCases } from '../../support/config-corpus';
import { authorizationGate, listenOnLoopback } from '../../support/loopback-server';
import { KEYPORT_BIN, runKeyport, runProcess } from '../../support/run-keyport';
import type { NewToken } from '../../../src/core/vault/vault';
import { cliVault } from '../../support/cli-vault';
import { startGemSource } from '../../support/gem-source';

// Debian's Composer 2 and Bundler 2 (Ruby) read the files Keyport wrote: `composer config --auth`
// prints the entry, `composer show` authenticates to a Composer repository on 127.0.0.1 that
// demands the credential, and Bundler's own settings return `user:token` for the host. Every
// child gets a temporary HOME (and COMPOSER_HOME / BUNDLE_USER_CONFIG inside it).
const USER = 'kp-ci-user';
const TOKEN = `fake-token-${'x'.repeat(24)}`;
let home: string;

beforeAll(() => {
  home = tempHome('keyport-composer-bundler-');
});

afterAll(() => rmSync(home, { recursive: true, force: true }));

const keyportWrite = (format: string, file: string, registry: string, extra: string[] = []) =>
  runKeyport(
    ['write', format, '--file', file, '--registry', registry, '--token-stdin', ...extra],
    { ...process.env, HOME: home, KEYPORT_HOME: path.join(home, 'keyport') },
    `${TOKEN}\n`,
  );

function composerEnv(composerHome: string): NodeJS.ProcessEnv {
  return clientEnv(home, {
    COMPOSER_HOME: composerHome,
    // One cache per home: a cached packages.json would answer without asking the server.
    COMPOSER_CACHE_DIR: path.join(composerHome, 'cache'),
    COMPOSER_NO_INTERACTION: '1',
    COMPOSER_ALLOW_SUPERUSER: '1',
    COMPOSER_DISABLE_XDEBUG_WARN: '1',
  });
}

const composer = (composerHome: string, args: string[], cwd?: string) =>
  run('composer', ['--no-ansi', ...args], composerEnv(composerHome), cwd);

/**
 * A static Composer repository (packages.json naming one private package) that answers 401 unless
 * the request carries `expected` as its Authorization header; records what each request sent.
 */
async function startComposerRepo(expected: () => string) {
  const server = http.createServer();
  const { seen, listener } = authorizationGate(expected, (req, res) => {
    if (req.url !== '/packages.json') return void res.writeHead(404).end();
    const { port } = server.address() as AddressInfo;
    const version = {
      name: 'kp/private-lib',
      version: '1.0.0',
      type: 'library',
      description: 'A private package only a signed-in client can list.',
      dist: { type: 'zip', url: `http://127.0.0.1:${port}/kp-private-lib-1.0.0.zip` },
    };
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ packages: { 'kp/private-lib': { '1.0.0': version } } }));
  });
  const { origin, close } = await listenOnLoopback(server.on('request', listener));
  return { url: `${origin}/`, seen, close };
}

/** A project whose only repository is `repoUrl` (packagist off, plain http allowed for loopback). */
function composerProject(name: string, repoUrl: string): string {
  const dir = path.join(home, name);
  mkdirSync(dir, { recursive: true });
  const manifest = {
    name: 'kp/probe',
    repositories: [{ type: 'composer', url: repoUrl }, { 'packagist.org': false }],
    config: { 'secure-http': false },
  };
  writeFileSync(path.join(dir, 'composer.json'), `${JSON.stringify(manifest, null, 4)}\n`);
  return dir;
}

describe('Composer reads the auth.json Keyport wrote', () => {
  let repo: Awaited<ReturnType<typeof startComposerRepo>>;
  let expected = '';
  beforeAll(async () => {
    repo = await startComposerRepo(() => expected);
  });
  afterAll(() => repo?.close());

  it('http-basic: keyport write composer --username, then composer config --auth and composer show against a repository demanding it', async () => {
    const composerHome = path.join(home, 'composer-basic');
    mkdirSync(composerHome, { recursive: true });
    const file = path.join(composerHome, 'auth.json');
    // A user's file, written by Composer itself, with an entry for another host.
    const before = `{\n    "github-oauth": {\n        "github.com": "fake-gh-token-0001"\n    }\n}\n`;
    writeFileSync(file, before, { mode: 0o600 });
    const host = composerHost(repo.url);

    const written = await keyportWrite('composer', file, repo.url, ['--username', USER]);
    expect(written.err).toBe('');
    expect(written.code).toBe(0);
    expect(written.out).toContain(`http-basic.${host}`);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith(before.slice(0, -3))).toBe(true);

    const shown = await composer(composerHome, [
      'config',
      '--global',
      '--auth',
      `http-basic.${host}`,
    ]);
    expect(shown.code).toBe(0);
    expect(JSON.parse(shown.stdout)).toEqual({ username: USER, password: TOKEN });
    const listed = await composer(composerHome, ['config', '--global', '--list']);
    expect(listed.stdout).toContain(`[http-basic.${host}.username] ${USER}`);
    expect(listed.stdout).toContain('[github-oauth.github.com] fake-gh-token-0001');

    expected = `Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`;
    const project = composerProject('basic-project', repo.url);
    repo.seen.length = 0;
    const shownPkg = await composer(composerHome, ['show', '--all', 'kp/private-lib'], project);
    expect(shownPkg.stderr + shownPkg.stdout).toContain(
      'A private package only a signed-in client can list.',
    );
    expect(shownPkg.code).toBe(0);
    expect(repo.seen).toContain(expected);
  });

  it('without Keyport’s entry the same composer show is refused (the repository really demands it)', async () => {
    const composerHome = path.join(home, 'composer-none');
    mkdirSync(composerHome, { recursive: true });
    expected = `Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`;
    const project = composerProject('none-project', repo.url);
    const shownPkg = await composer(composerHome, ['show', '--all', 'kp/private-lib'], project);
    expect(shownPkg.code).not.toBe(0);
    expect(shownPkg.stdout).not.toContain('signed-in client');
    expect(shownPkg.stderr).toContain('URL required authentication');
  });

  it('bearer: keyport write composer without --username, composer config --auth bearer.<host> prints it and composer show sends it', async () => {
    const composerHome = path.join(home, 'composer-bearer');
    mkdirSync(composerHome, { recursive: true });
    const file = path.join(composerHome, 'auth.json');
    const host = composerHost(repo.url);
    const written = await keyportWrite('composer', file, repo.url);
    expect(written.code).toBe(0);
    expect(written.out).toContain('(new file, mode 600)');

    const shown = await composer(composerHome, ['config', '--global', '--auth', `bearer.${host}`]);
    expect(shown.code).toBe(0);
    expect(shown.stdout.trim()).toBe(TOKEN);

    expected = `Bearer ${TOKEN}`;
    const project = composerProject('bearer-project', repo.url);
    const shownPkg = await composer(composerHome, ['show', '--all', 'kp/private-lib'], project);
    expect(shownPkg.code).toBe(0);
    expect(shownPkg.stdout).toContain('signed-in client');

    // The removal path: Composer no longer has the entry.
    const removed = EDITORS.composer.remove(readFileSync(file, 'utf8'), { registry: repo.url });
    writeFileSync(file, removed.text);
    const after = await composer(composerHome, ['config', '--global', '--auth', `bearer.${host}`]);
    expect(after.code).not.toBe(0);
  });

  it('every composer corpus result is read by Composer with the target entry holding the value', async () => {
    const checked: string[] = [];
    for (const { name, target, expected } of corpusCases('composer', 'edit')) {
      const composerHome = path.join(home, 'corpus', name);
      mkdirSync(composerHome, { recursive: true });
      writeFileSync(path.join(composerHome, 'auth.json'), readFileSync(expected));
      const host = composerHost(target.registry);
      const key = target.username ? `http-basic.${host}` : `bearer.${host}`;
      const shown = await composer(composerHome, ['config', '--global', '--auth', key]);
      expect(shown.code, `${name}: ${shown.stderr}`).toBe(0);
      const value = target.username
        ? (JSON.parse(shown.stdout) as { password: string; username: string })
        : shown.stdout.replace(/\n$/, '');
      expect(value, name).toEqual(
        target.username ? { username: target.username, password: target.secret } : target.secret,
      );
      checked.push(name);
    }
    expect(checked.length).toBeGreaterThanOrEqual(12);
  });
});

/** Bundler's own answer for a host: Settings#credentials_for, as its fetcher asks. */
const RUBY_CREDENTIALS = `
require "bundler"
require "uri"
ARGV.each { |u| puts Bundler.settings.credentials_for(URI(u)).inspect }
`;

function bundlerEnv(configFile: string): NodeJS.ProcessEnv {
  return clientEnv(home, {
    BUNDLE_USER_CONFIG: configFile,
    BUNDLE_APP_CONFIG: path.join(home, 'no-app-config'),
  });
}

describe('Bundler reads the .bundle/config Keyport wrote', () => {
  it('keyport write bundler --username: credentials_for(URI) is user:token and bundle config get shows the host', async () => {
    const dir = path.join(home, 'bundler-user', '.bundle');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'config');
    // As `bundle config set --global path vendor/bundle` leaves it.
    writeFileSync(file, '---\nBUNDLE_PATH: "vendor/bundle"\n', { mode: 0o600 });
    const registry = 'http://127.0.0.1:9292/private/';
    const written = await keyportWrite('bundler', file, registry, ['--username', USER]);
    expect(written.err).toBe('');
    expect(written.code).toBe(0);
    expect(written.out).toContain(bundlerKey(registry));

    const creds = await run(
      'ruby',
      ['-e', RUBY_CREDENTIALS, 'http://127.0.0.1:9292/private/'],
      bundlerEnv(file),
    );
    expect(creds.stderr).toBe('');
    expect(creds.stdout.trim()).toBe(JSON.stringify(`${USER}:${TOKEN}`));

    const got = await run('bundle', ['config', 'get', '127.0.0.1'], bundlerEnv(file), home);
    expect(got.code).toBe(0);
    expect(got.stdout).toContain(`Set for the current user (${file}): "${USER}:[REDACTED]"`);
    const path_ = await run('bundle', ['config', 'get', 'path'], bundlerEnv(file), home);
    expect(path_.stdout).toContain('"vendor/bundle"');
  });

  it('bundle install from a private gem source on 127.0.0.1 authenticates with the entry (a password needing percent-encoding), and is refused without it', async () => {
    const password = 'fake tok@en+/x:1';
    const source = await startGemSource(
      path.join(home, 'gem-build'),
      'kp_private',
      `Basic ${Buffer.from(`${USER}:${password}`).toString('base64')}`,
    );
    try {
      const project = path.join(home, 'gem-project');
      mkdirSync(project, { recursive: true });
      writeFileSync(path.join(project, 'Gemfile'), `source "${source.url}"\ngem "kp_private"\n`);
      const file = path.join(home, 'gem-user', '.bundle', 'config');
      mkdirSync(path.dirname(file), { recursive: true });
      const written = await runKeyport(
        [
          'write',
          'bundler',
          '--file',
          file,
          '--registry',
          source.url,
          '--username',
          USER,
          '--token-stdin',
        ],
        { ...process.env, HOME: home, KEYPORT_HOME: path.join(home, 'keyport') },
        `${password}\n`,
      );
      expect(written.code).toBe(0);
      const install = (config: string) =>
        run(
          'bundle',
          ['install'],
          {
            ...bundlerEnv(config),
            BUNDLE_PATH: path.join(home, 'gem-vendor'),
            GEM_HOME: path.join(home, 'gem-home'),
          },
          project,
        );
      const refused = await install(path.join(home, 'no-such-config'));
      expect(refused.code).not.toBe(0);
      expect(refused.stdout + refused.stderr).toMatch(
        /Authentication is required for 127\.0\.0\.1/,
      );
      const installed = await install(file);
      // As root (this machine) Bundler warns on stderr that it runs as root; nothing else comes there.
      expect(installed.stderr).not.toMatch(/Authentication|401/);
      expect(installed.stdout).toContain('Installing kp_private 1.0.0');
      expect(installed.code).toBe(0);
      expect(source.seen.filter((a) => a !== null).length).toBeGreaterThanOrEqual(3);
    } finally {
      await source.close();
    }
  });

  it('every bundler corpus result gives Bundler the written user:token, percent-encoding undone as Bundler sends it', async () => {
    // Bundler's fetcher CGI.unescapes both halves before sending them (Fetcher::Downloader).
    const script = `
require "bundler"
require "bundler/yaml_serializer"
require "cgi"
require "json"
ARGV.each_slice(2) do |file, key|
  value = Bundler::YAMLSerializer.load(File.read(file))[key]
  user, password = value.split(":", 2)
  puts [CGI.unescape(user), password && CGI.unescape(password)].to_json
end
`;
    const args: string[] = [];
    const wanted: string[] = [];
    for (const { target, expected } of corpusCases('bundler', 'edit')) {
      args.push(expected, bundlerKey(target.registry));
      wanted.push(
        JSON.stringify(target.username ? [target.username, target.secret] : [target.secret, null]),
      );
    }
    const read = await run('ruby', ['-e', script, ...args], bundlerEnv(path.join(home, 'none')));
    expect(read.stderr).toBe('');
    expect(read.stdout.trim().split('\n')).toEqual(wanted);
    expect(wanted.length).toBeGreaterThanOrEqual(10);
  });
});

describe('keyport exec --only: Composer and Bundler take the token from the environment, no file', () => {
  const basic = `Basic ${Buffer.from(`${USER}:${TOKEN}`).toString('base64')}`;
  let repo: Awaited<ReturnType<typeof startComposerRepo>>;
  let data: string;
  let ids: { composer: string; rubygems: string };
  beforeAll(async () => {
    repo = await startComposerRepo(() => basic);
    const vault = cliVault(home, { home, data: path.join(home, 'exec-data') });
    data = vault.data;
    const token = (ecosystem: 'composer' | 'rubygems', registry: string): NewToken => ({
      label: ecosystem,
      registry,
      ecosystem,
      user: USER,
      secret: TOKEN,
      origin: 'pasted',
    });
    const [composer, rubygems] = await vault.seed(
      token('composer', repo.url),
      token('rubygems', 'http://127.0.0.1:9292/'),
    );
    ids = { composer: composer.id, rubygems: rubygems.id };
  });
  afterAll(() => repo?.close());

  const keyportExec = (id: string, command: string[], env: NodeJS.ProcessEnv, cwd: string) =>
    runProcess(
      process.execPath,
      [KEYPORT_BIN, 'exec', '--only', id, '--', ...command],
      { ...env, KEYPORT_HOME: data },
      '',
      cwd,
    );

  it('COMPOSER_AUTH: composer show authenticates with no auth.json anywhere, and a parent COMPOSER_AUTH keeps its hosts', async () => {
    const composerHome = path.join(home, 'composer-exec');
    mkdirSync(composerHome, { recursive: true });
    const project = composerProject('exec-project', repo.url);
    const env = composerEnv(composerHome);
    const shown = await keyportExec(
      ids.composer,
      ['composer', '--no-ansi', 'show', '--all', 'kp/private-lib'],
      env,
      project,
    );
    expect(shown.code).toBe(0);
    expect(shown.out).toContain('signed-in client');
    expect(repo.seen).toContain(basic);
    expect(existsSync(path.join(composerHome, 'auth.json'))).toBe(false);
    expect(existsSync(path.join(project, 'auth.json'))).toBe(false);

    const parent = {
      ...env,
      COMPOSER_AUTH: '{"github-oauth": {"github.com": "fake-gh-token-0002"}}',
    };
    const listed = await keyportExec(
      ids.composer,
      ['composer', '--no-ansi', 'config', '--global', '--list'],
      parent,
      project,
    );
    expect(listed.out).toContain('[github-oauth.github.com] fake-gh-token-0002');
    expect(listed.out).toContain(`[http-basic.${composerHost(repo.url)}.username] ${USER}`);
  });

  it('BUNDLE_<HOST>: Bundler’s credentials_for returns user:token with no config file', async () => {
    const config = path.join(home, 'no-bundle-config');
    const creds = await keyportExec(
      ids.rubygems,
      ['ruby', '-e', RUBY_CREDENTIALS, 'http://127.0.0.1:9292/'],
      bundlerEnv(config),
      home,
    );
    expect(creds.err).toBe('');
    expect(creds.out.trim()).toBe(JSON.stringify(`${USER}:${TOKEN}`));
    expect(existsSync(config)).toBe(false);
  });

  it('the write refuses --reference for both, naming the variable exec sets', async () => {
    for (const [format, file, variable] of [
      ['composer', path.join(home, 'ref', 'auth.json'), 'COMPOSER_AUTH'],
      ['bundler', path.join(home, 'ref', '.bundle', 'config'), 'BUNDLE_<HOST>'],
    ] as const) {
      const id = format === 'composer' ? ids.composer : ids.rubygems;
      const refused = await runKeyport(
        ['write', format, '--file', file, '--registry', repo.url, '--id', id, '--reference'],
        { ...process.env, HOME: home, KEYPORT_HOME: data },
      );
      expect(refused.code).toBe(2);
      expect(refused.err).toContain(variable);
      expect(existsSync(file)).toBe(false);
    }
  });
});
