import type {
  Finding,
  GitState,
  ScanLevel,
  SweepFinding,
  SweepFormat,
  TokenMeta,
} from '../../shared/types';
import { tildePath } from './paths';

/**
 * A finding as the Scan view lists it; a folder sweep adds the repository that holds it and
 * whether git tracks the file (only sweeps say so: `git` is undefined for a project scan).
 */
export type ListedFinding = Omit<Finding, 'format'> & {
  format: SweepFormat;
  repository?: string | null;
  git?: GitState;
};

/** A swept finding as listed: a sweep reports plaintext only (references are not findings). */
export function listedSweepFinding(finding: SweepFinding): ListedFinding {
  return { ...finding, reference: false };
}

/** The finding as the single-project scan made it, or null for a swept one. */
export function scanFindingOf(finding: ListedFinding): Finding | null {
  if (finding.git !== undefined || finding.format === 'env') return null;
  return { ...finding, format: finding.format };
}

export interface FileGroup {
  file: string;
  findings: ListedFinding[];
}

/** One place findings come from: a repository, a project folder, home, or the system. */
export interface RootGroup {
  key: string;
  title: string;
  files: FileGroup[];
}

const LEVEL_ORDER: Record<ScanLevel, number> = { project: 0, user: 1, global: 2 };

function rootOf(
  finding: ListedFinding,
  projectDir: string | null,
  home: string | null,
): { key: string; title: string; order: number } {
  if (finding.repository) {
    return {
      key: `repo:${finding.repository}`,
      title: `Repository ${tildePath(finding.repository, home)}`,
      order: 0,
    };
  }
  if (finding.git !== undefined && finding.level === 'project') {
    return { key: 'loose', title: 'Outside any repository', order: 1 };
  }
  if (finding.level === 'project' && projectDir !== null) {
    return { key: `dir:${projectDir}`, title: `Project ${tildePath(projectDir, home)}`, order: 0 };
  }
  if (finding.level === 'global') return { key: 'global', title: 'System-wide', order: 2 };
  return { key: 'user', title: 'Your user files', order: LEVEL_ORDER[finding.level] };
}

/**
 * Findings grouped by where they come from (repository or project, home, system) and then by
 * file, in the order found, lines ascending: ready for a sweep over many folders.
 */
export function groupFindings(
  findings: readonly ListedFinding[],
  projectDir: string | null,
  home: string | null,
): RootGroup[] {
  const roots = new Map<string, RootGroup & { order: number }>();
  for (const finding of findings) {
    const { key, title, order } = rootOf(finding, projectDir, home);
    let root = roots.get(key);
    if (!root) {
      root = { key, title, order, files: [] };
      roots.set(key, root);
    }
    let file = root.files.find((f) => f.file === finding.file);
    if (!file) {
      file = { file: finding.file, findings: [] };
      root.files.push(file);
    }
    file.findings.push(finding);
  }
  const sorted = [...roots.values()].sort((a, b) => a.order - b.order);
  for (const root of sorted) {
    for (const file of root.files) file.findings.sort((a, b) => a.line - b.line);
  }
  return sorted.map(({ key, title, files }) => ({ key, title, files }));
}

export type FindingKind = 'reference' | 'plaintext' | 'held-plaintext';

export interface FindingStatus {
  kind: FindingKind;
  text: string;
  tone: 'ok' | 'warning';
  /** The vault token holding the same value, when there is one. */
  token: TokenMeta | null;
}

/**
 * What a finding means: a reference is safe; plaintext is a secret on disk whether or not
 * Keyport also holds it (then it can be replaced by a reference at once).
 */
export function findingStatus(finding: ListedFinding, tokens: readonly TokenMeta[]): FindingStatus {
  if (finding.reference) {
    return { kind: 'reference', text: 'reference', tone: 'ok', token: null };
  }
  const token =
    finding.tokenId === null ? null : (tokens.find((t) => t.id === finding.tokenId) ?? null);
  if (finding.tokenId !== null) {
    return { kind: 'held-plaintext', text: 'plaintext, in Keyport', tone: 'warning', token };
  }
  return { kind: 'plaintext', text: 'plaintext', tone: 'warning', token: null };
}
