/**
 * OpenFlow 1.3 instructions: the six standard instructions, experimenter instructions and
 * unknown types, the last two kept byte-exact.
 *
 * @module
 */
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { describe } from "../_addresses.ts";
import { decodeActions, encodeActions, type Of13Action } from "./actions.ts";

/** Instruction types (`ofp_instruction_type`). */
export const OFPIT = {
  GOTO_TABLE: 1,
  WRITE_METADATA: 2,
  WRITE_ACTIONS: 3,
  APPLY_ACTIONS: 4,
  CLEAR_ACTIONS: 5,
  METER: 6,
  EXPERIMENTER: 0xffff,
} as const;
/** A value of {@linkcode OFPIT}. */
export type OFPIT = (typeof OFPIT)[keyof typeof OFPIT];
/** The name of a standard instruction type, e.g. `"APPLY_ACTIONS"`. */
export type Of13InstructionTypeName = keyof typeof OFPIT;

/** GOTO_TABLE: continue in a later table. */
export interface InstructionGotoTable {
  /** Discriminant. */
  type: "GOTO_TABLE";
  /** The next table (8 bits). */
  tableId: number;
}
/** WRITE_METADATA: write the masked bits of the metadata register. */
export interface InstructionWriteMetadata {
  /** Discriminant. */
  type: "WRITE_METADATA";
  /** Metadata value. */
  metadata: bigint;
  /** Which bits to write. */
  metadataMask: bigint;
}
/** WRITE_ACTIONS (merge into the action set) and APPLY_ACTIONS (apply at once). */
export interface InstructionActions {
  /** Discriminant. */
  type: "WRITE_ACTIONS" | "APPLY_ACTIONS";
  /** The actions. */
  actions: Of13Action[];
}
/** CLEAR_ACTIONS: empty the action set. */
export interface InstructionClearActions {
  /** Discriminant. */
  type: "CLEAR_ACTIONS";
}
/** METER: send the packet through a meter. */
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
  /** Everything after the experimenter id (zero-padded to 8 bytes on encode). */
  data: Uint8Array;
}
/** An instruction type this codec does not know, kept as bytes. */
export interface InstructionUnknown {
  /** Discriminant. */
  type: "UNKNOWN";
  /** The instruction type number. */
  instructionType: number;
  /** Everything after the 4-byte type/length header (zero-padded to 8 bytes on encode). */
  data: Uint8Array;
}

/** An OpenFlow 1.3 instruction, discriminated on `type`. */
export type Of13Instruction =
  | InstructionGotoTable
  | InstructionWriteMetadata
  | InstructionActions
  | InstructionClearActions
  | InstructionMeter
  | InstructionExperimenter
  | InstructionUnknown;

const TYPE_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(OFPIT).map(([name, n]) => [n, name]),
);

/**
 * The name of an instruction type.
 *
 * @param type The instruction type number.
 * @returns The spec name without `OFPIT_` (`"GOTO_TABLE"`), or `"INSTRUCTION_<n>"` if unknown.
 */
export function instructionTypeName(type: number): string {
  return TYPE_NAMES.get(type) ?? `INSTRUCTION_${type}`;
}

/** Exact lengths of the fixed-size instructions, indexed by type (0: variable or unknown). */
const FIXED = Uint8Array.of(0, 8, 24, 0, 0, 8, 8);

/**
 * Decodes instructions until `r` is exhausted. Each length must be a multiple of 8 of at
 * least 8, lie inside the list, and equal the size of a fixed-size instruction.
 *
 * @param r Reader bounded to the instruction list.
 * @param path Field path for errors, e.g. `"flow_mod.instructions"`.
 * @returns The instructions.
 * @throws {OfpDecodeError} On a bad or overrunning length, or a malformed action inside.
 */
