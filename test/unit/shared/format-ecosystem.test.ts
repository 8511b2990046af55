import { describe, expect, it } from 'vitest';
import { ecosystemOfFormat } from '../../../src/shared/format-ecosystem';

describe('ecosystemOfFormat', () => {
  it('files a finding by the file it was found in', () => {
    expect(ecosystemOfFormat('npmrc')).toBe('npm');
    expect(ecosystemOfFormat('yarnrc')).toBe('npm');
    expect(ecosystemOfFormat('maven')).toBe('maven');
    expect(ecosystemOfFormat('nuget')).toBe('nuget');
    expect(ecosystemOfFormat('pip')).toBe('pip');
    expect(ecosystemOfFormat('pypirc')).toBe('pip');
    expect(ecosystemOfFormat('netrc')).toBe('pip');
  });

  it('files a .env line by its variable name', () => {
    expect(ecosystemOfFormat('env', 'NPM_TOKEN')).toBe('npm');
    expect(ecosystemOfFormat('env', 'yarn_npm_auth_token')).toBe('npm');
    expect(ecosystemOfFormat('env', 'TWINE_PASSWORD')).toBe('pip');
    expect(ecosystemOfFormat('env', 'NUGET_API_KEY')).toBe('nuget');
    expect(ecosystemOfFormat('env', 'MAVEN_PASSWORD')).toBe('maven');
    expect(ecosystemOfFormat('env', 'ACME_TOKEN')).toBe('other');
  });
});
