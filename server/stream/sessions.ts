import type { Socket } from 'socket.io';
import type { Principal } from '../auth/principal.js';

/** Who a token is now: its principal, or null when it is unknown, revoked or expired. */
export type TokenCheck = (token: string) => Promise<Principal | null>;

/**
 * The tokens open sockets were opened with. Every `everyMs` each distinct token is checked
 * again, and the sockets of one that was revoked or has expired are disconnected, so that
 * revocation reaches open sockets on every node (the CLI and other nodes revoke in the store).
 */
export class SocketSessions {
  readonly #byToken = new Map<string, Set<Socket>>();
  readonly #principals = new WeakMap<Socket, Principal>();
  readonly #timer: NodeJS.Timeout;
  #checking = false;

  constructor(
    private readonly check: TokenCheck,
    everyMs: number,
    private readonly warn: (msg: string, data: object) => void,
  ) {
    this.#timer = setInterval(() => void this.recheck(), everyMs);
    this.#timer.unref();
  }

  /** Remember the socket under its token until it disconnects. */
  add(socket: Socket, token: string, principal: Principal): void {
    this.#principals.set(socket, principal);
    const set = this.#byToken.get(token) ?? new Set<Socket>();
    set.add(socket);
    this.#byToken.set(token, set);
    socket.once('disconnect', () => {
      set.delete(socket);
      if (set.size === 0 && this.#byToken.get(token) === set) this.#byToken.delete(token);
    });
  }

  /** The principal a socket connected as (none when it connected without a token). */
  principal(socket: Socket): Principal | undefined {
    return this.#principals.get(socket);
  }

  async recheck(): Promise<void> {
    if (this.#checking) return;
    this.#checking = true;
    try {
      for (const [token, sockets] of [...this.#byToken]) {
        let ok: boolean;
        try {
          ok = (await this.check(token)) !== null;
        } catch {
          // The store is unavailable: keep the sockets; the next round decides.
          continue;
        }
        if (ok) continue;
        this.#byToken.delete(token);
        for (const s of sockets) {
          this.warn('socket closed: its token was revoked or has expired', { who: this.#principals.get(s)?.id, address: s.handshake.address });
          s.disconnect(true);
        }
      }
    } finally {
      this.#checking = false;
    }
  }

  close(): void {
    clearInterval(this.#timer);
  }
}
