// The Controller's connections: created as the transport reports them, fed their chunks,
// listed once ready, waited for (connect, waitForSwitch), and the primary switch of
// OFTest's single-switch shape.
import type { Logger } from "@logtape/logtape";
import { Connection, type ConnectionContext } from "./_connection.ts";
import { ConnectionClosedError, HandshakeError } from "./errors.ts";
import type { Channel } from "./_outbox.ts";
import { SwitchWaiters } from "./_switch_waiters.ts";
import type { SwitchConnection, TimeoutOptions } from "./switch_connection.ts";
import { checkTimeout } from "./_timeouts.ts";
import type { ConnectionInfo } from "./transport.ts";

/** Why no switch can come (the controller closed, listening failed, the dial gave up). */
export type Hopeless = () => Error | undefined;

/** Every connection of one Controller. */
export class Registry {
  readonly #log: Logger;
  readonly #context: ConnectionContext;
  readonly #channel: (id: number) => Channel;
  readonly #conns = new Map<number, Connection>();
  readonly #waiters = new SwitchWaiters();
  #primary: SwitchConnection | undefined;

  /**
   * @param log The Controller's logger.
   * @param context What every connection shares (this registry adds its `ready` and `closed`).
   * @param channel Opens the way out for connection `id`'s bytes.
   */
  constructor(
    log: Logger,
    context: Omit<ConnectionContext, "ready" | "closed">,
    channel: (id: number) => Channel,
  ) {
    this.#log = log;
    this.#channel = channel;
    // One context for every connection: thousands of connections need not each hold one.
    this.#context = {
      ...context,
      ready: (c) => this.#ready(c),
      closed: (c, reason) => this.#closed(c, reason),
    };
  }

  /** Every open connection, oldest first. */
  get all(): Connection[] {
    return [...this.#conns.values()];
  }

  /** The ready connections, oldest first. */
  get switches(): SwitchConnection[] {
    return this.all.filter((c) => c.state === "ready");
  }

  /** The primary switch, once `connect()` chose it. */
  get primary(): SwitchConnection | undefined {
    return this.#primary;
  }

  /** The transport opened connection `id`. */
  opened(id: number, info: ConnectionInfo): void {
    this.#log.info("Switch connected from {remote} (connection {connection})", {
      remote: info.remote,
      connection: id,
    });
    const conn = new Connection(id, info, this.#context, this.#channel(id));
    this.#conns.set(id, conn);
  }

  #ready(conn: Connection): void {
    this.#log.info(
      "Switch ready on connection {connection}: OpenFlow version {version}, datapath id {dpid}",
      { connection: conn.id, version: conn.version, dpid: conn.datapathId?.toString(16) },
    );
    this.#waiters.ready(conn);
  }

  #closed(conn: Connection, reason: ConnectionClosedError): void {
    this.#log.info("Connection {connection} closed: {reason}", {
      connection: conn.id,
      reason: reason.message,
    });
    if (this.#primary === conn) this.#primary = undefined;
    if (reason.cause instanceof HandshakeError) this.#waiters.handshakeFailed(reason.cause);
  }

  /** Chunks for connection `id`. */
  data(id: number, bytes: Uint8Array, view: DataView, offsets: Uint32Array, count: number): void {
    this.#conns.get(id)?.receive(bytes, view, offsets, count);
  }

  /** The transport closed connection `id`. */
  closed(id: number, cause: Error | undefined): void {
    const conn = this.#conns.get(id);
    this.#conns.delete(id);
    conn?.onTransportClosed(cause);
  }

  /** `Controller.connect`: the primary, the oldest ready switch, or the next one. */
  async connect(
    options: TimeoutOptions,
    hopeless: Hopeless,
    detail: () => string,
  ): Promise<SwitchConnection> {
    const timeout = checkTimeout("timeout", options?.timeout, 10_000, "zero allowed");
    if (this.#primary && !this.#primary.isClosed) return this.#primary;
    const ready = this.switches;
    if (ready.length > 0) return (this.#primary = ready[0]);
    const why = hopeless();
    if (why) throw why;
    const conn = await this.#waiters.wait("a switch connection", timeout, () => true, true, detail);
    if (!this.#primary || this.#primary.isClosed) this.#primary = conn;
    return this.#primary;
  }

  /** `Controller.waitForSwitch`: the newest ready match, or the next one. */
  waitFor(
    which: bigint | ((conn: SwitchConnection) => boolean),
    options: TimeoutOptions,
    hopeless: Hopeless,
    detail: () => string,
  ): Promise<SwitchConnection> {
    if (typeof which !== "bigint" && typeof which !== "function") {
      throw new TypeError(
        `Expected a datapath id (bigint) or a predicate, got ${
          which === null ? "null" : typeof which
        }`,
      );
    }
    const match = typeof which === "bigint"
      ? (c: SwitchConnection) => c.datapathId === which
      : which;
    const timeout = checkTimeout("timeout", options?.timeout, 10_000, "zero allowed");
    const found = this.switches.reverse().find(match);
    if (found) return Promise.resolve(found);
    const why = hopeless();
    if (why) throw why;
    const awaited = typeof which === "bigint"
      ? `a switch with datapath id 0x${which.toString(16)}`
      : "a matching switch";
    return this.#waiters.wait(awaited, timeout, match, false, detail);
  }

  /** No switch can come any more: every wait fails with `error`. */
  giveUp(error: Error): void {
    this.#waiters.rejectAll(error);
  }

  /** Closes every connection; waits fail. */
  closeAll(): void {
    this.#waiters.rejectAll(
      new ConnectionClosedError("Cannot wait for a switch: the controller closed"),
    );
    for (const conn of this.all) conn.close();
  }

  /** After the transport closed: every connection is gone. */
  forgetAll(): void {
    for (const conn of this.all) conn.onTransportClosed(undefined);
    this.#conns.clear();
  }
}
