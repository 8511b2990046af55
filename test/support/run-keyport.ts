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
    child.stdin.end(stdin);
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
