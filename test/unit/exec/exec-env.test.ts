import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ExecEnvironment } from '../../../src/core/exec/exec-env';
import { envVarName } from '../../../src/shared/references';
import { MemorySecretStore, type SecretStore } from '../../../src/core/vault/secret-store';
import { Vault } from '../../../src/core/vault/vault';
import { useTempDirs } from '../../support/temp-dir';

const tempDir = useTempDirs();

describe('ExecEnvironment', () => {
  it('reads each chosen token through its own entry and never lists the keychain', async () => {
    const root = tempDir();
    const home = path.join(root, 'home');
    const memory = new MemorySecretStore();
    const setup = await Vault.open({ dir: path.join(root, 'data'), secrets: memory });
    const add = (label: string, secret: string) =>
      setup.add({ label, registry: 'https://r.test/', ecosystem: 'npm', secret, origin: 'pasted' });
    const wanted = await add('wanted', 'kp-test-wanted-000000000001');
    for (let i = 0; i < 5; i++) await add(`other ${i}`, `kp-test-other-${i}-0000000000`);
    mkdirSync(path.join(home, '.nuget', 'NuGet'), { recursive: true });
    writeFileSync(
      path.join(home, '.nuget', 'NuGet', 'NuGet.Config'),
      `<configuration><packageSourceCredentials><feed><add key="ClearTextPassword" value="%${envVarName(wanted.id)}%" /></feed></packageSourceCredentials></configuration>\n`,
    );

    const asked: string[] = [];
    let listed = 0;
    const counting: SecretStore = {
      get: (a) => (asked.push(a), memory.get(a)),
      set: (a, s) => memory.set(a, s),
      delete: (a) => memory.delete(a),
      accounts: () => (listed++, memory.accounts()),
    };
    // As the CLI opens it for exec: reconcile (a keychain listing) put off.
    const vault = await Vault.open({
      dir: path.join(root, 'data'),
      secrets: counting,
      reconcile: false,
    });
    const exec = new ExecEnvironment(vault, {
      home,
      platform: 'linux',
      env: {},
      nodeExecPath: path.join(root, 'prefix', 'bin', 'node'),
    });
    const vars = await exec.variables({ projectDir: path.join(root, 'project') });
    expect(vars).toEqual({ [envVarName(wanted.id)]: 'kp-test-wanted-000000000001' });
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatch(new RegExp(`:${wanted.id}$`));
    expect(listed).toBe(0);
  });

  it('fails on an unknown --only id before reading any secret', async () => {
    const root = tempDir();
    const vault = await Vault.open({ dir: root, secrets: new MemorySecretStore() });
    const exec = new ExecEnvironment(vault, {
      home: root,
      platform: 'linux',
      env: {},
      nodeExecPath: path.join(root, 'bin', 'node'),
    });
    await expect(exec.variables({ projectDir: root, only: ['nope'] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });
});
