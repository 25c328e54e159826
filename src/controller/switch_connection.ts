/**
 * One switch's control channel: its handshake, handlers, poll queue and transactions.
 *
 * @module
 */
import type { Logger } from "@logtape/logtape";
import { decode, decodeAt, encodeInto, type OfpMessage } from "../ofp/codec.ts";
import { helloVersions, versionBitmap } from "../ofp/hello.ts";
import { Writer } from "../ofp/_writer.ts";
import { OFPT as OF10_TYPES } from "../ofp/v10/constants.ts";
import { OFPT as OF13_TYPES } from "../ofp/v13/constants.ts";
import { C, Counters, type CounterSnapshot, snapshot } from "./counters.ts";
import {
  ConnectionClosedError,
  HandshakeError,
  SwitchError,
  TransactionTimeoutError,
} from "./errors.ts";
import { errorNames } from "./_error_names.ts";
import { hexdump } from "./hexdump.ts";
import { matches, type MessageFilter, type MessageOfType, PollQueue } from "./poll_queue.ts";
import type { Address, ConnectionInfo } from "./transport.ts";
import {
  barrierRequestType,
  errorFrame,
  headerFrame,
  multipartReplyType,
  readErrorFields,
  T,
} from "./_wire.ts";

// Message type number → the `type` its decoded message will have ("RAW" when unknown), so
// handler lookups can be made before decoding.
function typeNames(table: Record<string, number>): string[] {
  const names = new Array<string>(256).fill("RAW");
  for (const [name, n] of Object.entries(table)) names[n] = name;
  return names;
}
const TYPE_NAMES: Record<number, string[]> = { 1: typeNames(OF10_TYPES), 4: typeNames(OF13_TYPES) };

/**
 * A message handler. Returning `true` (exactly) consumes the message: later handlers and the
 * poll queue do not see it. The message's byte fields are views into the read chunk.
 */
export type Handler<M extends OfpMessage = OfpMessage> = (
  message: M,
  connection: SwitchConnection,
) => boolean | void;

/** Options of a wait (`poll`, `transact`, `barrier`...). */
export interface TimeoutOptions {
  /** Deadline in milliseconds; the Controller's `timeout` option by default (2000). */
  timeout?: number;
}

/** What to do with a frame from the switch that cannot be decoded or has the wrong version. */
export type MalformedPolicy = "skip" | "disconnect";

/** The settings a connection runs with (the Controller's options, resolved). @internal */
export interface ConnectionSettings {
  versions: readonly number[];
  features: boolean;
  initialHello: boolean;
  keepAlive: boolean;
  maxQueue: number;
  timeout: number;
  handshakeTimeout: number;
  echoInterval: number;
  echoMisses: number;
  packetInLimit: number;
  onMalformed: MalformedPolicy;
}

/** What a connection needs from its Controller. @internal */
export interface ConnectionHost {
  settings: ConnectionSettings;
  readonly log: Logger;
  /** Controller-wide handlers, consulted after the connection's own for each key. */
  readonly handlers: HandlerTable;
  /** Asks for this connection's writer to be flushed at the end of the tick. */
  schedule(conn: SwitchConnection): void;
  /** Closes the transport side of the connection (after flushing its writes). */
  closeTransport(conn: SwitchConnection): void;
  /** The handshake completed. */
  ready(conn: SwitchConnection): void;
  /** The connection closed (before or after the handshake). */
  gone(conn: SwitchConnection, reason: ConnectionClosedError): void;
}

/** Handlers by message type name or "all". @internal */
export class HandlerTable {
  readonly byKey: Map<string, Handler[]> = new Map();
  size = 0;

  add(key: string, handler: Handler): () => void {
    // Copy on write: a handler that (un)registers while messages are dispatched does not
    // disturb the list being iterated.
    this.byKey.set(key, [...(this.byKey.get(key) ?? []), handler]);
    this.size++;
    let removed = false;
    return () => {
      const list = this.byKey.get(key);
      const at = list ? list.indexOf(handler) : -1;
      if (removed || at < 0) return;
      removed = true;
      const next = list!.filter((_, i) => i !== at);
      if (next.length === 0) this.byKey.delete(key);
      else this.byKey.set(key, next);
      this.size--;
    };
  }

  clear(key: string): void {
    const l = this.byKey.get(key);
    if (!l) return;
    this.size -= l.length;
    this.byKey.delete(key);
  }
}

/** A pending transaction, multipart exchange or echo probe. */
interface Pending {
  readonly xid: number;
  /** A reply came; returns true when the exchange is complete (the entry is then removed). */
  deliver(msg: OfpMessage, wtype: number, more: boolean, bytes: Uint8Array, off: number): boolean;
  fail(error: Error): void;
}

const LATE_MEMORY = 4096;
const HELLO_FAILED = 0;
const HFC_INCOMPATIBLE = 0;

