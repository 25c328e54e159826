// Test frames for the conformance suite, built from layers with the packet library: every
// frame carries the same 32-byte payload, so frames stay above the 60-byte Ethernet minimum
// after a tag is popped, and checksums are always those the packet library computes.
import { build } from "../src/packet/mod.ts";
import type {
  ArpLayer,
  EthernetLayer,
  IcmpLayer,
  Icmpv6Layer,
  Ipv4Layer,
  Ipv6Layer,
  Layer,
  MplsLayer,
  SctpLayer,
  TcpLayer,
  UdpLayer,
  VlanLayer,
} from "../src/packet/mod.ts";

/** A layer's fields without its discriminant. */
type Fields<L extends Layer> = Omit<L, "type">;

/** Destination MAC of every frame unless a test says otherwise. */
export const DST_MAC = "00:01:02:03:04:05";
/** Source MAC of every frame unless a test says otherwise. */
export const SRC_MAC = "00:06:07:08:09:0a";
/** IPv4 source and destination. */
export const IP_SRC = "192.168.0.1", IP_DST = "192.168.0.2";
/** IPv6 source and destination. */
export const IP6_SRC = "2001:db8::1", IP6_DST = "2001:db8::2";

/** The payload every frame ends with. */
export const PAYLOAD: Uint8Array = Uint8Array.from({ length: 32 }, (_, i) => 0x40 + i);

/** What goes in front of the network layer: Ethernet fields and VLAN tags (outermost first). */
export interface L2Options {
  /** Ethernet fields (`dst`, `src`). */
  eth?: Fields<EthernetLayer>;
  /** VLAN tags, outermost first. */
  vlans?: Omit<VlanLayer, "ethertype">[];
  /** MPLS label stack entries, outermost first (bottom of stack computed). */
  mpls?: Fields<MplsLayer>[];
}

function l2(o: L2Options): Layer[] {
  return [
    { type: "ethernet", dst: DST_MAC, src: SRC_MAC, ...o.eth },
    ...(o.vlans ?? []),
    ...(o.mpls ?? []).map((m): MplsLayer => ({ type: "mpls", ...m })),
  ];
}

/**
 * A frame from layers, with the payload appended (ARP frames are zero-padded to 60 bytes
 * instead: ARP carries no payload).
 */
export function frame(layers: Layer[]): Uint8Array {
  const last = layers[layers.length - 1];
  if (last?.type === "arp") return build(layers, { pad: true });
  return build([...layers, { type: "raw", data: PAYLOAD }]);
}

/** Ethernet II frame of any EtherType, carrying the payload. */
export function ethFrame(ethertype = 0x88b5, o: L2Options = {}): Uint8Array {
  return build([...l2({ ...o, eth: { ethertype, ...o.eth } }), { type: "raw", data: PAYLOAD }]);
}

function ipv4(o: Fields<Ipv4Layer> = {}): Ipv4Layer {
  return { type: "ipv4", src: IP_SRC, dst: IP_DST, ...o };
}

function ipv6(o: Fields<Ipv6Layer> = {}): Ipv6Layer {
  return { type: "ipv6", src: IP6_SRC, dst: IP6_DST, ...o };
}

/** IPv4 + TCP (ports 1234 → 80). */
export function tcp4(
  o: L2Options & { ip?: Fields<Ipv4Layer>; tcp?: Fields<TcpLayer> } = {},
): Uint8Array {
  return frame([...l2(o), ipv4(o.ip), { type: "tcp", srcPort: 1234, dstPort: 80, ...o.tcp }]);
}

/** IPv4 + UDP (ports 1234 → 53). */
export function udp4(
  o: L2Options & { ip?: Fields<Ipv4Layer>; udp?: Fields<UdpLayer> } = {},
): Uint8Array {
  return frame([...l2(o), ipv4(o.ip), { type: "udp", srcPort: 1234, dstPort: 53, ...o.udp }]);
}

/** IPv4 + SCTP (ports 1234 → 5000, one DATA chunk). */
export function sctp4(
  o: L2Options & { ip?: Fields<Ipv4Layer>; sctp?: Fields<SctpLayer> } = {},
): Uint8Array {
  return frame([...l2(o), ipv4(o.ip), sctpLayer(o.sctp)]);
}

function sctpLayer(o: Fields<SctpLayer> = {}): SctpLayer {
  return {
    type: "sctp",
    srcPort: 1234,
    dstPort: 5000,
    verificationTag: 0x01020304,
    chunks: [{ chunkType: 0, data: new Uint8Array(12) }],
    ...o,
  };
}

