/**
 * The errors the Controller raises: a closed connection, a timed-out transaction or wait,
 * an error reply from the switch, a failed handshake.
 *
 * @module
 */

/** Options of {@linkcode ConnectionClosedError}. */
export interface ConnectionClosedErrorOptions {
  /** Why the connection closed: a socket error, a decode error, a handshake failure... */
  cause?: unknown;
  /** The connection's id inside its controller, when there was one. */
  connectionId?: number;
  /** The switch's datapath id, when it was known. */
  datapathId?: bigint;
}

/**
 * The connection to the switch is closed (or none is open): raised by `send` on a closed
 * connection and by every pending transaction and poll when it closes.
 *
 * @example
 * ```ts
 * import { ConnectionClosedError } from "@oftest/oftest";
 * import assert from "node:assert/strict";
 *
 * const e = new ConnectionClosedError("Connection closed by the switch", { connectionId: 3 });
 * assert.equal(e.name, "ConnectionClosedError");
 * assert.equal(e.connectionId, 3);
 * ```
 */
export class ConnectionClosedError extends Error {
  /** The connection's id inside its controller, if any. */
  readonly connectionId: number | undefined;
  /** The switch's datapath id, if known. */
  readonly datapathId: bigint | undefined;

  /**
   * Creates the error.
   *
   * @param message What closed and how.
   * @param options The cause, connection id and datapath id.
   */
  constructor(message: string, options: ConnectionClosedErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "ConnectionClosedError";
    this.connectionId = options.connectionId;
    this.datapathId = options.datapathId;
  }
}

/** Options of {@linkcode TransactionTimeoutError}. */
export interface TransactionTimeoutErrorOptions {
  /** The underlying cause, if any. */
  cause?: unknown;
  /** Multipart only: the parts that came before the deadline. */
  parts?: number;
  /** Multipart only: the deadline was the whole reply's (`totalTimeout`), not a part's. */
  whole?: boolean;
}

/**
 * No reply came for a transaction within its deadline (for a multipart reply: no next part
 * within `timeout`, or not every part within `totalTimeout`). The transaction is forgotten;
 * a reply arriving later is counted in `lateReplies` and dropped.
 *
 * @example
 * ```ts
 * import { TransactionTimeoutError } from "@oftest/oftest";
 * import assert from "node:assert/strict";
 *
 * const e = new TransactionTimeoutError(7, 2000, 20);
 * assert.equal(e.xid, 7);
 * assert.match(e.message, /xid 7/);
 * const whole = new TransactionTimeoutError(8, 30_000, 18, { parts: 12, whole: true });
 * assert.match(whole.message, /whole multipart reply to xid 8 .* got 12 parts/);
 * ```
 */
export class TransactionTimeoutError extends Error {
  /** Transaction id of the request. */
  readonly xid: number;
  /** The deadline in milliseconds. */
  readonly timeout: number;
  /** The wire type number of the request. */
  readonly msgType: number;
  /** Multipart only: the parts that came before the deadline. */
  readonly parts: number | undefined;
  /** Whether the deadline was a whole multipart reply's. */
  readonly whole: boolean;

  /**
   * Creates the error.
   *
   * @param xid Transaction id of the request.
   * @param timeout The deadline in milliseconds.
   * @param msgType The wire type number of the request.
   * @param options The cause; for multipart replies, the parts received and which deadline.
   */
  constructor(
    xid: number,
    timeout: number,
    msgType: number,
    options: TransactionTimeoutErrorOptions = {},
  ) {
    const what = options.whole ? "the whole multipart reply" : "a reply";
    const got = options.parts === undefined ? "none" : `${options.parts} parts`;
    super(
      `Expected ${what} to xid ${xid} (message type ${msgType}) within ${timeout} ms, got ${got}`,
      { cause: options.cause },
    );
    this.name = "TransactionTimeoutError";
    this.xid = xid;
    this.timeout = timeout;
    this.msgType = msgType;
    this.parts = options.parts;
    this.whole = options.whole ?? false;
  }
}

/** Fields of {@linkcode MultipartLimitError}. */
export interface MultipartLimitErrorOptions {
  /** Transaction id of the request. */
  xid: number;
  /** Which cap the reply went over. */
  limit: "parts" | "bytes";
  /** The cap. */
  max: number;
  /** Parts received, the one over the cap included. */
  parts: number;
  /** Bytes received (whole frames), the part over the cap included. */
  bytes: number;
}

/**
 * A multipart reply went over a cap (`maxMultipartParts`, `maxMultipartBytes`, or the
 * call's `maxParts`/`maxBytes`): the transaction is refused, and the reply's remaining parts
 * are dropped as they come, counted in `lateReplies`.
 *
 * @example
 * ```ts
 * import { MultipartLimitError } from "@oftest/oftest";
 * import assert from "node:assert/strict";
 *
 * const e = new MultipartLimitError({ xid: 3, limit: "parts", max: 10, parts: 11, bytes: 176 });
 * assert.equal(e.name, "MultipartLimitError");
 * assert.match(e.message, /at most 10 parts/);
 * ```
 */
export class MultipartLimitError extends Error {
  /** Transaction id of the request. */
  readonly xid: number;
  /** Which cap the reply went over. */
  readonly limit: "parts" | "bytes";
  /** The cap. */
  readonly max: number;
  /** Parts received, the one over the cap included. */
  readonly parts: number;
  /** Bytes received, the part over the cap included. */
  readonly bytes: number;

