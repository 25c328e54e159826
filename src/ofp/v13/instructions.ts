/**
 * OpenFlow 1.3 instructions: all six standard ones, experimenter instructions and unknown
 * types kept byte-exact.
 *
 * @module
 */
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { decodeActions, encodeActions, type Of13Action } from "./actions.ts";
import { OFPIT } from "./constants.ts";

/** GOTO_TABLE. */
export interface InstructionGotoTable {
  /** Discriminant. */
  type: "GOTO_TABLE";
  /** The next table. */
  tableId: number;
}
/** WRITE_METADATA. */
export interface InstructionWriteMetadata {
  /** Discriminant. */
  type: "WRITE_METADATA";
  /** Metadata value. */
  metadata: bigint;
  /** Which bits to write. */
  metadataMask: bigint;
}
/** WRITE_ACTIONS, APPLY_ACTIONS, CLEAR_ACTIONS (whose list is empty). */
export interface InstructionActions {
  /** Discriminant. */
  type: "WRITE_ACTIONS" | "APPLY_ACTIONS" | "CLEAR_ACTIONS";
  /** The actions. */
  actions: Of13Action[];
}
/** METER. */
export interface InstructionMeter {
  /** Discriminant. */
  type: "METER";
  /** Meter id. */
  meterId: number;
}
/** An experimenter instruction, body kept as bytes. */
export interface InstructionExperimenter {
  /** Discriminant. */
  type: "EXPERIMENTER";
  /** Experimenter id. */
  experimenter: number;
  /** Everything after the experimenter id. */
  data: Uint8Array;
}
/** An instruction type this codec does not know, kept as bytes. */
export interface InstructionUnknown {
  /** Discriminant. */
  type: "UNKNOWN";
  /** The instruction type number. */
  instructionType: number;
  /** Everything after the 4-byte header. */
  data: Uint8Array;
}

/** An OpenFlow 1.3 instruction. */
export type Of13Instruction =
  | InstructionGotoTable
  | InstructionWriteMetadata
  | InstructionActions
  | InstructionMeter
  | InstructionExperimenter
  | InstructionUnknown;

const ACTION_LISTS: Record<number, InstructionActions["type"]> = {
  [OFPIT.WRITE_ACTIONS]: "WRITE_ACTIONS",
  [OFPIT.APPLY_ACTIONS]: "APPLY_ACTIONS",
  [OFPIT.CLEAR_ACTIONS]: "CLEAR_ACTIONS",
};

/**
 * Decodes instructions until `r` is exhausted.
 *
 * @param r Reader bounded to the instruction list.
 * @param path Field path for errors.
 * @returns The instructions.
 * @throws {OfpDecodeError} On a bad length or a truncated instruction.
 */
export function decodeInstructions(r: Reader, path: string): Of13Instruction[] {
  const out: Of13Instruction[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const type = r.u16(path);
    const len = r.u16(path);
    if (len < 8 || (len & 7) !== 0) {
      r.fail(`Instruction length ${len} is not a multiple of 8 of at least 8`, path, at + 2);
    }
    if (at + len > r.end) r.fail(`Instruction of ${len} bytes runs past its list`, path, at + 2);
    const fixed = (size: number) => {
      if (len !== size) {
        r.fail(`Instruction ${type} has length ${len}, expected ${size}`, path, at + 2);
      }
    };
    switch (type) {
      case OFPIT.GOTO_TABLE:
        fixed(8);
        out.push({ type: "GOTO_TABLE", tableId: r.u8(path) });
        break;
      case OFPIT.WRITE_METADATA:
        fixed(24);
        r.skip(4, path);
        out.push({ type: "WRITE_METADATA", metadata: r.u64(path), metadataMask: r.u64(path) });
        break;
      case OFPIT.METER:
        fixed(8);
        out.push({ type: "METER", meterId: r.u32(path) });
        break;
      case OFPIT.EXPERIMENTER: {
        const experimenter = r.u32(path);
        out.push({ type: "EXPERIMENTER", experimenter, data: r.bytesView(at + len - r.pos, path) });
        break;
      }
      default:
        if (ACTION_LISTS[type]) {
          r.skip(4, path);
          out.push({
            type: ACTION_LISTS[type],
            actions: decodeActions(r.sub(at + len - r.pos, path), path),
          });
        } else {
          out.push({ type: "UNKNOWN", instructionType: type, data: r.bytesView(len - 4, path) });
        }
    }
    r.pos = at + len;
  }
  return out;
}

