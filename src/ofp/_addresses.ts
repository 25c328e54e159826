// Text forms of Ethernet, IPv4 and IPv6 addresses, shared by every wire version. They run
// per field on the decode path (a packet-in's match, a flow-stats reply of thousands of
// flows), so formatting uses a precomputed hex table and string concatenation, and parsing
// is a hand-written scanner rather than regex/split/map chains.
import type { Reader } from "./_reader.ts";
import type { Writer } from "./_writer.ts";
import { OfpEncodeError } from "./errors.ts";

/** Two lowercase hex digits for each byte value. */
const HEX2: readonly string[] = (() => {
  const out: string[] = new Array(256);
  for (let i = 0; i < 256; i++) out[i] = (i < 16 ? "0" : "") + i.toString(16);
  return out;
})();

/** Lowercase hex, no leading zeros, for each byte value (used to build IPv6 groups). */
const HEX1: readonly string[] = (() => {
  const out: string[] = new Array(256);
  for (let i = 0; i < 256; i++) out[i] = i.toString(16);
  return out;
})();

/** Decimal text of each byte value. */
const DEC: readonly string[] = (() => {
  const out: string[] = new Array(256);
  for (let i = 0; i < 256; i++) out[i] = String(i);
  return out;
})();

/**
 * Formats 6 bytes as a lowercase Ethernet address.
 *
 * @param b The bytes.
 * @param p Offset of the first byte.
 * @returns Text like `"00:1b:21:3c:4d:5e"`.
 */
export function macText(b: Uint8Array, p: number): string {
  return HEX2[b[p]] + ":" + HEX2[b[p + 1]] + ":" + HEX2[b[p + 2]] + ":" + HEX2[b[p + 3]] +
    ":" + HEX2[b[p + 4]] + ":" + HEX2[b[p + 5]];
}

/**
 * Formats 4 bytes as dotted-decimal IPv4.
 *
 * @param b The bytes.
 * @param p Offset of the first byte.
 * @returns Text like `"10.0.0.1"`.
 */
export function ipv4Text(b: Uint8Array, p: number): string {
  return DEC[b[p]] + "." + DEC[b[p + 1]] + "." + DEC[b[p + 2]] + "." + DEC[b[p + 3]];
}

/** One 16-bit group as lowercase hex without leading zeros. */
function group(hi: number, lo: number): string {
  return hi === 0 ? HEX1[lo] : HEX1[hi] + HEX2[lo];
}

/**
 * Formats 16 bytes as IPv6 text in the RFC 5952 canonical form: lowercase, no leading
 * zeros, the longest run of two or more zero groups (the first on a tie) shown as `::`.
 * IPv4-mapped addresses are written in hex like any other (`::ffff:a00:1`), as
 * ovs-ofctl prints them in OXM fields.
 *
 * @param b The bytes.
 * @param p Offset of the first byte.
 * @returns Text like `"2001:db8::1"`.
 */
export function ipv6Text(b: Uint8Array, p: number): string {
  // Longest zero run, in groups; a single zero group is never compressed (RFC 5952 4.2.2).
  let bestAt = -1, bestLen = 1, runAt = -1;
  for (let i = 0; i < 8; i++) {
    if (b[p + 2 * i] === 0 && b[p + 2 * i + 1] === 0) {
      if (runAt < 0) runAt = i;
      if (i - runAt + 1 > bestLen) {
        bestAt = runAt;
        bestLen = i - runAt + 1;
      }
    } else {
      runAt = -1;
    }
  }
  let s = "";
  for (let i = 0; i < 8; i++) {
    if (i === bestAt) {
      s += "::";
      i += bestLen - 1;
      continue;
    }
    if (s.length > 0 && s.charCodeAt(s.length - 1) !== 58) s += ":";
    s += group(b[p + 2 * i], b[p + 2 * i + 1]);
  }
  return s;
}

/** Value of a hex digit's char code, or -1. */
function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48; // 0-9
  if (c >= 97 && c <= 102) return c - 87; // a-f
  if (c >= 65 && c <= 70) return c - 55; // A-F
  return -1;
}

