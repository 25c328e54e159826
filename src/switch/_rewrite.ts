// Header rewrites on the packet library's layers: set-field, push and pop of VLAN, MPLS and
// PBB headers, and the TTL actions. Checksums and lengths a rewrite invalidates are dropped
// from the layers so that `build` computes them again.
import type {
  EthernetLayer,
  Ipv4Layer,
  Ipv6Layer,
  Layer,
  MplsLayer,
  VlanLayer,
} from "../packet/mod.ts";
import type { OxmFieldName } from "../ofp/mod.ts";
import { extractKey, newKey, S } from "./_key.ts";
import type { Packet } from "./_packet.ts";

const isTag = (l: Layer | undefined): l is VlanLayer => l?.type === "vlan" || l?.type === "svlan";

/** Index just past the first Ethernet header and its VLAN tags (and an LLC header). */
function afterTags(ls: Layer[]): number {
  let i = 1;
  while (isTag(ls[i])) i++;
  if (ls[i]?.type === "llc") i++;
  return i;
}

/** The network layer OpenFlow sees: right after the tags, not beneath MPLS or PBB. */
function l3(ls: Layer[]): Layer | undefined {
  const l = ls[afterTags(ls)];
  return l?.type === "ipv4" || l?.type === "ipv6" || l?.type === "arp" ? l : undefined;
}

/** The layer right after the network layer, skipping IPv6 extension headers. */
function l4(ls: Layer[]): Layer | undefined {
  let i = afterTags(ls);
  const net = ls[i];
  if (net?.type !== "ipv4" && net?.type !== "ipv6") return undefined;
  if (net.type === "ipv4" && (net.fragmentOffset ?? 0) !== 0) return undefined;
  i++;
  while (["hopopts", "dstopts", "routing", "fragment"].includes(ls[i]?.type ?? "")) {
    const ext = ls[i];
    if (ext.type === "fragment" && (ext.offset ?? 0) !== 0) return undefined;
    i++;
  }
  return ls[i];
}

/** The field of the previous layer that names what follows `i`. */
function setNextType(ls: Layer[], i: number, ethertype: number): void {
  const prev = ls[i - 1] as EthernetLayer | VlanLayer;
  prev.ethertype = ethertype;
}

/** Drops checksums a change below them invalidated (a zero UDP checksum over IPv4 stays 0). */
function dropChecksums(ls: Layer[], ip: boolean): void {
  const net = ls[afterTags(ls)];
  if (ip && net?.type === "ipv4") delete net.checksum;
  const t = l4(ls);
  if (!t) return;
  if (t.type === "udp" && t.checksum === 0 && net?.type === "ipv4") return;
  if (
    t.type === "tcp" || t.type === "udp" || t.type === "icmp" || t.type === "icmpv6" ||
    t.type === "sctp"
  ) {
    delete t.checksum;
  }
}

/** Writes one OpenFlow 1.3 field into the packet; a field the packet lacks is left alone. */
export function setField(pkt: Packet, field: OxmFieldName, value: number | bigint | string): void {
  if (field === "tunnel_id") {
    const v = value as bigint;
    pkt.key[54] = Number((v >> 32n) & 0xffffffffn) | 0;
    pkt.key[55] = Number(v & 0xffffffffn) | 0;
    return;
  }
  if (field in ICMP_BYTES) {
    setIcmpByte(pkt, field as keyof typeof ICMP_BYTES, value as number);
    return;
  }
  const ls = pkt.layers();
  if (applyField(ls, field, value)) pkt.changed();
}

/** The ICMP fields set in the bytes: [IP protocol, Ethertype, byte offset in the header]. */
const ICMP_BYTES = {
  icmpv4_type: [1, 0x0800, 0],
  icmpv4_code: [1, 0x0800, 1],
  icmpv6_type: [58, 0x86dd, 0],
  icmpv6_code: [58, 0x86dd, 1],
} as const;

/**
 * Sets an ICMP or ICMPv6 type or code in the frame's bytes and updates the checksum for the
 * changed word (RFC 1624), leaving the rest of the message as it came. The layers cannot do
 * this: a message's layout follows its type, so a new type would read (and rebuild) the same
 * bytes as other fields.
 */
