import type { CreateTokenRequest } from './ipc-contract';
import type { RemoteToken } from './registry-types';

/**
 * The kinds of npm token, in the order the create dialog offers them. The same words name a
 * token's kind in the vault's permissions, the app's tables and the CLI's.
 */
export const TOKEN_KINDS = ['read-only', 'publish', 'automation', 'granular'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export const TOKEN_KIND_LABELS: Record<TokenKind, string> = {
  'read-only': 'Read-only',
  publish: 'Publish',
  automation: 'Automation',
  granular: 'Granular',
};

/** The kind of a token as the registry lists it: only granular tokens have a name. */
export function tokenKindOf(
  token: Pick<RemoteToken, 'name' | 'readonly' | 'automation'>,
): TokenKind {
  if (token.name !== undefined) return 'granular';
  if (token.readonly) return 'read-only';
  return token.automation ? 'automation' : 'publish';
}

/** A registry token's kind in a table cell: a granular token with its name. */
export function tokenKindText(
  token: Pick<RemoteToken, 'name' | 'readonly' | 'automation'>,
): string {
  const kind = tokenKindOf(token);
  return kind === 'granular' ? `granular: ${token.name}` : kind;
}

/** The kind a create request asks for. */
export function requestedKind(request: CreateTokenRequest): TokenKind {
  if (request.kind === 'granular') return 'granular';
  if (request.readonly) return 'read-only';
  return request.automation ? 'automation' : 'publish';
}