// Encoders parse the same few addresses over and over (a flow-mod's match, message after
// message): the last text parsed and its value are kept, and the same string is answered
// without parsing it again.
const NONE: unique symbol = Symbol("none");
let lastMac: string | typeof NONE = NONE;
const lastMacBytes = new Uint8Array(6);
let lastIpv4: string | typeof NONE = NONE;
let lastIpv4Value = 0;

/**
 * Parses `"aa:bb:cc:dd:ee:ff"` (either case) into 6 bytes of `out` at `at`.
 *
 * @param text The address.
 * @param out Destination.
 * @param at Offset of the first byte in `out`.
 * @returns Whether `text` was a valid address (`out` is left partly written if not).
 */
export function parseMac(text: string, out: Uint8Array, at: number): boolean {
  if (text === lastMac) {
    const c = lastMacBytes;
    out[at] = c[0], out[at + 1] = c[1], out[at + 2] = c[2], out[at + 3] = c[3];
    out[at + 4] = c[4], out[at + 5] = c[5];
    return true;
  }
  if (typeof text !== "string" || text.length !== 17) return false;
  for (let i = 0; i < 6; i++) {
    const k = 3 * i;
    const hi = hexValue(text.charCodeAt(k));
    const lo = hexValue(text.charCodeAt(k + 1));
    if (hi < 0 || lo < 0 || (i < 5 && text.charCodeAt(k + 2) !== 58)) return false;
    out[at + i] = (hi << 4) | lo;
  }
  lastMacBytes.set(out.subarray(at, at + 6));
  lastMac = text;
  return true;
}

/**
 * Parses dotted-decimal IPv4 text. Each part is 0..255 in plain decimal; leading zeros are
 * refused because some parsers read them as octal.
 *
 * @param text The address.
 * @param from Index of the first character to parse (default 0).
 * @returns The address as an unsigned 32-bit number, or -1 if `text` is not an address.
 */
export function parseIpv4(text: string, from = 0): number {
  if (text === lastIpv4 && from === 0) return lastIpv4Value;
  if (typeof text !== "string") return -1;
  const n = text.length;
  let value = 0, parts = 0, i = from;
  while (parts < 4) {
    let part = 0, digits = 0;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      if (digits === 1 && part === 0) return -1; // leading zero
      part = part * 10 + (c - 48);
      digits++;
      i++;
    }
    if (digits === 0 || digits > 3 || part > 255) return -1;
    value = value * 256 + part;
    parts++;
    if (parts < 4) {
      if (i >= n || text.charCodeAt(i) !== 46) return -1;
      i++;
    }
  }
  if (i !== n) return -1;
  if (from === 0) {
    lastIpv4 = text;
    lastIpv4Value = value;
  }
  return value;
}

/** Scratch space for IPv6 parsing: the groups before and after `::`. */
const GROUPS = new Uint16Array(8);

/**
 * Parses IPv6 text in any RFC 4291 form (full, `::`-compressed, either case, with an
 * embedded dotted IPv4 tail like `::ffff:10.0.0.1`) into 16 bytes of `out` at `at`.
 *
 * @param text The address.
 * @param out Destination.
 * @param at Offset of the first byte in `out`.
 * @returns Whether `text` was a valid address (`out` is untouched if not).
 */
export function parseIpv6(text: string, out: Uint8Array, at: number): boolean {
  if (typeof text !== "string") return false;
  const n = text.length;
  if (n < 2 || n > 45) return false;
  let count = 0, gap = -1, i = 0;
  if (text.charCodeAt(0) === 58) {
    if (text.charCodeAt(1) !== 58) return false; // a lone leading colon
    gap = 0;
    i = 2;
  }
  while (i < n) {
    let j = i, v = 0;
    while (j < n && j - i < 5) {
      const h = hexValue(text.charCodeAt(j));
      if (h < 0) break;
      v = v * 16 + h;
      j++;
    }
    if (j < n && text.charCodeAt(j) === 46) {
      // An IPv4 tail takes the last two groups and ends the address.
      if (count > 6) return false;
      const v4 = parseIpv4(text, i);
      if (v4 < 0) return false;
      GROUPS[count++] = v4 >>> 16;
      GROUPS[count++] = v4 & 0xffff;
      i = n;
      break;
    }
    if (j === i || j - i > 4 || count === 8) return false;
    GROUPS[count++] = v;
    if (j === n) {
      i = n;
      break;
    }
    if (text.charCodeAt(j) !== 58) return false;
    j++;
    if (j < n && text.charCodeAt(j) === 58) {
      if (gap >= 0) return false; // a second "::"
      gap = count;
      j++;
    } else if (j === n) {
      return false; // a lone trailing colon
    }
    i = j;
  }
  if (gap < 0 ? count !== 8 : count > 7) return false;
  // Groups before the gap, zeros, then the groups after it aligned to the end.
  const tail = gap < 0 ? 0 : count - gap;
  const head = count - tail;
  for (let g = 0; g < 8; g++) {
    const v = g < head ? GROUPS[g] : g >= 8 - tail ? GROUPS[head + g - (8 - tail)] : 0;
    out[at + 2 * g] = v >>> 8;
    out[at + 2 * g + 1] = v & 0xff;
  }
  return true;
}

