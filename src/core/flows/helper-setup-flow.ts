import { KeyportError } from '../../shared/errors';
import {
  DOCKER_HELPER_CLIENTS_TEXT,
  helperUses,
  type HelperKind,
  type HelperPlace,
  type HelperSetupOutcome,
  type HelperSetupPreview,
  type HelperUndoOutcome,
  type HelperUse,
} from '../../shared/credential-helpers';
import type { TokenMeta } from '../../shared/types';
import type { Consent, ConsentQuestion } from '../access/consent';
import { decodeConfig } from '../configs/config-encoding';
import { hashContent, readConfigFile, resolveConfigPath } from '../configs/config-file';
import type { ApplyResult } from '../configs/config-writer';
import type { SpanFinder } from '../configs/masked-diff';
import { randomId } from '../random-hex';
import type { KeychainItems } from '../vault/keychain-items';
import type { Vault } from '../vault/vault';
import {
  DOCKER_HELPER_NAME,
  planDockerConfig,
  setupDockerHelper,
} from '../credential-helpers/docker-config';
import { dockerHost } from '../credential-helpers/docker-credential';
import {
  containersAuthPaths,
  dockerConfigPath,
  gitGlobalConfigPath,
  type HelperPaths,
} from '../credential-helpers/helper-config-files';
import { dockerConfigSpans, gitConfigSpans } from '../credential-helpers/helper-config-spans';
import {
  gitCredentialHelpers,
  gitFileNamesHelper,
  gitHelperAdded,
  gitHelperKey,
  setupGitHelper,
} from '../credential-helpers/git-setup';
import {
  PythonKeyringLinks,
  pythonKeyringServices,
  type PythonLinkUndo,
} from '../credential-helpers/python-keyring';
import { registryUrl } from '../credential-helpers/registry-match';

/** The writers' module (diff, masking, undo) loads on the first preview, as for config writes. */
const writer = () => import('../configs/config-writer');

/** A preview older than this must be made again, as for config writes. */
const PLAN_TTL_MS = 15 * 60_000;
/** Undo records hold files' earlier content in memory only; the oldest go first. */
const MAX_UNDOS = 32;

/** One file as the preview saw it: applying checks it still holds exactly these bytes. */
interface FileBaseline {
  file: string;
  baselineHash: string;
  changed: boolean;
}

interface HeldPlan {
  tokenId: string;
  use: HelperUse;
  files: FileBaseline[];
  /** The services Python's keyring will be asked under (python only). */
  services: string[];
  changed: boolean;
  madeAt: number;
}

/** What one setup changed: files to put back, and Python's keychain items to take back. */
interface UndoRecord {
  files: ApplyResult[];
  python: PythonLinkUndo | null;
}

export interface HelperSetupOptions {
  /** Asks before a client is pointed at Keyport for a host (the app); the CLI's user typed it. */
  consent: Consent;
  /** Where Python's keyring items go; absent where the vault is a test's in-memory one. */
  items?: KeychainItems;
  paths: HelperPaths;
  /**
   * The value `credential.<url>.helper` gets: `keyport` makes git run git-credential-keyport
   * from PATH, as `credHelpers` makes the container tools run docker-credential-keyport.
   */
  gitHelper: string;
}

/**
 * The app's "Use without files": preview (a masked diff of the standard files, or the keychain
 * items) → the user's yes in main → setup through the same core functions `keyport setup` uses
 * → undo. The renderer names a token and a helper kind, never a path or a host: the files are
 * the clients' standard locations and the host is the token's own.
 */
export class HelperSetupFlow {
  private readonly plans = new Map<string, HeldPlan>();
  private readonly undos = new Map<string, UndoRecord>();

  constructor(
    private readonly vault: Vault,
    private readonly options: HelperSetupOptions,
    private readonly now: () => number = Date.now,
  ) {}