/** Checks a timeout option: finite and non-negative. @internal */
export function checkTimeout(value: number | undefined, fallback: number): number {
  const t = value ?? fallback;
  if (typeof t !== "number" || !Number.isFinite(t) || t < 0) {
    throw new RangeError(
      `Expected a finite timeout of 0 ms or more, got ${String(t)} (infinite waits are refused)`,
    );
  }
  return t;
}

/** The state of a connection's handshake. */
export type ConnectionState = "hello" | "features" | "ready" | "closed";

/**
 * One switch's OpenFlow connection: negotiated version, datapath id, features, poll queue,
 * handlers and transactions. Created by the {@linkcode Controller} for every connection;
 * handed out once the handshake is done (`controller.connect()`, `controller.switches`).
 *
 * Incoming messages are processed in OFTest's order: the transaction with the same xid →
 * the keep-alive echo reply → counters → ERROR logged with type and code names → handlers
 * for the message's type → handlers for "all" → the poll queue.
 */
export class SwitchConnection {
  /** The connection's id inside its Controller. */
  readonly id: number;
  /** The local address of the socket. */
  readonly local: Address;
  /** The switch's address. */
  readonly remote: Address;
  /** Whether the connection is TLS. */
  readonly tls: boolean;

  #host: ConnectionHost;
  #s: ConnectionSettings;
  #counters: Counters;
  #state: ConnectionState = "hello";
  #version = 0;
  #datapathId: bigint | undefined;
  #features: OfpMessage | undefined;
  #peerHello: OfpMessage | undefined;
  #closeReason: ConnectionClosedError | undefined;

  /** @internal Bytes written this tick, flushed by the host. */
  readonly writer: Writer = new Writer(256);
  /** @internal Whether the host already has this connection on its flush list. */
  dirty = false;

