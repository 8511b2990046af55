import fc from 'fast-check';
import ini from 'ini';
import { parse as parseYaml } from 'yaml';
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { KeyportError } from '../../../src/shared/errors';
import type { ConfigFormat } from '../../../src/shared/types';
import type { EditTarget } from '../../../src/core/configs/config-editor';
import { bundlerSettings } from '../../../src/core/configs/bundler-editor';
import { EDITORS } from '../../../src/core/configs/editors';
import { parseIniSections } from '../../../src/core/configs/ini-sections';
import { parseNetrc } from '../../../src/core/configs/netrc-parser';
import { decodeConfig } from '../../../src/core/configs/config-encoding';
import { parseProperties } from '../../../src/core/configs/java-properties';

/**
 * Random valid files are built as prefix + target entry (or nothing) + suffix from fragments of
 * the format, so the property can say exactly which bytes must survive.
 */
interface Sample {
  prefix: string;
  targetBlock: string | null;
  suffix: string;
}

interface FormatModel {
  format: ConfigFormat;
  target: Omit<EditTarget, 'secret'>;
  sample: fc.Arbitrary<Sample>;
  /** Reads the result independently and checks: exactly one entry for the target, holding `secret`. */
  check(text: string, secret: string): void;
  /** Does the format add in one place (so before = after minus one inserted run)? */
  singleInsertion: boolean;
}

const RUNS = 150;
const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/);
const safeValue = fc.stringMatching(/^[A-Za-z0-9._-]{1,16}$/);
const eolArb = fc.constantFrom('\n', '\r\n');
/** Up to four distinct names for the other sections or sources of a file, none of `taken`. */
const otherNames = (...taken: string[]): fc.Arbitrary<string[]> =>
  fc.uniqueArray(
    word.filter((w) => !taken.includes(w)),
    { maxLength: 4 },
  );
const secretArb = fc.stringMatching(/^[A-Za-z0-9._~-]{1,40}$/).map((s) => `kp-test-${s}`);
/** Characters that would inject structure in one format or another. */
const injectionArb = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        '\r',
        '\n',
        '\u0000',
        '\u001b',
        ']]>',
        '<',
        '>',
        '&',
        '"',
        "'",
        '=',
        '#',
        ';',
        ' ',
        '\\',
        '%',
        '@',
        ':',
        '/',
        '[',
        ']',
        '${X}',
        '\u2028',
        'é',
      ),
      safeValue,
    ),
    { minLength: 1, maxLength: 8 },
  )
  .map((parts) => parts.join(''));

/** How a random file is laid out, drawn alike for every format: BOM, line end, final newline. */
interface Layout {
  bom: boolean;
  eol: string;
  trailing: boolean;
}

/** A format's own random fields, drawn beside a layout. */
function withLayout<T extends object>(fields: {
  [K in keyof T]: fc.Arbitrary<T[K]>;
}): fc.Arbitrary<Layout & T> {
  return fc
    .tuple(fc.record({ bom: fc.boolean(), eol: eolArb, trailing: fc.boolean() }), fc.record(fields))
    .map(([layout, own]) => ({ ...layout, ...own }));
}

function file({ bom, eol, trailing }: Layout, blocks: string[]): string {
  return (bom ? '\uFEFF' : '') + blocks.join(eol) + (trailing ? eol : '');
}

const joined = (s: Sample): string => s.prefix + (s.targetBlock ?? '') + s.suffix;
const unBom = (text: string): string => text.replace(/^\uFEFF/, '');

/** Splits a list of blocks around an optional target block into prefix/target/suffix. */
function around(layout: Layout, before: string[], target: string | null, after: string[]): Sample {
  const { bom, eol, trailing } = layout;
  if (target === null)
    return { prefix: file(layout, [...before, ...after]), targetBlock: null, suffix: '' };
  const prefix = (bom ? '\uFEFF' : '') + before.map((b) => b + eol).join('');
  const suffix = after.map((b) => eol + b).join('') + (trailing ? eol : '');
  return { prefix, targetBlock: target, suffix };
}

const npmrc: FormatModel = {
  format: 'npmrc',
  target: { registry: 'https://registry.example/npm/' },
  singleInsertion: true,
  sample: withLayout({
    before: fc.array(
      fc.oneof(
        word.map((w) => `; ${w}`),
        word.map((w) => `# ${w}`),
        fc.constant(''),
        fc.tuple(word, safeValue).map(([k, v]) => `${k} = ${v}`),
        fc.tuple(word, safeValue).map(([k, v]) => `//other.example/${k}/:_authToken=${v}`),
      ),
      { maxLength: 8 },
    ),
    after: fc.array(
      fc.oneof(
        word.map((w) => `# ${w}`),
        fc.tuple(word, safeValue).map(([k, v]) => `${k}=${v}`),
      ),
      { maxLength: 8 },
    ),
    old: fc.option(
      fc.oneof(
        safeValue,
        safeValue.map((v) => `"${v}"`),
      ),
      { nil: null },
    ),
  }).map((r) =>
    around(
      r,
      r.before,
      r.old === null ? null : `//registry.example/npm/:_authToken=${r.old}`,
      r.after,
    ),
  ),
  check(text, secret) {
    const lines = text
      .split(/\r?\n/)
      .filter((l) => l.includes('//registry.example/npm/:_authToken'));
    expect(lines).toHaveLength(1);
    expect(ini.parse(unBom(text))['//registry.example/npm/:_authToken']).toBe(secret);
  },
};

