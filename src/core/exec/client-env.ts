import { bundlerCredential, bundlerKey } from '../configs/bundler-editor';
import { composerHost } from '../configs/composer-editor';
import type { TokenMeta } from '../../shared/types';

/**
 * The variables through which Composer and Bundler take credentials from the environment, since
 * neither expands a reference inside its own file: `COMPOSER_AUTH` (auth.json's JSON, which
 * Composer merges over its files) and `BUNDLE_<HOST>` (Bundler reads every BUNDLE_ variable as a
 * setting, above its config files). `keyport exec --only ID` sets them for tokens of those
 * ecosystems, so such a token need not be on disk at all. A COMPOSER_AUTH the parent already has
 * is kept, with Keyport's hosts added.
 */
export function clientVariables(
  revealed: Array<{ token: TokenMeta; value: string }>,
  parentEnv: NodeJS.ProcessEnv,
): Record<string, string> {
  const env: Record<string, string> = {};
  let composerAuth: Record<string, Record<string, unknown>> | null = null;
  for (const { token, value } of revealed) {
    if (token.ecosystem === 'rubygems') {
      env[bundlerKey(token.registry)] = bundlerCredential(token.user, value);
    } else if (token.ecosystem === 'composer') {
      composerAuth ??= parentComposerAuth(parentEnv);
      const host = composerHost(token.registry);
      const section = token.user ? 'http-basic' : 'bearer';
      composerAuth[section] = {
        ...composerAuth[section],
        [host]: token.user ? { username: token.user, password: value } : value,
      };
    }
  }
  if (composerAuth) env.COMPOSER_AUTH = JSON.stringify(composerAuth);
  return env;
}

/** The parent's COMPOSER_AUTH when it holds a JSON object of sections, else nothing. */
function parentComposerAuth(env: NodeJS.ProcessEnv): Record<string, Record<string, unknown>> {
  try {
    const parsed = JSON.parse(env.COMPOSER_AUTH ?? '{}') as unknown;
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed))
      return parsed as Record<string, Record<string, unknown>>;
  } catch {
    // Composer itself refuses an invalid COMPOSER_AUTH; Keyport's replaces it.
  }
  return {};
}
