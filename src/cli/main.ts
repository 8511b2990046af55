import { parseArgs } from 'node:util';
import { EXIT, reportError, usageError } from './cli-error';
import { commandHelp, HELP } from './help';
import { processIo, terminalSafe, type CliIo } from './io';

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
  property: { type: 'string' },
  scope: { type: 'string', multiple: true },
  'pip-mode': { type: 'string' },
  'maven-auth': { type: 'string' },
  'package-pattern': { type: 'string', multiple: true },
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
  'all-packages': { type: 'boolean' },
  org: { type: 'string', multiple: true },
  permission: { type: 'string' },
  'orgs-permission': { type: 'string' },
  'bypass-2fa': { type: 'boolean' },
  'remove-local': { type: 'boolean' },
  'remove-from-configs': { type: 'boolean' },
  project: { type: 'string' },
  reference: { type: 'boolean' },
  expiring: { type: 'string' },
  only: { type: 'string', multiple: true },
  to: { type: 'string' },
  sarif: { type: 'boolean' },
  verify: { type: 'boolean' },
  'no-user': { type: 'boolean' },
  all: { type: 'boolean' },
  'replace-with-reference': { type: 'boolean' },
  'accept-store': { type: 'boolean' },
} as const;

/** Runs one CLI invocation and returns its exit code; never throws. */
export async function runCli(argv: string[], rawIo: CliIo = processIo): Promise<number> {
  const io = terminalSafe(rawIo);
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    return reportError(
      usageError(`${(err as Error).message.split('\n')[0]} (see keyport --help)`),
      io,
    );
  }
  const [command, ...positionals] = parsed.positionals;
  if (parsed.values.help || command === 'help') {
    // `keyport COMMAND --help` and `keyport help COMMAND`: that command; alone: the whole page.
    const topic = command === 'help' ? positionals : parsed.positionals;
    if (topic.length === 0) {
      io.stdout(HELP);
      return EXIT.ok;
    }
    const usage = commandHelp(topic);
    if (usage === null) {
      return reportError(usageError(`Unknown command "${topic[0]}" (see keyport --help).`), io);
    }
    io.stdout(usage);
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
  try {
    // Loaded only for a real command, so `--help` starts fast.
    const { runCommand } = await import('./command-runner');
    return await runCommand(command, { positionals, values: parsed.values }, io);
  } catch (err) {
    return reportError(err, io);
  }
}