/** IPv4 + ICMP echo request. */
export function icmp4(
  o: L2Options & { ip?: Fields<Ipv4Layer>; icmp?: Fields<IcmpLayer> } = {},
): Uint8Array {
  return frame([...l2(o), ipv4(o.ip), { type: "icmp", icmpType: 8, identifier: 1, ...o.icmp }]);
}

/** IPv4 with no transport layer (protocol 0xfd, experimental). */
export function ip4(o: L2Options & { ip?: Fields<Ipv4Layer> } = {}): Uint8Array {
  return frame([...l2(o), ipv4({ protocol: 0xfd, ...o.ip })]);
}

/** IPv6 + TCP (ports 1234 → 80). */
export function tcp6(
  o: L2Options & { ip?: Fields<Ipv6Layer>; tcp?: Fields<TcpLayer> } = {},
): Uint8Array {
  return frame([...l2(o), ipv6(o.ip), { type: "tcp", srcPort: 1234, dstPort: 80, ...o.tcp }]);
}

/** IPv6 + UDP (ports 1234 → 53). */
export function udp6(
  o: L2Options & { ip?: Fields<Ipv6Layer>; udp?: Fields<UdpLayer> } = {},
): Uint8Array {
  return frame([...l2(o), ipv6(o.ip), { type: "udp", srcPort: 1234, dstPort: 53, ...o.udp }]);
}

/** IPv6 + SCTP. */
export function sctp6(
  o: L2Options & { ip?: Fields<Ipv6Layer>; sctp?: Fields<SctpLayer> } = {},
): Uint8Array {
  return frame([...l2(o), ipv6(o.ip), sctpLayer(o.sctp)]);
}

/** IPv6 + ICMPv6 echo request (or any type given). */
export function icmp6(
  o: L2Options & { ip?: Fields<Ipv6Layer>; icmp?: Fields<Icmpv6Layer> } = {},
): Uint8Array {
  return frame([
    ...l2(o),
    ipv6(o.ip),
    { type: "icmpv6", icmpType: 128, identifier: 1, ...o.icmp },
  ]);
}

/** IPv6 with extension headers, then TCP. */
export function tcp6With(ext: Layer[], o: L2Options & { ip?: Fields<Ipv6Layer> } = {}): Uint8Array {
  return frame([...l2(o), ipv6(o.ip), ...ext, { type: "tcp", srcPort: 1234, dstPort: 80 }]);
}

/** A neighbor solicitation for `target` with a source link-layer address option. */
export function neighborSolicitation(
  target = "2001:db8::2",
  sll = SRC_MAC,
  o: L2Options = {},
): Uint8Array {
  return build([
    ...l2(o),
    ipv6({ dst: "ff02::1:ff00:2", hopLimit: 255 }),
    { type: "icmpv6", icmpType: 135, target, options: [{ optionType: 1, mac: sll }] },
  ]);
}

/** A neighbor advertisement for `target` with a target link-layer address option. */
export function neighborAdvertisement(
  target = "2001:db8::2",
  tll = "00:0a:0b:0c:0d:0e",
  o: L2Options = {},
): Uint8Array {
  return build([
    ...l2(o),
    ipv6({ src: target, dst: IP6_SRC, hopLimit: 255 }),
    {
      type: "icmpv6",
      icmpType: 136,
      flags: 0x60,
      target,
      options: [{ optionType: 2, mac: tll }],
    },
  ]);
}

/** ARP request (or reply with `opcode: 2`), zero-padded to 60 bytes. */
export function arp(o: L2Options & { arp?: Fields<ArpLayer> } = {}): Uint8Array {
  return frame([
    ...l2({ ...o, eth: { dst: "ff:ff:ff:ff:ff:ff", ...o.eth } }),
    {
      type: "arp",
      opcode: 1,
      srcMac: SRC_MAC,
      srcIp: IP_SRC,
      dstMac: "00:00:00:00:00:00",
      dstIp: IP_DST,
      ...o.arp,
    },
  ]);
}

/** MPLS (the given stack) over IPv4 + UDP. */
export function mplsUdp4(
  mpls: Fields<MplsLayer>[],
  o: L2Options & { ip?: Fields<Ipv4Layer> } = {},
): Uint8Array {
  return udp4({ ...o, mpls });
}

/** Any frame from layers (payload appended). */
export { build };
