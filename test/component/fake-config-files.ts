/**
 * The config-write flow of the fake: files on a pretend disk (a Map), previews with the secret
 * masked, one-use plans, refusal when a file changed since its preview, and undo. It mimics the
 * core's answers, not its editors: every format is written as `entry=secret` lines.
 */
import { maskSecret } from '../../src/shared/mask';
import { isReference, referenceFor } from '../../src/shared/references';
import type { ConfigFormat, TokenMeta, WriteOutcome, WritePreview } from '../../src/shared/types';
import { FakeError, now } from './fake-error';
import type { FakeKeyport, VaultRequest } from './fake-keyport';

export const FAKE_DEFAULTS: Record<ConfigFormat, string> = {
  npmrc: '/home/u/.npmrc',
  maven: '/home/u/.m2/settings.xml',
  nuget: '/home/u/.nuget/NuGet/NuGet.Config',
  netrc: '/home/u/.netrc',
  pip: '/home/u/.config/pip/pip.conf',
  pypirc: '/home/u/.pypirc',
  yarnrc: '/home/u/.yarnrc.yml',
  composer: '/home/u/.config/composer/auth.json',
  bundler: '/home/u/.bundle/config',
};

interface Plan {
  format: ConfigFormat;
  file: string;
  entry: string;
  tokenId: string;
  before: string | null;
  after: string;
}

interface Undo {
  file: string;
  entry: string;
  tokenId: string;
  before: string | null;
}

/** The entry's description, as the core's editors phrase it. */
function entryOf(req: VaultRequest<'planWrite'>, registry: string): string {
  const url = new URL(registry);
  switch (req.format) {
    case 'npmrc':
      return `//${url.host}${url.pathname}:_authToken`;
    case 'maven':
      return `server id=${req.serverId ?? url.hostname}`;
    case 'nuget':
      return `source ${req.source ?? url.hostname} with credentials`;
    case 'netrc':
      return `machine ${url.hostname}`;
    case 'pip':
      return `${req.pipMode ?? 'index-url'} ${url.hostname}`;
    case 'pypirc':
      return `[${req.repository ?? url.hostname}]`;
    case 'yarnrc':
      return `npmRegistries["//${url.host}${url.pathname.replace(/\/$/, '')}"].npmAuthToken`;
    case 'composer':
      return `${req.username ? 'http-basic' : 'bearer'}.${url.host}`;
    case 'bundler':
      return `BUNDLE_${url.hostname.replace(/\./g, '__').replace(/-/g, '___').toUpperCase()}`;
  }
}

export class FakeConfigFiles {
  /** File path → content; a missing key is a file that does not exist. */
  readonly files = new Map<string, string>();
  /** Notes the next preview carries (the core adds them, e.g. for a dropped byte-order mark). */
  nextNotes: string[] = [];
  private readonly plans = new Map<string, Plan>();
  private readonly undos = new Map<string, Undo>();
  private seq = 1;

  constructor(private readonly keyport: FakeKeyport) {}

  readonly handlers = {
    configDefaults: () => FAKE_DEFAULTS,
    planWrite: (req: VaultRequest<'planWrite'>) => this.plan(req),
    applyWrite: (req: VaultRequest<'applyWrite'>) => this.apply(req.planId),
    undoWrite: (req: VaultRequest<'undoWrite'>) => this.undo(req.undoId),
  };

  private plan(req: VaultRequest<'planWrite'>): WritePreview {
    const token = this.keyport.get(req.tokenId);
    // A reference names the token's variable instead of holding it (the core's own syntax).
    const secret = req.reference
      ? referenceFor(req.format, req.tokenId)
      : this.keyport.secretOf(req.tokenId);
    const entry = entryOf(req, req.registry ?? token.registry);
    const before = this.files.get(req.file) ?? null;
    const lines = before === null || before === '' ? [] : before.split('\n');
    const at = lines.findIndex((line) => line.startsWith(`${entry}=`));
    const line = `${entry}=${secret}`;
    const old = at >= 0 ? lines[at] : undefined;
    if (at >= 0) lines[at] = line;
    else lines.push(line);
    const after = lines.join('\n');
    const changed = before !== after;
    const masked = (text: string) =>
      text.replace(/=([^=]*)$/, (_, s: string) => `=${isReference(s) ? s : maskSecret(s)}`);
    const diff = changed
      ? [
          `--- ${req.file}`,
          `+++ ${req.file}`,
          `@@ -1,${before === null ? 0 : 1} +1,1 @@`,
          ...(old !== undefined ? [`-${masked(old)}`] : []),
          `+${masked(line)}`,
          '',
        ].join('\n')
      : '';
    const planId = `plan${this.seq++}`;
    this.plans.set(planId, {
      format: req.format,
      file: req.file,
      entry,
      tokenId: req.tokenId,
      before,
      after,
    });
    return {
      planId,
      format: req.format,
      file: req.file,
      entry,
      diff,
      changed,
      notes: this.nextNotes.splice(0),
      creates: before === null,
    };
  }

  private apply(planId: string): WriteOutcome {
    const plan = this.plans.get(planId);
    if (!plan) throw new FakeError('INVALID_INPUT', 'This preview has expired; make a new one.');
    this.plans.delete(planId);
    if ((this.files.get(plan.file) ?? null) !== plan.before) {
      throw new FakeError(
        'CONFIG_CHANGED_ON_DISK',
        `${plan.file} changed since the preview; Keyport wrote nothing. Review the new preview and try again.`,
      );
    }
    this.files.set(plan.file, plan.after);
    const undoId = `undo${this.seq++}`;
    this.undos.set(undoId, {
      file: plan.file,
      entry: plan.entry,
      tokenId: plan.tokenId,
      before: plan.before,
    });
    const token = this.keyport.get(plan.tokenId);
    const next: TokenMeta = {
      ...token,
      writtenTo: [
        ...token.writtenTo.filter((w) => !(w.file === plan.file && w.entry === plan.entry)),
        { format: plan.format, file: plan.file, entry: plan.entry, at: now() },
      ],
    };
    this.keyport.metas.set(next.id, next);
    return { file: plan.file, entry: plan.entry, undoId, token: next };
  }

  private undo(undoId: string): { file: string; token: TokenMeta | null } {
    const held = this.undos.get(undoId);
    if (!held) throw new FakeError('NOTHING_TO_UNDO', 'There is nothing to undo for this write.');
    this.undos.delete(undoId);
    if (held.before === null) this.files.delete(held.file);
    else this.files.set(held.file, held.before);
    const token = this.keyport.get(held.tokenId);
    const next: TokenMeta = {
      ...token,
      writtenTo: token.writtenTo.filter((w) => !(w.file === held.file && w.entry === held.entry)),
    };
    this.keyport.metas.set(next.id, next);
    return { file: held.file, token: next };
  }
}
