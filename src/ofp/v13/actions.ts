// OpenFlow 1.3 actions. (Stub: filled in by the OpenFlow 1.3 match/action work.)
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";

/** An OpenFlow 1.3 action. */
export type Of13Action = { type: string };

/** Decodes actions until `r` is exhausted. */
export function decodeActions(_r: Reader, _path: string): Of13Action[] {
  throw new Error("not implemented");
}

/** Encodes a list of actions. */
export function encodeActions(_w: Writer, _actions: readonly Of13Action[], _path: string): void {
  throw new Error("not implemented");
}
