// How the data plane's assertion errors show frames: the fields that differ, then both frames.
import { hexdump } from "../controller/hexdump.ts";

/** Text for an assertion message: what differs between `expected` and `actual`, and both dumps. */
export function describeMismatch(expected: Uint8Array | undefined, actual: Uint8Array): string {
  if (!expected) return `got:\n${hexdump(actual)}`;
  let at = 0;
  while (at < expected.length && at < actual.length && expected[at] === actual[at]) at++;
  return `first difference at byte ${at} (expected ${expected.length} bytes, got ${actual.length})\n` +
    `expected:\n${hexdump(expected)}\ngot:\n${hexdump(actual)}`;
}
