import { decodeConfig, type EncodingRule } from '../configs/config-encoding';

/**
 * How the clients find the encoding of the formats whose files need not be UTF-8: the editors'
 * flags of the same names (a unit test holds the two together). Kept here rather than read from
 * the editors so that a scan does not load every editor.
 */
export const SCAN_ENCODING_RULES: Readonly<Record<string, EncodingRule>> = {
  maven: { xml: true },
  nuget: { xml: true },
  gradle: { latin1: true },
};

/**
 * A found file's text as its client reads it: a UTF-16 NuGet.Config, an ISO-8859-1 settings.xml
 * or gradle.properties are decoded as their encoding says, so their credentials are found too.
 * Anything else, and a file the strict decoder refuses, is read as UTF-8 without its BOM, as
 * before: a scan reports what it can see rather than failing on an odd file.
 */
export function scanText(bytes: Buffer, file: string, format: string): string {
  const rule = SCAN_ENCODING_RULES[format];
  if (rule) {
    try {
      return decodeConfig(bytes, file, rule).text;
    } catch {
      // Read as UTF-8 below.
    }
  }
  const text = bytes.toString('utf8');
  return text.startsWith('\ufeff') ? text.slice(1) : text;
}
