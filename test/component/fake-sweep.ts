/**
 * The sweep side of the fake: the test sets what a sweep of the picked folders finds (masked
 * findings, as the core reports them), and sweep:import answers as the core does: each finding
 * imported once per value, entries in formats that hold a reference rewritten (a masked diff),
 * the others only imported. Only folders the picker answered may be swept, as main enforces.
 */
import type {
  SweepFinding,
  SweepImportOutcome,
  SweepResult,
  TokenMeta,
} from '../../src/shared/types';
import { FakeError, now } from './fake-error';
import type { FakeKeyport, VaultRequest } from './fake-keyport';

export class FakeSweep {
  /** What the next sweeps find. */
  result: SweepResult = { findings: [], problems: [], stats: { folders: 0, files: 0 } };
  /** Imported so far, by finding id: an imported finding is no longer found. */
  readonly imported = new Set<string>();
  private seq = 1;

  constructor(private readonly keyport: FakeKeyport) {}

  readonly handlers = {
    sweep: (req: VaultRequest<'sweep'>) => {
      const granted = this.keyport.callsTo('pickFolder').length;
      if (granted === 0 || req.dirs.length > granted) {
        throw new FakeError('PATH_NOT_ALLOWED', 'Choose the folder in the folder picker first.');
      }
      return {
        ...this.result,
        findings: this.result.findings.filter((f) => !this.imported.has(f.id)),
      };
    },
    importSweepFindings: (req: VaultRequest<'importSweepFindings'>) =>
      req.findingIds.map((id) => this.importOne(id, req.dryRun, req.replaceWithReference)),
  };

  private importOne(id: string, dryRun: boolean, replace: boolean): SweepImportOutcome {
    const finding = this.result.findings.find((f) => f.id === id);
    if (!finding) throw new FakeError('NOT_FOUND', 'That finding is gone; sweep again.');
    const reused = finding.tokenId !== null;
    let token: TokenMeta | null = reused ? this.keyport.get(finding.tokenId!) : null;
    if (!dryRun && !token) {
      token = this.keyport.seed({
        label: `swept ${this.seq++}`,
        registry: finding.registry ?? 'https://registry.npmjs.org/',
        ecosystem: 'npm',
        // The fake keeps no swept values; a stand-in secret is enough for the vault's row.
        secret: `npm_${'s'.repeat(32)}${this.seq}`,
        origin: 'imported',
        created: now(),
      });
    }
    if (!dryRun) this.imported.add(id);
    const rewrite = !replace
      ? undefined
      : finding.format === 'env'
        ? { left: '.env files are read by many tools that do not expand references' }
        : {
            entry: finding.key,
            diff: `--- ${finding.file}\n+++ ${finding.file}\n-${finding.entry}\n+${finding.key}=\${KEYPORT_X}\n`,
            written: !dryRun,
          };
    return { findingId: id, file: finding.file, token, reused, ...(rewrite ? { rewrite } : {}) };
  }
}

/** A swept finding with everything a test does not care about filled in. */
export function sweptFinding(
  part: Pick<SweepFinding, 'id' | 'file' | 'git' | 'repository'> & Partial<SweepFinding>,
): SweepFinding {
  return {
    format: 'npmrc',
    level: 'project',
    line: 1,
    key: '//registry.npmjs.org/:_authToken',
    entry: '//registry.npmjs.org/:_authToken=npm_••••••••aaaa',
    masked: 'npm_••••••••aaaa',
    registry: 'https://registry.npmjs.org/',
    tokenId: null,
    wins: true,
    ...part,
  };
}
