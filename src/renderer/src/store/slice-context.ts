import type { StoreApi } from 'zustand/vanilla';
import type { TokenMeta } from '../../../shared/types';
import type { Api } from '../api';
import type { Clock } from '../clock';
import type { KeyportState } from './keyport-store';

/** What a part of the store defined in its own file gets from createKeyportStore. */
export interface SliceContext {
  api: Api;
  /** The store's clock: tests drive timers (notices, polling) through it without real waiting. */
  clock: Clock;
  set: StoreApi<KeyportState>['setState'];
  get: () => KeyportState;
  /** Marks `key` in `pending` while `run` is in flight, for busy states and the progress bar. */
  withPending<T>(key: string, run: () => Promise<T>): Promise<T>;
  /** Puts the core's newer copy of a token in place of the one listed. */
  replaceToken(token: TokenMeta): void;
}
