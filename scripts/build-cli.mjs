// Bundles the CLI (and the core it runs) to out/cli as minified CommonJS files, so each command
// compiles only the code it runs:
//   main.cjs              argument parsing, --help, --version: all `keyport --help` loads;
//   command-runner.cjs    every command and the core, required by main.cjs for a real command;
//   config-writer.cjs     the six config editors (fast-xml-parser, diff, …): writing and scanning;
//   find-credentials.cjs  the scanner's file readers;
//   errors.cjs            KeyportError, one copy shared by all, so `instanceof` holds across them;
//   credential-helper.cjs git-credential-keyport and docker-credential-keyport: the vault only.
// The source's `import('./command-runner')` etc. become require() of those files.
// Why CommonJS: on Node 20 the first import() starts the ES module loader, ~6 ms per process
// (measured: bin start → runCli took 6.6 ms for a 5 kB ES module, 1.4 ms as CommonJS). Why split:
// V8 pre-parses a whole file at load, ~3 ms per 100 kB here, and `keyport token list` needs
// none of the XML code. Dependencies are bundled too: resolving and reading node_modules file by
// file at every start costs more than the code itself. Left outside: @napi-rs/keyring (a native
// addon, found at run time) and undici, which the core imports only when a proxy is set.
import { build } from 'esbuild';
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** Output name → source module. Each is its own file, and external to all the others. */
const BUNDLES = {
  main: 'src/cli/main.ts',
  'command-runner': 'src/cli/command-runner.ts',
  'config-writer': 'src/core/configs/config-writer.ts',
  'find-credentials': 'src/core/scan/find-credentials.ts',
  errors: 'src/shared/errors.ts',
  'credential-helper': 'src/cli/credential-helper.ts',
};
const bySource = new Map(Object.entries(BUNDLES).map(([name, src]) => [path.resolve(src), name]));

/** An import of another bundle's module becomes a require() of that bundle's file. */
const separateBundles = (self) => ({
  name: 'separate-bundles',
  setup(b) {
    b.onResolve({ filter: /^\./ }, (args) => {
      const target = path.resolve(args.resolveDir, args.path);
      const name = bySource.get(target) ?? bySource.get(`${target}.ts`);
      return name && name !== self ? { path: `./${name}.cjs`, external: true } : undefined;
    });
  },
});

rmSync('out/cli', { recursive: true, force: true });
await Promise.all(
  Object.entries(BUNDLES).map(([name, src]) =>
    build({
      entryPoints: { [name]: src },
      outdir: 'out/cli',
      outExtension: { '.js': '.cjs' },
      bundle: true,
      format: 'cjs',
      platform: 'node',
      target: 'node20',
      external: ['undici', '@napi-rs/keyring'],
      plugins: [separateBundles(name)],
      minify: true,
      // import() of another bundle (and of undici) becomes require(): no ES module loader at all.
      supported: { 'dynamic-import': false },
      define: { KEYPORT_VERSION: JSON.stringify(version) },
      logLevel: 'warning',
    }),
  ),
);
