// OpenFlow 1.3 match fields as key words: where each field lives in the key, how its value
// and mask become words and back, its meaningful bits, and its prerequisite (1.3 Table 12).
import { macText, parseIpv4, parseIpv6, parseMac } from "../ofp/_addresses.ts";
import { of13 } from "../ofp/mod.ts";
import type { OxmFieldName, OxmTlv } from "../ofp/mod.ts";
import { S } from "./_key.ts";

/** Where a field lives and how wide it is. */
export interface FieldLayout {
  /** First key slot. */
  slot: number;
  /** Words it takes (1, 2 or 4). */
  words: number;
  /** Meaningful bits of a one-word field (e.g. 13 for vlan_vid, 20 for mpls_label). */
  bits: number;
}

const one = (slot: number, bits: number): FieldLayout => ({ slot, words: 1, bits });
const multi = (slot: number, words: number): FieldLayout => ({ slot, words, bits: 32 });

/** Layout of every OpenFlow-basic field, by name. */
export const LAYOUT: Readonly<Record<OxmFieldName, FieldLayout>> = {
  in_port: one(S.IN_PORT, 32),
  in_phy_port: one(S.IN_PHY_PORT, 32),
  metadata: multi(S.METADATA, 2),
  eth_dst: multi(S.ETH_DST, 2),
  eth_src: multi(S.ETH_SRC, 2),
  eth_type: one(S.ETH_TYPE, 16),
  vlan_vid: one(S.VLAN_VID, 13),
  vlan_pcp: one(S.VLAN_PCP, 3),
  ip_dscp: one(S.IP_DSCP, 6),
  ip_ecn: one(S.IP_ECN, 2),
  ip_proto: one(S.IP_PROTO, 8),
  ipv4_src: one(S.IPV4_SRC, 32),
  ipv4_dst: one(S.IPV4_DST, 32),
  tcp_src: one(S.TCP_SRC, 16),
  tcp_dst: one(S.TCP_DST, 16),
  udp_src: one(S.UDP_SRC, 16),
  udp_dst: one(S.UDP_DST, 16),
  sctp_src: one(S.SCTP_SRC, 16),
  sctp_dst: one(S.SCTP_DST, 16),
  icmpv4_type: one(S.ICMPV4_TYPE, 8),
  icmpv4_code: one(S.ICMPV4_CODE, 8),
  arp_op: one(S.ARP_OP, 16),
  arp_spa: one(S.ARP_SPA, 32),
  arp_tpa: one(S.ARP_TPA, 32),
  arp_sha: multi(S.ARP_SHA, 2),
  arp_tha: multi(S.ARP_THA, 2),
  ipv6_src: multi(S.IPV6_SRC, 4),
  ipv6_dst: multi(S.IPV6_DST, 4),
  ipv6_flabel: one(S.IPV6_FLABEL, 20),
  icmpv6_type: one(S.ICMPV6_TYPE, 8),
  icmpv6_code: one(S.ICMPV6_CODE, 8),
  ipv6_nd_target: multi(S.IPV6_ND_TARGET, 4),
  ipv6_nd_sll: multi(S.IPV6_ND_SLL, 2),
  ipv6_nd_tll: multi(S.IPV6_ND_TLL, 2),
  mpls_label: one(S.MPLS_LABEL, 20),
  mpls_tc: one(S.MPLS_TC, 3),
  mpls_bos: one(S.MPLS_BOS, 1),
  pbb_isid: one(S.PBB_ISID, 24),
  tunnel_id: multi(S.TUNNEL_ID, 2),
  ipv6_exthdr: one(S.IPV6_EXTHDR, 9),
};

/** A prerequisite: `field` must be matched exactly to one of `values`. */
export interface Prerequisite {
  /** The field that must be present. */
  field: OxmFieldName;
  /** Allowed values (empty: any value but `not`). */
  values: readonly number[];
  /** A value that is not allowed (vlan_pcp needs vlan_vid other than NONE). */
  not?: number;
}

const IP = [0x0800, 0x86dd];
const ethType = (...values: number[]): Prerequisite => ({ field: "eth_type", values });
const ipProto = (v: number): Prerequisite => ({ field: "ip_proto", values: [v] });

