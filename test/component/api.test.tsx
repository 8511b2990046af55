import { describe, expect, it } from 'vitest';
import { ApiError, createApi, errorInfoOf, plainMessage } from '../../src/renderer/src/api';
import type { KeyportApi } from '../../src/shared/ipc-contract';
import { FakeKeyport } from './fake-keyport';
import { secret } from './render-app';

describe('api client', () => {
  it('unwraps values and turns error results into ApiErrors with the core’s code and sentence', async () => {
    const fake = new FakeKeyport([{ id: 'a', label: 'a', secret: secret('a') }]);
    const api = createApi(fake.api);
    expect((await api.listTokens({})).map((t) => t.id)).toEqual(['a']);

    fake.failNext('revealToken', 'KEYCHAIN_LOCKED', 'The keychain is locked.');
    const err = await api.revealToken({ id: 'a' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(errorInfoOf(err)).toEqual({
      code: 'KEYCHAIN_LOCKED',
      message: 'The keychain is locked.',
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

  it('turns system error codes into plain sentences', async () => {
    const fake = new FakeKeyport([{ id: 'a', label: 'a', secret: secret('a') }]);
    const api = createApi(fake.api);
    fake.failNext(
      'planWrite',
      'CONFIG_WRITE_FAILED',
      "EISDIR: illegal operation on a directory, open '/h/x'",
    );
    const err = await api
      .planWrite({ tokenId: 'a', format: 'npmrc', file: '/h/x' })
      .catch((e: unknown) => e);
    expect(errorInfoOf(err).message).toBe(
      'That path is a folder, not a file: choose a file. Nothing was changed.',
    );
    expect(plainMessage('PATH_NOT_ALLOWED', '')).toMatch(/Choose file…/);
    expect(plainMessage('TOO_LARGE', 'The file is over 1 MB.')).toBe('The file is over 1 MB.');
  });
});
