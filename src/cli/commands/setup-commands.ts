import { realpathSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setupDockerHelper } from '../../core/credential-helpers/docker-config';
import { dockerHost } from '../../core/credential-helpers/docker-credential';
import { dockerConfigPath } from '../../core/credential-helpers/helper-config-files';
import { OsKeychainItems } from '../../core/vault/keychain-items';
import { PythonKeyringLinks } from '../../core/credential-helpers/python-keyring';
import { gitHelperCommand, setupGitHelper } from '../../core/credential-helpers/git-setup';
import { setupGitAcceptStore } from '../../core/credential-helpers/git-accept-store';
import { usageErrorFor } from '../help';
import type { CliIo } from '../io';
import { str, type CoreOpener, type ParsedArgs } from './args';

const CLIENTS = ['git', 'python', 'docker'] as const;

/**
 * `keyport setup git|docker|python`: makes a client ask Keyport instead of reading a file. Bad
 * arguments get the help page's setup lines (one client's when the client is known).
 */
export async function setupCommand(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const [client, ...extra] = args.positionals;
  const known = CLIENTS.find((c) => c === client);
  if (!known || extra.length > 0) throw usageErrorFor(known ? ['setup', known] : ['setup']);
  if (known === 'git') return setupGit(args, io);
  if (known === 'python') return setupPython(core, args, io);
  return setupDocker(core, args, io);
}

async function setupGit(args: ParsedArgs, io: CliIo): Promise<void> {
  const file = str(args, 'file');
  const url = str(args, 'registry');
  const result = await setupGitHelper({
    ...(file ? { file: path.resolve(file) } : {}),
    ...(url ? { url } : {}),
    helper: gitHelperCommand(process.execPath, siblingBin('git-credential-keyport.cjs')),
    env: io.env,
  });
  const where = file ? path.resolve(file) : 'your global git config';
  io.stdout(
    result.changed
      ? `git now asks Keyport for credentials (${result.key} in ${where}). Test: git ls-remote URL\n`
      : `${where} already names Keyport in ${result.key}; nothing changed.\n`,
  );
  if (args.values['accept-store']) {
    const accept = await setupGitAcceptStore({
      ...(file ? { file: path.resolve(file) } : {}),
      ...(url ? { url } : {}),
      env: io.env,
    });
    io.stdout(
      `${accept.changed ? 'Credentials' : 'Already: credentials'} git stores after a successful sign-in ${url ? `to ${url} ` : ''}go into Keyport (${accept.key}).\n`,
    );
  }
}

async function setupPython(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const registry = str(args, 'registry');
  const username = str(args, 'username');
  if (!registry || !username) throw usageErrorFor(['setup', 'python']);
  const tokenId = str(args, 'id');
  const { vault } = await core();
  const links = new PythonKeyringLinks(vault, new OsKeychainItems());
  const result = await links.link({ registry, username, ...(tokenId ? { tokenId } : {}) });
  io.stdout(
    `Python's keyring now finds "${result.token.label}" (${result.token.masked}) for ${username} under ${result.services.join(' and ')}; no file holds it.\nTest: pip download --no-deps --index-url ${registry} PACKAGE\n`,
  );
}

async function setupDocker(core: CoreOpener, args: ParsedArgs, io: CliIo): Promise<void> {
  const registry = str(args, 'registry');
  const host = registry ? dockerHost(registry) : undefined;
  if (!host) throw usageErrorFor(['setup', 'docker']);
  // Docker's own default; Podman, Skopeo and Buildah read it too, after their auth.json.
  const file = path.resolve(
    str(args, 'file') ?? dockerConfigPath({ home: io.env.HOME ?? os.homedir(), env: io.env }),
  );
  const { vault } = await core();
  const result = await setupDockerHelper(vault, file, [host]);
  if (result.imported > 0) {
    io.stdout(`Moved ${result.imported} saved login(s) for ${host} from ${file} into Keyport.\n`);
  }
  io.stdout(
    result.changed
      ? `Container tools now ask docker-credential-keyport for ${host} (credHelpers in ${file}). Test: skopeo inspect docker://${host}/IMAGE\n`
      : `${file} already sends ${host} to Keyport; nothing changed.\n`,
  );
}

/** A helper installed beside the running `keyport` (the package's bin folder). */
function siblingBin(name: string): string {
  const keyport = process.argv[1] ? realpathSync(process.argv[1]) : '';
  return path.join(path.dirname(keyport), name);
}