const xmlReader = new XMLParser({
  parseTagValue: false,
  ignoreAttributes: false,
  isArray: (_name, _path, _leaf, isAttribute) => !isAttribute,
});

const maven: FormatModel = {
  format: 'maven',
  target: { registry: 'https://repo.example/', serverId: 'target', username: 'ci' },
  singleInsertion: true,
  sample: withLayout({
    indent: fc.constantFrom('  ', '    ', '\t'),
    withServers: fc.boolean(),
    before: fc.array(fc.tuple(word, safeValue), { maxLength: 5 }),
    after: fc.array(fc.tuple(word, safeValue), { maxLength: 5 }),
    old: fc.option(fc.tuple(safeValue, fc.boolean()), { nil: null }),
  }).map((r) => {
    const i = r.indent;
    const server = ([id, pw]: [string, string]): string =>
      `${i}${i}<server><id>other-${id}</id><password>${pw}</password></server>`;
    if (!r.withServers)
      return around(r, [`<settings>`, `${i}<!-- ${'x'} -->`], null, ['</settings>']);
    const target =
      r.old === null
        ? null
        : r.old[1]
          ? `${i}${i}<server>${r.eol}${i}${i}${i}<id>target</id>${r.eol}${i}${i}${i}<username>old</username>${r.eol}${i}${i}${i}<password>${r.old[0]}</password>${r.eol}${i}${i}</server>`
          : `${i}${i}<server><id>target</id></server>`;
    return around(
      r,
      ['<?xml version="1.0"?>', '<settings>', `${i}<servers>`, ...r.before.map(server)],
      target,
      [...r.after.map(server), `${i}</servers>`, '</settings>'],
    );
  }),
  check(text, secret) {
    const doc = xmlReader.parse(unBom(text)) as {
      settings: Array<{ servers: Array<{ server: Array<{ id: string[]; password?: string[] }> }> }>;
    };
    const servers = doc.settings[0]!.servers[0]!.server.filter((s) => s.id[0] === 'target');
    expect(servers).toHaveLength(1);
    expect(servers[0]!.password).toEqual([secret]);
  },
};

/** NuGet.Config's pieces: its opening, a source's line, a source's credentials. */
const NUGET_HEAD = [
  '<?xml version="1.0" encoding="utf-8"?>',
  '<configuration>',
  '  <packageSources>',
];
const NUGET_TARGET_SOURCE =
  '    <add key="Target Feed" value="https://feed.example/v3/index.json" />';
const nugetSource = (w: string): string =>
  `    <add key="other-${w}" value="https://${w}.example/" />`;
const nugetCredentials = (tag: string, user: string, password: string, eol: string): string =>
  `    <${tag}>${eol}      <add key="Username" value="${user}" />${eol}      <add key="ClearTextPassword" value="${password}" />${eol}    </${tag}>`;
const otherNugetCredentials = (others: string[], eol: string): string[] =>
  others.map((w) => nugetCredentials(`other-${w}`, 'u', 'p', eol));

const nuget: FormatModel = {
  format: 'nuget',
  target: { registry: 'https://feed.example/v3/index.json', source: 'Target Feed', username: 'ci' },
  singleInsertion: false,
  sample: withLayout({
    others: otherNames(),
    old: fc.option(safeValue, { nil: null }),
  }).map((r) => {
    const blocks = [...NUGET_HEAD, ...r.others.map(nugetSource)];
    if (r.old === null)
      return around(r, [...blocks, '  </packageSources>', '</configuration>'], null, []);
    return around(
      r,
      [
        ...blocks,
        NUGET_TARGET_SOURCE,
        '  </packageSources>',
        '  <packageSourceCredentials>',
        ...otherNugetCredentials(r.others, r.eol),
      ],
      nugetCredentials('Target_x0020_Feed', 'ci', r.old, r.eol),
      ['  </packageSourceCredentials>', '</configuration>'],
    );
  }),
  check(text, secret) {
    const doc = xmlReader.parse(unBom(text)) as {
      configuration: Array<{
        packageSources: Array<{ add: Array<Record<string, string>> }>;
        packageSourceCredentials: Array<
          Record<string, Array<{ add: Array<Record<string, string>> }>>
        >;
      }>;
    };
    const conf = doc.configuration[0]!;
    expect(conf.packageSources[0]!.add.filter((a) => a['@_key'] === 'Target Feed')).toHaveLength(1);
    const creds = conf.packageSourceCredentials[0]!['Target_x0020_Feed']!;
    expect(creds).toHaveLength(1);
    expect(
      creds[0]!.add.filter((a) => a['@_key'] === 'ClearTextPassword').map((a) => a['@_value']),
    ).toEqual([secret]);
  },
};

