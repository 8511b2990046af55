import path from 'node:path';
import { parseRequest } from '../../core/validate';
import type { SweepFinding, SweepProblem, SweepResult } from '../../shared/types';
import { usageError } from '../cli-error';
import { usageErrorFor } from '../help';
import { formatTable } from '../format-table';
import type { CliIo } from '../io';
import { str, type CoreOpener, type ParsedArgs } from './args';

declare const KEYPORT_VERSION: string;

/**
 * `keyport scan [DIR…] [--json | --sarif] [--verify] [--no-user] [--all]`: the user-level files
 * plus every folder given, walked for plaintext registry credentials. `--project DIR` keeps its
 * earlier meaning (the standard files plus that project's root).
 */
export async function scanCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const project = str(args, 'project');
  if (project !== undefined) {
    if (args.positionals.length > 0)
      throw usageErrorFor(['scan'], '--project takes no other folders.');
    return projectScan(core, path.resolve(project), args, io);
  }
  if (args.values.json && args.values.sarif)
    throw usageErrorFor(['scan'], 'Choose --json or --sarif.');
  const dirs = args.positionals.map((d) => path.resolve(d));
  const { service } = await core();
  const progress = io.stderrIsTty === true;
  const result = await service.sweeps.run({
    dirs,
    user: args.values['no-user'] !== true,
    ...(args.values.all ? { all: true } : {}),
    ...(args.values.verify ? { verify: true } : {}),
    ...(progress
      ? {
          onProgress: (c: { folders: number; files: number }) =>
            io.stderr(`\rscanning: ${c.folders} folders, ${c.files} files`),
        }
      : {}),
  });
  if (progress) io.stderr('\r\x1b[K');
  if (args.values.json) {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return;
  }
  if (args.values.sarif) {
    const { sarifReport } = await import('../../core/scan/sarif-report');
    const version = typeof KEYPORT_VERSION === 'string' ? KEYPORT_VERSION : 'dev';
    io.stdout(`${JSON.stringify(sarifReport(result.findings, version), null, 2)}\n`);
    return;
  }
  printSweep(result, args.values.verify === true, io);
}

function printSweep(result: SweepResult, verified: boolean, io: CliIo): void {
  const { findings, problems, stats } = result;
  for (const p of problems) io.stderr(`${problemLine(p)}\n`);
  if (findings.length === 0) {
    io.stdout(`No plaintext credentials found (${stats.folders} folders, ${stats.files} files).\n`);
    return;
  }
  io.stdout(
    formatTable(
      ['ID', 'FILE', 'LINE', 'KEY', 'VALUE', 'GIT', ...(verified ? ['VERIFIED'] : []), 'NOTE'],
      findings.map((f) => [
        f.id,
        f.file,
        String(f.line),
        f.key,
        f.masked,
        f.git,
        ...(verified ? [f.verified ?? 'unknown'] : []),
        note(f),
      ]),
    ),
  );
  const tracked = findings.filter((f) => f.git === 'tracked').length;
  io.stdout(
    `\n${findings.length} credential(s)${tracked ? `, ${tracked} committed to git (rotate those: the value stays in the history)` : ''}. ` +
      'Move them into the keychain with: keyport import ID… --replace-with-reference\n',
  );
}

function note(f: SweepFinding): string {
  const notes: string[] = [];
  if (f.tokenId) notes.push(`in Keyport as ${f.tokenId}`);
  if (!f.wins) notes.push('not used: another entry takes precedence');
  return notes.join('; ');
}

function problemLine(p: SweepProblem): string {
  switch (p.reason) {
    case 'symlink-outside':
      return `not followed: ${p.path} is a link out of the folder (to ${p.target ?? '?'})`;
    case 'other-filesystem':
      return `not entered: ${p.path} is on another filesystem`;
    case 'too-large':
      return `not read: ${p.path} is larger than 8 MiB`;
    case 'not-regular':
      return `not read: ${p.path} is not a regular file`;
    default:
      return `could not read ${p.path}`;
  }
}

async function projectScan(core: CoreOpener, projectDir: string, args: ParsedArgs, io: CliIo) {
  const request = parseRequest('scan:run', { projectDir });
  const findings = await (await core()).service.scans.scan(request.projectDir);
  if (args.values.json) {
    io.stdout(`${JSON.stringify(findings, null, 2)}\n`);
    return;
  }
  if (findings.length === 0) {
    io.stdout('No credentials found in the standard config files.\n');
    return;
  }
  io.stdout(
    formatTable(
      ['FILE', 'LINE', 'VALUE', 'REGISTRY', 'IN KEYPORT', 'NOTE'],
      findings.map((f) => [
        f.file,
        String(f.line),
        f.masked,
        f.registry ?? '-',
        f.tokenId ?? (f.reference ? '(reference)' : 'no'),
        f.wins ? '' : 'overridden by a file with higher precedence',
      ]),
    ),
  );
}

/**
 * `keyport import FINDING_ID… [--replace-with-reference] [--dry-run] [--json]`: stores what a scan
 * found in the keychain and, if asked, leaves a `${KEYPORT_…}` reference in its place.
 */
export async function importCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const ids = args.positionals;
  if (ids.length === 0) throw usageErrorFor(['import']);
  for (const id of ids) {
    if (!/^[0-9a-f]{16}$/.test(id))
      throw usageError(`"${id}" is not a finding id (see keyport scan).`);
  }
  const { service } = await core();
  const dryRun = args.values['dry-run'] === true;
  const outcomes = await service.sweeps.import(ids, {
    ...(args.values['replace-with-reference'] ? { replaceWithReference: true } : {}),
    ...(dryRun ? { dryRun: true } : {}),
  });
  if (args.values.json) {
    io.stdout(`${JSON.stringify(outcomes, null, 2)}\n`);
    return;
  }
  for (const o of outcomes) {
    const stored = o.reused
      ? `already in Keyport as ${o.token?.id}`
      : dryRun
        ? 'would be stored in the keychain'
        : `stored as ${o.token?.id} (${o.token?.masked})`;
    io.stdout(`${o.findingId} ${o.file}: ${stored}\n`);
    if (!o.rewrite) continue;
    if ('left' in o.rewrite) {
      io.stderr(`  left as it is: ${o.rewrite.left}\n`);
    } else if (o.rewrite.written) {
      io.stdout(`  rewrote ${o.rewrite.entry} as a reference\n`);
    } else {
      io.stdout(o.rewrite.diff);
    }
  }
  if (!dryRun && args.values['replace-with-reference']) {
    io.stderr('Run your tools with keyport exec -- COMMAND so they get the values.\n');
  }
}
