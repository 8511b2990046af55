import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { redactSecrets, registryReason } from '../../../src/core/registries/registry-text';

/** What registries say when they refuse, made safe: they echo requests, tokens included. */
describe('registry reasons', () => {
  it('takes error, message or reason from a JSON body', () => {
    expect(registryReason('{"error":"bad cidr"}', [])).toBe('bad cidr');
    expect(registryReason('{"message":"too many tokens"}', [])).toBe('too many tokens');
    expect(registryReason('{"reason":"nope","error":""}', [])).toBe('nope');
    expect(registryReason('{"ok":false}', [])).toBeUndefined();
  });

  it('keeps short plain text, drops HTML pages', () => {
    expect(registryReason('quota exceeded', [])).toBe('quota exceeded');
    expect(registryReason('<html><body>502 Bad Gateway</body></html>', [])).toBeUndefined();
  });

  it('flattens control characters so a reason cannot fake extra lines', () => {
    expect(registryReason('{"error":"line one\\n\\u001b[31mred\\r\\nx"}', [])).toBe(
      'line one [31mred x',
    );
  });

  it('cuts long reasons', () => {
    const reason = registryReason(JSON.stringify({ error: 'word '.repeat(100) }), []);
    expect(reason?.length).toBeLessThanOrEqual(160);
    expect(reason?.endsWith('…')).toBe(true);
  });

  it('hides npm tokens, JWTs, Bearer/Basic values and the call secrets', () => {
    const text = [
      // Built at run time so no token-shaped literal sits in the repository for scanners to flag.
      `npm_${'AbCdEfGhIjKlMnOpQrStUvWxYz'}${'0123456789'}`,
      'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl',
      'Bearer abc.def',
      'Basic YWxpY2U6c2VjcmV0',
      'hunter2',
      '4242',
    ].join(' | ');
    const safe = redactSecrets(text, ['hunter2', '4242']);
    expect(safe).toBe(Array(6).fill('[hidden]').join(' | '));
  });

  it('hides any long run mixing letters and digits, keeps words', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9]{20,60}$/), (run) => {
        fc.pre(/\d/.test(run) && /[A-Za-z]/.test(run));
        expect(redactSecrets(`token ${run} refused`, [])).toBe('token [hidden] refused');
      }),
    );
    expect(redactSecrets('the cidr_whitelist is invalid for this account', [])).toBe(
      'the cidr_whitelist is invalid for this account',
    );
  });
});
