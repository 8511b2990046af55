import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KeyportError } from '../../../src/shared/errors';
import type { ConfigFormat } from '../../../src/shared/types';
import type { EditTarget, RemoveTarget } from '../../../src/core/configs/config-editor';
import { EDITORS } from '../../../src/core/configs/editors';
import { decodeConfig, encodeConfig } from '../../../src/core/configs/config-encoding';

/**
 * Every folder under test/fixtures/configs/FORMAT/ is one case: `input` (absent for a new file),
 * `target.json`, and either `expected` (the exact bytes) or `error` (the KeyportError code).
 * Files are bytes: decoded and encoded again as the writer does (ISO-8859-1, UTF-16 cases).
 * A target.json with `"operation": "remove"` (no secret) runs `remove` instead of `edit`. Running
 * the same operation again must change nothing, unless `expected-again` says what it gives.
 */
const ROOT = path.join(__dirname, '../../fixtures/configs');
const FORMATS = Object.keys(EDITORS) as ConfigFormat[];

function read(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

function readBytes(file: string): Buffer | undefined {
  return existsSync(file) ? readFileSync(file) : undefined;
}

describe.each(FORMATS)('%s corpus', (format) => {
  const dir = path.join(ROOT, format);
  const cases = readdirSync(dir);
  it('has cases', () => expect(cases.length).toBeGreaterThan(2));
  it.each(cases)('%s', (name) => {
    const inputBytes = readBytes(path.join(dir, name, 'input'));
    const decodedInput = (): string => {
      try {
        return inputBytes ? decodeConfig(inputBytes, name, EDITORS[format]).text : '';
      } catch {
        return inputBytes?.toString('latin1') ?? '';
      }
    };
    const input = decodedInput();
    const { operation = 'edit', ...target } = JSON.parse(
      readFileSync(path.join(dir, name, 'target.json'), 'utf8'),
    ) as EditTarget & { operation?: 'edit' | 'remove' };
    const expected = readBytes(path.join(dir, name, 'expected'));
    const error = read(path.join(dir, name, 'error'))?.trim();
    const editor = EDITORS[format];
    const edit = (text: string): string =>
      operation === 'remove'
        ? editor.remove(text, target as RemoveTarget).text
        : editor.edit(text, target).text;
    /** Bytes in, bytes out, as the writer reads and writes them. */
    const run = (bytes: Buffer): Buffer => {
      const { text, encoding } = decodeConfig(bytes, name, editor);
      return encodeConfig(edit(text), encoding, name);
    };
    /** Secrets a message or entry must never show: the target's and every test token in the input. */
    const secrets = [target.secret, ...(input.match(/kp-test[^\s"<]*/g) ?? [])].filter(Boolean);
    if (error) {
      let caught: unknown;
      try {
        run(inputBytes ?? Buffer.alloc(0));
      } catch (err) {
        caught = err;
      }
      expect(caught).toBeInstanceOf(KeyportError);
      expect((caught as KeyportError).code).toBe(error);
      for (const s of secrets) expect((caught as KeyportError).message).not.toContain(s);
      return;
    }
    const after = run(inputBytes ?? Buffer.alloc(0));
    // Compared as text where both are text, so a failure shows the lines that differ.
    expect(after.toString('latin1')).toBe(expected?.toString('latin1'));
    const entry =
      operation === 'remove'
        ? editor.remove(input, target as RemoveTarget).entry
        : editor.edit(input, target).entry;
    for (const s of secrets) expect(entry).not.toContain(s);
    // A second identical write (or removal) changes nothing, unless the case says otherwise.
    const again = readBytes(path.join(dir, name, 'expected-again')) ?? after;
    expect(run(after).toString('latin1')).toBe(again.toString('latin1'));
  });
});
