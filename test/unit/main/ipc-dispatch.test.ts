import { describe, expect, it } from 'vitest';
import { createHandlers, dispatch } from '../../../src/core/ipc-handlers';
import { openCore } from '../../../src/core/open-core';
import { MemoryClipboard } from '../../../src/core/clipboard-guard';
import { MemorySecretStore } from '../../../src/core/vault/secret-store';
import { requestSchemas } from '../../../src/shared/ipc-contract';
import { useTempDirs } from '../../support/temp-dir';
import { ScriptedDialogs } from '../../support/scripted-dialogs';

const SECRET = 'kp-test-secret-0003-dispatchvalue';
const tempDir = useTempDirs();

async function setup() {
  const clipboard = new MemoryClipboard();
  const core = await openCore({
    access: { mode: 'app', dialogs: new ScriptedDialogs() },
    version: 'test',
    dataDir: tempDir(),
    secrets: new MemorySecretStore(),
    clipboard,
  });
  return { handlers: createHandlers(core.service), clipboard };
}

const valid = {
  label: 'L',
  registry: 'https://registry.npmjs.org/',
  ecosystem: 'npm',
  secret: SECRET,
};

describe('dispatch', () => {
  it('runs a valid request and returns the value', async () => {
    const { handlers, clipboard } = await setup();
    const added = await dispatch(handlers, 'vault:add', valid);
    expect(added.ok).toBe(true);
    const id = added.ok ? (added.value as { id: string }).id : '';
    const copied = await dispatch(handlers, 'vault:copy', { id });
    expect(copied).toEqual({ ok: true, value: { clearAfterSeconds: 30 } });
    expect(clipboard.text).toBe(SECRET);
  });

  it('refuses an unknown channel', async () => {
    const { handlers } = await setup();
    expect(await dispatch(handlers, 'shell:exec', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await dispatch(handlers, '__proto__', {})).toMatchObject({ ok: false });
  });

  const malformed: unknown[] = [
    undefined,
    null,
    42,
    'text',
    [],
    { id: 5 },
    { id: '../../etc/passwd' },
    { extra: true },
  ];
  for (const channel of Object.keys(requestSchemas)) {
    it(`refuses malformed payloads on ${channel}`, async () => {
      const { handlers } = await setup();
      for (const payload of malformed) {
        const result = await dispatch(handlers, channel, payload);
        expect(result.ok, JSON.stringify(payload)).toBe(false);
        if (!result.ok) expect(['INVALID_INPUT']).toContain(result.error.code);
      }
    });
  }

  it('refuses CR/LF, NUL and surrounding spaces in a token and never echoes the value', async () => {
    const { handlers } = await setup();
    for (const secret of [`${SECRET}\n//evil/:_authToken=x`, `${SECRET} `, `${SECRET}\u0000`]) {
      const result = await dispatch(handlers, 'vault:add', { ...valid, secret });
      expect(result.ok).toBe(false);
      expect(JSON.stringify(result)).not.toContain(SECRET);
    }
    const wrongType = await dispatch(handlers, 'vault:add', {
      ...valid,
      label: SECRET.length,
      ecosystem: SECRET,
    });
    expect(JSON.stringify(wrongType)).not.toContain(SECRET);
  });

  it('refuses a registry that is not an http(s) URL', async () => {
    const { handlers } = await setup();
    for (const registry of ['javascript:alert(1)', 'file:///etc/passwd', 'registry.npmjs.org']) {
      const result = await dispatch(handlers, 'vault:add', { ...valid, registry });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });

  it('turns unexpected errors into a generic message', async () => {
    const { handlers } = await setup();
    const result = await dispatch(handlers, 'vault:reveal', { id: 'doesnotexist' });
    expect(result).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
