import os from 'node:os';
import path from 'node:path';
import { KeyportError, toErrorInfo } from '../../shared/errors';
import type { ParsedRequestOf } from '../../shared/ipc-contract';
import {
  CONFIG_FORMATS,
  type ConfigFormat,
  type WriteOutcome,
  type RemovalOutcome,
  type WritePreview,
  type WriteTargetSpec,
} from '../../shared/types';
import type { ApplyResult, WritePlan } from '../configs/config-writer';
import { defaultConfigPath } from '../configs/default-config-path';
import type { Consent } from '../access/consent';
import { sourceChange } from '../access/package-source-hosts';
import type { PathPolicy } from '../access/path-policy';
import type { PathEnvironment } from '../paths';
import { randomId } from '../random-hex';
import { referenceFor } from '../../shared/references';
import type { Vault } from '../vault/vault';

/**
 * The writers and their parsers (ini, fast-xml-parser, diff) load on the first plan, apply or
 * undo: every other command, and the app's start, never pays for them.
 */
const writer = () => import('../configs/config-writer');

/** A preview older than this must be made again: the user has moved on. */
const PLAN_TTL_MS = 15 * 60_000;

interface HeldPlan {
  plan: WritePlan;
  target: WriteTargetSpec;
  /** Null for a secret written straight from the CLI, which the vault does not know. */
  tokenId: string | null;
  madeAt: number;
}

interface HeldUndo {
  applied: ApplyResult;
  entry: string;
  tokenId: string | null;
}

/**
 * Undo records hold a file's earlier content in memory; the oldest beyond this many are dropped
 * (their Undo button has long gone). An app restart drops all of them: nothing is kept on disk.
 */
const MAX_UNDOS = 32;

/**
 * "Write to config…": preview (a masked diff) → confirm → write → undo. Plans hold the new file
 * text, secret included, so they stay here in main/core; the renderer gets an id and the diff.
 */
export class ConfigWriteFlow {
  private readonly plans = new Map<string, HeldPlan>();
  private readonly undos = new Map<string, HeldUndo>();

  constructor(
    private readonly vault: Vault,
    private readonly access: {
      /** Says which files a request may touch; consulted before a file is read. */
      paths: PathPolicy;
      /** Asks before a write changes where packages come from. */
      consent: Consent;
    },
    private readonly paths: PathEnvironment = {
      home: os.homedir(),
      platform: process.platform,
      env: process.env,
    },
    private readonly now: () => number = Date.now,
  ) {}

  defaults(): Record<ConfigFormat, string> {
    return Object.fromEntries(
      CONFIG_FORMATS.map((format) => [format, defaultConfigPath(format, this.paths)]),
    ) as Record<ConfigFormat, string>;
  }

  /** Previews writing a vault token (the app, and `keyport write --id`). */
  async plan(req: ParsedRequestOf<'config:plan'>): Promise<WritePreview> {
    const token = await this.vault.get(req.tokenId);
    const { tokenId, reference, ...target } = req;
    // A reference is no secret, but the token must still exist for `keyport exec` to fill it.
    const value = reference ? referenceFor(req.format, tokenId) : await this.vault.reveal(tokenId);
    return this.preview(
      {
        ...target,
        registry: req.registry ?? token.registry,
        username: req.username ?? token.user,
        ...(reference ? { reference } : {}),
      },
      value,
      tokenId,
    );
  }

  /** Previews writing a secret that is not in the vault (`keyport write --token-stdin`). */
  planSecret(target: Omit<ParsedRequestOf<'config:plan'>, 'tokenId'>, secret: string) {
    return this.preview(target, secret, null);
  }