function setIcmpByte(pkt: Packet, field: keyof typeof ICMP_BYTES, value: number): void {
  const [proto, ethertype, index] = ICMP_BYTES[field];
  const frame = pkt.bytes.slice();
  const key = newKey();
  const at = extractKey(frame, key);
  if (at < 0 || key[S.IP_PROTO] !== proto || key[S.ETH_TYPE] !== ethertype) return;
  if (at + 4 > frame.length || frame[at + index] === value) return;
  const before = (frame[at] << 8) | frame[at + 1];
  frame[at + index] = value;
  const after = (frame[at] << 8) | frame[at + 1];
  // HC' = ~(~HC + ~m + m'), RFC 1624 eqn. 3.
  let sum = (~((frame[at + 2] << 8) | frame[at + 3]) & 0xffff) + (~before & 0xffff) + after;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  const checksum = ~sum & 0xffff;
  frame[at + 2] = checksum >> 8;
  frame[at + 3] = checksum & 0xff;
  pkt.replaceBytes(frame);
}

function applyField(ls: Layer[], field: OxmFieldName, value: number | bigint | string): boolean {
  const eth = ls[0] as EthernetLayer;
  const net = l3(ls);
  const n = value as number, s = value as string;
  switch (field) {
    case "eth_dst":
      eth.dst = s;
      return true;
    case "eth_src":
      eth.src = s;
      return true;
    case "vlan_vid":
    case "vlan_pcp": {
      const tag = ls[1];
      if (!isTag(tag)) return false;
      if (field === "vlan_vid") tag.vid = n & 0xfff;
      else tag.pcp = n;
      return true;
    }
    case "ip_dscp":
    case "ip_ecn":
      if (net?.type !== "ipv4" && net?.type !== "ipv6") return false;
      if (field === "ip_dscp") net.dscp = n;
      else net.ecn = n;
      dropChecksums(ls, true);
      return true;
    case "ipv4_src":
    case "ipv4_dst":
      if (net?.type !== "ipv4") return false;
      if (field === "ipv4_src") net.src = s;
      else net.dst = s;
      dropChecksums(ls, true);
      return true;
    case "ipv6_src":
    case "ipv6_dst":
    case "ipv6_flabel":
      if (net?.type !== "ipv6") return false;
      if (field === "ipv6_src") net.src = s;
      else if (field === "ipv6_dst") net.dst = s;
      else net.flowLabel = n;
      dropChecksums(ls, true);
      return true;
    case "arp_op":
    case "arp_spa":
    case "arp_tpa":
    case "arp_sha":
    case "arp_tha":
      if (net?.type !== "arp") return false;
      if (field === "arp_op") net.opcode = n;
      else if (field === "arp_spa") net.srcIp = s;
      else if (field === "arp_tpa") net.dstIp = s;
      else if (field === "arp_sha") net.srcMac = s;
      else net.dstMac = s;
      return true;
    case "mpls_label":
    case "mpls_tc": {
      const m = ls[afterTags(ls)];
      if (m?.type !== "mpls") return false;
      if (field === "mpls_label") m.label = n;
      else m.tc = n;
      return true;
    }
    case "pbb_isid": {
      const tag = ls[afterTags(ls)];
      if (tag?.type !== "itag") return false;
      tag.isid = n;
      return true;
    }
  }
  return applyTransport(ls, field, n, s);
}

function applyTransport(ls: Layer[], field: OxmFieldName, n: number, s: string): boolean {
  const t = l4(ls);
  const want: Record<string, string> = {
    tcp_src: "tcp",
    tcp_dst: "tcp",
    udp_src: "udp",
    udp_dst: "udp",
    sctp_src: "sctp",
    sctp_dst: "sctp",
    ipv6_nd_target: "icmpv6",
    ipv6_nd_sll: "icmpv6",
    ipv6_nd_tll: "icmpv6",
  };
  if (!t || t.type !== want[field]) return false;
  if (t.type === "tcp" || t.type === "udp" || t.type === "sctp") {
    if (field.endsWith("_src")) t.srcPort = n;
    else t.dstPort = n;
  } else if (t.type === "icmpv6") {
    if (field === "ipv6_nd_target") {
      if (t.icmpType !== 135 && t.icmpType !== 136) return false;
      t.target = s;
    } else {
      const opt = t.options?.find((o) => o.optionType === (field === "ipv6_nd_sll" ? 1 : 2));
      if (!opt) return false;
      opt.mac = s;
    }
  }
  dropChecksums(ls, false);
  return true;
}

