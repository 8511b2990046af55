import { realpathSync } from 'node:fs';
import path from 'node:path';
import { gitHelperCommand, setupGitHelper } from '../../core/credential-helpers/git-setup';
import { usageError } from '../cli-error';
import type { CliIo } from '../io';
import { str, type CoreOpener, type ParsedArgs } from './args';

const USAGE = `Usage:
  keyport setup git [--file GITCONFIG] [--registry URL]`;

/** `keyport setup git|docker|python`: makes a client ask Keyport instead of reading a file. */
export async function setupCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const [client, ...extra] = args.positionals;
  if (extra.length > 0) throw usageError(USAGE);
  if (client === 'git') return setupGit(args, io);
  throw usageError(USAGE);
}

async function setupGit(args: ParsedArgs, io: CliIo): Promise<void> {
  const file = str(args, 'file');
  const url = str(args, 'registry');
  const result = await setupGitHelper({
    ...(file ? { file: path.resolve(file) } : {}),
    ...(url ? { url } : {}),
    helper: gitHelperCommand(process.execPath, siblingBin('git-credential-keyport.cjs')),
    env: io.env,
  });
  const where = file ? path.resolve(file) : 'your global git config';
  io.stdout(
    result.changed
      ? `git now asks Keyport for credentials (${result.key} in ${where}). Test: git ls-remote URL\n`
      : `${where} already names Keyport in ${result.key}; nothing changed.\n`,
  );
}

/** A helper installed beside the running `keyport` (the package's bin folder). */
function siblingBin(name: string): string {
  const keyport = process.argv[1] ? realpathSync(process.argv[1]) : '';
  return path.join(path.dirname(keyport), name);
}
