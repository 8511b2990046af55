import { describe, expect, it } from 'vitest';
import { ApiError, createApi, errorInfoOf } from '../../src/renderer/src/api';
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
});