/**
 * Reads 6 bytes as a lowercase Ethernet address.
 *
 * @param r Reader.
 * @param path Field path for errors.
 * @returns Text like `"00:1b:21:3c:4d:5e"`.
 * @throws {OfpDecodeError} If fewer than 6 bytes remain.
 */
export function readMac(r: Reader, path: string): string {
  r.need(6, path);
  const s = macText(r.bytes, r.pos);
  r.pos += 6;
  return s;
}

/**
 * Writes `"aa:bb:cc:dd:ee:ff"` as 6 bytes.
 *
 * @param w Writer.
 * @param mac The address.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} If `mac` is not an Ethernet address.
 */
export function writeMac(w: Writer, mac: string, path: string): void {
  w.ensure(6);
  if (!parseMac(mac, w.buf, w.pos)) {
    throw new OfpEncodeError(
      `Expected an Ethernet address like 00:1b:21:3c:4d:5e, got ${describe(mac)}`,
      path,
    );
  }
  w.pos += 6;
}

/**
 * Reads 4 bytes as dotted-decimal IPv4.
 *
 * @param r Reader.
 * @param path Field path for errors.
 * @returns Text like `"10.0.0.1"`.
 * @throws {OfpDecodeError} If fewer than 4 bytes remain.
 */
export function readIpv4(r: Reader, path: string): string {
  r.need(4, path);
  const s = ipv4Text(r.bytes, r.pos);
  r.pos += 4;
  return s;
}

/**
 * Writes dotted-decimal IPv4 text as 4 bytes.
 *
 * @param w Writer.
 * @param ip The address.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} If `ip` is not an IPv4 address.
 */
export function writeIpv4(w: Writer, ip: string, path: string): void {
  const v = parseIpv4(ip);
  if (v < 0) {
    throw new OfpEncodeError(`Expected an IPv4 address like 10.0.0.1, got ${describe(ip)}`, path);
  }
  w.ensure(4);
  w.view.setUint32(w.pos, v);
  w.pos += 4;
}

/**
 * Reads 16 bytes as RFC 5952 IPv6 text.
 *
 * @param r Reader.
 * @param path Field path for errors.
 * @returns Text like `"2001:db8::1"`.
 * @throws {OfpDecodeError} If fewer than 16 bytes remain.
 */
export function readIpv6(r: Reader, path: string): string {
  r.need(16, path);
  const s = ipv6Text(r.bytes, r.pos);
  r.pos += 16;
  return s;
}

/**
 * Writes IPv6 text (any RFC 4291 form) as 16 bytes.
 *
 * @param w Writer.
 * @param ip The address.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} If `ip` is not an IPv6 address.
 */
export function writeIpv6(w: Writer, ip: string, path: string): void {
  w.ensure(16);
  if (!parseIpv6(ip, w.buf, w.pos)) {
    throw new OfpEncodeError(
      `Expected an IPv6 address like 2001:db8::1, got ${describe(ip)}`,
      path,
    );
  }
  w.pos += 16;
}

/** A value for an error message: strings quoted, everything else by type. */
export function describe(v: unknown): string {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "number" || typeof v === "boolean" || v == null) return String(v);
  return Array.isArray(v) ? "an array" : `a value of type ${typeof v}`;
}
