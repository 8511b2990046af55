import { describe, expect, it } from 'vitest';
import { mergeRemote } from '../../../src/core/registries/remote-rows';
import type { RemoteToken } from '../../../src/shared/registry-types';
import type { TokenMeta } from '../../../src/shared/types';

const remote = (key: string): RemoteToken => ({
  key,
  masked: 'npm_ab…yz',
  readonly: false,
  cidr: [],
  created: '2026-01-01T00:00:00.000Z',
});

const local = (id: string, remoteKey?: string): TokenMeta =>
  ({ id, label: id, remoteKey }) as TokenMeta;

describe('mergeRemote', () => {
  it('pairs by the registry key, keeps registry-only rows and reports vault tokens gone remotely', () => {
    const rows = mergeRemote(
      [remote('k1'), remote('k2')],
      [local('a', 'k1'), local('b', 'k3'), local('c')],
    );
    expect(rows.map((r) => [r.state, r.remote?.key, r.local?.id])).toEqual([
      ['in-keyport', 'k1', 'a'],
      ['registry-only', 'k2', undefined],
      ['revoked-elsewhere', undefined, 'b'],
    ]);
  });
});