  async plan(tokenId: string, helper: HelperKind): Promise<HelperSetupPreview> {
    this.dropStalePlans();
    const token = await this.vault.get(tokenId);
    const use = helperUses(token).find((u) => u.id === helper);
    if (!use) {
      throw new KeyportError(
        'INVALID_INPUT',
        `"${token.label}" cannot be served by this credential helper.`,
      );
    }
    const planned =
      helper === 'git'
        ? await this.planGit(use)
        : helper === 'docker'
          ? await this.planDocker(use)
          : this.planPython(token, use);
    const changed = planned.files.some((f) => f.changed) || planned.keychain.some((k) => !k.exists);
    const planId = randomId();
    this.plans.set(planId, {
      tokenId,
      use,
      files: planned.baselines,
      services: planned.keychain.map((k) => k.service),
      changed,
      madeAt: this.now(),
    });
    return {
      planId,
      helper,
      target: use.target,
      files: planned.files,
      keychain: planned.keychain,
      changed,
      moves: planned.moves,
      notes: [
        ...planned.notes,
        ...(changed && this.options.consent.asksUser
          ? ['Keyport asks you before it changes anything.']
          : []),
      ],
      test: use.test,
    };
  }

  async apply(planId: string): Promise<HelperSetupOutcome> {
    this.dropStalePlans();
    const held = this.plans.get(planId);
    if (!held) throw new KeyportError('INVALID_INPUT', 'This preview has expired; make a new one.');
    // One use only, as for config writes: a second click must not apply a stale plan.
    this.plans.delete(planId);
    const token = await this.vault.get(held.tokenId);
    const { use } = held;
    const outcome: HelperSetupOutcome = {
      helper: use.id,
      target: use.target,
      files: [],
      undoId: null,
      token: null,
      imported: 0,
      test: use.test,
    };
    if (!held.changed) return outcome;
    // Every file first, before the question and before any write: a file changed under us
    // means the preview the user saw is no longer what would happen.
    const previous = new Map<string, Buffer | null>();
    for (const f of held.files) {
      const read = await readConfigFile(f.file);
      if (hashContent(read?.bytes ?? null) !== f.baselineHash) throw changedOnDisk(f.file);
      previous.set(f.file, read?.bytes ?? null);
    }
    await this.options.consent.ask(question(use, token, held));

    const applied: ApplyResult[] = [];
    let python: PythonLinkUndo | null = null;
    if (use.id === 'python') {
      const links = new PythonKeyringLinks(this.vault, this.needItems());
      const linked = await links.link({
        registry: use.target,
        username: use.username!,
        tokenId: token.id,
      });
      outcome.token = linked.token;
      if (linked.undo.items.length > 0) python = linked.undo;
    }
    for (const f of held.files.filter((x) => x.changed)) {
      if (use.id === 'git') {
        await setupGitHelper({
          file: f.file,
          url: use.target,
          helper: this.options.gitHelper,
          env: this.options.paths.env,
        });
      } else {
        outcome.imported += (await setupDockerHelper(this.vault, f.file, [use.target])).imported;
      }
      const after = await readConfigFile(f.file);
      applied.push({
        file: f.file,
        previous: previous.get(f.file) ?? null,
        afterHash: hashContent(after?.bytes ?? null),
      });
      outcome.files.push(f.file);
    }
    if (applied.length > 0 || python) {
      outcome.undoId = randomId();
      this.undos.set(outcome.undoId, { files: applied, python });
      if (this.undos.size > MAX_UNDOS) this.undos.delete(this.undos.keys().next().value as string);
    }
    return outcome;
  }

  /**
   * Puts the files back as they were before the setup, and takes Python's keychain items back
   * (the token stays in the vault), if nothing changed them since.
   */
  async undo(undoId: string): Promise<HelperUndoOutcome> {
    const record = this.undos.get(undoId);
    if (!record)
      throw new KeyportError('NOTHING_TO_UNDO', 'There is nothing to undo for this setup.');
    const { files, python } = record;
    const { undoWrite } = await writer();
    // The files hold no token (a helper's name, never a value), so a rotation since the setup
    // leaves them as they were; a file changed by anything else is left to the user.
    for (const a of files) {
      const read = await readConfigFile(a.file);
      if (hashContent(read?.bytes ?? null) !== a.afterHash) throw changedSinceSetup(a.file);
    }
    for (const a of files) await undoWrite(a);
    const token = python
      ? await new PythonKeyringLinks(this.vault, this.needItems()).unlink(python)
      : null;
    this.undos.delete(undoId);
    return {
      files: files.map((a) => a.file),
      keychain: (python?.items ?? []).map((i) => `${i.service} (${i.username})`),
      token,
    };
  }

