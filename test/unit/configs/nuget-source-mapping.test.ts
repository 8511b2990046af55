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

async function notesFor(content: string): Promise<string[]> {
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'keyport-nuget-map-')), 'NuGet.Config');
  writeFileSync(file, content, { mode: 0o600 });
  const plan = await planWrite({
    format: 'nuget',
    file,
    registry: 'https://feed.corp.example/v3/index.json',
    source: 'Corp',
    username: 'ci',
    secret: 'kp-test-secret-0001',
  });
  expect(plan.changed).toBe(true);
  return plan.notes;
}

describe('NuGet <packageSourceMapping>', () => {
  it('a new source without a mapping: the preview warns, naming the source', async () => {
    const notes = await notesFor(MAPPED(''));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain('<packageSourceMapping>');
    expect(notes[0]).toContain('"Corp"');
    expect(notes[0]).not.toContain('kp-test-secret-0001');
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
