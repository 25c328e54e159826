/**
 * OpenFlow 1.3 instructions: the six standard instructions, experimenter instructions and
 * unknown types, the last two kept byte-exact.
 *
 * @module
 */

import type {
  InstructionActions,
  InstructionClearActions,
  InstructionExperimenter,
  InstructionGotoTable,
  InstructionMeter,
  InstructionWriteMetadata,
  Of13Action,
} from "./action_types.ts";

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
