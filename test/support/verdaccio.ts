import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { runServer } from 'verdaccio';

export interface VerdaccioHandle {
  /** `http://127.0.0.1:PORT/`, with the trailing slash npm config keys need. */
  url: string;
  port: number;
  /** Creates the user through the log-in call (Verdaccio's adduser) and returns its session token. */
  addUser(name: string, password: string): Promise<string>;
  stop(): Promise<void>;
}

/**
 * A real Verdaccio in this process on 127.0.0.1 and a free port, as shared/registry-api.md
 * describes: temp storage, htpasswd (bcrypt, 4 rounds so sign-ups are fast), no uplinks (nothing
 * leaves the machine), every package readable and publishable by signed-in users.
 */
export async function startVerdaccio(): Promise<VerdaccioHandle> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keyport-verdaccio-'));
  const htpasswd = path.join(dir, 'htpasswd');
  writeFileSync(htpasswd, '');
  const config = {
    self_path: path.join(dir, 'config.yaml'),
    storage: path.join(dir, 'storage'),
    auth: { htpasswd: { file: htpasswd, max_users: 1000, algorithm: 'bcrypt', rounds: 4 } },
    uplinks: {},
    packages: { '**': { access: '$authenticated', publish: '$authenticated' } },
    // The token endpoints are rate limited per user; a test run makes many calls in a second.
    userRateLimit: { windowMs: 1000, max: 10_000 },
    middlewares: { audit: { enabled: false } },
    web: { enabled: false },
    log: { type: 'stdout', format: 'json', level: 'fatal' },
  };
  const app = (await runServer(config as never)) as {
    listen(port: number, host: string, cb: () => void): Server;
  };
  const server = await new Promise<Server>((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}/`;

  return {
    url,
    port,
    async addUser(name, password) {
      const res = await fetch(`${url}-/user/org.couchdb.user:${encodeURIComponent(name)}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password }),
      });
      const body = (await res.json()) as { token?: string; error?: string };
      if (res.status !== 201 || !body.token) {
        throw new Error(`Verdaccio refused to add ${name}: ${res.status} ${body.error ?? ''}`);
      }
      return body.token;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive sockets (npm's, undici's) would hold close() open and keep vitest alive.
        server.closeAllConnections();
        server.close((err) => {
          rmSync(dir, { recursive: true, force: true });
          if (err) reject(err);
          else resolve();
        });
      }),
  };
}
