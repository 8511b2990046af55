import type { TokenMeta } from './types';

export const HELPER_KINDS = ['git', 'docker', 'python'] as const;
export type HelperKind = (typeof HELPER_KINDS)[number];

/**
 * The clients docker-credential-keyport serves (src/core/credential-helpers/docker-credential.ts):
 * the one list every title, button, notice and question naming the Docker helper's clients uses.
 */
export const DOCKER_HELPER_CLIENTS = ['Docker', 'Podman', 'Skopeo', 'Buildah'] as const;

/** "Docker, Podman, Skopeo and Buildah": the list as a sentence names it. */
export const DOCKER_HELPER_CLIENTS_TEXT = `${DOCKER_HELPER_CLIENTS.slice(0, -1).join(', ')} and ${DOCKER_HELPER_CLIENTS.at(-1)}`;

/** One client that can ask Keyport for a token instead of reading it from a file. */
export interface HelperUse {
  id: HelperKind;
  client: string;
  /**
   * What the helper is set up for: git's URL (`credential.<url>.helper`), the container
   * registry host (`credHelpers`), or the pip index URL (Python's keyring).
   */
  target: string;
  /** The user name Python's keyring is asked under; absent for git and the container tools. */
  username?: string;
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
    const username = token.user ?? '__token__';
    return [
      {
        id: 'python',
        client: 'pip, twine, Poetry (Python keyring)',
        target: token.registry,
        username,
        setup: `keyport setup python --registry ${token.registry} --username ${username} --id ${token.id}`,
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
      target: url.origin,
      setup: `keyport setup git --registry ${url.origin}`,
      test: `git ls-remote ${url.origin}/OWNER/REPO.git`,
      linked: [],
    },
    {
      id: 'docker',
      client: DOCKER_HELPER_CLIENTS_TEXT,
      target: url.host,
      setup: `keyport setup docker --registry ${url.host}`,
      test: `skopeo inspect docker://${url.host}/IMAGE`,
      linked: [],
    },
  ];
}

/** One config file a helper setup changes, as the preview shows it (masked, no secret). */
export interface HelperFileChange {
  file: string;
  /** Unified diff with every credential masked; empty when the file already says it. */
  diff: string;
  changed: boolean;
  creates: boolean;
}

/** What "Set up" would change, before anything is: answered by helper:setup-plan. */
export interface HelperSetupPreview {
  planId: string;
  helper: HelperKind;
  /** The URL, host or index the client will ask Keyport for. */
  target: string;
  files: HelperFileChange[];
  /** Keychain items Python's keyring will find (service and user name; the value is the token). */
  keychain: { service: string; username: string; exists: boolean }[];
  /** False when everything already points at Keyport: applying changes nothing. */
  changed: boolean;
  /** Saved logins for this host that leave the file for the vault (container tools). */
  moves: number;
  /** What the user should know beyond the diff (no secrets). */
  notes: string[];
  /** The client command that shows it works, to run after setup. */
  test: string;
}

export interface HelperSetupOutcome {
  helper: HelperKind;
  target: string;
  files: string[];
  /** Restores the files and takes the keychain items back with helper:setup-undo (null: nothing changed). */
  undoId: string | null;
  /** The token as it now is (Python's keyring links), or null when it did not change. */
  token: TokenMeta | null;
  /** Saved logins moved from the files into the vault. */
  imported: number;
  test: string;
}

/** What helper:setup-undo put back. */
export interface HelperUndoOutcome {
  /** The files restored. */
  files: string[];
  /** Python's keychain items taken back, as `service (user)` (their value is not the token's now). */
  keychain: string[];
  /** The token as it now is (its keyring links forgotten), or null when it did not change. */
  token: TokenMeta | null;
}

/** A helper configured to serve a token, as "Where used" lists it beside the files. */
export interface HelperPlace {
  helper: HelperKind;
  /** The URL, registry host or keyring service the client asks Keyport (or the keyring) for. */
  host: string;
  /** The config file naming Keyport, or null for the OS keychain (Python's keyring). */
  file: string | null;
  /** The entry: `credential.<url>.helper`, `credHelpers["host"]`, or `service (user)`. */
  entry: string;
}
