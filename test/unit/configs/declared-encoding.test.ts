import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { KeyportError } from '../../../src/shared/errors';
import { applyWrite, planWrite, type WriteTarget } from '../../../src/core/configs/config-writer';
import { decodeConfig } from '../../../src/core/configs/config-encoding';
import { EDITORS } from '../../../src/core/configs/editors';
import { decodeXmlEntities } from '../../../src/core/configs/xml-document';

/**
 * Maven and NuGet read a file in the encoding it declares (a UTF-16 byte-order mark, the XML
 * declaration): Keyport writes back in it, and every byte before and after the entry stays.
 */
interface Encoding {
  name: string;
  /** What the declaration says. */
  declared: string;
  /** A leading byte-order mark (as text), if the case has one. */
  bom: string;
  encode(text: string): Buffer;
  /** Characters the surrounding comments are made of: all the encoding holds, beyond ASCII. */
  extra: string[];
}

const LATIN1 = ['é', 'ü', 'ß', '½', '©', 'ÿ', '\u00a0', 'Ä'];
const BEYOND = ['€', '日本', '😀', 'Ω', 'ł'];
const utf16le = (t: string) => Buffer.from(t, 'utf16le');
const ENCODINGS: Encoding[] = [
  {
    name: 'ISO-8859-1',
    declared: 'ISO-8859-1',
    bom: '',
    encode: (t) => Buffer.from(t, 'latin1'),
    extra: LATIN1,
  },
  { name: 'UTF-16LE with BOM', declared: 'utf-16', bom: '\uFEFF', encode: utf16le, extra: BEYOND },
  {
    name: 'UTF-16BE with BOM',
    declared: 'utf-16',
    bom: '\uFEFF',
    encode: (t) => utf16le(t).swap16(),
    extra: BEYOND,
  },
  { name: 'UTF-16LE without BOM', declared: 'UTF-16', bom: '', encode: utf16le, extra: LATIN1 },
];

/** Per format: a file as head + tail, the entry going in between (into an empty section). */
const FORMATS = {
  maven: {
    fileName: 'settings.xml',
    target: { registry: 'https://repo.example/', serverId: 'corp', username: 'ci' },
    head: (decl: string, eol: string, comment: string) =>
      `${decl}${eol}<!--${comment}-->${eol}<settings>${eol}  <servers>`,
    tail: (eol: string, comment: string) =>
      `${eol}  </servers>${eol}</settings>${eol}<!--${comment}-->${eol}`,
  },
  nuget: {
    fileName: 'NuGet.Config',
    target: { registry: 'https://feed.example/v3/index.json', source: 'corp', username: 'ci' },
    head: (decl: string, eol: string, comment: string) =>
      `${decl}${eol}<!--${comment}-->${eol}<configuration>`,
    tail: (eol: string, comment: string) => `${eol}</configuration>${eol}<!--${comment}-->${eol}`,
  },
} as const;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempFile(name: string, bytes: Buffer): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'keyport-encoding-'));
  dirs.push(dir);
  const file = path.join(dir, name);
  writeFileSync(file, bytes, { mode: 0o600 });
  return file;
}

/** Comment text: ASCII words and the encoding's own characters, never `--`. */
const commentOf = (extra: string[]) =>
  fc
    .array(fc.constantFrom('a', 'Z', ' ', '<', '&', '"', ...extra), { maxLength: 30 })
    .map((cs) => cs.join(''));

/** A token with specials and characters beyond Latin-1. */
const secretArb = fc
  .array(fc.constantFrom('x', '7', '&', '<', '"', "'", 'é', ...BEYOND), {
    minLength: 1,
    maxLength: 12,
  })
  .map((cs) => `kp-test-${cs.join('')}-0001`);

describe.each(Object.entries(FORMATS))('%s in a declared encoding', (format, shape) => {
  it.each(ENCODINGS)(
    '$name: only the entry changes, the token reads back, a second write changes nothing',
    async (enc) => {
      await fc.assert(
        fc.asyncProperty(
          commentOf(enc.extra),
          commentOf(enc.extra),
          fc.constantFrom('\n', '\r\n'),
          secretArb,
          async (before, after, eol, secret) => {
            const decl = `${enc.bom}<?xml version="1.0" encoding="${enc.declared}"?>`;
            const head = shape.head(decl, eol, before);
            const tail = shape.tail(eol, after);
            const file = tempFile(shape.fileName, enc.encode(head + tail));
            const target: WriteTarget = {
              ...shape.target,
              format: format as WriteTarget['format'],
              file,
              secret,
            };
            const plan = await planWrite(target);
            await applyWrite(plan);
            const bytes = readFileSync(file);
            const headBytes = enc.encode(head);
            const tailBytes = enc.encode(tail);
            expect(bytes.subarray(0, headBytes.length).equals(headBytes)).toBe(true);
            expect(bytes.subarray(bytes.length - tailBytes.length).equals(tailBytes)).toBe(true);
            // The token as an XML reader gets it back (character references decoded).
            const { text } = decodeConfig(bytes, file, { xml: true });
            const body = text.replace(/^\uFEFF/, '');
            const spans = EDITORS[format as 'maven' | 'nuget'].credentialSpans(body);
            expect(spans.map((s) => decodeXmlEntities(body.slice(s.start, s.end)))).toEqual([
              secret,
            ]);
            // The preview is text, the token masked in it.
            expect(plan.diff).not.toContain('\u0000');
            expect(plan.diff).not.toContain(secret);
            expect((await planWrite(target)).changed).toBe(false);
          },
        ),
        { numRuns: 25 },
      );
    },
  );
});

describe('encodings Keyport cannot write back', () => {
  it.each([
    ['windows-1252', '<?xml version="1.0" encoding="windows-1252"?>\n<settings/>\n', 'latin1'],
    ['Shift_JIS', "<?xml version='1.0' encoding='Shift_JIS'?>\n<settings/>\n", 'latin1'],
    ['odd-length UTF-16', '\uFEFF<settings/>\n', 'utf16-odd'],
  ])('%s is refused by name, the file untouched', async (_name, content, how) => {
    const bytes =
      how === 'utf16-odd'
        ? Buffer.concat([Buffer.from(content, 'utf16le'), Buffer.from([0x41])])
        : Buffer.from(content, 'latin1');
    const file = tempFile('settings.xml', bytes);
    const err = await planWrite({
      format: 'maven',
      file,
      registry: 'https://repo.example/',
      serverId: 'corp',
      username: 'ci',
      secret: 'kp-test-secret-0001',
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KeyportError);
    expect((err as KeyportError).code).toBe('CONFIG_INVALID');
    expect((err as KeyportError).message).toMatch(
      how === 'utf16-odd' ? /is not UTF-16 text/ : /declares the encoding "/,
    );
    expect(readFileSync(file).equals(bytes)).toBe(true);
  });

  it('a UTF-16 .npmrc is still refused: npm reads only UTF-8', async () => {
    const file = tempFile('.npmrc', Buffer.from('\uFEFFregistry=https://r.example/\n', 'utf16le'));
    await expect(
      planWrite({
        format: 'npmrc',
        file,
        registry: 'https://r.example/',
        secret: 'kp-test-secret-0001',
      }),
    ).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
