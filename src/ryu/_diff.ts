// The detail of "Received incorrect packet": which fields differ between the frame the
// pattern expects and the one that came, as the packet library's field diff on one line.
import { diff, formatDiff } from "../packet/mod.ts";

/** Text naming the differing fields between `expected` and `got` (bytes when no field differs). */
export function describeMismatch(expected: Uint8Array, got: Uint8Array): string {
  let text = "";
  try {
    text = formatDiff(diff(expected, got)).split("\n").join("; ");
  } catch {
    // A frame the packet library cannot read: the byte offset says where.
  }
  if (text) return text;
  let at = 0;
  while (at < expected.length && at < got.length && expected[at] === got[at]) at++;
  return `expected ${expected.length} bytes, got ${got.length}; they differ from byte ${at}`;
}
