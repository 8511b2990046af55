import { structuredPatch } from 'diff';
import { maskSecret } from '../../shared/mask';
import { isReference } from '../../shared/references';
import type { ConfigEditor } from './config-editor';
import { escapePropertyValue } from './java-properties';
import { BOM, type Span } from './text-layout';

/**
 * A span to mask, with its format's own mask when the ordinary one (first and last 4 characters)
 * would show too much of that kind of value (Docker's base64 `auth`; see helper-config-spans.ts).
 */
export interface MaskedSpan extends Span {
  mask?: (value: string) => string;
}

/** What a diff needs of a format: where its credentials are, and what a preview masks. */
export interface SpanFinder {
  credentialSpans: ConfigEditor['credentialSpans'];
  maskedSpans?(text: string): MaskedSpan[];
}

/** Credential spans of a whole file, found on its BOM-free text and shifted back. */
function spansOf(editor: SpanFinder, text: string): MaskedSpan[] {
  const offset = text.startsWith(BOM) ? BOM.length : 0;
  const body = text.slice(offset);
  return (editor.maskedSpans?.(body) ?? editor.credentialSpans(body))
    .map((s: MaskedSpan) => ({ ...s, start: s.start + offset, end: s.end + offset }))
    .filter((s) => s.end > s.start);
}

/**
 * A value that is nothing but a reference holds no secret, even in its format's wrapping: YAML or
 * ini quotes, or the `Bearer ` scheme of an Authorization header (Maven's settings.xml). Any
 * other text beside the reference could be a secret, so such a value is masked whole.
 */
function onlyReference(value: string): boolean {
  const unquoted = value.trim().replace(/^(["'])(.*)\1$/s, '$2');
  return isReference(unquoted.replace(/^Bearer /, ''));
}

/**
 * Replaces every credential span (line breaks kept, so line numbers stay) with its mask, in one
 * left-to-right pass: rebuilding the text per span made big files quadratic. A reference such as
 * ${KEYPORT_…} stays readable, so the user sees that a reference is written and not a token.
 */
function maskSpans(text: string, spans: MaskedSpan[]): string {
  const parts: string[] = [];
  let at = 0;
  for (const s of [...spans].sort((a, b) => a.start - b.start)) {
    if (s.start < at) continue;
    parts.push(text.slice(at, s.start));
    const value = text.slice(s.start, s.end);
    parts.push(
      onlyReference(value)
        ? value
        : s.mask && !/[\r\n]/.test(value)
          ? s.mask(value)
          : value
              .split(/(\r\n|\r|\n)/)
              .map((part, i) => (i % 2 === 1 || part === '' ? part : maskSecret(part)))
              .join(''),
    );
    at = s.end;
  }
  parts.push(text.slice(at));
  return parts.join('');
}

/** Literal forms of the secret a file may hold, masked wherever they appear as a last resort. */
function secretForms(secret: string): string[] {
  const forms = [
    secret,
    encodeURIComponent(secret),
    JSON.stringify(secret).slice(1, -1),
    escapePropertyValue(secret),
  ];
  forms.push(
    secret.replace(
      /[&<>"']/g,
      (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' }[c]};`,
    ),
  );
  return [...new Set(forms)].filter((f) => f.length > 0).sort((a, b) => b.length - a.length);
}

/**
 * A unified diff of `before` → `after` that never shows a credential: hunks are computed on the
 * real texts (so a change of secret alone still shows), then each line is printed from a copy of
 * its text with every credential the format knows of masked, and any remaining literal copy of
 * the new secret masked too.
 */
export function maskedDiff(
  editor: SpanFinder,
  file: string,
  before: string | null,
  after: string,
  secret: string,
): string {
  const old = before ?? '';
  const patch = structuredPatch(file, file, old, after, '', '', { context: 3 });
  const oldLines = maskSpans(old, spansOf(editor, old)).split('\n');
  const newLines = maskSpans(after, spansOf(editor, after)).split('\n');
  const forms = isReference(secret) ? [] : secretForms(secret);
  const scrub = (line: string): string =>
    forms.reduce((l, f) => l.split(f).join(maskSecret(secret)), line.replace(/\r$/, ''));

  const out = [`--- ${before === null ? '/dev/null' : file}`, `+++ ${file}`];
  for (const h of patch.hunks) {
    out.push(`@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@`);
    let o = h.oldStart - 1;
    let n = h.newStart - 1;
    for (const line of h.lines) {
      const tag = line[0];
      if (tag === ' ') {
        out.push(` ${scrub(oldLines[o++] ?? '')}`);
        n++;
      } else if (tag === '-') out.push(`-${scrub(oldLines[o++] ?? '')}`);
      else if (tag === '+') out.push(`+${scrub(newLines[n++] ?? '')}`);
      else out.push(line);
    }
  }
  return patch.hunks.length === 0 ? '' : `${out.join('\n')}\n`;
}
