import { describe, expect, it } from 'vitest';
import { formatTable } from '../../../src/cli/format-table';
import { terminalSafe, type CliIo } from '../../../src/cli/io';
import { terminalText } from '../../../src/cli/terminal-text';

// The CLI's output boundary: what a registry or a file supplies reaches the terminal as text,
// never as a control sequence.
describe('terminalText', () => {
  it.each([
    [
      'ESC (colour, clear screen, OSC title and hyperlink)',
      'a\u001b[31mb\u001b]0;t\u0007c',
      'a[31mb]0;tc',
    ],
    ['CR and backspace, which overwrite what was printed', 'good\rEVIL\b\b', 'goodEVIL'],
    ['DEL and C1 controls (CSI as one byte, NEL)', 'a\u007fb\u009b2Jc\u0085d', 'ab2Jcd'],
    ['bidirectional overrides and isolates', 'file\u202etxt.exe\u2066x\u2069', 'filetxt.exex'],
  ])('strips %s', (_name, input, output) => {
    expect(terminalText(input)).toBe(output);
  });

  it('keeps line feeds, tabs and any other text', () => {
    const text = 'line 1\n\tindented ü 日本 npm_ab…yz •••\n';
    expect(terminalText(text)).toBe(text);
  });

  it('formatTable measures the cleaned cells, so columns stay aligned', () => {
    expect(
      formatTable(
        ['A', 'B'],
        [
          ['x\u001b[1m', 'y'],
          ['long', 'z'],
        ],
      ),
    ).toBe('A     B\nx[1m  y\nlong  z\n');
  });

  it('terminalSafe cleans both streams', () => {
    const out: string[] = [];
    const io: CliIo = {
      stdout: (t) => out.push(`out:${t}`),
      stderr: (t) => out.push(`err:${t}`),
      readStdin: async () => '',
      env: {},
    };
    const safe = terminalSafe(io);
    safe.stdout('a\u001bb\n');
    safe.stderr('keyport: \u009bc\n');
    expect(out).toEqual(['out:ab\n', 'err:keyport: c\n']);
  });
});