  /**
   * Creates the error.
   *
   * @param options The xid, the cap and what came.
   */
  constructor(options: MultipartLimitErrorOptions) {
    super(
      `Expected a multipart reply to xid ${options.xid} of at most ${options.max} ${options.limit}, got more (${options.parts} parts, ${options.bytes} bytes so far)`,
    );
    this.name = "MultipartLimitError";
    this.xid = options.xid;
    this.limit = options.limit;
    this.max = options.max;
    this.parts = options.parts;
    this.bytes = options.bytes;
  }
}

/**
 * Waiting for a switch (`connect`, `waitForSwitch`) or for a disconnection ran out of time.
 *
 * @example
 * ```ts
 * import { WaitTimeoutError } from "@oftest/oftest";
 * import assert from "node:assert/strict";
 *
 * const e = new WaitTimeoutError("a switch connection", 10);
 * assert.equal(e.message, "Expected a switch connection within 10 ms, got none");
 * ```
 */
export class WaitTimeoutError extends Error {
  /** What was awaited. */
  readonly awaited: string;
  /** The deadline in milliseconds. */
  readonly timeout: number;

  /**
   * Creates the error.
   *
   * @param awaited What was awaited, e.g. "a switch connection".
   * @param timeout The deadline in milliseconds.
   */
  constructor(awaited: string, timeout: number) {
    super(`Expected ${awaited} within ${timeout} ms, got none`);
    this.name = "WaitTimeoutError";
    this.awaited = awaited;
    this.timeout = timeout;
  }
}

/** Fields of {@linkcode SwitchError}. */
export interface SwitchErrorOptions {
  /** Transaction id of the request the switch refused. */
  xid: number;
  /** `ofp_error_msg.type`. */
  errType: number;
  /** `ofp_error_msg.code`. */
  code: number;
  /** Name of the error type, e.g. `"OFPET_BAD_REQUEST"`, when known. */
  typeName?: string;
  /** Name of the error code, e.g. `"OFPBRC_BAD_LEN"`, when known. */
  codeName?: string;
  /** The error's data: usually the start of the offending request. */
  data: Uint8Array;
  /** The whole ERROR message as decoded. */
  reply: unknown;
}

/**
 * The switch answered a transaction with an OFPT_ERROR carrying the request's xid.
 *
 * @example
 * ```ts
 * import { SwitchError } from "@oftest/oftest";
 * import assert from "node:assert/strict";
 *
 * const e = new SwitchError({ xid: 5, errType: 1, code: 6, codeName: "OFPBRC_BAD_LEN", data: new Uint8Array(), reply: undefined });
 * assert.equal(e.code, 6);
 * assert.match(e.message, /OFPBRC_BAD_LEN/);
 * ```
 */
export class SwitchError extends Error {
  /** Transaction id of the refused request. */
  readonly xid: number;
  /** `ofp_error_msg.type`. */
  readonly errType: number;
  /** `ofp_error_msg.code`. */
  readonly code: number;
  /** Name of the error type, when known. */
  readonly typeName: string | undefined;
  /** Name of the error code, when known. */
  readonly codeName: string | undefined;
  /** The error's data: usually the start of the offending request. */
  readonly data: Uint8Array;
  /** The whole ERROR message as decoded. */
  readonly reply: unknown;

  /**
   * Creates the error.
   *
   * @param options Type, code, their names, data and the reply.
   */
  constructor(options: SwitchErrorOptions) {
    const type = options.typeName
      ? `${options.typeName} (${options.errType})`
      : `${options.errType}`;
    const code = options.codeName ? `${options.codeName} (${options.code})` : `${options.code}`;
    super(
      `Expected a reply to xid ${options.xid}, got an error: type ${type}, code ${code}, ${options.data.length} bytes of data`,
    );
    this.name = "SwitchError";
    this.xid = options.xid;
    this.errType = options.errType;
    this.code = options.code;
    this.typeName = options.typeName;
    this.codeName = options.codeName;
    this.data = options.data;
    this.reply = options.reply;
  }
}

/** Why a handshake failed. */
export type HandshakeFailure =
  | "no-common-version"
  | "unexpected-message"
  | "timeout"
  | "features-failed";

/** Fields of {@linkcode HandshakeError}. */
export interface HandshakeErrorOptions {
  /** Why the handshake failed. */
  reason: HandshakeFailure;
  /** The versions this side offered. */
  ours: readonly number[];
  /** The versions the switch offered (its bitmap, or its header version), if its HELLO came. */
  theirs?: readonly number[];
  /** The underlying cause, if any. */
  cause?: unknown;
}

/**
 * The OpenFlow handshake failed: no version in common (HELLO_FAILED was sent), a message other
 * than HELLO came first, or the HELLO or FEATURES_REPLY did not come in time.
 *
 * @example
 * ```ts
 * import { HandshakeError } from "@oftest/oftest";
 * import assert from "node:assert/strict";
 *
 * const e = new HandshakeError("No common version", { reason: "no-common-version", ours: [1, 4], theirs: [5] });
 * assert.deepEqual(e.theirs, [5]);
 * ```
 */
export class HandshakeError extends Error {
  /** Why the handshake failed. */
  readonly reason: HandshakeFailure;
  /** The versions this side offered. */
  readonly ours: readonly number[];
  /** The versions the switch offered, if its HELLO came. */
  readonly theirs: readonly number[] | undefined;

  /**
   * Creates the error.
   *
   * @param message What was expected and what came.
   * @param options Reason, versions and cause.
   */
  constructor(message: string, options: HandshakeErrorOptions) {
    super(message, { cause: options.cause });
    this.name = "HandshakeError";
    this.reason = options.reason;
    this.ours = options.ours;
    this.theirs = options.theirs;
  }
}
