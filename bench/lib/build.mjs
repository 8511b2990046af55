// Bundles bench/src/*.ts (and the core they import) to bench/.build with esbuild, the same way
// scripts/build-cli.mjs bundles the CLI: node_modules stay external and resolve from the repo.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH_DIR = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
export const REPO = path.dirname(BENCH_DIR);
export const BUILD_DIR = path.join(BENCH_DIR, '.build');

export async function buildBenchModules() {
  rmSync(BUILD_DIR, { recursive: true, force: true });
  await build({
    entryPoints: {
      core: path.join(BENCH_DIR, 'src/core-entry.ts'),
      'verdaccio-child': path.join(BENCH_DIR, 'src/verdaccio-child.ts'),
    },
    outdir: BUILD_DIR,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    define: { KEYPORT_VERSION: '"bench"' },
    logLevel: 'warning',
  });
  return {
    core: path.join(BUILD_DIR, 'core.mjs'),
    verdaccioChild: path.join(BUILD_DIR, 'verdaccio-child.mjs'),
  };
}

export function removeBuild() {
  rmSync(BUILD_DIR, { recursive: true, force: true });
}
