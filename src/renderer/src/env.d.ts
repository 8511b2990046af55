/// <reference types="vite/client" />
import type { KeyportApi } from '../../shared/ipc-contract';

declare global {
  interface Window {
    /** Exposed by the preload (or the e2e bridge); read only through api.ts. */
    readonly keyport: KeyportApi;
  }
}

export {};
