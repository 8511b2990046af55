import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `text` to `file`, making its folders first, as a fixture needs; returns `file`. */
export function putFile(file: string, text: string): string {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  return file;
}
