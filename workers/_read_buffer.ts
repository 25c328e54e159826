// A socket's read buffer in the worker: reused from read to read (the complete frames are
// copied out, the partial frame moved to the front), sized to the traffic — small while the
// connection idles, doubling while reads fill it, back down when they stop filling it.
import { OfpDecodeError } from "../src/ofp/errors.ts";

/** Smallest read buffer: what an idle connection keeps. */
export const MIN_READ = 512;
/** Largest read buffer (a flood fills it every time). */
export const MAX_READ = 256 * 1024;

/** Where one read's complete frames are, after `ReadBuffer.filled`. */
export class ReadBuffer {
  /** The buffer; `bytes[0, end)` holds what is read and not yet taken. */
  bytes: Uint8Array;
  /** Bytes held: the partial frame carried, then what the last read added. */
  end = 0;
  /** Where the complete frames end (they start at 0); `end` after a framing error too. */
  framed = 0;
  /** Why framing stopped at `framed`, when a header length was below 8. */
  error: OfpDecodeError | undefined;
  /** Where each complete frame starts (the first `count`); reused from read to read. */
  offsets: Uint32Array = new Uint32Array(16);
  /** Complete frames found by the last `filled`. */
  count = 0;
  #size: number;
  #small = 0;

  constructor(size = MIN_READ) {
    this.#size = size;
    this.bytes = new Uint8Array(size);
  }

  /** The free part to read into (at least enough for the partial frame to complete). */
  room(): Uint8Array {
    return this.bytes.subarray(this.end);
  }

  /**
   * Takes a read of `n` bytes into `room()`: finds where the complete frames end, adapts
   * the size of the next buffer.
   *
   * @returns How many bytes of complete frames start at 0 (`framed`).
   */
  filled(n: number): number {
    const before = this.bytes.length - this.end;
    this.end += n;
    const b = this.bytes;
    let pos = 0, count = 0;
    let offsets = this.offsets;
    this.error = undefined;
    while (this.end - pos >= 8) {
      const length = (b[pos + 2] << 8) | b[pos + 3];
      if (length < 8) {
        this.error = new OfpDecodeError(
          `Cannot frame: header length ${length} is below the 8-byte header`,
          { offset: 2, path: "header.length", bytes: b.slice(pos, pos + 8) },
        );
        break;
      }
      if (this.end - pos < length) break;
      if (count === offsets.length) {
        const grown = new Uint32Array(offsets.length * 2);
        grown.set(offsets);
        offsets = this.offsets = grown;
      }
      offsets[count++] = pos;
      pos += length;
    }
    this.framed = pos;
    this.count = count;
    if (n === before && this.#size < MAX_READ) {
      this.#size *= 2;
      this.#small = 0;
    } else if (n < this.#size / 8 && this.#size > MIN_READ && ++this.#small >= 8) {
      this.#size /= 2;
      this.#small = 0;
    }
    return pos;
  }

  /**
   * Drops the complete frames (they were copied out), moving the partial frame to the front;
   * the buffer is resized when the traffic asks for it or the partial frame needs room.
   */
  consumed(): void {
    this.#keep(this.bytes);
  }

  /**
   * The complete frames were handed out with the buffer itself (transferred): a new buffer
   * takes the partial frame.
   */
  given(): void {
    const old = this.bytes;
    this.bytes = new Uint8Array(0);
    this.#keep(old);
  }

  #keep(from: Uint8Array): void {
    const rest = this.end - this.framed;
    let need = this.#size;
    // An incomplete frame is longer than what is carried of it: room remains to read into.
    if (rest >= 4) need = Math.max(need, (from[this.framed + 2] << 8) | from[this.framed + 3]);
    if (this.bytes.length !== need) {
      const next = new Uint8Array(need);
      next.set(from.subarray(this.framed, this.end));
      this.bytes = next;
    } else if (rest > 0 && this.framed > 0) {
      this.bytes.copyWithin(0, this.framed, this.end);
    }
    this.end = rest;
    this.framed = 0;
  }
}
