import path from 'node:path';
import { KeyportError, toErrorInfo } from '../../shared/errors';
import { ecosystemOfFormat } from '../../shared/format-ecosystem';
import type {
  SweepFinding,
  SweepImportOutcome,
  TokenMeta,
  WriteTargetSpec,
} from '../../shared/types';
import type { WriteTarget } from '../configs/config-writer';
import { referenceFor, takesReference } from '../../shared/references';
import type { Vault } from '../vault/vault';
import type { HeldFinding } from './workspace-sweep';
import { scanText } from './scan-text';

export interface ImportOptions {
  /** Also rewrite each entry as a `${KEYPORT_…}` reference (npm, Yarn, Maven, NuGet, Gradle files). */
  replaceWithReference?: boolean;
  /** Store nothing and write nothing: say what would happen, with masked diffs. */
  dryRun?: boolean;
}

export type ImportOutcome = SweepImportOutcome;

/**
 * Moves swept findings into the keychain — one vault token per distinct value (matched by
 * fingerprint, so a value found in five files is stored once) — and, if asked, rewrites each entry
 * as a reference through the same surgical writers as "Write to config", recording the write so
 * rotation and `keyport exec` know of it.
 */
export async function importFindings(
  vault: Vault,
  held: HeldFinding[],
  options: ImportOptions = {},
): Promise<ImportOutcome[]> {
  const outcomes: ImportOutcome[] = [];
  for (const h of held) {
    const { finding } = h;
    const fingerprint = await vault.fingerprint(h.value);
    const existing = (await vault.list()).find(
      (t) => t.fingerprint === fingerprint && t.status === 'ok',
    );
    let token: TokenMeta | null = existing ?? null;
    if (!token && !options.dryRun) {
      token = await vault.add({
        label: labelOf(finding),
        registry: h.verifyAt ?? finding.registry ?? '',
        ecosystem: ecosystemOfFormat(finding.format, finding.key),
        secret: h.value,
        origin: 'imported',
      });
    }
    const outcome: ImportOutcome = {
      findingId: finding.id,
      file: finding.file,
      token,
      reused: existing !== undefined,
    };
    if (options.replaceWithReference) {
      try {
        outcome.rewrite = await rewriteAsReference(vault, h, token, options.dryRun === true);
      } catch (err) {
        outcome.rewrite = { left: toErrorInfo(err).message };
      }
    }
    outcomes.push(outcome);
  }
  return outcomes;
}

async function rewriteAsReference(
  vault: Vault,
  h: HeldFinding,
  token: TokenMeta | null,
  dryRun: boolean,
): Promise<{ entry: string; diff: string; written: boolean } | { left: string }> {
  const { finding } = h;
  if (!takesReference(finding.format)) {
    return {
      left: `${finding.format === 'env' ? 'A .env file' : 'This file format'} cannot read a value from the environment; the value is in Keyport, remove it from the file yourself.`,
    };
  }
  const { planWrite, applyWrite } = await import('../configs/config-writer');
  const { readFile } = await import('node:fs/promises');
  const text = scanText(await readFile(finding.file), finding.file, finding.format);
  const spec = addressOf(finding, text);
  if ('left' in spec) return spec;
  // On a dry run the token may not exist yet; the reference's name is then a placeholder.
  const reference = referenceFor(finding.format, token?.id ?? 'new-token');
  const target: WriteTarget = {
    format: finding.format,
    file: finding.file,
    secret: reference,
    // Only a write that asks for a reference may hold one (issue 12 item 4).
    reference: true,
    ...spec,
  };
  const plan = await planWrite(target);
  // The writer addresses entries by registry, server id or source; if that did not land on this
  // very value (e.g. a key spelled unlike Keyport would), write nothing rather than add a second
  // entry beside the plaintext.
  if (!plan.changed || count(plan.after, h.value) >= count(plan.before ?? '', h.value)) {
    return { left: 'Keyport could not address this entry exactly; the file was left as it is.' };
  }
  if (dryRun || !token) return { entry: plan.entry, diff: plan.diff, written: false };
  await applyWrite(plan);
  const { secret: _reference, format: _format, file: _file, ...address } = target;
  const recorded: WriteTargetSpec = { ...address, reference: true };
  await vault.recordWrite(token.id, {
    format: finding.format,
    file: plan.file,
    entry: plan.entry,
    target: recorded,
  });
  return { entry: plan.entry, diff: plan.diff, written: true };
}

/** What names this entry for the writer: registry for npm, server id for Maven, source for NuGet. */
function addressOf(
  finding: SweepFinding,
  text: string,
): Omit<WriteTarget, 'format' | 'file' | 'secret'> | { left: string } {
  const lines = text.split('\n');
  if (finding.format === 'npmrc') {
    if (!/^\/\/.+:_authToken$/.test(finding.key) || !finding.registry) {
      return { left: 'Only registry-scoped _authToken entries can become a reference.' };
    }
    return { registry: finding.registry };
  }
  if (finding.format === 'maven' && finding.serverId) {
    const before = lines.slice(0, finding.line).join('\n');
    const server = before.slice(before.lastIndexOf('<server>'));
    const username = /<username>\s*([^<]+?)\s*<\/username>/.exec(server)?.[1];
    const bearer = /<value>\s*Bearer\b/i.test(lines[finding.line - 1] ?? '');
    return {
      registry: finding.registry ?? `https://${encodeURIComponent(finding.serverId)}.invalid/`,
      serverId: finding.serverId,
      ...(bearer ? { mavenAuth: 'bearer' as const } : { mavenAuth: 'password' as const }),
      ...(username && !bearer ? { username } : {}),
    };
  }
  if (finding.format === 'nuget' && finding.source) {
    const escaped = finding.source.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const feed = new RegExp(`<add\\s+key="${escaped}"\\s+value="([^"]+)"`, 'i').exec(text)?.[1];
    const block = lines.slice(0, finding.line).join('\n');
    const username = [...block.matchAll(/<add\s+key="Username"\s+value="([^"]*)"/gi)].at(-1)?.[1];
    if (!feed || !username) {
      return { left: 'The NuGet source or its user name was not found in this file.' };
    }
    return { registry: feed, source: finding.source, username };
  }
  if (finding.format === 'gradle' && finding.key) {
    // The key itself names the entry: Keyport's placeholder goes in its place, and keyport exec
    // fills it as ORG_GRADLE_PROJECT_<key>.
    return { registry: finding.registry ?? '', property: finding.key };
  }
  return { left: 'Keyport could not tell which entry this is.' };
}

function count(text: string, value: string): number {
  return value === '' ? 0 : text.split(value).length - 1;
}

function labelOf(f: SweepFinding): string {
  const where = path.basename(f.repository ?? path.dirname(f.file));
  return `${where}: ${f.key}`.slice(0, 120);
}

/** For the CLI: an id that names no finding of the last sweep. */
export function unknownFinding(id: string): KeyportError {
  return new KeyportError(
    'NOT_FOUND',
    `No finding ${id} in the last scan, or its file changed since; run keyport scan again.`,
  );
}
