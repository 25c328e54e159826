/**
 * The error `parse` raises on a truncated frame.
 *
 * @module
 */
import type { LayerType } from "./layers.ts";

/** Structured fields of a {@linkcode PacketParseError}. */
export interface PacketParseErrorOptions {
  /** Offset in the frame of the layer that did not fit. */
  offset: number;
  /** The layer being parsed. */
  layer: LayerType;
  /** The underlying error, if any. */
  cause?: unknown;
}

/**
 * A frame ended inside a layer's header (a truncated layer). Extends `RangeError`, so callers
 * that only care about "bad input" can catch that.
 *
 * @example
 * ```ts
 * import { parse, PacketParseError } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * assert.throws(() => parse(new Uint8Array(10)), PacketParseError);
 * try {
 *   parse(new Uint8Array(10));
 * } catch (e) {
 *   assert.ok(e instanceof PacketParseError);
 *   assert.deepEqual([e.offset, e.layer], [0, "ethernet"]);
 * }
 * ```
 */
export class PacketParseError extends RangeError {
  /** Offset in the frame of the layer that did not fit. */
  readonly offset: number;
  /** The layer being parsed. */
  readonly layer: LayerType;

  /**
   * Creates the error.
   *
   * @param message What was expected and what came.
   * @param options The offset and layer, and an optional cause.
   */
  constructor(message: string, options: PacketParseErrorOptions) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PacketParseError";
    this.offset = options.offset;
    this.layer = options.layer;
  }
}