/** PUSH_VLAN: a new outer tag, its VID and PCP copied from the old outer tag if any. */
export function pushVlan(pkt: Packet, ethertype: number): void {
  const ls = pkt.layers();
  const eth = ls[0] as EthernetLayer;
  const old = isTag(ls[1]) ? ls[1] : undefined;
  const tag: VlanLayer = {
    type: ethertype === 0x88a8 ? "svlan" : "vlan",
    pcp: old?.pcp ?? 0,
    dei: old?.dei ?? false,
    vid: old?.vid ?? 0,
    ethertype: eth.ethertype,
  };
  ls.splice(1, 0, tag);
  eth.ethertype = ethertype;
  pkt.restructured();
}

/** POP_VLAN: removes the outer tag (no tag: nothing). */
export function popVlan(pkt: Packet): void {
  const ls = pkt.layers();
  const tag = ls[1];
  if (!isTag(tag)) return;
  ls.splice(1, 1);
  (ls[0] as EthernetLayer).ethertype = tag.ethertype;
  pkt.restructured();
}

/** OpenFlow 1.0's SET_VLAN_VID / SET_VLAN_PCP: rewrite the tag, or add one if there is none. */
export function setVlan10(pkt: Packet, vid: number | undefined, pcp: number | undefined): void {
  const ls = pkt.layers();
  if (isTag(ls[1])) {
    if (vid !== undefined) ls[1].vid = vid;
    if (pcp !== undefined) ls[1].pcp = pcp;
    pkt.changed();
    return;
  }
  const eth = ls[0] as EthernetLayer;
  ls.splice(1, 0, {
    type: "vlan",
    vid: vid ?? 0,
    pcp: pcp ?? 0,
    dei: false,
    ethertype: eth.ethertype,
  });
  eth.ethertype = 0x8100;
  pkt.restructured();
}

function ipTtl(net: Layer | undefined): number | undefined {
  return net?.type === "ipv4" ? net.ttl : net?.type === "ipv6" ? net.hopLimit : undefined;
}

function setIpTtl(ls: Layer[], net: Ipv4Layer | Ipv6Layer, ttl: number): void {
  if (net.type === "ipv4") {
    net.ttl = ttl;
    delete net.checksum;
  } else net.hopLimit = ttl;
  void ls;
}

/** PUSH_MPLS: a new outer label after the tags; label, TC and TTL from the old outer label, or
 * label 0, TC 0 and the IP TTL (0 without IP). */
export function pushMpls(pkt: Packet, ethertype: number): void {
  const ls = pkt.layers();
  const i = afterTags(ls);
  const old = ls[i]?.type === "mpls" ? ls[i] as MplsLayer : undefined;
  const entry: MplsLayer = old
    ? { type: "mpls", label: old.label, tc: old.tc, ttl: old.ttl }
    : { type: "mpls", label: 0, tc: 0, ttl: ipTtl(ls[i]) ?? 0 };
  ls.splice(i, 0, entry);
  setNextType(ls, i, ethertype);
  for (const l of ls) if (l.type === "mpls") delete l.bos;
  pkt.restructured();
}

/** POP_MPLS: removes the outer label; what follows is read as `ethertype`. */
export function popMpls(pkt: Packet, ethertype: number): void {
  const ls = pkt.layers();
  const i = afterTags(ls);
  if (ls[i]?.type !== "mpls") return;
  ls.splice(i, 1);
  setNextType(ls, i, ethertype);
  pkt.restructured();
}

/** PUSH_PBB: a backbone Ethernet header (addresses copied from the customer's) and an I-TAG. */
export function pushPbb(pkt: Packet, ethertype: number): void {
  const ls = pkt.layers();
  const eth = ls[0] as EthernetLayer;
  const oldTag = ls[1]?.type === "itag" ? ls[1] : undefined;
  ls.unshift(
    { type: "ethernet", dst: eth.dst, src: eth.src, ethertype },
    { type: "itag", pcp: 0, dei: false, uca: false, reserved: 0, isid: oldTag?.isid ?? 0 },
  );
  // The customer frame's padding now sits inside the backbone frame.
  const padding = eth.padding;
  delete eth.padding;
  if (padding) (ls[0] as EthernetLayer).padding = padding;
  pkt.restructured();
}

/** POP_PBB: removes the backbone header and I-TAG (none: nothing). */
export function popPbb(pkt: Packet): void {
  const ls = pkt.layers();
  if (ls[1]?.type !== "itag" || ls[2]?.type !== "ethernet") return;
  const outer = ls[0] as EthernetLayer;
  ls.splice(0, 2);
  if (outer.padding && !(ls[0] as EthernetLayer).padding) {
    (ls[0] as EthernetLayer).padding = outer.padding;
  }
  pkt.restructured();
}

