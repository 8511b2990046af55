import { build } from 'esbuild';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../..');

/**
 * Bundles a TypeScript child script (imports relative to the repository root, e.g.
 * './src/core/…') into one ES module at `outfile`, for tests that must run core code in another
 * process, to kill it or to give it another environment.
 */
export async function bundleChildScript(
  source: string,
  outfile: string,
  options: { external?: string[] } = {},
): Promise<void> {
  await build({
    stdin: { contents: source, resolveDir: REPO, loader: 'ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
    ...(options.external ? { external: options.external } : {}),
    // CommonJS dependencies bundled into an ES module still call require().
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
  });
}
