/**
 * The entry points of `git-credential-keyport` and `docker-credential-keyport` (bin/*.cjs), bundled
 * by scripts/build-cli.mjs as out/cli/credential-helper.cjs. A client runs its helper for every
 * request, so this opens only the vault (see openHelperVault), none of the command runner.
 */
import { KeyportError } from '../shared/errors';
import {
  DOCKER_NOT_FOUND,
  dockerCredentialGet,
  dockerCredentialList,
  dockerCredentialStore,
} from '../core/credential-helpers/docker-credential';
import {
  gitCredentialErase,
  gitCredentialGet,
  gitCredentialStore,
  gitServerUrl,
  parseGitRequest,
} from '../core/credential-helpers/git-credential';
import { openHelperVault } from '../core/credential-helpers/helper-vault';
import { readSync, writeSync } from 'node:fs';
import { isatty } from 'node:tty';
import type { CliIo } from './io';
import { terminalText } from './terminal-text';

export interface HelperIo extends CliIo {
  /** A secret is printed only to a pipe (the client): never to a person's terminal. */
  stdoutIsTty: boolean;
}

/**
 * The helper's streams as plain file descriptors. process.stdin/stdout/stderr on a pipe are
 * net.Socket streams, and building them loads net and stream into every helper run (a client
 * starts one per request): ~5 ms of CPU out of the helper's ~20 ms above `node -e 0`
 * (measured). The answers are a few hundred bytes, far below a pipe's buffer.
 */
const processHelperIo: HelperIo = {
  stdout: (text) => writeFd(1, text),
  stderr: (text) => writeFd(2, text),
  readStdin: async () => (isatty(0) ? '' : readFd0()),
  env: process.env,
  stdoutIsTty: isatty(1),
};

function writeFd(fd: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at);
}

/** All of stdin, up to the client closing it. */
async function readFd0(): Promise<string> {
  const chunks: Buffer[] = [];
  const buffer = Buffer.alloc(16 * 1024);
  for (;;) {
    let n: number;
    try {
      n = readSync(0, buffer, 0, buffer.length, null);
    } catch (err) {
      // A non-blocking stdin has nothing yet: wait for it as a stream would (rare: clients give
      // their helpers blocking pipes).
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') {
        for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
        break;
      }
      if ((err as NodeJS.ErrnoException).code === 'EOF') break;
      throw err;
    }
    if (n === 0) break;
    chunks.push(Buffer.from(buffer.subarray(0, n)));
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A failure for people (stderr), with only our own sentence; never a secret. */
function say(io: HelperIo, name: string, err: unknown): void {
  const message =
    err instanceof KeyportError ? err.message : 'Something went wrong inside Keyport.';
  io.stderr(terminalText(`${name}: ${message}\n`));
}

function refuseTerminal(io: HelperIo, name: string): boolean {
  if (!io.stdoutIsTty) return false;
  io.stderr(
    `${name}: this is a credential helper for programs; it does not print secrets to a terminal (use keyport reveal).\n`,
  );
  return true;
}

/**
 * git runs `git-credential-keyport get|store|erase`. Any failure (a locked keychain, no Secret
 * Service) prints nothing on stdout: git then asks its next helper or the user, as the protocol
 * intends; the reason goes to stderr, which git shows.
 */
export async function runGitCredential(
  argv: string[],
  io: HelperIo = processHelperIo,
): Promise<number> {
  const name = 'git-credential-keyport';
  const action = argv[0];
  if (action !== 'get' && action !== 'store' && action !== 'erase') {
    io.stderr(`usage: ${name} get|store|erase (run by git; see keyport setup git)\n`);
    return 2;
  }
  const input = await io.readStdin();
  if (action === 'get' && refuseTerminal(io, name)) return 1;
  const fields = parseGitRequest(input);
  try {
    if (action === 'get') {
      io.stdout(await gitCredentialGet(await openHelperVault(io.env), fields));
    } else if (action === 'store') {
      // git reports what worked; a new value enters the vault only where the user said so.
      const url = gitServerUrl(fields);
      // Loaded here: it runs `git config`, which `get` (every request) never needs.
      const { gitAcceptsStore } = await import('../core/credential-helpers/git-accept-store');
      const accept = url !== undefined && (await gitAcceptsStore(url, io.env));
      await gitCredentialStore(await openHelperVault(io.env), fields, accept);
    } else {
      // A refusal is marked on the token for the user to see; the token is never deleted.
      await gitCredentialErase(await openHelperVault(io.env), fields);
    }
  } catch (err) {
    say(io, name, err);
  }
  // Always 0: git treats a helper's failure as "nothing from this one" and goes on.
  return 0;
}

/**
 * Docker, Podman, Skopeo and Buildah run `docker-credential-keyport get|store|erase|list`. A locked
 * or missing keychain answers like an empty one (the not-found sentence, exit 1), so the client
 * goes on anonymously or asks; the reason goes to stderr.
 */
export async function runDockerCredential(
  argv: string[],
  io: HelperIo = processHelperIo,
): Promise<number> {
  const name = 'docker-credential-keyport';
  const action = argv[0];
  if (!['get', 'store', 'erase', 'list'].includes(action ?? '')) {
    io.stderr(
      `usage: ${name} get|store|erase|list (run by container tools; see keyport setup docker)\n`,
    );
    return 2;
  }
  const input = await io.readStdin();
  try {
    if (action === 'erase') {
      // Logging out forgets nothing in Keyport: the token stays until `keyport remove`.
      io.stderr(`${name}: the token stays in Keyport; remove it there (keyport remove ID).\n`);
      return 0;
    }
    if (action === 'get' && refuseTerminal(io, name)) return 1;
    const vault = await openHelperVault(io.env);
    if (action === 'store') {
      await dockerCredentialStore(vault, input);
      return 0;
    }
    if (action === 'list') {
      io.stdout(`${JSON.stringify(await dockerCredentialList(vault))}\n`);
      return 0;
    }
    const found = await dockerCredentialGet(vault, input);
    if (!found) {
      io.stdout(`${DOCKER_NOT_FOUND}\n`);
      return 1;
    }
    io.stdout(`${JSON.stringify(found)}\n`);
    return 0;
  } catch (err) {
    say(io, name, err);
    // For get, the protocol's own "nothing here": clients fall back cleanly.
    io.stdout(action === 'get' ? `${DOCKER_NOT_FOUND}\n` : '');
    return 1;
  }
}
