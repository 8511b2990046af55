import { describe, expect, it } from 'vitest';
import { planDockerConfig } from '../../../src/core/credential-helpers/docker-config';

describe('planDockerConfig', () => {
  it('adds credHelpers, takes the host’s saved secret out and keeps the rest and its indentation', () => {
    const auth = Buffer.from('me:kp-test-docker-plan-0001').toString('base64');
    const text = `{\n  "auths": {\n    "https://reg.example.test/v1/": { "auth": "${auth}" },\n    "keep.example.test": { "auth": "a2VlcDp4" }\n  },\n  "psFormat": "table"\n}\n`;
    const plan = planDockerConfig(text, ['reg.example.test']);
    expect(plan.moved).toEqual([
      {
        serverUrl: 'https://reg.example.test/v1/',
        username: 'me',
        secret: 'kp-test-docker-plan-0001',
      },
    ]);
    expect(plan.text).not.toContain(auth);
    expect(plan.text).toBe(
      `{\n  "auths": {\n    "keep.example.test": {\n      "auth": "a2VlcDp4"\n    }\n  },\n  "psFormat": "table",\n  "credHelpers": {\n    "reg.example.test": "keyport"\n  }\n}\n`,
    );
  });

  it('writes a new file with tabs, as Docker does, and says when nothing changes', () => {
    const first = planDockerConfig(null, ['127.0.0.1:5000']);
    expect(first.text).toBe('{\n\t"credHelpers": {\n\t\t"127.0.0.1:5000": "keyport"\n\t}\n}\n');
    expect(planDockerConfig(first.text, ['127.0.0.1:5000']).changed).toBe(false);
  });

  it('refuses a file that is not a JSON object, naming no content', () => {
    expect(() => planDockerConfig('{"auths": ', ['h'])).toThrow(/not valid JSON/);
    expect(() => planDockerConfig('[]', ['h'])).toThrow(/JSON object/);
    expect(() => planDockerConfig('{"credHelpers": "x"}', ['h'])).toThrow(/not an object/);
  });
});
