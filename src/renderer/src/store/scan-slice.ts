import type { RequestOf } from '../../../shared/ipc-contract';
import type { Finding, TokenMeta } from '../../../shared/types';
import { failureText } from '../api';
import type { SliceContext } from './slice-context';

export interface ScanResult {
  /** A scan is in flight. */
  running: boolean;
  /** False until a scan has answered: the view explains what a scan reads instead of a table. */
  scanned: boolean;
  /** What the last scan found; kept while a rescan runs, so the table does not flicker. */
  findings: Finding[];
  /** The project folder of the last scan (null: user and global files only). */
  projectDir: string | null;
  /** Why the last scan failed, shown next to whatever findings are still known. */
  failure: string | null;
}

export interface ScanSlice {
  scan: ScanResult;
  /** Never rejects: a failure is kept in `scan.failure` for the view to show. */
  runScan(projectDir: string | null): Promise<void>;
  /** Scans again with the same folder, if a scan was ever run: after an import or a write. */
  rescan(): Promise<void>;
  /**
   * Rejects with an ApiError (a finding gone since the scan…). The value moves from the file to
   * the keychain inside main; only the new token's metadata comes back.
   */
  importFinding(request: RequestOf<'scan:import'>): Promise<TokenMeta>;
}

export function createScanSlice({ api, set, get, withPending }: SliceContext): ScanSlice {
  // Only the latest scan may set the result: an import's rescan can overtake a slower one.
  let scanSeq = 0;

  return {
    scan: { running: false, scanned: false, findings: [], projectDir: null, failure: null },

    async runScan(projectDir) {
      const seq = ++scanSeq;
      set((s) => ({ scan: { ...s.scan, running: true, projectDir, failure: null } }));
      try {
        const findings = await withPending('scan', () =>
          api.scan(projectDir === null ? {} : { projectDir }),
        );
        if (seq !== scanSeq) return;
        set({ scan: { running: false, scanned: true, findings, projectDir, failure: null } });
        // A scan records where each vault token is used (usedIn): the rows show it.
        void get().refresh();
      } catch (err) {
        if (seq !== scanSeq) return;
        set((s) => ({ scan: { ...s.scan, running: false, failure: failureText(err) } }));
      }
    },

    async rescan() {
      const { scanned, projectDir } = get().scan;
      if (!scanned) return;
      await get().runScan(projectDir);
    },

    async importFinding(request) {
      const token = await withPending(`import:${request.findingId}`, () =>
        api.importFinding(request),
      );
      set((s) => ({ tokens: [...s.tokens.filter((t) => t.id !== token.id), token] }));
      get().notify(`Imported “${token.label}”`);
      // The row now reads "In Keyport as …"; the core says so only through a new scan.
      void get().rescan();
      return token;
    },
  };
}
