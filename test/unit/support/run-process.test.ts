import { describe, expect, it } from 'vitest';
import { runProcess } from '../../support/run-keyport';

describe('runProcess', () => {
  // CI once failed on an uncaught EPIPE: `git config` exited before its (empty) input was written.
  it('gives the exit of a child that exits without reading its input, instead of an EPIPE', async () => {
    const input = 'protocol=https\n'.repeat(100_000); // far more than a pipe buffer holds
    const result = await runProcess('sh', ['-c', 'exit 3'], { PATH: process.env.PATH }, input);
    expect(result).toEqual({ code: 3, out: '', err: '' });
  });

  it('still passes its input to a child that reads it', async () => {
    const result = await runProcess('cat', [], { PATH: process.env.PATH }, 'host=example.test\n');
    expect(result).toEqual({ code: 0, out: 'host=example.test\n', err: '' });
  });
});
