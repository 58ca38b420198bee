/** A real SMTP server and a real HTTP receiver for the notification tests: each records what arrived. */
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** Resolves once `check()` holds, re-checked at each arrival (no sleeping). */
class Arrivals<T> {
  readonly items: T[] = [];
  #waiters: { check: () => boolean; done: () => void }[] = [];
  push(item: T): void {
    this.items.push(item);
    this.#waiters = this.#waiters.filter((w) => (w.check() ? (w.done(), false) : true));
  }
  until(check: (items: T[]) => boolean): Promise<T[]> {
    if (check(this.items)) return Promise.resolve(this.items);
    return new Promise((res) => this.#waiters.push({ check: () => check(this.items), done: () => res(this.items) }));
  }
}

export interface Smtp {
  url: string;
  mails: Arrivals<ParsedMail>;
  stop(): Promise<void>;
}

/** An SMTP server on a free local port that accepts everything (no TLS, no auth) and parses each message. */
export async function startSmtp(): Promise<Smtp> {
  const mails = new Arrivals<ParsedMail>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, cb) {
      simpleParser(stream).then(
        (m) => (mails.push(m), cb()),
        (err: Error) => cb(err),
      );
    },
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.server.address() as AddressInfo;
  return { url: `smtp://127.0.0.1:${port}`, mails, stop: () => new Promise<void>((res) => server.close(() => res())) };
}

export interface Hook {
  raw: string;
  headers: IncomingHttpHeaders;
}

export interface Receiver {
  url: string;
  hooks: Arrivals<Hook>;
  /** The status to answer next (default 204). */
  answer: { status: number };
  stop(): Promise<void>;
}

/** An HTTP server that records each POST's raw body and headers. */
export async function startReceiver(): Promise<Receiver> {
  const hooks = new Arrivals<Hook>();
  const answer = { status: 204 };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      res.writeHead(answer.status).end();
      hooks.push({ raw: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
    });
  });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hook`, hooks, answer, stop: () => new Promise<void>((res) => server.close(() => res())) };
}
