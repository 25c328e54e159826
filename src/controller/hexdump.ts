/**
 * A hex dump of bytes, as used when logging bad frames.
 *
 * @module
 */

/** Options of {@linkcode hexdump}. */
export interface HexdumpOptions {
  /** Bytes per line. Default 16. */
  width?: number;
  /** Dump at most this many bytes; the rest is summarised in a last line. Default 512. */
  max?: number;
}

/**
 * Formats bytes as an offset/hex/ASCII dump, one line per `width` bytes (OFTest's `hex_dump_buffer`).
 *
 * @param bytes The bytes to dump.
 * @param options Line width and the most bytes to show.
 * @returns The dump, lines joined by `\n`; an empty string for no bytes.
 *
 * @example
 * ```ts
 * import { hexdump } from "@oftest/oftest";
 * import assert from "node:assert/strict";
 *
 * assert.equal(
 *   hexdump(new Uint8Array([4, 0, 0, 8, 0, 0, 0, 0x41])),
 *   "0000  04 00 00 08 00 00 00 41                          |.......A|",
 * );
 * ```
 */
export function hexdump(bytes: Uint8Array, options: HexdumpOptions = {}): string {
  const width = options.width ?? 16;
  const max = options.max ?? 512;
  if (!Number.isInteger(width) || width < 1) {
    throw new RangeError(`Expected a positive integer width, got ${width}`);
  }
  const shown = Math.min(bytes.length, Math.max(0, max));
  const lines: string[] = [];
  for (let at = 0; at < shown; at += width) {
    const end = Math.min(at + width, shown);
    let hex = "";
    let text = "";
    for (let i = at; i < at + width; i++) {
      if (i < end) {
        const b = bytes[i];
        hex += b.toString(16).padStart(2, "0") + " ";
        text += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : ".";
      } else {
        hex += "   ";
      }
    }
    lines.push(`${at.toString(16).padStart(4, "0")}  ${hex} |${text}|`);
  }
  if (shown < bytes.length) lines.push(`... ${bytes.length - shown} more bytes`);
  return lines.join("\n");
}
