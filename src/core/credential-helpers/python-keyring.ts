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
  /** What `unlink` needs to take this link back (kept in memory only: it may hold a password). */
  undo: PythonLinkUndo;
}

/** The items one `link` made new for a token, each with what the keychain held before. */
export interface PythonLinkUndo {
  tokenId: string;
  items: { service: string; username: string; previous: string | null }[];
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
    const linked = new Set(
      (token.helperLinks ?? []).filter((l) => l.username === req.username).map((l) => l.service),
    );
    const undo: PythonLinkUndo = { tokenId: token.id, items: [] };
    for (const service of services) {
      // An item this token already had stays on undo; any other one gets back what it held (the
      // user's own keyring password, another token's link) or goes.
      if (!linked.has(service)) {
        const previous = await this.items.get(service, req.username);
        undo.items.push({ service, username: req.username, previous });
      }
      await this.items.set(service, req.username, secret);
      await this.vault.recordHelperLink(token.id, {
        kind: 'python-keyring',
        service,
        username: req.username,
      });
    }
    return { token: await this.vault.get(token.id), services, undo };
  }

  /**
   * Takes a `link` back: each item it made goes, or gets back what it held before, and the token
   * forgets it. Only the items under the index's service names: the token's own keychain entry
   * (Keyport's service) is never touched. Checks every item first: one that no longer holds the
   * token (the user stored something else there since) means nothing is changed.
   */
  async unlink(undo: PythonLinkUndo): Promise<TokenMeta> {
    const secret = await this.vault.reveal(undo.tokenId);
    for (const item of undo.items) {
      const now = await this.items.get(item.service, item.username);
      if (now !== null && now !== secret) {
        throw new KeyportError(
          'CONFIG_CHANGED_ON_DISK',
          `The keychain item ${item.service} (${item.username}) changed since the setup; Keyport changed nothing.`,
        );
      }
    }
    for (const item of undo.items) {
      if (item.previous === null) await this.items.delete(item.service, item.username);
      else await this.items.set(item.service, item.username, item.previous);
      await this.vault.forgetHelperLink(undo.tokenId, {
        kind: 'python-keyring',
        service: item.service,
        username: item.username,
      });
    }
    return this.vault.get(undo.tokenId);
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
