/** Hosts Keyport may open in the user's browser (documentation, registries' token pages). */
export const EXTERNAL_ALLOWLIST: ReadonlySet<string> = new Set([
  'docs.npmjs.com',
  'www.npmjs.com',
  'github.com',
  'learn.microsoft.com',
  'maven.apache.org',
  'pip.pypa.io',
]);

// eslint-disable-next-line no-control-regex
const CONTROL_OR_SPACE = /[\u0000-\u0020\u007f-\u009f\s]/;

/**
 * Whether `raw` may go to `shell.openExternal`: https only, an allowlisted host exactly (the WHATWG
 * parser turns IDN lookalikes into `xn--` names, which never match), no credentials (the
 * `https://github.com@evil.example` trick), no port of its own, and nothing the parser would
 * silently strip (spaces, control characters), so what we check is what the OS opens.
 */
export function isAllowedExternalUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length > 2048 || CONTROL_OR_SPACE.test(raw)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'https:' &&
    url.username === '' &&
    url.password === '' &&
    url.port === '' &&
    EXTERNAL_ALLOWLIST.has(url.hostname)
  );
}
