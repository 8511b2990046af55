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
