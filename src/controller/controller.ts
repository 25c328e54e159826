/**
 * The Controller: an OpenFlow control channel whose sockets live in a worker.
 *
 * @module
 */
import type { Logger } from "@logtape/logtape";
import { logger } from "../_log.ts";
import type { OfpMessage } from "../ofp/codec.ts";
import { type CounterSnapshot, newCounterBuffer, snapshot } from "./counters.ts";
import { ConnectionClosedError, HandshakeError, WaitTimeoutError } from "./errors.ts";
import type { MessageOfType } from "./poll_queue.ts";
import {
  checkTimeout,
  type ConnectionHost,
  type ConnectionSettings,
  type Handler,
  HandlerTable,
  type MalformedPolicy,
  SwitchConnection,
  type TimeoutOptions,
} from "./switch_connection.ts";
import type {
  Address,
  ConnectionInfo,
  RetryOptions,
  TlsOptions,
  Transport,
  TransportEvents,
} from "./transport.ts";
import { WorkerTransport } from "./worker_transport.ts";

/** The default OpenFlow port (IANA). */
export const OFP_TCP_PORT = 6653;

/** Options of {@linkcode Controller}. */
export interface ControllerOptions {
  /**
   * Where to listen for switches: one address or several (IPv4 and IPv6). Port 0 picks a free
   * port (see {@linkcode Controller.listening}). Default, unless `switch` is given:
   * `{ hostname: "0.0.0.0", port: 6653 }`.
   */
  listen?: Partial<Address> | Partial<Address>[];
  /** A switch that listens, to dial (active mode; redialed after it closes, per `retry`). */
  switch?: Address;
  /** Dial retry and backoff settings (active mode). */
  retry?: RetryOptions;
  /** OpenFlow wire versions to offer, e.g. `[1, 4]` (the default: 1.0 and 1.3). */
  versions?: number[];
  /** TLS with mutual authentication; plain TCP when absent. */
  tls?: TlsOptions;
  /** Send FEATURES_REQUEST after HELLO to learn the datapath id. Default true. */
  features?: boolean;
  /**
   * Send HELLO as soon as the connection opens (OFTest's `initial_hello`). When false, HELLO
   * is sent on receipt of the switch's, in the same write as FEATURES_REQUEST. Default true.
   */
  initialHello?: boolean;
  /** Answer ECHO_REQUEST with the same xid and payload (OFTest's `keep_alive`). Default true. */
  keepAlive?: boolean;
  /** Poll queue bound per connection (OFTest's `max_pkts`). Default 1024. */
  maxQueue?: number;
  /** Default deadline of transactions and polls, in ms. Default 2000. */
  timeout?: number;
  /** Deadline for HELLO plus FEATURES_REPLY, in ms. Default 5000. */
  handshakeTimeout?: number;
  /** Send ECHO_REQUEST after this many idle ms (0: no probing). Default 0. */
  echoInterval?: number;
  /** Unanswered probes in a row before disconnecting. Default 3. */
  echoMisses?: number;
  /** PACKET_IN messages per second beyond which they are dropped and counted. Default Infinity. */
  packetInLimit?: number;
  /**
   * A frame from the switch that cannot be decoded, or of a version other than the negotiated
   * one, is counted and logged with a hex dump, then skipped ("skip", the default) or closes
   * the connection ("disconnect"). A header length below 8 always closes it: the stream
   * cannot be re-synchronised.
   */
  onMalformed?: MalformedPolicy;
  /** The transport to use instead of the socket worker (e.g. a `MemoryTransport` in tests). */
  transport?: Transport;
}

interface Waiter {
  match(conn: SwitchConnection): boolean;
  resolve(conn: SwitchConnection): void;
  reject(error: Error): void;
  /** Rejects on a failed handshake instead of waiting for another switch. */
  failOnHandshake: boolean;
}

function positiveInt(name: string, value: number): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new RangeError(`Expected ${name} to be a positive integer, got ${value}`);
  }
  return value;
}

