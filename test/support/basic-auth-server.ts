import http from 'node:http';
import type { AddressInfo } from 'node:net';

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
  const seenUsers: (string | null)[] = [];
  const expected = `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
  const server = http.createServer((req, res) => {
    const auth = req.headers.authorization;
    seenUsers.push(
      auth?.startsWith('Basic ')
        ? Buffer.from(auth.slice(6), 'base64').toString().split(':')[0]!
        : null,
    );
    if (auth !== expected) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="keyport-test"' }).end();
      return;
    }
    handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    seenUsers,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
