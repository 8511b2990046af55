/**
 * The one port between the registry client and the network: the subset of `fetch` the client
 * needs. The app passes the undici transport (proxy, CA); tests pass the same transport pointed at
 * real local servers, so no module is ever mocked.
 */
export interface TransportRequest {
  method: 'GET' | 'PUT' | 'POST' | 'DELETE';
  headers: Record<string, string>;
  body?: string;
  signal: AbortSignal;
  /** Always 'manual': a redirect would carry the token or the password to another address. */
  redirect: 'manual';
}

export interface TransportResponse {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

export type Transport = (url: string, request: TransportRequest) => Promise<TransportResponse>;

/**
 * The most of an answer Keyport reads, after decompression: token lists are kilobytes, so a
 * bigger body is a fault or an attack (a gzip bomb), stopped before it can fill memory.
 */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024;

/** The code a transport gives an answer over MAX_ANSWER_BYTES; registry-errors names it TOO_LARGE. */
export const ANSWER_TOO_LARGE = 'ERR_KEYPORT_ANSWER_TOO_LARGE';

export function answerTooLarge(): Error {
  return Object.assign(new Error('The answer is too large.'), { code: ANSWER_TOO_LARGE });
}