export function decodeInstructions(r: Reader, path: string): Of13Instruction[] {
  const out: Of13Instruction[] = [];
  const end = r.end, view = r.view;
  while (r.pos < end) {
    const at = r.pos;
    if (at + 4 > end) {
      r.fail(`Instruction header needs 4 bytes, ${end - at} remain`, path + "[].length", at);
    }
    const type = view.getUint16(at);
    const len = view.getUint16(at + 2);
    if (len < 8 || (len & 7) !== 0) {
      r.fail(
        `Instruction length ${len} is not a multiple of 8 of at least 8`,
        path + "[].length",
        at + 2,
      );
    }
    if (at + len > end) {
      r.fail(
        `Instruction of ${len} bytes runs past its list (${end - at} bytes remain)`,
        path + "[].length",
        at + 2,
      );
    }
    if (type < 7 && FIXED[type] !== 0 && len !== FIXED[type]) {
      r.fail(
        `Instruction ${instructionTypeName(type)} has length ${len}, expected ${FIXED[type]}`,
        path + "[].length",
        at + 2,
      );
    }
    const p = at + 4;
    let ins: Of13Instruction;
    switch (type) {
      case 4: // APPLY_ACTIONS
      case 3: // WRITE_ACTIONS
        // The list ends with the instruction: narrow the reader instead of allocating one.
        r.pos = p + 4; // 4 bytes of padding
        r.end = at + len;
        try {
          ins = {
            type: type === 4 ? "APPLY_ACTIONS" : "WRITE_ACTIONS",
            actions: decodeActions(r, path + "[].actions"),
          };
        } finally {
          r.end = end;
        }
        break;
      case 1: // GOTO_TABLE
        ins = { type: "GOTO_TABLE", tableId: r.bytes[p] };
        break;
      case 2: // WRITE_METADATA
        ins = {
          type: "WRITE_METADATA",
          metadata: view.getBigUint64(p + 4),
          metadataMask: view.getBigUint64(p + 12),
        };
        break;
      case 5: // CLEAR_ACTIONS
        ins = { type: "CLEAR_ACTIONS" };
        break;
      case 6: // METER
        ins = { type: "METER", meterId: view.getUint32(p) };
        break;
      case 0xffff:
        ins = {
          type: "EXPERIMENTER",
          experimenter: view.getUint32(p),
          data: r.bytes.subarray(p + 4, at + len),
        };
        break;
      default:
        ins = { type: "UNKNOWN", instructionType: type, data: r.bytes.subarray(p, at + len) };
    }
    out.push(ins);
    r.pos = at + len;
  }
  return out;
}

function checkU(v: unknown, bits: number, what: string, path: string): number {
  if (typeof v !== "number" || !(v >= 0 && v < 2 ** bits) || v % 1 !== 0) {
    throw new OfpEncodeError(
      `Expected ${what} to be an unsigned ${bits}-bit integer, got ${describe(v)}`,
      path,
    );
  }
  return v;
}

function checkData(v: unknown, what: string, path: string): Uint8Array {
  if (!(v instanceof Uint8Array)) {
    throw new OfpEncodeError(`Expected ${what} to be a Uint8Array, got ${describe(v)}`, path);
  }
  return v;
}

/**
 * Encodes a list of instructions; lengths and padding are computed.
 *
 * @param w Writer.
 * @param list The instructions.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} If `list` is not an array, on an unknown instruction type, a
 * field out of range for its width, or an instruction longer than 65535 bytes.
 */
