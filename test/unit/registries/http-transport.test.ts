import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import path from 'node:path';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHttpTransport,
  type HttpTransport,
} from '../../../src/core/registries/http-transport';
import { apiFor, failure, USER, useServers } from './registry-test-kit';
import { useTempDirs } from '../../support/temp-dir';

/**
 * The real network layer: certificates (a registry behind a private CA, npm's `cafile`,
 * NODE_EXTRA_CA_CERTS) and proxies (HTTPS_PROXY / HTTP_PROXY / NO_PROXY), all on 127.0.0.1.
 * The certificate is a self-signed one for IP 127.0.0.1, valid for a century, made for these tests.
 */
const fixtures = path.join(import.meta.dirname, 'fixtures');
const CERT_FILE = path.join(fixtures, 'loopback-test-cert.pem');
const tlsPair = {
  key: readFileSync(path.join(fixtures, 'loopback-test-key.pem'), 'utf8'),
  cert: readFileSync(CERT_FILE, 'utf8'),
};
const server = useServers();
const tempDir = useTempDirs();
const transports: HttpTransport[] = [];
afterEach(async () => {
  await Promise.all(transports.splice(0).map((t) => t.close()));
});
function transportWith(options: Parameters<typeof createHttpTransport>[0]): HttpTransport {
  const transport = createHttpTransport(options);
  transports.push(transport);
  return transport;
}

describe('certificates', () => {
  it('an untrusted certificate → TLS_ERROR naming the fix', async () => {
    const registry = await server({ tls: tlsPair });
    const err = await failure(
      apiFor(registry, transportWith({ env: {} })).whoami(registry.sessionFor(USER)),
    );
    expect(err.code).toBe('TLS_ERROR');
    expect(err.message).toContain('cafile');
  });

  it('npm cafile: the registry is trusted', async () => {
    const registry = await server({ tls: tlsPair });
    const api = apiFor(registry, transportWith({ env: {}, cafile: CERT_FILE }));
    expect(await api.whoami(registry.sessionFor(USER))).toBe(USER);
  });

  it('NODE_EXTRA_CA_CERTS still counts when a cafile for another CA is set', async () => {
    const registry = await server({ tls: tlsPair });
    const otherCa = path.join(tempDir(), 'other-ca.pem');
    writeFileSync(otherCa, tls.rootCertificates[0] ?? '');
    const api = apiFor(
      registry,
      transportWith({ env: { NODE_EXTRA_CA_CERTS: CERT_FILE }, cafile: otherCa }),
    );
    expect(await api.whoami(registry.sessionFor(USER))).toBe(USER);
  });

  it('a cafile that cannot be read → TLS_ERROR at once', () => {
    const dir = tempDir();
    expect(() => createHttpTransport({ env: {}, cafile: path.join(dir, 'missing.pem') })).toThrow(
      expect.objectContaining({ code: 'TLS_ERROR' }),
    );
    const notPem = path.join(tempDir(), 'not.pem');
    writeFileSync(notPem, 'hello');
    expect(() => createHttpTransport({ env: {}, cafile: notPem })).toThrow(
      expect.objectContaining({ code: 'TLS_ERROR' }),
    );
  });
});

/** A forwarding proxy that tunnels CONNECT and records where each client wanted to go. */
async function startProxy(): Promise<{ url: string; seen: string[]; stop(): Promise<void> }> {
  const seen: string[] = [];
  const sockets = new Set<net.Socket>();
  const proxy = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(502);
    res.end();
  });
  proxy.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    seen.push(`CONNECT ${req.url}`);
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
      s.on('close', () => sockets.delete(s));
    }
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    stop: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        proxy.closeAllConnections();
        proxy.close(() => resolve());
      }),
  };
}

describe('proxies from the environment', () => {
  it('HTTP_PROXY: requests go through the proxy', async () => {
    const registry = await server();
    const proxy = await startProxy();
    try {
      const api = apiFor(registry, transportWith({ env: { HTTP_PROXY: proxy.url } }));
      expect(await api.whoami(registry.sessionFor(USER))).toBe(USER);
      expect(proxy.seen).toEqual([`CONNECT ${new URL(registry.url).host}`]);
    } finally {
      await proxy.stop();
    }
  });

  it('HTTPS_PROXY with a cafile: the tunnelled TLS registry is trusted', async () => {
    const registry = await server({ tls: tlsPair });
    const proxy = await startProxy();
    try {
      const api = apiFor(
        registry,
        transportWith({ env: { https_proxy: proxy.url }, cafile: CERT_FILE }),
      );
      expect(await api.whoami(registry.sessionFor(USER))).toBe(USER);
      expect(proxy.seen).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
  });

  it('NO_PROXY: the registry is reached directly', async () => {
    const registry = await server();
    const proxy = await startProxy();
    try {
      const api = apiFor(
        registry,
        transportWith({ env: { HTTP_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1' } }),
      );
      expect(await api.whoami(registry.sessionFor(USER))).toBe(USER);
      expect(proxy.seen).toEqual([]);
    } finally {
      await proxy.stop();
    }
  });
});