const netrc: FormatModel = {
  format: 'netrc',
  target: { registry: 'https://target.example/', username: 'ci' },
  singleInsertion: true,
  sample: withLayout({
    before: fc.array(
      fc.oneof(
        fc.tuple(word, safeValue).map(([h, p]) => `machine ${h}.other login u password ${p}`),
        fc.tuple(word, safeValue).map(([h, p]) => `machine ${h}.other\n  login u\n  password ${p}`),
        word.map((w) => `# ${w}`),
        word.map((w) => `macdef ${w}\ncd /\n`),
      ),
      { maxLength: 5 },
    ),
    old: fc.option(fc.tuple(safeValue, fc.boolean()), { nil: null }),
    withDefault: fc.boolean(),
  }).map((r) => {
    const fix = (b: string): string => b.replace(/\n/g, r.eol);
    const target =
      r.old === null
        ? null
        : r.old[1]
          ? fix(`machine target.example\n  login old\n  password ${r.old[0]}`)
          : `machine target.example login old password ${r.old[0]}`;
    // A macdef body ends at an empty line, so one closes the file's text before `default` too.
    const after = r.withDefault ? ['', 'default login anonymous password guest'] : [''];
    return around(r, r.before.map(fix), target, after);
  }),
  check(text, secret) {
    const entries = parseNetrc(unBom(text)).filter((e) => e.host?.value === 'target.example');
    expect(entries).toHaveLength(1);
    expect(
      entries[0]!.fields.filter((f) => f.key.value === 'password').map((f) => f.value.value),
    ).toEqual([secret]);
    const all = parseNetrc(unBom(text));
    expect(
      all.at(-1)!.keyword.value === 'default' || !all.some((e) => e.keyword.value === 'default'),
    ).toBe(true);
  },
};

const iniBlocks = (eol: string, names: string[]): string[] =>
  names.map((n) => `[${n}]${eol}key-${n} = v${eol}multi =${eol}    a${eol}    b`);

const pip: FormatModel = {
  format: 'pip',
  target: { registry: 'https://index.example/simple/', username: 'ci' },
  singleInsertion: true,
  sample: withLayout({
    others: otherNames('global'),
    old: fc.option(safeValue, { nil: null }),
    comment: fc.boolean(),
  }).map((r) => {
    const head = r.comment ? ['# pip config'] : [];
    const blocks = [...head, ...iniBlocks(r.eol, r.others)];
    if (r.old === null) return around(r, blocks, null, []);
    return around(
      r,
      [...blocks, '[global]', 'timeout = 5'],
      `index-url = https://ci:${r.old}@index.example/simple/`,
      ['retries = 2'],
    );
  }),
  check(text, secret) {
    const global = parseIniSections(unBom(text), 'pip').find((s) => s.name === 'global')!;
    const urls = global.options.filter((o) => o.name === 'index-url');
    expect(urls).toHaveLength(1);
    const url = new URL(unBom(text).slice(urls[0]!.value.start, urls[0]!.value.end));
    expect(decodeURIComponent(url.password)).toBe(secret);
  },
};

const pypirc: FormatModel = {
  format: 'pypirc',
  target: { registry: 'https://upload.example/legacy/', repository: 'corp' },
  singleInsertion: false,
  sample: withLayout({
    others: otherNames('corp', 'distutils'),
    old: fc.option(safeValue, { nil: null }),
    distutils: fc.boolean(),
  }).map((r) => {
    // An existing entry is listed in index-servers, so updating it touches nothing else.
    const listed = r.old === null ? '' : `${r.eol}    corp`;
    const head =
      r.distutils || r.old !== null
        ? [`[distutils]${r.eol}index-servers =${r.eol}    pypi${listed}`]
        : [];
    const blocks = [...head, ...iniBlocks(r.eol, r.others)];
    if (r.old === null) return around(r, blocks, null, []);
    return around(
      r,
      [...blocks, '[corp]', 'repository = https://upload.example/legacy/', 'username = __token__'],
      `password = ${r.old}`,
      [],
    );
  }),
  check(text, secret) {
    const body = unBom(text);
    const sections = parseIniSections(body, 'pypirc');
    const corp = sections.filter((s) => s.name === 'corp');
    expect(corp).toHaveLength(1);
    const pw = corp[0]!.options.find((o) => o.name === 'password')!;
    expect(body.slice(pw.value.start, pw.value.end)).toBe(secret);
    const servers = sections
      .find((s) => s.name === 'distutils')!
      .options.find((o) => o.name === 'index-servers')!;
    expect(
      body
        .slice(servers.value.start, servers.value.end)
        .split(/\s+/)
        .filter((w) => w === 'corp'),
    ).toHaveLength(1);
  },
};

/** Yarn's view of a .yarnrc.yml (js-yaml's failsafe schema reads every scalar as a string). */
const yarnView = (text: string): Record<string, unknown> =>
  (parseYaml(unBom(text)) as Record<string, unknown> | null) ?? {};

