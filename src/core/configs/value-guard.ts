import { KeyportError } from '../../shared/errors';
import { isKeyportReference, type ReferenceFormat } from '../../shared/references';

/**
 * Control characters (C0 incl. tab, DEL, C1 incl. NEL), Unicode line/paragraph separators,
 * non-characters that XML forbids and lone surrogates. Any of them can end a line or an element
 * for some reader, or make Maven refuse the whole file, so no value may contain one.
 */
const UNSAFE_CHAR =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Throws UNSAFE_VALUE (naming only the field, never the value) if `value` could inject structure. */
export function assertSafeValue(value: string, field: string): void {
  if (value === '') throw new KeyportError('UNSAFE_VALUE', `The ${field} is empty.`);
  if (UNSAFE_CHAR.test(value)) {
    throw new KeyportError(
      'UNSAFE_VALUE',
      `The ${field} contains a line break or another control character; config files cannot hold it safely.`,
    );
  }
}

/** For readers that trim values (Maven, configparser): surrounding whitespace would be lost. */
export function assertTrimmed(value: string, field: string): void {
  refuseIf(
    value.trim() !== value,
    field,
    'starts or ends with whitespace, which this file format cannot keep.',
  );
}

/** Refuses a value with characters that a format cannot carry (named in `why`). */
export function refuseIf(condition: boolean, field: string, why: string): void {
  if (condition) throw new KeyportError('UNSAFE_VALUE', `The ${field} ${why}`);
}

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/**
 * Escapes for element text and attribute values alike (`>` too, so `]]>` cannot appear). A
 * character above `maxCodePoint` (the file's encoding cannot hold it: ISO-8859-1, US-ASCII)
 * becomes a character reference, which every XML reader turns back into it.
 */
export function escapeXml(value: string, maxCodePoint = 0x10ffff): string {
  const escaped = value.replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
  if (maxCodePoint >= 0x10ffff) return escaped;
  let out = '';
  for (const ch of escaped) {
    const cp = ch.codePointAt(0)!;
    out += cp > maxCodePoint ? `&#${cp};` : ch;
  }
  return out;
}

/** What each client expands inside a value (formats.md), with the words to say so. */
const EXPANDED: Record<ReferenceFormat, { pattern: RegExp; why: string }> = {
  npmrc: {
    pattern: /\$\{/,
    why: 'contains "${", which npm replaces with an environment variable.',
  },
  maven: {
    pattern: /\$\{/,
    why: 'contains "${", which Maven replaces with an environment variable or a property.',
  },
  yarnrc: {
    pattern: /\$\{/,
    why: 'contains "${", which Yarn replaces with an environment variable.',
  },
  // Gradle expands nothing in gradle.properties, but keyport exec fills an entry holding its
  // placeholder from the keychain: a value from a registry must never pass for one.
  gradle: {
    pattern: /\$\{KEYPORT_/,
    why: 'contains "${KEYPORT_", which keyport exec would fill with a token from the keychain.',
  },
  nuget: {
    pattern: /%[^%]+%/,
    why: 'contains a %NAME% pair, which NuGet replaces with an environment variable.',
  },
};

/**
 * Refuses a value the format's client would expand: a registry that issued `x${AWS_SECRET_KEY}`
 * would otherwise collect the user's environment. The one exception is the token field of a write
 * that asked for a reference, and then only Keyport's own form (`${KEYPORT_…}` and the like).
 */
export function assertNotExpanded(
  value: string,
  field: string,
  format: ReferenceFormat,
  reference = false,
): void {
  if (reference) {
    refuseIf(
      !isKeyportReference(format, value),
      field,
      'is not a reference Keyport writes (${KEYPORT_…}).',
    );
    return;
  }
  refuseIf(EXPANDED[format].pattern.test(value), field, EXPANDED[format].why);
}
