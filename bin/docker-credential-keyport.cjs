#!/usr/bin/env node
'use strict';
// The Docker credential helper (Docker, Podman, Skopeo, Buildah); bundled to out/cli by `npm run build:cli`.
let helper;
try {
  helper = require('../out/cli/credential-helper.cjs');
} catch {
  process.stderr.write(
    'docker-credential-keyport: the CLI is not built yet; run `npm run build:cli`.\n',
  );
  process.exit(1);
}
helper.runDockerCredential(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
