/**
 * The OpenFlow 1.3 OXM field table: every OpenFlow-basic field (`oxm_ofb_match_fields`,
 * numbers 0..39) with its name, byte width, value kind and whether the spec allows a mask,
 * plus the OXM class numbers and the VLAN_VID bits.
 *
 * @module
 */

import type { OxmFieldInfo, OxmFieldName, OxmValueKind } from "./oxm_types.ts";

/** OXM classes (`ofp_oxm_class`). NXM_0/NXM_1 are Nicira's, used by Open vSwitch. */
export const OFPXMC = {
  NXM_0: 0x0000,
  NXM_1: 0x0001,
  OPENFLOW_BASIC: 0x8000,
  EXPERIMENTER: 0xffff,
} as const;
/** A value of {@linkcode OFPXMC}. */
export type OFPXMC = (typeof OFPXMC)[keyof typeof OFPXMC];

/**
 * The VLAN_VID bit meaning "a VLAN tag is present". `vlan_vid` values keep it as on the
 * wire: match VLAN 10 with `0x1000 | 10`, any tagged packet with `[0x1000, 0x1000]`.
 */
export const OFPVID_PRESENT = 0x1000;
/** The VLAN_VID value matching packets without a VLAN tag. */
export const OFPVID_NONE = 0x0000;

/** OpenFlow-basic OXM field numbers (`oxm_ofb_match_fields`, `OFPXMT_OFB_*`). */
export const OFPXMT = {
  IN_PORT: 0,
  IN_PHY_PORT: 1,
  METADATA: 2,
  ETH_DST: 3,
  ETH_SRC: 4,
  ETH_TYPE: 5,
  VLAN_VID: 6,
  VLAN_PCP: 7,
  IP_DSCP: 8,
  IP_ECN: 9,
  IP_PROTO: 10,
  IPV4_SRC: 11,
  IPV4_DST: 12,
  TCP_SRC: 13,
  TCP_DST: 14,
  UDP_SRC: 15,
  UDP_DST: 16,
  SCTP_SRC: 17,
  SCTP_DST: 18,
  ICMPV4_TYPE: 19,
  ICMPV4_CODE: 20,
  ARP_OP: 21,
  ARP_SPA: 22,
  ARP_TPA: 23,
  ARP_SHA: 24,
  ARP_THA: 25,
  IPV6_SRC: 26,
  IPV6_DST: 27,
  IPV6_FLABEL: 28,
  ICMPV6_TYPE: 29,
  ICMPV6_CODE: 30,
  IPV6_ND_TARGET: 31,
  IPV6_ND_SLL: 32,
  IPV6_ND_TLL: 33,
  MPLS_LABEL: 34,
  MPLS_TC: 35,
  MPLS_BOS: 36,
  PBB_ISID: 37,
  TUNNEL_ID: 38,
  IPV6_EXTHDR: 39,
} as const;
/** A value of {@linkcode OFPXMT}. */
export type OFPXMT = (typeof OFPXMT)[keyof typeof OFPXMT];

/** Every OpenFlow-basic OXM field of OpenFlow 1.3, indexed by field number. */
export const OXM_FIELDS: readonly OxmFieldInfo[] = Object.freeze(
  ([
    ["in_port", 4, "number", false],
    ["in_phy_port", 4, "number", false],
    ["metadata", 8, "bigint", true],
    ["eth_dst", 6, "mac", true],
    ["eth_src", 6, "mac", true],
    ["eth_type", 2, "number", false],
    ["vlan_vid", 2, "number", true],
    ["vlan_pcp", 1, "number", false],
    ["ip_dscp", 1, "number", false],
    ["ip_ecn", 1, "number", false],
    ["ip_proto", 1, "number", false],
    ["ipv4_src", 4, "ipv4", true],
    ["ipv4_dst", 4, "ipv4", true],
    ["tcp_src", 2, "number", false],
    ["tcp_dst", 2, "number", false],
    ["udp_src", 2, "number", false],
    ["udp_dst", 2, "number", false],
    ["sctp_src", 2, "number", false],
    ["sctp_dst", 2, "number", false],
    ["icmpv4_type", 1, "number", false],
    ["icmpv4_code", 1, "number", false],
    ["arp_op", 2, "number", false],
    ["arp_spa", 4, "ipv4", true],
    ["arp_tpa", 4, "ipv4", true],
    ["arp_sha", 6, "mac", true],
    ["arp_tha", 6, "mac", true],
    ["ipv6_src", 16, "ipv6", true],
    ["ipv6_dst", 16, "ipv6", true],
    ["ipv6_flabel", 4, "number", true],
    ["icmpv6_type", 1, "number", false],
    ["icmpv6_code", 1, "number", false],
    ["ipv6_nd_target", 16, "ipv6", false],
    ["ipv6_nd_sll", 6, "mac", false],
    ["ipv6_nd_tll", 6, "mac", false],
    ["mpls_label", 4, "number", false],
    ["mpls_tc", 1, "number", false],
    ["mpls_bos", 1, "number", false],
    ["pbb_isid", 3, "number", true],
    ["tunnel_id", 8, "bigint", true],
    ["ipv6_exthdr", 2, "number", true],
  ] as const satisfies readonly (readonly [OxmFieldName, number, OxmValueKind, boolean])[]).map((
    [name, width, kind, maskable],
    number,
  ): OxmFieldInfo => Object.freeze({ name, number, width, kind, maskable })),
);

const BY_NAME: ReadonlyMap<string, OxmFieldInfo> = new Map(OXM_FIELDS.map((f) => [f.name, f]));

/**
 * The number of an OpenFlow-basic field.
 *
 * @param name Field name, e.g. `"eth_type"`.
 * @returns Its number (`OFPXMT_OFB_*`), or undefined if it is not a basic field.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.equal(of13.oxmFieldNumber("eth_type"), 5);
 * ```
 */
export function oxmFieldNumber(name: string): number | undefined {
  return BY_NAME.get(name)?.number;
}

/**
 * The name of an OpenFlow-basic field number.
 *
 * @param number Field number, e.g. 5.
 * @returns Its name (`"eth_type"`), or undefined for a number 1.3 does not define.
 */
export function oxmFieldName(number: number): OxmFieldName | undefined {
  return OXM_FIELDS[number]?.name;
}

/**
 * The table row of an OpenFlow-basic field.
 *
 * @param field Field name or number.
 * @returns The row, or undefined if there is no such basic field.
 */
export function oxmFieldInfo(field: string | number): OxmFieldInfo | undefined {
  return typeof field === "number" ? OXM_FIELDS[field] : BY_NAME.get(field);
}
