import { KeyportError } from '../../shared/errors';
import { usageErrorFor } from '../help';
import type { CliIo } from '../io';
import { list, type CoreOpener, type ParsedArgs } from './args';

/**
 * `keyport exec [--only ID]… -- COMMAND…`: runs COMMAND with KEYPORT_<ID> variables filled from
 * the keychain, for config files that hold references instead of values: only the tokens those
 * files (user-level and this project's) refer to, or the ones named. Only the child sees them.
 */
export async function execCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<number> {
  const [command, ...rest] = args.positionals;
  if (!command) throw usageErrorFor(['exec']);
  const only = list(args, 'only').flatMap((v) => v.split(',').filter(Boolean));
  const { service } = await core();
  const variables = await service.execVariables({
    projectDir: process.cwd(),
    ...(only.length > 0 ? { only } : {}),
  });
  const env: NodeJS.ProcessEnv = { ...io.env, ...variables };
  const { spawn } = await import('node:child_process');
  return new Promise((resolve, reject) => {
    const child = spawn(command, rest, { stdio: 'inherit', env });
    child.on('error', () =>
      reject(
        new KeyportError(
          'INVALID_INPUT',
          `Could not run "${command}": not found or not executable.`,
        ),
      ),
    );
    child.on('close', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
  });
}
