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
import { gzipSync } from 'node:zlib';
import { ANSWER_TOO_LARGE, MAX_ANSWER_BYTES } from '../../../src/core/registries/transport';
import { startBombServer, type Bomb, type BombServer } from '../../support/bomb-server';
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

/** A plain server on 127.0.0.1 whose handler sees which socket (by order of connection) asked. */
async function startRaw(
  handler: (req: http.IncomingMessage, res: http.ServerResponse, socket: number) => void,
): Promise<{ url: string; sockets: () => number; stop(): Promise<void> }> {
  let count = 0;
  const ids = new WeakMap<net.Socket, number>();
  const raw = http.createServer((req, res) => handler(req, res, ids.get(req.socket) ?? -1));
  raw.on('connection', (socket) => ids.set(socket, ++count));
  await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
  const { port } = raw.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    sockets: () => count,
    stop: () =>
      new Promise((resolve) => {
        raw.closeAllConnections();
        raw.close(() => resolve());
      }),
  };
}

function request(method: 'GET' | 'POST' = 'GET') {
  return {
    method,
    headers: { accept: 'application/json' },
    signal: new AbortController().signal,
    redirect: 'manual' as const,
  };
}

describe('without a proxy (node:http)', () => {
  it('keeps the connection alive between requests', async () => {
    const raw = await startRaw((_req, res) => res.end('{"ok":true}'));
    try {
      const transport = transportWith({ env: {} });
      for (let i = 0; i < 3; i++) {
        const res = await transport.fetch(raw.url, request());
        expect(await res.text()).toBe('{"ok":true}');
      }
      expect(raw.sockets()).toBe(1);
    } finally {
      await raw.stop();
    }
  });

  it('a pooled connection the server dropped: a read is sent again, a write is not', async () => {
    // The second request on any connection finds it closed, as when the server's idle timer won.
    let served = 0;
    const raw = await startRaw((req, res, socket) => {
      const first = !seenSockets.has(socket);
      seenSockets.add(socket);
      if (!first) return req.socket.destroy();
      served++;
      res.end('{"ok":true}');
    });
    const seenSockets = new Set<number>();
    try {
      const transport = transportWith({ env: {} });
      await (await transport.fetch(raw.url, request())).text();
      const again = await transport.fetch(raw.url, request());
      expect(await again.text()).toBe('{"ok":true}');
      expect(served).toBe(2);
      await expect(transport.fetch(raw.url, request('POST'))).rejects.toMatchObject({
        code: 'ECONNRESET',
      });
      expect(served).toBe(2);
    } finally {
      await raw.stop();
    }
  });

  it('a compressed answer is decoded; headers are read case-insensitively', async () => {
    const { gzipSync } = await import('node:zlib');
    const raw = await startRaw((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'X-Thing': 'yes' });
      res.end(gzipSync('{"objects":[]}'));
    });
    try {
      const res = await transportWith({ env: {} }).fetch(raw.url, request());
      expect(res.headers.get('x-thing')).toBe('yes');
      expect(res.headers.get('X-Thing')).toBe('yes');
      expect(res.headers.get('missing')).toBeNull();
      expect(await res.text()).toBe('{"objects":[]}');
    } finally {
      await raw.stop();
    }
  });

  it('sends the body with its length and never follows a redirect', async () => {
    const seen: string[] = [];
    const raw = await startRaw((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString('utf8')));
      req.on('end', () => {
        seen.push(`${req.method} ${req.url} ${req.headers['content-length']} ${body}`);
        res.writeHead(302, { location: 'http://127.0.0.1:9/elsewhere' });
        res.end();
      });
    });
    try {
      const res = await transportWith({ env: {} }).fetch(`${raw.url}x?y=1`, {
        ...request('POST'),
        body: '{"ü":1}',
      });
      expect(res.status).toBe(302);
      expect(res.headers.get('location')).toBe('http://127.0.0.1:9/elsewhere');
      expect(seen).toEqual(['POST /x?y=1 8 {"ü":1}']);
    } finally {
      await raw.stop();
    }
  });

  it('aborting while the body streams rejects the read', async () => {
    const raw = await startRaw((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"objects":[');
    });
    try {
      const controller = new AbortController();
      const res = await transportWith({ env: {} }).fetch(raw.url, {
        ...request(),
        signal: controller.signal,
      });
      const text = res.text();
      controller.abort();
      await expect(text).rejects.toMatchObject({ name: 'AbortError' });
    } finally {
      await raw.stop();
    }
  });
});

describe('answers are capped at 8 MiB, decompressed off the main thread', () => {
  const bombs = useBombs();

  it.each([
    ['a gzip bomb (1 GiB of zeros in ~1 MiB)', { kind: 'gzip', inflatedBytes: 1024 ** 3 }],
    ['a brotli bomb', { kind: 'br', inflatedBytes: 64 * 1024 ** 2 }],
    ['a 1 GiB plain body', { kind: 'plain', bytes: 1024 ** 3 }],
  ] as const)('%s ends in ANSWER_TOO_LARGE, with and without a proxy', async (_name, bomb) => {
    const registry = await bombs(bomb);
    for (const viaProxy of [false, true]) {
      const proxy = viaProxy ? await startProxy() : undefined;
      try {
        const transport = transportWith(proxy ? { env: { HTTP_PROXY: proxy.url } } : { env: {} });
        const res = await transport.fetch(registry.url, request());
        await expect(res.text()).rejects.toMatchObject({ code: ANSWER_TOO_LARGE });
      } finally {
        await proxy?.stop();
      }
    }
    // The client hung up long before the end: far less than the whole body was sent.
    if (bomb.kind !== 'br') expect(registry.sent()).toBeLessThan(256 * 1024 ** 2);
  });

  it('the registry client says TOO_LARGE in one sentence', async () => {
    const registry = await bombs({ kind: 'gzip', inflatedBytes: 1024 ** 3 });
    const err = await failure(
      apiFor({ url: registry.url }, transportWith({ env: {} })).listTokens('npm_token_abc'),
    );
    expect(err.code).toBe('TOO_LARGE');
    expect(err.message).toBe(
      `${new URL(registry.url).host} sent an answer larger than 8 MiB; Keyport stopped reading it.`,
    );
  });

  it('an answer of exactly the cap is read whole', async () => {
    const raw = await startRaw((_req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip' });
      res.end(gzipSync(Buffer.alloc(MAX_ANSWER_BYTES, 0x20)));
    });
    try {
      const res = await transportWith({ env: {} }).fetch(raw.url, request());
      expect((await res.text()).length).toBe(MAX_ANSWER_BYTES);
    } finally {
      await raw.stop();
    }
  });
});

function useBombs(): (bomb: Bomb) => Promise<BombServer> {
  const started: BombServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.stop()));
  });
  return async (bomb) => {
    const s = await startBombServer(bomb);
    started.push(s);
    return s;
  };
}
