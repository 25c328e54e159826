/**
 * OpenFlow 1.3 actions: all 16 standard actions, experimenter actions (Nicira's among them)
 * and unknown types kept byte-exact.
 *
 * @module
 */
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { OFPAT, OFPCML } from "./constants.ts";
import { decodeOxm, encodeOxm, type OxmTlv } from "./oxm.ts";

/** OUTPUT: send to a port; `maxLen` bytes go to the controller when the port is CONTROLLER. */
export interface ActionOutput {
  /** Discriminant. */
  type: "OUTPUT";
  /** Output port (see `OFPP` for reserved ports). */
  port: number;
  /** Bytes of the packet to send to the controller (`OFPCML.NO_BUFFER` for all). */
  maxLen: number;
}
/** Actions without arguments. */
export interface ActionBare {
  /** Discriminant. */
  type: "COPY_TTL_OUT" | "COPY_TTL_IN" | "DEC_MPLS_TTL" | "POP_VLAN" | "DEC_NW_TTL" | "POP_PBB";
}
/** SET_MPLS_TTL. */
export interface ActionSetMplsTtl {
  /** Discriminant. */
  type: "SET_MPLS_TTL";
  /** The TTL. */
  mplsTtl: number;
}
/** PUSH_VLAN, PUSH_MPLS, PUSH_PBB, POP_MPLS: carry an ethertype. */
export interface ActionEthertype {
  /** Discriminant. */
  type: "PUSH_VLAN" | "PUSH_MPLS" | "PUSH_PBB" | "POP_MPLS";
  /** The ethertype to push (or, for POP_MPLS, the payload's ethertype). */
  ethertype: number;
}
/** SET_QUEUE. */
export interface ActionSetQueue {
  /** Discriminant. */
  type: "SET_QUEUE";
  /** Queue id. */
  queueId: number;
}
/** GROUP. */
export interface ActionGroup {
  /** Discriminant. */
  type: "GROUP";
  /** Group id. */
  groupId: number;
}
/** SET_NW_TTL. */
export interface ActionSetNwTtl {
  /** Discriminant. */
  type: "SET_NW_TTL";
  /** The TTL. */
  nwTtl: number;
}
/** SET_FIELD: one OXM TLV. */
export interface ActionSetField {
  /** Discriminant. */
  type: "SET_FIELD";
  /** The field and value to set. */
  field: OxmTlv;
}
/** An experimenter action (e.g. Nicira's 0x00002320), body kept as bytes. */
export interface ActionExperimenter {
  /** Discriminant. */
  type: "EXPERIMENTER";
  /** Experimenter id. */
  experimenter: number;
  /** Everything after the experimenter id, padding included. */
  data: Uint8Array;
}
/** An action type this codec does not know, kept as bytes. */
export interface ActionUnknown {
  /** Discriminant. */
  type: "UNKNOWN";
  /** The action type number. */
  actionType: number;
  /** Everything after the 4-byte header. */
  data: Uint8Array;
}

/** An OpenFlow 1.3 action. */
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

const BARE: Record<number, ActionBare["type"]> = {
  [OFPAT.COPY_TTL_OUT]: "COPY_TTL_OUT",
  [OFPAT.COPY_TTL_IN]: "COPY_TTL_IN",
  [OFPAT.DEC_MPLS_TTL]: "DEC_MPLS_TTL",
  [OFPAT.POP_VLAN]: "POP_VLAN",
  [OFPAT.DEC_NW_TTL]: "DEC_NW_TTL",
  [OFPAT.POP_PBB]: "POP_PBB",
};
const ETHERTYPE: Record<number, ActionEthertype["type"]> = {
  [OFPAT.PUSH_VLAN]: "PUSH_VLAN",
  [OFPAT.PUSH_MPLS]: "PUSH_MPLS",
  [OFPAT.PUSH_PBB]: "PUSH_PBB",
  [OFPAT.POP_MPLS]: "POP_MPLS",
};

/**
 * Decodes actions until `r` is exhausted.
 *
 * @param r Reader bounded to the action list.
 * @param path Field path for errors.
 * @returns The actions.
 * @throws {OfpDecodeError} On a bad length or a truncated action.
 */
export function decodeActions(r: Reader, path: string): Of13Action[] {
  const out: Of13Action[] = [];
  while (r.pos < r.end) out.push(decodeAction(r, path));
  return out;
}

