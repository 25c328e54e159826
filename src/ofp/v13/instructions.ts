// OpenFlow 1.3 instructions. (Stub: filled in by the OpenFlow 1.3 match/action work.)
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";

/** An OpenFlow 1.3 instruction. */
export type Of13Instruction = { type: string };

/** Decodes instructions until `r` is exhausted. */
export function decodeInstructions(_r: Reader, _path: string): Of13Instruction[] {
  throw new Error("not implemented");
}

/** Encodes a list of instructions. */
export function encodeInstructions(
  _w: Writer,
  _list: readonly Of13Instruction[],
  _path: string,
): void {
  throw new Error("not implemented");
}