function resolveSettings(o: ControllerOptions): ConnectionSettings {
  const versions = [...new Set(o.versions ?? [1, 4])].sort((a, b) => a - b);
  if (versions.length === 0) {
    throw new RangeError("Expected at least one OpenFlow version, got none");
  }
  for (const v of versions) {
    if (v !== 1 && v !== 4) {
      throw new RangeError(`Expected OpenFlow versions among 1 (1.0) and 4 (1.3), got ${v}`);
    }
  }
  const echoInterval = o.echoInterval ?? 0;
  if (!Number.isFinite(echoInterval) || echoInterval < 0) {
    throw new RangeError(`Expected echoInterval of 0 ms or more, got ${echoInterval}`);
  }
  const packetInLimit = o.packetInLimit ?? Infinity;
  if (!(packetInLimit >= 0)) {
    throw new RangeError(`Expected packetInLimit of 0 or more, got ${packetInLimit}`);
  }
  const onMalformed = o.onMalformed ?? "skip";
  if (onMalformed !== "skip" && onMalformed !== "disconnect") {
    throw new TypeError(`Expected onMalformed "skip" or "disconnect", got ${String(onMalformed)}`);
  }
  return {
    versions,
    features: o.features ?? true,
    initialHello: o.initialHello ?? true,
    keepAlive: o.keepAlive ?? true,
    maxQueue: positiveInt("maxQueue", o.maxQueue ?? 1024),
    timeout: checkTimeout(o.timeout, 2000),
    handshakeTimeout: checkTimeout(o.handshakeTimeout, 5000),
    echoInterval,
    echoMisses: positiveInt("echoMisses", o.echoMisses ?? 3),
    packetInLimit,
    onMalformed,
  };
}

/**
 * An OpenFlow controller for testing switches: accepts (or dials) any number of switches,
 * negotiates the version, learns each datapath id, and gives every connection OFTest's
 * handlers, poll queue and transactions — with any number of transactions outstanding.
 *
 * The sockets belong to a Web Worker that frames the byte streams and transfers whole read
 * chunks; the main thread decodes and dispatches. OFTest's single-switch shape stays as a
 * convenience: {@linkcode Controller.connect} waits for the first switch (the *primary*) and
 * the Controller's own `send`, `transact`, `poll`... act on it.
 *
 * Second connections in single-switch use: every connection is accepted and handshaken and
 * listed in {@linkcode Controller.switches}; the primary stays the first ready switch until
 * it closes, after which `connect()` picks the oldest ready one or waits for the next.
 *
 * @example Listening on a free port, waiting for a switch
 * ```ts ignore
 * import { Controller } from "@oftest/oftest";
 *
 * await using controller = new Controller({ listen: { hostname: "127.0.0.1", port: 0 } });
 * const [address] = await controller.listening;
 * console.log(`point the switch at tcp:${address.hostname}:${address.port}`);
 * const sw = await controller.connect({ timeout: 10_000 });
 * console.log(sw.version, sw.datapathId);
 * await sw.barrier();
 * const packetIn = await sw.poll("PACKET_IN", { timeout: 1000 });
 * ```
 *
 * @example Logic tests without sockets
 * ```ts
 * import { Controller, MemoryTransport } from "@oftest/oftest";
 * import assert from "node:assert/strict";
 *
 * const transport = new MemoryTransport();
 * await using controller = new Controller({ transport, features: false, versions: [4] });
 * const peer = transport.connect();
 * peer.write(new Uint8Array([4, 0, 0, 8, 0, 0, 0, 1])); // HELLO, OpenFlow 1.3
 * const sw = await controller.connect();
 * peer.write(new Uint8Array([4, 2, 0, 10, 0, 0, 0, 7, 0xab, 0xcd])); // ECHO_REQUEST
 * await peer.read(); // our HELLO
 * assert.deepEqual(await peer.read(), new Uint8Array([4, 3, 0, 10, 0, 0, 0, 7, 0xab, 0xcd]));
 * assert.equal(sw.counters.handled, 1);
 * ```
 */
