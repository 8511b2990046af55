// @ts-check
'use strict';
/**
 * Fuse name (as in @electron/fuses' FuseV1Options) → state, flipped at packaging
 * (electron-builder.config.cjs) and read back from the packaged binary in CI
 * (scripts/check-fuses.mjs). Keyport needs none of the features switched off, and every one of
 * them is a way to run other code with the app's identity (and so its keychain access):
 * ELECTRON_RUN_AS_NODE, NODE_OPTIONS, --inspect, a loose app folder beside or instead of the
 * integrity-checked app.asar, extra powers for file:// pages.
 */
const FUSES = Object.freeze({
  RunAsNode: false,
  EnableCookieEncryption: true,
  EnableNodeOptionsEnvironmentVariable: false,
  EnableNodeCliInspectArguments: false,
  EnableEmbeddedAsarIntegrityValidation: true,
  OnlyLoadAppFromAsar: true,
  GrantFileProtocolExtraPrivileges: false,
});

module.exports = { FUSES };
