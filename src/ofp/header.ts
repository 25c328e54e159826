/**
 * The OpenFlow header shared by every version, and wire-protocol version numbers.
 *
 * @module
 */
import type { Writer } from "./_writer.ts";

/** OpenFlow wire-protocol versions (`ofp_header.version`). */
export const OFP_VERSION = {
  OF10: 0x01,
  OF11: 0x02,
  OF12: 0x03,
  OF13: 0x04,
  OF14: 0x05,
  OF15: 0x06,
} as const;

/** Name of a wire-protocol version: `"OF10"`, `"OF13"`, ... */
export type OfpVersionName = keyof typeof OFP_VERSION;

/** The IANA-assigned OpenFlow TCP port (every version). */
export const OFP_TCP_PORT = 6653;

/** Size of `ofp_header` in bytes: version, type, length, xid. */
export const OFP_HEADER_LEN = 8;

/** The four fields of `ofp_header`. */
export interface OfpHeader {
  /** Wire-protocol version. */
  version: number;
  /** Message type number (its meaning depends on the version). */
  type: number;
  /** Length of the whole message in bytes, header included. */
  length: number;
  /** Transaction id. */
  xid: number;
}

/**
 * Reads the header at `offset` of `bytes` without validating anything but its presence.
 *
 * @param bytes Bytes holding at least 8 bytes from `offset`.
 * @param offset Where the header starts.
 * @returns The header fields.
 * @throws {RangeError} If fewer than 8 bytes are available.
 *
 * @example
 * ```ts
 * import { readHeader } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const h = readHeader(new Uint8Array([4, 2, 0, 8, 0, 0, 0, 7]));
 * assert.deepEqual(h, { version: 4, type: 2, length: 8, xid: 7 });
 * ```
 */
export function readHeader(bytes: Uint8Array, offset = 0): OfpHeader {
  if (offset < 0 || offset + OFP_HEADER_LEN > bytes.length) {
    throw new RangeError(
      `Cannot read the OpenFlow header: need 8 bytes at offset ${offset}, have ${
        bytes.length - offset
      }`,
    );
  }
  return {
    version: bytes[offset],
    type: bytes[offset + 1],
    length: (bytes[offset + 2] << 8) | bytes[offset + 3],
    xid: ((bytes[offset + 4] << 24) | (bytes[offset + 5] << 16) | (bytes[offset + 6] << 8) |
      bytes[offset + 7]) >>> 0,
  };
}

/** Writes a header with a zero length; returns where it starts, for {@linkcode endMessage}. @internal */
export function beginMessage(w: Writer, version: number, type: number, xid: number): number {
  const start = w.pos;
  w.u8(version, "header.version");
  w.u8(type, "header.type");
  w.u16(0, "header.length");
  w.u32(xid, "header.xid");
  return start;
}

/** Back-patches the header's length field once the body is written. @internal */
export function endMessage(w: Writer, start: number): void {
  w.patchLength16(start + 2, start, "header.length");
}
