// Growable byte writer with width checks: an out-of-range value is an encode error,
// never a silently truncated field on the wire.
import { OfpEncodeError } from "./errors.ts";

const U64_MAX = 0xffff_ffff_ffff_ffffn;

export class Writer {
  buf: Uint8Array;
  view: DataView;
  pos = 0;

  constructor(initialSize = 1024) {
    this.buf = new Uint8Array(initialSize);
    this.view = new DataView(this.buf.buffer);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    const need = this.pos + n;
    if (need <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < need) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  u8(v: number, path: string): void {
    if ((v & 0xff) !== v) throw rangeError(v, 8, path);
    this.ensure(1);
    this.buf[this.pos++] = v;
  }

  u16(v: number, path: string): void {
    if ((v & 0xffff) !== v) throw rangeError(v, 16, path);
    this.ensure(2);
    this.view.setUint16(this.pos, v);
    this.pos += 2;
  }

  u32(v: number, path: string): void {
    if (v >>> 0 !== v) throw rangeError(v, 32, path);
    this.ensure(4);
    this.view.setUint32(this.pos, v);
    this.pos += 4;
  }

  u64(v: bigint, path: string): void {
    if (typeof v !== "bigint" || v < 0n || v > U64_MAX) throw rangeError(v, 64, path);
    this.ensure(8);
    this.view.setBigUint64(this.pos, v);
    this.pos += 8;
  }

  bytes(v: Uint8Array, path: string): void {
    if (!(v instanceof Uint8Array)) {
      throw new OfpEncodeError(`Expected a Uint8Array, got ${typeof v}`, path);
    }
    this.ensure(v.length);
    this.buf.set(v, this.pos);
    this.pos += v.length;
  }

  /** Writes `n` zero bytes (padding). */
  zeros(n: number): void {
    this.ensure(n);
    this.buf.fill(0, this.pos, this.pos + n);
    this.pos += n;
  }

  /** Pads with zeros from `start` up to the next multiple of `align`. */
  align(start: number, align = 8): void {
    const rem = (this.pos - start) % align;
    if (rem !== 0) this.zeros(align - rem);
  }

  /** Back-patches a 16-bit length at `at` with the bytes written since `start`. */
  patchLength16(at: number, start: number, path: string): void {
    const length = this.pos - start;
    if (length > 0xffff) {
      throw new OfpEncodeError(`Length ${length} does not fit the 16-bit length field`, path);
    }
    this.view.setUint16(at, length);
  }

  /** Overwrites a 32-bit value already written at `at`. */
  setU32(at: number, v: number): void {
    this.view.setUint32(at, v);
  }

  /** A copy of what was written; the writer can then be reset and reused. */
  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  reset(): void {
    this.pos = 0;
  }
}

function rangeError(v: unknown, bits: number, path: string): OfpEncodeError {
  return new OfpEncodeError(`Expected an unsigned ${bits}-bit integer, got ${String(v)}`, path);
}
