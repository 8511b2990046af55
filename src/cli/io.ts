import { terminalText } from './terminal-text';

/** The CLI's streams, injectable so tests run commands in-process and read what they print. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  readStdin: () => Promise<string>;
  env: NodeJS.ProcessEnv;
  /** Progress lines go to stderr only when a person is watching it. */
  stderrIsTty?: boolean;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readStdin: async () => {
    if (process.stdin.isTTY) return '';
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  },
  env: process.env,
  stderrIsTty: process.stderr.isTTY === true,
};

/**
 * The CLI's output boundary: everything written to stdout and stderr loses terminal control
 * characters (see terminalText), whichever command or error printed it.
 */
export function terminalSafe(io: CliIo): CliIo {
  return {
    ...io,
    stdout: (text) => io.stdout(terminalText(text)),
    stderr: (text) => io.stderr(terminalText(text)),
  };
}

/** A secret piped in usually ends with the newline of `echo`; that is not part of it. */
export async function readSecretFromStdin(io: CliIo): Promise<string> {
  return (await io.readStdin()).replace(/\r?\n$/, '');
}