/** DEC_NW_TTL. @returns false when the TTL is 0 or 1 (the packet is invalid). */
export function decNwTtl(pkt: Packet): boolean {
  const ls = pkt.layers();
  const net = l3(ls);
  if (net?.type !== "ipv4" && net?.type !== "ipv6") return true;
  const ttl = ipTtl(net)!;
  if (ttl <= 1) return false;
  setIpTtl(ls, net, ttl - 1);
  pkt.changed();
  return true;
}

/** SET_NW_TTL. */
export function setNwTtl(pkt: Packet, ttl: number): void {
  const ls = pkt.layers();
  const net = l3(ls);
  if (net?.type !== "ipv4" && net?.type !== "ipv6") return;
  setIpTtl(ls, net, ttl);
  pkt.changed();
}

function outerMpls(ls: Layer[]): MplsLayer | undefined {
  const l = ls[afterTags(ls)];
  return l?.type === "mpls" ? l : undefined;
}

/** DEC_MPLS_TTL. @returns false when the TTL is 0 or 1. */
export function decMplsTtl(pkt: Packet): boolean {
  const m = outerMpls(pkt.layers());
  if (!m) return true;
  if ((m.ttl ?? 0) <= 1) return false;
  m.ttl = m.ttl! - 1;
  pkt.changed();
  return true;
}

/** SET_MPLS_TTL. */
export function setMplsTtl(pkt: Packet, ttl: number): void {
  const m = outerMpls(pkt.layers());
  if (!m) return;
  m.ttl = ttl;
  pkt.changed();
}

/** COPY_TTL_OUT (next-to-outermost to outermost) and COPY_TTL_IN (the reverse). */
export function copyTtl(pkt: Packet, outward: boolean): void {
  const ls = pkt.layers();
  const i = afterTags(ls);
  if (ls[i]?.type !== "mpls") return;
  const outer = ls[i] as MplsLayer;
  const inner = ls[i + 1];
  if (inner?.type === "mpls") {
    if (outward) outer.ttl = inner.ttl;
    else inner.ttl = outer.ttl;
  } else if (inner?.type === "ipv4" || inner?.type === "ipv6") {
    if (outward) outer.ttl = ipTtl(inner);
    else setIpTtl(ls, inner, outer.ttl ?? 0);
  } else return;
  pkt.changed();
}

/** OpenFlow 1.0's SET_NW_TOS (IPv4 only): the DSCP bits of the ToS byte. */
export function setNwTos10(pkt: Packet, tos: number): void {
  const net = l3(pkt.layers());
  if (net?.type !== "ipv4") return;
  net.dscp = tos >> 2;
  delete net.checksum;
  pkt.changed();
}

/** OpenFlow 1.0's SET_NW_SRC / SET_NW_DST (IPv4 only). */
export function setNwAddr10(pkt: Packet, dst: boolean, addr: string): void {
  const ls = pkt.layers();
  if (l3(ls)?.type !== "ipv4") return;
  applyField(ls, dst ? "ipv4_dst" : "ipv4_src", addr);
  pkt.changed();
}

/** OpenFlow 1.0's SET_TP_SRC / SET_TP_DST (TCP and UDP). */
export function setTp10(pkt: Packet, dst: boolean, port: number): void {
  const ls = pkt.layers();
  const t = l4(ls);
  if (t?.type !== "tcp" && t?.type !== "udp") return;
  if (dst) t.dstPort = port;
  else t.srcPort = port;
  dropChecksums(ls, false);
  pkt.changed();
}

/** DSCP_REMARK: raises the drop precedence of an AF code point by `levels` (at most 3). */
export function remarkDscp(pkt: Packet, levels: number): void {
  const net = l3(pkt.layers());
  if (net?.type !== "ipv4" && net?.type !== "ipv6") return;
  const dscp = net.dscp ?? 0;
  const cls = dscp >> 3, prec = (dscp >> 1) & 3;
  // Assured forwarding: class 1-4, drop precedence 1-3, low bit 0 (RFC 2597).
  if (cls < 1 || cls > 4 || prec === 0 || (dscp & 1) !== 0) return;
  net.dscp = (cls << 3) | (Math.min(3, prec + levels) << 1);
  if (net.type === "ipv4") delete net.checksum;
  pkt.changed();
}
