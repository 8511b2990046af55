import { describe, expect, it } from 'vitest';
import { maskedDiff } from '../../../src/core/configs/masked-diff';
import { planDockerConfig } from '../../../src/core/credential-helpers/docker-config';
import {
  dockerConfigSpans,
  maskDockerAuth,
} from '../../../src/core/credential-helpers/helper-config-spans';
import { MASK_DOTS } from '../../../src/shared/mask';

// The Docker helper setup's preview (as HelperSetupFlow shows it): the saved login's `auth`, base64
// of user:password, must show no more of the password than the ordinary mask shows of a token.
const USER = 'fake-user';
const HOST = 'registry.example.test';
/** What the ordinary mask shows of a token: its first and last 4 characters. */
const SHOWN = 4;

function preview(auth: string, extra = ''): string {
  const text = `{\n\t"auths": {\n\t\t"${HOST}": {\n\t\t\t"auth": "${auth}"${extra}\n\t\t}\n\t}\n}\n`;
  return maskedDiff(
    dockerConfigSpans,
    'config.json',
    text,
    planDockerConfig(text, [HOST]).text,
    '',
  );
}

function runs(text: string, length: number): string[] {
  return Array.from({ length: text.length - length + 1 }, (_, i) => text.slice(i, i + length));
}

describe("the Docker setup preview of a saved login's auth", () => {
  // Every length mod 3, so the password starts and ends at each offset within base64's groups.
  const passwords = Array.from({ length: 9 }, (_, i) => `fake-password-${'q'.repeat(i)}#9Z`);

  it.each(passwords)('shows the user name and no part of the password: %s', (password) => {
    const auth = Buffer.from(`${USER}:${password}`).toString('base64');
    const shown = preview(auth);
    // No run of 3 characters of the password's base64, alone or inside the login's.
    const encodedPassword = Buffer.from(password).toString('base64').replace(/=+$/, '');
    const passwordPart = auth.slice(Math.floor((USER.length + 1) / 3) * 4 + 4).replace(/=+$/, '');
    for (const run of [...runs(encodedPassword, 3), ...runs(passwordPart, 3)]) {
      expect(shown).not.toContain(run);
    }
    // Nothing of the password longer than the ordinary mask shows; the user name is shown on
    // purpose (it shares "fake-" with these passwords), so it is taken out before looking.
    const rest = shown.split(`${USER}:`).join('');
    for (const run of runs(password, SHOWN + 1)) expect(rest).not.toContain(run);
    expect(shown).toContain(`-\t\t\t"auth": "${USER}:${MASK_DOTS}"`);
  });

  it('keeps the password and identity token masks, and dots only for what does not decode', () => {
    const token = `fake-identity-token-${'i'.repeat(20)}`;
    const shown = preview(
      Buffer.from(`${USER}:fake-password-x`).toString('base64'),
      `,\n\t\t\t"identitytoken": "${token}"`,
    );
    expect(shown).toContain(`"identitytoken": "fake${MASK_DOTS}iiii"`);
    expect(shown).not.toContain(token);
    // No `user:` inside, a user name that could confuse the diff, or not a JSON string.
    expect(maskDockerAuth(Buffer.from('no-colon-here').toString('base64'))).toBe(MASK_DOTS);
    expect(maskDockerAuth(Buffer.from('a "b":fake-password').toString('base64'))).toBe(MASK_DOTS);
    expect(maskDockerAuth(Buffer.from(':fake-password').toString('base64'))).toBe(MASK_DOTS);
    expect(maskDockerAuth('\\u00')).toBe(MASK_DOTS);
    expect(maskDockerAuth(Buffer.from('ci:x').toString('base64'))).toBe(`ci:${MASK_DOTS}`);
    // JSON escapes are read as Docker reads them.
    expect(maskDockerAuth(Buffer.from('ci:x').toString('base64').replace('=', '\\u003d'))).toBe(
      `ci:${MASK_DOTS}`,
    );
  });
});
