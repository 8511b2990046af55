import { describe, expect, it } from 'vitest';
import { credentialFormatOf, isSkippedDir } from '../../../src/core/scan/credential-file-kind';
import { findEnvCredentials } from '../../../src/core/scan/env-credentials';
import { findCredentials } from '../../../src/core/scan/find-credentials';
import { gitStates } from '../../../src/core/scan/git-state';
import { markWinners } from '../../../src/core/scan/sweep-precedence';
import { verifyFindings } from '../../../src/core/scan/verify-findings';

describe('credentialFormatOf', () => {
  it('knows the file names that can hold registry credentials, Maven only where Maven looks', () => {
    const none = new Set<string>();
    expect(credentialFormatOf('.npmrc', 'x', none)).toBe('npmrc');
    expect(credentialFormatOf('nuget.CONFIG', 'x', none)).toBe('nuget');
    expect(credentialFormatOf('.env.production', 'x', none)).toBe('env');
    expect(credentialFormatOf('settings.xml', 'x', none)).toBeNull();
    expect(credentialFormatOf('settings.xml', 'x', new Set(['pom.xml']))).toBe('maven');
    expect(credentialFormatOf('settings.xml', '.mvn', none)).toBe('maven');
    expect(credentialFormatOf('index.js', 'x', none)).toBeNull();
    expect(isSkippedDir('node_modules', 'x', false)).toBe(true);
    expect(isSkippedDir('node_modules', 'x', true)).toBe(false);
    expect(isSkippedDir('.git', 'x', true)).toBe(true);
  });
});

describe('findEnvCredentials', () => {
  it('reads dotenv lines as dotenv does and skips references and empty values', () => {
    const found = findEnvCredentials(
      [
        'export NPM_TOKEN="npm_quoted_value_000000000000000000001"',
        "TWINE_PASSWORD='pypi-single' # not part of it",
        'NUGET_API_KEY=plain-value # comment',
        'NODE_AUTH_TOKEN=${NPM_TOKEN}',
        'YARN_NPM_AUTH_TOKEN=$NPM_TOKEN',
        'MAVEN_PASSWORD=',
        'UV_INDEX_CORP_PASSWORD=uv-secret',
        'PIP_INDEX_URL=https://ci:p%40ss@pypi.example.test/simple/',
        'PIP_EXTRA_INDEX_URL=https://pypi.org/simple/',
        'LOG_LEVEL=debug',
      ].join('\r\n'),
    );
    expect(found.map((f) => [f.key, f.value, f.line])).toEqual([
      ['NPM_TOKEN', 'npm_quoted_value_000000000000000000001', 1],
      ['TWINE_PASSWORD', 'pypi-single', 2],
      ['NUGET_API_KEY', 'plain-value', 3],
      ['UV_INDEX_CORP_PASSWORD', 'uv-secret', 7],
      ['PIP_INDEX_URL', 'p@ss', 8],
    ]);
    expect(found[4]).toMatchObject({ registry: 'https://pypi.example.test/simple/' });
    expect(JSON.stringify(found.map((f) => f.entry))).not.toMatch(/quoted_value|p%40ss/);
  });
});

describe('.yarnrc.yml pairing', () => {
  const registryOf = (text: string) => findCredentials('yarnrc', text).map((f) => f.registry);
  it('pairs a token with its own block only', () => {
    expect(
      registryOf(
        'npmRegistryServer: "https://top.test"\nnpmRegistries:\n  "//a.test":\n    npmAuthToken: a-token\nnpmScopes:\n  corp:\n    npmAuthToken: c-token\n    npmRegistryServer: "http://127.0.0.1:4873"\n  other:\n    npmAuthToken: o-token\nnpmAuthToken: t-token\n',
      ),
    ).toEqual(['https://a.test', 'http://127.0.0.1:4873', 'https://top.test', 'https://top.test']);
    // No server anywhere: nowhere to send it.
    expect(registryOf('npmScopes:\n  corp:\n    npmAuthToken: c-token\n')).toEqual([null]);
  });

  it('keeps the port of an .npmrc registry', () => {
    expect(findCredentials('npmrc', '//127.0.0.1:4873/:_authToken=x-token\n')[0]).toMatchObject({
      registry: 'https://127.0.0.1:4873/',
    });
  });
});

