// Where `electron-builder --dir` put the app for this OS: the folder @electron/fuses reads and
// the executable the smoke test starts.
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';

const PRODUCT = 'Keyport';
/** electron-builder's Linux executable name: the package name. */
const LINUX_EXECUTABLE = 'keyport';

/** @returns {{ fuseTarget: string, executable: string }} */
export function packagedApp(dist = 'dist', platform = process.platform) {
  const dirs = existsSync(dist) ? readdirSync(dist) : [];
  const pick = (prefix) => {
    const dir = dirs.find((d) => d === prefix || d.startsWith(`${prefix}-`));
    if (!dir) throw new Error(`no ${prefix}* folder in ${dist}: run electron-builder --dir first`);
    return path.join(dist, dir);
  };
  if (platform === 'darwin') {
    // mac (x64) or mac-arm64 / mac-universal.
    const appDir = path.join(pick('mac'), `${PRODUCT}.app`);
    return { fuseTarget: appDir, executable: path.join(appDir, 'Contents', 'MacOS', PRODUCT) };
  }
  if (platform === 'win32') {
    const exe = path.join(pick('win'), `${PRODUCT}.exe`);
    return { fuseTarget: exe, executable: exe };
  }
  const exe = path.join(pick('linux'), LINUX_EXECUTABLE);
  return { fuseTarget: exe, executable: exe };
}
