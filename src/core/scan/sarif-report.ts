import { pathToFileURL } from 'node:url';
import type { SweepFinding, SweepFormat } from '../../shared/types';

const FORMAT_NAMES: Record<SweepFormat, string> = {
  npmrc: '.npmrc',
  yarnrc: '.yarnrc.yml',
  gradle: 'gradle.properties',
  maven: 'Maven settings.xml',
  nuget: 'NuGet.Config',
  netrc: '.netrc',
  pip: 'pip.conf',
  pypirc: '.pypirc',
  composer: 'Composer auth.json',
  bundler: 'Bundler config',
  env: '.env file',
};

/**
 * SARIF 2.1.0, the format code-scanning dashboards read from secret scanners: one rule per file
 * format, one result per finding with its masked value only. A committed (`tracked`) credential is
 * an error, one only on this disk a warning; `partialFingerprints` carries the finding id so a
 * dashboard follows the same finding from run to run.
 */
export function sarifReport(findings: SweepFinding[], version: string): object {
  const formats = [...new Set(findings.map((f) => f.format))].sort();
  const rules = formats.map((format) => ({
    id: ruleId(format),
    name: `PlaintextRegistryCredential${format[0]!.toUpperCase()}${format.slice(1)}`,
    shortDescription: { text: `Plaintext registry credential in a ${FORMAT_NAMES[format]}` },
    fullDescription: {
      text: `A package-registry token or password is stored in plain text in a ${FORMAT_NAMES[format]}. Anyone who can read the file (or, if it is committed, clone the repository) can use it.`,
    },
    help: {
      text: 'Move it into the OS keychain and leave a reference behind: keyport import FINDING_ID --replace-with-reference. If the file is committed, rotate the token: the old value stays in the history.',
    },
    defaultConfiguration: { level: 'warning' },
    properties: { tags: ['security', 'secret', 'credential'] },
  }));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'keyport',
            version,
            rules,
          },
        },
        results: findings.map((f) => ({
          ruleId: ruleId(f.format),
          ruleIndex: formats.indexOf(f.format),
          level: f.git === 'tracked' ? 'error' : 'warning',
          message: { text: message(f) },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: pathToFileURL(f.file).href },
                region: { startLine: f.line },
              },
            },
          ],
          partialFingerprints: { 'keyportFindingId/v1': f.id },
          properties: {
            findingId: f.id,
            masked: f.masked,
            key: f.key,
            registry: f.registry,
            git: f.git,
            wins: f.wins,
            inKeyport: f.tokenId !== null,
            ...(f.verified ? { verified: f.verified } : {}),
          },
        })),
      },
    ],
  };
}

function ruleId(format: SweepFormat): string {
  return `keyport/plaintext-credential/${format}`;
}

function message(f: SweepFinding): string {
  const where = f.registry ? ` for ${f.registry}` : '';
  const git =
    f.git === 'tracked'
      ? ' The file is committed: the value is in the repository history and on every clone.'
      : '';
  const live = f.verified === 'live' ? ' The registry still accepts it.' : '';
  return `Plaintext credential ${f.masked} (${f.key})${where}.${git}${live}`;
}
