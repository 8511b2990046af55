import { KeyportError } from '../../shared/errors';
import { appendLines, indentOf, splice, splitLines, type Line, type Span } from './text-layout';

/**
 * A locator for the files Python's `configparser.RawConfigParser` reads (pip.conf, .pypirc): full-
 * line `#`/`;` comments, `key = value` or `key: value`, values continued on more-indented lines
 * (blank lines inside a value included), lower-cased keys. Files configparser rejects in its
 * default strict mode (no section header, a duplicate section or key, a line without `=`) are
 * refused, with the line number only.
 */
export interface IniOption {
  /** Lower-cased, as configparser's optionxform does. */
  name: string;
  line: Line;
  /** Every line of the value after the key line. */
  continuation: Line[];
  /** From the first value character to the end of the value (both trimmed). */
  value: Span;
}

export interface IniSection {
  name: string;
  header: Line;
  options: IniOption[];
}

const strip = (s: string): string => s.replace(/^[ \t\f\v]+|[ \t\f\v]+$/g, '');

export function parseIniSections(text: string, label: string): IniSection[] {
  const invalid = (why: string, line: number): KeyportError =>
    new KeyportError(
      'CONFIG_INVALID',
      `The existing ${label} ${why} (line ${line}); Keyport left it untouched.`,
    );
  const sections: IniSection[] = [];
  let section: IniSection | undefined;
  let option: IniOption | undefined;
  let indentLevel = 0;
  splitLines(text).forEach((line, index) => {
    const value = strip(line.text);
    if (value === '' || value.startsWith('#') || value.startsWith(';')) return;
    const indent = indentOf(line.text).length;
    const contentEnd = line.start + line.text.trimEnd().length;
    if (option && indent > indentLevel) {
      option.continuation.push(line);
      if (option.value.start === option.value.end) option.value.start = line.start + indent;
      option.value.end = contentEnd;
      return;
    }
    indentLevel = indent;
    const header = /^\[(.+)\]/.exec(value);
    if (header) {
      const name = header[1]!;
      if (sections.some((s) => s.name === name)) throw invalid('repeats a [section]', index + 1);
      section = { name, header: line, options: [] };
      sections.push(section);
      option = undefined;
      return;
    }
    if (!section) throw invalid('has a setting before the first [section]', index + 1);
    const m = /^(.*?)\s*[=:]\s*(.*)$/.exec(value);
    if (!m || m[1] === '')
      throw invalid('has a line that is neither a [section] nor key = value', index + 1);
    const name = m[1]!.trimEnd().toLowerCase();
    if (section.options.some((o) => o.name === name))
      throw invalid('repeats a key in one section', index + 1);
    // An empty value is an empty span at the end of the key line until a continuation line comes.
    option = {
      name,
      line,
      continuation: [],
      value: { start: contentEnd - m[2]!.length, end: contentEnd },
    };
    section.options.push(option);
  });
  return sections;
}

/** The last line that belongs to a section's content (its last value line, or the header). */
function lastLineOf(section: IniSection): Line {
  const last = section.options.at(-1);
  return last ? (last.continuation.at(-1) ?? last.line) : section.header;
}

/** Inserts whole lines after `line`, keeping a missing final newline missing. */
export function insertLinesAfter(text: string, line: Line, lines: string[], eol: string): string {
  if (line.next === line.end)
    return text.slice(0, line.end) + eol + lines.join(eol) + text.slice(line.end);
  return splice(text, { start: line.next, end: line.next }, lines.join(eol) + eol);
}

/**
 * Sets `key = value` in `[section]`: replaces the value of every key that `sameKey` matches, adds
 * the key after the section's last setting, or appends the whole section.
 */
export function setIniOption(
  text: string,
  sections: IniSection[],
  sectionName: string,
  key: string,
  value: string,
  eol: string,
  sameKey: (name: string) => boolean = (n) => n === key,
): string {
  const section = sections.find((s) => s.name === sectionName);
  if (!section) {
    const separator =
      text === '' || /(\r\n|\n|\r)$/.test(text.replace(/(\r\n|\n|\r)$/, '')) ? [] : [''];
    return appendLines(text, [...separator, `[${sectionName}]`, `${key} = ${value}`], eol);
  }
  const found = section.options.filter((o) => sameKey(o.name));
  if (found.length === 0)
    return insertLinesAfter(text, lastLineOf(section), [`${key} = ${value}`], eol);
  let out = text;
  for (const o of [...found].reverse()) {
    if (o.value.start === o.value.end) out = splice(out, o.value, ` ${value}`);
    else if (text.slice(o.value.start, o.value.end) !== value) out = splice(out, o.value, value);
  }
  return out;
}

/** Whitespace-separated words of an option's value (e.g. URLs, index-servers), with offsets. */
export function valueWords(text: string, option: IniOption): Array<Span & { word: string }> {
  const words: Array<Span & { word: string }> = [];
  const raw = text.slice(option.value.start, option.value.end);
  for (const m of raw.matchAll(/[^\s]+/g)) {
    const start = option.value.start + m.index;
    // Comment lines inside a multi-line value are not part of it.
    const line = [option.line, ...option.continuation].find(
      (l) => start >= l.start && start < l.next,
    );
    if (!line) continue;
    words.push({ start, end: start + m[0].length, word: m[0] });
  }
  return words;
}

/** Adds a word to a (possibly multi-line) list value, on its own continuation line. */
export function addValueWord(text: string, option: IniOption, word: string, eol: string): string {
  if (option.value.start === option.value.end) return splice(text, option.value, ` ${word}`);
  const last = option.continuation.at(-1);
  const indent = last ? indentOf(last.text) : `${indentOf(option.line.text)}    `;
  return insertLinesAfter(text, last ?? option.line, [indent + word], eol);
}
