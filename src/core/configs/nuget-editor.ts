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
    return {
      notes: mappingNotes(root, name),
      text: reconcileXml(
        base,
        root,
        sourceSpecs(name, feed, target.username!, target.secret),
        detectXmlStyle(base, eol),
      ),
      entry: `source ${name} with credentials`,
    };
  });
}

/**
 * With `<packageSourceMapping>`, NuGet restores a package only from the sources mapped to its id
 * pattern: a source without a `<packageSource key>` there serves nothing. Keyport does not guess
 * the patterns; it says so before the write.
 */
function mappingNotes(root: XmlElement, source: string): string[] {
  const mapping = root.children.find((c) => c.name === 'packageSourceMapping');
  if (!mapping) return [];
  const mapped = descendants(mapping).some(
    (s) =>
      s.name === 'packageSource' &&
      attribute(s, 'key')?.value.toLowerCase() === source.toLowerCase(),
  );
  if (mapped) return [];
  return [
    `This NuGet.Config has <packageSourceMapping> without an entry for source "${source}", so NuGet restores no package from it until you add <packageSource key="${source}"> with the package patterns it serves (e.g. <package pattern="*" />).`,
  ];
}

function sourceSpecs(source: string, feed: string, username: string, secret: string): XmlSpec[] {
  return [
    {
      name: 'packageSources',
      children: [{ name: 'add', identity: [['key', source]], attributes: [['value', feed]] }],
    },
    {
      name: 'packageSourceCredentials',
      children: [
        {
          name: encodeLocalName(source),
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
};
