/**
 * One switch's control channel, as the Controller hands it out: its handshake state,
 * handlers, poll queue and transactions.
 *
 * @module
 */
import type { OfpMessage } from "../ofp/codec.ts";
import type { CounterSnapshot } from "./counters.ts";
import type { ConnectionClosedError } from "./errors.ts";
import type { MessageOfType } from "./poll_queue.ts";
import type { Address } from "./transport.ts";

/**
 * A message handler. Returning `true` (exactly) consumes the message: later handlers and the
 * poll queue do not see it. The message's byte fields are views into the read chunk.
 */
export type Handler<M extends OfpMessage = OfpMessage> = (
  message: M,
  connection: SwitchConnection,
) => boolean | void;

import type { ReplyTo } from "./replies.ts";

/** Options of a wait (`poll`, `transact`, `barrier`...). */
export interface TimeoutOptions {
  /**
   * Deadline in milliseconds, at most 2^31 - 1; the Controller's `timeout` option by default
   * (2000). 0 is refused by transactions and means "just look" for `poll` and `waitClosed`.
   */
  timeout?: number;
}

/** Options of a multipart transaction: deadlines and caps, the Controller's by default. */
export interface MultipartOptions extends TimeoutOptions {
  /** Longest wait for the whole reply, in ms (the Controller's `multipartTimeout`, 60 000). */
  totalTimeout?: number;
  /** Most parts (the Controller's `maxMultipartParts`, 100 000). */
  maxParts?: number;
  /** Most bytes, whole frames (the Controller's `maxMultipartBytes`, 256 MiB). */
  maxBytes?: number;
}

/** What to do with a frame from the switch that cannot be decoded or has the wrong version. */
export type MalformedPolicy = "skip" | "disconnect";

/**
 * A listener of a connection's frames ({@linkcode SwitchConnection.tap}): `"out"` to the
 * switch, `"in"` from it; the frame is only valid during the call.
 */
export type TapListener = (direction: "in" | "out", frame: Uint8Array) => void;

/** The state of a connection's handshake. */
export type ConnectionState = "hello" | "features" | "ready" | "closed";

/**
 * One switch's OpenFlow connection: negotiated version, datapath id, features, poll queue,
 * handlers and transactions. The {@linkcode Controller} makes one for every connection and
 * hands it out once the handshake is done (`controller.connect()`, `controller.switches`).
 *
 * Incoming messages are processed in OFTest's order: the transaction with the same xid →
 * the keep-alive echo reply → counters → ERROR logged with type and code names → handlers
 * for the message's type → handlers for "all" → a waiting poll → the poll queue.
 *
 * @example Transactions, handlers and the poll queue, against an in-memory switch
 * ```ts
 * import { Controller } from "@oftest/oftest";
 * import { MemoryTransport } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const transport = new MemoryTransport();
 * await using controller = new Controller({ transport, features: false, versions: [4] });
 * const peer = transport.connect();
 * peer.write(new Uint8Array([4, 0, 0, 8, 0, 0, 0, 1])); // the switch's HELLO
 * const sw = await controller.connect();
 * await peer.read(); // our HELLO
 * const barrier = sw.barrier();
 * const request = (await peer.read())!;
 * peer.write(new Uint8Array([4, 21, 0, 8, ...request.subarray(4, 8)])); // BARRIER_REPLY
 * assert.equal((await barrier).type, "BARRIER_REPLY");
 * ```
 */
