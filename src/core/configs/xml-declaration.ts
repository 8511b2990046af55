/**
 * What an XML declaration (`<?xml version="1.0" encoding="ISO-8859-1"?>`) says about the file's
 * characters. Maven's reader (XmlStreamReader) and NuGet's (.NET XmlReader) honour it, so Keyport
 * decodes and re-encodes with it, and writes what the encoding cannot hold as a character
 * reference (`&#8364;`).
 */

/** The encodings Keyport decodes and writes back byte for byte. */
export type ConfigEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'iso-8859-1' | 'us-ascii';

/** The `encoding` pseudo-attribute of a leading XML declaration, as written; null without one. */
export function declaredEncodingName(text: string): string | null {
  const m = /^\uFEFF?<\?xml\s[^>]*?\bencoding\s*=\s*(?:"([^"]*)"|'([^']*)')/.exec(text);
  return m ? (m[1] ?? m[2] ?? '').trim() : null;
}

/**
 * The encoding a declared name stands for, among those Keyport writes; undefined for a name it
 * does not know (e.g. windows-1252). The aliases are the IANA ones Java and .NET accept.
 */
export function encodingOfName(name: string): ConfigEncoding | undefined {
  const n = name.toLowerCase();
  if (n === 'utf-8' || n === 'utf8') return 'utf-8';
  if (/^(iso[-_ ]?8859[-_]1(:1987)?|latin-?1|l1|cp819|ibm819|iso-ir-100|csisolatin1)$/.test(n))
    return 'iso-8859-1';
  if (/^(us-ascii|ascii|us|iso646-us|ansi_x3\.4-1968|cp367|ibm367|csascii)$/.test(n))
    return 'us-ascii';
  // utf-16 and any other name: a UTF-16 file is told by its first bytes (decodeConfig), the rest
  // Keyport does not write.
  return undefined;
}

/** The highest code point an encoding holds; anything above goes in as a character reference. */
export function maxCodePointOf(encoding: ConfigEncoding): number {
  if (encoding === 'iso-8859-1') return 0xff;
  if (encoding === 'us-ascii') return 0x7f;
  return 0x10ffff;
}

/**
 * The highest code point the text's own declaration allows (decoded text: a UTF-16 file declares
 * utf-16, which holds everything). Editors escape values beyond it.
 */
export function declaredMaxCodePoint(text: string): number {
  const name = declaredEncodingName(text);
  const encoding = name === null ? undefined : encodingOfName(name);
  return encoding ? maxCodePointOf(encoding) : 0x10ffff;
}
