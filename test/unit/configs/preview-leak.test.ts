import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyportError } from '../../../src/shared/errors';
import { CONFIG_FORMATS, type ConfigFormat } from '../../../src/shared/types';
import { planRemove, planWrite, type WriteTarget } from '../../../src/core/configs/config-writer';
import { useTempDirs } from '../../support/temp-dir';

// The preview is a reader of the file it is pointed at: a file that is not the format gives an
// error with no content, and the diff shows only lines of the parsed config, secrets masked.
const tempDir = useTempDirs();
const SECRET = 'kp-test-leak-0001';

const PASSWD = [
  'root:x:0:0:root:/root:/bin/bash',
  'daemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin',
  'alice:x:1000:1000:Alice Example,,,:/home/alice:/bin/bash',
  '',
].join('\n');
const PRIVATE_KEY = [
  '-----BEGIN OPENSSH PRIVATE KEY-----',
  'b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW',
  'QyNTUxOQAAACBvbGRzZWNyZXRrZXltYXRlcmlhbG9ubHlmb3J0ZXN0aW5nAAAAAAAAAA==',
  '-----END OPENSSH PRIVATE KEY-----',
  '',
].join('\n');
const BASHRC = [
  '# ~/.bashrc',
  'export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIexampleKEY',
  "alias ll='ls -la'",
  'if [ -f ~/.bash_aliases ]; then . ~/.bash_aliases; fi',
  '',
].join('\n');

function targetFor(format: ConfigFormat, file: string): WriteTarget {
  return {
    format,
    file,
    registry: format === 'pip' ? 'https://pypi.example/simple/' : 'https://r.example/',
    username: 'ci',
    // gradle.properties entries are named by the repository, not the URL.
    ...(format === 'gradle' ? { repository: 'corp' } : {}),
    secret: SECRET,
  };
}

async function refused(promise: Promise<unknown>): Promise<KeyportError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(KeyportError);
  return err as KeyportError;
}

/** Every distinctive word of a file: none may show up in an error. */
const wordsOf = (text: string): string[] => text.split(/[\s:=,'"]+/).filter((w) => w.length >= 5);

describe('a file that is not the format: CONFIG_INVALID and nothing of it', () => {
  it.each(CONFIG_FORMATS)(
    '%s: /etc/passwd, a private key, a shell rc, binary data',
    async (format) => {
      const dir = tempDir();
      const files: Array<[string, string | Buffer]> = [
        ['passwd', PASSWD],
        ['id_ed25519', PRIVATE_KEY],
        ['bashrc', BASHRC],
        ['binary', Buffer.concat([Buffer.from('a=1\n'), randomBytes(512)])],
        ['escape', 'color=\u001b]0;pwned\u0007\n'],
      ];
      for (const [name, content] of files) {
        // Java reads /etc/passwd as properties (`root` = `x:0:0:…`, as `a:b` is a property): no
        // content rule of gradle.properties can refuse it, and it holds no secret. What keeps it
        // out of a preview is the path policy (the name must be gradle.properties unless picked).
        if (format === 'gradle' && name === 'passwd') continue;
        const file = path.join(dir, `${format}-${name}`);
        writeFileSync(file, content);
        for (const plan of [planWrite, planRemove]) {
          const err = await refused(plan(targetFor(format, file)));
          expect(err.code, `${format} ${name}`).toBe('CONFIG_INVALID');
          expect(err.message).toMatch(/Keyport left it untouched\.$/);
          const text = typeof content === 'string' ? content : '';
          for (const word of wordsOf(text)) expect(err.message).not.toContain(word);
        }
      }
    },
  );

  it('.npmrc: each line must be blank, a comment, a [section] or key = value', async () => {
    const dir = tempDir();
    const good = path.join(dir, 'good');
    writeFileSync(
      good,
      '; comment\n# comment\n\n[section]\n  @acme:registry = https://r.example/\nca[]="x y"\n"quoted key"=1\n',
    );
    expect((await planWrite(targetFor('npmrc', good))).changed).toBe(true);
    for (const [line, bad] of [
      [2, 'a=1\njust-a-word\n'],
      [1, 'export X=1\n'],
      [3, 'a=1\nb=2\n=value\n'],
      [1, ' [indented section]\n'],
    ] as const) {
      const file = path.join(dir, `bad-${line}`);
      writeFileSync(file, bad);
      const err = await refused(planWrite(targetFor('npmrc', file)));
      expect(err.message).toBe(
        `The existing .npmrc has a line that is not key = value (line ${line}); Keyport left it untouched.`,
      );
    }
  });
});

describe('the diff shows only parsed config lines, secrets masked', () => {
  it('.npmrc holding other tools’ secrets (an AWS-style section): values masked in context', async () => {
    const file = path.join(tempDir(), '.npmrc');
    const aws = 'wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY';
    writeFileSync(
      file,
      `[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = ${aws}\nsass_binary_site=https://mirror.example/\n`,
    );
    const plan = await planWrite(targetFor('npmrc', file));
    expect(plan.diff).toContain('+//r.example/:_authToken=kp-t');
    expect(plan.diff).toContain(' [default]');
    expect(plan.diff).not.toContain(aws);
    expect(plan.diff).not.toContain('AKIAIOSFODNN7EXAMPLE');
    expect(plan.diff).not.toContain(SECRET);
  });
});
