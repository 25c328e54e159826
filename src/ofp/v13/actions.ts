/**
 * OpenFlow 1.3 actions: the sixteen standard actions, experimenter actions (the Nicira
 * actions Open vSwitch writes among them) and unknown types, the last two kept byte-exact.
 *
 * @module
 */
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { describe } from "../_addresses.ts";
import { decodeOxmIn, encodeOxm, oxm, type OxmTlv } from "./oxm.ts";
import type { OxmFieldName, OxmValue } from "./oxm_fields.ts";
import { OFPCML } from "./ports.ts";

/** Action types (`ofp_action_type`). */
export const OFPAT = {
  OUTPUT: 0,
  COPY_TTL_OUT: 11,
  COPY_TTL_IN: 12,
  SET_MPLS_TTL: 15,
  DEC_MPLS_TTL: 16,
  PUSH_VLAN: 17,
  POP_VLAN: 18,
  PUSH_MPLS: 19,
  POP_MPLS: 20,
  SET_QUEUE: 21,
  GROUP: 22,
  SET_NW_TTL: 23,
  DEC_NW_TTL: 24,
  SET_FIELD: 25,
  PUSH_PBB: 26,
  POP_PBB: 27,
  EXPERIMENTER: 0xffff,
} as const;
/** A value of {@linkcode OFPAT}. */
export type OFPAT = (typeof OFPAT)[keyof typeof OFPAT];
/** The name of a standard action type, e.g. `"OUTPUT"`. */
export type Of13ActionTypeName = keyof typeof OFPAT;

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

// Per-type tables indexed by action number (0..27): the decode loop does no string lookups.
const NAMES: (Of13ActionTypeName | undefined)[] = new Array(28);
for (const [name, n] of Object.entries(OFPAT)) if (n < 28) NAMES[n] = name as Of13ActionTypeName;
/** Exact length of each fixed-size action; 0 for variable (SET_FIELD) or undefined types. */
const FIXED = new Uint8Array(28);
for (const [name, n] of Object.entries(OFPAT)) {
  if (n < 28 && name !== "SET_FIELD") FIXED[n] = name === "OUTPUT" ? 16 : 8;
}

const TYPE_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(OFPAT).map(([name, n]) => [n, name]),
);

/**
 * The name of an action type.
 *
 * @param type The action type number.
 * @returns The spec name without `OFPAT_` (`"SET_FIELD"`), or `"ACTION_<n>"` if unknown.
 */
export function actionTypeName(type: number): string {
  return TYPE_NAMES.get(type) ?? `ACTION_${type}`;
}

/**
 * Decodes actions until `r` is exhausted. Each action's length must be a multiple of 8 of
 * at least 8, lie inside the list, and equal the size of a fixed-size action.
 *
 * @param r Reader bounded to the action list.
 * @param path Field path for errors, e.g. `"packet_out.actions"`.
 * @returns The actions.
 * @throws {OfpDecodeError} On a bad or overrunning length or a malformed SET_FIELD OXM.
 */