const yarnrc: FormatModel = {
  format: 'yarnrc',
  target: { registry: 'https://registry.example/npm/', scope: '@kp' },
  singleInsertion: true,
  sample: withLayout({
    before: fc.array(
      fc.oneof(
        word.map((w) => `# ${w}`),
        fc.constant(''),
        fc.tuple(word, safeValue).map(([k, v]) => `x${k}: v${v}`),
        fc.tuple(word, safeValue).map(([k, v]) => `x${k}: &a${k} "${v}" # c`),
      ),
      { maxLength: 6 },
    ),
    scopes: fc.uniqueArray(
      word.filter((w) => w !== 'kp'),
      { maxLength: 3 },
    ),
    after: fc.array(
      fc.oneof(
        word.map((w) => `# ${w}`),
        fc.tuple(word, safeValue).map(([k, v]) => `y${k}: '${v}'`),
      ),
      { maxLength: 4 },
    ),
    old: fc.option(
      fc.oneof(
        safeValue.map((v) => `t${v}`),
        safeValue.map((v) => `"${v}"`),
        safeValue.map((v) => `'${v}'`),
      ),
      { nil: null },
    ),
  }).map((r) => {
    const scopes = r.scopes.map(
      (s) => `  ${s}:${r.eol}    npmRegistryServer: "https://${s}.example/"`,
    );
    const kp = `  kp:${r.eol}    npmRegistryServer: "https://registry.example/npm"${r.eol}    npmAuthToken: `;
    // Keys made unique by their position (duplicate keys are invalid YAML).
    const before = r.before.map((b, i) => b.replace(/^x/, `x${i}`));
    r.after = r.after.map((b, i) => b.replace(/^y/, `y${i}`));
    const head = [...before, `npmScopes:`, ...scopes];
    if (r.old === null) {
      // The target goes in npmScopes; keep it a block map with at least one entry.
      const withOne = scopes.length > 0 ? head : [...head, `  zz:${r.eol}    npmAlwaysAuth: true`];
      return around(r, withOne, null, r.after);
    }
    const sample = around(r, head, r.old, r.after);
    return { ...sample, prefix: `${sample.prefix}${kp}` };
  }),
  check(text, secret) {
    const scopes = yarnView(text).npmScopes as Record<string, Record<string, unknown>>;
    expect(scopes.kp!.npmAuthToken).toBe(secret);
    expect(String(scopes.kp!.npmRegistryServer).replace(/\/$/, '')).toBe(
      'https://registry.example/npm',
    );
  },
};

/** Composer's view of auth.json (PHP's json_decode agrees with JSON.parse on valid JSON). */
const composerView = (text: string): Record<string, Record<string, unknown>> =>
  JSON.parse(unBom(text)) as Record<string, Record<string, unknown>>;

const composer: FormatModel = {
  format: 'composer',
  target: { registry: 'https://repo.example/', username: 'ci' },
  singleInsertion: true,
  sample: withLayout({
    unit: fc.constantFrom('  ', '    ', '\t'),
    sectionsBefore: fc.uniqueArray(fc.constantFrom('github-oauth', 'gitlab-token', 'bearer')),
    sectionsAfter: fc.uniqueArray(fc.constantFrom('bitbucket-oauth', 'gitlab-oauth')),
    withSection: fc.boolean(),
    inline: fc.boolean(),
    before: fc.uniqueArray(word, { maxLength: 3 }),
    after: fc.uniqueArray(word, { maxLength: 3 }),
    old: fc.option(safeValue, { nil: null }),
  }).map((r) => {
    const [i, eol] = [r.unit, r.eol];
    const hostEntry = (host: string, password: string): string =>
      r.inline
        ? `"${host}": {"username": "u", "password": "${password}"}`
        : `"${host}": {${eol}${i}${i}${i}"username": "u",${eol}${i}${i}${i}"password": "${password}"${eol}${i}${i}}`;
    const section = (name: string): string =>
      `${i}"${name}": {${eol}${i}${i}"${name}.example": "v-${name}"${eol}${i}}`;
    const open = (r.bom ? '\uFEFF' : '') + '{';
    const close = eol + '}' + (r.trailing ? eol : '');
    const befores = r.sectionsBefore.map(section);
    const afters = r.sectionsAfter.map(section);
    const others = (names: string[], tag: string) =>
      names.map((w) => `${i}${i}${hostEntry(`${tag}-${w}.example`, `p-${w}`)}`);
    const before = others(r.before, 'b');
    const after = others(r.after, 'a');
    const members = (list: string[]) => list.map((m) => eol + m).join(',');
    if (r.old === null) {
      const basic = !r.withSection
        ? []
        : [...before, ...after].length === 0
          ? [`${i}"http-basic": {}`]
          : [`${i}"http-basic": {${members([...before, ...after])}${eol}${i}}`];
      return {
        prefix: open + members([...befores, ...basic, ...afters]) + close,
        targetBlock: null,
        suffix: '',
      };
    }
    const head = `${i}"http-basic": {${members(before)}${before.length > 0 ? ',' : ''}${eol}${i}${i}`;
    const tail = `${after.length > 0 ? ',' : ''}${members(after)}${eol}${i}}`;
    const prefix = open + members([...befores, head]);
    return {
      prefix,
      targetBlock: hostEntry('repo.example', r.old).replace('"u"', '"ci"'),
      suffix: tail + (afters.length > 0 ? ',' : '') + members(afters) + close,
    };
  }),
  check(text, secret) {
    expect(text.split('"repo.example"')).toHaveLength(2);
    expect(composerView(text)['http-basic']!['repo.example']).toEqual({
      username: 'ci',
      password: secret,
    });
  },
};

