/**
 * Addresses of requests under a registry's base (registryBase in ./registry-url: the directory
 * URL config writers use too, so a token and its config entry agree on it).
 */
export function endpoint(base: URL, path: string): string {
  return new URL(path, base).toString();
}

/**
 * The address of the next page. Only on the registry's own origin: the token goes with the
 * request, and a registry that names another host must not receive it there.
 */
export function nextPageUrl(base: URL, next: string): string | null {
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return null;
  }
  return url.origin === base.origin ? url.toString() : null;
}