  /**
   * The helpers configured to serve this token, read from the clients' standard files (git's
   * global config, Docker's config.json, the containers auth files) and the token's keyring
   * links. Read only; a file that cannot be read is left out, not reported.
   */
  async whereUsed(tokenId: string): Promise<HelperPlace[]> {
    const token = await this.vault.get(tokenId);
    const url = registryUrl(token.registry);
    if (!url || token.signIn) return [];
    const kinds = new Set(helperUses(token).map((u) => u.id));
    const places: HelperPlace[] = [];
    const gitFile = gitGlobalConfigPath(this.options.paths);
    const gitHelpers = kinds.has('git')
      ? await gitCredentialHelpers(gitFile, this.options.paths.env).catch(() => [])
      : [];
    for (const { url: at, helper } of gitHelpers) {
      if (!namesKeyport(helper)) continue;
      if (at !== null && registryUrl(at)?.host.toLowerCase() !== url.host.toLowerCase()) continue;
      places.push({
        helper: 'git',
        host: at ?? 'every host',
        file: gitFile,
        entry: gitHelperKey(at ?? undefined),
      });
    }
    const host = dockerHost(token.registry);
    const dockerFiles = kinds.has('docker')
      ? [...containersAuthPaths(this.options.paths), dockerConfigPath(this.options.paths)]
      : [];
    for (const file of dockerFiles) {
      const json = await readJson(file);
      const helpers = json?.credHelpers;
      if (typeof json?.credsStore === 'string' && json.credsStore === DOCKER_HELPER_NAME) {
        places.push({ helper: 'docker', host: 'every registry', file, entry: 'credsStore' });
      }
      if (typeof helpers !== 'object' || helpers === null) continue;
      for (const [key, value] of Object.entries(helpers as Record<string, unknown>)) {
        if (value === DOCKER_HELPER_NAME && dockerHost(key) === host) {
          places.push({ helper: 'docker', host: key, file, entry: `credHelpers["${key}"]` });
        }
      }
    }
    for (const link of token.helperLinks ?? []) {
      places.push({
        helper: 'python',
        host: link.service,
        file: null,
        entry: `${link.service} (${link.username})`,
      });
    }
    return places;
  }

  private async planGit(use: HelperUse) {
    const file = await resolveConfigPath(gitGlobalConfigPath(this.options.paths));
    const read = await readConfigFile(file);
    const before = read ? decodeConfig(read.bytes, file).text : null;
    const key = gitHelperKey(use.target);
    const already =
      read !== null &&
      (await gitFileNamesHelper(file, key, this.options.gitHelper, this.options.paths.env));
    const after = already ? before! : gitHelperAdded(before, use.target, this.options.gitHelper);
    const change = await fileChange(file, before, after, gitConfigSpans);
    return {
      files: [change],
      baselines: [
        { file, baselineHash: hashContent(read?.bytes ?? null), changed: change.changed },
      ],
      keychain: [],
      moves: 0,
      notes: [
        `git runs git-credential-keyport from your PATH (installed with the keyport command) for ${use.target} only; other hosts keep their helpers.`,
      ],
    };
  }

  /**
   * Docker's config.json always (Docker reads only that); a containers auth file only where it
   * holds a saved login for the host, which would otherwise answer before the helper is asked.
   */
  private async planDocker(use: HelperUse) {
    const candidates = [
      dockerConfigPath(this.options.paths),
      ...containersAuthPaths(this.options.paths),
    ];
    const files = [];
    const baselines: FileBaseline[] = [];
    let moves = 0;
    for (const [i, requested] of candidates.entries()) {
      const file = await resolveConfigPath(requested);
      const read = await readConfigFile(file);
      if (i > 0 && read === null) continue;
      const before = read ? decodeConfig(read.bytes, file).text : null;
      const plan = planDockerConfig(before, [use.target]);
      if (i > 0 && plan.moved.length === 0) continue;
      moves += plan.moved.length;
      const change = await fileChange(
        file,
        before,
        plan.changed ? plan.text : (before ?? ''),
        dockerConfigSpans,
      );
      files.push(change);
      baselines.push({
        file,
        baselineHash: hashContent(read?.bytes ?? null),
        changed: change.changed,
      });
    }
    return {
      files,
      baselines,
      keychain: [],
      moves,
      notes: [
        `${DOCKER_HELPER_CLIENTS_TEXT} run docker-credential-keyport from your PATH (installed with the keyport command) for ${use.target}.`,
        ...(moves > 0
          ? [
              `${moves} saved login${moves > 1 ? 's' : ''} for ${use.target} leave${moves > 1 ? '' : 's'} the file for Keyport's vault.`,
            ]
          : []),
      ],
    };
  }

