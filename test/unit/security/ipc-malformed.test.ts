import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dispatch, type Handlers } from '../../../src/core/ipc-handlers';
import { requestSchemas, type Channel } from '../../../src/shared/ipc-contract';

/**
 * Every channel of the contract gets malformed payloads through the real `dispatch` (the same
 * function main/ipc.ts and the e2e bridge call). The handlers only record that they ran: a refused
 * payload must never reach one, and no refusal may repeat what was sent.
 */
const MARK = 'KPMARK7f3a';
const CHANNELS = Object.keys(requestSchemas) as Channel[];

/** The smallest valid request per channel: only required fields, so dropping any must fail. */
const VALID: Record<Channel, Record<string, unknown>> = {
  'app:info': {},
  'vault:list': {},
  'vault:add': {
    label: 'ci',
    registry: 'https://registry.npmjs.org/',
    ecosystem: 'npm',
    secret: 'kp-test-valid-0001',
  },
  'vault:update': { id: 'abc123' },
  'vault:reveal': { id: 'abc123' },
  'vault:copy': { id: 'abc123' },
  'vault:remove': { id: 'abc123' },
  'vault:restore': { undoId: 'abc123' },
  'config:defaults': {},
  'config:plan': { tokenId: 'abc123', format: 'npmrc', file: '/tmp/keyport/.npmrc' },
  'config:apply': { planId: 'abc123' },
  'config:undo': { undoId: 'abc123' },
  'accounts:list': {},
  'accounts:sign-in': {
    registry: 'https://registry.npmjs.org/',
    username: 'alice',
    password: 'pw',
  },
  'accounts:add-token': { registry: 'https://registry.npmjs.org/', secret: 'kp-test-valid-0002' },
  'accounts:whoami': { id: 'abc123' },
  'remote:list': { accountId: 'abc123' },
  'remote:create': {
    accountId: 'abc123',
    label: 'ci',
    request: { kind: 'legacy', readonly: true, cidr: [] },
  },
  'remote:revoke': { accountId: 'abc123', keys: ['k1'], removeLocal: false },
  'op:cancel': { opId: 'abc123' },
  'op:status': { opId: 'abc123' },
  'scan:run': {},
  'sweep:run': { dirs: ['/tmp/keyport'] },
  'sweep:import': { findingIds: ['0123456789abcdef'], replaceWithReference: true, dryRun: true },
  'scan:import': {
    findingId: 'abc123',
    label: 'found',
    registry: 'https://registry.npmjs.org/',
    ecosystem: 'npm',
  },
  'rotate:preview': { tokenId: 'abc123' },
  'rotate:run': { tokenId: 'abc123' },
  'helper:setup-plan': { tokenId: 'abc123', helper: 'git' },
  'helper:setup-apply': { planId: 'abc123' },
  'helper:setup-undo': { undoId: 'abc123' },
  'helper:where-used': { tokenId: 'abc123' },
  'dialog:pick-config-file': { format: 'npmrc' },
  'dialog:pick-folder': { purpose: 'scan' },
};

/**
 * Free text by design: a password may hold any character (it only travels inside a JSON body and
 * is never written to a file or a header line).
 */
const CONTROL_CHARS_ALLOWED = new Set(['accounts:sign-in.password']);

function recorder() {
  const ran: Channel[] = [];
  const handlers = Object.fromEntries(
    CHANNELS.map((c) => [
      c,
      () => {
        ran.push(c);
        return {};
      },
    ]),
  ) as unknown as Handlers;
  return { handlers, ran };
}

async function expectRefused(
  channel: unknown,
  payload: unknown,
  code: 'INVALID_INPUT' | 'UNKNOWN_CHANNEL' = 'INVALID_INPUT',
): Promise<void> {
  const { handlers, ran } = recorder();
  const result = await dispatch(handlers, channel, payload);
  const shown = describe_(payload);
  expect(result.ok, `${String(channel)} ${shown}`).toBe(false);
  if (!result.ok) {
    expect(result.error.code, `${String(channel)} ${shown}`).toBe(code);
    expect(Object.keys(result.error).sort()).toEqual(['code', 'message']);
    expect(result.error.message.length).toBeLessThan(300);
    // eslint-disable-next-line no-control-regex
    expect(result.error.message).not.toMatch(/[\u0000-\u001f]/);
  }
  expect(JSON.stringify(result), shown).not.toContain(MARK);
  expect(ran, shown).toEqual([]);
}

function describe_(payload: unknown): string {
  try {
    return JSON.stringify(payload)?.slice(0, 120) ?? String(payload);
  } catch {
    return String(payload);
  }
}
const describeFn = describe;

/** Values of every other type than `valid`'s (null stays wrong: no required field is nullable). */
function wrongTypes(valid: unknown): unknown[] {
  const scalars: unknown[] = [
    42,
    -1.5,
    Number.NaN,
    true,
    null,
    `${MARK}-text`,
    {},
    { value: `${MARK}-in-object` },
    new Date(0),
    new Map([[MARK, MARK]]),
  ];
  if (Array.isArray(valid)) return [...scalars, [42], [null], [{ value: MARK }], [[MARK]]];
  const arrays = [[], [`${MARK}-in-array`]];
  if (valid !== null && typeof valid === 'object') {
    return [...arrays, ...scalars.filter((v) => typeof v !== 'object' || v === null)];
  }
  return [...arrays, ...scalars.filter((v) => typeof v !== typeof valid)];
}

