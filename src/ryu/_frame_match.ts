// Whether a frame the data plane received matches the match of one of Ryu's throughput
// entries: what the tester switch's counting flow would have matched. `in_port` is a tester
// port, mapped to the target port it is wired to.
import type { Of10Match, Of13Match, OxmTlv } from "../ofp/mod.ts";
import { of10 } from "../ofp/mod.ts";
import { type FrameLike, of13MatchFromFrame } from "../packet/mod.ts";
import { parseIpv4, parseIpv6, parseMac } from "../ofp/_addresses.ts";
import { oxmKey } from "./_compare.ts";

/** The OpenFlow field values of a parsed frame (undefined: the field is absent). */
type Fields = Record<string, number | string | undefined>;

/**
 * The fields a throughput match can test: the OXM fields the frame would hit (the packet
 * library's `of13MatchFromFrame`), by name.
 */
export function frameFields(frame: FrameLike, inPort: number): Fields {
  const f: Fields = {};
  for (const t of of13MatchFromFrame(frame, inPort)) {
    const value = "value" in t ? t.value : undefined;
    if (typeof value === "number" || typeof value === "string") f[t.field] = value;
  }
  return f;
}

function toBytes(v: number | string, width: number, kind: string): Uint8Array | undefined {
  const out = new Uint8Array(width);
  if (kind === "mac") return parseMac(String(v).toLowerCase(), out, 0) ? out : undefined;
  if (kind === "ipv6") return parseIpv6(String(v), out, 0) ? out : undefined;
  let n = kind === "ipv4" ? parseIpv4(String(v)) : Number(v);
  if (n < 0) return undefined;
  for (let i = width - 1; i >= 0; i--, n = Math.floor(n / 256)) out[i] = n % 256;
  return out;
}

const KINDS: Record<string, [number, string]> = {
  in_port: [4, "number"],
  eth_dst: [6, "mac"],
  eth_src: [6, "mac"],
  eth_type: [2, "number"],
  vlan_vid: [2, "number"],
  vlan_pcp: [1, "number"],
  ip_dscp: [1, "number"],
  ip_ecn: [1, "number"],
  ip_proto: [1, "number"],
  ipv4_src: [4, "ipv4"],
  ipv4_dst: [4, "ipv4"],
  tcp_src: [2, "number"],
  tcp_dst: [2, "number"],
  udp_src: [2, "number"],
  udp_dst: [2, "number"],
  sctp_src: [2, "number"],
  sctp_dst: [2, "number"],
  icmpv4_type: [1, "number"],
  icmpv4_code: [1, "number"],
  arp_op: [2, "number"],
  arp_spa: [4, "ipv4"],
  arp_tpa: [4, "ipv4"],
  arp_sha: [6, "mac"],
  arp_tha: [6, "mac"],
  ipv6_src: [16, "ipv6"],
  ipv6_dst: [16, "ipv6"],
  ipv6_flabel: [4, "number"],
  icmpv6_type: [1, "number"],
  icmpv6_code: [1, "number"],
  mpls_label: [4, "number"],
  mpls_tc: [1, "number"],
  mpls_bos: [1, "number"],
  pbb_isid: [3, "number"],
};

/** The fields of `match` this matcher cannot test (empty when it can test them all). */
export function unsupportedFields(match: Of13Match | Of10Match): string[] {
  if (!Array.isArray(match)) return [];
  return match.filter((t) => !(t.field in KINDS)).map((t) => t.field);
}

function matchesTlv(t: OxmTlv, fields: Fields): boolean {
  if (t.field === "UNKNOWN" || t.field === "EXPERIMENTER") return false;
  const [width, kind] = KINDS[t.field];
  const have = fields[t.field];
  if (have === undefined) return false;
  const got = toBytes(have, width, kind);
  const want = toBytes(t.value as number | string, width, kind);
  const mask = "mask" in t && t.mask !== undefined
    ? toBytes(t.mask as number | string, width, kind)
    : undefined;
  if (!got || !want) return false;
  return got.every((b, i) => (b & (mask?.[i] ?? 0xff)) === (want[i] & (mask?.[i] ?? 0xff)));
}

/** Whether the frame's fields satisfy `match` (1.3 OXM list or 1.0 ofp_match). */
export function frameMatches(match: Of13Match | Of10Match, fields: Fields): boolean {
  if (Array.isArray(match)) return match.every((t) => matchesTlv(t, fields));
  const W = of10.OFPFW;
  const m = match;
  const eq = (bit: number, want: unknown, have: unknown) =>
    (m.wildcards & bit) !== 0 || String(want).toLowerCase() === String(have).toLowerCase();
  const prefix = (field: "nwSrc" | "nwDst", have: unknown) => {
    const len = of10.nwPrefixLength(m, field);
    if (len === 0) return true;
    if (typeof have !== "string") return false;
    const shift = 32 - len;
    const a = parseIpv4(have), b = parseIpv4(m[field]);
    return Math.floor(a / 2 ** shift) === Math.floor(b / 2 ** shift);
  };
  return eq(W.IN_PORT, m.inPort, fields.in_port) && eq(W.DL_SRC, m.dlSrc, fields.eth_src) &&
    eq(W.DL_DST, m.dlDst, fields.eth_dst) && eq(W.DL_TYPE, m.dlType, fields.eth_type) &&
    eq(W.DL_VLAN, m.dlVlan, fields.vlan_vid === 0 ? 0xffff : Number(fields.vlan_vid) & 0xfff) &&
    eq(W.DL_VLAN_PCP, m.dlVlanPcp, fields.vlan_pcp) &&
    eq(W.NW_PROTO, m.nwProto, fields.ip_proto ?? fields.arp_op) &&
    eq(W.NW_TOS, m.nwTos, fields.ip_dscp === undefined ? undefined : Number(fields.ip_dscp) << 2) &&
    eq(W.TP_SRC, m.tpSrc, fields.tcp_src ?? fields.udp_src ?? fields.icmpv4_type) &&
    eq(W.TP_DST, m.tpDst, fields.tcp_dst ?? fields.udp_dst ?? fields.icmpv4_code) &&
    prefix("nwSrc", fields.ipv4_src ?? fields.arp_spa) &&
    prefix("nwDst", fields.ipv4_dst ?? fields.arp_tpa);
}

/** Text of a throughput match for messages (Ryu prints the match's fields). */
export function describeMatch(match: Of13Match | Of10Match): string {
  return Array.isArray(match) ? `{${match.map(oxmKey).join(", ")}}` : JSON.stringify(match);
}
