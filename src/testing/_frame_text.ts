// How the data plane's assertion errors show frames: the fields that differ (the packet
// library's diff), then both frames side by side.
import { formatMismatch, hexdumpSideBySide } from "../packet/mod.ts";
import { hexdump } from "../controller/hexdump.ts";

/** Text for an assertion message: what differs between `expected` and `actual`, and both dumps. */
export function describeMismatch(expected: Uint8Array | undefined, actual: Uint8Array): string {
  if (!expected) return `got:\n${hexdump(actual)}`;
  try {
    return formatMismatch(expected, actual);
  } catch {
    // A frame the packet library cannot read as layers: bytes only.
    return hexdumpSideBySide(expected, actual);
  }
}
