// Section 1: listing 100 tokens from a real Verdaccio on 127.0.0.1.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from './build.mjs';
import { childEnv, interleaved, now, onCleanup, runOk, summary, tempDir } from './util.mjs';

const USER = 'bench';
const PASSWORD = 'bench-pass-1';
const TOKENS = 100;

/** Starts the bundled Verdaccio child and resolves with its URL once it listens. */
function startVerdaccioChild(script) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'inherit'] });
    const stop = () =>
      new Promise((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(timer);
          done();
        });
        child.stdin.end();
      });
    onCleanup(stop);
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error('Verdaccio did not start within 30 s'));
    }, 30_000);
    let buf = '';
    child.stdout.setEncoding('utf8').on('data', (d) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl < 0) return;
      clearTimeout(timer);
      resolve({ url: JSON.parse(buf.slice(0, nl)).url, stop });
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Verdaccio exited early (${code})`));
    });
  });
}

async function json(url, init) {
  const res = await fetch(url, init);
  const body = await res.json().catch(() => ({}));
  if (!res.ok)
    throw new Error(`${init?.method ?? 'GET'} ${url}: ${res.status} ${JSON.stringify(body)}`);
  return body;
}

/** A bare in-process GET with node:http (keep-alive global agent) and JSON.parse: the floor. */
function bareGet(url, token) {
  return new Promise((resolve, reject) => {
    const req = http.get(
      url,
      { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`bare GET ${res.statusCode}`));
          resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
        });
        res.on('error', reject);
      },
    );
    req.setTimeout(15_000, () => req.destroy(new Error('bare GET timed out')));
    req.on('error', reject);
  });
}

/** The GET and print of a bare Node process; BARE_TOKEN is an expression for the token. */
const bareListing = (token) => `
const http = require('node:http');
const list = (token) => http.get(process.env.BENCH_URL, { headers: { authorization: 'Bearer ' + token, accept: 'application/json' } }, (res) => {
  const chunks = [];
  res.on('data', (c) => chunks.push(c));
  res.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    process.stdout.write(JSON.stringify(body.objects, null, 2) + '\\n');
  });
}).on('error', (e) => { console.error(e.message); process.exitCode = 1; });
${token}
`;

/** The same request with nothing but node:http, the token given in the environment. */
const BARE_SCRIPT = bareListing('list(process.env.BENCH_TOKEN);');

/**
 * The floor of row 1a: what any tool that keeps its token in the OS keychain must do at least —
 * load @napi-rs/keyring, read the one entry (pinned to the Secret Service, as Keyport is), GET.
 */
const BARE_KEYCHAIN_SCRIPT = bareListing(`
const { AsyncEntry } = require('@napi-rs/keyring');
new AsyncEntry('keyport', process.env.BENCH_ACCOUNT, { linux: { store: 'secret-service' } })
  .getPassword()
  .then(list, (e) => { console.error(e.message); process.exitCode = 1; });
