/**
 * The scan side of the fake: reads the pretend disk of FakeConfigFiles (one `entry=value` line
 * per credential, as the fake writers write them), matches values with the vault the way the
 * core's keyed hash does (here: by equal value), records usedIn, and imports found values.
 * Like the core, found values stay here; findings carry masks only.
 */
import { maskSecret } from '../../src/shared/mask';
import type {
  Finding,
  ScanFormat,
  ScanLevel,
  TokenMeta,
  UsedLocation,
} from '../../src/shared/types';
import { isReference } from '../../src/shared/references';
import { FAKE_DEFAULTS } from './fake-config-files';
import { FakeError, now } from './fake-error';
import type { FakeKeyport, VaultRequest } from './fake-keyport';

export const GLOBAL_NPMRC = '/usr/etc/npmrc';

interface ScanLocation {
  file: string;
  format: ScanFormat;
  level: ScanLevel;
}

/** The files read, npmrc in precedence order (project, user, global), as the core does. */
function locations(projectDir: string | undefined): ScanLocation[] {
  const project: ScanLocation[] = projectDir
    ? [
        { file: `${projectDir}/.npmrc`, format: 'npmrc', level: 'project' },
        { file: `${projectDir}/.yarnrc.yml`, format: 'yarnrc', level: 'project' },
        { file: `${projectDir}/NuGet.Config`, format: 'nuget', level: 'project' },
      ]
    : [];
  return [
    ...project,
    { file: FAKE_DEFAULTS.npmrc, format: 'npmrc', level: 'user' },
    { file: GLOBAL_NPMRC, format: 'npmrc', level: 'global' },
    { file: FAKE_DEFAULTS.maven, format: 'maven', level: 'user' },
    { file: FAKE_DEFAULTS.nuget, format: 'nuget', level: 'user' },
    { file: FAKE_DEFAULTS.netrc, format: 'netrc', level: 'user' },
    { file: FAKE_DEFAULTS.pip, format: 'pip', level: 'user' },
    { file: FAKE_DEFAULTS.pypirc, format: 'pypirc', level: 'user' },
  ];
}

/** What an entry names besides its value, from the fake writers' entry descriptions. */
function describe(
  format: ScanFormat,
  key: string,
): Pick<Finding, 'registry' | 'serverId' | 'source'> {
  const npm = /^(\/\/.+\/):_authToken$/.exec(key);
  if ((format === 'npmrc' || format === 'yarnrc') && npm) return { registry: `https:${npm[1]}` };
  const server = /^server id=(.+)$/.exec(key);
  if (format === 'maven' && server) return { registry: null, serverId: server[1] };
  const source = /^source (.+) with credentials$/.exec(key);
  if (format === 'nuget' && source) return { registry: null, source: source[1] };
  const host = /^(?:machine|index-url|extra-index-url) (\S+)$/.exec(key);
  if (host) return { registry: `https://${host[1]}/` };
  return { registry: null };
}

export class FakeScan {
  /** Values of the last scan by finding id, for import; never sent anywhere. */
  private values = new Map<string, { value: string; finding: Finding }>();
  /** Finding ids are stable for the same file, line and value, as the core's hash is. */
  private readonly ids = new Map<string, string>();

  constructor(private readonly keyport: FakeKeyport) {}

  readonly handlers = {
    scan: (req: VaultRequest<'scan'>) => this.scan(req.projectDir),
    importFinding: (req: VaultRequest<'importFinding'>) => this.import(req),
  };

  private idOf(file: string, line: number, value: string): string {
    const key = `${file}\0${line}\0${value}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = `f${this.ids.size + 1}`;
      this.ids.set(key, id);
    }
    return id;
  }

  private tokenWith(value: string): TokenMeta | undefined {
    for (const [id, secret] of this.keyport.secrets) {
      if (secret === value) return this.keyport.metas.get(id);
    }
    return undefined;
  }

  private scan(projectDir: string | undefined): Finding[] {
    const findings: Finding[] = [];
    const values = new Map<string, { value: string; finding: Finding }>();
    const winning = new Set<string>();
    for (const { file, format, level } of locations(projectDir)) {
      const text = this.keyport.configs.files.get(file);
      if (text === undefined) continue;
      text.split('\n').forEach((lineText, index) => {
        const at = lineText.lastIndexOf('=');
        if (at <= 0) return;
        const key = lineText.slice(0, at);
        const value = lineText.slice(at + 1);
        const isNpm = format === 'npmrc' || format === 'yarnrc';
        // Plain settings (registry=…) in an .npmrc are not credentials.
        if (isNpm && !key.endsWith('_authToken')) return;
        const reference = isReference(value);
        const token = reference ? undefined : this.tokenWith(value);
        const precedence = isNpm ? `${format}:${key}` : null;
        const wins = precedence === null || !winning.has(precedence);
        if (precedence) winning.add(precedence);
        const line = index + 1;
        const finding: Finding = {
          id: this.idOf(file, line, value),
          format,
          file,
          level,
          line,
          entry: `${key}=${reference ? value : maskSecret(value)}`,
          masked: reference ? value : maskSecret(value),
          ...describe(format, key),
          reference,
          tokenId: token?.id ?? null,
          wins,
        };
        findings.push(finding);
        if (!reference) values.set(finding.id, { value, finding });
      });
    }
    this.values = values;
    // Where each vault token is used, as of this scan.
    for (const token of [...this.keyport.metas.values()]) {
      const usedIn = findings.filter((f) => f.tokenId === token.id).map(locationOf);
      const { usedIn: _old, ...rest } = token;
      this.keyport.metas.set(token.id, usedIn.length > 0 ? { ...rest, usedIn } : rest);
    }
    return findings;
  }

  private import(req: VaultRequest<'importFinding'>): TokenMeta {
    const held = this.values.get(req.findingId);
    if (!held) throw new FakeError('NOT_FOUND', 'That finding is gone; scan again.');
    if (held.finding.tokenId) {
      throw new FakeError('INVALID_INPUT', 'This token is already in Keyport.');
    }
    this.values.delete(req.findingId);
    return this.keyport.seed({
      label: req.label,
      registry: req.registry,
      ecosystem: req.ecosystem,
      secret: held.value,
      origin: 'imported',
      created: now(),
      usedIn: [locationOf(held.finding)],
    });
  }
}

function locationOf(f: Finding): UsedLocation {
  return { format: f.format, file: f.file, line: f.line, entry: f.entry };
}
