// Fixed-size NUL-padded strings (port names, table names, descriptions): UTF-8, with bytes
// that are not valid UTF-8 kept so they re-encode as they came.
import type { Reader } from "./_reader.ts";
import type { Writer } from "./_writer.ts";
import { OfpEncodeError } from "./errors.ts";

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const UTF8_ENCODER = new TextEncoder();
// Bytes that are not valid UTF-8 become lone surrogates U+DC80..U+DCFF (Python's
// "surrogateescape"), so any name a switch sends re-encodes to the same bytes.
const ESCAPED = /[\udc80-\udcff]/;

/**
 * Reads a fixed-size NUL-padded string; it ends at the first NUL. UTF-8 (switches send
 * UTF-8 port names); when the bytes are not valid UTF-8, each byte above 0x7f becomes the
 * lone surrogate U+DC00 + byte, which {@linkcode writeFixedString} turns back into it.
 */
export function readFixedString(r: Reader, size: number, path: string): string {
  r.need(size, path);
  const b = r.bytes, start = r.pos;
  let end = start;
  let ascii = true;
  while (end < start + size && b[end] !== 0) {
    if (b[end] > 0x7f) ascii = false;
    end++;
  }
  r.pos += size;
  let s = "";
  if (ascii) {
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i]);
    return s;
  }
  try {
    return UTF8.decode(b.subarray(start, end));
  } catch {
    for (let i = start; i < end; i++) s += String.fromCharCode(b[i] < 0x80 ? b[i] : 0xdc00 + b[i]);
    return s;
  }
}

/** Writes a string as UTF-8 into a fixed-size NUL-padded field (too long → encode error). */
export function writeFixedString(w: Writer, s: string, size: number, path: string): void {
  if (typeof s !== "string") throw new OfpEncodeError(`Expected a string, got ${typeof s}`, path);
  if (s.length <= size) {
    // Fast path: plain ASCII, written in place.
    let i = 0;
    w.ensure(size);
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c === 0 || c > 0x7f) break;
      w.buf[w.pos + i] = c;
    }
    if (i === s.length) {
      w.buf.fill(0, w.pos + i, w.pos + size);
      w.pos += size;
      return;
    }
  }
  let bytes: Uint8Array;
  if (ESCAPED.test(s)) {
    const out: number[] = [];
    for (const ch of s) {
      const c = ch.charCodeAt(0);
      if (c >= 0xdc80 && c <= 0xdcff) out.push(c - 0xdc00);
      else out.push(...UTF8_ENCODER.encode(ch));
    }
    bytes = Uint8Array.from(out);
  } else {
    bytes = UTF8_ENCODER.encode(s);
  }
  if (bytes.length > size) {
    throw new OfpEncodeError(`String of ${bytes.length} bytes does not fit ${size} bytes`, path);
  }
  if (bytes.includes(0)) throw new OfpEncodeError("String contains a NUL character", path);
  w.ensure(size);
  w.buf.set(bytes, w.pos);
  w.buf.fill(0, w.pos + bytes.length, w.pos + size);
  w.pos += size;
}
