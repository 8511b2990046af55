import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * The renderer is served from `app://keyport/` instead of file:// (Electron security checklist
 * #18): a file:// page may read other local files, while this handler answers only for files
 * inside the built renderer, and it can send response headers, so the CSP's frame-ancestors (which
 * a <meta> CSP cannot carry) is enforced.
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'keyport';
export const APP_ENTRY_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Sent with every answer. Stricter than or equal to the <meta> CSP in src/renderer/index.html
 * (the browser enforces both): nothing but our own bundled files, no inline or eval'd script, no
 * connection anywhere but our own origin, and no page may frame ours.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "worker-src 'none'",
  "frame-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
};

export function securityHeaders(contentType = 'text/plain; charset=utf-8'): Record<string, string> {
  return {
    'content-type': contentType,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cross-origin-opener-policy': 'same-origin',
    'cross-origin-resource-policy': 'same-origin',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  };
}

export interface AppFiles {
  realpath(file: string): Promise<string>;
  readFile(file: string): Promise<Uint8Array>;
}

const realFiles: AppFiles = { realpath: (f) => fs.realpath(f), readFile: (f) => fs.readFile(f) };

function refuse(status: number): Response {
  return new Response(null, { status, headers: securityHeaders() });
}

function isInside(root: string, file: string): boolean {
  const relative = path.relative(root, file);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative);
}

/**
 * Answers one `app://keyport/…` request from the files under `root`: GET only, known file types
 * only, never a path outside `root` (`..`, encoded `%2e%2e`, absolute paths, symlinks out).
 */
export async function serveAppRequest(
  root: string,
  request: { method: string; url: string },
  files: AppFiles = realFiles,
): Promise<Response> {
  if (request.method !== 'GET') return refuse(405);
  let url: URL;
  let pathname: string;
  try {
    url = new URL(request.url);
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return refuse(400);
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password) {
    return refuse(404);
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return refuse(400);
  const relative = pathname === '/' ? 'index.html' : pathname.replace(/^\/+/, '');
  const type = CONTENT_TYPES[path.extname(relative).toLowerCase()];
  const file = path.resolve(root, relative);
  if (!type || !isInside(path.resolve(root), file)) return refuse(404);
  try {
    const [realRoot, realFile] = await Promise.all([files.realpath(root), files.realpath(file)]);
    if (!isInside(realRoot, realFile)) return refuse(404);
    const body = await files.readFile(realFile);
    return new Response(new Uint8Array(body), { status: 200, headers: securityHeaders(type) });
  } catch {
    return refuse(404);
  }
}
