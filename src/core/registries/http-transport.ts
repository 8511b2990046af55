import { readFileSync } from 'node:fs';
import type { Dispatcher } from 'undici';
import { KeyportError } from '../../shared/errors';
import { createNodeTransport } from './node-transport';
import {
  answerTooLarge,
  MAX_ANSWER_BYTES,
  type Transport,
  type TransportResponse,
} from './transport';

export interface HttpTransportOptions {
  /** npm's `cafile`: extra certificate authorities (PEM, one or many) trusted for registries. */
  cafile?: string;
  /** Where HTTPS_PROXY / HTTP_PROXY / NO_PROXY and NODE_EXTRA_CA_CERTS are read; process.env by default. */
  env?: NodeJS.ProcessEnv;
}

export interface HttpTransport {
  fetch: Transport;
  /** Closes pooled connections so a CLI run or a test can exit. */
  close(): Promise<void>;
}

/**
 * The real network with the chosen CAs: node:http(s) with keep-alive when no proxy is set (no
 * HTTP library to load, the common case and the CLI's), undici's EnvHttpProxyAgent (loaded only
 * then) when HTTP_PROXY or HTTPS_PROXY is, for NO_PROXY and CONNECT tunnelling.
 */
export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const env = options.env ?? process.env;
  // Read now, so a bad cafile fails at once whichever transport is used.
  const ca = trustedCertificates(env, options.cafile);
  const httpProxy = envValue(env, 'HTTP_PROXY');
  const httpsProxy = envValue(env, 'HTTPS_PROXY');
  if (!httpProxy && !httpsProxy) return createNodeTransport(ca);
  return createProxyTransport({ httpProxy, httpsProxy, noProxy: envValue(env, 'NO_PROXY') }, ca);
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name.toLowerCase()] || env[name] || undefined;
}

interface ProxySettings {
  httpProxy: string | undefined;
  httpsProxy: string | undefined;
  noProxy: string | undefined;
}

/** undici with the environment's proxies; imported on the first request, not at start-up. */
function createProxyTransport(proxies: ProxySettings, ca: string[] | undefined): HttpTransport {
  let loading:
    Promise<{ fetch: typeof import('undici').fetch; dispatcher: Dispatcher }> | undefined;
  const load = () =>
    (loading ??= import('undici').then((undici) => ({
      fetch: undici.fetch,
      dispatcher: createProxyDispatcher(undici, proxies, ca),
    })));
  return {
    fetch: async (url, request): Promise<TransportResponse> => {
      const { fetch, dispatcher } = await load();
      const res = await fetch(url, { ...request, dispatcher });
      return { status: res.status, headers: res.headers, text: () => boundedText(res.body) };
    },
    close: async () => {
      if (loading) await (await loading).dispatcher.close();
    },
  };
}

/**
 * undici inflates a compressed body as a stream; counting what comes out and cancelling past the
 * cap keeps a gzip bomb or an endless body from filling memory.
 */
interface ByteStream {
  getReader(): {
    read(): Promise<{ done: boolean; value?: Uint8Array }>;
    cancel(): Promise<void>;
  };
}

async function boundedText(body: ByteStream | null): Promise<string> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done || !value) break;
    total += value.byteLength;
    if (total > MAX_ANSWER_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw answerTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function createProxyDispatcher(
  undici: typeof import('undici'),
  { httpProxy, httpsProxy, noProxy }: ProxySettings,
  ca: string[] | undefined,
): Dispatcher {
  const tlsOptions = ca ? { ca } : {};
  // requestTls / proxyTls are not in EnvHttpProxyAgent's type but reach undici's ProxyAgent,
  // which uses them for the tunnelled registry connection and the proxy connection.
  const proxyOptions = {
    // Passed explicitly so an injected env (tests, a per-registry setting) wins over process.env.
    ...(httpProxy ? { httpProxy } : {}),
    ...(httpsProxy ? { httpsProxy } : {}),
    noProxy: noProxy ?? '',
    connect: tlsOptions,
    requestTls: tlsOptions,
    proxyTls: tlsOptions,
  };
  // EnvHttpProxyAgent prints an "experimental" warning once; only paid when a proxy is set.
  return new undici.EnvHttpProxyAgent(proxyOptions);
}

/**
 * Undefined means "Node's default store", which already includes NODE_EXTRA_CA_CERTS. Passing `ca`
 * replaces that store, so with a cafile we rebuild it: Mozilla's roots, NODE_EXTRA_CA_CERTS and the
 * cafile. Adding rather than replacing (npm replaces) never refuses a registry npm would reach.
 */
function trustedCertificates(env: NodeJS.ProcessEnv, cafile?: string): string[] | undefined {
  if (!cafile) return undefined;
  const { rootCertificates } = process.getBuiltinModule('node:tls');
  const certs = [...rootCertificates, readPem(cafile, 'cafile')];
  const extra = env.NODE_EXTRA_CA_CERTS;
  if (extra) certs.push(readPem(extra, 'NODE_EXTRA_CA_CERTS'));
  return certs;
}

function readPem(file: string, setting: string): string {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new KeyportError('TLS_ERROR', `Keyport could not read the ${setting} file ${file}.`);
  }
  if (!text.includes('-----BEGIN CERTIFICATE-----')) {
    throw new KeyportError('TLS_ERROR', `The ${setting} file ${file} holds no PEM certificate.`);
  }
  return text;
}
