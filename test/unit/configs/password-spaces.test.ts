import { describe, expect, it } from 'vitest';
import { KeyportError } from '../../../src/shared/errors';
import type { ConfigFormat } from '../../../src/shared/types';
import { EDITORS } from '../../../src/core/configs/editors';
import { parseSecret } from '../../../src/core/validate';

// Passwords (not only tokens) go into these files, and people's passwords have spaces. Each format
// that can carry one takes it (the real clients read it back: real-clients.test.ts); .netrc, whose
// readers disagree on quoting, refuses it and says so.
const PASSWORD = 'kp-test correct horse 0001';
const TARGETS: Record<ConfigFormat, { registry: string; username?: string; repository?: string }> =
  {
    npmrc: { registry: 'https://registry.example/' },
    maven: { registry: 'https://repo.example/', username: 'ci' },
    nuget: { registry: 'https://feed.example/v3/index.json', username: 'ci' },
    netrc: { registry: 'https://host.example/', username: 'ci' },
    pip: { registry: 'https://pypi.example/simple/', username: 'ci' },
    pypirc: { registry: 'https://upload.example/legacy/', username: 'ci' },
    yarnrc: { registry: 'https://registry.example/' },
    composer: { registry: 'https://repo.example/', username: 'ci' },
    bundler: { registry: 'https://gems.example/', username: 'ci' },
    gradle: { registry: 'https://repo.example/', repository: 'corp', username: 'ci' },
  };

describe('a password with spaces', () => {
  it('passes the token check; surrounding spaces and tabs do not', () => {
    expect(parseSecret(PASSWORD)).toBe(PASSWORD);
    for (const bad of [' lead', 'trail ', 'a\tb', 'two  spaces'])
      expect(() => parseSecret(bad)).toThrow(KeyportError);
  });

  it.each(Object.keys(TARGETS).filter((f) => f !== 'netrc') as ConfigFormat[])(
    '%s carries it',
    (format) => {
      const text = EDITORS[format].edit('', { ...TARGETS[format], secret: PASSWORD }).text;
      // pip and Bundler percent-decode what they read (Bundler with CGI.unescape).
      const stored =
        format === 'pip' || format === 'bundler' ? encodeURIComponent(PASSWORD) : PASSWORD;
      expect(text).toContain(stored);
    },
  );

  it('.netrc refuses it, naming the format', () => {
    let caught: unknown;
    try {
      EDITORS.netrc.edit('', { ...TARGETS.netrc, secret: PASSWORD });
    } catch (err) {
      caught = err;
    }
    expect((caught as KeyportError).code).toBe('UNSAFE_VALUE');
    expect((caught as KeyportError).message).toContain('.netrc');
    expect((caught as KeyportError).message).not.toContain(PASSWORD);
  });
});