  private async preview(
    req: Omit<ParsedRequestOf<'config:plan'>, 'tokenId'>,
    secret: string,
    tokenId: string | null,
  ): Promise<WritePreview> {
    this.dropStalePlans();
    // gradle.properties names no URL (the build script does): only its keys address the entry.
    if (!req.registry && req.format !== 'gradle')
      throw new KeyportError('INVALID_INPUT', 'Choose the registry URL.');
    const registry = req.registry ?? '';
    // Before anything is read: a refused path gets no diff, no `creates`, no parse error.
    const file = await this.access.paths.configFile(
      req.format,
      expandHome(req.file, this.paths.home, this.paths.platform),
    );
    const { planWrite } = await writer();
    const plan = await planWrite({
      format: req.format,
      file,
      registry,
      secret,
      ...optional('username', req.username),
      ...optional('serverId', req.serverId),
      ...optional('source', req.source),
      ...optional('repository', req.repository),
      ...optional('property', req.property),
      ...optional('scope', req.scope),
      ...optional('pipMode', req.pipMode),
      ...optional('mavenAuth', req.mavenAuth),
      ...optional('packagePatterns', req.packagePatterns),
      ...optional('reference', req.reference),
    });
    const planId = randomId();
    const { format: _format, file: _file, ...spec } = req;
    const target: WriteTargetSpec = { ...spec, registry };
    for (const key of Object.keys(target) as Array<keyof WriteTargetSpec>) {
      if (target[key] === undefined || target[key] === '') delete target[key];
    }
    this.plans.set(planId, { plan, target, tokenId, madeAt: this.now() });
    return {
      planId,
      format: plan.format,
      file: plan.file,
      entry: plan.entry,
      diff: plan.diff,
      changed: plan.changed,
      creates: plan.before === null,
      ...(plan.fileFields.length > 0 ? { fileFields: plan.fileFields } : {}),
      notes: [
        ...plan.notes,
        ...(this.access.consent.asksUser ? sourceNote(plan) : []),
        ...(await this.pnpmNote(req, plan.file)),
      ],
    };
  }

  /**
   * pnpm (10 and later) does not expand an environment reference in a project's .npmrc, whose
   * credentials it treats as repository-controlled: said before the write, since the file looks
   * right and npm and Yarn read it (proven in test/integration/configs/pnpm-client.test.ts).
   */
  private async pnpmNote(
    req: Omit<ParsedRequestOf<'config:plan'>, 'tokenId'>,
    file: string,
  ): Promise<string[]> {
    if (req.format !== 'npmrc' || !req.reference) return [];
    const { resolveConfigPath } = await import('../configs/config-file');
    const userFile = await resolveConfigPath(defaultConfigPath('npmrc', this.paths));
    return file === userFile
      ? []
      : [
          'pnpm ignores a reference in a project .npmrc (npm and Yarn read it); for pnpm, write the reference to your user ~/.npmrc.',
        ];
  }

  async apply(planId: string): Promise<WriteOutcome> {
    this.dropStalePlans();
    const held = this.plans.get(planId);
    if (!held) {
      throw new KeyportError('INVALID_INPUT', 'This preview has expired; make a new one.');
    }
    // One use only: a second click must not write the same (possibly stale) plan twice.
    this.plans.delete(planId);
    const { plan, tokenId, target } = held;
    await this.confirmSourceChange(plan);
    const { applyWrite } = await writer();
    const result = await applyWrite(plan);
    let undoId: string | null = null;
    if (plan.changed) {
      undoId = randomId();
      this.undos.set(undoId, { applied: result, entry: plan.entry, tokenId });
      if (this.undos.size > MAX_UNDOS) this.undos.delete(this.undos.keys().next().value as string);
    }
    const token = tokenId
      ? await this.vault.recordWrite(tokenId, {
          format: plan.format,
          file: plan.file,
          entry: plan.entry,
          target,
        })
      : null;
    return { file: plan.file, entry: plan.entry, undoId, token };
  }

