import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { KeyportState, KeyportStore } from './keyport-store';

const StoreContext = createContext<KeyportStore | null>(null);

/** One store per app (and per test), handed down instead of a module singleton. */
export function StoreProvider({ store, children }: { store: KeyportStore; children: ReactNode }) {
  return <StoreContext.Provider value={store}>{children}</StoreContext.Provider>;
}

export function useKeyportStore(): KeyportStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error('useKeyport must be used inside <StoreProvider>');
  return store;
}

export function useKeyport<T>(selector: (state: KeyportState) => T): T {
  return useStore(useKeyportStore(), selector);
}
