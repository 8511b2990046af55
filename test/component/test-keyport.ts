/**
 * The renderer's `window.keyport` in component tests: the real core in process. `openCore` in app
 * mode over temp dirs (data dir and home), an in-memory secret store and clipboard (no keychain
 * or Electron clipboard in a component test; both are proven for real by the integration and
 * smoke tests), dispatched through main's own `createHandlers` + `dispatch` with the contract's
 * validation. Registry calls go over HTTP to a real npm-like server on 127.0.0.1.
 *
 * The stand-ins are only what cannot run here: main's native dialogs (ScriptedDialogs, which
 * approves what it asks unless the test declines), a keychain that can be locked (see
 * LockableSecretStore), and the one thing kept from the old fake of the core: a gate that holds a
 * call in flight before it reaches the core (`hold`), for states that exist only while a local
 * call is pending (loading, busy buttons). Registry calls are held at the registry instead
 * (npm-like server 'hang' and 'delay' faults), so the core's own cancel is what is tested.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { MemoryClipboard } from '../../src/core/clipboard-guard';
import { createHandlers } from '../../src/core/ipc-handlers';
import { openCore, type Core } from '../../src/core/open-core';
import { keychainError } from '../../src/core/vault/keyring-secret-store';
import { MemorySecretStore } from '../../src/core/vault/secret-store';
import { MetadataFile } from '../../src/core/vault/metadata-file';
import { Vault } from '../../src/core/vault/vault';
import { maskSecret } from '../../src/shared/mask';
import type { ApiMethod, KeyportApi } from '../../src/shared/ipc-contract';
import type { TokenMeta } from '../../src/shared/types';
import { SweepGate } from '../support/bridge-server';
import { inProcessKeyport } from '../support/in-process-keyport';
import { startNpmLikeServer, type NpmLikeServer } from '../support/npm-like-server';
import { ScriptedDialogs } from '../support/scripted-dialogs';

/** A token as it was stored some time ago: any metadata, and its value. */
export interface SeedToken extends Partial<TokenMeta> {
  label: string;
  secret: string;
}

/** Seeds, or a function that makes them with paths in this core's temp home. */
export type Seeds = SeedToken[] | ((keyport: TestKeyport) => SeedToken[]);

/** The account password the test registry accepts. */
export const PASSWORD = 'correct-horse';

/**
 * The in-memory store, which can be locked: a memory map cannot be, so while `locked` it fails
 * the way the Secret Service fails on a locked collection (`'writes'`: reads still work, as when
 * the user dismisses the unlock prompt a write raises), and the core's own mapping
 * (keychainError) turns that into the sentence the app shows.
 */
export class LockableSecretStore extends MemorySecretStore {
  locked: boolean | 'writes' = false;

  private check(write: boolean): void {
    if (this.locked === true || (write && this.locked === 'writes')) {
      throw keychainError(new Error('Cannot unlock collection: the prompt was dismissed'));
    }
  }
  override async get(account: string) {
    this.check(false);
    return super.get(account);
  }
  override async set(account: string, secret: string) {
    this.check(true);
    return super.set(account, secret);
  }
  override async delete(account: string) {
    this.check(true);
    return super.delete(account);
  }
}

const open: TestKeyport[] = [];
afterEach(async () => {
  for (const keyport of open.splice(0)) await keyport.close();
});

export class TestKeyport {
  /** The user's home: config defaults and scans look here, never in the real one. */
  readonly home: string;
  readonly dataDir: string;
  readonly secrets = new LockableSecretStore();
  /** What main's clipboard guard wrote (Electron's clipboard cannot run here). */
  readonly clipboard = new MemoryClipboard();
  /** Main's native dialogs, played by the test; every question is approved unless declined. */
  readonly dialogs = new ScriptedDialogs().approveAll();
  /** Holds sweeps between turns of their walk while `sweeps.hold()` is on. */
  readonly sweeps = new SweepGate();
  /** Every call the renderer made, in order, as it sent it. */
  readonly calls: { method: ApiMethod; request: unknown }[] = [];
  api!: KeyportApi;
  core!: Core;
  /** The temp dir holding home and data dir; `outside(...)` names places beside home. */
  readonly root: string;
  private readonly holds = new Map<ApiMethod, Promise<void>>();
  private readonly releases = new Set<() => void>();
  private readonly inFlight = new Set<Promise<unknown>>();
  private server: NpmLikeServer | undefined;
  /** Opens the same data dir as the app does (the CLI shares it); seeds pick ids and dates. */
  private seeder: { vault: Vault; now: Date; id: string | undefined } | undefined;
  private nextId = 1;

