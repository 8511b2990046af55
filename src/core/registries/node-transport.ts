import http from 'node:http';
import type https from 'node:https';
import {
  answerTooLarge,
  MAX_ANSWER_BYTES,
  type Transport,
  type TransportRequest,
  type TransportResponse,
} from './transport';

/**
 * A keep-alive socket the registry has not used for this long is closed by us, before the server's
 * own idle time-out (Node's default is 5 s, and servers announce theirs in `Keep-Alive:
 * timeout=N`, which Node's agent also honours): reusing a socket the server is closing fails.
 */
const IDLE_SOCKET_MS = 4_000;

export interface NodeTransport {
  fetch: Transport;
  /** Closes pooled connections so a CLI run or a test can exit. */
  close(): Promise<void>;
}

/**
 * The network without a proxy: node:http / node:https with one keep-alive pool per scheme. It
 * loads nothing beyond Node's own modules, so a CLI process pays for no HTTP library. Redirects
 * are never followed (node:http does not), the body is read in full, and the request is torn down
 * when `signal` fires; time-outs come from the caller's signal (registry-request.ts).
 *
 * `ca` replaces Node's default store for HTTPS when given (see http-transport.ts).
 */
export function createNodeTransport(ca?: string[]): NodeTransport {
  let httpAgent: http.Agent | undefined;
  let httpsAgent: https.Agent | undefined;
  const agents: Agents = {
    http: () => (httpAgent ??= new http.Agent({ keepAlive: true, timeout: IDLE_SOCKET_MS })),
    // node:https (and TLS with it) loads on the first https: request, not with the core.
    https: () =>
      (httpsAgent ??= new (process.getBuiltinModule('node:https').Agent)({
        keepAlive: true,
        timeout: IDLE_SOCKET_MS,
        ...(ca ? { ca } : {}),
      })),
  };
  return {
    fetch: (url, request) => send(agents, url, request, true),
    close: async () => {
      httpAgent?.destroy();
      httpsAgent?.destroy();
    },
  };
}

interface Agents {
  http(): http.Agent;
  https(): https.Agent;
}

function send(
  agents: Agents,
  url: string,
  init: TransportRequest,
  mayRetry: boolean,
): Promise<TransportResponse> {
  return new Promise<TransportResponse>((resolve, reject) => {
    const { signal } = init;
    if (signal.aborted) return reject(abortError());
    let target: URL;
    let req: http.ClientRequest;
    try {
      target = new URL(url);
      const secure = target.protocol === 'https:';
      if (!secure && target.protocol !== 'http:') {
        throw Object.assign(new Error('Only http: and https: are supported.'), {
          code: 'ERR_INVALID_PROTOCOL',
        });
      }
      const headers: Record<string, string> = { ...init.headers };
      if (init.body !== undefined) headers['content-length'] = String(Buffer.byteLength(init.body));
      // Never the URL's user:password (registry URLs carry none; this keeps it that way).
      const agent = secure ? agents.https() : agents.http();
      req = (secure ? process.getBuiltinModule('node:https') : http).request({
        protocol: target.protocol,
        hostname: target.hostname.startsWith('[') ? target.hostname.slice(1, -1) : target.hostname,
        ...(target.port ? { port: Number(target.port) } : {}),
        path: `${target.pathname}${target.search}`,
        method: init.method,
        headers,
        agent,
      });
    } catch (err) {
      return reject(err);
    }

    let answered = false;
    const onAbort = (): void => {
      req.destroy(abortError());
    };
    signal.addEventListener('abort', onAbort, { once: true });
    const done = (): void => signal.removeEventListener('abort', onAbort);

    req.on('error', (err: NodeJS.ErrnoException) => {
      if (answered) return; // The response's own stream reports it.
      done();
      // A pooled socket the server closed while idle fails at once with ECONNRESET/EPIPE before
      // any answer: the request never reached it. Reads are sent again once on a fresh socket;
      // writes are not (a create must never happen twice).
      if (
        mayRetry &&
        req.reusedSocket &&
        init.method === 'GET' &&
        !signal.aborted &&
        (err.code === 'ECONNRESET' || err.code === 'EPIPE')
      ) {
        return resolve(send(agents, url, init, false));
      }
      reject(err);
    });

    req.on('response', (res) => {
      answered = true;
      done(); // From here on the body reader answers the signal.
      const body = readBody(res, signal);
      // text() may never be called when the caller gives up first; that is not an error here.
      body.catch(() => undefined);
      resolve({
        status: res.statusCode ?? 0,
        headers: {
          get(name: string): string | null {
            const value = res.headers[name.toLowerCase()];
            if (value === undefined) return null;
            return Array.isArray(value) ? value.join(', ') : value;
          },
        },
        text: () => body,
      });
    });

    req.end(init.body);
  });
}

function readBody(res: http.IncomingMessage, signal: AbortSignal): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let settled = false;
    const settle = (finish: () => void): void => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      finish();
    };
    const fail = (err: Error): void => settle(() => reject(err));
    const onAbort = (): void => {
      fail(abortError());
      res.destroy();
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    // A connection that closes before the whole body came is an error, as in fetch.
    const broken = (): Error => Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    let received = 0;
    res.on('data', (chunk: Buffer) => {
      received += chunk.length;
      // Compressed or not, nothing past the cap is kept: the socket is closed instead.
      if (received > MAX_ANSWER_BYTES) {
        fail(answerTooLarge());
        res.destroy();
        return;
      }
      chunks.push(chunk);
    });
    res.on('error', fail);
    res.on('aborted', () => fail(broken()));
    res.on('close', () => {
      if (!res.complete) fail(broken());
    });
    res.on('end', () => {
      if (settled) return;
      decode(Buffer.concat(chunks), res.headers['content-encoding']).then(
        (text) => settle(() => resolve(text)),
        fail,
      );
    });
  });
}

type Inflate = (
  raw: Buffer,
  options: { maxOutputLength: number },
  done: (err: Error | null, out: Buffer) => void,
) => void;

/**
 * Keyport asks for no compression, but a server or proxy may compress anyway. Inflating runs on
 * libuv's thread pool (never a *Sync call on the main thread) and stops at the answer cap, so a
 * small gzip that inflates to gigabytes ends in an error, not in memory.
 */
async function decode(raw: Buffer, encoding: string | undefined): Promise<string> {
  const coding = encoding?.trim().toLowerCase();
  if (!coding || coding === 'identity') return raw.toString('utf8');
  const zlib = await import('node:zlib');
  const inflate: Inflate | undefined =
    coding === 'gzip' || coding === 'x-gzip'
      ? zlib.gunzip
      : coding === 'deflate'
        ? zlib.inflate
        : coding === 'br'
          ? zlib.brotliDecompress
          : undefined;
  if (!inflate) {
    throw Object.assign(new Error('Unsupported content encoding.'), {
      code: 'ERR_CONTENT_ENCODING',
    });
  }
  const inflated = await new Promise<Buffer>((resolve, reject) => {
    inflate(raw, { maxOutputLength: MAX_ANSWER_BYTES }, (err, out) =>
      err ? reject(err) : resolve(out),
    );
  }).catch((err: NodeJS.ErrnoException) => {
    throw err.code === 'ERR_BUFFER_TOO_LARGE' ? answerTooLarge() : err;
  });
  return inflated.toString('utf8');
}

function abortError(): Error {
  return Object.assign(new Error('The request was aborted.'), {
    name: 'AbortError',
    code: 'ABORT_ERR',
  });
}
