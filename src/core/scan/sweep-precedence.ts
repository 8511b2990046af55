import type { SweepFormat } from '../../shared/types';

/**
 * Within one file, which of several entries for the same key the client reads: npm's ini parser,
 * dotenv and Java's Properties (gradle.properties) keep the last assignment; Maven takes the first
 * `<server>` with an id, curl and git the first `machine` (Python's netrc the last: we side with
 * the tools that fetch packages), NuGet the first source of a name.
 */
const LAST_WINS: ReadonlySet<SweepFormat> = new Set([
  'npmrc',
  'env',
  'pip',
  'pypirc',
  'yarnrc',
  'gradle',
]);

export interface Ranked {
  format: SweepFormat;
  file: string;
  key: string;
  wins: boolean;
}

/**
 * Sets `wins` on each finding: true when it is the entry its client actually uses. `fileOrder`
 * lists files in the order a client consults them (user-level files, highest precedence first);
 * a key set in an earlier file shadows the same key in a later one for the same format. Files not
 * in that list (swept project files) are judged on their own.
 */
export function markWinners<T extends Ranked>(findings: T[], fileOrder: readonly string[]): T[] {
  const byFileKey = new Map<string, T[]>();
  for (const f of findings) {
    const group = `${f.file}\0${f.key}`;
    byFileKey.set(group, [...(byFileKey.get(group) ?? []), f]);
  }
  for (const group of byFileKey.values()) {
    const winner = LAST_WINS.has(group[0]!.format) ? group.at(-1) : group[0];
    for (const f of group) f.wins = f === winner;
  }
  const rank = new Map(fileOrder.map((file, i) => [file, i]));
  const claimed = new Map<string, number>();
  for (const f of findings) {
    const r = rank.get(f.file);
    if (r === undefined || !f.wins) continue;
    const key = `${f.format}\0${f.key}`;
    const best = claimed.get(key);
    if (best === undefined || r < best) claimed.set(key, r);
  }
  for (const f of findings) {
    const r = rank.get(f.file);
    if (r !== undefined && f.wins) f.wins = claimed.get(`${f.format}\0${f.key}`) === r;
  }
  return findings;
}
