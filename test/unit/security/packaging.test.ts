import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../support/temp-dir';

/**
 * `npm run dist` cannot run offline (electron-builder downloads Electron for the target), so this
 * checks the config as electron-builder itself would (its own schema validation), and runs the
 * real afterPack hook with the real @electron/fuses on a stand-in binary that carries an Electron
 * fuse wire (sentinel, version 1, 9 fuses), for each platform's binary layout.
 */
const root = path.resolve(__dirname, '../../..');
const require = createRequire(import.meta.url);
const config = require(path.join(root, 'electron-builder.config.cjs')) as Record<
  string,
  unknown
> & {
  afterPack: (context: unknown) => Promise<void>;
};
const tempDir = useTempDirs();

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's defaults before flipping (FuseV1Options order): the powers on, the guards off. */
const DEFAULT_WIRE = '101100011';

function fakeElectron(file: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(
    file,
    Buffer.concat([
      Buffer.alloc(4096, 0x7f),
      Buffer.from(SENTINEL),
      Buffer.from([1, DEFAULT_WIRE.length]),
      Buffer.from(DEFAULT_WIRE),
      Buffer.alloc(4096, 0x7f),
    ]),
  );
}

function context(appOutDir: string, platform: string) {
  return {
    appOutDir,
    electronPlatformName: platform,
    arch: 1,
    packager: {
      appInfo: { productFilename: 'Keyport' },
      executableName: 'keyport',
    },
  };
}

const EXPECTED: [keyof typeof FuseV1Options, FuseState][] = [
  ['RunAsNode', FuseState.DISABLE],
  ['EnableCookieEncryption', FuseState.ENABLE],
  ['EnableNodeOptionsEnvironmentVariable', FuseState.DISABLE],
  ['EnableNodeCliInspectArguments', FuseState.DISABLE],
  ['EnableEmbeddedAsarIntegrityValidation', FuseState.ENABLE],
  ['OnlyLoadAppFromAsar', FuseState.ENABLE],
  ['GrantFileProtocolExtraPrivileges', FuseState.DISABLE],
];

describe('electron-builder.config.cjs', () => {
  it('passes electron-builder’s own schema validation', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config') as {
      validateConfiguration(c: unknown, logger: unknown): Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as {
      DebugLogger: new (on: boolean) => unknown;
    };
    await expect(validateConfiguration(config, new DebugLogger(false))).resolves.toBeUndefined();
    // Loading app-builder-lib and its JSON schema alone takes seconds on a busy machine.
  }, 30_000);

  it('names the app and packs only the built app into an asar', () => {
    expect(config.appId).toBe('dev.keyport.app');
    expect(config.productName).toBe('Keyport');
    expect(config.asar).toBe(true);
    expect(config.files).toEqual([
      'out/main/**',
      'out/preload/**',
      'out/renderer/**',
      'package.json',
      '!**/*.map',
    ]);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      main: string;
    };
    expect(pkg.main.startsWith('out/main/')).toBe(true);
  });

  it('builds AppImage and deb on Linux, dmg on macOS, nsis on Windows', () => {
    expect(config.linux).toMatchObject({ target: ['AppImage', 'deb'] });
    expect(config.mac).toMatchObject({ target: ['dmg'], hardenedRuntime: true });
    expect(config.win).toMatchObject({ target: ['nsis'] });
  });

  for (const [platform, binary] of [
    ['linux', 'keyport'],
    ['win32', 'Keyport.exe'],
    ['darwin', 'Keyport.app/Contents/Frameworks/Electron Framework.framework/Electron Framework'],
  ] as const) {
    it(`flips every fuse in afterPack (${platform})`, async () => {
      const appOutDir = tempDir('keyport-pack-');
      const file = path.join(appOutDir, binary);
      fakeElectron(file);
      await config.afterPack(context(appOutDir, platform));
      const wire = (await getCurrentFuseWire(file)) as unknown as Record<number, number>;
      for (const [name, state] of EXPECTED) {
        expect(wire[FuseV1Options[name]], name).toBe(state);
      }
      // Fuses we do not name keep Electron's default (WasmTrapHandlers, V8 snapshot).
      expect(wire[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(FuseState.DISABLE);
      expect(wire[FuseV1Options.WasmTrapHandlers]).toBe(FuseState.ENABLE);
    });
  }
});