export class Controller {
  #settings: ConnectionSettings;
  #transport: Transport;
  #log: Logger = logger("controller");
  #workerLog: Logger = logger("worker");
  #totals: SharedArrayBuffer = newCounterBuffer();
  #conns = new Map<number, SwitchConnection>();
  #handlers = new HandlerTable();
  #waiters: Waiter[] = [];
  #primary: SwitchConnection | undefined;
  #dirty: SwitchConnection[] = [];
  #flushScheduled = false;
  #addresses: Address[] = [];
  #listening: Promise<Address[]>;
  #closing: Promise<void> | undefined;
  #closed = Promise.withResolvers<void>();
  #isClosed = false;
  #dialTarget: Address | undefined;
  #dialError: Error | undefined;
  #listenError: Error | undefined;
  #dialGaveUp: Error | undefined;
  #listens = false;

  /**
   * Creates a controller and starts listening and/or dialing at once.
   *
   * @param options Addresses, versions, TLS, timeouts and policies.
   * @throws {RangeError} On out-of-range options (versions, bounds, timeouts).
   * @throws {TypeError} On a malformed option.
   */
  constructor(options: ControllerOptions = {}) {
    this.#settings = resolveSettings(options);
    this.#host.settings = this.#settings;
    if (options.tls) {
      const { cert, key, ca } = options.tls;
      if (typeof cert !== "string" || typeof key !== "string" || !ca) {
        throw new TypeError("Expected tls.cert, tls.key and tls.ca as PEM text, got a missing one");
      }
    }
    this.#transport = options.transport ?? new WorkerTransport();
    this.#transport.start(this.#events(), this.#totals);
    const listen = options.listen ??
      (options.switch ? [] : [{ hostname: "0.0.0.0", port: OFP_TCP_PORT }]);
    const addresses = (Array.isArray(listen) ? listen : [listen]).map((a) => ({
      hostname: a.hostname ?? "0.0.0.0",
      port: a.port ?? OFP_TCP_PORT,
    }));
    this.#listens = addresses.length > 0;
    this.#listening = addresses.length === 0
      ? Promise.resolve([])
      : this.#transport.listen(addresses, options.tls).then((bound) => {
        this.#addresses = bound;
        this.#log.info("Listening on {addresses}", { addresses: bound });
        return bound;
      });
    this.#listening.catch((e) => {
      this.#listenError = e;
      this.#log.error("Cannot listen: {error}", { error: e });
      this.#rejectWaiters(e);
    });
    if (options.switch) {
      this.#dialTarget = { hostname: options.switch.hostname, port: options.switch.port };
      this.#transport.dial(1, this.#dialTarget, options.retry ?? {}, options.tls);
    }
  }

  #events(): TransportEvents {
    return {
      opened: (id: number, info: ConnectionInfo) => {
        if (this.#isClosed) {
          this.#transport.closeConnection(id);
          return;
        }
        this.#log.info("Switch connected from {remote} (connection {connection})", {
          remote: info.remote,
          connection: id,
        });
        this.#dialError = undefined;
        this.#conns.set(id, new SwitchConnection(this.#host, id, info, this.#totals));
      },
      data: (id, bytes, view, offsets, count) => {
        const conn = this.#conns.get(id);
        if (conn) conn.onData(bytes, view, offsets, count);
      },
      closed: (id, cause) => {
        const conn = this.#conns.get(id);
        this.#conns.delete(id);
        conn?.onTransportClosed(cause);
      },
      dialFailed: (_dialId, cause, final) => {
        this.#dialError = cause;
        this.#log.warn("Dialing the switch at {target} failed{final}: {error}", {
          target: this.#dialTarget,
          final: final ? " (giving up)" : ", retrying",
          error: cause.message,
        });
        if (final) {
          this.#dialGaveUp = new ConnectionClosedError(
            `Cannot connect to the switch at ${this.#dialTarget?.hostname}:${this.#dialTarget?.port}: ${cause.message}`,
            { cause },
          );
          if (!this.#listens) this.#rejectWaiters(this.#dialGaveUp);
        }
      },
      log: (level, message, props) => {
        const text = props.hexdump ? `${message}\n{hexdump}` : message;
        if (level === "debug") this.#workerLog.debug(text, props);
        else if (level === "info") this.#workerLog.info(text, props);
        else if (level === "warning") this.#workerLog.warn(text, props);
        else this.#workerLog.error(text, props);
      },
    };
  }

  #host: ConnectionHost = {
    settings: undefined as unknown as ConnectionSettings, // set in the constructor
    log: this.#log,
    handlers: this.#handlers,
    schedule: (conn) => {
      this.#dirty.push(conn);
      if (!this.#flushScheduled) {
        this.#flushScheduled = true;
        queueMicrotask(() => this.#flush());
      }
    },
    closeTransport: (conn) => {
      this.#flush();
      this.#transport.closeConnection(conn.id);
    },
    ready: (conn) => {
      this.#log.info(
        "Switch ready on connection {connection}: OpenFlow version {version}, datapath id {dpid}",
        { connection: conn.id, version: conn.version, dpid: conn.datapathId?.toString(16) },
      );
      for (let i = 0; i < this.#waiters.length; i++) {
        const w = this.#waiters[i];
        if (w.match(conn)) {
          this.#waiters.splice(i--, 1);
          w.resolve(conn);
        }
      }
    },
    gone: (conn, reason) => {
      this.#log.info("Connection {connection} closed: {reason}", {
        connection: conn.id,
        reason: reason.message,
      });
      if (this.#primary === conn) this.#primary = undefined;
      if (reason.cause instanceof HandshakeError) {
        for (let i = 0; i < this.#waiters.length; i++) {
          const w = this.#waiters[i];
          if (w.failOnHandshake) {
            this.#waiters.splice(i--, 1);
            w.reject(reason.cause);
          }
        }
      }
    },
  };

  #flush(): void {
    this.#flushScheduled = false;
    if (this.#dirty.length === 0) return;
    const ids: number[] = [];
    const chunks: Uint8Array[] = [];
    for (const conn of this.#dirty) {
      conn.dirty = false;
      if (conn.writer.pos === 0) continue;
      ids.push(conn.id);
      chunks.push(conn.writer.finish());
      conn.writer.reset();
    }
    this.#dirty.length = 0;
    if (ids.length > 0) this.#transport.write(ids, chunks);
  }

  /** The bound addresses, in the order given; resolves once every listener is up. */
  get listening(): Promise<Address[]> {
    return this.#listening;
  }

  /** The bound addresses (empty until {@linkcode Controller.listening} resolves). */
  get addresses(): Address[] {
    return this.#addresses.map((a) => ({ ...a }));
  }

  /** The connections whose handshake is complete and that are still open, oldest first. */
  get switches(): SwitchConnection[] {
    return [...this.#conns.values()].filter((c) => c.state === "ready");
  }

  /** The switch the single-switch methods act on, once `connect()` chose it. */
  get primary(): SwitchConnection | undefined {
    return this.#primary;
  }

  /** Totals over every connection, at this instant. */
  get counters(): CounterSnapshot {
    return snapshot(new BigInt64Array(this.#totals));
  }

  /** Resolves when the controller is closed. */
  get closed(): Promise<void> {
    return this.#closed.promise;
  }

  #wait(
    awaited: string,
    timeout: number,
    match: (conn: SwitchConnection) => boolean,
    failOnHandshake: boolean,
  ): Promise<SwitchConnection> {
    if (this.#isClosed) {
      return Promise.reject(
        new ConnectionClosedError("Cannot wait for a switch: the controller is closed"),
      );
    }
    if (this.#listenError && !this.#dialTarget) return Promise.reject(this.#listenError);
    if (this.#dialGaveUp && !this.#listens) return Promise.reject(this.#dialGaveUp);
    const { promise, resolve, reject } = Promise.withResolvers<SwitchConnection>();
    let timer: ReturnType<typeof setTimeout> | undefined = undefined;
    const waiter: Waiter = {
      match,
      failOnHandshake,
      resolve: (c) => {
        clearTimeout(timer);
        resolve(c);
      },
      reject: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    };
    timer = setTimeout(() => {
      this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
      const detail = this.#dialError ? ` (last dial error: ${this.#dialError.message})` : "";
      reject(new WaitTimeoutError(`${awaited}${detail}`, timeout));
    }, timeout);
    this.#waiters.push(waiter);
    return promise;
  }

  #rejectWaiters(error: Error): void {
    for (const w of this.#waiters.splice(0)) w.reject(error);
  }

  /**
   * Waits for a switch to complete its handshake and makes it the primary switch (OFTest's
   * `connect()`); returns the current primary at once if it is still open.
   *
   * @param options The deadline (default 10 000 ms: Open vSwitch redials up to 8 s apart).
   * @returns The primary switch connection.
   * @throws {WaitTimeoutError} If no switch completed a handshake in time.
   * @throws {HandshakeError} If a switch's handshake failed while waiting.
   * @throws {ConnectionClosedError} If the controller is closed, or a dial gave up.
   * @throws {Error} If listening failed.
   */
  async connect(options: TimeoutOptions = {}): Promise<SwitchConnection> {
    const timeout = checkTimeout(options.timeout, 10_000);
    if (this.#primary && !this.#primary.isClosed) return this.#primary;
    const ready = this.switches;
    if (ready.length > 0) return (this.#primary = ready[0]);
    const conn = await this.#wait("a switch connection", timeout, () => true, true);
    if (!this.#primary || this.#primary.isClosed) this.#primary = conn;
    return this.#primary;
  }

  /**
   * Waits for a switch with that datapath id (or passing that predicate) to be ready: the
   * newest open one if there is one, else the next to complete its handshake — e.g. after
   * the switch restarted and reconnected.
   *
   * @param which A datapath id, or a predicate over ready connections.
   * @param options The deadline (default 10 000 ms).
   * @returns The connection.
   * @throws {WaitTimeoutError} If none was ready in time.
   * @throws {ConnectionClosedError} If the controller is closed, or a dial gave up.
   */
  waitForSwitch(
    which: bigint | ((conn: SwitchConnection) => boolean),
    options: TimeoutOptions = {},
  ): Promise<SwitchConnection> {
    const timeout = checkTimeout(options.timeout, 10_000);
    const match = typeof which === "bigint"
      ? (c: SwitchConnection) => c.datapathId === which
      : which;
    const ready = this.switches.reverse().find(match);
    if (ready) return Promise.resolve(ready);
    const awaited = typeof which === "bigint"
      ? `a switch with datapath id 0x${which.toString(16)}`
      : "a matching switch";
    return this.#wait(awaited, timeout, match, false);
  }

  #need(): SwitchConnection {
    const p = this.#primary;
    if (!p) {
      throw new ConnectionClosedError(
        this.#isClosed
          ? "Cannot act on the switch: the controller is closed"
          : "Cannot act on the switch: none is connected (call connect() first)",
      );
    }
    return p;
  }

  /**
   * Sends on the primary switch (OFTest's `message_send`). See {@linkcode SwitchConnection.send}.
   *
   * @param message A message, or raw frame bytes sent as they are.
   * @returns The xid written.
   * @throws {ConnectionClosedError} If no primary switch is connected.
   * @throws {OfpEncodeError} If the message cannot be encoded.
   */
  send(message: OfpMessage | Uint8Array): number | undefined {
    return this.#need().send(message);
  }

  /**
   * A transaction on the primary switch. See {@linkcode SwitchConnection.transact}.
   *
   * @param message The request, or a raw frame.
   * @param options The deadline.
   * @returns The reply.
   * @throws {TransactionTimeoutError} If no reply came in time.
   * @throws {SwitchError} If the switch answered with an ERROR.
   * @throws {ConnectionClosedError} If no primary switch is connected, or it closes.
   */
  transact(message: OfpMessage | Uint8Array, options?: TimeoutOptions): Promise<OfpMessage> {
    try {
      return this.#need().transact(message, options);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * A multipart transaction on the primary switch. See {@linkcode SwitchConnection.transactMultipart}.
   *
   * @param message The request, or a raw frame.
   * @param options The deadline for each part.
   * @returns All reply parts.
   * @throws {TransactionTimeoutError} If a part did not come in time.
   * @throws {SwitchError} If the switch answered with an ERROR.
   * @throws {ConnectionClosedError} If no primary switch is connected, or it closes.
   */
  transactMultipart(
    message: OfpMessage | Uint8Array,
    options?: TimeoutOptions,
  ): Promise<OfpMessage[]> {
    try {
      return this.#need().transactMultipart(message, options);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * A barrier on the primary switch. See {@linkcode SwitchConnection.barrier}.
   *
   * @param options The deadline.
   * @returns The BARRIER_REPLY.
   * @throws {TransactionTimeoutError} If no reply came in time.
   * @throws {ConnectionClosedError} If no primary switch is connected, or it closes.
   */
  barrier(options?: TimeoutOptions): Promise<OfpMessage> {
    try {
      return this.#need().barrier(options);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Polls the primary switch's queue. See {@linkcode SwitchConnection.poll}.
   *
   * @typeParam K The type name, which types the result.
   * @param filter A type name, "all", or a predicate.
   * @param options The deadline.
   * @returns The message, or undefined on timeout.
   * @throws {ConnectionClosedError} If no primary switch is connected, or it closes.
   */
  poll<K extends string = "all">(
    filter?: K | ((message: OfpMessage) => boolean),
    options?: TimeoutOptions,
  ): Promise<MessageOfType<K> | undefined> {
    try {
      return this.#need().poll<K>(filter, options);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /**
   * Empties the primary switch's poll queue (OFTest's `clear_queue`).
   *
   * @returns How many messages were dropped (0 without a primary switch).
   */
  clearQueue(): number {
    return this.#primary?.clearQueue() ?? 0;
  }

  /**
   * Registers a handler for every connection, current and future: it runs after the
   * connection's own handlers of the same key. Returning `true` consumes the message.
   * Passing `undefined` removes every controller-wide handler of the key.
   *
   * @typeParam K The type name, which types the handler's message.
   * @param key A message type name, or "all".
   * @param handler The handler, or undefined to clear the key.
   * @returns A function that removes this handler.
   * @throws {TypeError} If the handler is not a function.
   */
  register<K extends string>(key: K, handler: Handler<MessageOfType<K>> | undefined): () => void {
    if (handler === undefined) {
      this.#handlers.clear(key);
      return () => {};
    }
    if (typeof handler !== "function") {
      throw new TypeError(`Expected a handler function or undefined, got ${typeof handler}`);
    }
    return this.#handlers.add(key, handler as Handler);
  }

  /**
   * A status dump like OFTest's `show()`: addresses, totals and every connection.
   *
   * @returns Several lines of text.
   */
  status(): string {
    const t = this.counters;
    const lines = [
      `Controller: ${this.#isClosed ? "closed" : "open"}, listening on ${
        this.#addresses.map((a) => `${a.hostname}:${a.port}`).join(", ") || "nothing"
      }${
        this.#dialTarget ? `, dialing ${this.#dialTarget.hostname}:${this.#dialTarget.port}` : ""
      }`,
      `  versions ${this.#settings.versions.join(", ")}, connections ${this.#conns.size}, primary ${
        this.#primary?.id ?? "none"
      }`,
      `  totals: received ${t.received}, handled ${t.handled}, queued ${t.queued}, expired ${t.expired}, parse errors ${t.parseErrors}, socket errors ${t.socketErrors}, packet-ins ${t.packetIns} (dropped ${t.packetInsDropped}), late replies ${t.lateReplies}, bytes in ${t.bytesIn}, out ${t.bytesOut}`,
    ];
    for (const c of this.#conns.values()) lines.push(c.status());
    return lines.join("\n");
  }

  /**
   * Closes every connection (pending transactions and polls reject with a
   * {@linkcode ConnectionClosedError}), every listener and dial, then the socket worker,
   * by a handshake. Works while an accept or a dial is pending. Idempotent.
   *
   * @returns Resolves when everything is closed.
   */
  close(): Promise<void> {
    if (this.#closing) return this.#closing;
    this.#isClosed = true;
    this.#rejectWaiters(
      new ConnectionClosedError("Cannot wait for a switch: the controller closed"),
    );
    for (const conn of [...this.#conns.values()]) conn.close();
    this.#flush();
    this.#closing = this.#transport.close().then(() => {
      for (const conn of [...this.#conns.values()]) conn.onTransportClosed(undefined);
      this.#conns.clear();
      this.#log.info("Controller closed");
      this.#closed.resolve();
    });
    return this.#closing;
  }

  /** Closes the controller; for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }
}
