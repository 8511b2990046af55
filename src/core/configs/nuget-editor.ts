import { KeyportError } from '../../shared/errors';
import type { ConfigEditor, EditResult, EditTarget, RemoveTarget } from './config-editor';
import { parseRegistryUrl } from '../registries/registry-url';
import { detectEol, preservingBom, type Span } from './text-layout';
import { assertNotExpanded, assertSafeValue, assertTrimmed } from './value-guard';
import {
  attribute,
  descendants,
  parseXmlConfig,
  parseXmlDocument,
  type XmlElement,
} from './xml-document';
import { detectXmlStyle, reconcileXml, removeXmlElements, type XmlSpec } from './xml-edit';
import { decodeName, encodeLocalName } from './nuget-name';
import { PACKAGE_PATTERN, PACKAGE_PATTERN_RULE } from '../../shared/package-pattern';

const LABEL = 'NuGet.Config';
const MINIMAL_CONFIG = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<configuration>',
  '</configuration>',
  '',
];

function sourceNameOf(target: RemoveTarget): string {
  return target.source ?? parseRegistryUrl(target.registry).hostname;
}

function configurationRoot(body: string): XmlElement {
  return parseXmlConfig(body, LABEL, 'configuration');
}

export function editNuget(text: string, target: EditTarget): EditResult {
  const feed = parseRegistryUrl(target.registry).href;
  const source = sourceNameOf(target);
  if (!target.username) {
    throw new KeyportError('INVALID_INPUT', 'NuGet credentials need a user name.');
  }
  // Whether NuGet trims attribute values is not guaranteed; never rely on surrounding spaces.
  for (const [value, field] of [
    [source, 'source name'],
    [target.username, 'user name'],
    [target.secret, 'token'],
  ] as const) {
    assertSafeValue(value, field);
    assertTrimmed(value, field);
    assertNotExpanded(value, field, 'nuget', field === 'token' && target.reference);
  }
  const patterns = checkPackagePatterns(target.packagePatterns);

  return preservingBom(text, (body) => {
    const eol = detectEol(body);
    const base = body.trim() === '' ? MINIMAL_CONFIG.join(eol) : body;
    const root = configurationRoot(base);
    // NuGet finds a source by key ignoring case but its credentials by the exact (encoded) key,
    // as NuGet.exe 5.8 showed: an existing key's spelling names the credentials element.
    const existing = root.children
      .filter((c) => c.name === 'packageSources')
      .flatMap((c) => c.children)
      .find(
        (c) =>
          c.name === 'add' && attribute(c, 'key')?.value.toLowerCase() === source.toLowerCase(),
      );
    const name = existing ? attribute(existing, 'key')!.value : source;
    const style = detectXmlStyle(base, eol);
    const mapping = mappingOf(root);
    if (patterns.length > 0 && !mapping) {
      throw new KeyportError(
        'INVALID_INPUT',
        'Package patterns apply only to a NuGet.Config with <packageSourceMapping>; this one has none, so NuGet already restores any package from every source. Keyport wrote nothing.',
      );
    }
    const specs = sourceSpecs(name, feed, target.username!, target.secret, style.maxCodePoint);
    if (patterns.length > 0) specs.push(mappingSpec(name, patterns));
    return {
      notes: mapping && patterns.length === 0 ? mappingNotes(mapping, name) : [],
      ...(mapping ? { fileFields: ['packagePatterns' as const] } : {}),
      text: reconcileXml(base, root, specs, style),
      entry: `source ${name} with credentials${patterns.length > 0 ? ` and package patterns ${patterns.join(' ')}` : ''}`,
    };
  });
}

function checkPackagePatterns(patterns: readonly string[] | undefined): string[] {
  const list = [...new Set(patterns ?? [])];
  for (const p of list) {
    if (typeof p !== 'string' || !PACKAGE_PATTERN.test(p)) {
      throw new KeyportError('INVALID_INPUT', PACKAGE_PATTERN_RULE);
    }
  }
  return list;
}

function mappingOf(root: XmlElement): XmlElement | undefined {
  return root.children.find((c) => c.name === 'packageSourceMapping');
}

