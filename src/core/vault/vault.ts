import { statSync } from 'node:fs';
import { randomHex } from '../random-hex';
import { KeyportError, type KeyportErrorInfo } from '../../shared/errors';
import { maskSecret } from '../../shared/mask';
import type {
  Ecosystem,
  HelperLink,
  HelperRefusal,
  TokenMeta,
  TokenOrigin,
  UsedLocation,
  WrittenLocation,
} from '../../shared/types';
import { withDirLock } from '../fs/dir-lock';
import { parseSecret } from '../validate';
import { fingerprintAccount, loadFingerprinter, type Fingerprinter } from './fingerprint';
import { MetadataFile, type StoredRecord, type VaultFile } from './metadata-file';
import { moveSecrets } from './move-secrets';
import type { KeychainItems } from './keychain-items';
import type { SecretStore } from './secret-store';

export interface NewToken {
  label: string;
  registry: string;
  ecosystem: Ecosystem;
  secret: string;
  origin: TokenOrigin;
  user?: string;
  expires?: string | null;
  notes?: string;
  permissions?: string[];
  remoteKey?: string;
  cidr?: string[];
  signIn?: { username: string };
}

/** A deleted token's two halves, as `remove` returns them for an Undo (see `restore`). */
export interface RemovedToken {
  record: StoredRecord;
  secret: string;
}

export interface TokenPatch {
  label?: string;
  notes?: string;
  expires?: string | null;
  permissions?: string[];
  remoteKey?: string;
}

export interface VaultOptions {
  dir: string;
  secrets: SecretStore;
  now?: () => Date;
  newId?: () => string;
  /**
   * false: skip the crash-recovery pass (one keychain listing) at open, for a process that may
   * only read (the CLI's `list`, `token list`). It then runs before this process's first change
   * instead, so no add, update or remove ever sees an unfinished one. The app keeps the default.
   */
  reconcile?: boolean;
  /**
   * Where the copies a client looks up (helperLinks: Python's keyring) live. Given, removing a
   * token deletes them and restoring it puts them back; absent (unit tests), links are metadata.
   */
  linkedItems?: KeychainItems;
}

/**
 * Tokens: the value in the keychain, everything else in a metadata file. Listing reads only the
 * file (cached by mtime and size), so 10,000 tokens list without touching the keychain; only
 * reveal reads a secret.
 *
 * Every mutation re-reads the file first, so the CLI and the app can share a data directory.
 */
export class Vault {
  private readonly meta: MetadataFile;
  private readonly secrets: SecretStore;
  private readonly linkedItems: KeychainItems | undefined;
  private readonly now: () => Date;
  private readonly newId: () => string;
  private cache: { key: string; data: VaultFile } | undefined;
  private fingerprinter: Fingerprinter | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  /** Reconcile was put off at open and has not run yet (see VaultOptions.reconcile). */
  private reconcilePending = false;

  private constructor(options: VaultOptions) {
    this.meta = new MetadataFile(options.dir);
    this.secrets = options.secrets;
    this.linkedItems = options.linkedItems;
    this.now = options.now ?? (() => new Date());
    this.newId = options.newId ?? (() => randomHex(8));
  }

  /**
   * Set when the keychain could not be reached at open: the list (metadata only) still works,
   * reveal/add fail with the keychain's own error, and the UI says why.
   */
  keychainProblem: KeyportErrorInfo | null = null;

  /**
   * Opens the vault and finishes any add or delete that a crash interrupted (with
   * `reconcile: false`, before the first change instead).
   */
  static async open(options: VaultOptions): Promise<Vault> {
    const vault = new Vault(options);
    if (options.reconcile === false) {
      vault.reconcilePending = true;
      return vault;
    }
    await vault.exclusive(() => vault.reconcileNoting());
    return vault;
  }

