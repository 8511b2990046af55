/**
 * Random hex for ids and for temp and lock file names, from Web Crypto (global in Node 20 and
 * Electron). Not node:crypto: importing it costs every CLI start ~1.2 ms (measured), and reading
 * commands never make an id or a temp file.
 */
export function randomHex(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}

/** An id for something held in memory (a write plan, an undo): 32 hex characters. */
export function randomId(): string {
  return randomHex(16);
}
