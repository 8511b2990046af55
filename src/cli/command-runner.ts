/**
 * Everything a CLI command runs. main.ts loads this module only for a real command, so
 * `keyport --help` compiles none of it; scripts/build-cli.mjs bundles it as its own CommonJS file
 * (out/cli/command-runner.cjs) that main requires when needed.
 */
import { addCommand, listCommand, removeCommand, revealCommand } from './commands/vault-commands';
import { writeCommand } from './commands/write-command';
import { loginCommand, tokenCommand } from './commands/registry-commands';
import { execCommand } from './commands/exec-command';
import { rotateCommand } from './commands/rotate-command';
import { doctorCommand, storeCommand } from './commands/store-commands';
import { importCommand, scanCommand } from './commands/scan-commands';
import { setupCommand } from './commands/setup-commands';
import type { ParsedArgs } from './commands/args';
import { EXIT, reportError, usageError } from './cli-error';
import type { CliIo } from './io';
import { passphraseSource } from './passphrase';
import { KeyportError } from '../shared/errors';
import { openCore, type Core } from '../core/open-core';

const COMMANDS = {
  list: listCommand,
  add: addCommand,
  reveal: revealCommand,
  remove: removeCommand,
  write: writeCommand,
  login: loginCommand,
  token: tokenCommand,
  scan: scanCommand,
  import: importCommand,
  exec: execCommand,
  rotate: rotateCommand,
  store: storeCommand,
  doctor: doctorCommand,
  setup: setupCommand,
} as const;

/** Every command a user can type (the help page has a usage for each). */
export const COMMAND_NAMES = Object.keys(COMMANDS) as ReadonlyArray<keyof typeof COMMANDS>;

/** Runs one command (arguments already parsed by main.ts) and returns its exit code; never throws. */
export async function runCommand(command: string, args: ParsedArgs, io: CliIo): Promise<number> {
  let core: Core | undefined;
  try {
    const run = Object.hasOwn(COMMANDS, command)
      ? COMMANDS[command as keyof typeof COMMANDS]
      : undefined;
    if (!run) throw usageError(`Unknown command "${command}" (see keyport --help).`);
    // Commands that only read put the vault's crash recovery off; it still runs before any change
    // (and before a reveal finds a value missing).
    const readOnly =
      command === 'list' ||
      command === 'exec' ||
      command === 'scan' ||
      command === 'doctor' ||
      (command === 'token' && args.positionals[0] === 'list');
    const open = async () => {
      core ??= await openCore({
        version: 'cli',
        // The user typed every path and host: free paths, same file-kind and value checks.
        access: { mode: 'cli' },
        env: io.env,
        passphrase: passphraseSource(io),
        ...(readOnly ? { reconcile: false } : {}),
      });
      return core;
    };
    // exec passes on its child's exit code; every other command returns nothing.
    const code = await run(open, args, io);
    return typeof code === 'number' ? code : EXIT.ok;
  } catch (err) {
    return reportError(withFileStoreHint(err), io);
  } finally {
    await core?.close().catch(() => undefined);
  }
}

/** At a terminal there is a way out when no keychain answers: say which, in the same line. */
function withFileStoreHint(err: unknown): unknown {
  if (!(err instanceof KeyportError) || err.code !== 'KEYCHAIN_UNAVAILABLE') return err;
  if (/encrypted file store/.test(err.message)) return err;
  return new KeyportError(
    err.code,
    `${err.message} Without one (a server, a container, WSL), keep tokens in Keyport's opt-in encrypted file store: keyport store move --to file, or KEYPORT_STORE=file (see keyport doctor).`,
  );
}
