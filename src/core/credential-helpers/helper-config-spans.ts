import type { SpanFinder } from '../configs/masked-diff';
import type { Span } from '../configs/text-layout';

/** The spans of capture group 1 of every match (`pattern` has the `d` flag: indices). */
function groupSpans(text: string, pattern: RegExp): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(pattern)) {
    const at = m.indices?.[1];
    if (at && at[1] > at[0]) spans.push({ start: at[0], end: at[1] });
  }
  return spans;
}

/**
 * Secrets a Docker config.json or containers auth.json may hold (`auth` is base64 of
 * user:password), so a setup preview masks the saved logins it moves out of the file.
 */
export const dockerConfigSpans: SpanFinder = {
  credentialSpans: (text) =>
    groupSpans(
      text,
      /"(?:auth|password|identitytoken|registrytoken)"\s*:\s*"((?:[^"\\]|\\.)*)"/dgi,
    ),
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
