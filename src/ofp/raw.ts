/**
 * The raw message: an escape hatch for types this codec does not know and for tests
 * that must put arbitrary (even invalid) messages on the wire.
 *
 * @module
 */

/**
 * A message kept as bytes: what `decode` returns for a message type or version it does
 * not know, and what a test builds to send a message of any type with any body. The
 * header's length is still computed on encode; to send a wrong length, send raw frame
 * bytes instead (the Controller's `send` takes a `Uint8Array`).
 *
 * @example Sending an unknown message type
 * ```ts
 * import { encode, decode } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const bytes = encode({ version: 4, type: "RAW", xid: 1, msgType: 99, body: new Uint8Array([1, 2]) });
 * assert.deepEqual(bytes, new Uint8Array([4, 99, 0, 10, 0, 0, 0, 1, 1, 2]));
 * assert.deepEqual(decode(bytes), { version: 4, type: "RAW", xid: 1, msgType: 99, body: new Uint8Array([1, 2]) });
 * ```
 */
export interface RawMessage {
  /** Wire-protocol version. */
  version: number;
  /** Discriminant. */
  type: "RAW";
  /** Transaction id. */
  xid: number;
  /** The message type number to put in the header. */
  msgType: number;
  /** Everything after the 8-byte header. */
  body: Uint8Array;
}
