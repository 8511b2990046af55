import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { authorizationGate, listenOnLoopback } from './loopback-server';

export interface GemSource {
  url: string;
  /** Every request's Authorization header (null without one): what Bundler sent. */
  seen: (string | null)[];
  close(): Promise<void>;
}

/**
 * A private gem source on 127.0.0.1 speaking Bundler's compact index (`/versions`, `/info/NAME`,
 * `/gems/NAME-V.gem`), holding one gem built with the real `gem build` in `dir`. Every request
 * without exactly `authorization` gets 401, as a private source answers.
 */
export async function startGemSource(
  dir: string,
  name: string,
  authorization: string,
): Promise<GemSource> {
  mkdirSync(path.join(dir, 'lib'), { recursive: true });
  writeFileSync(path.join(dir, 'lib', `${name}.rb`), 'module KpPrivate; end\n');
  writeFileSync(
    path.join(dir, `${name}.gemspec`),
    `Gem::Specification.new do |s|
  s.name = "${name}"
  s.version = "1.0.0"
  s.summary = "A private gem only a signed-in client can fetch"
  s.authors = ["Keyport tests"]
  s.files = ["lib/${name}.rb"]
  s.license = "MIT"
end
`,
  );
  execFileSync('gem', ['build', `${name}.gemspec`], {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir },
    stdio: 'ignore',
  });
  const gem = readFileSync(path.join(dir, `${name}-1.0.0.gem`));
  const digest = (algorithm: string, data: Buffer | string) =>
    createHash(algorithm).update(data).digest('hex');
  const info = `---\n1.0.0 |checksum:${digest('sha256', gem)}\n`;
  const versions = `created_at: 2026-01-01T00:00:00Z\n---\n${name} 1.0.0 ${digest('md5', info)}\n`;
  const files: Record<string, string | Buffer> = {
    '/versions': versions,
    [`/info/${name}`]: info,
    [`/gems/${name}-1.0.0.gem`]: gem,
  };
  const { seen, listener } = authorizationGate(
    () => authorization,
    (req, res) => {
      const body = files[req.url ?? ''];
      if (body === undefined) res.writeHead(404).end();
      else res.writeHead(200).end(body);
    },
  );
  const { origin, close } = await listenOnLoopback(http.createServer(listener));
  return { url: `${origin}/`, seen, close };
}