export function decodeActions(r: Reader, path: string): Of13Action[] {
  const out: Of13Action[] = [];
  const end = r.end, view = r.view;
  while (r.pos < end) {
    const at = r.pos;
    if (at + 4 > end) {
      r.fail(`Action header needs 4 bytes, ${end - at} remain`, path + "[].length", at);
    }
    const type = view.getUint16(at);
    const len = view.getUint16(at + 2);
    if (len < 8 || (len & 7) !== 0) {
      r.fail(
        `Action length ${len} is not a multiple of 8 of at least 8`,
        path + "[].length",
        at + 2,
      );
    }
    if (at + len > end) {
      r.fail(
        `Action of ${len} bytes runs past its list (${end - at} bytes remain)`,
        path + "[].length",
        at + 2,
      );
    }
    const name = type < 28 ? NAMES[type] : undefined;
    if (name !== undefined && FIXED[type] !== 0 && len !== FIXED[type]) {
      r.fail(
        `Action ${name} has length ${len}, expected ${FIXED[type]}`,
        path + "[].length",
        at + 2,
      );
    }
    const p = at + 4;
    let action: Of13Action;
    switch (name) {
      case "OUTPUT":
        action = { type: "OUTPUT", port: view.getUint32(p), maxLen: view.getUint16(p + 4) };
        break;
      case "SET_FIELD":
        r.pos = p;
        // The OXM must fit the action; what follows it up to `len` is padding.
        action = { type: "SET_FIELD", field: decodeOxmIn(r, at + len, path) };
        break;
      case "PUSH_VLAN":
      case "PUSH_MPLS":
      case "PUSH_PBB":
      case "POP_MPLS":
        action = { type: name, ethertype: view.getUint16(p) };
        break;
      case "SET_QUEUE":
        action = { type: "SET_QUEUE", queueId: view.getUint32(p) };
        break;
      case "GROUP":
        action = { type: "GROUP", groupId: view.getUint32(p) };
        break;
      case "SET_MPLS_TTL":
        action = { type: "SET_MPLS_TTL", mplsTtl: r.bytes[p] };
        break;
      case "SET_NW_TTL":
        action = { type: "SET_NW_TTL", nwTtl: r.bytes[p] };
        break;
      case "COPY_TTL_OUT":
      case "COPY_TTL_IN":
      case "DEC_MPLS_TTL":
      case "POP_VLAN":
      case "DEC_NW_TTL":
      case "POP_PBB":
        action = { type: name };
        break;
      default:
        action = type === 0xffff
          ? {
            type: "EXPERIMENTER",
            experimenter: view.getUint32(p),
            data: r.bytes.subarray(p + 4, at + len),
          }
          : { type: "UNKNOWN", actionType: type, data: r.bytes.subarray(p, at + len) };
    }
    out.push(action);
    r.pos = at + len;
  }
  return out;
}

/** Writes a 4-byte action header with the length left for {@linkcode finish}. */
function header(w: Writer, type: number): void {
  w.ensure(4);
  w.view.setUint32(w.pos, type << 16);
  w.pos += 4;
}

/** Pads the action to 8 bytes and patches its length. */
function finish(w: Writer, start: number, path: string): void {
  w.align(start, 8);
  w.patchLength16(start + 2, start, path);
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
 * Encodes a list of actions; lengths and padding are computed.
 *
 * @param w Writer.
 * @param actions The actions.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} If `actions` is not an array, on an unknown action type, a field
 * out of range for its width, or an action longer than 65535 bytes.
 */
export function encodeActions(w: Writer, actions: readonly Of13Action[], path: string): void {
  if (!Array.isArray(actions)) {
    throw new OfpEncodeError(`Expected an array of actions, got ${describe(actions)}`, path);
  }
  for (let i = 0; i < actions.length; i++) encodeAction(w, actions[i], path);
}

