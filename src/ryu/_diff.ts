// The detail of "Received incorrect packet": which fields differ between the frame the
// pattern expects and the one that came, as the packet library's field diff.
import type { Layer } from "../packet/layers.ts";

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

/** Text naming the differing fields (or bytes) between `expected` and `got`. */
export function describeMismatch(
  _expectedLayers: readonly Layer[],
  expected: Uint8Array,
  got: Uint8Array,
): string {
  let at = 0;
  while (at < expected.length && at < got.length && expected[at] === got[at]) at++;
  return `expected ${expected.length} bytes, got ${got.length}; first difference at byte ${at}\n exp ${
    hex(expected)
  }\n got ${hex(got)}`;
}