  /**
   * Reconciles, noting a keychain that cannot be reached instead of failing: without one there
   * is nothing to reconcile against, and the next open will. Runs inside `exclusive`.
   */
  private async reconcileNoting(): Promise<void> {
    try {
      await this.reconcileNow();
    } catch (err) {
      if (!(err instanceof KeyportError && err.code.startsWith('KEYCHAIN_'))) throw err;
      this.keychainProblem = err.toInfo();
    }
    this.reconcilePending = false;
  }

  /** Every change starts here (inside `exclusive`): the reconcile put off at open runs first. */
  private async beforeChange(): Promise<void> {
    if (this.reconcilePending) await this.reconcileNoting();
  }

  get dir(): string {
    return this.meta.dir;
  }

  /** The keyed hash used to recognise this vault's tokens in files (see fingerprint.ts). */
  async fingerprint(secret: string): Promise<string> {
    this.fingerprinter ??= await loadFingerprinter(this.secrets, (await this.snapshot()).vaultId);
    return this.fingerprinter(secret);
  }

  async list(): Promise<TokenMeta[]> {
    const data = await this.snapshot();
    return data.tokens.filter((t) => t.phase === undefined).map(publicMeta);
  }

  async get(id: string): Promise<TokenMeta> {
    return publicMeta(findRecord(await this.snapshot(), id));
  }

  async reveal(id: string): Promise<string> {
    const data = await this.snapshot();
    const record = findRecord(data, id);
    const secret = await this.secrets.get(account(data, id));
    // Open skipped reconcile, which is what finds out that there is no keychain: find out now.
    if (secret === null && this.reconcilePending) {
      await this.exclusive(() => this.beforeChange());
    }
    // A keychain found unreachable at open explains a miss better than "the secret is gone"
    // (a store that answers "no such entry" when it cannot really look).
    if (secret === null && this.keychainProblem)
      throw new KeyportError(this.keychainProblem.code, this.keychainProblem.message);
    if (secret === null) {
      throw new KeyportError(
        'SECRET_MISSING',
        `The keychain no longer holds the value of "${record.label}". Paste it again or delete the entry.`,
      );
    }
    return secret;
  }

  add(input: NewToken): Promise<TokenMeta> {
    return this.exclusive(async () => {
      // Every way in (pasted, created, signed in, imported) meets the same check as the app's form.
      parseSecret(input.secret);
      await this.beforeChange();
      const record: StoredRecord = {
        id: this.newId(),
        label: input.label,
        registry: input.registry,
        ecosystem: input.ecosystem,
        ...(input.user ? { user: input.user } : {}),
        permissions: input.permissions ?? [],
        ...(input.notes ? { notes: input.notes } : {}),
        created: this.now().toISOString(),
        expires: input.expires ?? null,
        lastUsed: null,
        origin: input.origin,
        writtenTo: [],
        masked: maskSecret(input.secret),
        fingerprint: await this.fingerprint(input.secret),
        ...(input.remoteKey ? { remoteKey: input.remoteKey } : {}),
        ...(input.cidr ? { cidr: input.cidr } : {}),
        ...(input.signIn ? { signIn: input.signIn } : {}),
        status: 'ok',
      };
      return this.insert(record, input.secret);
    });
  }

  /**
   * Puts back a token `remove` took out (the app's Undo): the same id, dates and "written to"
   * list, with its secret, through the same crash-safe steps as `add`.
   */
  restore(removed: RemovedToken): Promise<TokenMeta> {
    return this.exclusive(async () => {
      await this.beforeChange();
      const data = await this.load();
      if (data.tokens.some((t) => t.id === removed.record.id)) {
        throw new KeyportError('INVALID_INPUT', `"${removed.record.label}" is already back.`);
      }
      const meta = await this.insert({ ...removed.record, status: 'ok' }, removed.secret);
      for (const link of meta.helperLinks ?? []) {
        await this.linkedItems?.set(link.service, link.username, removed.secret);
      }
      return meta;
    });
  }

