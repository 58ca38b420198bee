import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './server.js';

export interface Proc {
  child: ChildProcess;
  output: () => string;
  /** Resolves with the served URL once the server says it listens. */
  url: Promise<string>;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  kill(): Promise<void>;
}

/**
 * Run `npm start`'s entry point as a real process with the given environment: server/main.ts
 * through tsx, or `entry`, a bundle of it (server/serverbuild.ts) run by node alone.
 */
export function runMain(env: Record<string, string>, entry?: string): Proc {
  const child = spawn(process.execPath, entry ? [entry] : ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, IOC_SKIP_WEB_BUILD: '1', LOG_LEVEL: 'warn', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | null>((res) => child.once('exit', (code) => res(code)));
  const url = new Promise<string>((res, rej) => {
    const onData = (b: Buffer) => {
      out += b.toString();
      const m = /serving (http:\/\/[\d.:]+)/.exec(out);
      if (m) res(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => rej(new Error(`server exited (${code}) before listening:\n${out}`)));
  });
  url.catch(() => {});
  return {
    child,
    output: () => out,
    url,
    exited,
    async kill() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
    },
  };
}
