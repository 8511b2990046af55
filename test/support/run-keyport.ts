import { spawn } from 'node:child_process';
import path from 'node:path';

/** The real `keyport` command as a user runs it. */
export const KEYPORT_BIN = path.resolve('bin/keyport.cjs');

export interface ProcessResult {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs a command with `stdin` piped in and collects its output. Asynchronous on purpose: the
 * tests host Verdaccio in their own process, and a blocking spawn would stop it answering.
 */
export function runProcess(
  command: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin = '',
  cwd?: string,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, ...(cwd ? { cwd } : {}) });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, err }));
    tolerateEarlyExit(child.stdin, reject);
    child.stdin.end(stdin);
  });
}

/**
 * A child may exit without reading its input (`git config`, a helper that fails early): writing
 * to its closed pipe then fails with EPIPE. That is the child's choice, not the test's failure;
 * the exit code and output it left are what the test asserts. Any other stream error is real.
 */
export function tolerateEarlyExit(
  stdin: NodeJS.WritableStream,
  reject: (err: unknown) => void,
): void {
  stdin.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code !== 'EPIPE') reject(err);
  });
}

/** `keyport ARGS…` with the given environment. */
export function runKeyport(
  args: string[],
  env: NodeJS.ProcessEnv,
  stdin = '',
): Promise<ProcessResult> {
  return runProcess(process.execPath, [KEYPORT_BIN, ...args], env, stdin);
}
