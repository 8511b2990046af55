import { createReadStream, openSync } from 'node:fs';
import { ReadStream } from 'node:tty';
import { KeyportError } from '../shared/errors';
import type { CliIo } from './io';

/**
 * The encrypted file store's passphrase: from the file descriptor KEYPORT_PASSPHRASE_FD names
 * (scripts, CI: `KEYPORT_PASSPHRASE_FD=3 keyport … 3<file`), else typed at the terminal without
 * echo. Never from an environment variable's value or an argument, which other processes can read.
 */
export function passphraseSource(io: CliIo): () => Promise<string> {
  return async () => {
    const fd = io.env.KEYPORT_PASSPHRASE_FD;
    if (fd !== undefined && fd !== '') {
      if (!/^\d+$/.test(fd)) {
        throw new KeyportError(
          'INVALID_INPUT',
          'KEYPORT_PASSPHRASE_FD must be a descriptor number.',
        );
      }
      return (await readAll(Number(fd))).replace(/\r?\n$/, '');
    }
    return promptOnTerminal(io);
  };
}

async function readAll(fd: number): Promise<string> {
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of createReadStream('', { fd, autoClose: true })) {
      chunks.push(chunk as Buffer);
    }
  } catch {
    throw new KeyportError(
      'INVALID_INPUT',
      `Could not read the passphrase from file descriptor ${fd}.`,
    );
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Standard input may carry a token (--token-stdin), so the prompt uses the terminal itself. */
async function promptOnTerminal(io: CliIo): Promise<string> {
  let fd: number;
  try {
    fd = process.platform === 'win32' ? 0 : openSync('/dev/tty', 'r');
  } catch {
    fd = -1;
  }
  if (fd < 0 || (process.platform === 'win32' && !process.stdin.isTTY)) {
    throw new KeyportError(
      'INVALID_INPUT',
      'The encrypted file store needs its passphrase: run keyport at a terminal, or give it on a file descriptor (KEYPORT_PASSPHRASE_FD=3 keyport … 3<file).',
    );
  }
  const input = fd === 0 ? process.stdin : new ReadStream(fd);
  io.stderr('Passphrase for the encrypted file store: ');
  input.setRawMode(true);
  return new Promise((resolve, reject) => {
    let typed = '';
    const done = (error?: KeyportError) => {
      input.setRawMode(false);
      input.removeListener('data', onData);
      if (fd !== 0) input.destroy();
      else input.pause();
      io.stderr('\n');
      if (error) reject(error);
      else resolve(typed);
    };
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003')
          return done(new KeyportError('CANCELLED', 'Cancelled; nothing was changed.'));
        if (ch === '\u007f' || ch === '\b') typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    input.on('data', onData);
    input.resume();
  });
}