export interface SwitchConnection extends AsyncDisposable {
  /** The connection's id inside its Controller. */
  readonly id: number;
  /** The local address of the socket. */
  readonly local: Address;
  /** The switch's address. */
  readonly remote: Address;
  /** Whether the connection is TLS. */
  readonly tls: boolean;
  /** The negotiated OpenFlow wire version (1 or 4); 0 until the switch's HELLO came. */
  readonly version: number;
  /** The switch's datapath id, from FEATURES_REPLY (undefined if features are not requested). */
  readonly datapathId: bigint | undefined;
  /** The switch's FEATURES_REPLY, as decoded. */
  readonly features: OfpMessage | undefined;
  /** The switch's HELLO, as decoded. */
  readonly peerHello: OfpMessage | undefined;
  /** Where the handshake stands: "hello", "features", "ready" or "closed". */
  readonly state: ConnectionState;
  /** Whether the connection is closed. */
  readonly isClosed: boolean;
  /** Why the connection closed, once it has. */
  readonly closeReason: ConnectionClosedError | undefined;
  /** Resolves with this connection when the handshake is complete; rejects if it fails. */
  readonly ready: Promise<SwitchConnection>;
  /** Resolves, with the reason, when the connection closes (never rejects). */
  readonly closed: Promise<ConnectionClosedError>;
  /** This connection's counters at this instant. */
  readonly counters: CounterSnapshot;
  /** Messages waiting in the poll queue. */
  readonly queueLength: number;
  /** Transactions waiting for their reply. */
  readonly pendingTransactions: number;

  /**
   * A fresh transaction id, unused by any pending transaction of this connection.
   *
   * @returns An xid from 1 to 2^32 - 1.
   */
  nextXid(): number;

  /**
   * Calls `listener` with the bytes of every message sent to the switch (`"out"`, when it is
   * handed to the socket worker) and received from it (`"in"`, before dispatch), in order,
   * including the handshake, keep-alive echoes and replies consumed by transactions: what a
   * capture of the control channel would show. The bytes are only valid during the call
   * (copy them to keep them). A throwing listener is logged and does not disturb the others.
   *
   * @param listener Gets the direction and the frame.
   * @returns A function that removes the listener.
   * @throws {TypeError} If `listener` is not a function.
   *
   * @example
   * ```ts ignore
   * const log: string[] = [];
   * const stop = conn.tap((direction, frame) => log.push(`${direction} type ${frame[1]}`));
   * await conn.barrier();
   * stop(); // log: ["out type 20", "in type 21"] on OpenFlow 1.3
   * ```
   */
  tap(listener: TapListener): () => void;

  /**
   * Sends a message, or raw frame bytes as they are (for negative tests: any length, any
   * content). A message whose xid is 0 or absent gets a fresh xid. Messages sent in the same
   * tick go out in one write.
   *
   * @param message A message object, or a raw frame.
   * @returns The xid written (for raw bytes: the header's, or undefined under 8 bytes).
   * @throws {ConnectionClosedError} If the connection is closed.
   * @throws {OfpEncodeError} If the message is not a message object or cannot be encoded (nothing is sent).
   */
  send(message: OfpMessage | Uint8Array): number | undefined;

  /**
   * Sends a request and resolves with the reply carrying the same xid. Any number may be
   * pending at once. A message whose xid is 0 or absent gets a fresh xid (a raw frame with
   * xid 0 is sent with a fresh xid patched in). The reply is typed after the request
   * ({@linkcode ReplyTo}): a DESC request resolves to a DESC reply. A multipart (1.3) or stats
   * (1.0) request resolves to one reply holding the entries of every part (REPLY_MORE
   * cleared); a reply of several parts without entry lists is refused with a `TypeError`
   * (use `transactMultipart`).
   *
   * @param message The request, or a raw frame of at least 8 bytes.
   * @param options The deadline (default: the Controller's `timeout`, 2000 ms; for a
   *   multipart request, between parts).
   * @returns The reply.
   * @throws {TransactionTimeoutError} If no reply came in time (a later reply is counted as late and dropped).
   * @throws {SwitchError} If the switch answered with an ERROR carrying the xid.
   * @throws {OfpDecodeError} If the reply carrying the xid cannot be decoded.
   * @throws {ConnectionClosedError} If the connection is or becomes closed first.
   * @throws {RangeError} On a bad timeout or a raw frame under 8 bytes.
   * @throws {TypeError} If a transaction with that xid is already pending, or a multipart
   * reply cannot be merged.
   */
  transact<M extends OfpMessage | Uint8Array>(
    message: M,
    options?: TimeoutOptions,
  ): Promise<ReplyTo<M>>;

