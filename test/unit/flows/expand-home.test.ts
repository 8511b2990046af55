import { describe, expect, it } from 'vitest';
import { expandHome } from '../../../src/core/flows/config-write-flow';

describe('expandHome: a typed config path, by the rules of the OS it runs on', () => {
  it('takes ~/ on POSIX and refuses a relative path', () => {
    expect(expandHome('~/.npmrc', '/home/ann', 'linux')).toBe('/home/ann/.npmrc');
    expect(expandHome('/etc/pip.conf', '/home/ann', 'linux')).toBe('/etc/pip.conf');
    expect(() => expandHome('~\\.npmrc', '/home/ann', 'linux')).toThrow(/must be absolute/);
    expect(() => expandHome('.npmrc', '/home/ann', 'linux')).toThrow(/must be absolute/);
  });

  it('takes ~\\ and ~/ and drive paths on Windows', () => {
    const home = 'C:\\Users\\ann';
    expect(expandHome('~\\.npmrc', home, 'win32')).toBe('C:\\Users\\ann\\.npmrc');
    expect(expandHome('~/pip/pip.ini', home, 'win32')).toBe('C:\\Users\\ann\\pip\\pip.ini');
    expect(expandHome('D:\\work\\.npmrc', home, 'win32')).toBe('D:\\work\\.npmrc');
    expect(() => expandHome('work\\.npmrc', home, 'win32')).toThrow(/must be absolute/);
  });
});
