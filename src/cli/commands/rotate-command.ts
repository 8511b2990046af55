import { parseRequest } from '../../core/validate';
import { usageErrorFor } from '../help';
import { readSecretFromStdin, type CliIo } from '../io';
import { str, type CoreOpener, type ParsedArgs } from './args';

/** `keyport rotate ID [--password-stdin] [--otp CODE]` */
export async function rotateCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const [tokenId, ...extra] = args.positionals;
  if (!tokenId || extra.length > 0) throw usageErrorFor(['rotate']);
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
