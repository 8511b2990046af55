// Section 2: writing one token into a big config file, against the tools people use instead.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { XMLBuilder, XMLParser } from 'fast-xml-parser';
import { childEnv, compareBytes, interleaved, now, runOk, summary, tempDir } from './util.mjs';

const NPM_REGISTRY = 'https://npm.corp.example/';
const NPM_KEY = '//npm.corp.example/:_authToken';
const OLD_NPM = 'npm_OLDoldOLDoldOLDoldOLDoldOLDold0000';
const NEW_NPM = 'npm_NEWnewNEWnewNEWnewNEWnewNEWnew1111';

/** A 10,000-line .npmrc as big teams grow them: settings, scopes, tokens, comments, blanks. */
export function bigNpmrc(lines = 10_000) {
  const out = [
    '# Company-wide npm settings, maintained by the platform team.',
    '; Do not edit by hand below the marker unless you know what you are doing.',
    'registry=https://registry.npmjs.org/',
    'save-exact=true',
    'engine-strict=true',
    '',
  ];
  let i = 0;
  while (out.length < lines) {
    if (out.length === Math.floor(lines / 2)) {
      out.push('# The corporate registry');
      out.push(`${NPM_KEY}=${OLD_NPM}`);
      continue;
    }
    const n = i++;
    switch (n % 8) {
      case 0:
        out.push(`# team ${n >> 3}: packages under @team${n >> 3}`);
        break;
      case 1:
        out.push(`@team${n >> 3}:registry=https://npm${n % 50}.corp.example/team${n >> 3}/`);
        break;
      case 2:
        out.push(
          `//npm${n % 50}.corp.example/team${n >> 3}/:_authToken=npm_${(n * 2654435761).toString(36)}abcdefXYZ`,
        );
        break;
      case 3:
        out.push(`; rotated ${2020 + (n % 6)}-0${1 + (n % 9)}-1${n % 10} by ci-bot`);
        break;
      case 4:
        out.push(`//npm${n % 50}.corp.example/team${n >> 3}/:always-auth=true`);
        break;
      case 5:
        out.push(`@team${n >> 3}-ext:registry = https://ext${n % 7}.corp.example/`);
        break;
      case 6:
        out.push(`//ext${n % 7}.corp.example/:_authToken=\${EXT_TOKEN_${n % 7}}`);
        break;
      default:
        out.push('');
    }
  }
  return `${out.join('\n')}\n`;
}

const MVN_ID = 'corp-releases';
const OLD_MVN = 'OLDmavenPASSWORDold0000';
const NEW_MVN = 'NEWmavenPASSWORDnew1111';

/** A settings.xml with 5,000 servers, comments, a mirror and a profile around them. */
export function bigSettingsXml(servers = 5_000) {
  const out = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- Maven settings for the build farm. Generated once, then edited by hand. -->',
    '<settings xmlns="http://maven.apache.org/SETTINGS/1.0.0"',
    '          xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"',
    '          xsi:schemaLocation="http://maven.apache.org/SETTINGS/1.0.0 https://maven.apache.org/xsd/settings-1.0.0.xsd">',
    '  <localRepository>${user.home}/.m2/repository</localRepository>',
    '  <servers>',
  ];
  for (let i = 0; i < servers; i++) {
    if (i === Math.floor(servers / 2)) {
      out.push('    <!-- the corporate release repository -->');
      out.push('    <server>');
      out.push(`      <id>${MVN_ID}</id>`);
      out.push('      <username>deploy</username>');
      out.push(`      <password>${OLD_MVN}</password>`);
      out.push('    </server>');
    }
    if (i % 10 === 0) out.push(`    <!-- group ${i / 10}: rotated ${2020 + (i % 6)} -->`);
    out.push('    <server>');
    out.push(`      <id>repo-${i}</id>`);
    if (i % 4 === 3) {
      out.push('      <configuration>');
      out.push('        <httpHeaders>');
      out.push('          <property>');
      out.push('            <name>Authorization</name>');
      out.push(`            <value>Bearer tok${i}&amp;x</value>`);
      out.push('          </property>');
      out.push('        </httpHeaders>');
      out.push('      </configuration>');
    } else {
      out.push(`      <username>user${i}</username>`);
      out.push(`      <password>pw${(i * 40503).toString(36)}</password>`);
    }
    out.push('    </server>');
  }
  out.push('  </servers>');
  out.push('  <mirrors>');
  out.push(
    '    <mirror><id>central-proxy</id><mirrorOf>central</mirrorOf><url>https://maven.corp.example/central</url></mirror>',
  );
  out.push('  </mirrors>');
  out.push('  <profiles>');
  out.push('    <profile>');
  out.push('      <id>corp</id>');
  out.push('      <properties><build.number>007</build.number><empty></empty></properties>');
  out.push('    </profile>');
  out.push('  </profiles>');
  out.push('</settings>');
  return `${out.join('\n')}\n`;
}

