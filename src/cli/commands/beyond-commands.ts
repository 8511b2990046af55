import { parseRequest } from '../../core/validate';
import { KeyportError } from '../../shared/errors';
import { usageError } from '../cli-error';
import { readSecretFromStdin, type CliIo } from '../io';
import { list, str, type CoreOpener, type ParsedArgs } from './args';

/**
 * `keyport exec [--only ID]… -- COMMAND…`: runs COMMAND with KEYPORT_<ID> variables filled from
 * the keychain, for config files that hold references instead of values: only the tokens those
 * files (user-level and this project's) refer to, or the ones named. Only the child sees them.
 */
export async function execCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<number> {
  const [command, ...rest] = args.positionals;
  if (!command) throw usageError('Usage: keyport exec [--only ID]… -- COMMAND [ARGS…]');
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

/** `keyport rotate ID [--password-stdin] [--otp CODE]` */
export async function rotateCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const [tokenId, ...extra] = args.positionals;
  if (!tokenId || extra.length > 0)
    throw usageError('Usage: keyport rotate ID [--password-stdin] [--otp CODE]');
  const password = args.values['password-stdin'] ? await readSecretFromStdin(io) : undefined;
  const request = parseRequest('rotate:run', {
    tokenId,
    ...(password ? { password } : {}),
    ...(str(args, 'otp') ? { otp: str(args, 'otp') } : {}),
  });
  const { service } = await core();
  const preview = await service.rotations.preview(request.tokenId);
  for (const f of preview.files) io.stderr(`will rewrite ${f.entry} in ${f.file}\n`);
  for (const f of preview.skipped) io.stderr(`not recorded how it was written, left alone: ${f}\n`);
  const outcome = await service.rotations.run(request);
  io.stdout(
    `Rotated: new token ${outcome.token.id} (${outcome.token.masked}), ${outcome.files} file(s) rewritten, old key ${outcome.revokedKey} revoked.\n`,
  );
}
