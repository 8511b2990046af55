import type { RequestOf } from '../../../shared/ipc-contract';
import type { Finding, TokenMeta } from '../../../shared/types';
import { failureText } from '../api';
import { plural } from '../format';
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
  /** The finding whose details the Scan view shows. */
  selectedFindingId: string | null;
  /** Narrow windows: the finding's details are pushed over the list. */
  findingDetailOpen: boolean;
  selectFinding(id: string | null, options?: { open?: boolean }): void;
  closeFindingDetail(): void;
  /** Main's native folder picker; then scans that folder. Failures land in scan.failure. */
  chooseFolderAndScan(): Promise<void>;
  /**
   * Imports each finding (label, registry and ecosystem as suggested) one after the other, then
   * notifies once with what was done and what was left.
   */
  importAll(
    requests: ReadonlyArray<RequestOf<'scan:import'>>,
    skipped: number,
  ): Promise<{ imported: number; failed: number }>;
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
    selectedFindingId: null,
    findingDetailOpen: false,

    selectFinding(id, { open = false } = {}) {
      set((s) => ({
        selectedFindingId: id,
        findingDetailOpen: id !== null && (open || s.findingDetailOpen),
      }));
    },
    closeFindingDetail: () => set({ findingDetailOpen: false }),

    async chooseFolderAndScan() {
      try {
        const picked = await withPending('pick-folder', () => api.pickFolder({ purpose: 'scan' }));
        if (picked) await get().runScan(picked.dir);
      } catch (err) {
        set((s) => ({ scan: { ...s.scan, failure: failureText(err) } }));
      }
    },

    async importAll(requests, skipped) {
      let imported = 0;
      let failed = 0;
      for (const request of requests) {
        try {
          const token = await withPending(`import:${request.findingId}`, () =>
            api.importFinding(request),
          );
          set((s) => ({ tokens: [...s.tokens.filter((t) => t.id !== token.id), token] }));
          imported += 1;
        } catch {
          failed += 1;
        }
      }
      const parts = [`Imported ${plural(imported, 'token', 'tokens')} into your keychain.`];
      if (failed > 0)
        parts.push(`${plural(failed, 'import', 'imports')} failed; try them one by one.`);
      if (skipped > 0) {
        parts.push(
          `${plural(skipped, 'entry names', 'entries name')} no registry: import ${skipped === 1 ? 'it' : 'them'} one by one.`,
        );
      }
      get().notify(
        parts.join(' '),
        failed > 0 || skipped > 0 ? { tone: 'warning', seconds: 12 } : {},
      );
      void get().rescan();
      return { imported, failed };
    },

    async runScan(projectDir) {
      const seq = ++scanSeq;
      set((s) => ({
        scanMode: 'scan',
        scan: { ...s.scan, running: true, projectDir, failure: null },
      }));
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
