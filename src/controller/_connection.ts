// The SwitchConnection the Controller hands out, composed of small parts: transactions
// (_transactions.ts), multipart exchanges (_multipart.ts), the handshake (_handshake.ts), the
// echo prober, handlers, waiting polls and the poll queue, on the shared deadlines. Incoming
// chunks are dispatched by _inbound.ts; outgoing messages are written by _outgoing.ts into a
// Channel (_outbox.ts).
import type { Logger } from "@logtape/logtape";
import type { OfpMessage } from "../ofp/codec.ts";
import type { VersionFacts } from "../ofp/_versions.ts";
import { type CounterSnapshot, Tally } from "./counters.ts";
import { deadlines } from "./_deadlines.ts";
import { EchoProber } from "./_echo_prober.ts";
import { ConnectionClosedError, HandshakeError, type SwitchError } from "./errors.ts";
import { Handshake, type HandshakeHooks } from "./_handshake.ts";
import { Outcome } from "./_outcome.ts";
import { Dispatcher, HandlerTable } from "./_handlers.ts";
import { receive } from "./_inbound.ts";
import { isMultipartRequest, mergeParts, MultipartExchange } from "./_multipart.ts";
import type { ReplyTo } from "./replies.ts";
import { type ConnectionSettings, positiveInt } from "./_settings.ts";
import type { Channel } from "./_outbox.ts";
import { Outgoing } from "./_outgoing.ts";
import { Pollers } from "./_pollers.ts";
import { type MessageFilter, type MessageOfType, PollQueue } from "./poll_queue.ts";
import { connectionStatus } from "./_status.ts";
import type {
  ConnectionState,
  Handler,
  MultipartOptions,
  SwitchConnection,
  TapListener,
  TimeoutOptions,
} from "./switch_connection.ts";
import { checkTimeout } from "./_timeouts.ts";
import { type Reply, switchErrorOf, Transactions } from "./_transactions.ts";
import { Exchange } from "./_exchange.ts";
import type { Address, ConnectionInfo } from "./transport.ts";

const EMPTY = new Uint8Array(0);

/** What a connection is given by its Controller: settings, log, the shared handlers, a way out. */
export interface ConnectionContext {
  readonly settings: ConnectionSettings;
  readonly log: Logger;
  /** The Controller's handlers, run after the connection's own for each key. */
  readonly sharedHandlers: HandlerTable;
  /** The Controller's main-thread totals. */
  readonly totals: number[];
  /**
   * Told, synchronously, that the handshake completed (before `ready` resolves: a wait for a
   * switch resolves in the same turn, ahead of the switch's next chunk).
   */
  ready(conn: Connection): void;
  /** Told, synchronously, that the connection closed (before `closed` resolves). */
  closed(conn: Connection, reason: ConnectionClosedError): void;
}

/** One switch connection: the implementation of {@linkcode SwitchConnection}. */
export class Connection implements SwitchConnection, HandshakeHooks {
  readonly id: number;
  readonly local: Address;
  readonly remote: Address;
  readonly tls: boolean;
  readonly settings: ConnectionSettings;
  readonly log: Logger;
  readonly channel: Channel;
  readonly context: ConnectionContext;
  readonly tally: Tally;
  readonly tx: Transactions = new Transactions();
  readonly out: Outgoing;
  readonly handshake: Handshake;
  readonly queue: PollQueue;
  readonly pollers: Pollers = new Pollers();
  readonly dispatcher: Dispatcher;
  /** The negotiated version's facts, once negotiated. */
  facts: VersionFacts | undefined;
  prober: EchoProber | undefined;
  /** The packet-in limiter's window: its start and the packet-ins counted in it. */
  readonly pinWindow: { start: number; count: number } = { start: 0, count: 0 };

  #closing = false;
  #datapathId: bigint | undefined;
  #features: OfpMessage | undefined;
  #closeReason: ConnectionClosedError | undefined;
  #ready = new Outcome<SwitchConnection>(true);
  #closed = new Outcome<ConnectionClosedError>();
  #transportClosed = new Outcome<void>();

  constructor(id: number, info: ConnectionInfo, context: ConnectionContext, channel: Channel) {
    this.id = id;
    this.local = info.local;
    this.remote = info.remote;
    this.tls = info.tls;
    this.settings = context.settings;
    this.log = context.log;
    this.channel = channel;
    this.context = context;
    this.tally = new Tally(info.counters, info.countersOffset ?? 0, context.totals);
    this.queue = new PollQueue(this.settings.maxQueue);
    this.dispatcher = new Dispatcher(new HandlerTable(), context.sharedHandlers, this.log);
    this.out = new Outgoing(this.channel, this.tx);
    this.handshake = new Handshake(this.settings, this.out, this);
  }

  // ---- state ----------------------------------------------------------------------------