/** fast-xml-parser's round trip, configured to keep as much as it can (order, comments). */
function fxpRoundTrip(text) {
  const options = {
    ignoreAttributes: false,
    preserveOrder: true,
    commentPropName: '#comment',
    parseTagValue: false,
    trimValues: true,
  };
  const doc = new XMLParser(options).parse(text);
  // preserveOrder: every element is { name: [children…] }; find <server><id>corp-releases</id>.
  const kids = (node, name) => node.flatMap((n) => (n[name] ? [n[name]] : []));
  const settings = kids(doc, 'settings')[0];
  const servers = kids(settings, 'servers')[0];
  let done = false;
  for (const server of kids(servers, 'server')) {
    const id = kids(server, 'id')[0]?.[0]?.['#text'];
    if (id !== MVN_ID) continue;
    kids(server, 'password')[0][0]['#text'] = NEW_MVN;
    done = true;
  }
  if (!done) throw new Error('fast-xml-parser round trip did not find the server');
  return new XMLBuilder({
    ...options,
    format: true,
    indentBy: '  ',
    suppressEmptyNode: false,
  }).build(doc);
}

const countComments = (text, re) => (text.match(re) ?? []).length;

export async function benchWriters({ modules, bin, reps, log }) {
  const t0 = now();
  const core = await import(modules.core);
  const dir = tempDir('writers');
  const home = path.join(dir, 'home');
  await fs.mkdir(home, { recursive: true });
  const env = childEnv(home, { KEYPORT_HOME: path.join(home, 'keyport') });

  // ---- .npmrc, 10,000 lines ----
  const npmrcText = bigNpmrc();
  const npmrcExpected = npmrcText.replace(`${NPM_KEY}=${OLD_NPM}\n`, `${NPM_KEY}=${NEW_NPM}\n`);
  const files = {
    inproc: path.join(dir, 'inproc.npmrc'),
    keyport: path.join(dir, 'keyport.npmrc'),
    npm: path.join(dir, 'npm.npmrc'),
  };
  const fresh = (file, text) => {
    writeFileSync(file, text, { mode: 0o600 });
    rmSync(`${file}.keyport.bak`, { force: true });
  };
  const outputs = {};
  const npmrcTasks = {
    keyportInProcess: async () => {
      fresh(files.inproc, npmrcText);
      const t = now();
      const plan = await core.planWrite({
        format: 'npmrc',
        file: files.inproc,
        registry: NPM_REGISTRY,
        secret: NEW_NPM,
      });
      await core.applyWrite(plan);
      const ms = now() - t;
      outputs.inproc = readFileSync(files.inproc, 'utf8');
      return ms;
    },
    keyportProcess: async () => {
      fresh(files.keyport, npmrcText);
      const r = await runOk(
        process.execPath,
        [
          bin,
          'write',
          'npmrc',
          '--file',
          files.keyport,
          '--registry',
          NPM_REGISTRY,
          '--token-stdin',
        ],
        { env, cwd: home, input: `${NEW_NPM}\n` },
      );
      outputs.keyport = readFileSync(files.keyport, 'utf8');
      return r.ms;
    },
    npmProcess: async () => {
      fresh(files.npm, npmrcText);
      const r = await runOk(
        'npm',
        ['config', 'set', `${NPM_KEY}=${NEW_NPM}`, '--userconfig', files.npm],
        {
          env,
          cwd: home,
        },
      );
      outputs.npm = readFileSync(files.npm, 'utf8');
      return r.ms;
    },
  };
  log('  .npmrc 10,000 lines: keyport in-process, keyport write process, npm config set');
  const n = await interleaved(npmrcTasks, { warmup: 1, reps: reps.write, budgetMs: 45_000 });
  const npmComments = /^\s*[#;]/gm;
  const npmrcCheck = {
    keyportInProcessIdentical: outputs.inproc === npmrcExpected,
    keyportProcessIdentical: outputs.keyport === npmrcExpected,
    keyportBytes: compareBytes(npmrcText, outputs.keyport),
    npmIdentical: outputs.npm === npmrcExpected,
    npmHasToken: outputs.npm.includes(`${NPM_KEY}=${NEW_NPM}`),
    npmBytes: compareBytes(npmrcText, outputs.npm),
    commentsBefore: countComments(npmrcText, npmComments),
    commentsAfterKeyport: countComments(outputs.keyport, npmComments),
    commentsAfterNpm: countComments(outputs.npm, npmComments),
    linesBefore: npmrcText.split('\n').length - 1,
    linesAfterNpm: outputs.npm.split('\n').length - 1,
  };

  // ---- settings.xml, 5,000 servers ----
  const xmlText = bigSettingsXml();
  const xmlExpected = xmlText.replace(
    `<password>${OLD_MVN}</password>`,
    `<password>${NEW_MVN}</password>`,
  );
  const xmlFiles = {
    keyport: path.join(dir, 'keyport-settings.xml'),
    fxp: path.join(dir, 'fxp-settings.xml'),
  };
  const xmlTasks = {
    keyport: async () => {
      fresh(xmlFiles.keyport, xmlText);
      const t = now();
      const plan = await core.planWrite({
        format: 'maven',
        file: xmlFiles.keyport,
        registry: 'https://maven.corp.example/releases/',
        serverId: MVN_ID,
        username: 'deploy',
        mavenAuth: 'password',
        secret: NEW_MVN,
      });
      await core.applyWrite(plan);
      const ms = now() - t;
      outputs.xmlKeyport = readFileSync(xmlFiles.keyport, 'utf8');
      return ms;
    },
    fxp: async () => {
      fresh(xmlFiles.fxp, xmlText);
      const t = now();
      const text = await fs.readFile(xmlFiles.fxp, 'utf8');
      await fs.writeFile(xmlFiles.fxp, fxpRoundTrip(text));
      const ms = now() - t;
      outputs.xmlFxp = readFileSync(xmlFiles.fxp, 'utf8');
      return ms;
    },
  };
  log('  settings.xml 5,000 servers: keyport in-process vs fast-xml-parser parse → build');
  const x = await interleaved(xmlTasks, { warmup: 2, reps: reps.xml, budgetMs: 35_000 });
  const xmlComments = /<!--/g;
  const xmlCheck = {
    keyportIdentical: outputs.xmlKeyport === xmlExpected,
    keyportBytes: compareBytes(xmlText, outputs.xmlKeyport),
    fxpIdentical: outputs.xmlFxp === xmlExpected,
    fxpHasPassword: outputs.xmlFxp.includes(NEW_MVN),
    fxpBytes: compareBytes(xmlText, outputs.xmlFxp),
    commentsBefore: countComments(xmlText, xmlComments),
    commentsAfterKeyport: countComments(outputs.xmlKeyport, xmlComments),
    commentsAfterFxp: countComments(outputs.xmlFxp, xmlComments),
    fxpKeepsDeclaration: outputs.xmlFxp.startsWith('<?xml'),
  };

  const m = (xs) => summary(xs).median;
  const lost = (before, after) => `${before - after} of ${before} comments lost`;
  return {
    seconds: (now() - t0) / 1000,
    series: {
      'npmrc keyport planWrite+applyWrite (in-process)': summary(n.keyportInProcess),
      'npmrc keyport write (process)': summary(n.keyportProcess),
      'npmrc npm config set (process)': summary(n.npmProcess),
      'settings.xml keyport planWrite+applyWrite': summary(x.keyport),
      'settings.xml fast-xml-parser round trip': summary(x.fxp),
    },
    checks: { npmrc: npmrcCheck, settingsXml: xmlCheck },
    rows: [
      {
        id: '2a',
        what: '.npmrc 10k lines: keyport in-process write / npm config set process',
        a: m(n.keyportInProcess),
        b: m(n.npmProcess),
      },
      {
        id: '2b',
        what: '.npmrc 10k lines: keyport write process / npm config set process',
        a: m(n.keyportProcess),
        b: m(n.npmProcess),
      },
      {
        id: '2c',
        what: '.npmrc: keyport output byte-identical outside the entry',
        check: npmrcCheck.keyportInProcessIdentical && npmrcCheck.keyportProcessIdentical,
        detail: `prefix ${npmrcCheck.keyportBytes.identicalPrefix} B + suffix ${npmrcCheck.keyportBytes.identicalSuffix} B identical; npm: ${npmrcCheck.npmIdentical ? 'identical' : `${npmrcCheck.npmBytes.changedAfter} B changed, ${lost(npmrcCheck.commentsBefore, npmrcCheck.commentsAfterNpm)}, ${npmrcCheck.linesBefore}→${npmrcCheck.linesAfterNpm} lines`}`,
      },
      {
        id: '2d',
        what: 'settings.xml 5k servers: keyport write / fast-xml-parser round trip',
        a: m(x.keyport),
        b: m(x.fxp),
      },
      {
        id: '2e',
        what: 'settings.xml: keyport output byte-identical outside the entry',
        check: xmlCheck.keyportIdentical,
        detail: `prefix ${xmlCheck.keyportBytes.identicalPrefix} B + suffix ${xmlCheck.keyportBytes.identicalSuffix} B identical; fast-xml-parser: ${xmlCheck.fxpIdentical ? 'identical' : `${xmlCheck.fxpBytes.changedAfter} B changed, ${lost(xmlCheck.commentsBefore, xmlCheck.commentsAfterFxp)}`}`,
      },
    ],
  };
}