export function encodeInstructions(
  w: Writer,
  list: readonly Of13Instruction[],
  path: string,
): void {
  if (!Array.isArray(list)) {
    throw new OfpEncodeError(`Expected an array of instructions, got ${describe(list)}`, path);
  }
  for (let i = 0; i < list.length; i++) {
    const ins: Of13Instruction = list[i];
    if (ins === null || typeof ins !== "object") {
      throw new OfpEncodeError(`Expected an instruction object, got ${describe(ins)}`, path);
    }
    const start = w.pos;
    switch (ins.type) {
      case "APPLY_ACTIONS":
      case "WRITE_ACTIONS":
        w.ensure(8);
        w.view.setUint32(start, OFPIT[ins.type] << 16); // length patched below
        w.view.setUint32(start + 4, 0);
        w.pos = start + 8;
        encodeActions(w, ins.actions, path);
        w.patchLength16(start + 2, start, path);
        continue;
      case "GOTO_TABLE":
        w.ensure(8);
        w.view.setUint32(start, (OFPIT.GOTO_TABLE << 16) | 8);
        w.view.setUint32(start + 4, checkU(ins.tableId, 8, "GOTO_TABLE tableId", path) << 24);
        w.pos = start + 8;
        continue;
      case "WRITE_METADATA":
        w.ensure(8);
        w.view.setUint32(start, (OFPIT.WRITE_METADATA << 16) | 24);
        w.view.setUint32(start + 4, 0);
        w.pos = start + 8;
        w.u64(ins.metadata, path);
        w.u64(ins.metadataMask, path);
        continue;
      case "CLEAR_ACTIONS":
        w.ensure(8);
        w.view.setUint32(start, (OFPIT.CLEAR_ACTIONS << 16) | 8);
        w.view.setUint32(start + 4, 0);
        w.pos = start + 8;
        continue;
      case "METER":
        w.ensure(8);
        w.view.setUint32(start, (OFPIT.METER << 16) | 8);
        w.view.setUint32(start + 4, checkU(ins.meterId, 32, "METER meterId", path));
        w.pos = start + 8;
        continue;
      case "EXPERIMENTER":
        w.u16(OFPIT.EXPERIMENTER, path);
        w.u16(0, path);
        w.u32(checkU(ins.experimenter, 32, "EXPERIMENTER experimenter", path), path);
        w.bytes(checkData(ins.data, "EXPERIMENTER data", path), path);
        break;
      case "UNKNOWN":
        w.u16(checkU(ins.instructionType, 16, "UNKNOWN instructionType", path), path);
        w.u16(0, path);
        w.bytes(checkData(ins.data, "UNKNOWN data", path), path);
        break;
      default:
        throw new OfpEncodeError(
          `Unknown instruction type ${describe((ins as { type: unknown }).type)}`,
          path,
        );
    }
    w.align(start, 8);
    w.patchLength16(start + 2, start, path);
  }
}

/**
 * APPLY_ACTIONS instruction: apply the actions at once, in order.
 *
 * @param actions The actions.
 * @returns The instruction.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(of13.applyActions([of13.output(2)]), {
 *   type: "APPLY_ACTIONS",
 *   actions: [{ type: "OUTPUT", port: 2, maxLen: 0xffe5 }],
 * });
 * ```
 */
export function applyActions(actions: Of13Action[]): InstructionActions {
  return { type: "APPLY_ACTIONS", actions };
}

/**
 * WRITE_ACTIONS instruction: merge the actions into the action set.
 *
 * @param actions The actions.
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
export function clearActions(): InstructionClearActions {
  return { type: "CLEAR_ACTIONS" };
}

/**
 * GOTO_TABLE instruction.
 *
 * @param tableId The next table.
 * @returns The instruction.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const instructions = [of13.applyActions([of13.popVlan()]), of13.gotoTable(1)];
 * assert.deepEqual(instructions[1], { type: "GOTO_TABLE", tableId: 1 });
 * ```
 */
export function gotoTable(tableId: number): InstructionGotoTable {
  return { type: "GOTO_TABLE", tableId };
}

/**
 * WRITE_METADATA instruction.
 *
 * @param metadata Value.
 * @param metadataMask Which bits to write. Default all 64.
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

/**
 * An experimenter instruction.
 *
 * @param experimenter Experimenter id.
 * @param data The body after the id; padded with zeros to a multiple of 8 on encode.
 * @returns The instruction.
 */
export function experimenterInstruction(
  experimenter: number,
  data: Uint8Array,
): InstructionExperimenter {
  return { type: "EXPERIMENTER", experimenter, data };
}
