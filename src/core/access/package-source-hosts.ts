import { isLoopbackHost } from './loopback-host';

export interface SourceChange {
  /** Hosts the new text names in a URL that the old text did not (or not over plain http). */
  newHosts: string[];
  /** Of those, the ones reached over plain http on another machine. */
  plainHttp: string[];
}

const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>;]+/gi;

/**
 * What a write does to where packages come from. Every URL a config file holds is a place its
 * client fetches from or sends to (pip index-url, npm `registry=`/`@scope:registry=`, Maven
 * mirrors and repositories, NuGet package sources, twine repositories), so a host that appears
 * only after the write is a new source, whatever the format. Token lines (`//host/:_authToken`)
 * carry no scheme and do not count: they say who to authenticate to, not where to fetch.
 */
export function sourceChange(before: string | null, after: string): SourceChange {
  const oldUrls = urlsIn(before ?? '');
  const oldHosts = new Set(oldUrls.map((u) => u.host));
  const oldOrigins = new Set(oldUrls.map((u) => u.origin));
  const added = new Map<string, boolean>();
  for (const url of urlsIn(after)) {
    const plain = url.protocol === 'http:' && !isLoopbackHost(url.hostname);
    // A known host is news again when the write moves it to plain http.
    if (!oldHosts.has(url.host) || (plain && !oldOrigins.has(url.origin))) {
      added.set(url.host, (added.get(url.host) ?? false) || plain);
    }
  }
  return {
    newHosts: [...added.keys()],
    plainHttp: [...added].filter(([, plain]) => plain).map(([host]) => host),
  };
}

function urlsIn(text: string): URL[] {
  const urls: URL[] = [];
  for (const match of text.matchAll(URL_IN_TEXT)) {
    try {
      urls.push(new URL(match[0]));
    } catch {
      // Not a URL after all (a stray "http://" in a comment): it names no host.
    }
  }
  return urls;
}