function decodeAction(r: Reader, path: string): Of13Action {
  const at = r.pos;
  const type = r.u16(path);
  const len = r.u16(path);
  if (len < 8 || (len & 7) !== 0) {
    r.fail(`Action length ${len} is not a multiple of 8 of at least 8`, path, at + 2);
  }
  if (at + len > r.end) r.fail(`Action of ${len} bytes runs past its list`, path, at + 2);
  const fixed = (size: number) => {
    if (len !== size) r.fail(`Action ${type} has length ${len}, expected ${size}`, path, at + 2);
  };
  let action: Of13Action;
  switch (type) {
    case OFPAT.OUTPUT:
      fixed(16);
      action = { type: "OUTPUT", port: r.u32(path), maxLen: r.u16(path) };
      break;
    case OFPAT.SET_MPLS_TTL:
      fixed(8);
      action = { type: "SET_MPLS_TTL", mplsTtl: r.u8(path) };
      break;
    case OFPAT.SET_NW_TTL:
      fixed(8);
      action = { type: "SET_NW_TTL", nwTtl: r.u8(path) };
      break;
    case OFPAT.SET_QUEUE:
      fixed(8);
      action = { type: "SET_QUEUE", queueId: r.u32(path) };
      break;
    case OFPAT.GROUP:
      fixed(8);
      action = { type: "GROUP", groupId: r.u32(path) };
      break;
    case OFPAT.SET_FIELD: {
      const saved = r.end;
      r.end = at + len;
      try {
        action = { type: "SET_FIELD", field: decodeOxm(r, path) };
      } finally {
        r.end = saved;
      }
      break;
    }
    case OFPAT.EXPERIMENTER: {
      const experimenter = r.u32(path);
      action = { type: "EXPERIMENTER", experimenter, data: r.bytesView(at + len - r.pos, path) };
      break;
    }
    default:
      if (BARE[type]) {
        fixed(8);
        action = { type: BARE[type] };
      } else if (ETHERTYPE[type]) {
        fixed(8);
        action = { type: ETHERTYPE[type], ethertype: r.u16(path) };
      } else {
        action = { type: "UNKNOWN", actionType: type, data: r.bytesView(len - 4, path) };
      }
  }
  r.pos = at + len;
  return action;
}

/**
 * Encodes a list of actions (lengths and padding computed).
 *
 * @param w Writer.
 * @param actions The actions.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} On an unknown action type or a bad field.
 */
export function encodeActions(w: Writer, actions: readonly Of13Action[], path: string): void {
  if (!Array.isArray(actions)) throw new OfpEncodeError("Expected an array of actions", path);
  for (let i = 0; i < actions.length; i++) encodeAction(w, actions[i], path);
}

function encodeAction(w: Writer, a: Of13Action, path: string): void {
  const start = w.pos;
  switch (a.type) {
    case "OUTPUT":
      w.u16(OFPAT.OUTPUT, path);
      w.u16(0, path);
      w.u32(a.port, path);
      w.u16(a.maxLen, path);
      w.zeros(6);
      break;
    case "SET_MPLS_TTL":
      w.u16(OFPAT.SET_MPLS_TTL, path);
      w.u16(0, path);
      w.u8(a.mplsTtl, path);
      w.zeros(3);
      break;
    case "SET_NW_TTL":
      w.u16(OFPAT.SET_NW_TTL, path);
      w.u16(0, path);
      w.u8(a.nwTtl, path);
      w.zeros(3);
      break;
    case "SET_QUEUE":
      w.u16(OFPAT.SET_QUEUE, path);
      w.u16(0, path);
      w.u32(a.queueId, path);
      break;
    case "GROUP":
      w.u16(OFPAT.GROUP, path);
      w.u16(0, path);
      w.u32(a.groupId, path);
      break;
    case "SET_FIELD":
      w.u16(OFPAT.SET_FIELD, path);
      w.u16(0, path);
      encodeOxm(w, a.field, path);
      break;
    case "EXPERIMENTER":
      w.u16(OFPAT.EXPERIMENTER, path);
      w.u16(0, path);
      w.u32(a.experimenter, path);
      w.bytes(a.data, path);
      break;
    case "UNKNOWN":
      w.u16(a.actionType, path);
      w.u16(0, path);
      w.bytes(a.data, path);
      break;
    case "PUSH_VLAN":
    case "PUSH_MPLS":
    case "PUSH_PBB":
    case "POP_MPLS":
      w.u16(OFPAT[a.type], path);
      w.u16(0, path);
      w.u16(a.ethertype, path);
      w.zeros(2);
      break;
    case "COPY_TTL_OUT":
    case "COPY_TTL_IN":
    case "DEC_MPLS_TTL":
    case "POP_VLAN":
    case "DEC_NW_TTL":
    case "POP_PBB":
      w.u16(OFPAT[a.type], path);
      w.u16(0, path);
      w.zeros(4);
      break;
    default:
      throw new OfpEncodeError(
        `Unknown action type ${String((a as { type: unknown }).type)}`,
        path,
      );
  }
  w.align(start, 8);
  w.patchLength16(start + 2, start, path);
}

/**
 * OUTPUT action.
 *
 * @param port Output port.
 * @param maxLen Bytes to send to the controller. Default `OFPCML.MAX` (0xffe5).
 * @returns The action.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(of13.output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER), {
 *   type: "OUTPUT", port: 0xfffffffd, maxLen: 0xffff,
 * });
 * ```
 */
export function output(port: number, maxLen: number = OFPCML.MAX): ActionOutput {
  return { type: "OUTPUT", port, maxLen };
}

/**
 * SET_FIELD action.
 *
 * @param field The OXM TLV to set, e.g. `{ field: "eth_dst", value: "00:00:00:00:00:01" }`.
 * @returns The action.
 */
export function setField(field: OxmTlv): ActionSetField {
  return { type: "SET_FIELD", field };
}

/**
 * PUSH_VLAN action.
 *
 * @param ethertype 0x8100 (default) or 0x88a8.
 * @returns The action.
 */
export function pushVlan(ethertype = 0x8100): ActionEthertype {
  return { type: "PUSH_VLAN", ethertype };
}

/**
 * GROUP action.
 *
 * @param groupId The group to process the packet through.
 * @returns The action.
 */
export function group(groupId: number): ActionGroup {
  return { type: "GROUP", groupId };
}
