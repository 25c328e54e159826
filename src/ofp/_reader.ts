// Bounds-checked cursor over one frame. Every read checks against `end`, so a decoder
// built on it can never read outside its frame, and every failure names a field path.
import { OfpDecodeError } from "./errors.ts";

/**
 * A cursor over `bytes[start, end)`. `view` covers the whole of `bytes`, so one DataView
 * can serve every frame of a chunk (a DataView per frame costs more than the decode).
 */
export class Reader {
  pos: number;
  constructor(
    readonly bytes: Uint8Array,
    readonly view: DataView,
    readonly start: number,
    public end: number,
  ) {
    this.pos = start;
  }

  /** A reader over a whole `Uint8Array`. */
  static of(bytes: Uint8Array): Reader {
    return new Reader(
      bytes,
      new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      0,
      bytes.length,
    );
  }

  get remaining(): number {
    return this.end - this.pos;
  }

  /** Throws unless `n` more bytes are available. */
  need(n: number, path: string): void {
    if (this.pos + n > this.end) {
      this.fail(`Cannot read ${n} bytes: only ${this.end - this.pos} remain`, path);
    }
  }

  u8(path: string): number {
    if (this.pos + 1 > this.end) this.need(1, path);
    return this.view.getUint8(this.pos++);
  }

  u16(path: string): number {
    if (this.pos + 2 > this.end) this.need(2, path);
    const v = this.view.getUint16(this.pos);
    this.pos += 2;
    return v;
  }

  u32(path: string): number {
    if (this.pos + 4 > this.end) this.need(4, path);
    const v = this.view.getUint32(this.pos);
    this.pos += 4;
    return v;
  }

  u64(path: string): bigint {
    if (this.pos + 8 > this.end) this.need(8, path);
    const v = this.view.getBigUint64(this.pos);
    this.pos += 8;
    return v;
  }

  /** A view (not a copy) of the next `n` bytes. */
  bytesView(n: number, path: string): Uint8Array {
    this.need(n, path);
    const v = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return v;
  }

  /** Skips `n` bytes of padding. Padding content is ignored (and encoded as zeros). */
  skip(n: number, path: string): void {
    this.need(n, path);
    this.pos += n;
  }

  /**
   * Returns a child reader over the next `length` bytes and advances past them.
   * `length` comes from the wire, so it is checked against what remains.
   */
  sub(length: number, path: string): Reader {
    if (length < 0 || this.pos + length > this.end) {
      this.fail(
        `Length ${length} runs past the enclosing structure (${this.end - this.pos} bytes remain)`,
        path,
      );
    }
    const child = new Reader(this.bytes, this.view, this.start, this.pos + length);
    child.pos = this.pos;
    this.pos += length;
    return child;
  }

  /** Throws unless the reader is exactly at its end. */
  expectEnd(path: string): void {
    if (this.pos !== this.end) {
      this.fail(
        `Expected the structure to end here, ${this.end - this.pos} bytes are left over`,
        path,
      );
    }
  }

  /** Throws an {@linkcode OfpDecodeError} about the current frame. */
  fail(message: string, path: string, at: number = this.pos): never {
    throw new OfpDecodeError(message, {
      offset: at - this.start,
      path,
      bytes: this.bytes.subarray(this.start, Math.max(this.end, this.start)),
    });
  }
}
