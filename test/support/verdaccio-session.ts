import { createHttpTransport } from '../../src/core/registries/http-transport';
import { NpmTokenApi } from '../../src/core/registries/npm-token-api';
import { startVerdaccio, type VerdaccioHandle } from './verdaccio';

/** Verdaccio with one user signed in through Keyport's own token API. */
export interface VerdaccioSession {
  verdaccio: VerdaccioHandle;
  api: NpmTokenApi;
  /** The user's session token. */
  session: string;
  /** Closes the API's pooled connections and stops Verdaccio. */
  stop(): Promise<void>;
}

/**
 * Starts Verdaccio and logs `user` in (Verdaccio creates the user on the first log-in, as
 * `npm adduser` does). The transport has no env: no proxy or CA of the developer's applies.
 */
export async function startVerdaccioSession(
  user: string,
  password: string,
): Promise<VerdaccioSession> {
  const verdaccio = await startVerdaccio();
  const transport = createHttpTransport({ env: {} });
  const stop = async () => {
    await transport.close();
    await verdaccio.stop();
  };
  const api = new NpmTokenApi({ registry: verdaccio.url, transport: transport.fetch });
  try {
    return { verdaccio, api, session: await api.login(user, password), stop };
  } catch (err) {
    await stop();
    throw err;
  }
}