  /** A token's helper links that no other token also holds (a rotation's new one moved them). */
  private async deleteLinks(data: VaultFile, record: StoredRecord): Promise<void> {
    if (!this.linkedItems) return;
    const key = (l: HelperLink) => `${l.kind}\n${l.service}\n${l.username}`;
    const elsewhere = new Set(
      data.tokens.filter((t) => t.id !== record.id).flatMap((t) => (t.helperLinks ?? []).map(key)),
    );
    for (const link of record.helperLinks ?? []) {
      if (!elsewhere.has(key(link))) await this.linkedItems.delete(link.service, link.username);
    }
  }

  /** The two halves of a token, in the order that survives a crash at any point. Runs in `exclusive`. */
  private async insert(record: StoredRecord, secret: string): Promise<TokenMeta> {
    const data = await this.load();
    // Metadata first, flagged pending: a crash before the keychain write leaves a pending record
    // without a secret, which reconcile drops; a crash after it leaves both halves, which
    // reconcile completes. Never a secret nobody knows about.
    record.phase = 'pending';
    data.tokens.push(record);
    await this.save(data);
    try {
      await this.secrets.set(account(data, record.id), secret);
    } catch (err) {
      data.tokens = data.tokens.filter((t) => t.id !== record.id);
      await this.save(data);
      throw err;
    }
    delete record.phase;
    await this.save(data);
    return publicMeta(record);
  }

  update(id: string, patch: TokenPatch): Promise<TokenMeta> {
    return this.mutate(id, (record) => {
      if (patch.label !== undefined) record.label = patch.label;
      if (patch.notes !== undefined) {
        if (patch.notes === '') delete record.notes;
        else record.notes = patch.notes;
      }
      if (patch.expires !== undefined) record.expires = patch.expires;
      if (patch.permissions !== undefined) record.permissions = patch.permissions;
      if (patch.remoteKey !== undefined) record.remoteKey = patch.remoteKey;
    });
  }

  /** Marks a token as used now (copied, written, exported). */
  touch(id: string): Promise<TokenMeta> {
    return this.mutate(id, (record) => {
      record.lastUsed = this.now().toISOString();
    });
  }

  /** Records (or refreshes) a config file entry that now holds this token. */
  recordWrite(id: string, location: Omit<WrittenLocation, 'at'>): Promise<TokenMeta> {
    return this.mutate(id, (record) => {
      const at = this.now().toISOString();
      record.writtenTo = record.writtenTo.filter(
        (w) => !(w.file === location.file && w.entry === location.entry),
      );
      record.writtenTo.push({ ...location, at });
      record.lastUsed = at;
    });
  }

  /**
   * Replaces what a scan of `scannedFiles` found: each token's entries in those files become
   * `usage.get(id)`; entries in files this scan did not look at are kept.
   */
  setUsage(
    scannedFiles: ReadonlySet<string>,
    usage: ReadonlyMap<string, UsedLocation[]>,
  ): Promise<void> {
    return this.exclusive(async () => {
      await this.beforeChange();
      const data = await this.load();
      let changed = false;
      for (const record of data.tokens) {
        const kept = (record.usedIn ?? []).filter((u) => !scannedFiles.has(u.file));
        const next = [...kept, ...(usage.get(record.id) ?? [])];
        if (JSON.stringify(next) !== JSON.stringify(record.usedIn ?? [])) {
          if (next.length > 0) record.usedIn = next;
          else delete record.usedIn;
          changed = true;
        }
      }
      if (changed) await this.save(data);
    });
  }

  /**
   * Records (or refreshes) a keychain item a client reads this token's value from. `at` is when
   * it was set up: now, or the moved link's own (a rotation keeps it, which is how a setup's
   * Undo still knows the item as its own; see PythonKeyringLinks.unlink).
   */
  recordHelperLink(id: string, link: Omit<HelperLink, 'at'> & { at?: string }): Promise<TokenMeta> {
    return this.mutate(id, (record) => {
      const others = (record.helperLinks ?? []).filter((l) => !sameHelperLink(l, link));
      record.helperLinks = [
        ...others,
        {
          kind: link.kind,
          service: link.service,
          username: link.username,
          at: link.at ?? this.now().toISOString(),
        },
      ];
    });
  }

