import { KeyportError } from '../../shared/errors';
import type { ConfigEditor, EditResult, EditTarget, RemoveTarget } from './config-editor';
import { registryBase } from '../registries/registry-url';
import { detectEol, preservingBom, type Span } from './text-layout';
import { assertNotExpanded, assertSafeValue, assertTrimmed, refuseIf } from './value-guard';
import { descendants, parseXmlConfig, parseXmlDocument, type XmlElement } from './xml-document';
import { detectXmlStyle, reconcileXml, removeXmlElements, type XmlSpec } from './xml-edit';

const LABEL = 'Maven settings.xml';

const MINIMAL_SETTINGS = [
  '<?xml version="1.0" encoding="UTF-8"?>',
  '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0"',
  '          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
  '          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.0.0 https://maven.apache.org/xsd/settings-1.0.0.xsd">',
  '</settings>',
  '',
];

function child(el: XmlElement, name: string): XmlElement | undefined {
  return el.children.find((c) => c.name === name);
}

function isAuthorizationProperty(el: XmlElement): boolean {
  return child(el, 'name')?.text.toLowerCase() === 'authorization';
}

function serverIdOf(target: RemoveTarget): string {
  return target.serverId ?? registryBase(target.registry).hostname;
}

function settingsRoot(body: string): XmlElement {
  return parseXmlConfig(body, LABEL, 'settings');
}

/** The user name of the first `<server>` with this id (the one Maven reads), if it has one. */
function existingUsername(text: string, id: string): string | undefined {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trim() === '') return undefined;
  const server = child(settingsRoot(body), 'servers')?.children.find(
    (el) => el.name === 'server' && child(el, 'id')?.text === id,
  );
  const name = server && child(server, 'username')?.text;
  return name ? name : undefined;
}

export function editMaven(text: string, target: EditTarget): EditResult {
  const id = serverIdOf(target);
  // Maven trims every value it reads, so surrounding whitespace would silently be lost.
  for (const [value, field] of [
    [id, 'server id'],
    [target.secret, 'token'],
    ...(target.username ? [[target.username, 'user name']] : []),
  ] as const) {
    assertSafeValue(value, field);
    assertTrimmed(value, field);
    assertNotExpanded(value, field, 'maven', field === 'token' && target.reference);
  }
  // Maven reads `{…}` as a password encrypted with settings-security.xml and fails to decrypt it.
  refuseIf(
    /^\{.*\}$/.test(target.secret),
    'token',
    'is wrapped in braces, which Maven reads as an encrypted password.',
  );
  // Asked for no kind of auth and no user name (a scan's "Replace with reference" names only the
  // server id): an existing user name/password entry stays one, with its own user name. A bearer
  // header would be added beside it and leave the plaintext password in the file.
  const username = target.username ?? (target.mavenAuth ? undefined : existingUsername(text, id));
  const mode = target.mavenAuth ?? (username ? 'password' : 'bearer');
  if (mode === 'password' && !username) {
    throw new KeyportError('INVALID_INPUT', 'Maven password authentication needs a user name.');
  }

  const credentials: XmlSpec[] =
    mode === 'password'
      ? [
          { name: 'username', text: username! },
          { name: 'password', text: target.secret },
        ]
      : [
          {
            name: 'configuration',
            children: [
              {
                name: 'httpHeaders',
                children: [
                  {
                    name: 'property',
                    match: (el) => el.name === 'property' && isAuthorizationProperty(el),
                    children: [
                      { name: 'name', text: 'Authorization' },
                      { name: 'value', text: `Bearer ${target.secret}` },
                    ],
                  },
                ],
              },
            ],
          },
        ];
  // Maven uses the first server with a given id, so that is the one to update.
  const server: XmlSpec = {
    name: 'server',
    match: (el) => el.name === 'server' && child(el, 'id')?.text === id,
    children: [{ name: 'id', text: id }, ...credentials],
  };
  const entry = `server id=${id} (${mode === 'password' ? 'username/password' : 'Authorization: Bearer header'})`;

  return preservingBom(text, (body) => {
    const eol = detectEol(body);
    const base = body.trim() === '' ? MINIMAL_SETTINGS.join(eol) : body;
    const root = settingsRoot(base);
    const out = reconcileXml(
      base,
      root,
      [{ name: 'servers', children: [server] }],
      detectXmlStyle(base, eol),
    );
    return { text: out, entry };
  });
}

/**
 * Removes the first `<server>` with the target's id (the one Maven reads, so the one edit wrote),
 * whole: its id and any other settings existed only to carry the credential, bearer header or
 * password alike. `<servers>` stays, even empty, as the user may have written it.
 */
export function removeMaven(text: string, target: RemoveTarget): EditResult {
  const id = serverIdOf(target);
  const entry = `server id=${id}`;
  return preservingBom(text, (body) => {
    // Nothing to remove from a missing or empty file; edit would have started it from scratch.
    if (body.trim() === '') return { text: body, entry };
    const servers = child(settingsRoot(body), 'servers');
    const server = servers?.children.find(
      (el) => el.name === 'server' && child(el, 'id')?.text === id,
    );
    return { text: removeXmlElements(body, server ? [server] : []), entry };
  });
}

function contentSpan(el: XmlElement): Span {
  return { start: el.openEnd, end: el.closeStart };
}

export function mavenCredentialSpans(text: string): Span[] {
  let root: XmlElement;
  try {
    root = parseXmlDocument(text, LABEL);
  } catch {
    return [];
  }
  return descendants(root).flatMap((el) => {
    if (el.name === 'password' || el.name === 'passphrase') return [contentSpan(el)];
    if (el.name === 'property' && isAuthorizationProperty(el)) {
      const value = child(el, 'value');
      return value ? [contentSpan(value)] : [];
    }
    return [];
  });
}

export const mavenEditor: ConfigEditor = {
  format: 'maven',
  edit: editMaven,
  remove: removeMaven,
  credentialSpans: mavenCredentialSpans,
  xml: true,
};