function encodeAction(w: Writer, a: Of13Action, path: string): void {
  if (a === null || typeof a !== "object") {
    throw new OfpEncodeError(`Expected an action object, got ${describe(a)}`, path);
  }
  const start = w.pos;
  switch (a.type) {
    case "OUTPUT":
      checkU(a.port, 32, "OUTPUT port", path);
      checkU(a.maxLen, 16, "OUTPUT maxLen", path);
      w.ensure(16);
      w.view.setUint32(start, 0x0000_0010); // OFPAT_OUTPUT, length 16
      w.view.setUint32(start + 4, a.port);
      w.view.setUint32(start + 8, a.maxLen << 16); // max_len, then 6 bytes of padding
      w.view.setUint32(start + 12, 0);
      w.pos = start + 16;
      return;
    case "SET_FIELD":
      header(w, OFPAT.SET_FIELD);
      encodeOxm(w, a.field, path);
      break;
    case "PUSH_VLAN":
    case "PUSH_MPLS":
    case "PUSH_PBB":
    case "POP_MPLS":
      checkU(a.ethertype, 16, `${a.type} ethertype`, path);
      w.ensure(8);
      w.view.setUint32(start, (OFPAT[a.type] << 16) | 8);
      w.view.setUint32(start + 4, a.ethertype << 16);
      w.pos = start + 8;
      return;
    case "SET_QUEUE":
    case "GROUP":
      w.ensure(8);
      w.view.setUint32(start, (OFPAT[a.type] << 16) | 8);
      w.view.setUint32(
        start + 4,
        a.type === "GROUP"
          ? checkU(a.groupId, 32, "GROUP groupId", path)
          : checkU(a.queueId, 32, "SET_QUEUE queueId", path),
      );
      w.pos = start + 8;
      return;
    case "SET_MPLS_TTL":
    case "SET_NW_TTL":
      w.ensure(8);
      w.view.setUint32(start, (OFPAT[a.type] << 16) | 8);
      w.view.setUint32(
        start + 4,
        (a.type === "SET_MPLS_TTL"
          ? checkU(a.mplsTtl, 8, "SET_MPLS_TTL mplsTtl", path)
          : checkU(a.nwTtl, 8, "SET_NW_TTL nwTtl", path)) << 24,
      );
      w.pos = start + 8;
      return;
    case "COPY_TTL_OUT":
    case "COPY_TTL_IN":
    case "DEC_MPLS_TTL":
    case "POP_VLAN":
    case "DEC_NW_TTL":
    case "POP_PBB":
      w.ensure(8);
      w.view.setUint32(start, (OFPAT[a.type] << 16) | 8);
      w.view.setUint32(start + 4, 0);
      w.pos = start + 8;
      return;
    case "EXPERIMENTER":
      header(w, OFPAT.EXPERIMENTER);
      w.u32(checkU(a.experimenter, 32, "EXPERIMENTER experimenter", path), path);
      w.bytes(checkData(a.data, "EXPERIMENTER data", path), path);
      break;
    case "UNKNOWN":
      header(w, checkU(a.actionType, 16, "UNKNOWN actionType", path));
      w.bytes(checkData(a.data, "UNKNOWN data", path), path);
      break;
    default:
      throw new OfpEncodeError(
        `Unknown action type ${describe((a as { type: unknown }).type)}`,
        path,
      );
  }
  finish(w, start, path);
}

/**
 * OUTPUT action.
 *
 * @param port Output port (a number, or one of `OFPP`).
 * @param maxLen Bytes of the packet to send when `port` is `OFPP.CONTROLLER`. Default
 * `OFPCML.MAX` (0xffe5), as Ryu uses; pass `OFPCML.NO_BUFFER` for the whole packet
 * unbuffered. Switches ignore it for other ports.
 * @returns The action.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(of13.output(2), { type: "OUTPUT", port: 2, maxLen: 0xffe5 });
 * assert.deepEqual(of13.output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER), {
 *   type: "OUTPUT",
 *   port: 0xfffffffd,
 *   maxLen: 0xffff,
 * });
 * ```
 */
export function output(
  port: number,
  maxLen: number = OFPCML.MAX,
): ActionOutput {
  return { type: "OUTPUT", port, maxLen };
}

/**
 * SET_FIELD action, from a TLV or from a field name and value.
 *
 * @param field The OXM TLV to set, or a field name.
 * @param value The value, when `field` is a name.
 * @returns The action.
 * @throws {OfpEncodeError} On a name that is not an OpenFlow-basic field.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(of13.setField("eth_dst", "00:00:00:00:00:01"), {
 *   type: "SET_FIELD",
 *   field: { field: "eth_dst", value: "00:00:00:00:00:01" },
 * });
 * assert.deepEqual(
 *   of13.setField({ field: "ipv4_src", value: "10.0.0.1" }),
 *   of13.setField("ipv4_src", "10.0.0.1"),
 * );
 * ```
 */
export function setField(field: OxmTlv): ActionSetField;
/**
 * SET_FIELD action from a field name and value.
 *
 * @param field Field name.
 * @param value Its value.
 * @returns The action.
 */
export function setField<F extends OxmFieldName>(field: F, value: OxmValue<F>): ActionSetField;
export function setField(field: OxmTlv | OxmFieldName, value?: unknown): ActionSetField {
  if (typeof field === "string") {
    return { type: "SET_FIELD", field: oxm(field, value as OxmValue<typeof field>) };
  }
  return { type: "SET_FIELD", field };
}

/**
 * COPY_TTL_OUT action: copy the TTL from the next-to-outermost header outwards.
 *
 * @returns The action.
 */
export function copyTtlOut(): ActionBare {
  return { type: "COPY_TTL_OUT" };
}

