import { KeyportError } from '../../shared/errors';
import type { ScanFormat, TokenMeta } from '../../shared/types';
import type { PathEnvironment } from '../paths';
import { readConfigFile } from '../configs/config-file';
import { parseProperties } from '../configs/java-properties';
import { envVarName, isKeyportReference } from '../../shared/references';
import { scanLocations } from '../scan/scan-locations';
import { clientVariables } from './client-env';
import type { Vault } from '../vault/vault';

/** `${KEYPORT_X}` (npm), `${env.KEYPORT_X}` (Maven), `%KEYPORT_X%` (NuGet): see references.ts. */
const REFERENCE_NAME = /\$\{(?:env\.)?(KEYPORT_[A-Z0-9_]+)\}|%(KEYPORT_[A-Z0-9_]+)%/g;

export interface ExecRequest {
  /** The project whose files are in scope besides the user-level ones (the CLI's cwd). */
  projectDir: string;
  /**
   * Token ids the user named (`--only`): exactly these; config files are read only to name the
   * gradle.properties keys their placeholders stand for.
   */
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
    private readonly paths: PathEnvironment & { nodeExecPath: string },
  ) {}

  async variables(req: ExecRequest): Promise<Record<string, string>> {
    const tokens = (await this.vault.list()).filter((t) => t.status === 'ok');
    const files = await this.readFiles(req.projectDir);
    const chosen = req.only
      ? pickNamed(tokens, req.only)
      : pickReferenced(tokens, referencedNames(files));
    const gradle = gradleProperties(files);
    const env: Record<string, string> = {};
    const revealed: Array<{ token: TokenMeta; value: string }> = [];
    for (const token of chosen) {
      const name = envVarName(token.id);
      const value = await this.vault.reveal(token.id);
      env[name] = value;
      for (const key of gradle.get(name) ?? []) env[`${GRADLE_PROJECT_PREFIX}${key}`] = value;
      revealed.push({ token, value });
    }
    return { ...env, ...clientVariables(revealed, this.paths.env) };
  }

  /** The user-level and project config files in scope, in their clients' precedence order. */
  private async readFiles(projectDir: string): Promise<ConfigText[]> {
    const locations = await scanLocations({ ...this.paths, projectDir });
    const texts = await Promise.all(locations.map((l) => readConfigText(l.file)));
    return locations.flatMap((l, i) =>
      texts[i] == null ? [] : [{ format: l.format, text: texts[i] }],
    );
  }
}

interface ConfigText {
  format: ScanFormat;
  text: string;
}

/**
 * Gradle reads `ORG_GRADLE_PROJECT_<name>` as the project property `<name>`, over any
 * gradle.properties: how a placeholder there gets its token, since Gradle expands nothing.
 */
const GRADLE_PROJECT_PREFIX = 'ORG_GRADLE_PROJECT_';

/** Every KEYPORT_… name a reference in the files mentions. */
function referencedNames(files: ConfigText[]): Set<string> {
  const names = new Set<string>();
  for (const { text } of files) {
    for (const m of text.matchAll(REFERENCE_NAME)) names.add((m[1] ?? m[2])!);
  }
  return names;
}

/**
 * For each KEYPORT_… name, the gradle.properties keys whose whole value is its placeholder. A key
 * belongs to the first file that sets it (the user's file beats the build's, as in Gradle); the
 * last entry of a key within a file is the one Java reads.
 */
function gradleProperties(files: ConfigText[]): Map<string, string[]> {
  const owner = new Map<string, string>();
  for (const { format, text } of files) {
    if (format !== 'gradle') continue;
    let entries;
    try {
      entries = parseProperties(text);
    } catch {
      continue;
    }
    const last = new Map(entries.map((e) => [e.key, e.value]));
    for (const [key, value] of last) {
      if (owner.has(key) || key.includes('=')) continue;
      owner.set(key, isKeyportReference('gradle', value) ? value.slice(2, -1) : '');
    }
  }
  const byName = new Map<string, string[]>();
  for (const [key, name] of owner) {
    if (name !== '') byName.set(name, [...(byName.get(name) ?? []), key]);
  }
  return byName;
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
