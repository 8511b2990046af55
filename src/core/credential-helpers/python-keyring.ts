import { KeyportError } from '../../shared/errors';
import type { TokenMeta } from '../../shared/types';
import { sameHelperLink, type Vault } from '../vault/vault';
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
  /** The token linked; a rotation since moves the links to its successor (see `unlink`). */
  tokenId: string;
  items: PythonLinkedItem[];
}

export interface PythonLinkedItem {
  service: string;
  username: string;
  previous: string | null;
  /** The link's `at` as this setup recorded it; a rotation's new token carries the same. */
  linkedAt: string;
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
      const previous = linked.has(service) ? null : await this.items.get(service, req.username);
      await this.items.set(service, req.username, secret);
      const link = { kind: 'python-keyring' as const, service, username: req.username };
      const meta = await this.vault.recordHelperLink(token.id, link);
      if (!linked.has(service)) {
        const linkedAt = meta.helperLinks?.find((l) => sameHelperLink(l, link))?.at ?? '';
        undo.items.push({ service, username: req.username, previous, linkedAt });
      }
    }
    return { token: await this.vault.get(token.id), services, undo };
  }

  /**
   * Takes a `link` back: each item it made goes, or gets back what it held before, and the token
   * serving it forgets it. Only the items under the index's service names: the token's own
   * keychain entry (Keyport's service) is never touched, and the token stays in the vault.
   *
   * The token serving an item is the one linked, or, after a rotation, its successor: rotation
   * writes the new token's value into the items and moves the links, keeping their `at`
   * (Vault.moveHelperLinks), while the old token is revoked and removed. So an item counts as
   * this setup's while it holds the value of the linked token or of a token carrying this
   * setup's link (same `at`); a later setup of another token over the same item does not.
   * Checks every item first: one holding anything else (the user stored something there since)
   * means nothing is changed. Null when no token held the links any more (the token was removed,
   * which deleted the items): only the values from before the setup are put back.
   */
  async unlink(undo: PythonLinkUndo): Promise<TokenMeta | null> {
    const tokens = await this.vault.list();
    const values = new Map<string, string | null>();
    const valueOf = async (id: string) => {
      if (!values.has(id)) values.set(id, await this.vault.reveal(id).catch(() => null));
      return values.get(id)!;
    };
    const steps: { item: PythonLinkedItem; holder: TokenMeta | null }[] = [];
    for (const item of undo.items) {
      const holders = tokens.filter((t) =>
        (t.helperLinks ?? []).some(
          (l) =>
            sameHelperLink(l, { kind: 'python-keyring', ...item }) &&
            (t.id === undo.tokenId || l.at === item.linkedAt),
        ),
      );
      // A second item beside ours (Python's keyring stores its own, see keychain-items.ts) is a
      // change since the setup like any other.
      const now = await this.items.get(item.service, item.username).catch((err: unknown) => {
        throw err instanceof KeyportError && err.details?.duplicate ? changedSinceSetup(item) : err;
      });
      let holder: TokenMeta | null = null;
      for (const t of holders) {
        if (now === null || (await valueOf(t.id)) === now) {
          holder = t;
          break;
        }
      }
      if (now !== null && !holder) throw changedSinceSetup(item);
      steps.push({ item, holder });
    }
    let token: TokenMeta | null = null;
    for (const { item, holder } of steps) {
      if (item.previous === null) await this.items.delete(item.service, item.username);
      else await this.items.set(item.service, item.username, item.previous);
      if (holder) {
        token = await this.vault.forgetHelperLink(holder.id, {
          kind: 'python-keyring',
          service: item.service,
          username: item.username,
        });
      }
    }
    return token;
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

function changedSinceSetup(item: PythonLinkedItem): KeyportError {
  return new KeyportError(
    'CONFIG_CHANGED_ON_DISK',
    `The keychain item ${item.service} (${item.username}) changed since the setup; Keyport changed nothing.`,
  );
}
