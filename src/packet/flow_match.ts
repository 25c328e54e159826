/**
 * The flow match a frame would hit (OFTest's `packet_to_flow_match`): the exact OpenFlow 1.0
 * match and the OpenFlow 1.3 OXM list, with the input port given.
 *
 * @module
 */
import { describe } from "../ofp/_addresses.ts";
import { OFP_VLAN_NONE } from "../ofp/v10/constants.ts";
import { match as of10Match } from "../ofp/v10/match.ts";
import type { Of10Match, Of10MatchSpec } from "../ofp/v10/types.ts";
import { OFPVID_NONE, OFPVID_PRESENT } from "../ofp/v13/oxm_fields.ts";
import { match as of13Match } from "../ofp/v13/oxm.ts";
import type { MatchSpec, Of13Match } from "../ofp/v13/oxm_types.ts";
import { build } from "./build.ts";
import type { FrameLike } from "./diff.ts";
import type { EthernetLayer, Layer, VlanLayer } from "./layers.ts";
import { parse } from "./parse.ts";

/** OpenFlow's dl_type for 802.3 frames (no EtherType): `OFP_DL_TYPE_NOT_ETH_TYPE`. */
const NOT_ETH_TYPE = 0x05ff;

/** The frame's layers, the outer Ethernet header, its first tag and what follows it. */
interface Frame {
  layers: readonly Layer[];
  eth: EthernetLayer;
  tag: VlanLayer | undefined;
  /** The EtherType after the first tag (0x05ff for an 802.3 length). */
  ethType: number;
  /** Index of the layer after the Ethernet header and first tag. */
  next: number;
}

function frameOf(frame: FrameLike, inPort: number): Frame {
  if (!Number.isInteger(inPort) || inPort < 0 || inPort > 0xffffffff) {
    throw new RangeError(`Expected inPort as a port number, got ${describe(inPort)}`);
  }
  let layers: readonly Layer[];
  if (frame instanceof Uint8Array) layers = parse(frame, { partial: true });
  else if (Array.isArray(frame) && frame[0]?.type === "ethernet") {
    layers = parse(build(frame), { partial: true });
  } else if (Array.isArray(frame)) layers = frame;
  else throw new TypeError(`Expected the frame as bytes or layers, got ${describe(frame)}`);
  const eth = layers[0];
  if (eth?.type !== "ethernet") {
    throw new TypeError(
      `Expected a frame starting with an ethernet layer, got ${eth?.type ?? "none"}`,
    );
  }
  const second = layers[1];
  const tag = second?.type === "vlan" || second?.type === "svlan" ? second : undefined;
  const type = (tag ?? eth).ethertype ?? 0;
  return {
    layers,
    eth,
    tag,
    ethType: type <= 1500 ? NOT_ETH_TYPE : type,
    next: tag ? 2 : 1,
  };
}

/** The upper layer after an IPv6 header and its extension headers, and that protocol. */
function upperOf(layers: readonly Layer[], k: number): [Layer | undefined, number] {
  let proto = 59;
  for (; k < layers.length; k++) {
    const l = layers[k];
    if (
      l.type === "ipv6" || l.type === "hopopts" || l.type === "routing" || l.type === "dstopts" ||
      l.type === "fragment"
    ) {
      proto = l.nextHeader ?? 59;
      continue;
    }
    return [l, proto];
  }
  return [undefined, proto];
}

/**
 * The exact OpenFlow 1.0 match of a frame arriving on `inPort`, as OFTest's
 * `packet_to_flow_match`: in_port, Ethernet addresses and type, the first VLAN tag's id and
 * priority (`dl_vlan` 0xffff when untagged), and for IPv4 the addresses, DSCP (as `nw_tos`,
 * ECN bits clear), protocol and TCP/UDP/SCTP ports or ICMP type and code; for ARP the opcode
 * and protocol addresses. Every other field stays wildcarded. The EtherType is the one after
 * the first tag; an 802.3 frame has 0x05ff.
 *
 * @param frame The frame, as bytes (parsed partially) or layers (built, then parsed back).
 * @param inPort The port it arrives on.
 * @returns The match, built with the codec's {@linkcode of10.match}.
 * @throws {TypeError} If the frame is not bytes or layers starting with Ethernet, or its
 *   layers do not build.
 * @throws {RangeError} If `inPort` is not a port number, or a layer field is out of range.
 *
 * @example
 * ```ts
 * import { of10MatchFromFrame, simpleTcpPacket } from "@oftest/oftest/packet";
 * import { of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const m = of10MatchFromFrame(simpleTcpPacket({ tcpDport: 443 }), 1);
 * assert.deepEqual([m.inPort, m.dlType, m.nwProto, m.tpDst, m.dlVlan], [1, 0x0800, 6, 443, 0xffff]);
 * assert.equal(m.wildcards, 0);
 * ```
 */
