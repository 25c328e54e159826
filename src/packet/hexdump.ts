/**
 * Two frames dumped side by side with the differing bytes marked, and the full mismatch
 * report (field differences, then the dump) that data-plane assertions print.
 *
 * @module
 */
import { diff, type DiffOptions, formatDiff, type FrameLike } from "./diff.ts";
import { build } from "./build.ts";

/** Options of {@linkcode hexdumpSideBySide}. */
export interface SideBySideOptions {
  /** Bytes per side per line. Default 16. */
  width?: number;
  /** Dump at most this many bytes of each frame; the rest is summarised. Default 512. */
  max?: number;
}

const HEX: readonly string[] = Array.from(
  { length: 256 },
  (_, i) => i.toString(16).padStart(2, "0"),
);

/**
 * Dumps two frames side by side, `width` bytes of each per line, the expected frame on the
 * left. Every line where they differ ends with `<`, and is followed by a line of `^^` under
 * each differing byte on both sides (a byte only one frame has differs too).
 *
 * @param expected The expected frame.
 * @param actual The frame that came.
 * @param options Line width and the most bytes to show.
 * @returns The dump, lines joined by `\n`.
 * @throws {RangeError} If `width` or `max` is not a positive integer.
 *
 * @example
 * ```ts
 * import { hexdumpSideBySide } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const dump = hexdumpSideBySide(new Uint8Array([1, 2, 3]), new Uint8Array([1, 9, 3]), { width: 4 });
 * assert.equal(
 *   dump,
 *   [
 *     "      expected (3 bytes)  actual (3 bytes)",
 *     "0000  01 02 03    | 01 09 03      <",
 *     "         ^^            ^^",
 *   ].join("\n"),
 * );
 * ```
 */
export function hexdumpSideBySide(
  expected: Uint8Array,
  actual: Uint8Array,
  options: SideBySideOptions = {},
): string {
  const width = options.width ?? 16, max = options.max ?? 512;
  for (const [name, v] of [["width", width], ["max", max]] as const) {
    if (!Number.isInteger(v) || v < 1) {
      throw new RangeError(`Expected ${name} as a positive integer, got ${v}`);
    }
  }
  const side = width * 3; // "xx " per byte
  const head = `expected (${expected.length} bytes)`.padEnd(side);
  const lines = [`      ${head}  actual (${actual.length} bytes)`];
  const longest = Math.max(expected.length, actual.length);
  const shown = Math.min(longest, max);
  for (let row = 0; row < shown; row += width) {
    let left = "", right = "", marks = "", differs = false;
    for (let k = row; k < row + width; k++) {
      const a = k < expected.length && k < shown ? HEX[expected[k]] : "  ";
      const b = k < actual.length && k < shown ? HEX[actual[k]] : "  ";
      const d = k < shown &&
        (k >= expected.length || k >= actual.length || expected[k] !== actual[k]);
      differs ||= d;
      left += a + " ";
      right += b + " ";
      marks += d ? "^^ " : "   ";
    }
    const offset = row.toString(16).padStart(4, "0");
    lines.push(`${offset}  ${left}| ${right}${differs ? "  <" : ""}`.trimEnd());
    if (differs) lines.push(`      ${marks}  ${marks}`.trimEnd());
  }
  if (longest > shown) lines.push(`… ${longest - shown} more bytes not shown`);
  return lines.join("\n");
}

/**
 * The report of a frame mismatch: the differing fields ({@linkcode formatDiff}), then both
 * frames side by side ({@linkcode hexdumpSideBySide}).
 *
 * @param expected The frame the test expected, as bytes or layers.
 * @param actual The frame that came.
 * @param options Paths to ignore and `checksums: false` (as {@linkcode diff}), and the dump's
 *   `width` and `max`.
 * @returns The report, lines joined by `\n`.
 * @throws {TypeError} If a frame is neither bytes nor layers, or its layers do not build.
 * @throws {RangeError} If its layers have a field out of range, or `width`/`max` is bad.
 *
 * @example
 * ```ts
 * import { formatMismatch, simpleTcpPacket } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const report = formatMismatch(simpleTcpPacket(), simpleTcpPacket({ ipTtl: 63 }));
 * assert.match(report, /^ipv4\.ttl: expected 64, got 63$/m);
 * assert.match(report, /^ipv4\.checksum: expected 0x/m);
 * ```
 */
export function formatMismatch(
  expected: FrameLike,
  actual: FrameLike,
  options: DiffOptions & SideBySideOptions = {},
): string {
  const fields = formatDiff(diff(expected, actual, options));
  const bytes = (f: FrameLike) => f instanceof Uint8Array ? f : build(f);
  const dump = hexdumpSideBySide(bytes(expected), bytes(actual), options);
  return `${fields === "" ? "No field differs (beyond the ignored ones)" : fields}\n${dump}`;
}
