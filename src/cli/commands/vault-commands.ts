import { expiringSoon } from '../../core/expiry';
import { str, type CoreOpener, type ParsedArgs } from './args';
import { parseRequest } from '../../core/validate';
import { formatTable } from '../format-table';
import { readSecretFromStdin, type CliIo } from '../io';
import { usageError } from '../cli-error';
import { usageErrorFor } from '../help';
import type { TokenMeta } from '../../shared/types';
import { refusalText } from '../../shared/refusal-text';

function onlyId(args: ParsedArgs, command: string): string {
  const [id, ...rest] = args.positionals;
  if (!id || rest.length > 0) throw usageErrorFor([command]);
  return parseRequest('vault:reveal', { id }).id;
}

export async function listCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const within = expiringWithin(str(args, 'expiring'));
  const all = await (await core()).service.listTokens();
  const tokens = within === null ? all : expiringSoon(all, new Date(), within);
  if (args.values.json) {
    io.stdout(`${JSON.stringify(tokens.map(jsonView), null, 2)}\n`);
    return;
  }
  if (tokens.length === 0) {
    io.stdout(
      'No tokens yet. Add one with: keyport add --label L --registry URL --ecosystem npm --token-stdin\n',
    );
    return;
  }
  io.stdout(
    formatTable(
      ['ID', 'LABEL', 'ECOSYSTEM', 'REGISTRY', 'TOKEN', 'EXPIRES'],
      tokens.map((t) => [
        t.id,
        t.label,
        t.ecosystem,
        t.registry,
        t.masked,
        t.expires?.slice(0, 10) ?? '-',
      ]),
    ),
  );
  // Below the table, so a script reading its columns is not thrown off.
  for (const t of tokens) {
    if (t.refused) io.stdout(`${t.id}: ${refusalText(t.refused)}\n`);
  }
}

/** The stable JSON shape scripts rely on. */
function jsonView(t: TokenMeta) {
  return {
    id: t.id,
    label: t.label,
    registry: t.registry,
    ecosystem: t.ecosystem,
    masked: t.masked,
    created: t.created,
    expires: t.expires,
    lastUsed: t.lastUsed,
    user: t.user ?? null,
    origin: t.origin,
    status: t.status,
    writtenTo: t.writtenTo,
    servedHosts: t.servedHosts ?? [],
    refused: t.refused ?? null,
  };
}

export async function addCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  if (!args.values['token-stdin']) {
    // A token on the command line would land in shell history and `ps`.
    throw usageError('Pass the token on standard input with --token-stdin.');
  }
  const request = parseRequest('vault:add', {
    label: str(args, 'label') ?? '',
    registry: str(args, 'registry') ?? '',
    ecosystem: str(args, 'ecosystem') ?? 'npm',
    secret: await readSecretFromStdin(io),
    ...(str(args, 'user') ? { user: str(args, 'user') } : {}),
    ...(str(args, 'expires') ? { expires: str(args, 'expires') } : {}),
  });
  const meta = await (await core()).service.addToken(request);
  io.stdout(`Added ${meta.id} (${meta.label}, ${meta.masked}).\n`);
}

export async function revealCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const id = onlyId(args, 'reveal');
  const { secret } = await (await core()).service.revealToken(id);
  io.stdout(`${secret}\n`);
}

export async function removeCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const id = onlyId(args, 'remove');
  await (await core()).service.removeToken(id);
  io.stdout(`Removed ${id}.\n`);
}

/** `--expiring 7d` (also `12h`, `2w`) in days: tokens that expire within that time, or have expired. */
/** `7d` and `2w` count calendar days, as the app's badge does; `12h` counts hours exactly. */
function expiringWithin(value: string | undefined): { days: number } | { hours: number } | null {
  if (value === undefined) return null;
  const m = /^(\d+)\s*([hdw])$/.exec(value.trim());
  if (!m) throw usageError('--expiring takes a duration such as 7d, 12h or 2w.');
  const n = Number(m[1]);
  return m[2] === 'h' ? { hours: n } : { days: m[2] === 'w' ? n * 7 : n };
}
