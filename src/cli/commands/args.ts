import type { Core } from '../../core/open-core';

/** Commands check their arguments first and open the core (keychain, data dir) only then. */
export type CoreOpener = () => Promise<Core>;

export interface ParsedArgs {
  positionals: string[];
  values: Record<string, string | boolean | string[] | undefined>;
}

/** A single-valued option; for a repeatable one given several times, the last one wins. */
export function str(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  if (Array.isArray(value)) return value.at(-1);
  return typeof value === 'string' ? value : undefined;
}

export function list(args: ParsedArgs, name: string): string[] {
  const value = args.values[name];
  if (Array.isArray(value)) return value;
  return typeof value === 'string' ? [value] : [];
}
