import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

export interface OciRegistry {
  /** `127.0.0.1:PORT`, as container tools name a registry. */
  host: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * Debian's docker-registry (the Distribution registry) on 127.0.0.1 with htpasswd auth: its
 * bcrypt file made by the real `htpasswd`, the password read from stdin. Ready when /v2/ answers
 * 401 (auth required), polled by connecting, not by sleeping a fixed time.
 */
export async function startOciRegistry(
  dir: string,
  user: string,
  password: string,
): Promise<OciRegistry> {
  const port = await freePort();
  const htpasswd = path.join(dir, 'htpasswd');
  writeFileSync(htpasswd, execFileSync('htpasswd', ['-niB', user], { input: `${password}\n` }));
  const config = path.join(dir, 'config.yml');
  writeFileSync(
    config,
    [
      'version: 0.1',
      'log:',
      '  level: error',
      'storage:',
      '  filesystem:',
      `    rootdirectory: ${path.join(dir, 'storage')}`,
      'http:',
      `  addr: 127.0.0.1:${port}`,
      'auth:',
      '  htpasswd:',
      '    realm: keyport-test',
      `    path: ${htpasswd}`,
      '',
    ].join('\n'),
  );
  const child: ChildProcess = spawn('docker-registry', ['serve', config], { stdio: 'ignore' });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  for (;;) {
    if (child.exitCode !== null) throw new Error('docker-registry exited at start');
    const status = await fetch(`http://127.0.0.1:${port}/v2/`).then(
      (r) => r.status,
      () => 0,
    );
    if (status === 401) break;
    await new Promise((resolve) => setImmediate(resolve));
  }
  return {
    host: `127.0.0.1:${port}`,
    stop: async () => {
      child.kill();
      await exited;
    },
  };
}

/** An OCI image layout (one tiny layer, tag `latest`) for `skopeo copy oci:DIR:latest …`. */
export function writeOciLayout(dir: string): string {
  const blobs = path.join(dir, 'blobs', 'sha256');
  mkdirSync(blobs, { recursive: true });
  const put = (bytes: Buffer) => {
    const digest = createHash('sha256').update(bytes).digest('hex');
    writeFileSync(path.join(blobs, digest), bytes);
    return { digest: `sha256:${digest}`, size: bytes.length };
  };
  const content = path.join(dir, 'content');
  mkdirSync(content);
  writeFileSync(path.join(content, 'hello.txt'), 'hello from keyport\n');
  const tar = execFileSync('tar', ['-cf', '-', '-C', content, 'hello.txt']);
  const layer = put(gzipSync(tar));
  const diffId = `sha256:${createHash('sha256').update(tar).digest('hex')}`;
  const config = put(
    Buffer.from(
      JSON.stringify({
        architecture: 'amd64',
        os: 'linux',
        rootfs: { type: 'layers', diff_ids: [diffId] },
      }),
    ),
  );
  const manifest = put(
    Buffer.from(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: 'application/vnd.oci.image.manifest.v1+json',
        config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
        layers: [{ mediaType: 'application/vnd.oci.image.layer.v1.tar+gzip', ...layer }],
      }),
    ),
  );
  writeFileSync(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  writeFileSync(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...manifest,
          annotations: { 'org.opencontainers.image.ref.name': 'latest' },
        },
      ],
    }),
  );
  return manifest.digest;
}