  get version(): number {
    return this.facts?.version ?? 0;
  }
  get datapathId(): bigint | undefined {
    return this.#datapathId;
  }
  get features(): OfpMessage | undefined {
    return this.#features;
  }
  get peerHello(): OfpMessage | undefined {
    return this.handshake.peerHello;
  }
  get state(): ConnectionState {
    if (this.#closing) return "closed";
    const step = this.handshake.step;
    return step === "done" ? "ready" : step;
  }
  get isClosed(): boolean {
    return this.#closing;
  }
  get closeReason(): ConnectionClosedError | undefined {
    return this.#closeReason;
  }
  get ready(): Promise<SwitchConnection> {
    return this.#ready.promise;
  }
  get closed(): Promise<ConnectionClosedError> {
    return this.#closed.promise;
  }
  get counters(): CounterSnapshot {
    return this.tally.snapshot();
  }
  get queueLength(): number {
    return this.queue.length;
  }
  get pendingTransactions(): number {
    return this.tx.size;
  }

  // ---- sending --------------------------------------------------------------------------

  nextXid(): number {
    return this.tx.nextXid();
  }

  send(message: OfpMessage | Uint8Array): number | undefined {
    this.#assertOpen();
    if (message instanceof Uint8Array) {
      this.out.raw(message);
      return message.length >= 8
        ? new DataView(message.buffer, message.byteOffset, 8).getUint32(4)
        : undefined;
    }
    return this.out.message(message);
  }

  // ---- transactions ---------------------------------------------------------------------

  transact<M extends OfpMessage | Uint8Array>(
    message: M,
    options?: TimeoutOptions,
  ): Promise<ReplyTo<M>> {
    return this.#transact(message, options) as Promise<ReplyTo<M>>;
  }

  #transact(message: OfpMessage | Uint8Array, options?: TimeoutOptions): Promise<OfpMessage> {
    if (isMultipartRequest(message, this.facts?.multipartReply)) {
      // Every part, assembled: never the first part with the rest left in the queue.
      return this.transactMultipart(message, options).then((parts) =>
        mergeParts(parts as OfpMessage[])
      );
    }
    let timeout: number, xid: number, msgType: number;
    try {
      timeout = checkTimeout("timeout", options?.timeout, this.settings.timeout, "zero refused");
      this.#assertOpen();
      ({ xid, msgType } = this.out.request(message));
    } catch (e) {
      return Promise.reject(e);
    }
    const exchange = new Exchange(this, xid, timeout, msgType);
    this.tx.add(xid, exchange);
    return exchange.promise;
  }

  /** The SwitchError for an ERROR reply to `xid`. */
  switchError(xid: number, reply: Reply): SwitchError {
    return switchErrorOf(xid, reply, this.facts);
  }

