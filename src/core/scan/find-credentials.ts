import ini from 'ini';
import { EDITORS } from '../configs/editors';
import { parseProperties, unescapeProperty } from '../configs/java-properties';
import { decodeName } from '../configs/nuget-name';
import { bundlerUnescape, hostOfKey } from '../configs/bundler-editor';
import { composerEntryAt } from '../configs/composer-editor';
import type { Span } from '../configs/text-layout';
import type { ScanFormat } from '../../shared/types';
import { maskSecret } from '../../shared/mask';
import { isReference } from '../../shared/references';

export interface FoundCredential {
  /** The value as a client would read it (unquoted, unescaped, percent-decoded). */
  value: string;
  line: number;
  entry: string;
  registry: string | null;
  serverId?: string;
  source?: string;
  /** The key the client looks the value up by, for precedence between files (.npmrc). */
  key?: string;
}

/**
 * Every credential value in one config file's text, located with the same span finders the
 * writers use to mask diffs, then decoded the way the format's client decodes it.
 */
export function findCredentials(format: ScanFormat, text: string): FoundCredential[] {
  const spans = format === 'yarnrc' ? yarnrcSpans(text) : EDITORS[format].credentialSpans(text);
  return spans
    .filter((s) => s.end > s.start)
    .map((span) => describe(format, text, span))
    .filter((f) => f.value !== '');
}

function describe(format: ScanFormat, text: string, span: Span): FoundCredential {
  const raw = text.slice(span.start, span.end);
  const lineStart = text.lastIndexOf('\n', span.start - 1) + 1;
  const lineEndAt = text.indexOf('\n', span.end);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt;
  const line = text.slice(0, span.start).split('\n').length;
  const value = decode(format, raw);
  const entry = (
    text.slice(lineStart, span.start) +
    (isReference(value) ? value : maskSecret(value)) +
    text.slice(span.end, lineEnd)
  )
    .replace(/\r$/, '')
    .trim()
    .slice(0, 200);
  const before = text.slice(0, span.start);
  return {
    value,
    line,
    entry,
    ...context(
      format,
      before,
      text.slice(lineStart, span.start),
      text.slice(lineStart, lineEnd),
      text,
    ),
  };
}