export function of10MatchFromFrame(frame: FrameLike, inPort: number): Of10Match {
  const f = frameOf(frame, inPort);
  const spec: Of10MatchSpec = {
    inPort,
    dlSrc: f.eth.src ?? "00:00:00:00:00:00",
    dlDst: f.eth.dst ?? "ff:ff:ff:ff:ff:ff",
    dlVlan: f.tag ? f.tag.vid ?? 0 : OFP_VLAN_NONE,
    dlVlanPcp: f.tag?.pcp ?? 0,
    dlType: f.ethType,
  };
  const l3 = f.layers[f.next];
  if (f.ethType === 0x0800 && l3?.type === "ipv4") {
    spec.nwSrc = l3.src ?? "0.0.0.0";
    spec.nwDst = l3.dst ?? "0.0.0.0";
    spec.nwTos = (l3.dscp ?? 0) << 2;
    spec.nwProto = l3.protocol ?? 0;
    const l4 = f.layers[f.next + 1];
    if ((l3.fragmentOffset ?? 0) === 0 && l4 !== undefined) {
      if (l4.type === "tcp" || l4.type === "udp" || l4.type === "sctp") {
        spec.tpSrc = l4.srcPort ?? 1;
        spec.tpDst = l4.dstPort ?? 1;
      } else if (l4.type === "icmp") {
        spec.tpSrc = l4.icmpType ?? 8;
        spec.tpDst = l4.code ?? 0;
      }
    }
  } else if (f.ethType === 0x0806 && l3?.type === "arp" && l3.addresses === undefined) {
    spec.nwProto = (l3.opcode ?? 1) & 0xff;
    spec.nwSrc = l3.srcIp ?? "0.0.0.0";
    spec.nwDst = l3.dstIp ?? "0.0.0.0";
  }
  return of10Match(spec);
}

/**
 * The OpenFlow 1.3 match (OXM list) of a frame arriving on `inPort`, every field exact and
 * in prerequisite order, as OFTest's `packet_to_flow_match`: in_port, eth_dst, eth_src,
 * eth_type, vlan_vid (`OFPVID_PRESENT | vid`, or `OFPVID_NONE`) and vlan_pcp when tagged;
 * then by EtherType: MPLS label, traffic class and bottom of stack of the first label; the
 * PBB I-SID; ARP opcode and addresses; IPv4 or IPv6 protocol, DSCP, ECN, addresses (and
 * flow label), the protocol being the upper layer's after any IPv6 extension headers; then
 * TCP, UDP or SCTP ports, ICMP type and code, or ICMPv6 type and code with the neighbor
 * discovery target and link-layer address options.
 *
 * @param frame The frame, as bytes (parsed partially) or layers (built, then parsed back).
 * @param inPort The port it arrives on.
 * @returns The OXM TLVs, built with the codec's {@linkcode of13.match}.
 * @throws {TypeError} If the frame is not bytes or layers starting with Ethernet, or its
 *   layers do not build.
 * @throws {RangeError} If `inPort` is not a port number, or a layer field is out of range.
 *
 * @example
 * ```ts
 * import { of13MatchFromFrame, simpleUdpPacket } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const m = of13MatchFromFrame(simpleUdpPacket({ dlVlanEnable: true, vlanVid: 10 }), 3);
 * assert.deepEqual(m.map((t) => t.field), [
 *   "in_port", "eth_dst", "eth_src", "eth_type", "vlan_vid", "vlan_pcp",
 *   "ip_proto", "ip_dscp", "ip_ecn", "ipv4_src", "ipv4_dst", "udp_src", "udp_dst",
 * ]);
 * assert.deepEqual(m[4], { field: "vlan_vid", value: 0x1000 | 10 });
 * ```
 */
