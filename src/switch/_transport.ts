// How the switch reaches controllers: dialing one (redialing with backoff after a failure or a
// closed connection, as a real switch does) or listening for them, over TCP or mutual TLS.
import type { Address, TlsOptions } from "../controller/transport.ts";
import type { Stream } from "./_stream.ts";
import { caList as caCerts, listenMutualTls } from "../_mutual_tls.ts";

/** A new connection. */
export type Accept = (
  stream: Stream,
  info: { local: Address; remote: Address; tls: boolean },
) => Promise<void>;

function addressOf(addr: Deno.Addr): Address {
  return "hostname" in addr
    ? { hostname: addr.hostname, port: addr.port }
    : { hostname: "", port: 0 };
}

function caList(tls: TlsOptions): string[] {
  return caCerts(tls.ca);
}

/** A dialer that keeps a connection to one controller. */
export class Dialer {
  #stopped = false;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #wake: (() => void) | undefined;
  readonly done: Promise<void>;

  constructor(
    readonly target: Address,
    readonly tls: TlsOptions | undefined,
    readonly backoff: { initialDelay: number; maxDelay: number },
    accept: Accept,
    onError: (e: unknown) => void,
  ) {
    this.done = this.#loop(accept, onError);
  }

  async #loop(accept: Accept, onError: (e: unknown) => void): Promise<void> {
    let delay = this.backoff.initialDelay;
    while (!this.#stopped) {
      let conn: Deno.Conn | undefined;
      try {
        conn = this.tls
          ? await Deno.connectTls({
            hostname: this.target.hostname,
            port: this.target.port,
            caCerts: caList(this.tls),
            cert: this.tls.cert,
            key: this.tls.key,
            unsafelyDisableHostnameVerification: this.tls.verifyHostname === false,
          })
          : await Deno.connect({ hostname: this.target.hostname, port: this.target.port });
        if (this.tls) await (conn as Deno.TlsConn).handshake();
      } catch (e) {
        try {
          conn?.close();
        } catch { /* already closed */ }
        conn = undefined;
        onError(e);
      }
      if (conn && !this.#stopped) {
        if (!this.tls) (conn as Deno.TcpConn).setNoDelay(true);
        delay = this.backoff.initialDelay;
        await accept(conn, {
          local: addressOf(conn.localAddr),
          remote: addressOf(conn.remoteAddr),
          tls: !!this.tls,
        });
      } else if (conn) {
        conn.close();
      }
      if (this.#stopped) return;
      await new Promise<void>((r) => {
        this.#wake = r;
        this.#timer = setTimeout(r, delay);
      });
      delay = Math.min(delay * 2, this.backoff.maxDelay);
    }
  }

  /** Stops redialing (an open connection is closed by its owner). */
  stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    this.#wake?.();
    return this.done;
  }
}

/** A listener accepting controllers. */
export interface Listening {
  address: Address;
  close(): Promise<void>;
}

/** Listens for controllers on one address. */
export async function listen(
  at: Address,
  tls: TlsOptions | undefined,
  accept: Accept,
  onError: (e: unknown) => void,
): Promise<Listening> {
  if (!tls) {
    const listener = Deno.listen({ hostname: at.hostname, port: at.port, transport: "tcp" });
    const loop = (async () => {
      try {
        for await (const conn of listener) {
          conn.setNoDelay(true);
          void accept(conn, {
            local: addressOf(conn.localAddr),
            remote: addressOf(conn.remoteAddr),
            tls: false,
          });
        }
      } catch (e) {
        if (!(e instanceof Deno.errors.BadResource)) onError(e);
      }
    })();
    return {
      address: addressOf(listener.addr),
      async close() {
        try {
          listener.close();
        } catch { /* already closed */ }
        await loop;
      },
    };
  }
  // Deno.listenTls cannot demand a client certificate; node:tls can.
  return await listenMutualTls(
    at,
    tls,
    (stream, local, remote) => void accept(stream, { local, remote, tls: true }),
    onError,
  );
}