/**
 * The source's `<packageSource key>` under `<packageSourceMapping>` with one `<package pattern>`
 * per pattern; patterns already there stay, so a second write with more patterns only adds.
 * Keyport writes no default pattern: `*` would let every package (also one a public feed should
 * serve) come from this source, undoing what the user's mapping guards against.
 */
function mappingSpec(source: string, patterns: string[]): XmlSpec {
  return {
    name: 'packageSourceMapping',
    children: [
      {
        name: 'packageSource',
        identity: [['key', source]],
        children: patterns.map((pattern) => ({
          name: 'package',
          identity: [['pattern', pattern]],
        })),
      },
    ],
  };
}

/**
 * With `<packageSourceMapping>`, NuGet (6.0 and later) restores a package only from the sources
 * mapped to its id pattern: a source without a `<packageSource key>` there serves nothing. Without
 * patterns from the user Keyport maps nothing and says so before the write.
 */
function mappingNotes(mapping: XmlElement, source: string): string[] {
  const mapped = descendants(mapping).some(
    (s) =>
      s.name === 'packageSource' &&
      attribute(s, 'key')?.value.toLowerCase() === source.toLowerCase(),
  );
  if (mapped) return [];
  return [
    `This NuGet.Config has <packageSourceMapping> without an entry for source "${source}", so NuGet 6 and later restore no package from it. Give the package patterns it serves (e.g. Contoso.*) and Keyport adds <packageSource key="${source}"> with them.`,
  ];
}

function sourceSpecs(
  source: string,
  feed: string,
  username: string,
  secret: string,
  maxCodePoint: number,
): XmlSpec[] {
  return [
    {
      name: 'packageSources',
      children: [{ name: 'add', identity: [['key', source]], attributes: [['value', feed]] }],
    },
    {
      name: 'packageSourceCredentials',
      children: [
        {
          name: encodeLocalName(source, maxCodePoint),
          match: (el) => decodeName(el.name) === source,
          children: [
            { name: 'add', identity: [['key', 'Username']], attributes: [['value', username]] },
            {
              name: 'add',
              identity: [['key', 'ClearTextPassword']],
              attributes: [['value', secret]],
            },
            // NuGet rejects the whole file when Password and ClearTextPassword meet in one entry.
            { name: 'add', identity: [['key', 'Password']], remove: true },
          ],
        },
      ],
    },
  ];
}

/**
 * Removes the source's credentials element(s) under `<packageSourceCredentials>`. The source is
 * matched by decoded name ignoring case, as NuGet matches source names: an element spelled in
 * another case is one NuGet.exe 5.8 skips, but it still holds a (revoked) secret for this feed, so
 * it goes too. The `<packageSources>` entry holds no secret and the feed may still be used
 * anonymously, so it stays, as does an emptied `<packageSourceCredentials>`.
 */
export function removeNuget(text: string, target: RemoveTarget): EditResult {
  const source = sourceNameOf(target);
  const entry = `credentials of source ${source}`;
  return preservingBom(text, (body) => {
    if (body.trim() === '') return { text: body, entry };
    const credentials = configurationRoot(body)
      .children.filter((c) => c.name === 'packageSourceCredentials')
      .flatMap((c) => c.children)
      .filter((el) => decodeName(el.name).toLowerCase() === source.toLowerCase());
    return { text: removeXmlElements(body, credentials), entry };
  });
}

function isSecretAdd(el: XmlElement, inApiKeys: boolean): boolean {
  if (el.name !== 'add') return false;
  return inApiKeys || /^(cleartext)?password$/i.test(attribute(el, 'key')?.value ?? '');
}

export function nugetCredentialSpans(text: string): Span[] {
  let root: XmlElement;
  try {
    root = parseXmlDocument(text, LABEL);
  } catch {
    return [];
  }
  return root.children
    .filter((section) => section.name === 'packageSourceCredentials' || section.name === 'apikeys')
    .flatMap((section) =>
      descendants(section)
        .filter((el) => isSecretAdd(el, section.name === 'apikeys'))
        .flatMap((el) => {
          const value = attribute(el, 'value');
          return value ? [value.valueSpan] : [];
        }),
    );
}

export const nugetEditor: ConfigEditor = {
  format: 'nuget',
  edit: editNuget,
  remove: removeNuget,
  credentialSpans: nugetCredentialSpans,
  xml: true,
};
