import http from 'node:http';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { listenOnLoopback } from './loopback-server';

/**
 * A hostile registry on 127.0.0.1: every answer is 200 with a body far larger than any token API
 * answer, either sent as it is or as a small compressed body that inflates to gigabytes (a "zip
 * bomb"). What a real registry taken over, or a broken proxy, could send.
 */
export type Bomb =
  /** `inflatedBytes` of zeros as gzip: identical gzip members back to back (RFC 1952 allows it). */
  | { kind: 'gzip'; inflatedBytes: number }
  /** `inflatedBytes` of zeros as one brotli stream (made up front: keep it to tens of MiB). */
  | { kind: 'br'; inflatedBytes: number }
  /** `bytes` of JSON-looking text, uncompressed, streamed as the client reads. */
  | { kind: 'plain'; bytes: number };

export interface BombServer {
  url: string;
  /** Compressed or raw bytes the server managed to write before the client stopped reading. */
  sent(): number;
  stop(): Promise<void>;
}

const MEMBER_INFLATED = 16 * 1024 * 1024;

/** Answers one request with the bomb, at the pace the client reads; calls `sent` per write. */
export function serveBomb(
  res: http.ServerResponse,
  bomb: Bomb,
  sent: (bytes: number) => void = () => undefined,
): void {
  if (bomb.kind === 'br') {
    const body = brotliBomb(bomb.inflatedBytes);
    res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'br' });
    sent(body.length);
    res.end(body);
    return;
  }
  const headers =
    bomb.kind === 'gzip'
      ? { 'content-type': 'application/json', 'content-encoding': 'gzip' }
      : { 'content-type': 'application/json', 'content-length': String(bomb.bytes) };
  res.writeHead(200, headers);
  const chunk =
    bomb.kind === 'gzip' ? gzipMember() : Buffer.from(`{"objects":[${' '.repeat(64 * 1024 - 12)}`);
  let remaining =
    bomb.kind === 'gzip' ? Math.ceil(bomb.inflatedBytes / MEMBER_INFLATED) : bomb.bytes;
  let closed = false;
  res.on('close', () => (closed = true));
  // Writes as fast as the client reads (backpressure), and stops when it hangs up.
  const pump = (): void => {
    while (!closed && remaining > 0) {
      const piece =
        bomb.kind === 'gzip' ? chunk : chunk.subarray(0, Math.min(chunk.length, remaining));
      remaining -= bomb.kind === 'gzip' ? 1 : piece.length;
      sent(piece.length);
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    if (!closed) res.end();
  };
  pump();
}

let member: Buffer | undefined;
/** One 16 MiB gzip member is ~16 KiB: the bomb costs the server almost nothing. */
function gzipMember(): Buffer {
  return (member ??= gzipSync(Buffer.alloc(MEMBER_INFLATED), { level: 9 }));
}

const brotliBombs = new Map<number, Buffer>();
function brotliBomb(inflatedBytes: number): Buffer {
  let body = brotliBombs.get(inflatedBytes);
  if (!body) {
    body = brotliCompressSync(Buffer.alloc(inflatedBytes), {
      params: { [constants.BROTLI_PARAM_QUALITY]: 5 },
    });
    brotliBombs.set(inflatedBytes, body);
  }
  return body;
}

export async function startBombServer(bomb: Bomb): Promise<BombServer> {
  let sent = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    serveBomb(res, bomb, (bytes) => (sent += bytes));
  });
  const { origin, close } = await listenOnLoopback(server);
  return { url: `${origin}/`, sent: () => sent, stop: close };
}
