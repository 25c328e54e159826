/**
 * A push-style frame parser for an OpenFlow byte stream, independent of sockets.
 *
 * @module
 */
import type { OfpDecodeError } from "./errors.ts";
import { FrameAccumulator } from "./_frame_accumulator.ts";

export { scanFrames } from "./_frame_accumulator.ts";

/**
 * Splits a byte stream into OpenFlow frames. `push(chunk)` yields each complete frame as a
 * `subarray` view; a frame split across chunks is kept (copied once) until it completes.
 * Frames are views into the chunk or into the parser's own buffer: consume each before
 * pushing the next chunk, or copy it.
 *
 * A header length below 8 throws an {@linkcode OfpDecodeError} (the stream cannot be
 * re-synchronised) and the parser stays failed: every later `push` throws the same error.
 *
 * @example
 * ```ts
 * import { FrameParser } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const parser = new FrameParser();
 * const echo = [4, 2, 0, 8, 0, 0, 0, 1];
 * assert.equal([...parser.push(new Uint8Array([...echo, 4, 2]))].length, 1);
 * assert.equal([...parser.push(new Uint8Array([0, 8, 0, 0, 0, 2]))].length, 1);
 * assert.equal(parser.pending, 0);
 * ```
 */
export class FrameParser {
  #frames = new FrameAccumulator();
  #failure: OfpDecodeError | undefined;

  /** Bytes held from an incomplete frame. */
  get pending(): number {
    return this.#frames.pending;
  }

  /**
   * Feeds the next chunk of the stream.
   *
   * @param chunk Bytes as read from the socket.
   * @returns An iterator over the complete frames, as views.
   * @throws {OfpDecodeError} If a header declares a length below 8.
   */
  *push(chunk: Uint8Array): Generator<Uint8Array, void, undefined> {
    if (this.#failure) throw this.#failure;
    // Copies only the split frame's bytes plus this chunk; the common no-split case copies nothing.
    const bytes = this.#frames.join(chunk);
    const offsets: number[] = [];
    this.#frames.scan(bytes, bytes.length, offsets);
    this.#failure = this.#frames.error;
    // Frames before a bad header are still delivered; the failure is raised after them.
    for (let i = 0; i < offsets.length; i++) {
      const at = offsets[i];
      yield bytes.subarray(at, at + ((bytes[at + 2] << 8) | bytes[at + 3]));
    }
    if (this.#failure) throw this.#failure;
  }

  /** Forgets any partial frame and a previous failure. */
  reset(): void {
    this.#frames.reset();
    this.#failure = undefined;
  }
}
