import { createStore, type StoreApi } from 'zustand/vanilla';
import type { KeyportErrorInfo } from '../../../shared/errors';
import type { RequestOf } from '../../../shared/ipc-contract';
import type { AppInfo, TokenMeta } from '../../../shared/types';
import { errorInfoOf, type Api } from '../api';
import { systemClock, type Clock, type TimerHandle } from '../clock';
import { createConfigWriteSlice, type ConfigWriteSlice } from './config-write-slice';
import { createHelperSetupSlice, type HelperSetupSlice } from './helper-setup-slice';
import type { DialogRequest } from './dialogs';
import { createRegistriesSlice, type RegistriesSlice } from './registries-slice';
import { createRotateSlice, type RotateSlice } from './rotate-slice';
import { createScanSlice, type ScanSlice } from './scan-slice';
import { createSweepSlice, type SweepSlice } from './sweep-slice';
import type { SliceContext } from './slice-context';
import { homeOf } from '../paths';
import type { ViewId } from './views';
import { visibleTokens, type EcosystemFilter, type SortKey } from './visible-tokens';

/** Used until app:info answers; the core's values are the same. */
const DEFAULT_REVEAL_HIDE_SECONDS = 30;
const NOTICE_SECONDS = 6;
/** How much earlier than main's window the delete notice (and its Undo) goes away. */
const UNDO_MARGIN_SECONDS = 5;

/** A button in a notice, e.g. Undo after a config write. */
export interface NoticeAction {
  label: string;
  busyLabel: string;
  run: () => Promise<void>;
}

export interface Notice {
  id: number;
  text: string;
  tone?: 'warning';
  action?: NoticeAction;
  /** True while its action runs: the notice stays until the action is done. */
  running?: boolean;
  /** How long it stays once shown (it waits, untimed, while a dialog is open). */
  seconds: number;
}

/** What the registry said about a vault token the last time its account's tokens were listed. */
export interface RegistryCheck {
  state: 'active' | 'revoked-elsewhere';
  /** When it was listed (ms). */
  at: number;
}

export interface NotifyOptions {
  tone?: 'warning';
  action?: NoticeAction;
  /** How long the notice stays (default 6 s). */
  seconds?: number;
}

/** The only place in the renderer a secret may live, and only one at a time. */
export interface RevealedSecret {
  id: string;
  secret: string;
}

export type ListStatus = 'loading' | 'ready' | 'failed';

export interface KeyportState
  extends RegistriesSlice, ConfigWriteSlice, ScanSlice, SweepSlice, RotateSlice, HelperSetupSlice {
  appInfo: AppInfo | null;
  tokens: TokenMeta[];
  listStatus: ListStatus;
  /** In-flight calls, keyed `action:tokenId` (e.g. `copy:abc`), for busy states. */
  pending: Record<string, true>;
  /** The time expiry badges are computed against; refreshed on load and on window focus. */
  now: number;
  view: ViewId;
  query: string;
  ecosystem: EcosystemFilter;
  /** Only tokens expiring within the warning window or expired. */
  expiringOnly: boolean;
  /** The list's sort; it changes only when the user picks another. */
  sortChoice: SortKey;
  /** The token whose details the pane shows (the list's selection). */
  selectedTokenId: string | null;
  /**
   * Narrow windows show the list or the details, not both: true while the details are pushed
   * over the list. Wide windows show both and ignore it.
   */
  detailOpen: boolean;
  /** The user's home folder, for showing paths as ~/…; null until config:defaults answers. */
  home: string | null;
  /** Vault token id → what its registry's listing said (filled by every remote listing). */
  registryChecks: Record<string, RegistryCheck>;
  revealed: RevealedSecret | null;
  error: KeyportErrorInfo | null;
  /**
   * One toast at a time: a newer one replaces it. While a dialog is open it waits, so it never
   * covers a modal; its time starts when it shows.
   */
  notices: Notice[];
  dialog: DialogRequest | null;

  init(): Promise<void>;
  refresh(): Promise<void>;
  tick(): void;
  setView(view: ViewId): void;
  setQuery(query: string): void;
  setEcosystem(ecosystem: EcosystemFilter): void;
  setExpiringOnly(expiringOnly: boolean): void;
  setSort(sort: SortKey): void;
  clearFilters(): void;
  /** Selects a token; `open` also pushes its details over the list in a narrow window. */
  selectToken(id: string | null, options?: { open?: boolean }): void;
  /** Back from the details to the list (narrow windows). */
  closeDetail(): void;
  reveal(id: string): Promise<void>;
  hide(): void;
  /** Resolves with the seconds until the clipboard clears, or null when the copy failed. */
  copy(id: string): Promise<number | null>;
  /** Rejects with an ApiError so the dialog can show it next to the fields. */
  addToken(request: RequestOf<'vault:add'>): Promise<TokenMeta>;
  /** Rejects with an ApiError so the dialog can show it next to the fields. */
  updateToken(request: RequestOf<'vault:update'>): Promise<TokenMeta>;
  /** Rejects with an ApiError so the confirmation can show it; on success notifies with Undo. */
  removeToken(id: string): Promise<void>;
  /** Brings a deleted token back (the Undo in the delete notice); failures go to the banner. */
  restoreToken(undoId: string): Promise<void>;
  showError(err: unknown): void;
  dismissError(): void;
  notify(text: string, options?: NotifyOptions): void;
  dismissNotice(id: number): void;
  /** Runs a notice's action once, then takes the notice away. */
  runNoticeAction(id: number): Promise<void>;
  openDialog(dialog: DialogRequest): void;
  closeDialog(): void;
}