/** Bundler's view (a copy of its own line reader, proven against Ruby in the integration tests). */
const BUNDLER_KEY = 'BUNDLE_REPO__EXAMPLE';
const bundlerValue = (secret: string): string =>
  `ci:${encodeURIComponent(secret).replace(/'/g, '%27')}`;

const bundler: FormatModel = {
  format: 'bundler',
  target: { registry: 'https://repo.example/', username: 'ci' },
  singleInsertion: true,
  sample: withLayout({
    header: fc.boolean(),
    before: fc.array(
      fc.oneof(
        word.map((w) => `# ${w}`),
        fc.constant(''),
        fc.tuple(word, safeValue).map(([k, v]) => `BUNDLE_X${k.toUpperCase()}: "${v}"`),
        fc.tuple(word, safeValue).map(([k, v]) => `BUNDLE_X${k.toUpperCase()}: '${v}'`),
      ),
      { maxLength: 6 },
    ),
    after: fc.array(
      fc.oneof(
        word.map((w) => `# ${w}`),
        fc.tuple(word, safeValue).map(([k, v]) => `BUNDLE_Y${k.toUpperCase()}: "u:${v}"`),
      ),
      { maxLength: 4 },
    ),
    old: fc.option(
      fc.oneof(
        safeValue.map((v) => `"ci:${v}"`),
        safeValue.map((v) => `'ci:${v}'`),
        safeValue.map((v) => `ci:${v}`),
      ),
      { nil: null },
    ),
  }).map((r) => {
    // Keys made unique by their position; one setting always there (Bundler's own file has one).
    const before = [
      ...(r.header ? ['---'] : []),
      'BUNDLE_PATH: "vendor/bundle"',
      ...r.before.map((b, n) => b.replace(/^BUNDLE_X/, `BUNDLE_X${n}`)),
    ];
    const after = r.after.map((b, n) => b.replace(/^BUNDLE_Y/, `BUNDLE_Y${n}`));
    if (r.old === null) return around(r, before, null, after);
    const sample = around(r, before, r.old, after);
    return { ...sample, prefix: `${sample.prefix}${BUNDLER_KEY}: ` };
  }),
  check(text, secret) {
    expect(text.split(`${BUNDLER_KEY}:`)).toHaveLength(2);
    expect(bundlerSettings(unBom(text)).get(BUNDLER_KEY)).toBe(bundlerValue(secret));
    expect((parseYaml(unBom(text)) as Record<string, string>)[BUNDLER_KEY]).toBe(
      bundlerValue(secret),
    );
  },
};

/** Java's view of a gradle.properties: each key's last value (as Properties.load keeps it). */
const gradleView = (text: string): Map<string, string[]> => {
  const view = new Map<string, string[]>();
  for (const e of parseProperties(unBom(text)))
    view.set(e.key, [...(view.get(e.key) ?? []), e.value]);
  return view;
};

/** Entries in the shapes people write: every separator, comments of both kinds, continued values. */
const propertyLine = (eol: string): fc.Arbitrary<string> =>
  fc.oneof(
    word.map((w) => `# ${w}`),
    word.map((w) => `! ${w}`),
    word.map((w) => `# ${w} \\`),
    fc.constant(''),
    fc
      .tuple(
        word,
        fc.constantFrom('=', ' = ', ':', ': ', ' : ', '\t=\t', ' :', ' ', '\t', '   '),
        safeValue,
      )
      .map(([k, s, v]) => `${k}${s}${v}`),
    fc.tuple(word, safeValue).map(([k, v]) => `other${k}Password=${v}`),
    fc.tuple(word, safeValue, safeValue).map(([k, a, b]) => `${k}=${a}\\${eol}    ${b}`),
    fc.tuple(word, safeValue).map(([k, v]) => `${k} : \\${eol}  ${v}`),
    fc.tuple(word, safeValue).map(([k, v]) => `  ${k}\\:x\\ y = ${v}\\u00e9`),
  );

const gradle: FormatModel = {
  format: 'gradle',
  target: { registry: 'https://repo.example/', repository: 'corp', username: 'ci' },
  singleInsertion: true,
  sample: withLayout({}).chain((layout) =>
    fc
      .record({
        before: fc.array(propertyLine(layout.eol), { maxLength: 8 }),
        after: fc.array(propertyLine(layout.eol), { maxLength: 8 }),
        old: fc.option(
          fc.tuple(
            fc.constantFrom('=', ' = ', ':', ': ', '\t:\t', ' ', '\t', ` :\\${layout.eol}  `),
            safeValue,
            fc.option(safeValue, { nil: null }),
          ),
          { nil: null },
        ),
      })
      .map((r) =>
        around(
          layout,
          r.before,
          r.old === null
            ? null
            : `corpUsername=ci${layout.eol}corpPassword${r.old[0]}${r.old[1]}` +
                (r.old[2] === null ? '' : `\\${layout.eol}  ${r.old[2]}`),
          r.after,
        ),
      ),
  ),
  check(text, secret) {
    const view = gradleView(text);
    expect(view.get('corpPassword')).toEqual([secret]);
    expect(view.get('corpUsername')).toEqual(['ci']);
  },
};