export function of13MatchFromFrame(frame: FrameLike, inPort: number): Of13Match {
  const f = frameOf(frame, inPort);
  const spec: MatchSpec = {
    in_port: inPort,
    eth_dst: f.eth.dst ?? "ff:ff:ff:ff:ff:ff",
    eth_src: f.eth.src ?? "00:00:00:00:00:00",
    eth_type: f.ethType,
    vlan_vid: f.tag ? OFPVID_PRESENT | (f.tag.vid ?? 0) : OFPVID_NONE,
  };
  if (f.tag) spec.vlan_pcp = f.tag.pcp ?? 0;
  const l3 = f.layers[f.next];
  if (l3?.type === "mpls" && (f.ethType === 0x8847 || f.ethType === 0x8848)) {
    spec.mpls_label = l3.label ?? 0;
    spec.mpls_tc = l3.tc ?? 0;
    spec.mpls_bos = (l3.bos ?? f.layers[f.next + 1]?.type !== "mpls") ? 1 : 0;
  } else if (l3?.type === "itag" && f.ethType === 0x88e7) {
    spec.pbb_isid = l3.isid ?? 0;
  } else if (l3?.type === "arp" && f.ethType === 0x0806 && l3.addresses === undefined) {
    spec.arp_op = l3.opcode ?? 1;
    spec.arp_spa = l3.srcIp ?? "0.0.0.0";
    spec.arp_tpa = l3.dstIp ?? "0.0.0.0";
    spec.arp_sha = l3.srcMac ?? "00:00:00:00:00:00";
    spec.arp_tha = l3.dstMac ?? "00:00:00:00:00:00";
  } else if (l3?.type === "ipv4" && f.ethType === 0x0800) {
    spec.ip_proto = l3.protocol ?? 0;
    spec.ip_dscp = l3.dscp ?? 0;
    spec.ip_ecn = l3.ecn ?? 0;
    spec.ipv4_src = l3.src ?? "0.0.0.0";
    spec.ipv4_dst = l3.dst ?? "0.0.0.0";
    if ((l3.fragmentOffset ?? 0) === 0) transport(spec, f.layers[f.next + 1]);
  } else if (l3?.type === "ipv6" && f.ethType === 0x86dd) {
    const [upper, proto] = upperOf(f.layers, f.next);
    spec.ip_proto = proto;
    spec.ip_dscp = l3.dscp ?? 0;
    spec.ip_ecn = l3.ecn ?? 0;
    spec.ipv6_src = l3.src ?? "::";
    spec.ipv6_dst = l3.dst ?? "::";
    spec.ipv6_flabel = l3.flowLabel ?? 0;
    transport(spec, upper);
  }
  return of13Match(spec);
}

/** The transport fields of the layer after IP. */
function transport(spec: MatchSpec, l4: Layer | undefined): void {
  if (l4 === undefined) return;
  if (l4.type === "tcp") {
    spec.tcp_src = l4.srcPort ?? 1;
    spec.tcp_dst = l4.dstPort ?? 1;
  } else if (l4.type === "udp") {
    spec.udp_src = l4.srcPort ?? 1;
    spec.udp_dst = l4.dstPort ?? 1;
  } else if (l4.type === "sctp") {
    spec.sctp_src = l4.srcPort ?? 1;
    spec.sctp_dst = l4.dstPort ?? 1;
  } else if (l4.type === "icmp") {
    spec.icmpv4_type = l4.icmpType ?? 8;
    spec.icmpv4_code = l4.code ?? 0;
  } else if (l4.type === "icmpv6") {
    const t = l4.icmpType ?? 128;
    spec.icmpv6_type = t;
    spec.icmpv6_code = l4.code ?? 0;
    if (t === 135 || t === 136) {
      spec.ipv6_nd_target = l4.target ?? "::";
      const want = t === 135 ? 1 : 2;
      const opt = l4.options?.find((o) => o.optionType === want && o.mac !== undefined);
      if (opt?.mac !== undefined) {
        if (t === 135) spec.ipv6_nd_sll = opt.mac;
        else spec.ipv6_nd_tll = opt.mac;
      }
    }
  }
}
