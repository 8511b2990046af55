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
  'remove-from-configs': { type: 'boolean' },
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
    const modules = () => import('./command-modules');
    const table = {
      list: async () => (await modules()).listCommand,
      add: async () => (await modules()).addCommand,
      reveal: async () => (await modules()).revealCommand,
      remove: async () => (await modules()).removeCommand,
      write: async () => (await modules()).writeCommand,
      login: async () => (await modules()).loginCommand,
      token: async () => (await modules()).tokenCommand,
      scan: async () => (await modules()).scanCommand,
      exec: async () => (await modules()).execCommand,
      rotate: async () => (await modules()).rotateCommand,
    } as const;
    const load = Object.hasOwn(table, command) ? table[command as keyof typeof table] : undefined;
    if (!load) throw usageError(`Unknown command "${command}" (see keyport --help).`);
    const run = await load();
    let core: Core | undefined;
    // Commands that only read put the vault's crash recovery off; it still runs before any change.
    const readOnly = command === 'list' || (command === 'token' && positionals[0] === 'list');
    const openCore = async () => {
      core ??= await (
        await modules()
      ).openCore({ version: 'cli', env: io.env, ...(readOnly ? { reconcile: false } : {}) });
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