  private planPython(token: TokenMeta, use: HelperUse) {
    const services = pythonKeyringServices(use.target);
    const linked = new Set((token.helperLinks ?? []).map((l) => `${l.service}\n${l.username}`));
    return {
      files: [],
      baselines: [],
      keychain: services.map((service) => ({
        service,
        username: use.username!,
        exists: linked.has(`${service}\n${use.username!}`),
      })),
      moves: 0,
      notes: [
        'pip (with --keyring-provider import or subprocess), twine and Poetry find the token in the keychain; no file holds it. Keyport rewrites these items on rotation and deletes them with the token.',
      ],
    };
  }

  private needItems(): KeychainItems {
    if (!this.options.items) throw new KeyportError('INTERNAL', 'No keychain items here.');
    return this.options.items;
  }

  private dropStalePlans(): void {
    const cutoff = this.now() - PLAN_TTL_MS;
    for (const [id, held] of this.plans) if (held.madeAt < cutoff) this.plans.delete(id);
  }
}

async function fileChange(file: string, before: string | null, after: string, spans: SpanFinder) {
  const changed = before !== after;
  const { maskedDiff } = await writer();
  return {
    file,
    diff: changed ? maskedDiff(spans, file, before, after, '') : '',
    changed,
    creates: before === null && changed,
  };
}

/** git's helper value or a docker credHelpers value that runs Keyport's helper. */
function namesKeyport(helper: string): boolean {
  return helper === 'keyport' || helper.includes('git-credential-keyport');
}

async function readJson(file: string): Promise<Record<string, unknown> | null> {
  try {
    const read = await readConfigFile(file);
    if (!read) return null;
    const value: unknown = JSON.parse(decodeConfig(read.bytes, file).text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function changedSinceSetup(file: string): KeyportError {
  return new KeyportError(
    'CONFIG_CHANGED_ON_DISK',
    `${file} changed since the setup; Keyport put nothing back; edit it by hand to take the setup out.`,
  );
}

function changedOnDisk(file: string): KeyportError {
  return new KeyportError(
    'CONFIG_CHANGED_ON_DISK',
    `${file} changed since the preview; Keyport changed nothing. Review the new preview and try again.`,
  );
}

/** The native question before a client is pointed at Keyport for a host. */
function question(use: HelperUse, token: TokenMeta, held: HeldPlan): ConsentQuestion {
  const files = held.files.filter((f) => f.changed).map((f) => f.file);
  if (use.id === 'python') {
    return {
      title: 'Python keyring',
      message: `Let pip, twine and Poetry use "${token.label}" for ${use.target}?`,
      detail: `Keyport puts the token in the keychain under ${held.services.join(' and ')} for the user ${use.username}, where Python's keyring finds it and hands it to that index. Continue only if you trust that index with this token.`,
      confirmLabel: 'Set up',
    };
  }
  const clients = use.id === 'git' ? 'git' : DOCKER_HELPER_CLIENTS_TEXT;
  return {
    title: 'Credential helper',
    message: `Let ${clients} ask Keyport for ${use.target}?`,
    detail: `Keyport changes ${files.join(' and ')}: from then on ${clients} receive${use.id === 'git' ? 's' : ''} "${token.label}" from Keyport whenever ${use.id === 'git' ? 'it connects' : 'they connect'} to ${use.target}. Continue only if you trust that host with this token.`,
    confirmLabel: 'Set up',
  };
}
