/**
 * The Controller: an OpenFlow control channel whose sockets live in a worker.
 *
 * @module
 */
import type { Logger } from "@logtape/logtape";
import { logger } from "../_log.ts";
import type { OfpMessage } from "../ofp/codec.ts";
import type { ReplyTo } from "./replies.ts";
import { COUNTER_SLOTS, type CounterSnapshot, newCounterBuffer, snapshot } from "./counters.ts";
import { deadlines } from "./_deadlines.ts";
import { ConnectionClosedError } from "./errors.ts";
import { HandlerTable } from "./_handlers.ts";
import type { ControllerOptions } from "./options.ts";
import { type ConnectionSettings, resolveOptions } from "./_settings.ts";
import { Outbox } from "./_outbox.ts";
import type { MessageOfType } from "./poll_queue.ts";
import type {
  Handler,
  MultipartOptions,
  SwitchConnection,
  TimeoutOptions,
} from "./switch_connection.ts";
import { Registry } from "./_registry.ts";
import { controllerStatus } from "./_status.ts";
import type { Address, ConnectionInfo, Transport, TransportEvents } from "./transport.ts";
import { WorkerTransport } from "./worker_transport.ts";

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
 * import { Controller } from "@oftest/oftest";
 * import { MemoryTransport } from "@oftest/oftest/testing";
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
 * assert.equal(sw.counters.handled, 2); // its HELLO and the echo
 * ```
 */
export class Controller {
  #settings: ConnectionSettings;
  #transport: Transport;
  #outbox: Outbox;
  #log: Logger = logger("controller");
  #workerLog: Logger = logger("worker");
  #totals: SharedArrayBuffer = newCounterBuffer();
  #localTotals: number[] = new Array<number>(COUNTER_SLOTS).fill(0);
  #handlers = new HandlerTable();
  #registry: Registry;
  #addresses: Address[] = [];
  #listening: Promise<Address[]>;
  #closing: Promise<void> | undefined;
  #closed = Promise.withResolvers<void>();
  #isClosed = false;
  #dialTarget: Address | undefined;
  #dialError: Error | undefined;
  #listenError: Error | undefined;
  #dialGaveUp: Error | undefined;
  #listens: boolean;

  /**
   * Creates a controller and starts listening and/or dialing at once.
   *
   * @param options Addresses, versions, TLS, timeouts, caps and policies.
   * @throws {RangeError} On out-of-range options (versions, bounds, timeouts above 2^31 - 1 ms,
   *   a zero timeout where it cannot work, nothing to listen on and no switch to dial).
   * @throws {TypeError} On a malformed option.
   */
  constructor(options: ControllerOptions = {}) {
    const resolved = resolveOptions(options);
    this.#settings = resolved.settings;
    const tls = options.tls
      ? { ...options.tls, handshakeTimeout: this.#settings.handshakeTimeout }
      : undefined;
    this.#transport = options.transport ?? new WorkerTransport();
    const outbox = (this.#outbox = new Outbox(this.#transport));
    this.#registry = new Registry(this.#log, {
      settings: this.#settings,
      log: this.#log,
      sharedHandlers: this.#handlers,
      totals: this.#localTotals,
    }, (id) => outbox.open(id));
    this.#transport.start(this.#events(), this.#totals);
    this.#listens = resolved.listen.length > 0;
    this.#listening = !this.#listens
      ? Promise.resolve([])
      : this.#transport.listen(resolved.listen, tls).then((bound) => {
        this.#addresses = bound;
        this.#log.info("Listening on {addresses}", { addresses: bound });
        return bound;
      });
    this.#listening.catch((e) => {
      this.#listenError = e;
      this.#log.error("Cannot listen: {error}", { error: e });
      if (!resolved.dial || this.#dialGaveUp) this.#registry.giveUp(e);
    });
    if (resolved.dial) {
      this.#dialTarget = resolved.dial;
      this.#transport.dial(1, resolved.dial, resolved.retry, tls);
    }
  }

  #events(): TransportEvents {
    return {
      opened: (id: number, info: ConnectionInfo) => {
        if (this.#isClosed) return this.#transport.closeConnection(id);
        this.#dialError = undefined;
        this.#registry.opened(id, info);
      },
      data: (id, bytes, view, offsets, count) => {
        this.#registry.data(id, bytes, view, offsets, count);
        // What the handlers sent goes out now, not after every other chunk of the batch:
        // the worker writes while this thread dispatches the next switch's chunk.
        this.#outbox.flush();
        // While chunks keep coming, timers do not fire: deadlines are checked here too.
        deadlines.runDue();
      },
      closed: (id, cause) => this.#registry.closed(id, cause),
      dialFailed: (_dialId, cause, final) => {
        this.#dialError = cause;
        const target = this.#dialTarget;
        this.#log.warn("Dialing the switch at {target} failed{final}: {error}", {
          target,
          final: final ? " (giving up)" : ", retrying",
          error: cause.message,
        });
        if (!final) return;
        this.#dialGaveUp = new ConnectionClosedError(
          `Cannot connect to the switch at ${target?.hostname}:${target?.port}: ${cause.message}`,
          { cause },
        );
        if (!this.#listens || this.#listenError) this.#registry.giveUp(this.#dialGaveUp);
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
    return this.#registry.switches;
  }

  /** The switch the single-switch methods act on, once `connect()` chose it. */
  get primary(): SwitchConnection | undefined {
    return this.#registry.primary;
  }

  /** Totals over every connection, at this instant. */
  get counters(): CounterSnapshot {
    return snapshot(new BigInt64Array(this.#totals), this.#localTotals);
  }

  /** Resolves when the controller is closed. */
  get closed(): Promise<void> {
    return this.#closed.promise;
  }

  /** Why no switch can come, if none can. */
  #hopeless = (): Error | undefined => {
    if (this.#isClosed) {
      return new ConnectionClosedError("Cannot wait for a switch: the controller is closed");
    }
    if (this.#listenError && (!this.#dialTarget || this.#dialGaveUp)) return this.#listenError;
    if (this.#dialGaveUp && !this.#listens) return this.#dialGaveUp;
    return undefined;
  };

  #dialDetail = (): string =>
    this.#dialError ? ` (last dial error: ${this.#dialError.message})` : "";

  /**
   * Waits for a switch to complete its handshake and makes it the primary switch (OFTest's
   * `connect()`); returns the current primary at once if it is still open.
   *
   * @param options The deadline (default 10 000 ms: Open vSwitch redials up to 8 s apart).
   * @returns The primary switch connection.
   * @throws {WaitTimeoutError} If no switch completed a handshake in time.
   * @throws {HandshakeError} If a switch's handshake failed while waiting.
   * @throws {ConnectionClosedError} If the controller is closed, or a dial gave up.
   * @throws {RangeError} On a bad timeout.
   * @throws {Error} If listening failed.
   */
  connect(options: TimeoutOptions = {}): Promise<SwitchConnection> {
    try {
      return this.#registry.connect(options, this.#hopeless, this.#dialDetail);
    } catch (e) {
      return Promise.reject(e);
    }
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
   * @throws {TypeError} If `which` is neither a bigint nor a function.
   * @throws {RangeError} On a bad timeout.
   */
  waitForSwitch(
    which: bigint | ((conn: SwitchConnection) => boolean),
    options: TimeoutOptions = {},
  ): Promise<SwitchConnection> {
    try {
      return this.#registry.waitFor(which, options, this.#hopeless, this.#dialDetail);
    } catch (e) {
      return Promise.reject(e);
    }
  }

  #need(): SwitchConnection {
    const p = this.#registry.primary;
    if (p) return p;
    throw new ConnectionClosedError(
      this.#isClosed
        ? "Cannot act on the switch: the controller is closed"
        : "Cannot act on the switch: none is connected (call connect() first)",
    );
  }

  /** Runs `fn` on the primary switch; a missing primary rejects instead of throwing. */
  #onPrimary<T>(fn: (conn: SwitchConnection) => Promise<T>): Promise<T> {
    try {
      return fn(this.#need());
    } catch (e) {
      return Promise.reject(e);
    }
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
  transact<M extends OfpMessage | Uint8Array>(
    message: M,
    options?: TimeoutOptions,
  ): Promise<ReplyTo<M>> {
    return this.#onPrimary((c) => c.transact(message, options));
  }

  /**
   * A multipart transaction on the primary switch. See {@linkcode SwitchConnection.transactMultipart}.
   *
   * @param message The request, or a raw frame.
   * @param options Deadlines and caps.
   * @returns All reply parts.
   * @throws {TransactionTimeoutError} If a part, or the whole reply, did not come in time.
   * @throws {MultipartLimitError} If the reply went over a cap.
   * @throws {SwitchError} If the switch answered with an ERROR.
   * @throws {ConnectionClosedError} If no primary switch is connected, or it closes.
   */
  transactMultipart<M extends OfpMessage | Uint8Array>(
    message: M,
    options?: MultipartOptions,
  ): Promise<ReplyTo<M>[]> {
    return this.#onPrimary((c) => c.transactMultipart(message, options));
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
    return this.#onPrimary((c) => c.barrier(options));
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
    return this.#onPrimary((c) => c.poll<K>(filter, options));
  }

  /**
   * Empties the primary switch's poll queue (OFTest's `clear_queue`).
   *
   * @returns How many messages were dropped (0 without a primary switch).
   */
  clearQueue(): number {
    return this.#registry.primary?.clearQueue() ?? 0;
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
    return this.#handlers.register(key, handler as Handler | undefined);
  }

  /**
   * A status dump like OFTest's `show()`: addresses, totals and every connection.
   *
   * @returns Several lines of text.
   */
  status(): string {
    return controllerStatus({
      closed: this.#isClosed,
      addresses: this.#addresses,
      dialing: this.#dialTarget,
      versions: this.#settings.versions,
      counters: this.counters,
      connections: this.#registry.all,
      primary: this.#registry.primary,
    });
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
    this.#registry.closeAll();
    this.#outbox.flush();
    this.#closing = this.#transport.close().then(() => {
      this.#registry.forgetAll();
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
