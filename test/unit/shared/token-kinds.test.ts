import { describe, expect, it } from 'vitest';
import { parseRequest } from '../../../src/core/validate';
import { planWrite } from '../../../src/core/configs/config-writer';
import {
  requestedKind,
  TOKEN_KIND_LABELS,
  TOKEN_KINDS,
  tokenKindOf,
  tokenKindText,
} from '../../../src/shared/token-kinds';
import { MAVEN_AUTHS, PIP_MODES } from '../../../src/shared/types';

describe('token kinds, one list for core, CLI and app', () => {
  it('names a registry token the same way a create request asks for it', () => {
    expect(tokenKindOf({ readonly: true })).toBe('read-only');
    expect(tokenKindOf({ readonly: false, automation: true })).toBe('automation');
    expect(tokenKindOf({ readonly: false })).toBe('publish');
    expect(tokenKindOf({ readonly: false, name: 'ci' })).toBe('granular');
    expect(requestedKind({ kind: 'legacy', readonly: false, automation: true, cidr: [] })).toBe(
      'automation',
    );
    expect(requestedKind({ kind: 'legacy', readonly: true, cidr: [] })).toBe('read-only');
    expect(requestedKind({ kind: 'granular', name: 'ci', cidr: [] })).toBe('granular');
    expect(tokenKindText({ readonly: false, name: 'deploy-bot' })).toBe('granular: deploy-bot');
  });

  it('has a label for every kind, in the order the create dialog offers them', () => {
    expect(TOKEN_KINDS.map((k) => TOKEN_KIND_LABELS[k])).toEqual([
      'Read-only',
      'Publish',
      'Automation',
      'Granular',
    ]);
  });
});

describe('pip modes and Maven authentications, one list for contract and writer', () => {
  const plan = { tokenId: 'fake-id', format: 'pip', file: '/tmp/keyport-none/pip.conf' };

  it('the contract refuses another value with the list in its sentence', () => {
    expect(() => parseRequest('config:plan', { ...plan, pipMode: 'only-url' })).toThrow(
      `pipMode: The pip mode must be ${PIP_MODES.join(' or ')}.`,
    );
    expect(() => parseRequest('config:plan', { ...plan, mavenAuth: 'basic' })).toThrow(
      `mavenAuth: The Maven authentication must be ${MAVEN_AUTHS.join(' or ')}.`,
    );
  });

  it('the writer, called from inside the core, refuses it with the same sentence', async () => {
    const target = {
      format: 'pip' as const,
      file: '/tmp/keyport-none/pip.conf',
      registry: 'https://pypi.example.test/simple/',
      secret: 'fake-token-0001',
    };
    await expect(
      planWrite({ ...target, pipMode: 'only-url' as (typeof PIP_MODES)[number] }),
    ).rejects.toThrow('The pip mode must be index-url or extra-index-url.');
  });
});
