// "Carry the partial frame, then scan": the one piece of framing logic every reader of an
// OpenFlow byte stream uses (the socket worker, the in-memory peer both ways, FrameParser).
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
 *
 * @example
 * ```ts
 * import { scanFrames } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const bytes = new Uint8Array([4, 2, 0, 8, 0, 0, 0, 1, 4, 2, 0, 8]);
 * const offsets: number[] = [];
 * assert.equal(scanFrames(new DataView(bytes.buffer), 0, bytes.length, offsets), 8);
 * assert.deepEqual(offsets, [0]);
 * ```
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

const EMPTY = new Uint8Array(0);

/**
 * Keeps the bytes of an incomplete frame between reads and finds the complete frames in
 * each new read. Two ways to feed it: `reserve` a buffer to read into (the carried bytes
 * already at its start), or `join` a chunk read elsewhere; then `scan` it.
 */
export class FrameAccumulator {
  #carry: Uint8Array = EMPTY;
  #error: OfpDecodeError | undefined;

  /** Bytes carried from an incomplete frame. */
  get pending(): number {
    return this.#carry.length;
  }

  /** Why the last `scan` stopped before the end, when a header's length was below 8. */
  get error(): OfpDecodeError | undefined {
    return this.#error;
  }

  /**
   * A fresh buffer to read into: the carried bytes at its start, then at least `room` free
   * bytes, and enough for the carried frame to complete. The carry moves into the buffer.
   *
   * @returns The buffer and where the free space starts.
   */
  reserve(room: number): { buffer: Uint8Array; start: number } {
    const carry = this.#carry;
    let need = room;
    if (carry.length >= 4) need = Math.max(room, ((carry[2] << 8) | carry[3]) - carry.length);
    const buffer = new Uint8Array(carry.length + need);
    buffer.set(carry);
    this.#carry = EMPTY;
    return { buffer, start: carry.length };
  }

  /** The carried bytes followed by `chunk`; `chunk` itself (no copy) when nothing is carried. */
  join(chunk: Uint8Array): Uint8Array {
    const carry = this.#carry;
    if (carry.length === 0) return chunk;
    const bytes = new Uint8Array(carry.length + chunk.length);
    bytes.set(carry);
    bytes.set(chunk, carry.length);
    this.#carry = EMPTY;
    return bytes;
  }

  /**
   * Finds the complete frames of `bytes[start, end)`: appends each one's offset to `offsets`
   * and carries a copy of an incomplete last frame. Stops at a header whose length is below
   * 8 (the stream cannot be re-synchronised there): `error` then says so, nothing is
   * carried, and the return value is where that header starts.
   *
   * @returns Where the complete frames end (or the bad header starts).
   */
  scan(bytes: Uint8Array, end: number, offsets: number[], start = 0): number {
    this.#error = undefined;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const before = offsets.length;
    let stop: number;
    try {
      stop = scanFrames(view, start, end, offsets);
    } catch (e) {
      this.#error = e as OfpDecodeError;
      const last = offsets.length > before ? offsets[offsets.length - 1] : -1;
      this.#carry = EMPTY;
      return last < 0 ? start : last + view.getUint16(last + 2);
    }
    this.#carry = stop < end ? bytes.slice(stop, end) : EMPTY;
    return stop;
  }

  /** Forgets the carried bytes and the last error. */
  reset(): void {
    this.#carry = EMPTY;
    this.#error = undefined;
  }
}
