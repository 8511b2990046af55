import { parseArgs } from 'node:util';
import { KeyportError } from '../shared/errors';
import { EXIT, exitCodeFor, usageError } from './cli-error';
import { HELP } from './help';
import { processIo, type CliIo } from './io';

declare const KEYPORT_VERSION: string;

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
  json: { type: 'boolean' },
  label: { type: 'string' },
  registry: { type: 'string' },
  ecosystem: { type: 'string' },
  user: { type: 'string' },
  expires: { type: 'string' },
  'token-stdin': { type: 'boolean' },
} as const;

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    let parsed;
    try {
      parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
    } catch (err) {
      throw usageError(`${(err as Error).message.split('\n')[0]} (see keyport --help)`);
    }
    const [command, ...positionals] = parsed.positionals;
    if (parsed.values.help || command === 'help') {
      io.stdout(HELP);
      return EXIT.ok;
    }
    if (parsed.values.version) {
      io.stdout(`${typeof KEYPORT_VERSION === 'string' ? KEYPORT_VERSION : 'dev'}\n`);
      return EXIT.ok;
    }
    if (!command) {
      io.stderr(HELP);
      return EXIT.badInput;
    }
    // Loaded only for a real command, so `--help` starts fast.
    const commands = await import('./commands/token-commands');
    const table = {
      list: commands.listCommand,
      add: commands.addCommand,
      reveal: commands.revealCommand,
      remove: commands.removeCommand,
    } as const;
    const run = table[command as keyof typeof table];
    if (!run) throw usageError(`Unknown command "${command}" (see keyport --help).`);
    const openCore = async () =>
      (await import('../core/open-core')).openCore({ version: 'cli', env: io.env });
    await run(openCore, { positionals, values: parsed.values }, io);
    return EXIT.ok;
  } catch (err) {
    const error =
      err instanceof KeyportError
        ? err
        : new KeyportError('INTERNAL', 'Something went wrong inside Keyport; nothing was changed.');
    io.stderr(`keyport: ${error.message}\n`);
    return exitCodeFor(error);
  }
}
