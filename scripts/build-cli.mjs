// Bundles the CLI (and the core it runs) to out/cli as ES modules with code splitting, so
// `keyport --help` loads a few kilobytes and commands load the core only when they run.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

// Chunk names carry content hashes: start clean so stale chunks never pile up.
rmSync('out/cli', { recursive: true, force: true });

await build({
  entryPoints: { main: 'src/cli/main.ts' },
  outdir: 'out/cli',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'external',
  define: { KEYPORT_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