  private constructor() {
    this.root = mkdtempSync(path.join(os.tmpdir(), 'keyport-component-'));
    this.home = path.join(this.root, 'home');
    this.dataDir = path.join(this.root, 'data');
    mkdirSync(this.home);
  }

  /** A vault holding `tokens`, and the core opened over it as the app opens it. */
  static async open(seeds: Seeds = []): Promise<TestKeyport> {
    const keyport = new TestKeyport();
    open.push(keyport);
    const tokens = typeof seeds === 'function' ? seeds(keyport) : seeds;
    if (tokens.length > 100) await keyport.seedMany(tokens);
    else for (const token of tokens) await keyport.seed(token);
    keyport.core = await openCore({
      version: '0.0.0-test',
      access: { mode: 'app', dialogs: keyport.dialogs },
      dataDir: keyport.dataDir,
      home: keyport.home,
      // Not process.env: npm exports npm_config_userconfig (the real ~/.npmrc) to test runs.
      env: { PATH: process.env.PATH, HOME: keyport.home },
      secrets: keyport.secrets,
      clipboard: keyport.clipboard,
      sweepPace: keyport.sweeps.pace,
    });
    const api = inProcessKeyport(createHandlers(keyport.core.service), async (method, request) => {
      keyport.calls.push({ method, request: structuredClone(request) });
      await keyport.holds.get(method);
    });
    // Every call is tracked, so closing waits for the core to finish what the page asked.
    keyport.api = Object.fromEntries(
      Object.entries(api).map(([method, call]) => [
        method,
        (request: unknown) => {
          const answer = (call as (r: unknown) => Promise<unknown>)(request);
          keyport.inFlight.add(answer);
          void answer.finally(() => keyport.inFlight.delete(answer));
          return answer;
        },
      ]),
    ) as KeyportApi;
    return keyport;
  }

  /**
   * Stores a token with the metadata it would have after its history (created then, written
   * there, used then), through the vault's own API, as another process sharing the data dir.
   * `status: 'secret-missing'` takes its value out of the store: the core finds that out itself.
   */
  async seed({ secret, ...meta }: SeedToken): Promise<TokenMeta> {
    const seeder = await this.seederVault();
    const at = (iso: string | null | undefined) =>
      (seeder.now = new Date(iso || '2026-01-15T09:00:00.000Z'));
    at(meta.created);
    seeder.id = meta.id ?? `t${this.nextId++}`;
    let token = await seeder.vault.add({
      label: meta.label,
      registry: meta.registry ?? 'https://registry.npmjs.org/',
      ecosystem: meta.ecosystem ?? 'npm',
      secret,
      origin: meta.origin ?? 'pasted',
      ...(meta.user !== undefined ? { user: meta.user } : {}),
      ...(meta.expires !== undefined ? { expires: meta.expires } : {}),
      ...(meta.notes !== undefined ? { notes: meta.notes } : {}),
      ...(meta.permissions !== undefined ? { permissions: meta.permissions } : {}),
      ...(meta.remoteKey !== undefined ? { remoteKey: meta.remoteKey } : {}),
      ...(meta.cidr !== undefined ? { cidr: meta.cidr } : {}),
      ...(meta.signIn !== undefined ? { signIn: meta.signIn } : {}),
    });
    for (const { at: when, ...location } of meta.writtenTo ?? []) {
      at(when);
      token = await seeder.vault.recordWrite(token.id, location);
    }
    for (const { at: when, ...link } of meta.helperLinks ?? []) {
      at(when);
      token = await seeder.vault.recordHelperLink(token.id, link);
    }
    if (meta.refused) {
      const { at: when, ...refusal } = meta.refused;
      at(when);
      token = await seeder.vault.markRefused(token.id, refusal);
    }
    if (meta.usedIn) {
      await seeder.vault.setUsage(
        new Set(meta.usedIn.map((u) => u.file)),
        new Map([[token.id, meta.usedIn]]),
      );
    }
    if (meta.lastUsed !== undefined) {
      at(meta.lastUsed);
      token = meta.lastUsed === null ? token : await seeder.vault.touch(token.id);
    }
    if (meta.status === 'secret-missing') await this.dropSecret(token.id);
    return seeder.vault.get(token.id);
  }

  /** Removes a token as another process sharing the data dir would (`keyport remove`). */
  async removeBehindTheApp(id: string): Promise<void> {
    await (await this.seederVault()).vault.remove(id);
  }