`);

export async function benchRegistry({ modules, bin, reps, log }) {
  const t0 = now();
  const verdaccio = await startVerdaccioChild(modules.verdaccioChild);
  const url = verdaccio.url;
  const base = url.replace(/\/$/, '');
  log(`  Verdaccio at ${url}`);

  // A user (created by the log-in call) and 100 tokens made through the token API with its password.
  const { token: session } = await json(`${base}/-/user/org.couchdb.user:${USER}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: USER, password: PASSWORD }),
  });
  const auth = { authorization: `Bearer ${session}`, 'content-type': 'application/json' };
  // One at a time: Verdaccio's token store is read-modify-write and loses concurrent creates.
  for (let i = 0; i < TOKENS; i++) {
    await json(`${base}/-/npm/v1/tokens`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ password: PASSWORD, readonly: i % 3 === 0, cidr_whitelist: [] }),
    });
  }
  const listUrl = `${base}/-/npm/v1/tokens`;
  const listed = await bareGet(listUrl, session);
  if (listed.objects?.length !== TOKENS) {
    throw new Error(`Verdaccio lists ${listed.objects?.length} tokens, expected ${TOKENS}`);
  }

  // Keyport signed in once (session token in the real keychain); npm's userconfig holds a session.
  const home = tempDir('registry');
  const keyportHome = path.join(home, 'keyport');
  const env = childEnv(home, { KEYPORT_HOME: keyportHome });
  await runOk(
    process.execPath,
    [bin, 'login', '--registry', url, '--username', USER, '--password-stdin'],
    {
      env,
      cwd: home,
      input: `${PASSWORD}\n`,
    },
  );
  const npmrc = path.join(home, '.npmrc');
  writeFileSync(npmrc, `${url.replace(/^https?:/, '')}:_authToken=${session}\n`, { mode: 0o600 });
  mkdirSync(path.join(home, '.npm-cache'), { recursive: true });

  // The account's keychain entry, named as KeyringSecretStore names it (vaultId:accountId).
  const vaultFile = JSON.parse(readFileSync(path.join(keyportHome, 'vault.json'), 'utf8'));
  const signedIn = vaultFile.tokens.find((t) => t.signIn);
  if (!signedIn) throw new Error('keyport login stored no account');
  const keychainAccount = `${vaultFile.vaultId}:${signedIn.id}`;

  const keyportArgs = [bin, 'token', 'list', '--registry', url, '--json'];
  const npmArgs = ['token', 'list', '--registry', url, '--userconfig', npmrc];
  const bareEnv = { ...env, BENCH_URL: listUrl, BENCH_TOKEN: session };
  const bareKeychainEnv = { ...env, BENCH_URL: listUrl, BENCH_ACCOUNT: keychainAccount };

  // Every process must really list the 100 tokens, or its time means nothing.
  const checks = {
    keyport: (r) => JSON.parse(r.out).filter((row) => row.key).length === TOKENS,
    npm: (r) => listed.objects.every((o) => r.out.includes(o.key.slice(0, 6))),
    bare: (r) => JSON.parse(r.out).length === TOKENS,
    bareKeychain: (r) => JSON.parse(r.out).length === TOKENS,
  };
  const proc = {
    bare: async () =>
      check(
        'bare',
        await runOk(process.execPath, ['-e', BARE_SCRIPT], { env: bareEnv, cwd: home }),
      ),
    keyport: async () =>
      check('keyport', await runOk(process.execPath, keyportArgs, { env, cwd: home })),
    npm: async () => check('npm', await runOk('npm', npmArgs, { env, cwd: home })),
    // cwd: the repository, so the script's require finds @napi-rs/keyring.
    bareKeychain: async () =>
      check(
        'bareKeychain',
        await runOk(process.execPath, ['-e', BARE_KEYCHAIN_SCRIPT], {
          env: bareKeychainEnv,
          cwd: REPO,
        }),
      ),
  };
  function check(name, r) {
    if (!checks[name](r))
      throw new Error(`${name} did not list the ${TOKENS} tokens: ${r.out.slice(0, 300)}`);
    return r.ms;
  }
  log(
    '  processes: bare node:http script with and without a keychain read, keyport token list, npm token list',
  );
  const p = await interleaved(proc, { warmup: 2, reps: reps.process, budgetMs: 45_000 });

  // In-process: the core the CLI and the app use, with the real keychain (one secret read per
  // listing, as in the app), against a bare node:http GET in this same process.
  const coreMod = await import(modules.core);
  const core = await coreMod.openCore({
    access: { mode: 'cli' },
    version: 'bench',
    env,
    home,
    dataDir: keyportHome,
  });
  onCleanup(() => core.close());
  const [account] = await core.service.registries.accounts();
  if (!account) throw new Error('keyport login stored no account');
  const listRemote = async () => {
    const rows = await core.service.registries.listRemote({ accountId: account.id });
    if (rows.length < TOKENS) throw new Error(`listRemote returned ${rows.length} rows`);
  };
  // The same call with the keychain replaced by MemorySecretStore (a copy of the vault file, so
  // the CLI's vault is untouched): shows what the one keychain read costs, nothing else.
  const memDir = path.join(home, 'keyport-memory');
  mkdirSync(memDir, { recursive: true });
  const vaultText = readFileSync(path.join(keyportHome, coreMod.METADATA_FILE), 'utf8');
  writeFileSync(path.join(memDir, coreMod.METADATA_FILE), vaultText, { mode: 0o600 });
  const secrets = new coreMod.MemorySecretStore();
  await secrets.set(
    `${JSON.parse(vaultText).vaultId}:${account.id}`,
    await core.vault.reveal(account.id),
  );
  const memCore = await coreMod.openCore({
    access: { mode: 'cli' },
    version: 'bench',
    env,
    home,
    dataDir: memDir,
    secrets,
  });
  onCleanup(() => memCore.close());
  const listRemoteMem = async () => {
    const rows = await memCore.service.registries.listRemote({ accountId: account.id });
    if (rows.length < TOKENS) throw new Error(`listRemote returned ${rows.length} rows`);
  };
  const bare = async () => {
    const body = await bareGet(listUrl, session);
    if (body.objects.length !== TOKENS) throw new Error('bare GET listed too few tokens');
  };
  // The floor of row 1c: a GET after one read through a kept keychain handle, as a process that
  // keeps its handle open (the app) does at least. The handle is made once, outside the timing.
  const { AsyncEntry } = await import('@napi-rs/keyring');
  const entry = new AsyncEntry('keyport', keychainAccount, { linux: { store: 'secret-service' } });
  const bareKeychain = async () => {
    const body = await bareGet(listUrl, await entry.getPassword());
    if (body.objects.length !== TOKENS) throw new Error('bare GET listed too few tokens');
  };
  log('  in-process: core listRemote (keychain / memory secrets) vs bare GET (± kept-handle read)');
  const ip = await interleaved(
    { bare, bareKeychain, core: listRemote, coreMemory: listRemoteMem },
    { warmup: 5, reps: reps.inProcess, budgetMs: 15_000 },
  );
  await core.close();
  await memCore.close();
  await verdaccio.stop();

  const m = (xs) => summary(xs).median;
  return {
    seconds: (now() - t0) / 1000,
    series: {
      'bare node:http process': summary(p.bare),
      'bare node:http process reading its token through @napi-rs/keyring': summary(p.bareKeychain),
      'keyport token list process': summary(p.keyport),
      'npm token list process': summary(p.npm),
      'bare in-process GET': summary(ip.bare),
      'bare in-process GET after one kept-handle keychain read': summary(ip.bareKeychain),
      'core listRemote (keychain)': summary(ip.core),
      'core listRemote (MemorySecretStore)': summary(ip.coreMemory),
    },
    rows: [
      {
        id: '1a',
        what: 'keyport token list / bare node:http + keychain read script (process)',
        a: m(p.keyport),
        b: m(p.bareKeychain),
        target: { max: 1.2 },
      },
      {
        id: '1b',
        what: 'keyport token list / npm token list (process)',
        a: m(p.keyport),
        b: m(p.npm),
        target: { max: 0.45 },
      },
      {
        id: '1c',
        what: 'core listRemote (real keychain) / bare GET + kept-handle keychain read',
        a: m(ip.core),
        b: m(ip.bareKeychain),
        target: { max: 1.2 },
      },
      {
        id: '1d',
        what: 'core listRemote (MemorySecretStore) / bare in-process GET',
        a: m(ip.coreMemory),
        b: m(ip.bare),
        note: 'diagnostic: keychain read excluded',
      },
      {
        id: '1e',
        what: 'bare script with keychain read / without (process)',
        a: m(p.bareKeychain),
        b: m(p.bare),
        note: 'diagnostic: what loading @napi-rs/keyring and one Secret Service read cost a process',
      },
      {
        id: '1f',
        what: 'keyport token list / bare node:http script without keychain',
        a: m(p.keyport),
        b: m(p.bare),
        note: 'diagnostic: the old floor of 1a (the token from the environment)',
      },
    ],
  };
}
