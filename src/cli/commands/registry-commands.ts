import type { Core } from '../../core/open-core';
import { parseInput, parseRequest } from '../../core/validate';
import { CreateTokenRequestSchema, NewRemoteToken } from '../../shared/ipc-contract';
import { KeyportError } from '../../shared/errors';
import { requestedKind, tokenKindText } from '../../shared/token-kinds';
import { usageError } from '../cli-error';
import { formatTable } from '../format-table';
import { usageErrorFor } from '../help';
import { readSecretFromStdin, type CliIo } from '../io';
import { list, str, type CoreOpener, type ParsedArgs } from './args';

/** `keyport login --registry URL --username U --password-stdin [--otp CODE]` */
export async function loginCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  if (!args.values['password-stdin']) {
    throw usageError('Pass the password on standard input with --password-stdin.');
  }
  const request = parseRequest('accounts:sign-in', {
    registry: str(args, 'registry') ?? '',
    username: str(args, 'username') ?? '',
    password: await readSecretFromStdin(io),
    ...otp(args),
  });
  const account = await (await core()).service.registries.signIn(request);
  io.stdout(`Signed in as ${account.username} at ${account.registry} (account ${account.id}).\n`);
}

const TOKEN_SUBCOMMANDS = ['list', 'create', 'revoke'] as const;

/**
 * `keyport token list|create|revoke --registry URL …`. Bad arguments get the help page's token
 * lines (the subcommand's when it is known).
 */
export async function tokenCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const [sub, ...rest] = args.positionals;
  const known = TOKEN_SUBCOMMANDS.find((s) => s === sub);
  if (!known) throw usageErrorFor(['token']);
  const registry = str(args, 'registry');
  if (!registry) throw usageErrorFor(['token', known], '--registry URL is required.');
  const sub_args = { ...args, positionals: rest };
  if (known === 'list') return tokenList(await core(), registry, sub_args, io);
  if (known === 'create') return tokenCreate(core, registry, sub_args, io);
  return tokenRevoke(await core(), registry, sub_args, io);
}

async function accountFor(core: Core, registry: string, args: ParsedArgs): Promise<string> {
  const account = await core.service.registries.accountAt(registry, str(args, 'account'));
  if (!account) {
    throw new KeyportError(
      'NOT_FOUND',
      `No account for ${registry}; sign in first with: keyport login --registry ${registry} --username U --password-stdin`,
    );
  }
  return account.id;
}

async function tokenList(core: Core, registry: string, args: ParsedArgs, io: CliIo): Promise<void> {
  const rows = await core.service.registries.listRemote({
    accountId: await accountFor(core, registry, args),
  });
  if (args.values.json) {
    io.stdout(
      `${JSON.stringify(
        rows.map((r) => ({
          state: r.state,
          ...r.remote,
          keyportId: r.local?.id ?? null,
          label: r.local?.label ?? null,
        })),
        null,
        2,
      )}\n`,
    );
    return;
  }
  io.stdout(
    formatTable(
      ['KEY', 'TOKEN', 'KIND', 'CIDR', 'CREATED', 'EXPIRES', 'IN KEYPORT'],
      rows.map((r) => [
        r.remote?.key ?? r.local?.remoteKey ?? '-',
        r.remote?.masked ?? r.local?.masked ?? '-',
        r.remote ? tokenKindText(r.remote) : '-',
        r.remote?.cidr.join(',') || '-',
        (r.remote?.created ?? r.local?.created ?? '').slice(0, 10),
        (r.remote?.expires ?? r.local?.expires ?? '-').slice(0, 10),
        r.state === 'in-keyport'
          ? `yes (${r.local?.id})`
          : r.state === 'revoked-elsewhere'
            ? 'revoked elsewhere'
            : 'no',
      ]),
    ),
  );
}

async function tokenCreate(
  core: CoreOpener,
  registry: string,
  args: ParsedArgs,
  io: CliIo,
): Promise<void> {
  const name = str(args, 'name');
  const cidr = list(args, 'cidr');
  const expires = str(args, 'expires');
  const request = parseInput(
    CreateTokenRequestSchema,
    name
      ? {
          kind: 'granular',
          name,
          cidr,
          ...(expires ? { expiresDays: Number(expires) } : {}),
          ...(str(args, 'description') ? { description: str(args, 'description') } : {}),
          ...(args.values['all-packages']
            ? { packagesAll: true }
            : list(args, 'package').length
              ? { packages: list(args, 'package') }
              : {}),
          ...(list(args, 'scope').length ? { scopes: list(args, 'scope') } : {}),
          ...(list(args, 'org').length ? { orgs: list(args, 'org') } : {}),
          ...(str(args, 'permission')
            ? { packagesAndScopesPermission: str(args, 'permission') }
            : {}),
          ...(str(args, 'orgs-permission') ? { orgsPermission: str(args, 'orgs-permission') } : {}),
          ...(args.values['bypass-2fa'] ? { bypass2fa: true } : {}),
        }
      : {
          kind: 'legacy',
          readonly: args.values['read-only'] === true,
          automation: args.values.automation === true,
          cidr,
        },
  );
  const password = args.values['password-stdin'] ? await readSecretFromStdin(io) : undefined;
  // Checked before the keychain is opened or anything is sent; the account is found after.
  const fields = parseInput(NewRemoteToken, {
    label: str(args, 'label') ?? name ?? `${requestedKind(request)} token`,
    request,
    ...(password ? { password } : {}),
    ...otp(args),
  });
  const opened = await core();
  const result = await opened.service.registries.create({
    ...fields,
    accountId: await accountFor(opened, registry, args),
  });
  // The token alone on stdout, so `TOKEN=$(keyport token create …)` works; the rest on stderr.
  io.stdout(`${result.secret}\n`);
  if (result.token)
    io.stderr(
      `Stored as ${result.token.id} (${result.token.label}); registry key ${result.created.key}.\n`,
    );
  else
    io.stderr(
      `keyport: created, but NOT stored: ${result.storeError?.message ?? 'unknown error'} Copy it now.\n`,
    );
}

async function tokenRevoke(
  core: Core,
  registry: string,
  args: ParsedArgs,
  io: CliIo,
): Promise<void> {
  if (args.positionals.length === 0) throw usageErrorFor(['token', 'revoke']);
  const request = parseRequest('remote:revoke', {
    accountId: await accountFor(core, registry, args),
    keys: args.positionals,
    removeLocal: args.values['remove-local'] === true,
    removeFromConfigs: args.values['remove-from-configs'] === true,
    ...otp(args),
  });
  const outcome = await core.service.registries.revoke(request);
  for (const key of outcome.revoked) io.stdout(`Revoked ${key}.\n`);
  for (const id of outcome.removedLocal) io.stdout(`Removed ${id} from the keychain.\n`);
  for (const file of outcome.configs?.cleaned ?? []) io.stdout(`Removed it from ${file}.\n`);
  for (const left of outcome.configs?.left ?? [])
    io.stderr(`Left ${left.file} alone: ${left.reason}\n`);
  if (outcome.stillListed.length > 0) {
    throw new KeyportError(
      'REGISTRY_ERROR',
      `The registry still lists ${outcome.stillListed.join(', ')} after the revoke.`,
    );
  }
}

function otp(args: ParsedArgs): { otp?: string } {
  const code = str(args, 'otp');
  return code ? { otp: code } : {};
}
