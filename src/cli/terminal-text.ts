/**
 * What a terminal would act on instead of print: C0 controls but tab and line feed (ESC starts
 * colour, cursor, title and hyperlink sequences; CR and backspace overwrite what was printed),
 * DEL, C1 controls (U+009B is CSI for terminals that read 8-bit controls) and the bidirectional
 * overrides and isolates that make text read in another order than it is stored.
 */
const TERMINAL_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text as it may reach a terminal. Registry answers (token names, keys, CIDR entries, user
 * names), file lines and error sentences quoting them can carry escape sequences; the CLI's
 * streams pass everything they print through this, so no such sequence reaches the terminal.
 */
export function terminalText(text: string): string {
  return text.replace(TERMINAL_CONTROL, '');
}
