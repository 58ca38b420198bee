import { spawn } from 'node:child_process';
import { ROOT } from './server.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run one of `server/cli/*.ts` as `npm run` does (tsx), with extra environment; resolves when it exits. */
export function runCli(script: string, args: string[], env: Record<string, string | undefined> = {}): Promise<CliResult> {
  const child = spawn(process.execPath, ['--import', 'tsx', `server/cli/${script}`, ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()));
  return new Promise((res, rej) => {
    child.once('error', rej);
    child.once('close', (code) => res({ code, stdout, stderr }));
  });
}