  #nextXid = 1;
  #tx = new Map<number, Pending>();
  #late = new Set<number>();
  #lateOrder: number[] = [];
  #queue: PollQueue;
  #pollers: {
    filter: MessageFilter;
    resolve: (m: OfpMessage | undefined) => void;
    reject: (e: Error) => void;
    timer: ReturnType<typeof setTimeout>;
  }[] = [];
  #handlers = new HandlerTable();

  #ready = Promise.withResolvers<SwitchConnection>();
  #closed = Promise.withResolvers<ConnectionClosedError>();
  #transportClosed = Promise.withResolvers<void>();
  #handshakeTimer: ReturnType<typeof setTimeout> | undefined;
  #echoTimer: ReturnType<typeof setInterval> | undefined;
  #rxSinceTick = false;
  #probeXid = 0;
  #missed = 0;
  #pinWindowStart = 0;
  #pinWindowCount = 0;

  /** @internal */
  constructor(host: ConnectionHost, id: number, info: ConnectionInfo, totals: SharedArrayBuffer) {
    this.#host = host;
    this.#s = host.settings;
    this.id = id;
    this.local = info.local;
    this.remote = info.remote;
    this.tls = info.tls;
    this.#counters = new Counters(info.counters, totals);
    this.#queue = new PollQueue(this.#s.maxQueue);
    this.#ready.promise.catch(() => {});
    this.#handshakeTimer = setTimeout(() => {
      this.#handshakeTimer = undefined;
      const waitingFor = this.#state === "hello" ? "the switch's HELLO" : "FEATURES_REPLY";
      this.#fail(
        new HandshakeError(
          `Expected ${waitingFor} within ${this.#s.handshakeTimeout} ms, got none`,
          { reason: "timeout", ours: this.#s.versions },
        ),
      );
    }, this.#s.handshakeTimeout);
    if (this.#s.initialHello) this.#sendHello();
  }

  // ---- public state -------------------------------------------------------------------

  /** The negotiated OpenFlow wire version (1 or 4); 0 until the switch's HELLO came. */
  get version(): number {
    return this.#version;
  }

  /** The switch's datapath id, from FEATURES_REPLY (undefined if features are not requested). */
  get datapathId(): bigint | undefined {
    return this.#datapathId;
  }

  /** The switch's FEATURES_REPLY, as decoded. */
  get features(): OfpMessage | undefined {
    return this.#features;
  }

  /** The switch's HELLO, as decoded. */
  get peerHello(): OfpMessage | undefined {
    return this.#peerHello;
  }

  /** Where the handshake stands: "hello", "features", "ready" or "closed". */
  get state(): ConnectionState {
    return this.#state;
  }

  /** Whether the connection is closed. */
  get isClosed(): boolean {
    return this.#state === "closed";
  }

  /** Why the connection closed, once it has. */
  get closeReason(): ConnectionClosedError | undefined {
    return this.#closeReason;
  }

  /** Resolves with this connection when the handshake is complete; rejects if it fails. */
  get ready(): Promise<SwitchConnection> {
    return this.#ready.promise;
  }

  /** Resolves, with the reason, when the connection closes (never rejects). */
  get closed(): Promise<ConnectionClosedError> {
    return this.#closed.promise;
  }

  /** This connection's counters at this instant. */
  get counters(): CounterSnapshot {
    return snapshot(this.#counters.own);
  }

  /** Messages waiting in the poll queue. */
  get queueLength(): number {
    return this.#queue.length;
  }

  /** Transactions waiting for their reply. */
  get pendingTransactions(): number {
    return this.#tx.size;
  }

  // ---- sending ------------------------------------------------------------------------

  /**
   * A fresh transaction id, unused by any pending transaction of this connection.
   *
   * @returns An xid from 1 to 2^32 - 1.
   */
  nextXid(): number {
    for (;;) {
      const xid = this.#nextXid;
      this.#nextXid = xid >= 0xffff_ffff ? 1 : xid + 1;
      if (!this.#tx.has(xid)) return xid;
    }
  }

  /**
   * Sends a message, or raw frame bytes as they are (for negative tests: any length, any
   * content). A message whose xid is 0 or absent gets a fresh xid. Messages sent in the same
   * tick go out in one write.
   *
   * @param message A message object, or a raw frame.
   * @returns The xid written (for raw bytes: the header's, or undefined under 8 bytes).
   * @throws {ConnectionClosedError} If the connection is closed.
   * @throws {OfpEncodeError} If the message cannot be encoded (nothing is sent).
   */
  send(message: OfpMessage | Uint8Array): number | undefined {
    this.#assertOpen();
    if (message instanceof Uint8Array) {
      this.#writeRaw(message);
      return message.length >= 8
        ? new DataView(message.buffer, message.byteOffset, 8).getUint32(4)
        : undefined;
    }
    return this.#writeMessage(message, 0);
  }

  #assertOpen(): void {
    if (this.#state === "closed") throw this.#closedError("use");
  }

  #closedError(what: string): ConnectionClosedError {
    return new ConnectionClosedError(
      `Cannot ${what} connection ${this.id}: it is closed (${this.#closeReason?.message})`,
      { connectionId: this.id, datapathId: this.#datapathId, cause: this.#closeReason },
    );
  }

  #writeRaw(bytes: Uint8Array): void {
    this.writer.bytes(bytes, "frame");
    this.#markDirty();
  }

  /** Encodes `message` with `xid` (assigned when 0) and returns the xid written. */
  #writeMessage(message: OfpMessage, xid: number): number {
    const w = this.writer;
    const start = w.pos;
    const own = message.xid;
    if (xid === 0) xid = own ? own : this.nextXid();
    encodeInto(w, own === undefined ? { ...message, xid } : message);
    if (own !== xid) w.setU32(start + 4, xid);
    this.#markDirty();
    return xid;
  }

  /** Writes a raw frame with its xid patched to `xid` (or a fresh one when the frame has 0). */
  #writeRawWithXid(frame: Uint8Array): number {
    if (frame.length < 8) {
      throw new RangeError(
        `Cannot transact a frame of ${frame.length} bytes: expected at least the 8-byte header`,
      );
    }
    const w = this.writer;
    const start = w.pos;
    w.bytes(frame, "frame");
    let xid = w.view.getUint32(start + 4);
    if (xid === 0) {
      xid = this.nextXid();
      w.setU32(start + 4, xid);
    }
    this.#markDirty();
    return xid;
  }

  #markDirty(): void {
    if (!this.dirty) {
      this.dirty = true;
      this.#host.schedule(this);
    }
  }

  #sendHello(): void {
    const versions = this.#s.versions;
    encodeInto(this.writer, {
      version: versions[versions.length - 1],
      type: "HELLO",
      xid: this.nextXid(),
      elements: [versionBitmap(versions)],
    });
    this.#markDirty();
  }

  // ---- transactions -------------------------------------------------------------------

  /**
   * Sends a request and resolves with the reply carrying the same xid. Any number may be
   * pending at once. A message whose xid is 0 or absent gets a fresh xid (a raw frame with
   * xid 0 is sent with a fresh xid patched in).
   *
   * @param message The request, or a raw frame of at least 8 bytes.
   * @param options The deadline (default: the Controller's `timeout`, 2000 ms).
   * @returns The reply.
   * @throws {TransactionTimeoutError} If no reply came in time (a later reply is counted as late and dropped).
   * @throws {SwitchError} If the switch answered with an ERROR carrying the xid.
   * @throws {ConnectionClosedError} If the connection is or becomes closed first.
   * @throws {RangeError} On a bad timeout or a raw frame under 8 bytes.
   * @throws {TypeError} If a transaction with that xid is already pending.
   */
  transact(message: OfpMessage | Uint8Array, options: TimeoutOptions = {}): Promise<OfpMessage> {
    let timeout: number, xid: number, msgType: number;
    try {
      timeout = checkTimeout(options.timeout, this.#s.timeout);
      this.#assertOpen();
      ({ xid, msgType } = this.#writeRequest(message));
    } catch (e) {
      return Promise.reject(e);
    }
    const { promise, resolve, reject } = Promise.withResolvers<OfpMessage>();
    const timer = setTimeout(() => {
      this.#expire(xid);
      reject(new TransactionTimeoutError(xid, timeout, msgType));
    }, timeout);
    this.#tx.set(xid, {
      xid,
      deliver: (msg, wtype, _more, bytes, off) => {
        clearTimeout(timer);
        if (wtype === T.ERROR) reject(this.#switchError(msg, xid, bytes, off));
        else resolve(msg);
        return true;
      },
      fail: (e) => {
        clearTimeout(timer);
        reject(e);
      },
    });
    return promise;
  }

  #writeRequest(message: OfpMessage | Uint8Array): { xid: number; msgType: number } {
    let xid: number;
    const start = this.writer.pos;
    if (message instanceof Uint8Array) xid = this.#writeRawWithXid(message);
    else {
      const own = message.xid;
      if (own && this.#tx.has(own)) {
        throw new TypeError(`Cannot start a transaction with xid ${own}: one is already pending`);
      }
      xid = this.#writeMessage(message, 0);
    }
    if (this.#tx.has(xid)) {
      this.writer.pos = start;
      throw new TypeError(`Cannot start a transaction with xid ${xid}: one is already pending`);
    }
    return { xid, msgType: this.writer.buf[start + 1] };
  }

  #expire(xid: number): void {
    this.#tx.delete(xid);
    this.#late.add(xid);
    this.#lateOrder.push(xid);
    if (this.#lateOrder.length > LATE_MEMORY) this.#late.delete(this.#lateOrder.shift()!);
  }

  #switchError(msg: OfpMessage, xid: number, bytes: Uint8Array, off: number): SwitchError {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const len = view.getUint16(off + 2);
    const f = readErrorFields(bytes, view, off, len) ??
      { errType: -1, code: -1, data: bytes.subarray(off + 8, off + len) };
    const names = errorNames(this.#version, f.errType, f.code);
    return new SwitchError({
      xid,
      errType: f.errType,
      code: f.code,
      typeName: names.typeName,
      codeName: names.codeName,
      data: f.data,
      reply: msg,
    });
  }

  /**
   * Sends a multipart (1.3) or stats (1.0) request and collects every reply part with its
   * xid, following the REPLY_MORE flag.
   *
   * @param message The request, or a raw frame.
   * @param options The deadline for each part (it restarts when a part arrives).
   * @returns All reply parts, in order.
   * @throws {TransactionTimeoutError} If a part did not come in time.
   * @throws {SwitchError} If the switch answered with an ERROR carrying the xid.
   * @throws {ConnectionClosedError} If the connection is or becomes closed first.
   */
  async transactMultipart(
    message: OfpMessage | Uint8Array,
    options: TimeoutOptions = {},
  ): Promise<OfpMessage[]> {
    const parts: OfpMessage[] = [];
    for await (const part of this.streamMultipart(message, options)) parts.push(part);
    return parts;
  }

  /**
   * Like {@linkcode SwitchConnection.transactMultipart}, as an async iterator over the
   * parts as they come. The request is sent when iteration starts; leaving the loop early
   * forgets the exchange (later parts are counted as late replies).
   *
   * @param message The request, or a raw frame.
   * @param options The deadline for each part.
   * @returns The reply parts.
   * @throws {TransactionTimeoutError} If a part did not come in time.
   * @throws {SwitchError} If the switch answered with an ERROR carrying the xid.
   * @throws {ConnectionClosedError} If the connection is or becomes closed first.
   */
  async *streamMultipart(
    message: OfpMessage | Uint8Array,
    options: TimeoutOptions = {},
  ): AsyncGenerator<OfpMessage, void, undefined> {
    const timeout = checkTimeout(options.timeout, this.#s.timeout);
    this.#assertOpen();
    const { xid, msgType } = this.#writeRequest(message);
    const parts: OfpMessage[] = [];
    let finished = false;
    let failure: Error | undefined;
    let wake: (() => void) | undefined;
    const notify = () => {
      const w = wake;
      wake = undefined;
      w?.();
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        this.#expire(xid);
        failure = new TransactionTimeoutError(xid, timeout, msgType);
        notify();
      }, timeout);
    };
    arm();
    this.#tx.set(xid, {
      xid,
      deliver: (msg, wtype, more, bytes, off) => {
        if (wtype === T.ERROR) {
          clearTimeout(timer);
          failure = this.#switchError(msg, xid, bytes, off);
          notify();
          return true;
        }
        parts.push(msg);
        if (more) arm();
        else {
          clearTimeout(timer);
          finished = true;
        }
        notify();
        return !more;
      },
      fail: (e) => {
        clearTimeout(timer);
        failure = e;
        notify();
      },
    });
    try {
      for (;;) {
        while (parts.length > 0) yield parts.shift()!;
        if (failure) throw failure;
        if (finished) return;
        await new Promise<void>((r) => (wake = r));
      }
    } finally {
      clearTimeout(timer);
      if (!finished && !failure) this.#expire(xid);
    }
  }

  /**
   * Sends a BARRIER_REQUEST in the negotiated version and waits for its reply.
   *
   * @param options The deadline.
   * @returns The BARRIER_REPLY.
   * @throws {TransactionTimeoutError} If no reply came in time.
   * @throws {SwitchError} If the switch answered with an ERROR.
   * @throws {ConnectionClosedError} If the connection is or becomes closed first.
   */
  barrier(options: TimeoutOptions = {}): Promise<OfpMessage> {
    if (this.#state === "closed") return Promise.reject(this.#closedError("send a barrier on"));
    return this.transact(headerFrame(this.#version, barrierRequestType(this.#version), 0), options);
  }

  /**
   * Sends an ECHO_REQUEST with `data` and waits for the ECHO_REPLY.
   *
   * @param data The payload to have echoed.
   * @param options The deadline.
   * @returns The ECHO_REPLY.
   * @throws {TransactionTimeoutError} If no reply came in time.
   * @throws {ConnectionClosedError} If the connection is or becomes closed first.
   */
  echo(data: Uint8Array = new Uint8Array(0), options: TimeoutOptions = {}): Promise<OfpMessage> {
    const frame = new Uint8Array(8 + data.length);
    frame.set(headerFrame(this.#version, T.ECHO_REQUEST, 0));
    new DataView(frame.buffer).setUint16(2, frame.length);
    frame.set(data, 8);
    return this.transact(frame, options);
  }

  // ---- poll queue and handlers --------------------------------------------------------

  /**
   * Removes and returns the first queued message of that type (or passing that predicate),
   * anywhere in the queue, waiting for one up to the deadline.
   *
   * @typeParam K The type name, which types the result (`poll("PACKET_IN")` gives PACKET_IN messages).
   * @param filter A type name ("PACKET_IN"), "all" (the default), or a predicate.
   * @param options The deadline; 0 only looks at the queue.
   * @returns The message, or undefined on timeout.
   * @throws {ConnectionClosedError} If the connection closes while waiting (or is closed and nothing matches).
   * @throws {RangeError} On a bad timeout.
   */
  poll<K extends string = "all">(
    filter: K | ((message: OfpMessage) => boolean) = "all" as K,
    options: TimeoutOptions = {},
  ): Promise<MessageOfType<K> | undefined> {
    return this.#poll(filter, options) as Promise<MessageOfType<K> | undefined>;
  }

  #poll(filter: MessageFilter, options: TimeoutOptions): Promise<OfpMessage | undefined> {
    let timeout: number;
    try {
      timeout = checkTimeout(options.timeout, this.#s.timeout);
      const found = this.#queue.take(filter);
      if (found) return Promise.resolve(found);
    } catch (e) {
      return Promise.reject(e);
    }
    if (this.#state === "closed") return Promise.reject(this.#closedError("poll"));
    if (timeout === 0) return Promise.resolve(undefined);
    const { promise, resolve, reject } = Promise.withResolvers<OfpMessage | undefined>();
    const entry = {
      filter,
      resolve: (m: OfpMessage | undefined) => {
        clearTimeout(entry.timer);
        resolve(m);
      },
      reject: (e: Error) => {
        clearTimeout(entry.timer);
        reject(e);
      },
      timer: setTimeout(() => {
        this.#pollers.splice(this.#pollers.indexOf(entry), 1);
        resolve(undefined);
      }, timeout),
    };
    this.#pollers.push(entry);
    return promise;
  }

  /**
   * Empties the poll queue.
   *
   * @returns How many messages it dropped.
   */
  clearQueue(): number {
    return this.#queue.clear();
  }

  /**
   * Registers a handler for a message type name ("PACKET_IN", "RAW"...) or "all". Handlers
   * of a key run in registration order; one returning `true` consumes the message.
   * Passing `undefined` removes every handler of the key (OFTest's `register(type, None)`).
   *
   * @typeParam K The type name, which types the handler's message.
   * @param key A message type name, or "all".
   * @param handler The handler, or undefined to clear the key.
   * @returns A function that removes this handler.
   * @throws {TypeError} If the handler is neither a function nor undefined.
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

  // ---- lifecycle ----------------------------------------------------------------------

  /**
   * Closes the connection: pending transactions and polls reject with a
   * {@linkcode ConnectionClosedError}; queued messages stay pollable. Idempotent.
   *
   * @returns Resolves when the socket is closed.
   */
  close(): Promise<void> {
    this.#close(
      new ConnectionClosedError(`Connection ${this.id} closed by the controller`, {
        connectionId: this.id,
        datapathId: this.#datapathId,
      }),
      true,
    );
    return this.#transportClosed.promise;
  }

  /**
   * Waits for the connection to close (OFTest's `wait_disconnected`).
   *
   * @param options The deadline.
   * @returns True if it closed in time, false otherwise.
   * @throws {RangeError} On a bad timeout.
   */
  async waitClosed(options: TimeoutOptions = {}): Promise<boolean> {
    const timeout = checkTimeout(options.timeout, this.#s.timeout);
    if (this.#state === "closed") return true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<false>((r) => (timer = setTimeout(() => r(false), timeout)));
    try {
      return await Promise.race([this.#closed.promise.then(() => true as const), expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Closes the connection; for `await using`. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  /**
   * A status dump like OFTest's `show()`: addresses, version, datapath id, state, queue,
   * pending transactions and counters.
   *
   * @returns Several lines of text.
   */
  status(): string {
    const c = this.counters;
    const dpid = this.#datapathId === undefined
      ? "unknown"
      : `0x${this.#datapathId.toString(16).padStart(16, "0")}`;
    return [
      `Switch connection ${this.id}: ${this.remote.hostname}:${this.remote.port} -> ${this.local.hostname}:${this.local.port}${
        this.tls ? " (TLS)" : ""
      }`,
      `  state ${this.#state}, OpenFlow version ${
        this.#version || "not negotiated"
      }, datapath id ${dpid}`,
      `  queue ${this.#queue.length}/${this.#s.maxQueue}, pending transactions ${this.#tx.size}, pollers ${this.#pollers.length}, handlers ${this.#handlers.size}, keep-alive ${this.#s.keepAlive}`,
      `  received ${c.received}, handled ${c.handled}, queued ${c.queued}, expired ${c.expired}, parse errors ${c.parseErrors}, socket errors ${c.socketErrors}`,
      `  packet-ins ${c.packetIns}, dropped by limiter ${c.packetInsDropped}, late replies ${c.lateReplies}, bytes in ${c.bytesIn}, bytes out ${c.bytesOut}`,
      ...(this.#closeReason ? [`  closed: ${this.#closeReason.message}`] : []),
    ].join("\n");
  }

  // ---- incoming -----------------------------------------------------------------------

  /** @internal Frames from the transport. */
  onData(bytes: Uint8Array, view: DataView, offsets: Uint32Array, count: number): void {
    let handled = 0, queued = 0, expired = 0, pins = 0, pinsDropped = 0, late = 0, bad = 0;
    let i = 0;
    try {
      if (this.#state === "closed") return;
      this.#rxSinceTick = true;
      const s = this.#s;
      const limit = s.packetInLimit;
      if (limit !== Infinity) {
        const now = performance.now();
        if (now - this.#pinWindowStart >= 1000) {
          this.#pinWindowStart = now;
          this.#pinWindowCount = 0;
        }
      }
      for (; i < count; i++) {
        if (this.isClosed) break;
        const off = offsets[i];
        const len = view.getUint16(off + 2);
        const wtype = view.getUint8(off + 1);
        if (this.#state === "hello") {
          this.#onHandshakeFrame(bytes, view, off, len, wtype);
          continue;
        }
        if (view.getUint8(off) !== this.#version) {
          bad++;
          this.#malformed(
            `Expected a version ${this.#version} message, got version ${view.getUint8(off)}`,
            bytes.subarray(off, off + len),
            undefined,
          );
          continue;
        }
        if (wtype === T.PACKET_IN) {
          pins++;
          if (limit !== Infinity && ++this.#pinWindowCount > limit) {
            pinsDropped++;
            continue;
          }
        }
        const xid = view.getUint32(off + 4);
        const pending = this.#tx.size !== 0 && wtype !== T.ECHO_REQUEST && wtype !== T.PACKET_IN
          ? this.#tx.get(xid)
          : undefined;
        if (pending === undefined) {
          if (xid !== 0 && this.#late.size !== 0 && this.#late.has(xid)) {
            late++;
            continue;
          }
          if (wtype === T.ECHO_REQUEST && s.keepAlive) {
            // Answered from its bytes: no decode needed.
            const w = this.writer;
            const start = w.pos;
            w.bytes(bytes.subarray(off, off + len), "echo");
            w.buf[start + 1] = T.ECHO_REPLY;
            this.#markDirty();
            handled++;
            continue;
          }
          if (wtype === T.ERROR) this.#logError(bytes, view, off, len);
        }
        const hasHandlers = (this.#handlers.size !== 0 || this.#host.handlers.size !== 0) &&
          this.#hasHandlerFor(TYPE_NAMES[this.#version]?.[wtype] ?? "RAW");
        // Queued messages are decoded from a private copy of their frame, so the queue never
        // keeps a whole read chunk alive (see docs/controller.md, "Memory"). With no handler
        // for its type and no transaction to give it to first, that is the only decode.
        const toQueueOnly = pending === undefined && !hasHandlers;
        let msg: OfpMessage;
        try {
          msg = toQueueOnly ? decode(bytes.slice(off, off + len)) : decodeAt(bytes, view, off, len);
        } catch (e) {
          bad++;
          this.#malformed(
            "Cannot decode a message from the switch",
            bytes.subarray(off, off + len),
            e,
          );
          continue;
        }
        if (pending !== undefined) {
          const more = wtype === multipartReplyType(this.#version) && len >= 12 &&
            (view.getUint16(off + 10) & 1) !== 0;
          if (pending.deliver(msg, wtype, more, bytes, off)) this.#tx.delete(xid);
          handled++;
          continue;
        }
        if (hasHandlers && this.#dispatch(msg)) {
          handled++;
          continue;
        }
        queued++;
        if (!toQueueOnly) msg = decode(bytes.slice(off, off + len));
        if (this.#pollers.length !== 0 && this.#givePoller(msg)) continue;
        if (this.#queue.push(msg)) expired++;
      }
    } finally {
      const cnt = this.#counters;
      cnt.add(C.received, count);
      cnt.add(C.handled, handled);
      cnt.add(C.queued, queued);
      cnt.add(C.expired, expired);
      cnt.add(C.packetIns, pins);
      cnt.add(C.packetInsDropped, pinsDropped);
      cnt.add(C.lateReplies, late);
      cnt.add(C.parseErrors, bad);
      cnt.add(C.bytesConsumed, bytes.length);
      Atomics.notify(cnt.own, C.bytesConsumed);
    }
  }

  #hasHandlerFor(type: string): boolean {
    const own = this.#handlers.byKey;
    const shared = this.#host.handlers.byKey;
    return own.has(type) || shared.has(type) || own.has("all") || shared.has("all");
  }

  #dispatch(msg: OfpMessage): boolean {
    const own = this.#handlers.byKey;
    const shared = this.#host.handlers.byKey;
    return this.#run(own.get(msg.type), msg) || this.#run(shared.get(msg.type), msg) ||
      this.#run(own.get("all"), msg) || this.#run(shared.get("all"), msg);
  }

  #run(list: Handler[] | undefined, msg: OfpMessage): boolean {
    if (list === undefined) return false;
    for (let i = 0; i < list.length; i++) {
      try {
        if (list[i](msg, this) === true) return true;
      } catch (e) {
        this.#host.log.error("A handler for {type} threw: {error}", {
          type: msg.type,
          error: e,
          connection: this.id,
        });
      }
    }
    return false;
  }

  #givePoller(msg: OfpMessage): boolean {
    for (let i = 0; i < this.#pollers.length; i++) {
      const p = this.#pollers[i];
      let ok: boolean;
      try {
        ok = matches(p.filter, msg);
      } catch (e) {
        this.#pollers.splice(i, 1);
        p.reject(e as Error);
        i--;
        continue;
      }
      if (ok) {
        this.#pollers.splice(i, 1);
        p.resolve(msg);
        return true;
      }
    }
    return false;
  }

  #logError(bytes: Uint8Array, view: DataView, off: number, len: number): void {
    const f = readErrorFields(bytes, view, off, len);
    if (!f) return;
    const names = errorNames(this.#version, f.errType, f.code);
    this.#host.log.warn(
      "Switch sent an error: type {typeName} ({errType}), code {codeName} ({code}), xid {xid}",
      {
        connection: this.id,
        xid: view.getUint32(off + 4),
        errType: f.errType,
        code: f.code,
        typeName: names.typeName ?? "unknown",
        codeName: names.codeName ?? "unknown",
        hexdump: hexdump(f.data, { max: 128 }),
      },
    );
  }

  #malformed(what: string, frame: Uint8Array, error: unknown): void {
    this.#host.log.error(`${what}: {policy}\n{hexdump}`, {
      connection: this.id,
      policy: this.#s.onMalformed === "skip" ? "skipped" : "closing the connection",
      error,
      hexdump: hexdump(frame, { max: 256 }),
    });
    if (this.#s.onMalformed === "disconnect") {
      this.#close(
        new ConnectionClosedError(`Connection ${this.id} closed: ${what}`, {
          connectionId: this.id,
          datapathId: this.#datapathId,
          cause: error,
        }),
        true,
      );
    }
  }

  // ---- handshake ----------------------------------------------------------------------

  #onHandshakeFrame(bytes: Uint8Array, view: DataView, off: number, len: number, wtype: number) {
    if (wtype !== T.HELLO) {
      this.#fail(
        new HandshakeError(`Expected HELLO as the switch's first message, got type ${wtype}`, {
          reason: "unexpected-message",
          ours: this.#s.versions,
        }),
      );
      return;
    }
    let hello: OfpMessage;
    try {
      hello = decodeAt(bytes, view, off, len);
    } catch (e) {
      this.#counters.add(C.parseErrors, 1);
      this.#host.log.error("Cannot decode the switch's HELLO\n{hexdump}", {
        connection: this.id,
        error: e,
        hexdump: hexdump(bytes.subarray(off, off + len)),
      });
      this.#fail(
        new HandshakeError("Expected a well-formed HELLO, got one that cannot be decoded", {
          reason: "unexpected-message",
          ours: this.#s.versions,
          cause: e,
        }),
      );
      return;
    }
    this.#peerHello = hello;
    const ours = this.#s.versions;
    const advertised = hello.type === "HELLO" ? helloVersions(hello) : undefined;
    let version: number | undefined;
    let theirs: number[];
    if (advertised) {
      theirs = advertised;
      for (const v of ours) if (advertised.includes(v)) version = v;
    } else {
      theirs = [hello.version];
      const v = Math.min(hello.version, ours[ours.length - 1]);
      if (ours.includes(v)) version = v;
    }
    if (version === undefined) {
      const text = `Incompatible versions: we support ${ours.join(", ")}, you offered ${
        theirs.join(", ")
      }`;
      const errVersion = ours.includes(hello.version) ? hello.version : ours[0];
      this.#writeRaw(
        errorFrame(
          errVersion,
          hello.xid,
          HELLO_FAILED,
          HFC_INCOMPATIBLE,
          new TextEncoder().encode(text),
        ),
      );
      this.#fail(
        new HandshakeError(
          `Expected a HELLO offering one of versions ${ours.join(", ")}, got ${theirs.join(", ")}`,
          { reason: "no-common-version", ours, theirs },
        ),
      );
      return;
    }
    this.#version = version;
    if (!this.#s.initialHello) this.#sendHello();
    if (this.#s.features) {
      this.#state = "features";
      this.#requestFeatures();
    } else {
      this.#becomeReady();
    }
  }

  #requestFeatures(): void {
    const xid = this.nextXid();
    this.#writeRaw(headerFrame(this.#version, T.FEATURES_REQUEST, xid));
    this.#tx.set(xid, {
      xid,
      deliver: (msg, wtype, _more, bytes, off) => {
        if (wtype === T.ERROR) {
          this.#fail(
            new HandshakeError("Expected FEATURES_REPLY, got an error", {
              reason: "features-failed",
              ours: this.#s.versions,
              cause: this.#switchError(msg, xid, bytes, off),
            }),
          );
          return true;
        }
        if (wtype !== T.FEATURES_REPLY) {
          this.#fail(
            new HandshakeError(`Expected FEATURES_REPLY, got message type ${wtype}`, {
              reason: "features-failed",
              ours: this.#s.versions,
            }),
          );
          return true;
        }
        const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
        const dpid = (msg as { datapathId?: unknown }).datapathId;
        if (typeof dpid === "bigint") this.#datapathId = dpid;
        else if (view.getUint16(off + 2) >= 16) this.#datapathId = view.getBigUint64(off + 8);
        this.#features = msg;
        this.#becomeReady();
        return true;
      },
      fail: () => {},
    });
  }

  #becomeReady(): void {
    clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = undefined;
    this.#state = "ready";
    if (this.#s.echoInterval > 0) {
      this.#echoTimer = setInterval(() => this.#probe(), this.#s.echoInterval);
    }
    this.#host.ready(this);
    this.#ready.resolve(this);
  }

  #probe(): void {
    if (this.#state !== "ready") return;
    if (this.#rxSinceTick) {
      this.#rxSinceTick = false;
      this.#missed = 0;
      if (this.#probeXid) this.#expire(this.#probeXid);
      this.#probeXid = 0;
      return;
    }
    if (this.#probeXid) {
      this.#missed++;
      this.#expire(this.#probeXid);
      this.#probeXid = 0;
      if (this.#missed >= this.#s.echoMisses) {
        this.#close(
          new ConnectionClosedError(
            `Connection ${this.id} closed: no reply to ${this.#missed} echo requests sent ${this.#s.echoInterval} ms apart`,
            { connectionId: this.id, datapathId: this.#datapathId },
          ),
          true,
        );
        return;
      }
    }
    const xid = this.nextXid();
    this.#probeXid = xid;
    this.#writeRaw(headerFrame(this.#version, T.ECHO_REQUEST, xid));
    this.#tx.set(xid, {
      xid,
      deliver: () => {
        if (this.#probeXid === xid) this.#probeXid = 0;
        this.#missed = 0;
        return true;
      },
      fail: () => {},
    });
  }

  #fail(error: HandshakeError): void {
    this.#host.log.warn("Handshake failed on connection {connection}: {message}", {
      connection: this.id,
      message: error.message,
      remote: this.remote,
    });
    this.#close(
      new ConnectionClosedError(`Connection ${this.id} closed: ${error.message}`, {
        connectionId: this.id,
        cause: error,
      }),
      true,
    );
  }

  // ---- closing ------------------------------------------------------------------------

  /** @internal The transport reports the socket closed. */
  onTransportClosed(cause: Error | undefined): void {
    if (this.#state !== "closed") {
      this.#close(
        new ConnectionClosedError(
          cause
            ? `Connection ${this.id} closed: ${cause.message}`
            : `Connection ${this.id} closed by the switch`,
          { connectionId: this.id, datapathId: this.#datapathId, cause },
        ),
        false,
      );
    }
    this.#transportClosed.resolve();
  }

  #close(reason: ConnectionClosedError, closeTransport: boolean): void {
    if (this.#state === "closed") return;
    const wasReady = this.#state === "ready";
    this.#state = "closed";
    this.#closeReason = reason;
    clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = undefined;
    clearInterval(this.#echoTimer);
    this.#echoTimer = undefined;
    const pending = [...this.#tx.values()];
    this.#tx.clear();
    for (const p of pending) p.fail(reason);
    for (const p of this.#pollers.splice(0)) p.reject(reason);
    if (!wasReady) {
      this.#ready.reject(reason.cause instanceof HandshakeError ? reason.cause : reason);
    }
    if (closeTransport) this.#host.closeTransport(this);
    this.#host.gone(this, reason);
    this.#closed.resolve(reason);
  }
}
