import type { TokenMeta } from './types';

/** One client that can ask Keyport for a token instead of reading it from a file. */
export interface HelperUse {
  id: 'git' | 'docker' | 'python';
  client: string;
  /** The command that sets it up (the CLI's; the app shows it to copy). */
  setup: string;
  /** The client command that shows it works. */
  test: string;
  /** Keychain copies already made for it (Python's keyring), as `service (user)`. */
  linked: string[];
}

/**
 * The credential helpers that can serve a token (issue 17): git and the container tools ask for
 * any host of a token that is not a package-manager token, Python's keyring for a pip index.
 * An account's sign-in token is served by none.
 */
export function helperUses(token: TokenMeta): HelperUse[] {
  if (token.signIn || token.status !== 'ok') return [];
  let url: URL;
  try {
    url = new URL(token.registry);
  } catch {
    return [];
  }
  const linked = (token.helperLinks ?? []).map((l) => `${l.service} (${l.username})`);
  if (token.ecosystem === 'pip') {
    return [
      {
        id: 'python',
        client: 'pip, twine, Poetry (Python keyring)',
        setup: `keyport setup python --registry ${token.registry} --username ${token.user ?? '__token__'} --id ${token.id}`,
        test: `pip download --no-deps --index-url ${token.registry} PACKAGE`,
        linked,
      },
    ];
  }
  if (token.ecosystem !== 'other') return [];
  return [
    {
      id: 'git',
      client: 'git',
      setup: `keyport setup git --registry ${url.origin}`,
      test: `git ls-remote ${url.origin}/OWNER/REPO.git`,
      linked: [],
    },
    {
      id: 'docker',
      client: 'Docker, Podman, Skopeo, Buildah',
      setup: `keyport setup docker --registry ${url.host}`,
      test: `skopeo inspect docker://${url.host}/IMAGE`,
      linked: [],
    },
  ];
}
