// What the benchmarks call in-process: the real core, bundled by bench/run.mjs with esbuild.
export { openCore, KEYCHAIN_SERVICE } from '../../src/core/open-core';
export { MemorySecretStore } from '../../src/core/vault/secret-store';
export { Vault } from '../../src/core/vault/vault';
export { METADATA_FILE } from '../../src/core/vault/metadata-file';
export { planWrite, applyWrite } from '../../src/core/configs/config-writer';
