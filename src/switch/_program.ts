// A flow's instructions, compiled: what runs, in the spec's instruction order (meter, apply,
// clear, write, write-metadata, goto-table; OpenFlow 1.3 §5.9).
import type { Of13Instruction, Of13Match } from "../ofp/mod.ts";
import {
  type Act,
  type ActionEnv,
  compileActions13,
  factsOf,
  groupsOf,
  outputsOf,
} from "./_actions.ts";
import { refuse } from "./_refusal.ts";

/** Compiled instructions. */
export interface Program {
  /** Meter id, 0 for none. */
  meter: number;
  /** Actions applied at once. */
  apply: Act[] | undefined;
  /** Whether the action set is cleared. */
  clear: boolean;
  /** Actions merged into the action set. */
  write: Act[] | undefined;
  /** Metadata words to write: value hi, lo, mask hi, lo. */
  metadata: Int32Array | undefined;
  /** Next table, -1 for none. */
  goto: number;
  /** Ports output to (apply and write), for out_port filters. */
  outputs: number[];
  /** Groups sent to, for out_group filters and reference counts. */
  groups: number[];
}

/** What compiling instructions needs to know about the switch. */
export interface ProgramEnv extends ActionEnv {
  /** Tables in the pipeline. */
  readonly nTables: number;
  /** Whether a meter exists. */
  hasMeter(meter: number): boolean;
}

/**
 * Compiles and validates OpenFlow 1.3 instructions of a flow in `tableId`.
 *
 * @throws {Refusal} OFPET_BAD_INSTRUCTION, OFPET_BAD_ACTION or OFPET_METER_MOD_FAILED.
 */
export function compileInstructions(
  instructions: readonly Of13Instruction[],
  tableId: number,
  match: Of13Match,
  env: ProgramEnv,
): Program {
  const p: Program = {
    meter: 0,
    apply: undefined,
    clear: false,
    write: undefined,
    metadata: undefined,
    goto: -1,
    outputs: [],
    groups: [],
  };
  const seen = new Set<string>();
  // The order of execution, not of the list, decides what a set-field may rely on.
  const order = [
    "METER",
    "APPLY_ACTIONS",
    "CLEAR_ACTIONS",
    "WRITE_ACTIONS",
    "WRITE_METADATA",
    "GOTO_TABLE",
  ];
  const sorted = [...instructions].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  const facts = factsOf(match);
  for (const ins of sorted) {
    if (seen.has(ins.type)) {
      throw refuse("BAD_INSTRUCTION", "UNSUP_INST", `Instruction ${ins.type} appears twice`);
    }
    seen.add(ins.type);
    switch (ins.type) {
      case "METER":
        if (!env.hasMeter(ins.meterId)) {
          throw refuse("METER_MOD_FAILED", "UNKNOWN_METER", `Meter ${ins.meterId} does not exist`);
        }
        p.meter = ins.meterId;
        break;
      case "APPLY_ACTIONS":
        p.apply = compileActions13(ins.actions, env, facts);
        break;
      case "CLEAR_ACTIONS":
        p.clear = true;
        break;
      case "WRITE_ACTIONS":
        p.write = compileActions13(ins.actions, env, new Map(facts));
        break;
      case "WRITE_METADATA": {
        const w = new Int32Array(4);
        w[0] = Number((ins.metadata >> 32n) & 0xffffffffn) | 0;
        w[1] = Number(ins.metadata & 0xffffffffn) | 0;
        w[2] = Number((ins.metadataMask >> 32n) & 0xffffffffn) | 0;
        w[3] = Number(ins.metadataMask & 0xffffffffn) | 0;
        p.metadata = w;
        break;
      }
      case "GOTO_TABLE":
        if (ins.tableId <= tableId || ins.tableId >= env.nTables) {
          throw refuse(
            "BAD_INSTRUCTION",
            "BAD_TABLE_ID",
            `Goto-table ${ins.tableId} from table ${tableId}: must be a later table below ${env.nTables}`,
          );
        }
        p.goto = ins.tableId;
        break;
      case "EXPERIMENTER":
        throw refuse(
          "BAD_INSTRUCTION",
          "BAD_EXPERIMENTER",
          `Experimenter instruction 0x${ins.experimenter.toString(16)} is not supported`,
        );
      default:
        throw refuse(
          "BAD_INSTRUCTION",
          "UNKNOWN_INST",
          `Instruction type ${ins.instructionType} is unknown`,
        );
    }
  }
  const all = [...(p.apply ?? []), ...(p.write ?? [])];
  p.outputs = outputsOf(all);
  p.groups = groupsOf(all);
  return p;
}

/** An OpenFlow 1.0 action list as a program: apply the actions, nothing else. */
export function actionsProgram(acts: Act[]): Program {
  return {
    meter: 0,
    apply: acts,
    clear: false,
    write: undefined,
    metadata: undefined,
    goto: -1,
    outputs: outputsOf(acts),
    groups: groupsOf(acts),
  };
}
