import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planWrite } from '../../../src/core/configs/config-writer';

// NuGet restores a package only from sources mapped to it once <packageSourceMapping> exists
// (https://learn.microsoft.com/nuget/consume-packages/package-source-mapping): a new source
// without a mapping serves nothing, so the preview says so.
const MAPPED = (extra: string) => `<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="nuget.org">
      <package pattern="*" />
    </packageSource>${extra}
  </packageSourceMapping>
</configuration>
`;

async function planFor(content: string, packagePatterns?: string[]) {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'keyport-nuget-map-')), 'NuGet.Config');
  writeFileSync(file, content, { mode: 0o600 });
  const plan = await planWrite({
    format: 'nuget',
    file,
    registry: 'https://feed.corp.example/v3/index.json',
    source: 'Corp',
    username: 'ci',
    secret: 'kp-test-secret-0001',
    ...(packagePatterns ? { packagePatterns } : {}),
  });
  expect(plan.changed).toBe(true);
  return plan;
}

async function notesFor(content: string): Promise<string[]> {
  return (await planFor(content)).notes;
}

describe('NuGet <packageSourceMapping>', () => {
  it('a new source without a mapping: the preview warns, naming the source', async () => {
    const notes = await notesFor(MAPPED(''));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('<packageSourceMapping>');
    expect(notes[0]).toContain('"Corp"');
    expect(notes[0]).toContain('package patterns');
    expect(notes[0]).not.toContain('kp-test-secret-0001');
  });

  it('with package patterns: the mapping is written, no warning, and the preview shows it', async () => {
    const plan = await planFor(MAPPED(''), ['Corp.*']);
    expect(plan.notes).toEqual([]);
    expect(plan.after).toContain(
      '    <packageSource key="Corp">\n      <package pattern="Corp.*" />\n    </packageSource>\n  </packageSourceMapping>',
    );
    expect(plan.diff).toContain('+      <package pattern="Corp.*" />');
    expect(plan.entry).toBe('source Corp with credentials and package patterns Corp.*');
  });

  it('the preview tells the app that this file takes package patterns (and only this one)', async () => {
    expect((await planFor(MAPPED(''))).fileFields).toEqual(['packagePatterns']);
    const plain = await planFor('<?xml version="1.0"?>\n<configuration>\n</configuration>\n');
    expect(plain.fileFields).toEqual([]);
  });

  it('package patterns for a file without <packageSourceMapping> are refused, not a new mapping', async () => {
    await expect(
      planFor('<?xml version="1.0"?>\n<configuration>\n</configuration>\n', ['Corp.*']),
    ).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringContaining('has none'),
    });
  });

  it('a mapped source (any case) or a file without mapping: no warning', async () => {
    const mapped =
      '\n    <packageSource key="corp">\n      <package pattern="Corp.*" />\n    </packageSource>';
    expect(await notesFor(MAPPED(mapped))).toEqual([]);
    expect(await notesFor('<?xml version="1.0"?>\n<configuration>\n</configuration>\n')).toEqual(
      [],
    );
  });
});