  /**
   * Removes the entries Keyport wrote for a token (after it was revoked), each only if the file
   * still holds this token's value there: an entry since overwritten with another token stays.
   */
  async removeWritten(tokenId: string): Promise<RemovalOutcome> {
    const token = await this.vault.get(tokenId);
    const secret = await this.vault.reveal(tokenId);
    const { applyWrite, planRemove } = await writer();
    const outcome: RemovalOutcome = { cleaned: [], left: [] };
    for (const w of token.writtenTo) {
      if (!w.target) {
        outcome.left.push({ file: w.file, reason: 'Keyport did not record how it was written.' });
        continue;
      }
      const { reference, ...target } = w.target;
      const value = reference ? referenceFor(w.format, tokenId) : secret;
      try {
        const plan = await planRemove({ format: w.format, file: w.file, ...target });
        if (!plan.changed) continue;
        if (!plan.before?.includes(value)) {
          outcome.left.push({ file: w.file, reason: 'The entry now holds another value.' });
          continue;
        }
        await applyWrite(plan);
        await this.vault.forgetWrite(tokenId, w.file, w.entry);
        outcome.cleaned.push(w.file);
      } catch (err) {
        outcome.left.push({ file: w.file, reason: toErrorInfo(err).message });
      }
    }
    return outcome;
  }

  async undo(undoId: string): Promise<{ file: string; token: WriteOutcome['token'] }> {
    const held = this.undos.get(undoId);
    if (!held)
      throw new KeyportError('NOTHING_TO_UNDO', 'There is nothing to undo for this write.');
    const { undoWrite } = await writer();
    const { file } = held.applied;
    await undoWrite(held.applied);
    this.undos.delete(undoId);
    const token = held.tokenId
      ? await this.vault.forgetWrite(held.tokenId, file, held.entry)
      : null;
    return { file, token };
  }

  /** A write that adds a package source (or moves one to plain http) needs the user's yes. */
  private async confirmSourceChange(plan: WritePlan): Promise<void> {
    if (!plan.changed) return;
    const { newHosts, plainHttp } = sourceChange(plan.before, plan.after);
    if (newHosts.length === 0) return;
    await this.access.consent.ask({
      title: 'New package source',
      message: `Let ${path.basename(plan.file)} fetch packages from ${newHosts.join(', ')}?`,
      detail: [
        `After this write, ${plan.file} points its client at a host it did not name before.`,
        plainHttp.length > 0
          ? `${plainHttp.join(', ')} is reached over plain http, readable and changeable on the network.`
          : null,
        'A registry you do not trust can serve you any package. Continue only if you chose it yourself.',
      ]
        .filter(Boolean)
        .join(' '),
      confirmLabel: 'Write',
    });
  }

  private dropStalePlans(): void {
    const cutoff = this.now() - PLAN_TTL_MS;
    for (const [id, held] of this.plans) if (held.madeAt < cutoff) this.plans.delete(id);
  }
}

/** Says in the preview that applying will ask first, and why. */
function sourceNote(plan: WritePlan): string[] {
  if (!plan.changed) return [];
  const { newHosts } = sourceChange(plan.before, plan.after);
  return newHosts.length === 0
    ? []
    : [`This adds a package source (${newHosts.join(', ')}); Keyport asks you before writing.`];
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined || value === '' ? {} : ({ [key]: value } as Record<K, V>);
}

/**
 * `~/x` as people type it in a path field (`~\x` too on Windows); anything else must be
 * absolute. The platform's own path rules, so Windows rules can be checked anywhere.
 */
export function expandHome(
  file: string,
  home: string,
  platform: NodeJS.Platform = process.platform,
): string {
  const p = platform === 'win32' ? path.win32 : path.posix;
  const underHome = file === '~' || file.startsWith('~/') || file.startsWith(`~${p.sep}`);
  const expanded = underHome ? p.join(home, file.slice(1)) : file;
  if (!p.isAbsolute(expanded)) {
    throw new KeyportError(
      'INVALID_INPUT',
      'The config file path must be absolute (or start with ~/).',
    );
  }
  return expanded;
}
