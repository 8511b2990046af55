import { afterAll, afterEach, expect } from 'vitest';
import { KeyportError } from '../../../src/shared/errors';
import {
  createHttpTransport,
  type HttpTransportOptions,
} from '../../../src/core/registries/http-transport';
import { NpmTokenApi, type NpmTokenApiOptions } from '../../../src/core/registries/npm-token-api';
import {
  startNpmLikeServer,
  type NpmLikeServer,
  type NpmLikeServerOptions,
} from '../../support/npm-like-server';

export const USER = 'alice';
export const PASSWORD = 'correct horse battery staple 42';

/** Real undici transport with an empty environment, so the machine's proxy settings stay out. */
export function useTransport(options: HttpTransportOptions = { env: {} }) {
  const transport = createHttpTransport(options);
  afterAll(() => transport.close());
  return transport;
}

/** A fresh npm-like server per test, stopped afterwards. */
export function useServers(): (options?: NpmLikeServerOptions) => Promise<NpmLikeServer> {
  const running: NpmLikeServer[] = [];
  afterEach(async () => {
    await Promise.all(running.splice(0).map((s) => s.stop()));
  });
  return async (options = {}) => {
    const server = await startNpmLikeServer({ users: { [USER]: PASSWORD }, ...options });
    running.push(server);
    return server;
  };
}

/** Waits are recorded instead of slept: the retry policy is checked without real time passing. */
export function recordingWait(): {
  waits: number[];
  wait: NonNullable<NpmTokenApiOptions['wait']>;
} {
  const waits: number[] = [];
  return {
    waits,
    wait: async (ms) => {
      waits.push(ms);
    },
  };
}

export function apiFor(
  server: { url: string },
  transport: { fetch: NpmTokenApiOptions['transport'] },
  options: Partial<NpmTokenApiOptions> = {},
): NpmTokenApi {
  return new NpmTokenApi({ registry: server.url, transport: transport.fetch, ...options });
}

/** The KeyportError a promise rejects with; fails the test on anything else. */
export async function failure(promise: Promise<unknown>): Promise<KeyportError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(KeyportError);
    return err as KeyportError;
  }
  throw new Error('expected a KeyportError, but the call succeeded');
}

/** Neither the message, the details nor the stack may contain any of the secrets. */
export function expectNoSecret(err: KeyportError, secrets: string[]): void {
  const visible = `${JSON.stringify(err.toInfo())}\n${String(err)}\n${err.stack ?? ''}`;
  for (const secret of secrets) expect(visible).not.toContain(secret);
}
