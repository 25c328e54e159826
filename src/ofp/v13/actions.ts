/**
 * OpenFlow 1.3 actions: the sixteen standard actions, experimenter actions (the Nicira
 * actions Open vSwitch writes among them) and unknown types, the last two kept byte-exact.
 *
 * @module
 */
import type {
  ActionBare,
  ActionEthertype,
  ActionExperimenter,
  ActionGroup,
  ActionOutput,
  ActionSetField,
  ActionSetMplsTtl,
  ActionSetNwTtl,
  ActionSetQueue,
} from "./action_types.ts";
import { oxm } from "./oxm.ts";
import type { OxmFieldName, OxmTlv, OxmValue } from "./oxm_types.ts";
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
