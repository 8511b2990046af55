import type { ConfigEditor, EditResult, EditTarget, RemoveTarget } from './config-editor';
import { addValueWord, parseIniSections, setIniOption, valueWords } from './ini-sections';
import { registryBase } from '../registries/registry-url';
import { detectEol, preservingBom, removeSpans, splice, type Span } from './text-layout';
import { assertSafeValue } from './value-guard';

const LABEL = 'pip configuration';
/** pip's own default user name for API tokens, as PyPI-style indexes expect. */
export const TOKEN_USERNAME = '__token__';

/** pip matches keys after lower-casing and turning `_` into `-`. */
const pipKey = (name: string): string => name.toLowerCase().replace(/_/g, '-');

/** The index URL without credentials, as a directory, for comparing two URLs. */
function indexIdentity(url: string): string | undefined {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname.replace(/\/?$/, '/')}`;
  } catch {
    return undefined;
  }
}

/** `user:token@`, percent-encoded. */
function userinfoFor(target: EditTarget): string {
  const username = target.username ?? TOKEN_USERNAME;
  assertSafeValue(target.secret, 'token');
  assertSafeValue(username, 'user name');
  // Percent-encoding every reserved character keeps `@`, `:`, `/`, `%` and spaces in a token from
  // being read as URL structure; pip unquotes both parts before sending them.
  return `${encodeURIComponent(username)}:${encodeURIComponent(target.secret)}@`;
}

export function indexUrlWithCredentials(target: EditTarget): string {
  const url = registryBase(target.registry);
  return `${url.protocol}//${userinfoFor(target)}${url.host}${url.pathname}`;
}

/**
 * The user's own URL for the same index with the credentials put in (or replaced): their
 * spelling (an explicit `:443`, a path without trailing slash) means the same and stays.
 */
function withUserinfo(word: string, userinfo: string): string {
  const span = userinfoSpan(word);
  if (span) return word.slice(0, span.start) + userinfo + word.slice(span.end);
  const at = word.indexOf('://') + 3;
  return word.slice(0, at) + userinfo + word.slice(at);
}

export function editPip(text: string, target: EditTarget): EditResult {
  const mode = target.pipMode ?? 'index-url';
  const url = indexUrlWithCredentials(target);
  const userinfo = userinfoFor(target);
  const identity = indexIdentity(url);
  const entry = `[global] ${mode}`;

  return preservingBom(text, (body) => {
    const eol = detectEol(body);
    const sections = parseIniSections(body, LABEL);
    const sameKey = (name: string): boolean => pipKey(name) === mode;
    const option = sections.find((s) => s.name === 'global')?.options.find((o) => sameKey(o.name));
    const same = option
      ? valueWords(body, option).filter((w) => indexIdentity(w.word) === identity)
      : [];
    if (same.length === 0) {
      if (option && mode === 'extra-index-url')
        return { text: addValueWord(body, option, url, eol), entry };
      return { text: setIniOption(body, sections, 'global', mode, url, eol, sameKey), entry };
    }
    let out = body;
    for (const w of same.reverse()) {
      const next = withUserinfo(w.word, userinfo);
      if (w.word !== next) out = splice(out, w, next);
    }
    return { text: out, entry };
  });
}

/** The `user:password@` of a URL as written (offsets into `url`), if it has one. */
function userinfoSpan(url: string): Span | undefined {
  const scheme = url.indexOf('://');
  if (scheme < 0) return undefined;
  const hostStart = scheme + 3;
  const authorityEnd = /[/?#]|$/.exec(url.slice(hostStart))!.index + hostStart;
  const at = url.lastIndexOf('@', authorityEnd - 1);
  return at >= hostStart ? { start: hostStart, end: at + 1 } : undefined;
}

/**
 * Strips the credentials from the `[global]` index-url (or extra-index-url, by `pipMode`) URLs of
 * the target's index, keeping each URL as the user spelled it: the index may still serve
 * anonymous reads, and the rest of the option is not Keyport's to touch.
 */
export function removePip(text: string, target: RemoveTarget): EditResult {
  const mode = target.pipMode ?? 'index-url';
  const identity = indexIdentity(registryBase(target.registry).href);
  const entry = `credentials in [global] ${mode}`;
  return preservingBom(text, (body) => {
    const option = parseIniSections(body, LABEL)
      .find((s) => s.name === 'global')
      ?.options.find((o) => pipKey(o.name) === mode);
    const spans = option
      ? valueWords(body, option)
          .filter((w) => indexIdentity(w.word) === identity)
          .flatMap((w) => {
            const userinfo = userinfoSpan(w.word);
            return userinfo
              ? [{ start: w.start + userinfo.start, end: w.start + userinfo.end }]
              : [];
          })
      : [];
    return { text: spans.length > 0 ? removeSpans(body, spans) : body, entry };
  });
}

/** The user-info part of every URL in the file: pip.conf keeps credentials nowhere else. */
export function urlCredentialSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(/:\/\/([^\s/@]+)@/g)) {
    const userinfo = m[1]!;
    const colon = userinfo.indexOf(':');
    const start = m.index + 3 + (colon < 0 ? 0 : colon + 1);
    spans.push({ start, end: m.index + 3 + userinfo.length });
  }
  return spans;
}

export const pipEditor: ConfigEditor = {
  format: 'pip',
  bomUnreadableBy: 'pip',
  edit: editPip,
  remove: removePip,
  credentialSpans: urlCredentialSpans,
};
