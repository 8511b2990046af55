import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyportError } from '../../../src/shared/errors';
import type { ConfigFormat } from '../../../src/shared/types';
import type { EditTarget } from '../../../src/core/configs/config-editor';
import { EDITORS } from '../../../src/core/configs/editors';

/**
 * Every folder under test/fixtures/configs/FORMAT/ is one case: `input` (absent for a new file),
 * `target.json`, and either `expected` (the exact bytes) or `error` (the KeyportError code).
 */
const ROOT = path.join(__dirname, '../../fixtures/configs');
const FORMATS = Object.keys(EDITORS) as ConfigFormat[];

function read(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

describe.each(FORMATS)('%s corpus', (format) => {
  const dir = path.join(ROOT, format);
  const cases = readdirSync(dir);
  it('has cases', () => expect(cases.length).toBeGreaterThan(2));
  it.each(cases)('%s', (name) => {
    const input = read(path.join(dir, name, 'input')) ?? '';
    const target = JSON.parse(
      readFileSync(path.join(dir, name, 'target.json'), 'utf8'),
    ) as EditTarget;
    const expected = read(path.join(dir, name, 'expected'));
    const error = read(path.join(dir, name, 'error'))?.trim();
    const editor = EDITORS[format];
    if (error) {
      let caught: unknown;
      try {
        editor.edit(input, target);
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(KeyportError);
      expect((caught as KeyportError).code).toBe(error);
      expect((caught as KeyportError).message).not.toContain(target.secret);
      return;
    }
    const result = editor.edit(input, target);
    expect(result.text).toBe(expected);
    expect(result.entry).not.toContain(target.secret);
    // A second identical write changes nothing.
    expect(editor.edit(result.text, target).text).toBe(result.text);
  });
});