  #startMultipart(message: OfpMessage | Uint8Array, o?: MultipartOptions): MultipartExchange {
    const s = this.settings;
    const limits = {
      idle: checkTimeout("timeout", o?.timeout, s.timeout, "zero refused"),
      total: checkTimeout("totalTimeout", o?.totalTimeout, s.multipartTimeout, "zero refused"),
      maxParts: positiveInt("maxParts", o?.maxParts ?? s.maxMultipartParts),
      maxBytes: positiveInt("maxBytes", o?.maxBytes ?? s.maxMultipartBytes),
    };
    this.#assertOpen();
    const { xid, msgType } = this.out.request(message);
    const exchange = new MultipartExchange(xid, msgType, limits, {
      switchError: (reply) => this.switchError(xid, reply),
      abandon: (x) => this.tx.abandon(x),
    });
    this.tx.add(xid, exchange);
    return exchange;
  }

  transactMultipart<M extends OfpMessage | Uint8Array>(
    message: M,
    options?: MultipartOptions,
  ): Promise<ReplyTo<M>[]> {
    try {
      return this.#startMultipart(message, options).collect() as Promise<ReplyTo<M>[]>;
    } catch (e) {
      return Promise.reject(e);
    }
  }

  async *streamMultipart<M extends OfpMessage | Uint8Array>(
    message: M,
    options?: MultipartOptions,
  ): AsyncGenerator<ReplyTo<M>, void, undefined> {
    yield* this.#startMultipart(message, options).stream() as AsyncGenerator<
      ReplyTo<M>,
      void,
      undefined
    >;
  }

  barrier(options?: TimeoutOptions): Promise<OfpMessage> {
    if (this.isClosed) return Promise.reject(this.#closedError("send a barrier on"));
    const request = { version: this.version, type: "BARRIER_REQUEST", xid: 0 } as OfpMessage;
    return this.#transact(request, options);
  }

  echo(data: Uint8Array = EMPTY, options?: TimeoutOptions): Promise<OfpMessage> {
    const request = { version: this.version, type: "ECHO_REQUEST", xid: 0, data } as OfpMessage;
    return this.#transact(request, options);
  }

  // ---- poll queue and handlers ----------------------------------------------------------

  poll<K extends string = "all">(
    filter: K | ((message: OfpMessage) => boolean) = "all" as K,
    options?: TimeoutOptions,
  ): Promise<MessageOfType<K> | undefined> {
    return this.#poll(filter, options) as Promise<MessageOfType<K> | undefined>;
  }

  #poll(filter: MessageFilter, options?: TimeoutOptions): Promise<OfpMessage | undefined> {
    let timeout: number;
    try {
      timeout = checkTimeout("timeout", options?.timeout, this.settings.timeout, "zero allowed");
      const found = this.queue.take(filter);
      if (found) return Promise.resolve(found);
    } catch (e) {
      return Promise.reject(e);
    }
    if (this.isClosed) return Promise.reject(this.#closedError("poll"));
    if (timeout === 0) return Promise.resolve(undefined);
    return this.pollers.wait(filter, timeout);
  }

  clearQueue(): number {
    return this.queue.clear();
  }

  register<K extends string>(key: K, handler: Handler<MessageOfType<K>> | undefined): () => void {
    return this.dispatcher.own.register(key, handler as Handler | undefined);
  }

  tap(listener: TapListener): () => void {
    if (typeof listener !== "function") {
      throw new TypeError(`Expected a tap listener function, got ${typeof listener}`);
    }
    if (!this.channel.taps.active) {
      this.channel.onTapError = (e) =>
        this.log.error("A tap listener threw: {e}", { connection: this.id, e });
    }
    return this.channel.taps.add(listener);
  }

  // ---- incoming -------------------------------------------------------------------------

  /** Frames from the transport. */
  receive(bytes: Uint8Array, view: DataView, offsets: Uint32Array, count: number): void {
    receive(this, bytes, view, offsets, count);
  }

  // ---- the handshake's hooks --------------------------------------------------------------

  /** The handshake settled the version. */
  handshakeNegotiated(facts: VersionFacts): void {
    this.facts = facts;
  }

  /** The handshake failed. */
  handshakeFailed(error: HandshakeError): void {
    this.#fail(error);
  }

  /** The handshake completed. */
  handshakeDone(features: OfpMessage | undefined): void {
    this.#becomeReady(features);
  }

  #becomeReady(features: OfpMessage | undefined): void {
    this.#features = features;
    this.#datapathId = (features as { datapathId?: bigint } | undefined)?.datapathId;
    if (this.settings.echoInterval > 0) this.#startProber();
    this.context.ready(this);
    this.#ready.resolve(this);
  }

  #startProber(): void {
    const { echoInterval, echoMisses } = this.settings;
    const why = (missed: number) =>
      `no reply to ${missed} echo requests sent ${echoInterval} ms apart`;
    this.prober = new EchoProber(echoInterval, echoMisses, {
      out: this.out,
      version: this.version,
      dead: (missed) => this.closeWith(why(missed), undefined),
    });
    this.prober.start();
  }

  // ---- closing --------------------------------------------------------------------------

  close(): Promise<void> {
    this.#close(`Connection ${this.id} closed by the controller`, undefined, true);
    return this.#transportClosed.promise;
  }

  waitClosed(options?: TimeoutOptions): Promise<boolean> {
    let timeout: number;
    try {
      timeout = checkTimeout("timeout", options?.timeout, this.settings.timeout, "zero allowed");
    } catch (e) {
      return Promise.reject(e);
    }
    if (this.isClosed) return Promise.resolve(true);
    if (timeout === 0) return Promise.resolve(false);
    return new Promise((resolve) => {
      const deadline = deadlines.add(timeout, () => resolve(false));
      this.#closed.promise.then(() => {
        deadlines.cancel(deadline);
        resolve(true);
      });
    });
  }

  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  status(): string {
    return connectionStatus(this);
  }

  /** Closes the connection (and its transport side) for `why`, caused by `cause`. */
  closeWith(why: string, cause: unknown): void {
    this.#close(`Connection ${this.id} closed: ${why}`, cause, true);
  }

  /** The transport reports the socket closed. */
  onTransportClosed(cause: Error | undefined): void {
    const why = cause ? `closed: ${cause.message}` : "closed by the switch";
    this.#close(`Connection ${this.id} ${why}`, cause, false);
    this.#transportClosed.resolve();
  }

  #assertOpen(): void {
    if (this.isClosed) throw this.#closedError("use");
  }

  #closedError(what: string): ConnectionClosedError {
    return new ConnectionClosedError(
      `Cannot ${what} connection ${this.id}: it is closed (${this.#closeReason?.message})`,
      { connectionId: this.id, datapathId: this.#datapathId, cause: this.#closeReason },
    );
  }

  #fail(error: HandshakeError): void {
    this.log.warn("Handshake failed on connection {connection}: {message}", {
      connection: this.id,
      message: error.message,
      remote: this.remote,
    });
    this.closeWith(error.message, error);
  }

  #close(message: string, cause: unknown, closeTransport: boolean): void {
    if (this.isClosed) return;
    const datapathId = this.#datapathId;
    const reason = new ConnectionClosedError(message, { connectionId: this.id, datapathId, cause });
    const wasReady = this.state === "ready";
    this.#closing = true;
    this.#closeReason = reason;
    this.handshake.stop();
    this.prober?.stop();
    this.tx.failAll(reason);
    this.pollers.rejectAll(reason);
    if (!wasReady) {
      this.#ready.reject(reason.cause instanceof HandshakeError ? reason.cause : reason);
    }
    if (closeTransport) this.channel.close();
    this.context.closed(this, reason);
    this.#closed.resolve(reason);
  }
}
