/**
 * NuGet stores a source's credentials under an element named after the source, encoded with .NET's
 * `XmlConvert.EncodeLocalName`: every character that may not appear in an XML local name becomes
 * `_xHHHH_` (`_xHHHHHHHH_` outside the BMP), and an `_` that would read as the start of such an
 * escape is itself escaped. ASCII follows .NET exactly; for other characters .NET's XML 4th-edition
 * tables are approximated by Unicode categories, which always yields a valid name that
 * `XmlConvert.DecodeName` (what NuGet reads with) turns back into the source name.
 */
const ESCAPE_LIKE = /(?<=_)[Xx](?:[0-9a-fA-F]{4}|[0-9a-fA-F]{8})_/g;

function isNameStart(ch: string): boolean {
  return /^[A-Za-z_]$/.test(ch) || (ch > '\u007f' && /^\p{L}$/u.test(ch));
}

function isNameChar(ch: string): boolean {
  return (
    /^[A-Za-z0-9._\-\u00b7]$/.test(ch) || (ch > '\u007f' && /^[\p{L}\p{Nd}\p{Mn}\p{Mc}]$/u.test(ch))
  );
}

/**
 * `maxCodePoint`: what the file's encoding holds (ISO-8859-1: 0xFF); a character beyond is escaped
 * too, as `_xHHHH_`, which `XmlConvert.DecodeName` reads back the same.
 */
export function encodeLocalName(name: string, maxCodePoint = 0x10ffff): string {
  const escapeUnderscoreAt = new Set([...name.matchAll(ESCAPE_LIKE)].map((m) => m.index - 1));
  let out = '';
  for (let i = 0; i < name.length;) {
    const cp = name.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const ch = String.fromCodePoint(cp);
    const valid = width === 1 && cp <= maxCodePoint && (i === 0 ? isNameStart(ch) : isNameChar(ch));
    out +=
      valid && !escapeUnderscoreAt.has(i)
        ? ch
        : `_x${cp
            .toString(16)
            .toUpperCase()
            .padStart(width === 2 ? 8 : 4, '0')}_`;
    i += width;
  }
  return out;
}

export function decodeName(name: string): string {
  return name.replace(/_[Xx]([0-9a-fA-F]{4}|[0-9a-fA-F]{8})_/g, (_m, hex: string) =>
    String.fromCodePoint(parseInt(hex, 16)),
  );
}