const MODELS = [npmrc, maven, nuget, netrc, pip, pypirc, yarnrc, composer, bundler, gradle];

/** Does `lines` hold `wanted` in order (other lines may come between)? */
function inOrder(lines: string[], wanted: string[]): boolean {
  let at = 0;
  for (const line of wanted) {
    at = lines.indexOf(line, at);
    if (at < 0) return false;
    at++;
  }
  return true;
}

/** Keeps the BOM (or its absence) and CRLF line ends: no bare LF in a CRLF file. */
function expectSameLayout(before: string, after: string): void {
  expect(after.startsWith('\uFEFF')).toBe(before.startsWith('\uFEFF'));
  if (before.includes('\r\n')) expect(after.replace(/\r\n/g, '')).not.toMatch(/\n/);
}

/** Lengths of the common prefix and suffix (not overlapping). */
function commonEnds(a: string, b: string): number {
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let s = 0;
  while (s < a.length - p && s < b.length - p && a[a.length - 1 - s] === b[b.length - 1 - s]) s++;
  return p + s;
}

describe.each(MODELS)('$format editor properties', (model) => {
  const editor = EDITORS[model.format];
  const edit = (text: string, secret: string): string =>
    editor.edit(text, { ...model.target, secret }).text;
  /** Removing and writing each give a text that doing it again leaves as it is. */
  const settles = (text: string): void => {
    const removed = editor.remove(text, model.target).text;
    expect(editor.remove(removed, model.target).text).toBe(removed);
    const after = edit(text, 'kp-test-secret-0001');
    expect(edit(after, 'kp-test-secret-0001')).toBe(after);
  };

  it('changes only the target entry, writes it once, and a second write changes nothing', () => {
    fc.assert(
      fc.property(model.sample, secretArb, (sample, secret) => {
        const before = joined(sample);
        const after = edit(before, secret);
        if (sample.targetBlock !== null) {
          expect(after.startsWith(sample.prefix)).toBe(true);
          expect(after.endsWith(sample.suffix)).toBe(true);
        } else if (model.singleInsertion) {
          // Everything before stays, as one run at the start and one at the end.
          expect(commonEnds(before, after)).toBe(before.length);
        } else {
          expect(inOrder(unBom(after).split(/\r?\n/), unBom(before).split(/\r?\n/))).toBe(true);
        }
        expectSameLayout(before, after);
        model.check(after, secret);
        expect(edit(after, secret)).toBe(after);
      }),
      { numRuns: RUNS },
    );
  });

  it('never lets an injection create a second entry: refused or kept as one value', () => {
    fc.assert(
      fc.property(model.sample, injectionArb, (sample, secret) => {
        const before = joined(sample);
        let after: string;
        try {
          after = edit(before, secret);
        } catch (err) {
          expect(err).toBeInstanceOf(KeyportError);
          expect((err as KeyportError).code).toBe('UNSAFE_VALUE');
          if (secret.length >= 4) expect((err as KeyportError).message).not.toContain(secret);
          return;
        }
        model.check(after, secret);
        expect(edit(after, secret)).toBe(after);
      }),
      { numRuns: RUNS },
    );
  });

  it('answers random bytes with a result or a KeyportError, never a crash', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        try {
          settles(decodeConfig(Buffer.from(bytes), '/tmp/x', editor).text);
        } catch (err) {
          expect(err).toBeInstanceOf(KeyportError);
          expect(['CONFIG_INVALID', 'INVALID_INPUT']).toContain((err as KeyportError).code);
        }
      }),
      { numRuns: RUNS * 2 },
    );
  });

  it('answers random text made of the format’s own characters without crashing', () => {
    const alphabet = fc.constantFrom(
      '<',
      '>',
      '/',
      '=',
      '"',
      "'",
      '[',
      ']',
      '#',
      ';',
      ' ',
      '\n',
      '\r\n',
      '\t',
      'machine',
      'server',
      'id',
      'a',
      ':',
      '&',
      '!--',
      '?',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { maxLength: 60 }).map((a) => a.join('')),
        (text) => {
          try {
            settles(text);
          } catch (err) {
            expect(err).toBeInstanceOf(KeyportError);
          }
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });
});

/**
 * Removal, the inverse of a write. `bare` files hold everything a write needs except the credential
 * itself (for NuGet the source, for pip the plain index URL, for .pypirc the section), so writing
 * and then removing must give them back byte for byte.
 */
interface RemovalModel {
  bare: fc.Arbitrary<string>;
  /** Reads the text independently: no credential left for the target. */
  absent(text: string): void;
  /** Lines outside the sample's target block that belong to the entry and go with it. */
  entryLine?: (line: string) => boolean;
}

