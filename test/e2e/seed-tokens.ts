import type { Bridge } from '../support/bridge-server';

const DAY = 86_400_000;
const ECOSYSTEMS = ['npm', 'maven', 'nuget', 'pip', 'other'] as const;
const REGISTRIES: Record<(typeof ECOSYSTEMS)[number], string[]> = {
  npm: [
    'https://registry.npmjs.org/',
    'https://npm.pkg.github.com/',
    'https://acme.bytesafe.dev/r/main/',
  ],
  maven: [
    'https://nexus.acme.test/repository/maven-releases/',
    'https://repo.acme.test/artifactory/libs-release/',
  ],
  nuget: ['https://www.myget.org/F/acme/api/v3/index.json', 'https://api.nuget.org/v3/index.json'],
  pip: ['https://pypi.acme.test/simple/', 'https://upload.pypi.org/legacy/'],
  other: ['https://registry.acme.test/'],
};
const NAMES = [
  'CI publish',
  'Release bot',
  'Read-only mirror',
  'Team deploy',
  'Nightly',
  'Docs site',
];

/**
 * `count` tokens through the real core, spread over every ecosystem, with expiries from past to
 * far and none, some with user names and notes: what a person with many tokens has.
 */
export async function seedTokens(bridge: Bridge, count: number): Promise<void> {
  const now = Date.now();
  const expiries = [null, 3, 45, -2, 200, 6, null, 90];
  for (let i = 0; i < count; i += 1) {
    const ecosystem = ECOSYSTEMS[i % ECOSYSTEMS.length]!;
    const registries = REGISTRIES[ecosystem];
    const days = expiries[i % expiries.length]!;
    await bridge.core.service.addToken({
      label: `${NAMES[i % NAMES.length]} ${ecosystem} ${String(i + 1).padStart(2, '0')}`,
      registry: registries[i % registries.length]!,
      ecosystem,
      secret: `kp-seed-${ecosystem}-${String(i).padStart(4, '0')}-ABCDEFGHIJKLMNOP`,
      ...(days === null ? {} : { expires: new Date(now + days * DAY).toISOString() }),
      ...(ecosystem === 'maven' || ecosystem === 'nuget' ? { user: 'ci-bot' } : {}),
      ...(i % 7 === 0
        ? { notes: 'Used by the release pipeline; rotate before the quarterly audit.' }
        : {}),
    });
  }
}
