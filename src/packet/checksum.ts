/**
 * The checksums of the layers: the 16-bit one's-complement internet checksum (RFC 1071) of
 * IPv4, ICMP, ICMPv6, TCP and UDP, and the CRC32c (Castagnoli) of SCTP.
 *
 * @module
 */

/**
 * The folded 16-bit one's-complement sum of `bytes[start..end)`, plus `initial` (a partial sum,
 * e.g. of a pseudo-header). An odd length counts a zero byte after the last.
 * @internal
 */
export function onesSum(bytes: Uint8Array, start: number, end: number, initial: number): number {
  let sum = initial;
  let i = start;
  const even = end - ((end - start) & 1);
  // Sums of 16-bit words stay exact in a double far past any frame length.
  for (; i < even; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (i < end) sum += bytes[i] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + Math.floor(sum / 0x10000);
  return sum;
}

/**
 * The internet checksum (RFC 1071) of `bytes`: the one's complement of the one's-complement
 * sum of its 16-bit words, with `initial` added to the sum first (a pseudo-header's sum). A
 * correct checksum field makes the checksum of the whole header 0.
 *
 * @param bytes The bytes (an odd length counts a zero byte after the last).
 * @param initial A partial one's-complement sum to add, e.g. of a pseudo-header. Default 0.
 * @returns The checksum, 0..0xffff.
 * @throws {TypeError} If `bytes` is not a Uint8Array.
 *
 * @example
 * ```ts
 * import { internetChecksum } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * // RFC 1071's example words 0001 f203 f4f5 f6f7 sum to 0xddf2.
 * const bytes = new Uint8Array([0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7]);
 * assert.equal(internetChecksum(bytes), 0xffff - 0xddf2);
 * ```
 */
export function internetChecksum(bytes: Uint8Array, initial = 0): number {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`Expected a Uint8Array, got ${typeof bytes}`);
  }
  return ~onesSum(bytes, 0, bytes.length, initial) & 0xffff;
}

/** The CRC32c table (reflected polynomial 0x82f63b78). */
const CRC32C: Uint32Array = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/**
 * The CRC32c of `bytes[start..end)`.
 * @internal
 */
export function crc32cRange(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = CRC32C[(crc ^ bytes[i]) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * The CRC32c (Castagnoli, RFC 3309) of `bytes`, as SCTP uses it. SCTP stores it least
 * significant byte first, so the checksum field read big-endian (as Wireshark and scapy
 * show it) is this value byte-swapped.
 *
 * @param bytes The bytes.
 * @returns The CRC, 0..0xffffffff.
 * @throws {TypeError} If `bytes` is not a Uint8Array.
 *
 * @example
 * ```ts
 * import { crc32c } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * assert.equal(crc32c(new TextEncoder().encode("123456789")), 0xe3069283);
 * ```
 */
export function crc32c(bytes: Uint8Array): number {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`Expected a Uint8Array, got ${typeof bytes}`);
  }
  return crc32cRange(bytes, 0, bytes.length);
}
