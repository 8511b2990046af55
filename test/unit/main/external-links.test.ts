import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EXTERNAL_ALLOWLIST, isAllowedExternalUrl } from '../../../src/main/external-links';

describe('isAllowedExternalUrl (checklist #15: shell.openExternal only for https on the allowlist)', () => {
  it('allows https links to the listed hosts', () => {
    for (const host of EXTERNAL_ALLOWLIST) {
      expect(isAllowedExternalUrl(`https://${host}/`), host).toBe(true);
    }
    expect(
      isAllowedExternalUrl('https://docs.npmjs.com/creating-and-viewing-access-tokens#x'),
    ).toBe(true);
    expect(isAllowedExternalUrl('https://github.com/settings/tokens?type=beta')).toBe(true);
  });

  it('refuses hostile and look-alike addresses', () => {
    const hostile = [
      'javascript:alert(1)',
      'JAVASCRIPT:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'file://github.com/etc/passwd',
      'http://github.com/',
      'ftp://github.com/',
      'vbscript:msgbox',
      'smb://github.com/share',
      'ms-msdt:/id PCWDiagnostic',
      'search-ms:query=x',
      'https://github.com@evil.example/',
      'https://user:pass@github.com/',
      'https://user@github.com/',
      'https://evil.example/?https://github.com/',
      'https://evil.example/#github.com',
      'https://github.com.evil.example/',
      'https://evilgithub.com/',
      'https://github.com./',
      'https://github.com:8443/',
      'https://github.com:443@evil.example/',
      'https://gіthub.com/', // Cyrillic і
      'https://ɡithub.com/', // Latin small script g
      'https://xn--gthub-n4a.com/',
      'https://docs.npmjs.com%2eevil.example/',
      'https://127.0.0.1/',
      'https://[::1]/',
      ' https://github.com/',
      'https://github.com/\n',
      'https://git\thub.com/',
      'https://github.com/\u0000',
      '//github.com/',
      'github.com',
      '',
      `https://github.com/${'a'.repeat(3000)}`,
    ];
    for (const url of hostile) expect(isAllowedExternalUrl(url), JSON.stringify(url)).toBe(false);
    for (const value of [null, undefined, 42, {}, ['https://github.com/']]) {
      expect(isAllowedExternalUrl(value)).toBe(false);
    }
  });

  it('never allows anything but https to an allowlisted host, for any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          fc
            .tuple(fc.constantFrom(...EXTERNAL_ALLOWLIST), fc.string())
            .map(([host, tail]) => `https://${host}${tail}`),
        ),
        (raw) => {
          if (!isAllowedExternalUrl(raw)) return;
          const url = new URL(raw);
          expect(url.protocol).toBe('https:');
          expect(EXTERNAL_ALLOWLIST.has(url.hostname)).toBe(true);
          expect(url.username + url.password + url.port).toBe('');
        },
      ),
      { numRuns: 2000 },
    );
  });
});
