import { readFileSync } from 'node:fs';
import tls from 'node:tls';
import { Agent, EnvHttpProxyAgent, fetch, type Dispatcher } from 'undici';
import { KeyportError } from '../../shared/errors';
import type { Transport } from './transport';

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

/** The real network: undici with the proxy settings of the environment and the chosen CAs. */
export function createHttpTransport(options: HttpTransportOptions = {}): HttpTransport {
  const env = options.env ?? process.env;
  const dispatcher = createDispatcher(env, trustedCertificates(env, options.cafile));
  return {
    fetch: (url, request) => fetch(url, { ...request, dispatcher }),
    close: () => dispatcher.close(),
  };
}

function envValue(env: NodeJS.ProcessEnv, name: string): string | undefined {
  return env[name.toLowerCase()] || env[name] || undefined;
}

function createDispatcher(env: NodeJS.ProcessEnv, ca: string[] | undefined): Dispatcher {
  const tlsOptions = ca ? { ca } : {};
  const httpProxy = envValue(env, 'HTTP_PROXY');
  const httpsProxy = envValue(env, 'HTTPS_PROXY');
  // EnvHttpProxyAgent prints an "experimental" warning once; only pay that when a proxy is set.
  if (!httpProxy && !httpsProxy) return new Agent({ connect: tlsOptions });
  // requestTls / proxyTls are not in EnvHttpProxyAgent's type but reach undici's ProxyAgent,
  // which uses them for the tunnelled registry connection and the proxy connection.
  const proxyOptions = {
    // Passed explicitly so an injected env (tests, a per-registry setting) wins over process.env.
    ...(httpProxy ? { httpProxy } : {}),
    ...(httpsProxy ? { httpsProxy } : {}),
    noProxy: envValue(env, 'NO_PROXY') ?? '',
    connect: tlsOptions,
    requestTls: tlsOptions,
    proxyTls: tlsOptions,
  };
  return new EnvHttpProxyAgent(proxyOptions);
}

/**
 * Undefined means "Node's default store", which already includes NODE_EXTRA_CA_CERTS. Passing `ca`
 * replaces that store, so with a cafile we rebuild it: Mozilla's roots, NODE_EXTRA_CA_CERTS and the
 * cafile. Adding rather than replacing (npm replaces) never refuses a registry npm would reach.
 */
function trustedCertificates(env: NodeJS.ProcessEnv, cafile?: string): string[] | undefined {
  if (!cafile) return undefined;
  const certs = [...tls.rootCertificates, readPem(cafile, 'cafile')];
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