describe('markWinners', () => {
  it('applies each client’s rule inside a file and user-file precedence across files', () => {
    const f = (format: 'npmrc' | 'maven', file: string, key: string) => ({
      format,
      file,
      key,
      wins: true,
    });
    const rows = [
      f('npmrc', '/p/.npmrc', 'k'),
      f('npmrc', '/p/.npmrc', 'k'),
      f('maven', '/p/settings.xml', 'server a'),
      f('maven', '/p/settings.xml', 'server a'),
      f('npmrc', '/home/.npmrc', 'k'),
      f('npmrc', '/global/npmrc', 'k'),
    ];
    markWinners(rows, ['/home/.npmrc', '/global/npmrc']);
    expect(rows.map((r) => r.wins)).toEqual([false, true, true, false, true, false]);
  });
});

describe('gitStates', () => {
  it('asks git once per repository and reads tracked, untracked and (unlisted) ignored', async () => {
    const calls: string[][] = [];
    // A stand-in for git's output format only; real git is exercised by the integration sweep.
    const states = await gitStates(
      [
        { file: '/r/a/.npmrc', repository: '/r' },
        { file: '/r/.env', repository: '/r' },
        { file: '/r/pip.conf', repository: '/r' },
        { file: '/plain/.npmrc', repository: null },
        { file: '/broken/.npmrc', repository: '/broken' },
      ],
      {
        run: async (repo, args) => {
          calls.push([repo, ...args]);
          return repo === '/r' ? 'H a/.npmrc\0? .env\0' : null;
        },
      },
    );
    expect(calls).toHaveLength(2);
    expect(calls.find((c) => c[0] === '/r')?.slice(-3)).toEqual(['a/.npmrc', '.env', 'pip.conf']);
    expect(Object.fromEntries(states)).toEqual({
      '/r/a/.npmrc': 'tracked',
      '/r/.env': 'untracked',
      '/r/pip.conf': 'ignored',
      '/plain/.npmrc': 'none',
      '/broken/.npmrc': 'unknown',
    });
  });
});

describe('verifyFindings', () => {
  it('asks once per token and registry, never without a registry, and bounds each call', async () => {
    const asked: string[] = [];
    let inFlight = 0;
    let most = 0;
    // The registry side is a function here; the real whoami against Verdaccio is in the
    // integration sweep test.
    const whoami = async (registry: string, token: string, signal: AbortSignal) => {
      asked.push(`${registry} ${token}`);
      inFlight++;
      most = Math.max(most, inFlight);
      try {
        if (token === 'hangs') {
          await new Promise((_, reject) =>
            signal.addEventListener('abort', () => reject(signal.reason)),
          );
        }
        await Promise.resolve();
        return token === 'good' ? 'me' : null;
      } finally {
        inFlight--;
      }
    };
    const states = await verifyFindings(
      [
        { id: '1', value: 'good', registry: 'https://r/' },
        { id: '2', value: 'good', registry: 'https://r/' },
        { id: '3', value: 'gone', registry: 'https://r/' },
        { id: '4', value: 'hangs', registry: 'https://r/' },
        { id: '5', value: 'good', registry: null },
        ...Array.from({ length: 6 }, (_, i) => ({
          id: `x${i}`,
          value: `v${i}`,
          registry: 'https://r/',
        })),
      ],
      whoami,
      { concurrency: 3, timeoutMs: 50 },
    );
    expect(asked.filter((a) => a === 'https://r/ good')).toHaveLength(1);
    expect(asked.some((a) => a.startsWith('null'))).toBe(false);
    expect(most).toBeLessThanOrEqual(3);
    expect([
      states.get('1'),
      states.get('2'),
      states.get('3'),
      states.get('4'),
      states.get('5'),
    ]).toEqual(['live', 'live', 'revoked', 'unknown', 'unknown']);
  });
});