  /** The keychain loses a token's value (another tool deleted the entry); the metadata stays. */
  async dropSecret(id: string): Promise<void> {
    const { vaultId } = await new MetadataFile(this.dataDir).read();
    await this.secrets.delete(`${vaultId}:${id}`);
  }

  /**
   * Many plain tokens at once, written as one metadata file (the vault's own format and writer)
   * with their values in the store: adding 10,000 one by one rewrites the file 10,000 times.
   * No fingerprints: only scans use them.
   */
  async seedMany(tokens: SeedToken[]): Promise<void> {
    const file = new MetadataFile(this.dataDir);
    const data = await file.read();
    for (const { secret, ...meta } of tokens) {
      const id = meta.id ?? `t${this.nextId++}`;
      data.tokens.push({
        registry: 'https://registry.npmjs.org/',
        ecosystem: 'npm',
        permissions: [],
        created: '2026-01-15T09:00:00.000Z',
        expires: null,
        lastUsed: null,
        origin: 'pasted',
        writtenTo: [],
        status: 'ok',
        ...meta,
        id,
        masked: maskSecret(secret),
      });
      await this.secrets.set(`${data.vaultId}:${id}`, secret);
    }
    await file.write(data);
  }

  private async seederVault() {
    if (!this.seeder) {
      const state = { now: new Date(), id: undefined as string | undefined };
      const vault = await Vault.open({
        dir: this.dataDir,
        secrets: this.secrets,
        now: () => state.now,
        newId: () => state.id ?? `t${this.nextId++}`,
      });
      this.seeder = Object.assign(state, { vault });
    }
    return this.seeder;
  }

  /** The npm-like registry on 127.0.0.1, started on first use. */
  async registry(): Promise<NpmLikeServer> {
    this.server ??= await startNpmLikeServer();
    return this.server;
  }

  /**
   * A user of the test registry (password PASSWORD) signed in to Keyport some time ago: their
   * session token in the vault as the core stores a sign-in (see RegistryFlows.storeAccount).
   */
  async seedAccount({ id, username }: { id?: string; username: string }): Promise<TokenMeta> {
    const registry = await this.registry();
    registry.addUser(username, PASSWORD);
    return this.seed({
      ...(id ? { id } : {}),
      label: `${username} @ ${new URL(registry.url).host}`,
      registry: registry.url,
      user: username,
      signIn: { username },
      permissions: ['session'],
      origin: 'created',
      secret: registry.sessionFor(username),
    });
  }

  /**
   * A token that exists on the test registry for `username` (`wire`: the registry's own fields,
   * e.g. `created`, `name`, `cidr_whitelist`): its value (`secret`, else a random one) and key.
   */
  async remoteToken(
    username: string,
    { secret, ...wire }: Record<string, unknown> & { secret?: string } = {},
  ): Promise<{ secret: string; key: string }> {
    const registry = await this.registry();
    if (secret) registry.issueNext(secret);
    const value = registry.seedToken(username, wire);
    return { secret: value, key: registry.tokens.find((t) => t.secret === value)!.key };
  }

  /** Calls to `method` wait until the returned function is called: for states while in flight. */
  hold(method: ApiMethod): () => void {
    let release!: () => void;
    this.holds.set(
      method,
      new Promise<void>((resolve) => {
        release = () => {
          this.holds.delete(method);
          this.releases.delete(release);
          resolve();
        };
      }),
    );
    this.releases.add(release);
    return release;
  }

  callsTo(method: ApiMethod): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.request);
  }

  /** A path in the temp home, e.g. `file('.npmrc')`. */
  readonly file = (...parts: string[]): string => path.join(this.home, ...parts);

  /** A path outside the home (a project checked out elsewhere), e.g. `outside('w', 'app')`. */
  readonly outside = (...parts: string[]): string => path.join(this.root, ...parts);

  /** Writes a file under the temp home (folders made as needed) and returns its path. */
  write(relative: string, text: string): string {
    const file = path.isAbsolute(relative) ? relative : this.file(relative);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    return file;
  }

  /** A file's text, or null when it does not exist. */
  read(relative: string): string | null {
    const file = path.isAbsolute(relative) ? relative : this.file(relative);
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return null;
    }
  }

  /** Lets everything in flight finish (held calls, held sweeps, stalled requests), then cleans up. */
  async close(): Promise<void> {
    this.sweeps.release();
    for (const release of [...this.releases]) release();
    // Stopping the registry ends the requests it left hanging.
    await this.server?.stop();
    await Promise.allSettled([...this.inFlight]);
    await this.core?.close();
    rmSync(this.root, { recursive: true, force: true, maxRetries: 3 });
  }
}
