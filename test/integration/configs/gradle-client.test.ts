import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyWrite, planRemove, planWrite } from '../../../src/core/configs/config-writer';
import { parseProperties } from '../../../src/core/configs/java-properties';
import { clientEnv, run, tempHome } from '../../support/config-clients';
import { runKeyport } from '../../support/run-keyport';

// Java's own reader (java.util.Properties, as Gradle loads gradle.properties) and Debian's real
// Gradle (4.4.1 on Java 17, no daemon) read what `keyport write gradle` wrote; `keyport exec`
// gives Gradle the token behind a placeholder through ORG_GRADLE_PROJECT_<key>.
const READ_PROPERTIES = path.resolve(
  __dirname,
  '../../fixtures/configs/clients/ReadProperties.java',
);
/** Every special character of the format, a space, Latin-1 and beyond (an emoji is two UTF-16 units). */
const TOKEN = 'kp-test:a=b#c!d\\e f\u00e9\u20ac\u{1F511}-0001';
let home: string;

beforeAll(() => {
  home = tempHome('keyport-gradle-');
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

/** Java's view of each file: key → value, or { error } when Java refuses the file. */
async function javaRead(...files: string[]): Promise<Array<Record<string, string>>> {
  const r = await run('java', [READ_PROPERTIES, ...files], clientEnv(home));
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout
    .trim()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, string>);
}

const keyportEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...clientEnv(home),
  KEYPORT_HOME: path.join(home, 'keyport'),
  ...extra,
});

function gradleUserHome(name: string, content: string | Buffer): { dir: string; file: string } {
  const dir = path.join(home, name);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'gradle.properties');
  writeFileSync(file, content, { mode: 0o600 });
  return { dir, file };
}

/**
 * A throw-away build whose task writes what Gradle resolved for the two properties into a UTF-8
 * file (the console's encoding would get in the way of an exact comparison).
 */
