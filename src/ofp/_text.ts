// Text forms of addresses and fixed-size strings, written tight: they run per field on
// the decode path (a packet-in's match, every port of a port list).
import type { Reader } from "./_reader.ts";
import type { Writer } from "./_writer.ts";
import { OfpEncodeError } from "./errors.ts";

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Reads 6 bytes as "aa:bb:cc:dd:ee:ff". */
export function readMac(r: Reader, path: string): string {
  r.need(6, path);
  const b = r.bytes, p = r.pos;
  r.pos += 6;
  return `${HEX[b[p]]}:${HEX[b[p + 1]]}:${HEX[b[p + 2]]}:${HEX[b[p + 3]]}:${HEX[b[p + 4]]}:${
    HEX[b[p + 5]]
  }`;
}

const MAC_RE =
  /^([0-9a-fA-F]{2}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2}):([0-9a-fA-F]{2})$/;

/** Writes "aa:bb:cc:dd:ee:ff" as 6 bytes. */
export function writeMac(w: Writer, mac: string, path: string): void {
  const m = typeof mac === "string" ? MAC_RE.exec(mac) : null;
  if (!m) {
    throw new OfpEncodeError(
      `Expected a MAC address like 00:01:02:03:04:05, got ${String(mac)}`,
      path,
    );
  }
  w.ensure(6);
  for (let i = 0; i < 6; i++) w.buf[w.pos++] = parseInt(m[i + 1], 16);
}

/** Reads 4 bytes as dotted IPv4 text. */
export function readIpv4(r: Reader, path: string): string {
  r.need(4, path);
  const b = r.bytes, p = r.pos;
  r.pos += 4;
  return `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`;
}

/** Parses dotted IPv4 text to a 32-bit number, or -1. */
function parseIpv4(text: string): number {
  const parts = text.split(".");
  if (parts.length !== 4) return -1;
  let v = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part)) return -1;
    const n = Number(part);
    if (n > 255) return -1;
    v = v * 256 + n;
  }
  return v;
}

/** Writes dotted IPv4 text as 4 bytes. */
export function writeIpv4(w: Writer, ip: string, path: string): void {
  const v = typeof ip === "string" ? parseIpv4(ip) : -1;
  if (v < 0) {
    throw new OfpEncodeError(`Expected an IPv4 address like 10.0.0.1, got ${String(ip)}`, path);
  }
  w.u32(v, path);
}

/** Reads 16 bytes as RFC 5952 IPv6 text (lowercase, longest zero run compressed). */
export function readIpv6(r: Reader, path: string): string {
  r.need(16, path);
  const groups: number[] = new Array(8);
  for (let i = 0; i < 8; i++) groups[i] = r.view.getUint16(r.pos + 2 * i);
  r.pos += 16;
  let bestAt = -1, bestLen = 1; // RFC 5952: never compress a single zero group
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) [bestAt, bestLen] = [i, j - i];
    i = j;
  }
  const hex = (from: number, to: number) =>
    groups.slice(from, to).map((g) => g.toString(16)).join(":");
  if (bestAt < 0) return hex(0, 8);
  return `${hex(0, bestAt)}::${hex(bestAt + bestLen, 8)}`;
}

/** Parses IPv6 text (any RFC 4291 form, including an embedded IPv4 tail) to 8 groups. */
function parseIpv6(text: string): number[] | undefined {
  if (typeof text !== "string" || text.length < 2) return undefined;
  let body = text;
  const lastColon = body.lastIndexOf(":");
  if (body.includes(".", lastColon)) {
    // An embedded IPv4 tail (::ffff:1.2.3.4) becomes its two hex groups.
    const v4 = parseIpv4(body.slice(lastColon + 1));
    if (v4 < 0) return undefined;
    body = `${body.slice(0, lastColon + 1)}${(v4 >>> 16).toString(16)}:${
      (v4 & 0xffff).toString(16)
    }`;
  }
  const halves = body.split("::");
  if (halves.length > 2) return undefined;
  const parse = (
    s: string,
  ) => (s === ""
    ? []
    : s.split(":").map((g) => (/^[0-9a-fA-F]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const known = head.length + rest.length;
  if ([...head, ...rest].some(Number.isNaN)) return undefined;
  if (halves.length === 1 ? known !== 8 : known > 7) return undefined;
  return [...head, ...new Array(8 - known).fill(0), ...rest];
}

/** Writes IPv6 text as 16 bytes. */
export function writeIpv6(w: Writer, ip: string, path: string): void {
  const groups = parseIpv6(ip);
  if (!groups) {
    throw new OfpEncodeError(`Expected an IPv6 address like 2001:db8::1, got ${String(ip)}`, path);
  }
  for (const g of groups) w.u16(g, path);
}

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
