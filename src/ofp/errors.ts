/**
 * Typed errors raised by the OpenFlow codec.
 *
 * @module
 */

/** Options accepted by {@linkcode OfpDecodeError}. */
export interface OfpDecodeErrorOptions {
  /** Byte offset inside {@linkcode OfpDecodeError.bytes} where decoding failed. */
  offset: number;
  /** Dotted path of the field being decoded, e.g. `flow_mod.match.oxm[2].length`. */
  path: string;
  /** The frame being decoded (a view, not a copy). */
  bytes: Uint8Array;
  /** The underlying cause, if any. */
  cause?: unknown;
}

/**
 * Raised when bytes cannot be decoded as an OpenFlow message: a length below its
 * minimum, a length running past the frame, a wrong padding size, a field the
 * version cannot carry. The decoder never returns a half-filled object.
 *
 * @example Catching a truncated frame
 * ```ts
 * import { decode, OfpDecodeError } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array([4, 0, 0, 16, 0, 0, 0, 1]); // claims 16 bytes, has 8
 * assert.throws(() => decode(frame), OfpDecodeError);
 * ```
 */
export class OfpDecodeError extends RangeError {
  /** Byte offset inside {@linkcode bytes} where decoding failed. */
  readonly offset: number;
  /** Dotted path of the field being decoded. */
  readonly path: string;
  /** The frame being decoded. */
  readonly bytes: Uint8Array;

  /**
   * Creates a decode error.
   *
   * @param message What was expected and what came.
   * @param options Where it happened and on which bytes.
   */
  constructor(message: string, options: OfpDecodeErrorOptions) {
    super(`${message} (at ${options.path}, offset ${options.offset})`, { cause: options.cause });
    this.name = "OfpDecodeError";
    this.offset = options.offset;
    this.path = options.path;
    this.bytes = options.bytes;
  }
}

/**
 * Raised when a message object cannot be encoded: a field out of range for its
 * width, a missing required field, a value of the wrong type.
 *
 * @example
 * ```ts
 * import { encode, OfpEncodeError } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * // xid must fit in 32 bits
 * assert.throws(() => encode({ version: 4, type: "HELLO", xid: 2 ** 33, elements: [] }), OfpEncodeError);
 * ```
 */
export class OfpEncodeError extends TypeError {
  /** Dotted path of the field being encoded. */
  readonly path: string;

  /**
   * Creates an encode error.
   *
   * @param message What was expected and what came.
   * @param path Dotted path of the offending field.
   * @param options The underlying cause, if any.
   */
  constructor(message: string, path: string, options?: { cause?: unknown }) {
    super(`${message} (at ${path})`, options);
    this.name = "OfpEncodeError";
    this.path = path;
  }
}
