import { describe, expect, it } from 'vitest';
import {
  nerfDart,
  parseRegistryUrl,
  registryBase,
  sameRegistry,
} from '../../../src/core/registries/registry-url';

describe('registry-url', () => {
  it('takes a registry as a directory URL without query or fragment', () => {
    expect(registryBase('https://Npm.Example.test:443/api/npm/npm?x=1#top').href).toBe(
      'https://npm.example.test/api/npm/npm/',
    );
  });

  it('matches the same registry however it is spelled, and nothing for an invalid URL', () => {
    expect(sameRegistry('https://REG.example.test', 'https://reg.example.test:443/')).toBe(true);
    expect(sameRegistry('https://reg.example.test/a/', 'https://reg.example.test/b/')).toBe(false);
    expect(sameRegistry('not a url', 'not a url')).toBe(false);
  });

  it('refuses credentials in the URL and other schemes', () => {
    expect(() => parseRegistryUrl('https://user:pw@reg.example.test/')).toThrow(/user name/);
    expect(() => parseRegistryUrl('ftp://reg.example.test/')).toThrow(/https:\/\//);
  });

  it('gives npm the key prefix it looks credentials up by', () => {
    expect(nerfDart('https://reg.example.test/owner')).toBe('//reg.example.test/owner/');
  });
});
