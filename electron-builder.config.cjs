// @ts-check
'use strict';
// `npm run dist`: packages the built app (out/) with electron-builder, then flips Electron's fuses
// in afterPack, before any code signing, so the OS signature covers the flipped binary.
const path = require('node:path');

const { FUSES } = require('./scripts/fuses.cjs');

/** The file holding the fuse wire for the packaged app of this platform. */
function electronBinary(context) {
  const name = context.packager.appInfo.productFilename;
  switch (context.electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(context.appOutDir, `${name}.app`);
    case 'win32':
      return path.join(context.appOutDir, `${name}.exe`);
    default:
      return path.join(context.appOutDir, context.packager.executableName);
  }
}

/** @param {import('electron-builder').AfterPackContext} context */
async function flipFusesAfterPack(context) {
  // @electron/fuses 2 is an ES module.
  const { flipFuses, FuseV1Options, FuseVersion } = await import('@electron/fuses');
  /** @type {Record<number, boolean>} */
  const wire = {};
  for (const [name, enabled] of Object.entries(FUSES)) {
    const index = FuseV1Options[/** @type {keyof typeof FuseV1Options} */ (name)];
    if (typeof index !== 'number') throw new Error(`@electron/fuses has no fuse named ${name}`);
    wire[index] = enabled;
  }
  await flipFuses(electronBinary(context), {
    version: FuseVersion.V1,
    // Flipping invalidates macOS' ad-hoc signature on arm64; the real signature comes after.
    // codesign exists only on macOS, the one host that can build (and sign) the mac app.
    resetAdHocDarwinSignature:
      context.electronPlatformName === 'darwin' && process.platform === 'darwin',
    ...wire,
  });
}

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'dev.keyport.app',
  productName: 'Keyport',
  copyright: 'Copyright © Keyport contributors',
  directories: { output: 'dist', buildResources: 'build' },
  // Only the built app: main, preload and renderer bundles and package.json; electron-builder adds
  // the production dependencies (node_modules) itself. No sources, tests, maps or the CLI bundle.
  files: ['out/main/**', 'out/preload/**', 'out/renderer/**', 'package.json', '!**/*.map'],
  asar: true,
  // N-API keychain binaries cannot be loaded from inside the archive.
  asarUnpack: ['**/*.node'],
  afterPack: flipFusesAfterPack,
  // Rendered from build/icon.svg by scripts/make-icons.mjs (`npm run icons`, run by `npm run dist`).
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/generated/icons',
    category: 'Development',
    maintainer: 'Keyport contributors',
  },
  mac: {
    target: ['dmg'],
    icon: 'build/generated/icon.icns',
    category: 'public.app-category.developer-tools',
    hardenedRuntime: true,
  },
  win: { target: ['nsis'], icon: 'build/generated/icon.ico' },
  nsis: { oneClick: false, perMachine: false },
};

module.exports = config;
