import http from 'node:http';
import { authorizationGate, listenOnLoopback } from './loopback-server';

export interface BasicAuthServer {
  url: string;
  /** Every Authorization header's user, or null for a request without one (what clients sent). */
  seenUsers: (string | null)[];
  close(): Promise<void>;
}

/**
 * A server on 127.0.0.1 (random port) that answers 401 with a Basic challenge unless the request
 * carries exactly `user`/`password`, and hands authenticated requests to `handle`.
 */
export async function startBasicAuthServer(
  user: string,
  password: string,
  handle: (req: http.IncomingMessage, res: http.ServerResponse) => void,
): Promise<BasicAuthServer> {
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const gate = authorizationGate(() => expected, handle);
  const { origin, close } = await listenOnLoopback(http.createServer(gate.listener));
  return {
    url: origin,
    get seenUsers() {
      return gate.seen.map((auth) =>
        auth?.startsWith('Basic ')
          ? Buffer.from(auth.slice(6), 'base64').toString().split(':')[0]!
          : null,
      );
    },
    close,
  };
}
