import type { ConfigFormat } from '../../shared/types';
import type { Span } from './text-layout';

/** What to write, independent of the file: the part of a write target every editor reads. */
export interface EditTarget {
  /** Registry, repository or feed URL the secret belongs to. */
  registry: string;
  secret: string;
  username?: string;
  /** Maven `<server><id>`; defaults to the registry host. */
  serverId?: string;
  /** NuGet source name; defaults to the registry host. */
  source?: string;
  /** .pypirc repository section; defaults to `pypi` for pypi.org, else the registry host. */
  repository?: string;
  /** npm scope (`@acme`) that should resolve to this registry. */
  scope?: string;
  pipMode?: 'index-url' | 'extra-index-url';
  /** Default: `password` when a username is given, else `bearer`. */
  mavenAuth?: 'password' | 'bearer';
}

/**
 * What to remove: a write target without its secret. The same target that wrote an entry names the
 * entry to remove, so an EditTarget (secret included) may be passed as it is.
 */
export type RemoveTarget = Omit<EditTarget, 'secret'>;

export interface EditResult {
  text: string;
  /** Human description of the entry, without any secret. */
  entry: string;
}

/**
 * One format: a pure text → text edit, its inverse (`remove` cuts out exactly the credential entry
 * `edit` would write for the same target, and nothing else; text without one comes back identical),
 * plus a finder for every credential value in a text, so a
 * diff can mask old, new and unrelated secrets alike.
 */
export interface ConfigEditor {
  format: ConfigFormat;
  edit(text: string, target: EditTarget): EditResult;
  remove(text: string, target: RemoveTarget): EditResult;
  credentialSpans(text: string): Span[];
}
