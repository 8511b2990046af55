import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/**
 * Publishes a tiny package (`module.exports = 42`) to a registry through the npm publish call
 * (PUT of the document with the tarball attached), as `npm publish` sends it.
 */
export async function publishTinyPackage(
  registryUrl: string,
  token: string,
  name: string,
): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keyport-pkg-'));
  try {
    const version = '1.0.0';
    mkdirSync(path.join(dir, 'package'));
    writeFileSync(path.join(dir, 'package', 'package.json'), JSON.stringify({ name, version }));
    writeFileSync(path.join(dir, 'package', 'index.js'), 'module.exports = 42;\n');
    const tarball = spawnSync('tar', ['-cz', '-f', '-', '-C', dir, 'package']).stdout;
    const file = `${name.replace(/^@[^/]+\//, '')}-${version}.tgz`;
    const res = await fetch(`${registryUrl}${name.replace('/', '%2f')}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        name,
        versions: {
          [version]: { name, version, dist: { tarball: `${registryUrl}${name}/-/${file}` } },
        },
        'dist-tags': { latest: version },
        _attachments: {
          [file]: {
            content_type: 'application/octet-stream',
            data: tarball.toString('base64'),
            length: tarball.length,
          },
        },
      }),
    });
    if (res.status !== 201) throw new Error(`publishing ${name} failed: ${res.status}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
