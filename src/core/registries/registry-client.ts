import type { CreateTokenRequest } from '../../shared/ipc-contract';
import type { CreatedToken, RemoteToken } from '../../shared/registry-types';

/** What every call accepts: a cancel signal and, after an OTP_REQUIRED, the user's code. */
export interface CallOptions {
  signal?: AbortSignal;
  otp?: string;
}

export interface CreateOptions extends CallOptions {
  /** Held for this one request only; never stored, never put in a message. */
  password?: string;
}

/**
 * One interface for registry token clients: the npm token API first, others (GitHub, Artifactory
 * native APIs) can follow. Every failure is a KeyportError whose text holds no secret.
 */
export interface RegistryTokenClient {
  readonly registry: string;
  /** Signs in with a password; returns the session token the registry issues. */
  login(username: string, password: string, options?: CallOptions): Promise<string>;
  /** The user the token belongs to, or null when the registry does not accept it. */
  whoami(token: string, options?: CallOptions): Promise<string | null>;
  /** Every token of the account, all pages followed. */
  listTokens(token: string, options?: CallOptions): Promise<RemoteToken[]>;
  createToken(
    token: string,
    request: CreateTokenRequest,
    options?: CreateOptions,
  ): Promise<CreatedToken>;
  /** Asks the registry to revoke; list again to confirm, some registries answer 200 for any key. */
  revokeToken(token: string, key: string, options?: CallOptions): Promise<void>;
}