/**
 * Encodes a list of instructions (lengths and padding computed).
 *
 * @param w Writer.
 * @param list The instructions.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} On an unknown instruction type or a bad field.
 */
export function encodeInstructions(
  w: Writer,
  list: readonly Of13Instruction[],
  path: string,
): void {
  if (!Array.isArray(list)) throw new OfpEncodeError("Expected an array of instructions", path);
  for (let i = 0; i < list.length; i++) {
    const ins: Of13Instruction = list[i];
    const start = w.pos;
    switch (ins.type) {
      case "GOTO_TABLE":
        w.u16(OFPIT.GOTO_TABLE, path);
        w.u16(0, path);
        w.u8(ins.tableId, path);
        w.zeros(3);
        break;
      case "WRITE_METADATA":
        w.u16(OFPIT.WRITE_METADATA, path);
        w.u16(0, path);
        w.zeros(4);
        w.u64(ins.metadata, path);
        w.u64(ins.metadataMask, path);
        break;
      case "WRITE_ACTIONS":
      case "APPLY_ACTIONS":
      case "CLEAR_ACTIONS":
        w.u16(OFPIT[ins.type], path);
        w.u16(0, path);
        w.zeros(4);
        encodeActions(w, ins.actions ?? [], path);
        break;
      case "METER":
        w.u16(OFPIT.METER, path);
        w.u16(0, path);
        w.u32(ins.meterId, path);
        break;
      case "EXPERIMENTER":
        w.u16(OFPIT.EXPERIMENTER, path);
        w.u16(0, path);
        w.u32(ins.experimenter, path);
        w.bytes(ins.data, path);
        break;
      case "UNKNOWN":
        w.u16(ins.instructionType, path);
        w.u16(0, path);
        w.bytes(ins.data, path);
        break;
      default:
        throw new OfpEncodeError(
          `Unknown instruction type ${String((ins as { type: unknown }).type)}`,
          path,
        );
    }
    w.align(start, 8);
    w.patchLength16(start + 2, start, path);
  }
}

/**
 * APPLY_ACTIONS instruction.
 *
 * @param actions The actions to apply at once.
 * @returns The instruction.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const ins = of13.applyActions([of13.output(2)]);
 * assert.equal(ins.type, "APPLY_ACTIONS");
 * ```
 */
export function applyActions(actions: Of13Action[]): InstructionActions {
  return { type: "APPLY_ACTIONS", actions };
}

/**
 * WRITE_ACTIONS instruction.
 *
 * @param actions The actions to merge into the action set.
 * @returns The instruction.
 */
export function writeActions(actions: Of13Action[]): InstructionActions {
  return { type: "WRITE_ACTIONS", actions };
}

/**
 * CLEAR_ACTIONS instruction.
 *
 * @returns The instruction.
 */
export function clearActions(): InstructionActions {
  return { type: "CLEAR_ACTIONS", actions: [] };
}

/**
 * GOTO_TABLE instruction.
 *
 * @param tableId The next table.
 * @returns The instruction.
 */
export function gotoTable(tableId: number): InstructionGotoTable {
  return { type: "GOTO_TABLE", tableId };
}

/**
 * WRITE_METADATA instruction.
 *
 * @param metadata Value.
 * @param metadataMask Which bits to write. Default all.
 * @returns The instruction.
 */
export function writeMetadata(
  metadata: bigint,
  metadataMask = 0xffff_ffff_ffff_ffffn,
): InstructionWriteMetadata {
  return { type: "WRITE_METADATA", metadata, metadataMask };
}

/**
 * METER instruction.
 *
 * @param meterId The meter to apply.
 * @returns The instruction.
 */
export function meter(meterId: number): InstructionMeter {
  return { type: "METER", meterId };
}
