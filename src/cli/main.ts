import { parseArgs } from 'node:util';
import { KeyportError } from '../shared/errors';
import { EXIT, exitCodeFor, usageError } from './cli-error';
import { HELP } from './help';
import { processIo, type CliIo } from './io';
import type { Core } from '../core/open-core';

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
  id: { type: 'string' },
  file: { type: 'string' },
  username: { type: 'string' },
  'server-id': { type: 'string' },
  source: { type: 'string' },
  repository: { type: 'string' },
  scope: { type: 'string', multiple: true },
  'pip-mode': { type: 'string' },
  'maven-auth': { type: 'string' },
  'dry-run': { type: 'boolean' },
  'password-stdin': { type: 'boolean' },
  otp: { type: 'string' },
  account: { type: 'string' },
  'read-only': { type: 'boolean' },
  automation: { type: 'boolean' },
  cidr: { type: 'string', multiple: true },
  name: { type: 'string' },
  description: { type: 'string' },
  package: { type: 'string', multiple: true },
  org: { type: 'string', multiple: true },
  permission: { type: 'string' },
  'orgs-permission': { type: 'string' },
  'bypass-2fa': { type: 'boolean' },
  'remove-local': { type: 'boolean' },
  project: { type: 'string' },
  reference: { type: 'boolean' },
  expiring: { type: 'string' },
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
    const table = {
      list: async () => (await import('./commands/token-commands')).listCommand,
      add: async () => (await import('./commands/token-commands')).addCommand,
      reveal: async () => (await import('./commands/token-commands')).revealCommand,
      remove: async () => (await import('./commands/token-commands')).removeCommand,
      write: async () => (await import('./commands/write-command')).writeCommand,
      login: async () => (await import('./commands/registry-commands')).loginCommand,
      token: async () => (await import('./commands/registry-commands')).tokenCommand,
      scan: async () => (await import('./commands/beyond-commands')).scanCommand,
      exec: async () => (await import('./commands/beyond-commands')).execCommand,
      rotate: async () => (await import('./commands/beyond-commands')).rotateCommand,
    } as const;
    const load = Object.hasOwn(table, command) ? table[command as keyof typeof table] : undefined;
    if (!load) throw usageError(`Unknown command "${command}" (see keyport --help).`);
    const run = await load();
    let core: Core | undefined;
    const openCore = async () => {
      core ??= await (await import('../core/open-core')).openCore({ version: 'cli', env: io.env });
      return core;
    };
    try {
      // exec passes on its child's exit code; every other command returns nothing.
      const code = await run(openCore, { positionals, values: parsed.values }, io);
      return typeof code === 'number' ? code : EXIT.ok;
    } finally {
      await core?.close();
    }
  } catch (err) {
    const error =
      err instanceof KeyportError
        ? err
        : new KeyportError('INTERNAL', 'Something went wrong inside Keyport; nothing was changed.');
    io.stderr(`keyport: ${error.message}\n`);
    return exitCodeFor(error);
  }
}
