import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { EditTarget } from '../../src/core/configs/config-editor';
import type { ConfigFormat } from '../../src/shared/types';

/** The writers' corpus: a folder per format, a folder per case (test/unit/configs/corpus.test.ts). */
export const CONFIG_FIXTURES = path.join(__dirname, '../fixtures/configs');

export type CorpusOperation = 'edit' | 'remove';

/** A corpus case that ends in a file (not in an error), for a real client to read. */
export interface CorpusCase {
  name: string;
  /** Its target.json without `operation` (a removal's has no secret). */
  target: EditTarget;
  /** Its `input`, or null where the writer makes a new file. */
  input: string | null;
  /** Its `expected`: the file the writer gives. */
  expected: string;
}

/** The cases of `format` whose target.json asks for `operation`. */
export function corpusCases(format: ConfigFormat, operation: CorpusOperation): CorpusCase[] {
  const dir = path.join(CONFIG_FIXTURES, format);
  return readdirSync(dir).flatMap((name): CorpusCase[] => {
    const expected = path.join(dir, name, 'expected');
    if (!existsSync(expected)) return [];
    const input = path.join(dir, name, 'input');
    const { operation: asked = 'edit', ...target } = JSON.parse(
      readFileSync(path.join(dir, name, 'target.json'), 'utf8'),
    ) as EditTarget & { operation?: CorpusOperation };
    if (asked !== operation) return [];
    return [{ name, target, input: existsSync(input) ? input : null, expected }];
  });
}
