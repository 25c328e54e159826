/**
 * OpenFlow 1.3 actions and instructions, as decoded and as built: their types.
 *
 * @module
 */

import type { OxmTlv } from "./oxm_types.ts";

/** OUTPUT: send the packet out of a port. */
export interface ActionOutput {
  /** Discriminant. */
  type: "OUTPUT";
  /** Output port (see `OFPP` for the reserved ports). */
  port: number;
  /** Bytes of the packet to send when `port` is CONTROLLER (`OFPCML.NO_BUFFER`: all). */
  maxLen: number;
}
/** The actions without arguments. */
export interface ActionBare {
  /** Discriminant. */
  type: "COPY_TTL_OUT" | "COPY_TTL_IN" | "DEC_MPLS_TTL" | "POP_VLAN" | "DEC_NW_TTL" | "POP_PBB";
}
/** SET_MPLS_TTL: replace the outermost MPLS TTL. */
export interface ActionSetMplsTtl {
  /** Discriminant. */
  type: "SET_MPLS_TTL";
  /** The TTL (8 bits). */
  mplsTtl: number;
}
/** PUSH_VLAN, PUSH_MPLS, PUSH_PBB and POP_MPLS: each carries an ethertype. */
export interface ActionEthertype {
  /** Discriminant. */
  type: "PUSH_VLAN" | "PUSH_MPLS" | "PUSH_PBB" | "POP_MPLS";
  /** The ethertype of the pushed tag, or for POP_MPLS the ethertype of what is left. */
  ethertype: number;
}
/** SET_QUEUE: the queue of the output port. */
export interface ActionSetQueue {
  /** Discriminant. */
  type: "SET_QUEUE";
  /** Queue id. */
  queueId: number;
}
/** GROUP: process the packet through a group. */
export interface ActionGroup {
  /** Discriminant. */
  type: "GROUP";
  /** Group id. */
  groupId: number;
}
/** SET_NW_TTL: replace the IP TTL (IPv4) or hop limit (IPv6). */
export interface ActionSetNwTtl {
  /** Discriminant. */
  type: "SET_NW_TTL";
  /** The TTL (8 bits). */
  nwTtl: number;
}
/** SET_FIELD: rewrite one header field, given as one OXM TLV (padded to 8 bytes). */
export interface ActionSetField {
  /** Discriminant. */
  type: "SET_FIELD";
  /** The field and value to set. */
  field: OxmTlv;
}
/**
 * An experimenter action: the experimenter id, then the body as bytes (for Nicira, id
 * 0x00002320, the body starts with its 16-bit subtype).
 */
export interface ActionExperimenter {
  /** Discriminant. */
  type: "EXPERIMENTER";
  /** Experimenter id. */
  experimenter: number;
  /** Everything after the experimenter id (zero-padded to 8 bytes on encode). */
  data: Uint8Array;
}
/** An action type this codec does not know (e.g. an OpenFlow 1.1 type), kept as bytes. */
export interface ActionUnknown {
  /** Discriminant. */
  type: "UNKNOWN";
  /** The action type number. */
  actionType: number;
  /** Everything after the 4-byte type/length header (zero-padded to 8 bytes on encode). */
  data: Uint8Array;
}

/** An OpenFlow 1.3 action, discriminated on `type`. */
export type Of13Action =
  | ActionOutput
  | ActionBare
  | ActionSetMplsTtl
  | ActionEthertype
  | ActionSetQueue
  | ActionGroup
  | ActionSetNwTtl
  | ActionSetField
  | ActionExperimenter
  | ActionUnknown;

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
