import * as v from 'valibot';
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CreateTokenRequestSchema,
  type CreateTokenRequest,
  type ParsedRequestOf,
} from '../../../src/shared/ipc-contract';
import type { RegistryTokenClient } from '../../../src/core/registries/registry-client';
import { granularRequest, type RotateFlow } from '../../../src/core/flows/rotate-flow';
import type { ScanFlow } from '../../../src/core/flows/scan-flow';

// The type assertions are checked by `tsc -p tsconfig.node.json` (which compiles the tests).
describe('request types come from the contract schemas', () => {
  it('one create-request type from IPC through the flows to the registry client', () => {
    expectTypeOf<ParsedRequestOf<'remote:create'>['request']>().toEqualTypeOf<CreateTokenRequest>();
    expectTypeOf<
      Parameters<RegistryTokenClient['createToken']>[1]
    >().toEqualTypeOf<CreateTokenRequest>();
    expectTypeOf<Parameters<RotateFlow['run']>[0]>().toEqualTypeOf<ParsedRequestOf<'rotate:run'>>();
    expectTypeOf<Parameters<ScanFlow['import']>[0]>().toEqualTypeOf<
      ParsedRequestOf<'scan:import'>
    >();
  });

  it("a rotation asks for a token the contract's own schema accepts", () => {
    const request = granularRequest(
      {
        key: 'fake-key-1',
        masked: 'npm_ab…yz',
        readonly: false,
        cidr: ['10.0.0.0/8'],
        created: '2026-01-01T00:00:00.000Z',
        expires: '2026-01-31T00:00:00.000Z',
        name: 'ci deploy',
        packages: ['left-pad'],
        packagesAndScopesPermission: 'read-write',
      },
      new Date('2026-02-01T00:00:00.000Z'),
    );
    expect(v.parse(CreateTokenRequestSchema, request)).toEqual(request);
  });
});
