// KeyringSecretStore keeps one keychain handle per account (see its comment). These tests run
// against the private gnome-keyring of scripts/with-keyring.mjs and prove that a kept handle is
// only a connection: every read goes to the Secret Service, so changes made behind Keyport's back
// (another process, secret-tool) are seen at once.
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { KeyringSecretStore } from '../../src/core/vault/keyring-secret-store';

const SERVICE = 'keyport-handle-test';

function secretTool(args: string[], input?: string): string {
  return execFileSync('secret-tool', args, {
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

describe('KeyringSecretStore handles', () => {
  it('reads through a kept handle what another process changed, deleted and re-created', async () => {
    const store = new KeyringSecretStore(SERVICE);
    const account = randomUUID();
    await store.set(account, 'first-value');
    expect(await store.get(account)).toBe('first-value');

    secretTool(['store', '--label=x', 'service', SERVICE, 'username', account], 'second-value');
    expect(await store.get(account)).toBe('second-value');

    secretTool(['clear', 'service', SERVICE, 'username', account]);
    expect(await store.get(account)).toBeNull();

    secretTool(['store', '--label=x', 'service', SERVICE, 'username', account], 'third-value');
    expect(await store.get(account)).toBe('third-value');

    expect(await store.delete(account)).toBe(true);
    expect(secretTool(['search', '--all', 'service', SERVICE, 'username', account])).toBe('');
    expect(await store.delete(account)).toBe(false);
  });

  it('two stores (two processes in the app and CLI) see each other’s writes', async () => {
    const a = new KeyringSecretStore(SERVICE);
    const b = new KeyringSecretStore(SERVICE);
    const account = randomUUID();
    await a.set(account, 'from-a');
    expect(await b.get(account)).toBe('from-a');
    await b.set(account, 'from-b');
    expect(await a.get(account)).toBe('from-b');
    await a.delete(account);
    expect(await b.get(account)).toBeNull();
  });

  it('keeps at most maxHandles handles and still answers for evicted accounts', async () => {
    const store = new KeyringSecretStore(SERVICE, 2);
    const accounts = [randomUUID(), randomUUID(), randomUUID()];
    for (const [i, account] of accounts.entries()) await store.set(account, `value-${i}`);
    for (const [i, account] of accounts.entries())
      expect(await store.get(account)).toBe(`value-${i}`);
    expect((store as unknown as { handles: Map<string, unknown> }).handles.size).toBe(2);
    for (const account of accounts) await store.delete(account);
  });

  it('a kept handle still answers after the keyring daemon restarts', async () => {
    const store = new KeyringSecretStore(SERVICE);
    const account = randomUUID();
    await store.set(account, 'survives-restart');
    expect(await store.get(account)).toBe('survives-restart');
    // Same private keyring files and password as scripts/with-keyring.mjs.
    execFileSync(
      'sh',
      ['-c', 'printf test | gnome-keyring-daemon --replace --unlock --components=secrets'],
      {
        stdio: 'ignore',
      },
    );
    expect(await store.get(account)).toBe('survives-restart');
    await store.delete(account);
  });
});