export type KeyportStore = StoreApi<KeyportState>;

export interface StoreDeps {
  api: Api;
  clock?: Clock;
}

export function createKeyportStore({ api, clock = systemClock }: StoreDeps): KeyportStore {
  // Timers and sequence numbers are not state: nothing renders from them.
  let hideTimer: TimerHandle | undefined;
  let revealSeq = 0;
  let noticeSeq = 0;
  const noticeTimers = new Map<number, TimerHandle>();

  return createStore<KeyportState>()((set, get) => {
    const withPending = async <T>(key: string, run: () => Promise<T>): Promise<T> => {
      set((s) => ({ pending: { ...s.pending, [key]: true } }));
      try {
        return await run();
      } finally {
        set((s) => {
          const { [key]: _done, ...rest } = s.pending;
          return { pending: rest };
        });
      }
    };

    const startNoticeTimer = (notice: Notice) => {
      noticeTimers.set(
        notice.id,
        clock.setTimeout(() => get().dismissNotice(notice.id), notice.seconds * 1000),
      );
    };

    const replaceToken = (token: TokenMeta) =>
      set((s) => ({ tokens: s.tokens.map((t) => (t.id === token.id ? token : t)) }));

    const context: SliceContext = { api, clock, set, get, withPending, replaceToken };

    return {
      ...createRegistriesSlice(context),
      ...createConfigWriteSlice(context),
      ...createScanSlice(context),
      ...createSweepSlice(context),
      ...createRotateSlice(context),
      ...createHelperSetupSlice(context),
      appInfo: null,
      tokens: [],
      listStatus: 'loading',
      pending: {},
      now: clock.now(),
      view: 'tokens',
      query: '',
      ecosystem: 'all',
      expiringOnly: false,
      sortChoice: 'label',
      selectedTokenId: null,
      detailOpen: false,
      home: null,
      registryChecks: {},
      revealed: null,
      error: null,
      notices: [],
      dialog: null,

      async init() {
        const info = api.appInfo({}).then(
          (appInfo) => set({ appInfo }),
          (err: unknown) => get().showError(err),
        );
        // The default files name the home folder: paths are then shown as ~/….
        const defaults = get()
          .loadConfigDefaults()
          .then(() => set({ home: homeOf(get().configDefaults) }));
        await Promise.all([info, defaults, get().refresh(), get().listAccountsQuietly()]);
      },

      async refresh() {
        set({ listStatus: get().listStatus === 'ready' ? 'ready' : 'loading' });
        try {
          const tokens = await withPending('list', () => api.listTokens({}));
          set({ tokens, listStatus: 'ready', now: clock.now() });
        } catch (err) {
          set({ listStatus: get().listStatus === 'ready' ? 'ready' : 'failed' });
          get().showError(err);
        }
      },

      tick: () => set({ now: clock.now() }),
      setView: (view) => set({ view }),
      setQuery: (query) => set({ query }),
      setEcosystem: (ecosystem) => set({ ecosystem }),
      setExpiringOnly: (expiringOnly) => set({ expiringOnly }),
      setSort: (sortChoice) => set({ sortChoice }),
      clearFilters: () => set({ query: '', ecosystem: 'all', expiringOnly: false }),

      selectToken(id, { open = false } = {}) {
        if (id !== get().selectedTokenId) get().hide();
        set((s) => ({ selectedTokenId: id, detailOpen: id !== null && (open || s.detailOpen) }));
      },
      closeDetail: () => set({ detailOpen: false }),

      async reveal(id) {
        get().hide();
        const seq = revealSeq;
        try {
          const { secret } = await withPending(`reveal:${id}`, () => api.revealToken({ id }));
          // A hide (blur, another reveal, a delete) while the call was in flight wins.
          if (seq !== revealSeq) return;
          set({ revealed: { id, secret } });
          const seconds = get().appInfo?.revealHideSeconds ?? DEFAULT_REVEAL_HIDE_SECONDS;
          hideTimer = clock.setTimeout(() => get().hide(), seconds * 1000);
        } catch (err) {
          if (seq === revealSeq) get().showError(err);
        }
      },

      hide() {
        revealSeq += 1;
        if (hideTimer !== undefined) clock.clearTimeout(hideTimer);
        hideTimer = undefined;
        if (get().revealed) set({ revealed: null });
      },

      async copy(id) {
        try {
          const { clearAfterSeconds } = await withPending(`copy:${id}`, () =>
            api.copyToken({ id }),
          );
          // The core stamps lastUsed on copy; mirror it rather than reload the whole list.
          const token = get().tokens.find((t) => t.id === id);
          if (token) replaceToken({ ...token, lastUsed: new Date(clock.now()).toISOString() });
          get().notify(`Copied — the clipboard clears in ${clearAfterSeconds} s`);
          return clearAfterSeconds;
        } catch (err) {
          get().showError(err);
          return null;
        }
      },

      async addToken(request) {
        const token = await withPending('add', () => api.addToken(request));
        set((s) => ({
          tokens: [...s.tokens.filter((t) => t.id !== token.id), token],
          selectedTokenId: token.id,
        }));
        get().notify(`Added “${token.label}”`);
        return token;
      },

      async updateToken(request) {
        const token = await withPending(`update:${request.id}`, () => api.updateToken(request));
        replaceToken(token);
        get().notify(`Saved “${token.label}”`);
        return token;
      },

      async removeToken(id) {
        const token = get().tokens.find((t) => t.id === id);
        const { undoId, undoSeconds } = await withPending(`remove:${id}`, () =>
          api.removeToken({ id }),
        );
        if (get().selectedTokenId === id) {
          // The selection moves to the next token in the list (else the one before), and the
          // list gets focus there: the keyboard keeps its place.
          const s = get();
          const shown = visibleTokens(s.tokens, s.query, s.ecosystem, s.sortChoice, {
            only: s.expiringOnly,
            now: s.now,
          });
          const at = shown.findIndex((t) => t.id === id);
          const next = shown[at + 1] ?? shown[at - 1] ?? null;
          set({ selectedTokenId: next?.id ?? null, detailOpen: false });
        }
        get().forgetLocal([id]);
        get().notify(
          token ? `Deleted “${token.label}”` : 'Token deleted',
          undoId
            ? {
                // The notice leaves a little before main drops the deleted token, so its Undo
                // never arrives too late.
                seconds: Math.max(1, undoSeconds - UNDO_MARGIN_SECONDS),
                action: {
                  label: 'Undo',
                  busyLabel: 'Restoring…',
                  run: () => get().restoreToken(undoId),
                },
              }
            : {},
        );
      },

      async restoreToken(undoId) {
        try {
          const token = await withPending(`restore:${undoId}`, () => api.restoreToken({ undoId }));
          set((s) => ({
            tokens: [...s.tokens.filter((t) => t.id !== token.id), token],
            selectedTokenId: token.id,
          }));
          get().notify(`Restored “${token.label}”`);
        } catch (err) {
          get().showError(err);
        }
      },

      showError: (err) => set({ error: errorInfoOf(err) }),
      dismissError: () => set({ error: null }),

      notify(text, { tone, action, seconds = NOTICE_SECONDS } = {}) {
        const id = ++noticeSeq;
        const notice: Notice = {
          id,
          text,
          seconds,
          ...(tone ? { tone } : {}),
          ...(action ? { action } : {}),
        };
        // A running action keeps its notice until it is done; anything else gives way.
        for (const old of get().notices) if (!old.running) get().dismissNotice(old.id);
        set((s) => ({ notices: [...s.notices.filter((n) => n.running), notice] }));
        if (get().dialog === null) startNoticeTimer(notice);
      },

      async runNoticeAction(id) {
        const notice = get().notices.find((n) => n.id === id);
        if (!notice?.action || notice.running) return;
        // The notice must not time out under the user's click.
        const timer = noticeTimers.get(id);
        if (timer !== undefined) clock.clearTimeout(timer);
        noticeTimers.delete(id);
        set((s) => ({
          notices: s.notices.map((n) => (n.id === id ? { ...n, running: true } : n)),
        }));
        try {
          await notice.action.run();
        } finally {
          get().dismissNotice(id);
        }
      },

      dismissNotice(id) {
        const timer = noticeTimers.get(id);
        if (timer !== undefined) clock.clearTimeout(timer);
        noticeTimers.delete(id);
        set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
      },

      openDialog: (dialog) => set({ dialog }),
      closeDialog() {
        set({ dialog: null });
        // A notice that waited behind the dialog starts its time now.
        for (const notice of get().notices) {
          if (!noticeTimers.has(notice.id) && !notice.running) startNoticeTimer(notice);
        }
      },
    };
  });
}
