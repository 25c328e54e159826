// Structures identical in OpenFlow 1.0 and 1.3: the switch description and the aggregate reply.
import type { Reader } from "./_reader.ts";
import type { Writer } from "./_writer.ts";
import { readFixedString, writeFixedString } from "./_fixed_string.ts";
import { type Layout, layout } from "./_layout.ts";

/** The aggregate stats reply body, the same in both versions. */
export const AGGREGATE_REPLY: Layout = layout(["packetCount", "u64"], ["byteCount", "u64"], [
  "flowCount",
  "u32",
], 4);

/** The five strings of `ofp_desc`. */
export interface DescStrings {
  mfrDesc: string;
  hwDesc: string;
  swDesc: string;
  serialNum: string;
  dpDesc: string;
}

const DESC_SIZES = [["mfrDesc", 256], ["hwDesc", 256], ["swDesc", 256], ["serialNum", 32], [
  "dpDesc",
  256,
]] as const;

/** Reads `ofp_desc` (1056 bytes). */
export function readDesc(r: Reader, path: string): DescStrings {
  const d = {} as DescStrings;
  for (const [name, size] of DESC_SIZES) d[name] = readFixedString(r, size, path);
  return d;
}

/** Writes `ofp_desc`. */
export function writeDesc(w: Writer, d: DescStrings, path: string): void {
  for (const [name, size] of DESC_SIZES) writeFixedString(w, d[name], size, `${path}.${name}`);
}
