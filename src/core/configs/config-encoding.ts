import { KeyportError } from '../../shared/errors';
import {
  declaredEncodingName,
  encodingOfName,
  maxCodePointOf,
  type ConfigEncoding,
} from './xml-declaration';

export type { ConfigEncoding } from './xml-declaration';

export interface DecodedConfig {
  /** The text, a byte-order mark kept as U+FEFF at its start. */
  text: string;
  /** What to encode the new text in, so every byte outside the entry stays. */
  encoding: ConfigEncoding;
}

const strict = (label: string) => new TextDecoder(label, { fatal: true, ignoreBOM: true });

function isUtf8(bytes: Buffer): boolean {
  try {
    strict('utf-8').decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Control characters no config format needs (all C0 but tab and line breaks, DEL, C1): a file
 * holding one is binary or hostile, and its lines must not reach a preview or a terminal.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

const invalid = (file: string, why: string): KeyportError =>
  new KeyportError('CONFIG_INVALID', `${file} ${why}; Keyport left it untouched.`);

/**
 * The encoding of an XML file as its readers find it (XML 1.0 appendix F, as Java's XmlStreamReader
 * and .NET's XmlReader do): a UTF-16 byte-order mark, UTF-16 `<?` without one, else the
 * declaration's `encoding`, else UTF-8.
 */
function xmlEncoding(bytes: Buffer, file: string): ConfigEncoding {
  const [b0, b1, b2, b3] = bytes;
  if (b0 === 0xff && b1 === 0xfe) return 'utf-16le';
  if (b0 === 0xfe && b1 === 0xff) return 'utf-16be';
  if (b0 === 0x3c && b1 === 0x00 && b2 === 0x3f && b3 === 0x00) return 'utf-16le';
  if (b0 === 0x00 && b1 === 0x3c && b2 === 0x00 && b3 === 0x3f) return 'utf-16be';
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return 'utf-8';
  // The declaration is ASCII in every ASCII-compatible encoding; it is short, but allow spaces.
  const name = declaredEncodingName(bytes.subarray(0, 512).toString('latin1'));
  if (name === null) return 'utf-8';
  const encoding = encodingOfName(name);
  if (!encoding) {
    throw invalid(
      file,
      `declares the encoding "${name.slice(0, 40)}", which Keyport cannot write back byte for byte (it writes UTF-8, UTF-16, ISO-8859-1 and US-ASCII files)`,
    );
  }
  return encoding;
}

function decodeAs(bytes: Buffer, encoding: ConfigEncoding, file: string): string {
  const name = {
    'utf-8': 'UTF-8',
    'utf-16le': 'UTF-16',
    'utf-16be': 'UTF-16',
    'us-ascii': 'US-ASCII',
    'iso-8859-1': 'ISO-8859-1',
  }[encoding];
  try {
    // Node's TextDecoder reads "iso-8859-1" as windows-1252 (the WHATWG rule); latin1 is the real one.
    if (encoding === 'iso-8859-1') return bytes.toString('latin1');
    const text = strict(encoding === 'us-ascii' ? 'utf-8' : encoding).decode(bytes);
    // eslint-disable-next-line no-control-regex -- any byte above 0x7f is outside US-ASCII
    if (encoding === 'us-ascii' && /[^\u0000-\u007f]/.test(text)) throw new Error('not ascii');
    return text;
  } catch {
    throw invalid(file, `is not ${name} text`);
  }
}

/** How a format's client finds a file's encoding (ConfigEditor's flags of the same names). */
export interface EncodingRule {
  /** XML: a UTF-16 byte-order mark or the XML declaration says (Maven, NuGet). */
  xml?: boolean;
  /** Java properties: UTF-8 if it decodes as such, else ISO-8859-1 (Gradle). */
  latin1?: boolean;
}

/**
 * Decodes strictly: a lossy decode would re-encode other bytes differently, so a file that is not
 * text in its encoding (or holds NUL, a sign of UTF-16 or binary data where UTF-16 is not read, or
 * another control character) is refused rather than rewritten. Formats whose clients honour an
 * XML declaration and UTF-16 (`xml`) are decoded as those clients do, Java properties (`latin1`)
 * as ISO-8859-1 when they are not UTF-8; the others are UTF-8. The message names the file and a
 * line number, never content.
 */
export function decodeConfig(bytes: Buffer, file: string, rule: EncodingRule = {}): DecodedConfig {
  let encoding: ConfigEncoding = rule.xml ? xmlEncoding(bytes, file) : 'utf-8';
  // Every byte is one character in ISO-8859-1, so writing it back so gives every byte back.
  if (rule.latin1 && !isUtf8(bytes)) encoding = 'iso-8859-1';
  const text = decodeAs(bytes, encoding, file);
  if (text.includes('\u0000')) {
    throw invalid(file, 'contains NUL bytes (binary or UTF-16)');
  }
  const control = CONTROL.exec(text);
  if (control) {
    const line = text.slice(0, control.index).split(/\r\n|\r|\n/).length;
    throw invalid(file, `contains a control character (line ${line}), which no config file holds`);
  }
  return { text, encoding };
}

/**
 * The bytes of `text` in the file's encoding. The editors write what the encoding cannot hold as
 * character references, so a character beyond it here means no editor could: refused, nothing
 * written.
 */
export function encodeConfig(text: string, encoding: ConfigEncoding, file: string): Buffer {
  if (encoding === 'utf-8') return Buffer.from(text, 'utf8');
  if (encoding === 'utf-16le') return Buffer.from(text, 'utf16le');
  if (encoding === 'utf-16be') return Buffer.from(text, 'utf16le').swap16();
  const max = maxCodePointOf(encoding);
  for (const ch of text) {
    if (ch.codePointAt(0)! > max) {
      throw new KeyportError(
        'UNSAFE_VALUE',
        `${file} is ${encoding.toUpperCase()} and the new entry holds a character it cannot represent in that place; Keyport wrote nothing.`,
      );
    }
  }
  return Buffer.from(text, 'latin1');
}
