import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planWrite } from '../../../src/core/configs/config-writer';
import { maskedDiff } from '../../../src/core/configs/masked-diff';
import { mavenEditor } from '../../../src/core/configs/maven-editor';
import { npmrcEditor } from '../../../src/core/configs/npmrc-editor';
import { yarnrcEditor } from '../../../src/core/configs/yarnrc-editor';
import { maskSecret } from '../../../src/shared/mask';
import { referenceFor } from '../../../src/shared/references';
import { useTempDirs } from '../../support/temp-dir';

// A value that is nothing but a reference holds no secret: the diff shows it, so the user sees
// that a reference (not a token) goes into the file. Anything more than the reference stays
// masked exactly as any other credential.
const tempDir = useTempDirs();
const TOKEN_ID = 'fake0e8b';
const FAKE = `fake-token-${'r'.repeat(24)}`;

/** The added lines of a write of the token's reference into a new file of this format. */
async function referenceLines(format: 'maven' | 'yarnrc', file: string): Promise<string[]> {
  const plan = await planWrite({
    format,
    file: path.join(tempDir(), file),
    registry: 'https://r.example.test/',
    secret: referenceFor(format, TOKEN_ID),
    reference: true,
  });
  return plan.diff.split('\n').filter((l) => l.startsWith('+') && !l.startsWith('+++'));
}

describe('the masked diff shows a value that is only a reference', () => {
  it("Maven's Authorization header: Bearer ${env.KEYPORT_…} in full", async () => {
    const lines = await referenceLines('maven', 'settings.xml');
    expect(lines).toContain('+            <value>Bearer ${env.KEYPORT_FAKE0E8B}</value>');
  });

  it('.yarnrc.yml: the quoted ${KEYPORT_…} in full', async () => {
    const lines = await referenceLines('yarnrc', '.yarnrc.yml');
    expect(lines).toContain('+    npmAuthToken: "${KEYPORT_FAKE0E8B}"');
  });

  it('every reference form Keyport writes, bare', () => {
    for (const value of ['${KEYPORT_FAKE0E8B}', '${env.KEYPORT_FAKE0E8B}', '${NPM_TOKEN}']) {
      const diff = maskedDiff(npmrcEditor, '.npmrc', null, `//r.test/:_authToken=${value}\n`, '');
      expect(diff).toContain(`+//r.test/:_authToken=${value}`);
    }
  });
});

describe('anything more than a reference stays masked as before', () => {
  const header = (value: string) =>
    `<settings><servers><server><id>r</id><configuration><httpHeaders><property><name>Authorization</name><value>${value}</value></property></httpHeaders></configuration></server></servers></settings>\n`;

  it.each([
    ['a real bearer token', `Bearer ${FAKE}`],
    ['a reference with text after it', 'Bearer ${env.KEYPORT_FAKE0E8B} extra'],
    ['text before the reference', 'Token ${env.KEYPORT_FAKE0E8B}'],
    ['two references', 'Bearer ${env.KEYPORT_A}${env.KEYPORT_B}'],
    ['a shell default holding a value', 'Bearer ${NPM_TOKEN:-npm_fallback_value}'],
  ])('Maven header: %s', (_, value) => {
    const diff = maskedDiff(mavenEditor, 'settings.xml', null, header(value), '');
    expect(diff).toContain(`<value>${maskSecret(value)}</value>`);
    expect(diff).not.toContain(value);
  });

  it.each([
    ['a token', FAKE],
    ['a token glued to a reference', `${FAKE}\${KEYPORT_FAKE0E8B}`],
    ['a reference glued to a token', `\${KEYPORT_FAKE0E8B}${FAKE}`],
    ['a shell default holding a value', '${KEYPORT_X:-npm_fallback_value_0000}'],
    ['a quoted token', `"${FAKE}"`],
  ])('.yarnrc.yml: %s', (_, value) => {
    const text = `npmRegistries:\n  "//r.test":\n    npmAuthToken: ${value}\n`;
    const diff = maskedDiff(yarnrcEditor, '.yarnrc.yml', null, text, '');
    expect(diff).toContain(`+    npmAuthToken: ${maskSecret(value)}`);
    expect(diff).not.toContain(value);
  });
});
