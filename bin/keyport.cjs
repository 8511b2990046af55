#!/usr/bin/env node
'use strict';
// The CLI is bundled to out/cli by `npm ci` (the prepare script) or `npm run build`.
let cli;
try {
  cli = require('../out/cli/main.cjs');
} catch {
  process.stderr.write('keyport: the CLI is not built yet; run `npm run build:cli`.\n');
  process.exit(1);
}
cli.runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