  /**
   * Sends a multipart (1.3) or stats (1.0) request and collects every reply part with its
   * xid, following the REPLY_MORE flag.
   *
   * @param message The request, or a raw frame.
   * @param options The deadline between parts (`timeout`), for the whole reply
   *   (`totalTimeout`), and the caps (`maxParts`, `maxBytes`).
   * @returns All reply parts, in order.
   * @throws {TransactionTimeoutError} If a part, or the whole reply, did not come in time.
   * @throws {MultipartLimitError} If the reply went over a cap (its later parts are dropped).
   * @throws {SwitchError} If the switch answered with an ERROR carrying the xid.
   * @throws {ConnectionClosedError} If the connection is or becomes closed first.
   */
  transactMultipart<M extends OfpMessage | Uint8Array>(
    message: M,
    options?: MultipartOptions,
  ): Promise<ReplyTo<M>[]>;

  /**
   * Like {@linkcode SwitchConnection.transactMultipart}, as an async iterator over the parts
   * as they come. The request is sent when iteration starts; leaving the loop early forgets
   * the exchange (later parts are counted as late replies).
   *
   * @param message The request, or a raw frame.
   * @param options Deadlines and caps, as for `transactMultipart`.
   * @returns The reply parts.
   * @throws {TransactionTimeoutError} If a part, or the whole reply, did not come in time.
   * @throws {MultipartLimitError} If the reply went over a cap.
   * @throws {SwitchError} If the switch answered with an ERROR carrying the xid.
   * @throws {ConnectionClosedError} If the connection is or becomes closed first.
   */
  streamMultipart<M extends OfpMessage | Uint8Array>(
    message: M,
    options?: MultipartOptions,
  ): AsyncGenerator<ReplyTo<M>, void, undefined>;

  /**
   * Sends a BARRIER_REQUEST in the negotiated version and waits for its reply.
   *
   * @param options The deadline.
   * @returns The BARRIER_REPLY.
   * @throws {TransactionTimeoutError} If no reply came in time.
   * @throws {SwitchError} If the switch answered with an ERROR.
   * @throws {ConnectionClosedError} If the connection is or becomes closed first.
   */
  barrier(options?: TimeoutOptions): Promise<OfpMessage>;

  /**
   * Sends an ECHO_REQUEST with `data` and waits for the ECHO_REPLY.
   *
   * @param data The payload to have echoed.
   * @param options The deadline.
   * @returns The ECHO_REPLY.
   * @throws {TransactionTimeoutError} If no reply came in time.
   * @throws {ConnectionClosedError} If the connection is or becomes closed first.
   */
  echo(data?: Uint8Array, options?: TimeoutOptions): Promise<OfpMessage>;

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
    filter?: K | ((message: OfpMessage) => boolean),
    options?: TimeoutOptions,
  ): Promise<MessageOfType<K> | undefined>;

  /**
   * Empties the poll queue.
   *
   * @returns How many messages it dropped.
   */
  clearQueue(): number;

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
  register<K extends string>(key: K, handler: Handler<MessageOfType<K>> | undefined): () => void;

  /**
   * Closes the connection: pending transactions and polls reject with a
   * {@linkcode ConnectionClosedError}; queued messages stay pollable. Idempotent.
   *
   * @returns Resolves when the socket is closed.
   */
  close(): Promise<void>;

  /**
   * Waits for the connection to close (OFTest's `wait_disconnected`).
   *
   * @param options The deadline; 0 only looks.
   * @returns True if it closed in time, false otherwise.
   * @throws {RangeError} On a bad timeout.
   */
  waitClosed(options?: TimeoutOptions): Promise<boolean>;

  /**
   * A status dump like OFTest's `show()`: addresses, version, datapath id, state, queue,
   * pending transactions and counters.
   *
   * @returns Several lines of text.
   */
  status(): string;
}
