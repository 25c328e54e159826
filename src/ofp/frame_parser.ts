/**
 * A push-style frame parser for an OpenFlow byte stream, independent of sockets.
 *
 * @module
 */
import { OfpDecodeError } from "./errors.ts";
import { OFP_HEADER_LEN } from "./header.ts";

/**
 * Finds the complete frames in `bytes[start, end)`: appends each frame's start offset to
 * `offsets` and returns where the first incomplete frame begins (`end` if none).
 *
 * Policy for a header length below 8: the stream cannot be re-synchronised (the length
 * field is the only delimiter), so this throws an {@linkcode OfpDecodeError} naming the
 * offset; the caller must drop the connection, as Open vSwitch does.
 *
 * @param view A DataView over the buffer.
 * @param start First byte to scan.
 * @param end One past the last byte to scan.
 * @param offsets Receives the start offset of each complete frame.
 * @returns The offset of the first byte not consumed.
 * @throws {OfpDecodeError} If a frame's header declares a length below 8.
 */
export function scanFrames(view: DataView, start: number, end: number, offsets: number[]): number {
  let pos = start;
  while (end - pos >= OFP_HEADER_LEN) {
    const length = view.getUint16(pos + 2);
    if (length < OFP_HEADER_LEN) {
      const bytes = new Uint8Array(view.buffer, view.byteOffset + pos, OFP_HEADER_LEN);
      throw new OfpDecodeError(`Cannot frame: header length ${length} is below the 8-byte header`, {
        offset: 2,
        path: "header.length",
        bytes,
      });
    }
    if (end - pos < length) break;
    offsets.push(pos);
    pos += length;
  }
  return pos;
}

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
  #partial: Uint8Array = new Uint8Array(0);
  #failure: OfpDecodeError | undefined;

  /** Bytes held from an incomplete frame. */
  get pending(): number {
    return this.#partial.length;
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
    let bytes = chunk;
    if (this.#partial.length > 0) {
      // Copy only the split frame's bytes plus this chunk; the common no-split case copies nothing.
      bytes = new Uint8Array(this.#partial.length + chunk.length);
      bytes.set(this.#partial);
      bytes.set(chunk, this.#partial.length);
      this.#partial = new Uint8Array(0);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const offsets: number[] = [];
    let rest = bytes.length;
    try {
      rest = scanFrames(view, 0, bytes.length, offsets);
    } catch (e) {
      this.#failure = e as OfpDecodeError;
    }
    if (rest < bytes.length) this.#partial = bytes.slice(rest);
    // Frames before a bad header are still delivered; the failure is raised after them.
    for (let i = 0; i < offsets.length; i++) {
      const at = offsets[i];
      yield bytes.subarray(at, at + view.getUint16(at + 2));
    }
    if (this.#failure) throw this.#failure;
  }

  /** Forgets any partial frame and a previous failure. */
  reset(): void {
    this.#partial = new Uint8Array(0);
    this.#failure = undefined;
  }
}