/**
 * COPY_TTL_IN action: copy the TTL from the outermost header inwards.
 *
 * @returns The action.
 */
export function copyTtlIn(): ActionBare {
  return { type: "COPY_TTL_IN" };
}

/**
 * SET_MPLS_TTL action.
 *
 * @param mplsTtl The TTL.
 * @returns The action.
 */
export function setMplsTtl(mplsTtl: number): ActionSetMplsTtl {
  return { type: "SET_MPLS_TTL", mplsTtl };
}

/**
 * DEC_MPLS_TTL action.
 *
 * @returns The action.
 */
export function decMplsTtl(): ActionBare {
  return { type: "DEC_MPLS_TTL" };
}

/**
 * PUSH_VLAN action.
 *
 * @param ethertype 0x8100 (default, 802.1Q) or 0x88a8 (802.1ad).
 * @returns The action.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * // Tag with VLAN 10: push the tag, then set its id (OFPVID_PRESENT marks it present).
 * const actions = [of13.pushVlan(), of13.setField("vlan_vid", of13.OFPVID_PRESENT | 10)];
 * assert.deepEqual(actions[0], { type: "PUSH_VLAN", ethertype: 0x8100 });
 * ```
 */
export function pushVlan(ethertype = 0x8100): ActionEthertype {
  return { type: "PUSH_VLAN", ethertype };
}

/**
 * POP_VLAN action.
 *
 * @returns The action.
 */
export function popVlan(): ActionBare {
  return { type: "POP_VLAN" };
}

/**
 * PUSH_MPLS action.
 *
 * @param ethertype 0x8847 (default, unicast) or 0x8848 (multicast).
 * @returns The action.
 */
export function pushMpls(ethertype = 0x8847): ActionEthertype {
  return { type: "PUSH_MPLS", ethertype };
}

/**
 * POP_MPLS action.
 *
 * @param ethertype The ethertype of the packet once the label is popped. Default 0x0800.
 * @returns The action.
 */
export function popMpls(ethertype = 0x0800): ActionEthertype {
  return { type: "POP_MPLS", ethertype };
}

/**
 * SET_QUEUE action.
 *
 * @param queueId The queue of the output port.
 * @returns The action.
 */
export function setQueue(queueId: number): ActionSetQueue {
  return { type: "SET_QUEUE", queueId };
}

/**
 * GROUP action.
 *
 * @param groupId The group to process the packet through.
 * @returns The action.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(of13.group(7), { type: "GROUP", groupId: 7 });
 * ```
 */
export function group(groupId: number): ActionGroup {
  return { type: "GROUP", groupId };
}

/**
 * SET_NW_TTL action.
 *
 * @param nwTtl The IP TTL or hop limit.
 * @returns The action.
 */
export function setNwTtl(nwTtl: number): ActionSetNwTtl {
  return { type: "SET_NW_TTL", nwTtl };
}

/**
 * DEC_NW_TTL action.
 *
 * @returns The action.
 */
export function decNwTtl(): ActionBare {
  return { type: "DEC_NW_TTL" };
}

/**
 * PUSH_PBB action.
 *
 * @param ethertype Default 0x88e7 (802.1ah).
 * @returns The action.
 */
export function pushPbb(ethertype = 0x88e7): ActionEthertype {
  return { type: "PUSH_PBB", ethertype };
}

/**
 * POP_PBB action.
 *
 * @returns The action.
 */
export function popPbb(): ActionBare {
  return { type: "POP_PBB" };
}

/**
 * An experimenter action.
 *
 * @param experimenter Experimenter id (0x00002320 for Nicira).
 * @param data The body after the id; padded with zeros to a multiple of 8 on encode.
 * @returns The action.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * // Nicira NXAST_RESUBMIT (subtype 1) to port 5: subtype, in_port, 4 bytes of padding.
 * const a = of13.experimenterAction(0x2320, new Uint8Array([0, 1, 0, 5, 0, 0, 0, 0]));
 * assert.equal(a.type, "EXPERIMENTER");
 * ```
 */
export function experimenterAction(experimenter: number, data: Uint8Array): ActionExperimenter {
  return { type: "EXPERIMENTER", experimenter, data };
}
