// Text forms of OpenFlow 1.0 addresses and fixed-size strings, written tight: they run per
// field on the decode path (every match, every port of a features reply). Kept local to 1.0
// so this version's codec depends on nothing but the reader, the writer and the errors.

import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";

/** Two lowercase hex digits for each byte value. */
const HEX: readonly string[] = Array.from(
  { length: 256 },
  (_, i) => (i < 16 ? "0" : "") + i.toString(16),
);

/** Value of each ASCII hex digit (either case); -1 for any other character. */
const NIBBLE: Int8Array = (() => {
  const t = new Int8Array(128).fill(-1);
  for (let i = 0; i < 10; i++) t[0x30 + i] = i;
  for (let i = 0; i < 6; i++) t[0x41 + i] = t[0x61 + i] = 10 + i;
  return t;
})();

/** The 6 bytes at `b[p]` as "aa:bb:cc:dd:ee:ff". The caller has checked the bounds. */
export function macAt(b: Uint8Array, p: number): string {
  return HEX[b[p]] + ":" + HEX[b[p + 1]] + ":" + HEX[b[p + 2]] + ":" + HEX[b[p + 3]] + ":" +
    HEX[b[p + 4]] + ":" + HEX[b[p + 5]];
}

/** The 4 bytes at `b[p]` as dotted IPv4 text. The caller has checked the bounds. */
export function ipv4At(b: Uint8Array, p: number): string {
  return b[p] + "." + b[p + 1] + "." + b[p + 2] + "." + b[p + 3];
}

/** Reads 6 bytes as "aa:bb:cc:dd:ee:ff". */
export function readMac(r: Reader, path: string): string {
  if (r.pos + 6 > r.end) r.need(6, path);
  const s = macAt(r.bytes, r.pos);
  r.pos += 6;
  return s;
}

/** Reads 4 bytes as dotted IPv4 text. */
export function readIpv4(r: Reader, path: string): string {
  if (r.pos + 4 > r.end) r.need(4, path);
  const s = ipv4At(r.bytes, r.pos);
  r.pos += 4;
  return s;
}

/** Hex digit value of `s[i]`, or -1. */
function nibble(s: string, i: number): number {
  const c = s.charCodeAt(i);
  return c < 128 ? NIBBLE[c] : -1;
}

// A controller writes the same few addresses over and over (a flow-mod's match, message after
// message): the last text written and its bytes are kept, and the same string is copied
// rather than parsed again (about a third of a 1.0 FLOW_MOD's encoding otherwise).
const NONE: unique symbol = Symbol("none");
let lastMac: string | typeof NONE = NONE;
const lastMacBytes = new Uint8Array(6);
let lastIpv4: string | typeof NONE = NONE;
let lastIpv4Value = 0;

/** Writes "aa:bb:cc:dd:ee:ff" (either case) as 6 bytes. */
export function writeMac(w: Writer, mac: string, path: string): void {
  if (mac === lastMac) {
    w.ensure(6);
    const b = w.buf, p = w.pos, c = lastMacBytes;
    b[p] = c[0], b[p + 1] = c[1], b[p + 2] = c[2], b[p + 3] = c[3], b[p + 4] = c[4];
    b[p + 5] = c[5];
    w.pos = p + 6;
    return;
  }
  if (typeof mac === "string" && mac.length === 17) {
    w.ensure(6);
    const at = w.pos;
    let ok = true;
    for (let i = 0; i < 6; i++) {
      const hi = nibble(mac, 3 * i), lo = nibble(mac, 3 * i + 1);
      if (hi < 0 || lo < 0 || (i < 5 && mac.charCodeAt(3 * i + 2) !== 0x3a)) {
        ok = false;
        break;
      }
      w.buf[at + i] = (hi << 4) | lo;
    }
    if (ok) {
      lastMacBytes.set(w.buf.subarray(at, at + 6));
      lastMac = mac;
      w.pos = at + 6;
      return;
    }
  }
  throw new OfpEncodeError(
    `Expected a MAC address like 00:01:02:03:04:05, got ${String(mac)}`,
    path,
  );
}

/** Parses dotted IPv4 text ("10.0.0.1", decimal, no leading sign) to a u32, or -1. */
export function parseIpv4(text: string): number {
  if (text === lastIpv4) return lastIpv4Value;
  if (typeof text !== "string") return -1;
  let value = 0, part = 0, digits = 0, dots = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 0x30 && c <= 0x39 && digits < 3) {
      part = part * 10 + (c - 0x30);
      digits++;
      if (part > 255) return -1;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  lastIpv4 = text;
  return (lastIpv4Value = value * 256 + part);
}

/** Writes dotted IPv4 text as 4 bytes. */
export function writeIpv4(w: Writer, ip: string, path: string): void {
  const v = parseIpv4(ip);
  if (v < 0) {
    throw new OfpEncodeError(`Expected an IPv4 address like 10.0.0.1, got ${String(ip)}`, path);
  }
  w.u32(v, path);
}

const UTF8 = new TextDecoder("utf-8", { fatal: true });
const UTF8_ENCODER = new TextEncoder();
// Bytes that are not valid UTF-8 decode to lone surrogates U+DC80..U+DCFF (Python's
// "surrogateescape"), so any name a switch sends re-encodes to the same bytes.
const ESCAPED = /[\udc80-\udcff]/;

/**
 * Reads a fixed-size NUL-padded string: it ends at the first NUL, the rest of the field is
 * skipped. UTF-8 (switches send UTF-8 names); bytes that are not valid UTF-8 each become the
 * lone surrogate U+DC00 + byte, which {@linkcode writeFixedString} turns back into the byte.
 */
export function readFixedString(r: Reader, size: number, path: string): string {
  if (r.pos + size > r.end) r.need(size, path);
  const b = r.bytes, start = r.pos, limit = start + size;
  let end = start, ascii = true;
  while (end < limit && b[end] !== 0) {
    if (b[end] > 0x7f) ascii = false;
    end++;
  }
  r.pos = limit;
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

/** Writes a string as UTF-8 into a fixed-size field, zero-padded (too long: encode error). */
export function writeFixedString(w: Writer, s: string, size: number, path: string): void {
  if (typeof s !== "string") throw new OfpEncodeError(`Expected a string, got ${typeof s}`, path);
  w.ensure(size);
  if (s.length <= size) {
    // Plain ASCII is written in place, without an intermediate array.
    let i = 0;
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
  w.buf.set(bytes, w.pos);
  w.buf.fill(0, w.pos + bytes.length, w.pos + size);
  w.pos += size;
}