  /** Forgets a keychain item a client read this token from (its setup was undone). */
  forgetHelperLink(id: string, link: Omit<HelperLink, 'at'>): Promise<TokenMeta> {
    return this.mutate(id, (record) => {
      record.helperLinks = (record.helperLinks ?? []).filter((l) => !sameHelperLink(l, link));
      if (record.helperLinks.length === 0) delete record.helperLinks;
    });
  }

  /** A server a helper now also answers with this token for (kept once per URL). */
  addServedHost(id: string, url: string): Promise<TokenMeta> {
    return this.mutate(id, (record) => {
      const others = (record.servedHosts ?? []).filter((h) => h.url !== url);
      record.servedHosts = [...others, { client: 'git', url, at: this.now().toISOString() }];
    });
  }

  /** Marks the token refused by a server (null: clears the mark). Metadata only. */
  markRefused(id: string, refusal: Omit<HelperRefusal, 'at'> | null): Promise<TokenMeta> {
    return this.mutate(id, (record) => {
      if (refusal) record.refused = { ...refusal, at: this.now().toISOString() };
      else delete record.refused;
    });
  }

  /**
   * A rotation's step: `toId`'s value under every helper item `fromId` has, the links recorded
   * on `toId` too (so removing `fromId` afterwards leaves them), and the servers a helper
   * answers for with it. Run back to undo it.
   */
  async moveHelperLinks(fromId: string, toId: string): Promise<number> {
    const from = await this.get(fromId);
    for (const host of from.servedHosts ?? []) await this.addServedHost(toId, host.url);
    const links = from.helperLinks ?? [];
    if (links.length === 0 || !this.linkedItems) return 0;
    const secret = await this.reveal(toId);
    for (const link of links) {
      await this.linkedItems.set(link.service, link.username, secret);
      await this.recordHelperLink(toId, link);
    }
    return links.length;
  }

  /** Forgets a config file entry (after undo, or when the entry was removed). */
  forgetWrite(id: string, file: string, entry: string): Promise<TokenMeta> {
    return this.mutate(id, (record) => {
      record.writtenTo = record.writtenTo.filter((w) => !(w.file === file && w.entry === entry));
    });
  }

  /**
   * Deletes a token, both halves. With `forUndo`, returns them (null if the keychain had lost the
   * value) for the caller to offer Undo with; nothing is kept here. Without it, the value is not
   * even read: revoking many tokens pays no keychain read each.
   */
  remove(id: string, options: { forUndo?: boolean } = {}): Promise<RemovedToken | null> {
    return this.exclusive(async () => {
      await this.beforeChange();
      const data = await this.load();
      const record = findRecord(data, id);
      const secret = options.forUndo ? await this.secrets.get(account(data, id)) : null;
      // The client-facing copies first: a failure here leaves the token whole, to try again.
      await this.deleteLinks(data, record);
      // Flag first, so a crash between the two halves is finished at the next start.
      record.phase = 'deleting';
      await this.save(data);
      await this.secrets.delete(account(data, id));
      data.tokens = data.tokens.filter((t) => t.id !== id);
      await this.save(data);
      delete record.phase;
      return secret === null ? null : { record, secret };
    });
  }

  /**
   * Finishes interrupted adds and deletes, marks records whose secret vanished from the keychain,
   * and adopts keychain entries of this vault that have no metadata (so no token is ever lost).
   * One keychain call in all, not one per token.
   */
  reconcile(): Promise<void> {
    return this.exclusive(() => this.reconcileNow());
  }

