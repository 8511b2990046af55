import type { RegistryTokenClient } from '../registries/registry-client';
import type { CredentialGate } from './credential-gate';

/**
 * A registry client that passes the gate before each request that carries a credential, which
 * is every request. Wrapping the client, not the flows, means no path to the network skips it.
 */
export function gatedClient(
  client: RegistryTokenClient,
  gate: CredentialGate,
): RegistryTokenClient {
  const pass = () => gate.beforeSending(client.registry);
  return {
    registry: client.registry,
    login: async (...args) => {
      await pass();
      return client.login(...args);
    },
    whoami: async (...args) => {
      await pass();
      return client.whoami(...args);
    },
    listTokens: async (...args) => {
      await pass();
      return client.listTokens(...args);
    },
    createToken: async (...args) => {
      await pass();
      return client.createToken(...args);
    },
    revokeToken: async (...args) => {
      await pass();
      return client.revokeToken(...args);
    },
  };
}
