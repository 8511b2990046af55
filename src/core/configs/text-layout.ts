/**
 * Byte-preserving text helpers shared by every editor. Editors work on the text between an
 * optional UTF-8 BOM and the end; new lines they add follow the file's own line ending.
 */
export const BOM = '\uFEFF';

export interface Span {
  start: number;
  end: number;
}

/** Runs `edit` on the text without its BOM and puts the BOM back, so no editor sees or loses it. */
export function preservingBom<R extends { text: string }>(
  text: string,
  edit: (body: string) => R,
): R {
  if (!text.startsWith(BOM)) return edit(text);
  const result = edit(text.slice(BOM.length));
  return { ...result, text: BOM + result.text };
}

/** The file's line ending: the first one found; LF for a file without any. */
export function detectEol(text: string): '\n' | '\r\n' {
  const lf = text.indexOf('\n');
  return lf > 0 && text[lf - 1] === '\r' ? '\r\n' : '\n';
}

export interface Line {
  /** Offset of the first character of the line. */
  start: number;
  /** Offset just past the content, before the line ending. */
  end: number;
  /** Offset just past the line ending (equals `end` on a last line without one). */
  next: number;
  text: string;
}

/** Splits on LF, CRLF and lone CR (as Python's universal newlines and ini do), keeping offsets. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /\r\n|\r|\n/g;
  let start = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    lines.push({
      start,
      end: m.index,
      next: m.index + m[0].length,
      text: text.slice(start, m.index),
    });
    start = m.index + m[0].length;
  }
  if (start < text.length) {
    lines.push({ start, end: text.length, next: text.length, text: text.slice(start) });
  }
  return lines;
}

/** A replacement of `start`…`end` by `text`. */
export interface Splice extends Span {
  text: string;
}

/** Applies non-overlapping splices (offsets into the original text), last first. */
export function applySplices(text: string, splices: Splice[]): string {
  let out = text;
  for (const s of [...splices].sort((a, b) => b.start - a.start))
    out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
}

export function splice(text: string, span: Span, replacement: string): string {
  return text.slice(0, span.start) + replacement + text.slice(span.end);
}

/**
 * Adds whole lines at the end of a file. A file that ended without a newline keeps ending without
 * one (the new lines go after a separator instead); an empty file gets a normal trailing newline.
 */
export function appendLines(text: string, lines: string[], eol: string): string {
  const block = lines.join(eol);
  if (text === '') return block + eol;
  if (text.endsWith('\n') || text.endsWith('\r')) return text + block + eol;
  return text + eol + block;
}

/** Leading spaces and tabs of a line. */
export function indentOf(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** Is `offset` at the start of a line (the file's start or just after a line break)? */
function atLineStart(text: string, offset: number): boolean {
  return offset === 0 || text[offset - 1] === '\n' || text[offset - 1] === '\r';
}

/**
 * Cuts `spans` out of `text` in one pass. Touching or overlapping spans are merged first, so two
 * adjacent removed lines never fight over the line break between them. A removal that takes the
 * last line of a file without a final newline takes the line break before it instead, so the file
 * still ends without one (as it did before Keyport appended that line) — unless that break ends an
 * empty line, which can carry meaning (it closes a .netrc `macdef` body) and so stays.
 */
export function removeSpans(text: string, spans: Span[]): string {
  const merged: Span[] = [];
  for (const s of [...spans].filter((s) => s.end > s.start).sort((a, b) => a.start - b.start)) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const tail = merged.at(-1);
  if (
    tail &&
    tail.end === text.length &&
    tail.start > 0 &&
    atLineStart(text, tail.start) &&
    !/[\r\n]$/.test(text)
  ) {
    const eolLength = text.slice(tail.start - 2, tail.start) === '\r\n' ? 2 : 1;
    const previousEnd = tail.start - eolLength;
    // An empty previous line: its break is what makes it a line, keep it.
    if (!atLineStart(text, previousEnd)) tail.start = previousEnd;
  }
  let out = text;
  for (const s of merged.reverse()) out = out.slice(0, s.start) + out.slice(s.end);
  return out;
}

/** The span of whole lines `first`…`last`, line break included. */
export function lineSpan(first: Line, last: Line = first): Span {
  return { start: first.start, end: last.next };
}
