/**
 * CIDR ranges a registry token may be limited to. Pure string checks with no Node imports, so the
 * renderer can validate as the user types and core can refuse before anything is sent: npm's CLI
 * says "Invalid CIDR" and sends nothing, while Verdaccio stores a broken entry as it is.
 *
 * The prefix length is required (npm's CLI requires it too); host bits after the prefix are allowed
 * because registries accept `10.1.2.3/8` and ignore them.
 */

const DECIMAL = /^(?:0|[1-9]\d*)$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

function parsePrefix(text: string, max: number): boolean {
  if (!DECIMAL.test(text) || text.length > 3) return false;
  return Number(text) <= max;
}

/** Dotted quad without leading zeros: `010.0.0.1` is octal to some parsers and decimal to others. */
export function isIPv4Address(text: string): boolean {
  const parts = text.split('.');
  return (
    parts.length === 4 &&
    parts.every((part) => DECIMAL.test(part) && part.length <= 3 && Number(part) <= 255)
  );
}

/** RFC 4291 text form: eight groups, at most one `::`, an optional dotted quad at the end. */
export function isIPv6Address(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.flatMap((half) => (half === '' ? [] : half.split(':')));
  // A dotted quad may only close the address (`::ffff:1.2.3.4`), where it fills two groups.
  const last = groups.at(-1);
  const endsWithIPv4 = last !== undefined && text.endsWith(last) && last.includes('.');
  if (endsWithIPv4 && !isIPv4Address(last)) return false;
  const hexGroups = endsWithIPv4 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => HEX_GROUP.test(group))) return false;
  const width = hexGroups.length + (endsWithIPv4 ? 2 : 0);
  // `::` stands for at least one zero group.
  return halves.length === 2 ? width <= 7 : width === 8;
}

export function isValidCidr(entry: string): boolean {
  const slash = entry.indexOf('/');
  if (slash < 0) return false;
  const address = entry.slice(0, slash);
  const prefix = entry.slice(slash + 1);
  if (isIPv4Address(address)) return parsePrefix(prefix, 32);
  if (isIPv6Address(address)) return parsePrefix(prefix, 128);
  return false;
}

/** The first entry that is not a valid IPv4/IPv6 CIDR, or null when all are. */
export function validateCidrs(list: readonly string[]): string | null {
  return list.find((entry) => !isValidCidr(entry)) ?? null;
}

/** The one sentence shown in the dialog, the CLI and the thrown error. */
export function invalidCidrMessage(entry: string): string {
  // The entry is user input, not a secret, but keep a pasted blob from flooding the UI.
  const shown = entry.length > 60 ? `${entry.slice(0, 57)}…` : entry;
  return `Invalid CIDR: ${shown}`;
}
