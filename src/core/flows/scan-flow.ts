import { promises as fs } from 'node:fs';
import { KeyportError } from '../../shared/errors';
import type { ParsedRequestOf } from '../../shared/ipc-contract';
import { maskSecret } from '../../shared/mask';
import type { Finding, TokenMeta, UsedLocation } from '../../shared/types';
import type { PathEnvironment } from '../paths';
import type { Vault } from '../vault/vault';
import type { PathPolicy } from '../access/path-policy';
import { isReference } from '../../shared/references';
import { scanLocations } from '../scan/scan-locations';
import { scanText } from '../scan/scan-text';

/**
 * Finds plaintext credentials in the standard config files, tells which are already in the
 * vault (by fingerprint), records where each vault token is used, and imports found ones.
 * Found values stay here, in main, until imported or the next scan; findings carry only masks.
 */
export class ScanFlow {
  private readonly values = new Map<string, { value: string; finding: Finding }>();

  constructor(
    private readonly vault: Vault,
    private readonly paths: PathEnvironment & { nodeExecPath: string },
    /** In the app, a project folder must have come from the folder picker. */
    private readonly policy: PathPolicy,
  ) {}

  async scan(requestedDir?: string): Promise<Finding[]> {
    const projectDir = requestedDir ? await this.policy.scanFolder(requestedDir) : undefined;
    // Loaded on the first scan: the parsers it needs (ini, the config editors) cost every other
    // command start-up time.
    const [{ findCredentials }, { createHash }] = await Promise.all([
      import('../scan/find-credentials'),
      import('node:crypto'),
    ]);
    const locations = await scanLocations({
      ...this.paths,
      ...(projectDir ? { projectDir } : {}),
    });
    const tokens = await this.vault.list();
    const byFingerprint = new Map(
      tokens.filter((t) => t.fingerprint).map((t) => [t.fingerprint, t]),
    );
    const findings: Finding[] = [];
    const winningKeys = new Set<string>();
    const scanned = new Set<string>();
    for (const location of locations) {
      const text = await readIfPresent(location.file, location.format);
      scanned.add(location.file);
      if (text === null) continue;
      for (const found of findCredentials(location.format, text)) {
        const reference = isReference(found.value);
        const fingerprint = reference ? null : await this.vault.fingerprint(found.value);
        const token: TokenMeta | undefined = fingerprint
          ? byFingerprint.get(fingerprint)
          : undefined;
        // Locations come in precedence order: the first file to set a key is the one npm uses.
        const precedenceKey = found.key ? `${location.format}:${found.key}` : null;
        const wins = precedenceKey === null || !winningKeys.has(precedenceKey);
        if (precedenceKey) winningKeys.add(precedenceKey);
        const finding: Finding = {
          id: createHash('sha256')
            .update(`${location.file}\0${found.line}\0${fingerprint ?? found.value}`)
            .digest('hex')
            .slice(0, 16),
          format: location.format,
          file: location.file,
          level: location.level,
          line: found.line,
          entry: found.entry,
          masked: reference ? found.value : maskSecret(found.value),
          registry: found.registry,
          ...(found.serverId ? { serverId: found.serverId } : {}),
          ...(found.source ? { source: found.source } : {}),
          reference,
          tokenId: token?.id ?? null,
          wins,
        };
        findings.push(finding);
        // Merged, not replaced: a background rescan (app start, after a write) must not make the
        // findings the user is looking at impossible to import. Ids are stable per file/line/value.
        if (!reference) this.values.set(finding.id, { value: found.value, finding });
      }
    }
    await this.vault.setUsage(scanned, usageOf(findings));
    return findings;
  }

  async import(req: ParsedRequestOf<'scan:import'>): Promise<TokenMeta> {
    const held = this.values.get(req.findingId);
    if (!held) throw new KeyportError('NOT_FOUND', 'That finding is gone; scan again.');
    if (held.finding.tokenId) {
      throw new KeyportError('INVALID_INPUT', 'This token is already in Keyport.');
    }
    const token = await this.vault.add({
      label: req.label,
      registry: req.registry,
      ecosystem: req.ecosystem,
      secret: held.value,
      origin: 'imported',
    });
    this.values.delete(req.findingId);
    const location: UsedLocation = locationOf(held.finding);
    await this.vault.setUsage(new Set(), new Map([[token.id, [location]]]));
    return this.vault.get(token.id);
  }
}

function usageOf(findings: Finding[]): Map<string, UsedLocation[]> {
  const usage = new Map<string, UsedLocation[]>();
  for (const f of findings) {
    if (!f.tokenId) continue;
    usage.set(f.tokenId, [...(usage.get(f.tokenId) ?? []), locationOf(f)]);
  }
  return usage;
}

function locationOf(f: Finding): UsedLocation {
  return { format: f.format, file: f.file, line: f.line, entry: f.entry };
}

async function readIfPresent(file: string, format: string): Promise<string | null> {
  try {
    const stat = await fs.stat(file);
    // Config files are small; something huge here is not one, and reading it would stall a scan.
    if (!stat.isFile() || stat.size > 8 * 1024 * 1024) return null;
    return scanText(await fs.readFile(file), file, format);
  } catch {
    return null;
  }
}
