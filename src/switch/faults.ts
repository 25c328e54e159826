/**
 * Fault modes of the reference switch: ways for one controller connection to misbehave on
 * command, for testing a controller's own reliability.
 *
 * @module
 */

/**
 * How a frame is broken:
 * - `"short-length"`: the header's length field says 4, below the 8-byte header, so the
 *   stream cannot be framed any further (a controller must drop the connection);
 * - `"truncated-body"`: a well-framed message whose body stops short of what its type needs;
 * - `"bad-version"`: a well-framed message carrying a version other than the negotiated one.
 */
export type MalformedKind = "short-length" | "truncated-body" | "bad-version";

/** Every malformed kind, in the order of {@linkcode MalformedKind}'s documentation. */
export const MALFORMED_KINDS: readonly MalformedKind[] = [
  "short-length",
  "truncated-body",
  "bad-version",
];

/** Where a connection is closed by the switch on purpose. */
export type ClosePoint =
  | "hello"
  | "features"
  | {
    /** Close after this many messages from the controller (its HELLO counts). */
    messages: number;
  };

/**
 * The fault modes of one connection; all off by default. A reply is a message that answers
 * a request with its xid: ECHO_REPLY, FEATURES_REPLY, GET_CONFIG_REPLY, BARRIER_REPLY,
 * MULTIPART_REPLY (STATS_REPLY), QUEUE_GET_CONFIG_REPLY, ROLE_REPLY, GET_ASYNC_REPLY and ERROR.
 */
export interface Faults {
  /** Drop every reply (`true`) or the replies of these message type names (`["BARRIER_REPLY"]`). */
  dropReplies?: boolean | readonly string[];
  /** Hold each reply this many milliseconds; what is sent after it waits behind it (order kept). */
  delayReplies?: number;
  /** Send every reply broken this way. */
  malformReplies?: MalformedKind;
  /**
   * Close the connection: right after the HELLO exchange (`"hello"`), right after sending
   * FEATURES_REPLY (`"features"`), or after handling a number of controller messages.
   */
  closeAfter?: ClosePoint;
  /**
   * Answer each multipart (1.3) or stats (1.0) request in this many parts: a list reply is
   * spread over that many messages (empty parts where the list is short), flagged MORE but the
   * last. Replies that are one structure (DESC, AGGREGATE, GROUP_FEATURES, METER_FEATURES) stay
   * whole.
   */
  multipartParts?: number;
}

/** Options of a packet-in flood. */
export interface FloodOptions {
  /** How many packet-ins; unbounded (until stopped) when absent. */
  count?: number;
  /** The frame each carries. Default: a 64-byte frame of zeros with broadcast addresses. */
  frame?: Uint8Array;
  /** The in_port they report. Default 1. */
  inPort?: number;
}

/** A running packet-in flood. */
export interface PacketInFlood {
  /** Packet-ins written so far. */
  readonly sent: number;
  /** Resolves with the count when the flood ends (count reached, stopped, or connection closed). */
  readonly done: Promise<number>;
  /** Stops the flood; resolves with the count sent. */
  stop(): Promise<number>;
}

/**
 * Checks a fault set: positive integers where counts are asked, known kinds and points.
 *
 * @param faults The fault modes.
 * @returns The same object.
 * @throws {RangeError} On a negative or non-integer delay or count.
 * @throws {TypeError} On an unknown malformed kind or close point.
 *
 * @example
 * ```ts
 * import { checkFaults } from "@oftest/oftest/switch";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(checkFaults({ delayReplies: 50 }), { delayReplies: 50 });
 * assert.throws(() => checkFaults({ multipartParts: 0 }), RangeError);
 * ```
 */
export function checkFaults(faults: Faults): Faults {
  const f = faults;
  if (f.delayReplies !== undefined && !(Number.isFinite(f.delayReplies) && f.delayReplies >= 0)) {
    throw new RangeError(`Expected delayReplies of 0 ms or more, got ${f.delayReplies}`);
  }
  if (
    f.multipartParts !== undefined && !(Number.isInteger(f.multipartParts) && f.multipartParts >= 1)
  ) {
    throw new RangeError(
      `Expected multipartParts to be a positive integer, got ${f.multipartParts}`,
    );
  }
  if (f.malformReplies !== undefined && !MALFORMED_KINDS.includes(f.malformReplies)) {
    throw new TypeError(
      `Expected malformReplies among ${MALFORMED_KINDS.join(", ")}, got ${
        String(f.malformReplies)
      }`,
    );
  }
  const c = f.closeAfter;
  if (c !== undefined && c !== "hello" && c !== "features") {
    if (typeof c !== "object" || c === null || !(Number.isInteger(c.messages) && c.messages >= 1)) {
      throw new TypeError(
        `Expected closeAfter "hello", "features" or { messages: n } with n ≥ 1, got ${
          JSON.stringify(c)
        }`,
      );
    }
  }
  if (
    f.dropReplies !== undefined && typeof f.dropReplies !== "boolean" &&
    !(Array.isArray(f.dropReplies) && f.dropReplies.every((t) => typeof t === "string"))
  ) {
    throw new TypeError("Expected dropReplies to be a boolean or a list of message type names");
  }
  return faults;
}
