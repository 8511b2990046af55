import { git } from './git-setup';

/**
 * The git config key that lets git's `store` add a credential to the vault. It lives in git's
 * own `credential[.<url>]` section, so it is scoped like the helper itself: git's URL matching
 * (`git config --get-urlmatch`) picks the most specific one, from the global, system or
 * repository config, as for `credential.<url>.helper`. git ignores keys it does not know.
 */
export const ACCEPT_STORE_KEY = 'keyportAcceptStore';

/** Is `store` for this server (`protocol://host[/path]`) to add to the vault? */
export async function gitAcceptsStore(url: string, env: NodeJS.ProcessEnv): Promise<boolean> {
  try {
    const value = await git(
      ['--type=bool', '--get-urlmatch', `credential.${ACCEPT_STORE_KEY}`, url],
      env,
      true,
    );
    return value.trim() === 'true';
  } catch {
    // No git, or a config git cannot read: not configured, so nothing is added.
    return false;
  }
}

/** `keyport setup git --accept-store`: sets the key beside the helper, in the same file. */
export async function setupGitAcceptStore(req: {
  file?: string;
  url?: string;
  env: NodeJS.ProcessEnv;
}): Promise<{ key: string; changed: boolean }> {
  const key = req.url
    ? `credential.${req.url}.${ACCEPT_STORE_KEY}`
    : `credential.${ACCEPT_STORE_KEY}`;
  const where = req.file ? ['--file', req.file] : ['--global'];
  const current = await git([...where, '--type=bool', '--get', key], req.env, true);
  if (current.trim() === 'true') return { key, changed: false };
  await git([...where, '--type=bool', key, 'true'], req.env, false);
  return { key, changed: true };
}
