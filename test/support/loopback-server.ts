import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A test's own HTTP server, listening on 127.0.0.1 at a port the system chose. */
export interface Loopback {
  /** `http://127.0.0.1:PORT`, without a slash. */
  origin: string;
  /** Stops it, ending kept-alive connections too: a client's idle socket would hold it open. */
  close(): Promise<void>;
}

export async function listenOnLoopback(server: http.Server): Promise<Loopback> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * A private server's door: every request's Authorization header is recorded in `seen` (null for
 * none), and one that is not exactly `expected()` gets 401 with a Basic challenge, as a private
 * registry answers; the rest go to `handle`.
 */
export function authorizationGate(
  expected: () => string,
  handle: http.RequestListener,
): { seen: (string | null)[]; listener: http.RequestListener } {
  const seen: (string | null)[] = [];
  const listener: http.RequestListener = (req, res) => {
    seen.push(req.headers.authorization ?? null);
    if (req.headers.authorization !== expected()) {
      res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="keyport-test"' }).end();
      return;
    }
    handle(req, res);
  };
  return { seen, listener };
}