  private async reconcileNow(): Promise<void> {
    const data = await this.load();
    const prefix = `${data.vaultId}:`;
    const stored = new Set(
      (await this.secrets.accounts())
        .filter((a) => a.startsWith(prefix))
        .map((a) => a.slice(prefix.length)),
    );
    const kept: StoredRecord[] = [];
    let changed = false;
    for (const record of data.tokens) {
      const has = stored.has(record.id);
      stored.delete(record.id);
      if (record.phase === 'deleting') {
        if (has) await this.secrets.delete(account(data, record.id));
        changed = true;
        continue;
      }
      if (record.phase === 'pending') {
        changed = true;
        if (!has) continue;
        delete record.phase;
      }
      const status = has ? 'ok' : 'secret-missing';
      if (record.status !== status) {
        record.status = status;
        changed = true;
      }
      kept.push(record);
    }
    for (const orphan of stored) {
      const secret = await this.secrets.get(account(data, orphan));
      if (secret === null) continue;
      kept.push({
        id: orphan,
        label: 'Recovered token',
        registry: 'https://unknown.invalid/',
        ecosystem: 'other',
        permissions: [],
        notes: 'Found in the keychain without its details after an interrupted operation.',
        created: this.now().toISOString(),
        expires: null,
        lastUsed: null,
        origin: 'imported',
        writtenTo: [],
        masked: maskSecret(secret),
        fingerprint: await this.fingerprint(secret),
        status: 'ok',
      });
      changed = true;
    }
    if (changed) {
      data.tokens = kept;
      await this.save(data);
    }
    this.reconcilePending = false;
  }

  private mutate(id: string, change: (record: StoredRecord) => void): Promise<TokenMeta> {
    return this.exclusive(async () => {
      await this.beforeChange();
      const data = await this.load();
      const record = findRecord(data, id);
      change(record);
      await this.save(data);
      return publicMeta(record);
    });
  }

  /**
   * Moves this vault's secrets (its tokens and the fingerprint key) from its store into `to`
   * (`keyport store move`): copied and checked first, the originals deleted last.
   */
  moveSecretsTo(to: SecretStore): Promise<number> {
    return this.exclusive(async () => {
      await this.beforeChange();
      const data = await this.snapshot();
      // An empty vault has nothing to move and need not reach its old store at all (the usual
      // case on a machine without a keychain); the new store makes its own fingerprint key.
      if (data.tokens.length === 0) return 0;
      const accounts = [
        ...data.tokens.map((t) => account(data, t.id)),
        fingerprintAccount(data.vaultId),
      ];
      return moveSecrets(accounts, this.secrets, to);
    });
  }

  /** Serialises read-modify-write cycles of the metadata file, in this process and across processes. */
  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    // In this process a queue; across processes (app and CLI) a lock file in the data dir.
    const locked = () => withDirLock(this.meta.dir, task);
    const run = this.queue.then(locked, locked);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A mutable copy of the current file, for read-modify-write. */
  private async load(): Promise<VaultFile> {
    return structuredClone(await this.snapshot());
  }

  /** The current file, shared with the cache: read it, never change it. */
  private async snapshot(): Promise<VaultFile> {
    // No file yet: an empty vault whose id stays the same until the first save writes it.
    let key = 'absent';
    try {
      // Synchronous on purpose: a stat of one local file takes microseconds, while the promise
      // version waits for a thread-pool round trip, and a registry listing asks three times.
      const stat = statSync(this.meta.file);
      key = `${stat.mtimeMs}:${stat.size}:${stat.ino}`;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    if (this.cache?.key !== key) this.cache = { key, data: await this.meta.read() };
    return this.cache.data;
  }

  private async save(data: VaultFile): Promise<void> {
    await this.meta.write(data);
    this.cache = undefined;
  }
}

/** One keychain item a client reads: the same kind, service and user name (`at` aside). */
export function sameHelperLink(a: Omit<HelperLink, 'at'>, b: Omit<HelperLink, 'at'>): boolean {
  return a.kind === b.kind && a.service === b.service && a.username === b.username;
}

function account(data: VaultFile, id: string): string {
  return `${data.vaultId}:${id}`;
}

function findRecord(data: VaultFile, id: string): StoredRecord {
  const record = data.tokens.find((t) => t.id === id && t.phase === undefined);
  if (!record) throw new KeyportError('NOT_FOUND', `No token with id ${id}.`);
  return record;
}

function publicMeta(record: StoredRecord): TokenMeta {
  const { phase: _phase, ...meta } = record;
  return meta;
}