function decode(format: ScanFormat, raw: string): string {
  switch (format) {
    case 'npmrc':
      return ini.unsafe(raw.trim());
    case 'maven':
    case 'nuget':
      return unescapeXml(raw.trim()).replace(/^Bearer\s+/i, '');
    case 'pip':
      try {
        return decodeURIComponent(raw);
      } catch {
        return raw;
      }
    case 'yarnrc':
      return raw.trim().replace(/^(["'])(.*)\1$/, '$2');
    case 'composer':
      try {
        return JSON.parse(`"${raw}"`) as string;
      } catch {
        return raw;
      }
    case 'bundler':
      // `user:token`, each half percent-encoded (Bundler unescapes them): the token is the secret.
      return bundlerUnescape(raw.includes(':') ? raw.slice(raw.indexOf(':') + 1) : raw);
    case 'gradle':
      // Java keeps a value's trailing spaces; escapes and continued lines are the format's own.
      try {
        return unescapeProperty(raw);
      } catch {
        return raw;
      }
    default:
      return raw.trim();
  }
}

function context(
  format: ScanFormat,
  before: string,
  linePrefix: string,
  lineText: string,
  text: string,
): Omit<FoundCredential, 'value' | 'line' | 'entry'> {
  switch (format) {
    case 'npmrc': {
      const key = /^\s*([^=\s]+)\s*=/.exec(linePrefix)?.[1];
      // `//host[:port]/path/:_authToken`: the dart is everything before the last colon (a port's
      // colon comes earlier).
      const dart = key?.startsWith('//') ? key.slice(0, key.lastIndexOf(':')) : undefined;
      return {
        registry: dart ? `https:${dart.endsWith('/') ? dart : `${dart}/`}` : null,
        ...(key ? { key } : {}),
      };
    }
    case 'netrc': {
      const machine = [...before.matchAll(/(?:^|\s)machine\s+(\S+)/g)].at(-1)?.[1];
      return { registry: machine ? `https://${machine}/` : null };
    }
    case 'pip': {
      return { registry: withoutCredentials(/https?:\/\/\S+/.exec(lineText)?.[0]) };
    }
    case 'maven': {
      const server = before.slice(before.lastIndexOf('<server>'));
      const id = /<id>\s*([^<]+?)\s*<\/id>/.exec(server)?.[1];
      return { registry: null, ...(id ? { serverId: unescapeXml(id) } : {}) };
    }
    case 'nuget': {
      // `before` ends inside the <add … value=" of the password: the credentials element is the
      // last one opened before a run of <add/> siblings (and comments).
      const open = [
        ...before.matchAll(
          /<([A-Za-z_][\w.-]*)>\s*(?:<!--[\s\S]*?-->\s*|<add\b[^>]*\/>\s*)*<add\b[^>]*$/g,
        ),
      ].at(-1)?.[1];
      return { registry: null, ...(open ? { source: decodeName(open) } : {}) };
    }
    case 'yarnrc':
      return { registry: yarnrcRegistry(text, before.length) };
    case 'composer': {
      const at = composerEntryAt(text, before.length);
      return at
        ? { registry: `https://${at.host}/`, key: `${at.section}.${at.host}` }
        : { registry: null };
    }
    case 'bundler': {
      const key = /^\s*(BUNDLE_\S+?)\s*:/.exec(linePrefix)?.[1];
      const host = key ? hostOfKey(key) : null;
      return { registry: host ? `https://${host}/` : null, ...(key ? { key } : {}) };
    }
    case 'gradle': {
      // The property name: what Gradle looks the value up by, and what ORG_GRADLE_PROJECT_ sets.
      const key = parseProperties(text).find((e) => e.valueSpan.start === before.length)?.key;
      return { registry: null, ...(key !== undefined ? { key } : {}) };
    }
    default:
      return { registry: null };
  }
}

function withoutCredentials(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname}`;
  } catch {
    return null;
  }
}

function unescapeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) => {
    const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()] ?? _;
    const code = e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
    return String.fromCodePoint(code);
  });
}

/** yarn ≥ 2: `npmAuthToken: VALUE` (top level, under npmRegistries or npmScopes) and `npmAuthIdent`. */
function yarnrcSpans(text: string): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(
    /^([ \t]*npmAuth(?:Token|Ident)[ \t]*:[ \t]*)([^\r\n#]*?)[ \t]*(?:#.*)?$/gm,
  )) {
    const start = m.index + m[1]!.length;
    spans.push({ start, end: start + m[2]!.length });
  }
  return spans;
}

/**
 * The registry a .yarnrc.yml token goes to: an `npmRegistryServer` in its own block (an npmScopes
 * entry, or the top level), else the `npmRegistries` key it sits under; a scope without its own
 * server uses the top-level one, as yarn does. Blocks are found by indentation, so a token is never
 * paired with another block's registry; when in doubt the answer is null (nowhere to verify).
 */
function yarnrcRegistry(text: string, at: number): string | null {
  const lines = text.split(/\r?\n/);
  const row = text.slice(0, at).split('\n').length - 1;
  const indentOf = (l: string) => /^[ \t]*/.exec(l)![0].length;
  const blank = (l: string) => /^\s*(#|$)/.test(l);
  const server = (l: string) =>
    /^[ \t]*npmRegistryServer[ \t]*:[ \t]*["']?([^"'\s#]+)/.exec(l)?.[1] ?? null;
  const own = indentOf(lines[row]!);
  let parent: string | null = null;
  let first = row;
  while (first > 0 && (blank(lines[first - 1]!) || indentOf(lines[first - 1]!) >= own)) first--;
  if (first > 0) parent = lines[first - 1]!;
  let last = row;
  while (last < lines.length - 1 && (blank(lines[last + 1]!) || indentOf(lines[last + 1]!) >= own))
    last++;
  for (let i = first; i <= last; i++) {
    const found = indentOf(lines[i]!) === own ? server(lines[i]!) : null;
    if (found) return asUrl(found);
  }
  if (parent === null) return null;
  const key = /^\s*["']?((?:https?:)?\/\/[^"'\s]+)["']?\s*:\s*$/.exec(parent)?.[1];
  if (key) return asUrl(key);
  // A scope (`acme:` under npmScopes) without a server of its own: the top-level one.
  const grand = lines
    .slice(0, first - 1)
    .reverse()
    .find((l) => !blank(l) && indentOf(l) < indentOf(parent!));
  if (grand && /^\s*npmScopes\s*:/.test(grand)) {
    const top = lines.find((l) => indentOf(l) === 0 && server(l));
    return top ? asUrl(server(top)!) : null;
  }
  return null;
}

function asUrl(registry: string): string {
  return registry.startsWith('//') ? `https:${registry}` : registry;
}
