/**
 * Random hex for temp and lock file names, from Web Crypto (global in Node 20 and Electron). Not
 * node:crypto: importing it costs every CLI start ~1.2 ms (measured), and reading commands never
 * name a temp file.
 */
export function randomHex(bytes: number): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('hex');
}
