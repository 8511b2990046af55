/**
 * A NuGet.Config whose <packageSourceMapping> maps every package to nuget.org: NuGet restores a
 * package only from a source mapped to it, so a new source there needs package patterns.
 */
export function nugetConfigWithMapping(encoding = 'utf-8', eol = '\n'): string {
  return [
    `<?xml version="1.0" encoding="${encoding}"?>`,
    '<configuration>',
    '  <packageSourceMapping>',
    '    <packageSource key="nuget.org">',
    '      <package pattern="*" />',
    '    </packageSource>',
    '  </packageSourceMapping>',
    '</configuration>',
    '',
  ].join(eol);
}
