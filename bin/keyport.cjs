#!/usr/bin/env node
'use strict';
// The CLI is bundled to out/cli by `npm ci` (the prepare script) or `npm run build`.
import('../out/cli/main.js')
  .then(({ runCli }) => runCli(process.argv.slice(2)))
  .then((code) => {
    process.exitCode = code;
  })
  .catch(() => {
    process.stderr.write('keyport: the CLI is not built yet; run `npm run build:cli`.\n');
    process.exitCode = 1;
  });
