import { mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ApiError, createApi, errorInfoOf, plainMessage } from '../../src/renderer/src/api';
import type { KeyportApi } from '../../src/shared/ipc-contract';
import { secret } from './render-app';
import { TestKeyport } from './test-keyport';

describe('api client', () => {
  it('unwraps values and turns error results into ApiErrors with the core’s code and sentence', async () => {
    const keyport = await TestKeyport.open([{ id: 'a', label: 'a', secret: secret('a') }]);
    const api = createApi(keyport.api);
    expect((await api.listTokens({})).map((t) => t.id)).toEqual(['a']);

    await keyport.dropSecret('a');
    const err = await api.revealToken({ id: 'a' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(errorInfoOf(err)).toEqual({
      code: 'SECRET_MISSING',
      message: 'The keychain no longer holds the value of "a". Paste it again or delete the entry.',
    });
  });

  it('reports a missing or broken bridge without leaking what it threw', async () => {
    const missing = await createApi(undefined)
      .listTokens({})
      .catch((e: unknown) => e);
    expect(errorInfoOf(missing).code).toBe('INTERNAL');

    const broken = { listTokens: () => Promise.reject(new Error('token=npm_secret')) };
    const err = await createApi(broken as unknown as KeyportApi)
      .listTokens({})
      .catch((e: unknown) => e);
    expect(errorInfoOf(err)).toEqual({
      code: 'INTERNAL',
      message: 'Keyport could not reach its vault; nothing was changed.',
    });
    expect(errorInfoOf(new Error('secret text')).message).not.toContain('secret text');
  });

  it('turns system error codes into plain sentences, and passes the core’s own ones through', async () => {
    expect(
      plainMessage('CONFIG_WRITE_FAILED', "EISDIR: illegal operation on a directory, open '/h/x'"),
    ).toBe('That path is a folder, not a file: choose a file. Nothing was changed.');
    expect(plainMessage('PATH_NOT_ALLOWED', '')).toMatch(/Choose file…/);
    expect(plainMessage('TOO_LARGE', 'The file is over 1 MB.')).toBe('The file is over 1 MB.');

    // The real core names a folder where a file belongs itself, before any system call fails.
    const keyport = await TestKeyport.open([{ id: 'a', label: 'a', secret: secret('a') }]);
    mkdirSync(keyport.file('.npmrc'));
    const err = await createApi(keyport.api)
      .planWrite({ tokenId: 'a', format: 'npmrc', file: keyport.file('.npmrc') })
      .catch((e: unknown) => e);
    expect(errorInfoOf(err)).toEqual({
      code: 'NOT_A_REGULAR_FILE',
      message: `${keyport.file('.npmrc')} is a folder, not a regular file; Keyport reads and writes only regular config files.`,
    });
  });
});