function nested(depth: number): unknown {
  let value: unknown = MARK;
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describeFn('IPC requests are validated at run time on every channel', () => {
  it('lets each channel’s smallest valid request through (so the refusals below mean something)', async () => {
    for (const channel of CHANNELS) {
      const { handlers, ran } = recorder();
      expect(await dispatch(handlers, channel, VALID[channel]), channel).toEqual({
        ok: true,
        value: {},
      });
      expect(ran).toEqual([channel]);
    }
  });

  it('refuses an unknown channel without repeating its name', async () => {
    const names: unknown[] = [
      'shell:exec',
      `${MARK}:run`,
      '__proto__',
      'constructor',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '',
      'vault:list ',
      'VAULT:LIST',
      'vault:list\u0000',
      42,
      null,
      undefined,
      {},
      ['vault:list'],
    ];
    for (const name of names) await expectRefused(name, {}, 'UNKNOWN_CHANNEL');
  });

  for (const channel of CHANNELS) {
    describeFn(channel, () => {
      const valid = VALID[channel];

      it('refuses payloads that are not a plain object', async () => {
        const payloads: unknown[] = [
          undefined,
          null,
          0,
          42,
          Number.NaN,
          '',
          `${MARK}`,
          true,
          [],
          [valid],
          new Date(0),
          new Map(Object.entries(valid)),
          new Set([MARK]),
          new Uint8Array([1, 2, 3]),
        ];
        for (const payload of payloads) await expectRefused(channel, payload);
      });

      it('refuses extra fields, prototype-pollution keys included, and never names them', async () => {
        const extras = [
          { extra: 1 },
          JSON.parse(`{"__proto__": {"polluted": "${MARK}"}}`) as object,
          { constructor: { prototype: { polluted: MARK } } },
          { prototype: MARK },
          { toString: MARK },
          { [`${MARK}${'x'.repeat(5000)}`]: 1 },
          { [`a\r\n${MARK}`]: 1 },
          { [MARK]: 1 },
        ];
        for (const extra of extras) {
          const payload = Object.assign(
            JSON.parse(JSON.stringify(valid)) as object,
            extra,
          ) as unknown;
          // Object.assign skips a JSON "__proto__" own key; copy it the way JSON.parse made it.
          if (Object.hasOwn(extra, '__proto__')) {
            Object.defineProperty(payload, '__proto__', {
              value: (extra as Record<string, unknown>)['__proto__'],
              enumerable: true,
            });
          }
          await expectRefused(channel, payload);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });

      const fields = Object.keys(valid);
      if (fields.length === 0) return;

      it('refuses a request missing any required field', async () => {
        for (const field of fields) {
          const { [field]: _dropped, ...rest } = valid;
          await expectRefused(channel, rest);
        }
      });

      it('refuses a wrong type in any field', async () => {
        for (const field of fields) {
          for (const wrong of wrongTypes(valid[field])) {
            await expectRefused(channel, { ...valid, [field]: wrong });
          }
        }
      });

      it('refuses huge strings, deep nesting, and CR/LF/NUL/ESC in text fields', async () => {
        for (const field of fields) {
          await expectRefused(channel, { ...valid, [field]: nested(5000) });
          if (typeof valid[field] !== 'string') continue;
          await expectRefused(channel, { ...valid, [field]: `${MARK}${'a'.repeat(1 << 20)}` });
          if (CONTROL_CHARS_ALLOWED.has(`${channel}.${field}`)) continue;
          for (const control of ['\r', '\n', '\r\n', '\u0000', '\u001b', '\u007f']) {
            await expectRefused(channel, {
              ...valid,
              [field]: `${valid[field] as string}${control}${MARK}`,
            });
          }
        }
      });
    });
  }

  it('answers any random value on any channel with a refusal or a validated call, never a crash', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CHANNELS),
        fc.oneof(
          fc.anything({ withMap: true, withSet: true, withDate: true, withTypedArray: true }),
          fc.jsonValue(),
          fc.dictionary(fc.string(), fc.jsonValue()),
        ),
        async (channel, payload) => {
          const { handlers, ran } = recorder();
          const result = await dispatch(handlers, channel, payload);
          if (result.ok) expect(ran).toEqual([channel]);
          else {
            expect(result.error.code).toBe('INVALID_INPUT');
            expect(ran).toEqual([]);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses random mutations of valid requests unless the mutation is itself valid', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...CHANNELS),
        fc.string({ minLength: 1, maxLength: 12 }),
        fc.jsonValue(),
        async (channel, key, value) => {
          const payload = { ...VALID[channel], [key]: value };
          const schema = requestSchemas[channel] as { entries?: Record<string, unknown> };
          const known = Object.hasOwn(schema.entries ?? {}, key);
          const { handlers, ran } = recorder();
          const result = await dispatch(handlers, channel, payload);
          if (!known) expect(result.ok).toBe(false);
          expect(ran.length).toBe(result.ok ? 1 : 0);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
