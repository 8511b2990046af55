import type { VerifyState } from '../../shared/types';

/** Asks a registry who a token belongs to: a user name, or null when it does not accept the token. */
export type Whoami = (
  registry: string,
  token: string,
  signal: AbortSignal,
) => Promise<string | null>;

export interface VerifyItem {
  id: string;
  value: string;
  /** The registry the file pairs the token with; null: nowhere to ask, so `unknown`. */
  registry: string | null;
}

export interface VerifyOptions {
  /** Requests in flight at once. */
  concurrency?: number;
  /** Per token, the whole call (retries included). */
  timeoutMs?: number;
  signal?: AbortSignal;
}

/**
 * `--verify`: one whoami per distinct token and registry, sent only to the registry its file pairs
 * it with (never to a default like registry.npmjs.org), a few at a time and each bounded in time.
 * A username → live; the registry refusing it → revoked; no answer, an error or no registry →
 * unknown. Findings that share a value share the answer.
 */
export async function verifyFindings(
  items: VerifyItem[],
  whoami: Whoami,
  options: VerifyOptions = {},
): Promise<Map<string, VerifyState>> {
  const states = new Map<string, VerifyState>();
  const groups = new Map<string, { registry: string; value: string; ids: string[] }>();
  for (const item of items) {
    if (item.registry === null) {
      states.set(item.id, 'unknown');
      continue;
    }
    const key = `${item.registry}\0${item.value}`;
    const group = groups.get(key) ?? { registry: item.registry, value: item.value, ids: [] };
    group.ids.push(item.id);
    groups.set(key, group);
  }
  const work = [...groups.values()];
  const timeoutMs = options.timeoutMs ?? 10_000;
  const next = async (): Promise<void> => {
    for (let group = work.shift(); group; group = work.shift()) {
      const signals = [AbortSignal.timeout(timeoutMs), ...(options.signal ? [options.signal] : [])];
      let state: VerifyState;
      try {
        const user = await whoami(group.registry, group.value, AbortSignal.any(signals));
        state = user ? 'live' : 'revoked';
      } catch {
        state = 'unknown';
      }
      for (const id of group.ids) states.set(id, state);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, next));
  return states;
}