function gradleProject(name: string): string {
  const dir = path.join(home, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'settings.gradle'), `rootProject.name = 'kp-probe'\n`);
  writeFileSync(
    path.join(dir, 'build.gradle'),
    [
      'task dumpCredentials {',
      '  doLast {',
      "    ['corpUsername', 'corpPassword'].each { key ->",
      "      new File(projectDir, key + '.out').setText(String.valueOf(findProperty(key)), 'UTF-8')",
      '    }',
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  return dir;
}

function gradle(project: string, userHome: string, args: string[], extra = {}) {
  return run(
    'gradle',
    ['-q', '--no-daemon', '--offline', '-p', project, ...args],
    clientEnv(home, { GRADLE_USER_HOME: userHome, ...extra }),
  );
}

const resolved = (project: string, key: string): string =>
  readFileSync(path.join(project, `${key}.out`), 'utf8');

describe('java.util.Properties and Gradle read the gradle.properties Keyport wrote', () => {
  it('keyport write gradle --repository corp: corpUsername/corpPassword read back exactly, every other byte kept', async () => {
    // CRLF, both comment kinds, a continued value, a Latin-1 byte (é) as Java's ISO-8859-1 expects.
    const before = Buffer.concat([
      Buffer.from(
        '# team settings\r\n! build\r\norg.gradle.jvmargs=-Xmx1g \\\r\n    -Dfile.encoding=UTF-8\r\nowner=caf',
      ),
      Buffer.from([0xe9]),
      Buffer.from('\r\n'),
    ]);
    const { dir, file } = gradleUserHome('gh-plain', before);
    const w = await runKeyport(
      [
        'write',
        'gradle',
        '--file',
        file,
        '--repository',
        'corp',
        '--username',
        'ci',
        '--token-stdin',
      ],
      keyportEnv(),
      `${TOKEN}\n`,
    );
    expect(w.err).toBe('');
    expect(w.code).toBe(0);
    expect(w.out).toContain('corpUsername/corpPassword');
    const after = readFileSync(file);
    expect(after.subarray(0, before.length).equals(before)).toBe(true);
    expect(after.subarray(before.length).toString('latin1')).toBe(
      'corpUsername=ci\r\ncorpPassword=kp-test\\:a\\=b\\#c\\!d\\\\e f\\u00e9\\u20ac\\ud83d\\udd11-0001\r\n',
    );
    const [java] = await javaRead(file);
    expect(java).toEqual({
      'org.gradle.jvmargs': '-Xmx1g -Dfile.encoding=UTF-8',
      owner: 'caf\u00e9',
      corpUsername: 'ci',
      corpPassword: TOKEN,
    });

    const project = gradleProject('build-plain');
    const props = await gradle(project, dir, ['properties']);
    expect(props.code).toBe(0);
    expect(props.stdout).toContain('corpUsername: ci');
    const dump = await gradle(project, dir, ['dumpCredentials']);
    expect(dump.code).toBe(0);
    expect(resolved(project, 'corpUsername')).toBe('ci');
    expect(resolved(project, 'corpPassword')).toBe(TOKEN);

    // The removal path: planRemove gives back the file as it was, byte for byte.
    const plan = await planRemove({ format: 'gradle', file, registry: '', repository: 'corp' });
    expect(plan.diff).not.toContain('kp-test:');
    await applyWrite(plan);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(await javaRead(file)).toEqual([
      { 'org.gradle.jvmargs': '-Xmx1g -Dfile.encoding=UTF-8', owner: 'caf\u00e9' },
    ]);
  }, 120_000);

  it('--property gpr.key writes one key; --dry-run shows the diff masked', async () => {
    const { file } = gradleUserHome('gh-property', 'gpr.user=octocat\n');
    const dry = await runKeyport(
      ['write', 'gradle', '--file', file, '--property', 'gpr.key', '--token-stdin', '--dry-run'],
      keyportEnv(),
      `${TOKEN}\n`,
    );
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('+gpr.key=');
    expect(dry.out).not.toContain('a\\=b');
    expect(readFileSync(file, 'utf8')).toBe('gpr.user=octocat\n');
    const w = await runKeyport(
      ['write', 'gradle', '--file', file, '--property', 'gpr.key', '--token-stdin'],
      keyportEnv(),
      `${TOKEN}\n`,
    );
    expect(w.code).toBe(0);
    expect(await javaRead(file)).toEqual([{ 'gpr.user': 'octocat', 'gpr.key': TOKEN }]);
  }, 60_000);

  it('a key written with `:`, a space, ` : ` or a continued value: Keyport replaces only the value, and Java reads the token and every other key as before', async () => {
    /** TOKEN as Java's escapes write it (the same bytes the first case checks). */
    const written = 'kp-test\\:a\\=b\\#c\\!d\\\\e f\\u00e9\\u20ac\\ud83d\\udd11-0001';
    const others = [
      'org.gradle.caching:true',
      'org.gradle.jvmargs -Xmx1g -Dfile.encoding=UTF-8',
      'owner : team',
      'motd = line one \\',
      '    line two',
    ].join('\n');
    // [case, the file's lines before the password's value, the old value as written, after it]
    const shapes: Array<[string, string, string, string]> = [
      ['colon', `${others}\ncorpUsername:ci\ncorpPassword:`, 'kp-test-old-0001', '\nlast:1\n'],
      ['space', `${others}\ncorpUsername ci\ncorpPassword `, 'kp-test-old-0002', '\nlast 1\n'],
      ['spaced-colon', `${others}\ncorpUsername : ci\ncorpPassword : `, 'kp-test-old-0003', ''],
      [
        'continued',
        `${others}\ncorpUsername=ci\ncorpPassword = \\\n    `,
        'kp-test-old-\\\n    0004',
        '\nlast=1\n',
      ],
    ];
    const dir = path.join(home, 'gh-separators');
    mkdirSync(dir, { recursive: true });
    const files = shapes.map(([name, head, old, tail]) => {
      const before = path.join(dir, `${name}.before.properties`);
      const file = path.join(dir, name, 'gradle.properties');
      mkdirSync(path.dirname(file));
      writeFileSync(before, head + old + tail);
      writeFileSync(file, head + old + tail);
      return { before, file, expected: head + written + tail };
    });
    // A file without the keys whose lines use a space: the new lines do too.
    const spaced = path.join(dir, 'new', 'gradle.properties');
    mkdirSync(path.dirname(spaced));
    writeFileSync(spaced, 'org.gradle.caching true\n');
    for (const file of [...files.map((f) => f.file), spaced]) {
      const target = { format: 'gradle', file, registry: '', repository: 'corp' } as const;
      await applyWrite(await planWrite({ ...target, username: 'ci', secret: TOKEN }));
    }
    for (const f of files) expect(readFileSync(f.file, 'latin1')).toBe(f.expected);
    expect(readFileSync(spaced, 'latin1')).toBe(
      `org.gradle.caching true\ncorpUsername ci\ncorpPassword ${written}\n`,
    );

    const java = await javaRead(...files.flatMap((f) => [f.before, f.file]), spaced);
    files.forEach((f, i) => {
      const [before, after] = [java[2 * i]!, java[2 * i + 1]!];
      expect(before['corpPassword'], f.file).toMatch(/^kp-test-old-000\d$/);
      expect(before['motd']).toBe('line one line two');
      expect(after).toEqual({ ...before, corpPassword: TOKEN });
    });
    expect(java.at(-1)).toEqual({
      'org.gradle.caching': 'true',
      corpUsername: 'ci',
      corpPassword: TOKEN,
    });
  }, 60_000);

  it('refuses bad input with exit 2 and a file that is not properties (a private key) with exit 3, changing nothing', async () => {
    const key =
      '-----BEGIN OPENSSH PRIVATE KEY-----\nkp-fake-key-material\n-----END OPENSSH PRIVATE KEY-----\n';
    const { file } = gradleUserHome('gh-refusals', key);
    const badName = await runKeyport(
      ['write', 'gradle', '--file', file, '--repository', 'my-repo', '--token-stdin'],
      keyportEnv(),
      `${TOKEN}\n`,
    );
    expect(badName.code).toBe(2);
    expect(badName.err).toContain('letters and digits');
    const lookalike = await runKeyport(
      ['write', 'gradle', '--file', file, '--repository', 'corp', '--token-stdin'],
      keyportEnv(),
      'kp-test${KEYPORT_OTHER}\n',
    );
    expect(lookalike.code).toBe(2);
    const notProperties = await runKeyport(
      ['write', 'gradle', '--file', file, '--repository', 'corp', '--token-stdin'],
      keyportEnv(),
      `${TOKEN}\n`,
    );
    expect(notProperties.code).toBe(3);
    expect(notProperties.err).toContain('line 1');
    expect(notProperties.err).not.toContain('BEGIN');
    expect(notProperties.err).not.toContain('kp-fake');
    expect(readFileSync(file, 'utf8')).toBe(key);
  }, 60_000);

  it('reference: the file holds a placeholder, and keyport exec hands Gradle the token as ORG_GRADLE_PROJECT_corpPassword', async () => {
    const { dir, file } = gradleUserHome('gh-reference', '# user-level Gradle settings\n');
    const env = keyportEnv({ GRADLE_USER_HOME: dir });
    const add = await runKeyport(
      [
        'add',
        '--label',
        'gradle',
        '--registry',
        'https://repo.example/maven/',
        '--ecosystem',
        'maven',
        '--token-stdin',
      ],
      env,
      `${TOKEN}\n`,
    );
    expect(add.code).toBe(0);
    const list = JSON.parse((await runKeyport(['list', '--json'], env)).out) as Array<{
      id: string;
      label: string;
    }>;
    const id = list.find((t) => t.label === 'gradle')!.id;
    const w = await runKeyport(
      [
        'write',
        'gradle',
        '--file',
        file,
        '--id',
        id,
        '--repository',
        'corp',
        '--username',
        'ci',
        '--reference',
      ],
      env,
    );
    expect(w.err).toBe('');
    expect(w.code).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('kp-test');
    const placeholder = parseProperties(text).find((e) => e.key === 'corpPassword')!.value;
    expect(placeholder).toMatch(/^\$\{KEYPORT_[A-Z0-9_]+\}$/);

    const project = gradleProject('build-reference');
    // Without exec, Gradle reads the placeholder itself: nothing secret is in the file.
    const bare = await gradle(project, dir, ['dumpCredentials']);
    expect(bare.code).toBe(0);
    expect(resolved(project, 'corpPassword')).toBe(placeholder);
    const viaExec = await runKeyport(
      ['exec', '--', 'gradle', '-q', '--no-daemon', '--offline', '-p', project, 'dumpCredentials'],
      env,
    );
    expect(viaExec.code).toBe(0);
    expect(resolved(project, 'corpUsername')).toBe('ci');
    expect(resolved(project, 'corpPassword')).toBe(TOKEN);
  }, 120_000);
});

/** Lines a properties file may hold, in every shape Java's reader distinguishes. */
const piece = fc.constantFrom(
  'a',
  'key',
  'é',
  '€',
  ' ',
  '\t',
  '\f',
  '=',
  ':',
  '#',
  '!',
  '\\',
  '\\\\',
  '\\ ',
  '\\=',
  '\\:',
  '\\u0041',
  '\\u00e9',
  '\\t',
  '\\n',
  '\\x',
  '\\\n',
  '\\\r\n',
  '\n',
  '\r\n',
  '\r',
  '\\u12',
);

describe('the reader Keyport splices with agrees with java.util.Properties', () => {
  it('gives the same keys and values for random property files (or both refuse a malformed \\u)', async () => {
    const dir = path.join(home, 'differential');
    mkdirSync(dir, { recursive: true });
    const texts = fc.sample(
      fc.array(piece, { maxLength: 40 }).map((p) => p.join('')),
      { numRuns: 1000, seed: 16 },
    );
    const files = texts.map((text, i) => {
      const file = path.join(dir, `${i}.properties`);
      // Java reads ISO-8859-1: é is one byte there; € is beyond it, so those files go as UTF-8
      // bytes, which Java reads as Latin-1 characters (the text below is decoded the same way).
      writeFileSync(file, Buffer.from(text, 'utf8'));
      return file;
    });
    const java = await javaRead(...files);
    let refused = 0;
    texts.forEach((text, i) => {
      const asJava = Buffer.from(text, 'utf8').toString('latin1');
      let ours: Record<string, string>;
      try {
        ours = Object.fromEntries(parseProperties(asJava).map((e) => [e.key, e.value]));
      } catch {
        expect(java[i], JSON.stringify(text)).toHaveProperty('error');
        refused++;
        return;
      }
      expect(ours, JSON.stringify(text)).toEqual(java[i]);
    });
    console.log(
      `java.util.Properties differential: ${texts.length} random files, ${refused} refused by both`,
    );
  }, 120_000);
});