const withoutEntry = (model: FormatModel): fc.Arbitrary<string> =>
  model.sample.filter((s) => s.targetBlock === null).map(joined);

const REMOVAL: Record<ConfigFormat, RemovalModel> = {
  gradle: {
    bare: withoutEntry(gradle),
    absent(text) {
      const view = gradleView(text);
      expect(view.has('corpPassword') || view.has('corpUsername')).toBe(false);
    },
  },
  composer: {
    // Removal leaves an emptied section as `{}`: files without the section get one from a write.
    bare: withoutEntry(composer).filter((t) => t.includes('"http-basic"')),
    // Punctuation around the entry changes with it: the comma joining it to the member before
    // (whose line then ends without one), and the section's opener and brace when the last host
    // goes (the section closes up to `{}`). Other credentials are checked on their own below.
    entryLine: (line) => /^\s*("http-basic": \{|\})?$/.test(line) || line.endsWith(','),
    absent(text) {
      expect(composerView(text)['http-basic']?.['repo.example']).toBeUndefined();
    },
  },
  bundler: {
    bare: withoutEntry(bundler),
    entryLine: (line) => line.startsWith(BUNDLER_KEY),
    absent(text) {
      expect(bundlerSettings(unBom(text)).has(BUNDLER_KEY)).toBe(false);
    },
  },
  yarnrc: {
    // The scope's registry is there already (removal leaves it, as it holds no secret).
    bare: withoutEntry(yarnrc).map((t) =>
      t.replace(
        /npmScopes:(\r?\n)/,
        (_m, eol: string) =>
          `npmScopes:${eol}  kp:${eol}    npmRegistryServer: "https://registry.example/npm"${eol}`,
      ),
    ),
    entryLine: (line) => line.trim().startsWith('npmAuthToken:'),
    absent(text) {
      const scopes = yarnView(text).npmScopes as Record<string, Record<string, unknown>> | null;
      expect(scopes?.kp?.npmAuthToken).toBeUndefined();
    },
  },
  npmrc: {
    bare: withoutEntry(npmrc),
    absent(text) {
      expect(ini.parse(unBom(text))['//registry.example/npm/:_authToken']).toBeUndefined();
    },
  },
  maven: {
    // Without <servers> a write adds it, and removal leaves it (see the write-remove-write test).
    bare: withoutEntry(maven).filter((t) => t.includes('<servers>')),
    absent(text) {
      const doc = xmlReader.parse(unBom(text)) as {
        settings: Array<{ servers?: Array<{ server?: Array<{ id: string[] }> }> }>;
      };
      const servers = doc.settings[0]!.servers?.[0]?.server ?? [];
      expect(servers.filter((s) => s.id[0] === 'target')).toHaveLength(0);
    },
  },
  nuget: {
    bare: withLayout({
      others: otherNames(),
      at: fc.nat(),
    }).map((r) => {
      const sources = r.others.map(nugetSource);
      sources.splice(r.at % (sources.length + 1), 0, NUGET_TARGET_SOURCE);
      return file(r, [
        ...NUGET_HEAD,
        ...sources,
        '  </packageSources>',
        '  <packageSourceCredentials>',
        ...otherNugetCredentials(r.others, r.eol),
        '  </packageSourceCredentials>',
        '</configuration>',
      ]);
    }),
    absent(text) {
      const doc = xmlReader.parse(unBom(text)) as {
        configuration: Array<{ packageSourceCredentials?: Array<Record<string, unknown>> }>;
      };
      const creds = doc.configuration[0]!.packageSourceCredentials?.[0] ?? {};
      expect(Object.keys(creds).map((k) => k.toLowerCase())).not.toContain('target_x0020_feed');
    },
  },
  netrc: {
    bare: withoutEntry(netrc),
    absent(text) {
      const hosts = parseNetrc(unBom(text)).map((e) => e.host?.value.toLowerCase());
      expect(hosts).not.toContain('target.example');
    },
  },
  pip: {
    bare: withLayout({
      others: otherNames('global'),
      retries: fc.boolean(),
    }).map((r) =>
      file(r, [
        ...iniBlocks(r.eol, r.others),
        '[global]',
        'timeout = 5',
        'index-url = https://index.example/simple/',
        ...(r.retries ? ['retries = 2'] : []),
      ]),
    ),
    absent(text) {
      const body = unBom(text);
      const global = parseIniSections(body, 'pip').find((s) => s.name === 'global');
      for (const o of global?.options.filter((o) => o.name === 'index-url') ?? [])
        expect(body.slice(o.value.start, o.value.end)).not.toContain('@');
    },
  },
  pypirc: {
    bare: withLayout({
      others: otherNames('corp', 'distutils'),
      at: fc.nat(),
      multiLine: fc.boolean(),
      certfile: fc.boolean(),
    }).map((r) => {
      const blocks = iniBlocks(r.eol, r.others);
      const corp = [
        '[corp]',
        'repository = https://upload.example/legacy/',
        ...(r.certfile ? ['certfile = /etc/corp.pem'] : []),
      ].join(r.eol);
      blocks.splice(r.at % (blocks.length + 1), 0, corp);
      const servers = r.multiLine
        ? `index-servers =${r.eol}    pypi${r.eol}    corp`
        : 'index-servers = pypi corp';
      return file(r, [`[distutils]${r.eol}${servers}`, ...blocks]);
    }),
    absent(text) {
      const corp = parseIniSections(unBom(text), 'pypirc').find((s) => s.name === 'corp');
      expect(corp?.options.map((o) => o.name) ?? []).not.toContain('username');
      expect(corp?.options.map((o) => o.name) ?? []).not.toContain('password');
    },
    entryLine: (line) => line.startsWith('username'),
  },
};

