import { parseInput, parseRequest, parseSecret } from '../../core/validate';
import { WriteTargetRequest } from '../../shared/ipc-contract';
import { CONFIG_FORMATS } from '../../shared/types';
import { usageError } from '../cli-error';
import { usageErrorFor } from '../help';
import { readSecretFromStdin, type CliIo } from '../io';
import { list, str, type CoreOpener, type ParsedArgs } from './args';

/**
 * `keyport write FORMAT --file PATH --registry URL … (--token-stdin | --id ID) [--dry-run]`:
 * the same preview → apply path as the app's "Write to config…", printed as a unified diff.
 */
export async function writeCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const [format, ...extra] = args.positionals;
  if (!format || extra.length > 0 || !(CONFIG_FORMATS as readonly string[]).includes(format)) {
    throw usageErrorFor(['write']);
  }
  const id = str(args, 'id');
  const fromStdin = args.values['token-stdin'] === true;
  if (Boolean(id) === fromStdin)
    throw usageError('Give exactly one of --id TOKEN_ID and --token-stdin.');
  const packagePatterns = list(args, 'package-pattern');
  if (packagePatterns.length > 0 && format !== 'nuget')
    throw usageError('--package-pattern is for keyport write nuget only.');
  const fields: Record<string, string | string[]> = {
    format,
    file: str(args, 'file') ?? '',
    ...pick(args, {
      registry: 'registry',
      username: 'username',
      serverId: 'server-id',
      source: 'source',
      repository: 'repository',
      property: 'property',
      scope: 'scope',
      pipMode: 'pip-mode',
      mavenAuth: 'maven-auth',
    }),
    ...(packagePatterns.length > 0 ? { packagePatterns } : {}),
  };
  const { service } = await core();
  let preview;
  if (id) {
    const reference = args.values.reference === true ? { reference: true } : {};
    preview = await service.configs.plan(
      parseRequest('config:plan', { ...fields, ...reference, tokenId: id }),
    );
  } else {
    const secret = parseSecret(await readSecretFromStdin(io));
    const target = parseInput(WriteTargetRequest, fields);
    // gradle.properties names no URL: the repository or property name is the whole address.
    if (!target.registry && format !== 'gradle')
      throw usageError('--registry URL is required with --token-stdin.');
    preview = await service.configs.planSecret(target, secret);
  }
  for (const note of preview.notes) io.stderr(`keyport: note: ${note}\n`);
  if (!preview.changed) {
    io.stdout(`${preview.file} already holds ${preview.entry}; nothing to change.\n`);
    return;
  }
  if (args.values['dry-run']) {
    io.stdout(preview.diff.endsWith('\n') ? preview.diff : `${preview.diff}\n`);
    return;
  }
  const outcome = await service.configs.apply(preview.planId);
  io.stdout(
    `Wrote ${outcome.entry} to ${outcome.file}${preview.creates ? ' (new file, mode 600)' : ''}.\n`,
  );
}

function pick(args: ParsedArgs, names: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, flag] of Object.entries(names)) {
    const value = str(args, flag);
    if (value !== undefined) out[key] = value;
  }
  return out;
}
