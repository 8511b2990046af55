// Bundles the CLI (and the core it runs) to out/cli as minified ES modules with code splitting, so
// `keyport --help` loads a few kilobytes and commands load the core only when they run. The
// dependencies are bundled too: resolving and reading node_modules file by file at every start
// costs more than the code itself. Left outside: @napi-rs/keyring (a native addon, found at run
// time) and undici, which the core imports only when a proxy is set.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/**
 * @napi-rs/keyring is CommonJS that picks and loads a native binary. Imported from an ES module,
 * Node routes its require() calls through the ESM loader, which costs ~30 ms per start on Node 20
 * (measured); loaded with require() it takes ~3 ms. So the bundle requires it (see the banner).
 */
const requireKeyring = {
  name: 'require-keyring',
  setup(b) {
    const filter = /^@napi-rs\/keyring$/;
    b.onResolve({ filter }, (args) =>
      args.namespace === 'require-keyring'
        ? { path: args.path, external: true }
        : { path: args.path, namespace: 'require-keyring' },
    );
    b.onLoad({ filter: /.*/, namespace: 'require-keyring' }, () => ({
      contents: "module.exports = require('@napi-rs/keyring');",
      loader: 'js',
    }));
  },
};

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
  external: ['undici'],
  plugins: [requireKeyring],
  minify: true,
  // CommonJS dependencies bundled into ES modules still call require() for Node's built-ins.
  banner: {
    js: "import { createRequire as __keyportCreateRequire } from 'node:module'; const require = __keyportCreateRequire(import.meta.url);",
  },
  define: { KEYPORT_VERSION: JSON.stringify(version) },
  logLevel: 'warning',
});
