// Types for the tests that import electron-binary.mjs.
export declare const NO_ELECTRON_EXIT: number;
export declare function ensureElectronBinary():
  { binary: string; message?: undefined } | { binary: null; message: string };
