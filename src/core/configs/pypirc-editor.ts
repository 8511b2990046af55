import type { ConfigEditor, EditResult, EditTarget, RemoveTarget } from './config-editor';
import { addValueWord, parseIniSections, setIniOption, valueWords } from './ini-sections';
import { TOKEN_USERNAME } from './pip-editor';
import { parseRegistryUrl } from '../registries/registry-url';
import { detectEol, lineSpan, preservingBom, removeSpans, splice, type Span } from './text-layout';
import { assertSafeValue, assertTrimmed, refuseIf } from './value-guard';

const LABEL = '.pypirc';
/** twine knows these repositories' URLs and adds them itself, so Keyport never writes one. */
const KNOWN_REPOSITORIES: Record<string, string> = {
  'upload.pypi.org': 'pypi',
  'pypi.org': 'pypi',
  'test.pypi.org': 'testpypi',
};
/** What twine uses when there is no [distutils] section; kept when Keyport has to add one. */
const IMPLICIT_INDEX_SERVERS = ['pypi', 'testpypi'];

/** configparser strips values, so surrounding whitespace cannot be stored. */
function assertIniValue(value: string, field: string): void {
  assertSafeValue(value, field);
  assertTrimmed(value, field);
}

function repositoryName(target: RemoveTarget): string {
  const host = parseRegistryUrl(target.registry).hostname;
  const name = target.repository ?? KNOWN_REPOSITORIES[host] ?? host;
  assertIniValue(name, 'repository name');
  refuseIf(/[\s\]]/.test(name), 'repository name', 'cannot contain spaces or ].');
  return name;
}

export function editPypirc(text: string, target: EditTarget): EditResult {
  const name = repositoryName(target);
  const username = target.username ?? TOKEN_USERNAME;
  assertIniValue(username, 'user name');
  assertIniValue(target.secret, 'token');
  const options: Array<[string, string]> = [
    ['username', username],
    ['password', target.secret],
  ];
  if (!IMPLICIT_INDEX_SERVERS.includes(name))
    options.unshift(['repository', parseRegistryUrl(target.registry).href]);

  return preservingBom(text, (body) => {
    const eol = detectEol(body);
    // One setting at a time, re-reading in between: each splice moves the offsets after it.
    let out = body;
    for (const [key, value] of options)
      out = setIniOption(out, parseIniSections(out, LABEL), name, key, value, eol);
    out = ensureIndexServer(out, name, eol);
    return { text: out, entry: `[${name}] username/password` };
  });
}

/** twine only offers the repositories listed in `[distutils] index-servers`. */
function ensureIndexServer(text: string, name: string, eol: string): string {
  const sections = parseIniSections(text, LABEL);
  const distutils = sections.find((s) => s.name === 'distutils');
  const option = distutils?.options.find((o) => o.name === 'index-servers');
  if (option) {
    if (valueWords(text, option).some((w) => w.word === name)) return text;
    return addValueWord(text, option, name, eol);
  }
  // twine offers pypi and testpypi without any [distutils]: nothing to add for those two.
  if (!distutils && IMPLICIT_INDEX_SERVERS.includes(name)) return text;
  if (distutils) {
    // Without index-servers twine offers pypi and testpypi; keep offering them.
    const servers = [...new Set([...IMPLICIT_INDEX_SERVERS, name])].join(' ');
    return setIniOption(text, sections, 'distutils', 'index-servers', servers, eol);
  }
  // A new [distutils] goes first, where people look for it; it keeps twine's implicit servers.
  const servers = [...new Set([...IMPLICIT_INDEX_SERVERS, name])];
  const block = ['[distutils]', 'index-servers =', ...servers.map((s) => `    ${s}`)];
  if (text === '') return block.join(eol) + eol;
  return splice(text, { start: 0, end: 0 }, [...block, '', ''].join(eol));
}

/**
 * Removes the `username` and `password` lines (with any continuation lines) of the repository's
 * section. The section, its `repository` URL and `[distutils] index-servers` stay: they hold no
 * secret, and twine then simply asks for credentials again.
 */
export function removePypirc(text: string, target: RemoveTarget): EditResult {
  const name = repositoryName(target);
  const entry = `[${name}] username/password`;
  return preservingBom(text, (body) => {
    const spans = (parseIniSections(body, LABEL).find((s) => s.name === name)?.options ?? [])
      .filter((o) => o.name === 'username' || o.name === 'password')
      .map((o) => lineSpan(o.line, o.continuation.at(-1)));
    return { text: spans.length > 0 ? removeSpans(body, spans) : body, entry };
  });
}

/** `password` values of every section. */
export function pypircCredentialSpans(text: string): Span[] {
  try {
    return parseIniSections(text, LABEL).flatMap((s) =>
      s.options.filter((o) => o.name === 'password').map((o) => o.value),
    );
  } catch {
    return [];
  }
}

export const pypircEditor: ConfigEditor = {
  format: 'pypirc',
  bomUnreadableBy: 'twine (Python’s configparser)',
  edit: editPypirc,
  remove: removePypirc,
  credentialSpans: pypircCredentialSpans,
};
