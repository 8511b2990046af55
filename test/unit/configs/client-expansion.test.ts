import { describe, expect, it } from 'vitest';
import { KeyportError } from '../../../src/shared/errors';
import { EDITORS } from '../../../src/core/configs/editors';
import type { EditTarget } from '../../../src/core/configs/config-editor';
import { parseRequest, parseSecret } from '../../../src/core/validate';
import { referenceFor } from '../../../src/shared/references';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { Vault } from '../../../src/core/vault/vault';
import { useTempDirs } from '../../support/temp-dir';

// Values a client would expand are refused: `${…}` in npm and Maven values, `%NAME%` in NuGet
// values, control characters anywhere; only Keyport's own reference passes, and only when the
// write asked for a reference.
const tempDir = useTempDirs();
const HARVEST = {
  npmrc: 'npm_x${AWS_SECRET_ACCESS_KEY}',
  maven: 'tok${env.AWS_SECRET_ACCESS_KEY}',
  nuget: 'tok%AWS_SECRET_ACCESS_KEY%',
} as const;

function target(format: keyof typeof HARVEST, over: Partial<EditTarget> = {}): EditTarget {
  return { registry: 'https://r.example/', username: 'ci', secret: 'kp-ok-token-0001', ...over };
}

function unsafe(run: () => unknown): KeyportError {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(KeyportError);
    expect((err as KeyportError).code).toBe('UNSAFE_VALUE');
    return err as KeyportError;
  }
  throw new Error('expected UNSAFE_VALUE');
}

describe('the editors refuse what the client would expand', () => {
  it.each(Object.entries(HARVEST))('%s: the token %s', (format, secret) => {
    const editor = EDITORS[format as keyof typeof HARVEST];
    const err = unsafe(() => editor.edit('', target(format as keyof typeof HARVEST, { secret })));
    expect(err.message).not.toContain('AWS');
    expect(err.message).toMatch(/^The token contains .*, which (npm|Maven|NuGet) replaces/);
  });

  it('the other values too: Maven user name, NuGet user and source name', () => {
    unsafe(() => EDITORS.maven.edit('', target('maven', { username: '${user.home}' })));
    unsafe(() => EDITORS.maven.edit('', target('maven', { serverId: 'x${env.HOME}' })));
    unsafe(() => EDITORS.nuget.edit('', target('nuget', { username: '%USERNAME%' })));
    unsafe(() => EDITORS.nuget.edit('', target('nuget', { source: 'a%PATH%b' })));
  });

  it('control characters anywhere (ESC, C1 CSI, NEL)', () => {
    for (const format of ['npmrc', 'maven', 'nuget', 'netrc', 'pip', 'pypirc'] as const) {
      for (const secret of ['tok\u001b[31m', 'tok\u009b31m', 'tok\u0085x']) {
        unsafe(() => EDITORS[format].edit('', { ...target('npmrc'), secret }));
      }
    }
  });

  it('the reference Keyport writes passes only as a reference, and only its own form', () => {
    for (const format of ['npmrc', 'maven', 'nuget'] as const) {
      const reference = referenceFor(format, 'abc123');
      const ok = EDITORS[format].edit('', target(format, { secret: reference, reference: true }));
      expect(ok.text).toContain(reference);
      // Not asked for as a reference: the same text is a value the client would expand.
      unsafe(() => EDITORS[format].edit('', target(format, { secret: reference })));
      // Asked for as a reference, but another variable: refused.
      unsafe(() =>
        EDITORS[format].edit('', target(format, { secret: HARVEST[format], reference: true })),
      );
    }
    const err = unsafe(() =>
      EDITORS.npmrc.edit('', target('npmrc', { secret: '${AWS_SECRET}', reference: true })),
    );
    expect(err.message).toBe('The token is not a reference Keyport writes (${KEYPORT_…}).');
  });

  it('formats whose clients expand nothing keep what they can carry', () => {
    expect(
      EDITORS.pip.edit('', { ...target('npmrc'), secret: 'a%b%c', registry: 'https://p/simple/' })
        .text,
    ).toContain('a%25b%25c');
  });
});

describe('the shared Secret schema: pasted and issued tokens fail early', () => {
  it.each([
    ['npm_x${AWS_SECRET_ACCESS_KEY}'],
    ['tok%AWS_SECRET%'],
    ['tok\u009b31m'],
    ['tok\u001bx'],
  ])('refuses %j with a clear sentence that does not repeat it', (secret) => {
    let message = '';
    try {
      parseSecret(secret);
    } catch (err) {
      expect((err as KeyportError).code).toBe('INVALID_INPUT');
      message = (err as KeyportError).message;
    }
    expect(message).toMatch(/^token: The token must not contain/);
    expect(message).not.toContain('AWS');
  });

  it('the vault:add channel refuses it before anything is stored', () => {
    expect(() =>
      parseRequest('vault:add', {
        label: 'x',
        registry: 'https://r.example/',
        ecosystem: 'npm',
        secret: 'npm_${HOME}',
      }),
    ).toThrow(
      'secret: The token must not contain "${" or a %NAME% pair: npm, Maven and NuGet would replace it with an environment variable.',
    );
  });

  it('the vault itself refuses it, whatever the caller (created, imported, signed in)', async () => {
    const secrets = new MemorySecretStore();
    const vault = await Vault.open({ dir: tempDir(), secrets });
    await expect(
      vault.add({
        label: 'x',
        registry: 'https://r.example/',
        ecosystem: 'npm',
        secret: 'npm_${HOME}',
        origin: 'imported',
      }),
    ).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(await vault.list()).toEqual([]);
    expect((await secrets.accounts()).filter((a) => !a.endsWith('/fingerprint-key'))).toEqual([]);
  });
});
