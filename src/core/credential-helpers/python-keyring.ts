import { KeyportError } from '../../shared/errors';
import type { TokenMeta } from '../../shared/types';
import type { Vault } from '../vault/vault';
import type { KeychainItems } from '../vault/keychain-items';
import { matchToken, registryUrl } from './registry-match';

export interface PythonLinkRequest {
  /** The index URL exactly as pip is given it (`--index-url`), with no password in it. */
  registry: string;
  username: string;
  /** The vault token to serve; by default the one whose registry is that index's host. */
  tokenId?: string;
}

export interface PythonLinkResult {
  token: TokenMeta;
  /** The keyring service names now answering for that user. */
  services: string[];
}

/**
 * The services Python's keyring is asked under for an index: pip asks for the index URL first,
 * then for its `host:port` (pip/_internal/network/auth.py, `_get_new_credentials`); twine asks
 * for the repository URL. One item each, so every one of them finds the token.
 */
export function pythonKeyringServices(indexUrl: string): string[] {
  const url = registryUrl(indexUrl);
  if (!url || !/^https?:$/.test(url.protocol)) {
    throw new KeyportError('INVALID_INPUT', 'The index must be an http(s) URL.');
  }
  if (url.password || url.username) {
    throw new KeyportError(
      'UNSAFE_VALUE',
      'The index URL must carry no user name or password: Keyport keeps those.',
    );
  }
  return [...new Set([indexUrl, url.host])];
}

/**
 * `keyport setup python`: the token's value in the OS keychain under the service and user name
 * Python's keyring looks up, so pip (`--keyring-provider import|subprocess`), twine and Poetry
 * find it and no file holds a password. The items are recorded on the token (helperLinks) so a
 * rotation rewrites them and a removal deletes them (Vault.moveHelperLinks, Vault.remove).
 */
export class PythonKeyringLinks {
  constructor(
    private readonly vault: Vault,
    private readonly items: KeychainItems,
  ) {}

  async link(req: PythonLinkRequest): Promise<PythonLinkResult> {
    const services = pythonKeyringServices(req.registry);
    if (!req.username || /[\r\n]/.test(req.username)) {
      throw new KeyportError('INVALID_INPUT', 'Give the user name the index expects (--username).');
    }
    const token = await this.tokenFor(req);
    const secret = await this.vault.reveal(token.id);
    for (const service of services) {
      await this.items.set(service, req.username, secret);
      await this.vault.recordHelperLink(token.id, {
        kind: 'python-keyring',
        service,
        username: req.username,
      });
    }
    return { token: await this.vault.get(token.id), services };
  }

  private async tokenFor(req: PythonLinkRequest): Promise<TokenMeta> {
    const tokens = await this.vault.list();
    if (req.tokenId) {
      const token = tokens.find((t) => t.id === req.tokenId);
      if (!token) throw new KeyportError('NOT_FOUND', `No token with id ${req.tokenId}.`);
      if (token.signIn) {
        throw new KeyportError(
          'INVALID_INPUT',
          `"${token.label}" is a registry account's sign-in token; it is never handed to a client.`,
        );
      }
      return token;
    }
    const url = registryUrl(req.registry)!;
    const token = matchToken(tokens, {
      protocol: url.protocol.replace(/:$/, ''),
      host: url.host,
      path: url.pathname,
    });
    if (!token) {
      throw new KeyportError(
        'NOT_FOUND',
        `No token in the vault for ${url.host}. Add one first (keyport add --registry ${url.origin}/ --ecosystem pip --token-stdin) or name it with --id.`,
      );
    }
    return token;
  }
}
