import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { SweepFinding } from '../../shared/types';
import { writeFileAtomic } from '../fs/atomic-write';
import type { SweepFile } from './workspace-sweep';

/** Where each finding of recent sweeps is, so a later `keyport import ID` can find it again. */
const RECORD_FILE = 'last-scan.json';
/** Enough for a big workspace; the oldest beyond it are forgotten. */
const MAX_RECORDED = 20_000;

interface RecordedFinding extends SweepFile {
  id: string;
}

/**
 * Remembers where the findings are (id, file, format, level, repository — never a value or even
 * a mask), merged with earlier sweeps: entries for files this sweep read again are replaced.
 */
export async function recordFindings(dataDir: string, findings: SweepFinding[]): Promise<void> {
  const fresh: RecordedFinding[] = findings.map((f) => ({
    id: f.id,
    file: f.file,
    format: f.format,
    level: f.level,
    repository: f.repository,
  }));
  const files = new Set(fresh.map((f) => f.file));
  const before = await loadRecord(dataDir);
  const kept = before.filter((r) => !files.has(r.file));
  const all = [...kept, ...fresh].slice(-MAX_RECORDED);
  // The same findings as last time (the common case): nothing to write, no fsync to wait for.
  if (JSON.stringify(all) === JSON.stringify(before)) return;
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  await writeFileAtomic(path.join(dataDir, RECORD_FILE), `${JSON.stringify(all)}\n`, {
    mode: 0o600,
  });
}

/** The files holding these finding ids, as recorded; ids not recorded are simply absent. */
export async function recordedFiles(dataDir: string, ids: string[]): Promise<SweepFile[]> {
  const wanted = new Set(ids);
  const files = new Map<string, SweepFile>();
  for (const r of await loadRecord(dataDir)) {
    if (wanted.has(r.id)) {
      files.set(r.file, {
        file: r.file,
        format: r.format,
        level: r.level,
        repository: r.repository,
      });
    }
  }
  return [...files.values()];
}

async function loadRecord(dataDir: string): Promise<RecordedFinding[]> {
  try {
    const data: unknown = JSON.parse(await fs.readFile(path.join(dataDir, RECORD_FILE), 'utf8'));
    if (!Array.isArray(data)) return [];
    return (data as RecordedFinding[]).filter(
      (r) => typeof r?.id === 'string' && typeof r.file === 'string' && path.isAbsolute(r.file),
    );
  } catch {
    return [];
  }
}
