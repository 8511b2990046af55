#!/usr/bin/env node
'use strict';
// git's credential helper (gitcredentials(7)); bundled to out/cli by `npm run build:cli`.
let helper;
try {
  helper = require('../out/cli/credential-helper.cjs');
} catch {
  process.stderr.write(
    'git-credential-keyport: the CLI is not built yet; run `npm run build:cli`.\n',
  );
  process.exit(1);
}
helper.runGitCredential(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
