import { MASK_DOTS } from '../../shared/mask';
import type { SpanFinder } from '../configs/masked-diff';
import type { Span } from '../configs/text-layout';
import { decodeDockerAuth } from './docker-config';

/** The spans of capture group 1 of every match (`pattern` has the `d` flag: indices). */
function groupSpans(text: string, pattern: RegExp): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(pattern)) {
    const at = m.indices?.[1];
    if (at && at[1] > at[0]) spans.push({ start: at[0], end: at[1] });
  }
  return spans;
}

const DOCKER_TOKEN = /"(?:password|identitytoken|registrytoken)"\s*:\s*"((?:[^"\\]|\\.)*)"/dgi;
const DOCKER_AUTH = /"auth"\s*:\s*"((?:[^"\\]|\\.)*)"/dgi;

/** A user name shown as it is: no quote, escape, space or control character to confuse a diff. */
const PLAIN_USER = /^[\w.@+-]{1,64}$/;

/**
 * Docker's `auth` in a preview. It is base64 of `user:password`, so the ordinary mask (first and
 * last 4 characters) would show the user name's encoding and, base64 keeping 3 bytes per 4
 * characters, the password's last 3 bytes. Shown instead as the user name and dots only
 * (`ci:••••••••`): the user name says whose saved login moves (the vault labels the moved login
 * "ci @ host" anyway) and is no secret; the password, chosen by a person rather than random like
 * a token, shows not even the 4 + 4 characters a token's mask does, nor its length. A value that
 * does not decode to a plain `user:` is dots only.
 */
export function maskDockerAuth(value: string): string {
  let auth: string;
  try {
    auth = JSON.parse(`"${value}"`) as string;
  } catch {
    return MASK_DOTS;
  }
  const login = decodeDockerAuth(auth);
  return login && PLAIN_USER.test(login.username) ? `${login.username}:${MASK_DOTS}` : MASK_DOTS;
}

/**
 * Secrets a Docker config.json or containers auth.json may hold, so a setup preview masks the
 * saved logins it moves out of the file: tokens (`password`, `identitytoken`, `registrytoken`)
 * with the ordinary mask, `auth` (base64 of user:password) with its own (maskDockerAuth).
 */
export const dockerConfigSpans: SpanFinder = {
  credentialSpans: (text) => [...groupSpans(text, DOCKER_TOKEN), ...groupSpans(text, DOCKER_AUTH)],
  maskedSpans: (text) => [
    ...groupSpans(text, DOCKER_TOKEN),
    ...groupSpans(text, DOCKER_AUTH).map((s) => ({ ...s, mask: maskDockerAuth })),
  ],
};

/**
 * Secrets a git config file may hold: a password inside a URL (`https://user:pw@host`) and the
 * values of `password`, `token` and `extraHeader` keys (an Authorization header, as CI writes it).
 */
export const gitConfigSpans: SpanFinder = {
  credentialSpans: (text) => [
    ...groupSpans(text, /:\/\/[^\s:@/"]+:([^\s@/"]+)@/dg),
    ...groupSpans(text, /^[ \t]*(?:password|token|extraheader)[ \t]*=[ \t]*(.*?)[ \t]*\r?$/dgim),
  ],
};
