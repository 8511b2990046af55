import { KeyportError } from '../shared/errors';
import type { TokenMeta } from '../shared/types';
import type { PathEnvironment } from './flows/config-write-flow';
import { readConfigFile } from './configs/config-file';
import { envVarName } from '../shared/references';
import { scanLocations } from './scan/scan-locations';
import { clientVariables } from './client-env';
import type { Vault } from './vault/vault';

/** `${KEYPORT_X}` (npm), `${env.KEYPORT_X}` (Maven), `%KEYPORT_X%` (NuGet): see references.ts. */
const REFERENCE_NAME = /\$\{(?:env\.)?(KEYPORT_[A-Z0-9_]+)\}|%(KEYPORT_[A-Z0-9_]+)%/g;

export interface ExecRequest {
  /** The project whose files are in scope besides the user-level ones (the CLI's cwd). */
  projectDir: string;
  /** Token ids the user named (`--only`): exactly these, config files not read. */
  only?: string[];
}

/**
 * What `keyport exec` puts into its child's environment: only the tokens a config file in scope
 * refers to (or those the user named; a Composer or RubyGems token also as the variable its client
 * reads, see client-env.ts), never an account's session token (it can mint new tokens),
 * each read through its own keychain entry so no other secret enters this process.
 */
export class ExecEnvironment {
  constructor(
    private readonly vault: Vault,
    private readonly paths: PathEnvironment & { nodePrefix: string },
  ) {}

  async variables(req: ExecRequest): Promise<Record<string, string>> {
    const tokens = (await this.vault.list()).filter((t) => t.status === 'ok');
    const chosen = req.only
      ? pickNamed(tokens, req.only)
      : pickReferenced(tokens, await this.referencedNames(req.projectDir));
    const env: Record<string, string> = {};
    const revealed: Array<{ token: TokenMeta; value: string }> = [];
    for (const token of chosen) {
      const value = await this.vault.reveal(token.id);
      env[envVarName(token.id)] = value;
      revealed.push({ token, value });
    }
    return { ...env, ...clientVariables(revealed, this.paths.env) };
  }

  /** Every KEYPORT_… name a reference in the user-level or project files mentions. */
  private async referencedNames(projectDir: string): Promise<Set<string>> {
    const names = new Set<string>();
    const files = scanLocations({ ...this.paths, projectDir }).map((l) => l.file);
    for (const text of await Promise.all(files.map(readConfigText))) {
      for (const m of text?.matchAll(REFERENCE_NAME) ?? []) names.add((m[1] ?? m[2])!);
    }
    return names;
  }
}

function pickReferenced(tokens: TokenMeta[], names: Set<string>): TokenMeta[] {
  return tokens.filter((t) => !t.signIn && names.has(envVarName(t.id)));
}

function pickNamed(tokens: TokenMeta[], ids: string[]): TokenMeta[] {
  return ids.map((id) => {
    const token = tokens.find((t) => t.id === id);
    if (!token) throw new KeyportError('NOT_FOUND', `No token with id ${id}.`);
    if (token.signIn) {
      throw new KeyportError(
        'INVALID_INPUT',
        `"${token.label}" is a registry account's sign-in token; keyport exec never hands it to a command.`,
      );
    }
    return token;
  });
}

/**
 * A regular file's text, or null: a missing file, a FIFO, a device or an oversized file is simply
 * not a config here. Read through the writers' bounded, non-blocking reader, so a FIFO swapped in
 * after a check cannot hang `keyport exec`.
 */
async function readConfigText(file: string): Promise<string | null> {
  try {
    return (await readConfigFile(file))?.bytes.toString('utf8') ?? null;
  } catch {
    return null;
  }
}