describe.each(MODELS)('$format removal properties', (model) => {
  const editor = EDITORS[model.format];
  const removal = REMOVAL[model.format];
  const edit = (text: string, secret: string): string =>
    editor.edit(text, { ...model.target, secret }).text;
  const remove = (text: string): string => editor.remove(text, model.target).text;
  /** Credential values of a file, in order. */
  const credentials = (text: string): string[] =>
    editor.credentialSpans(unBom(text)).map((s) => unBom(text).slice(s.start, s.end));

  it('write then remove gives back a file without the entry byte for byte', () => {
    fc.assert(
      fc.property(removal.bare, secretArb, (bare, secret) => {
        removal.absent(bare);
        const written = edit(bare, secret);
        expect(written).not.toBe(bare);
        expect(remove(written)).toBe(bare);
      }),
      { numRuns: RUNS },
    );
  });

  it('remove changes nothing in a file without the entry', () => {
    fc.assert(
      fc.property(fc.oneof(withoutEntry(model), removal.bare), (text) => {
        expect(remove(text)).toBe(text);
      }),
      { numRuns: RUNS },
    );
  });

  it('remove takes the entry out, keeps every other line and credential, and is idempotent', () => {
    fc.assert(
      fc.property(
        model.sample.filter((s) => s.targetBlock !== null),
        (sample) => {
          const before = joined(sample);
          const after = remove(before);
          removal.absent(after);
          expectSameLayout(before, after);
          const kept = [unBom(sample.prefix), sample.suffix]
            .flatMap((part) => part.split(/\r?\n/))
            .filter((l) => l !== '' && !removal.entryLine?.(l));
          expect(inOrder(unBom(after).split(/\r?\n/), kept)).toBe(true);
          // Every credential outside the target block survives, in order.
          const blockStart = sample.prefix.length;
          const blockEnd = blockStart + sample.targetBlock!.length;
          const bom = before.startsWith('\uFEFF') ? 1 : 0;
          const others = editor
            .credentialSpans(unBom(before))
            .filter((s) => s.end + bom <= blockStart || s.start + bom >= blockEnd)
            .map((s) => unBom(before).slice(s.start, s.end));
          expect(credentials(after)).toEqual(others);
          expect(remove(after)).toBe(after);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('write, remove, write again gives the first write; removal leaves only what holds no secret', () => {
    fc.assert(
      fc.property(withoutEntry(model), secretArb, (before, secret) => {
        const written = edit(before, secret);
        const removed = remove(written);
        removal.absent(removed);
        expect(removed).not.toContain(secret);
        expect(edit(removed, secret)).toBe(written);
        expect(remove(removed)).toBe(removed);
      }),
      { numRuns: RUNS },
    );
  });
});

describe('gradle: every separator Java reads', () => {
  /** Each way Java's Properties.load separates a key from its value, continued lines included. */
  const separator = fc.constantFrom('=', ' = ', ':', ' : ', '\t:', ' ', '\t', '   ', ' :\\\n  ');

  it('an existing key keeps its separator: only the value is replaced', () => {
    fc.assert(
      fc.property(
        separator,
        safeValue,
        secretArb,
        fc.constantFrom('', '\n', '\nafter x\n', '\nnext:y\n'),
        (sep, old, secret, tail) => {
          const head = `org.gradle.caching true\ncorpUsername:ci\ncorpPassword${sep}`;
          const after = EDITORS.gradle.edit(`${head}${old}${tail}`, {
            registry: '',
            repository: 'corp',
            username: 'ci',
            secret,
          }).text;
          // secretArb's characters need no escape, so the new value is the secret as it is.
          expect(after).toBe(`${head}${secret}${tail}`);
          expect(gradleView(after).get('corpPassword')).toEqual([secret]);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('a new key follows the first separator the file uses, a space included', () => {
    fc.assert(
      fc.property(separator, safeValue, secretArb, (sep, value, secret) => {
        const before = `org.gradle.caching${sep}${value}\n`;
        const after = EDITORS.gradle.edit(before, {
          registry: '',
          repository: 'corp',
          username: 'ci',
          secret,
        }).text;
        // A separator with a continued line is not copied: `=` stands in for it.
        const used = sep.includes('\\') ? '=' : sep;
        expect(after).toBe(`${before}corpUsername${used}ci\ncorpPassword${used}${secret}\n`);
        expect(gradleView(after).get('corpPassword')).toEqual([secret]);
      }),
      { numRuns: RUNS },
    );
  });
});