/** Prerequisites of OpenFlow 1.3 Table 12, by field. */
export const PREREQ: Readonly<Partial<Record<OxmFieldName, Prerequisite>>> = {
  in_phy_port: { field: "in_port", values: [] },
  vlan_pcp: { field: "vlan_vid", values: [], not: of13.OFPVID_NONE },
  ip_dscp: ethType(...IP),
  ip_ecn: ethType(...IP),
  ip_proto: ethType(...IP),
  ipv4_src: ethType(0x0800),
  ipv4_dst: ethType(0x0800),
  tcp_src: ipProto(6),
  tcp_dst: ipProto(6),
  udp_src: ipProto(17),
  udp_dst: ipProto(17),
  sctp_src: ipProto(132),
  sctp_dst: ipProto(132),
  icmpv4_type: ipProto(1),
  icmpv4_code: ipProto(1),
  arp_op: ethType(0x0806),
  arp_spa: ethType(0x0806),
  arp_tpa: ethType(0x0806),
  arp_sha: ethType(0x0806),
  arp_tha: ethType(0x0806),
  ipv6_src: ethType(0x86dd),
  ipv6_dst: ethType(0x86dd),
  ipv6_flabel: ethType(0x86dd),
  icmpv6_type: ipProto(58),
  icmpv6_code: ipProto(58),
  ipv6_nd_target: { field: "icmpv6_type", values: [135, 136] },
  ipv6_nd_sll: { field: "icmpv6_type", values: [135] },
  ipv6_nd_tll: { field: "icmpv6_type", values: [136] },
  mpls_label: ethType(0x8847, 0x8848),
  mpls_tc: ethType(0x8847, 0x8848),
  mpls_bos: ethType(0x8847, 0x8848),
  pbb_isid: ethType(0x88e7),
  ipv6_exthdr: ethType(0x86dd),
};

/** Fields a SET_FIELD action may not write: the pipeline's own and pseudo-fields. */
export const NOT_SETTABLE: ReadonlySet<OxmFieldName> = new Set<OxmFieldName>([
  "in_port",
  "in_phy_port",
  "metadata",
  "ipv6_exthdr",
]);

const scratch = new Uint8Array(16);

/**
 * A TLV's value (or mask) as key words.
 *
 * @returns The words, or undefined when the value is not of the field's form.
 */
export function toWords(field: OxmFieldName, v: unknown): number[] | undefined {
  const { words } = LAYOUT[field];
  const kind = of13.oxmFieldInfo(field)!.kind;
  switch (kind) {
    case "number":
      return typeof v === "number" ? [v | 0] : undefined;
    case "bigint":
      return typeof v === "bigint"
        ? [Number((v >> 32n) & 0xffffffffn) | 0, Number(v & 0xffffffffn) | 0]
        : undefined;
    case "mac":
      if (!parseMac(v as string, scratch, 0)) return undefined;
      return [(scratch[0] << 8) | scratch[1], wordAt(scratch, 2)];
    case "ipv4": {
      const n = parseIpv4(v as string);
      return n < 0 ? undefined : [n | 0];
    }
    case "ipv6":
      if (!parseIpv6(v as string, scratch, 0)) return undefined;
      return Array.from({ length: words }, (_, i) => wordAt(scratch, 4 * i));
  }
}

function wordAt(b: Uint8Array, p: number): number {
  return (b[p] << 24) | (b[p + 1] << 16) | (b[p + 2] << 8) | b[p + 3];
}

/** The all-ones mask of a field, as words. */
export function fullMask(field: OxmFieldName): number[] {
  const { words, bits } = LAYOUT[field];
  if (words === 1) return [bits === 32 ? -1 : (1 << bits) - 1];
  const kind = of13.oxmFieldInfo(field)!.kind;
  if (kind === "mac") return [0xffff, -1];
  return new Array<number>(words).fill(-1);
}

/** Key words back into a TLV value of the field's form. */
export function fromWords(
  field: OxmFieldName,
  w: ArrayLike<number>,
  at = 0,
): number | bigint | string {
  const kind = of13.oxmFieldInfo(field)!.kind;
  switch (kind) {
    case "number":
      return w[at] >>> 0;
    case "bigint":
      return (BigInt(w[at] >>> 0) << 32n) | BigInt(w[at + 1] >>> 0);
    case "mac": {
      const b = new Uint8Array(6);
      b[0] = w[at] >>> 8;
      b[1] = w[at] & 0xff;
      new DataView(b.buffer).setUint32(2, w[at + 1] >>> 0);
      return macText(b, 0);
    }
    case "ipv4": {
      const n = w[at] >>> 0;
      return `${n >>> 24}.${(n >>> 16) & 0xff}.${(n >>> 8) & 0xff}.${n & 0xff}`;
    }
    case "ipv6": {
      const parts: string[] = [];
      for (let i = 0; i < 4; i++) {
        const n = w[at + i] >>> 0;
        parts.push((n >>> 16).toString(16), (n & 0xffff).toString(16));
      }
      return compressIpv6(parts);
    }
  }
}

function compressIpv6(groups: string[]): string {
  let best = -1, bestLen = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== "0") {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === "0") j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  if (best < 0) return groups.join(":");
  return `${groups.slice(0, best).join(":")}::${groups.slice(best + bestLen).join(":")}`;
}

/** A basic-class TLV's field name, or undefined for other classes. */
export function basicField(tlv: OxmTlv): OxmFieldName | undefined {
  return tlv.field === "UNKNOWN" || tlv.field === "EXPERIMENTER" ? undefined : tlv.field;
}
