import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

/**
 * A minimal wheel for `name` 0.1, built with Python's own zipfile (the format pip checks: a
 * .dist-info with METADATA, WHEEL and RECORD).
 */
export function buildWheel(dir: string, name: string): string {
  const file = path.join(dir, `${name}-0.1-py3-none-any.whl`);
  const script = `
import sys, zipfile
name, file = sys.argv[1], sys.argv[2]
info = f"{name}-0.1.dist-info"
files = {
  f"{name}/__init__.py": "",
  f"{info}/METADATA": f"Metadata-Version: 2.1\\nName: {name}\\nVersion: 0.1\\n",
  f"{info}/WHEEL": "Wheel-Version: 1.0\\nGenerator: keyport-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
with zipfile.ZipFile(file, "w") as z:
  for p, t in files.items(): z.writestr(p, t)
  z.writestr(f"{info}/RECORD", "".join(f"{p},,\\n" for p in files) + f"{info}/RECORD,,\\n")
`;
  execFileSync('/usr/bin/python3', ['-c', script, name, file]);
  return file;
}

/** A PEP 503 simple index serving the given wheels under /simple/ and /files/. */
export function simpleIndex(wheels: string[]) {
  const byProject = new Map(
    wheels.map((w) => {
      const base = path.basename(w);
      return [base.split('-')[0]!.replace(/_/g, '-').toLowerCase(), w] as const;
    }),
  );
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const project = /^\/simple\/([^/]+)\/?$/.exec(url.pathname)?.[1];
    const wheel = project ? byProject.get(project) : undefined;
    if (wheel) {
      const sha = createHash('sha256').update(readFileSync(wheel)).digest('hex');
      const base = path.basename(wheel);
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end(
        `<!DOCTYPE html><html><body><a href="/files/${base}#sha256=${sha}">${base}</a></body></html>`,
      );
      return;
    }
    const file = /^\/files\/([^/]+)$/.exec(url.pathname)?.[1];
    const served = wheels.find((w) => path.basename(w) === file);
    if (served) {
      res.writeHead(200, { 'Content-Type': 'application/octet-stream' });
      res.end(readFileSync(served));
      return;
    }
    res.writeHead(404).end();
  };
}
