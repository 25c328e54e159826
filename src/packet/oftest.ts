/**
 * OFTest's test frames (`testutils.simple_*_packet`), with OFTest's defaults and keyword
 * names in camelCase (`pktlen`, `ethDst`, `dlVlanEnable`, `vlanVid`, `ipSrc`, `tcpDport`, …),
 * built with {@linkcode build} so every length and checksum is right. Like OFTest, frames are
 * filled to `pktlen` with "D" (ICMP and bare Ethernet: "0"; ARP: zero padding).
 *
 * @module
 */
import { build } from "./build.ts";
import type { Icmpv6Layer, Layer, NdOption } from "./layers.ts";
import { data, fill, headerLength, l2, pktlen, tcpFlags } from "./_oftest.ts";
import { parseIpv6 } from "../ofp/_addresses.ts";

/** One VLAN tag of {@linkcode PacketOptions.vlanTags} (OFTest's `vlan_tags` entries). */
export interface VlanTag {
  /** VLAN id. */
  vid: number;
  /** Priority. Default 0. */
  pcp?: number;
  /** CFI/DEI bit. Default 0. */
  cfi?: number;
  /** The tag's TPID: 0x8100 (`vlan`, the default) or 0x88a8 (`svlan`). */
  type?: number;
}

/** One MPLS label of {@linkcode PacketOptions.mplsTags} (OFTest's `mpls_tags` entries). */
export interface MplsTag {
  /** Label. */
  label: number;
  /** Traffic class. Default 0. */
  tc?: number;
  /** Time to live. Default 0, as OFTest's (scapy's). */
  ttl?: number;
}

/** The keywords of the `simple*Packet` helpers: OFTest's, in camelCase. */
export interface PacketOptions {
  /** Frame length without FCS, filled with payload; never below the headers. Default 100 (ICMP, Ethernet 60; ARP 68). */
  pktlen?: number;
  /** @deprecated Use `pktlen`. */
  pktLen?: number;
  /** Destination MAC. Default `00:01:02:03:04:05` (ARP: broadcast). */
  ethDst?: string;
  /** Source MAC. Default `00:06:07:08:09:0a`. */
  ethSrc?: string;
  /** EtherType of {@linkcode simpleEthPacket}. Default 0x88cc. */
  ethType?: number;
  /**
   * Add one 802.1Q tag. Default: tagged when `vlanVid` or `vlanPcp` is given (OFTest's IPv6
   * and ARP helpers' rule, extended to all).
   */
  dlVlanEnable?: boolean;
  /** VLAN id of the tag. Default 0. */
  vlanVid?: number;
  /** Priority of the tag. Default 0. */
  vlanPcp?: number;
  /** CFI (DEI) bit of the tag. Default 0. */
  dlVlanCfi?: number;
  /** Stacked tags, outermost first; replaces the single-tag options. */
  vlanTags?: readonly VlanTag[];
  /** MPLS labels after the tags, outermost first (bottom of stack computed). */
  mplsTags?: readonly MplsTag[];
  /** IPv4 source. Default `192.168.0.1`. */
  ipSrc?: string;
  /** IPv4 destination. Default `192.168.0.2`. */
  ipDst?: string;
  /** IPv4 TOS byte (DSCP << 2 | ECN). Default 0. */
  ipTos?: number;
  /** IPv4 TTL. Default 64. */
  ipTtl?: number;
  /** IPv4 identification. Default 1 (scapy's). */
  ipId?: number;
  /** IPv4 header length in words. Default computed. */
  ipIhl?: number;
  /** IPv4 options as bytes. Default none. */
  ipOptions?: Uint8Array | false;
  /** IPv4 protocol of {@linkcode simpleIpv4Packet}. Default 0 (scapy's). */
  ipProto?: number;
  /** TCP source port. Default 1234. */
  tcpSport?: number;
  /** TCP destination port. Default 80. */
  tcpDport?: number;
  /** TCP flags: a number or scapy's letters ("S", "SA"). Default "S". */
  tcpFlags?: number | string;
  /** UDP source port. Default 1234. */
  udpSport?: number;
  /** UDP destination port. Default 80. */
  udpDport?: number;
  /** SCTP source port. Default 1234. */
  sctpSport?: number;
  /** SCTP destination port. Default 80. */
  sctpDport?: number;
  /** @deprecated Use `tcpSport` or `udpSport`. */
  sport?: number;
  /** @deprecated Use `tcpDport` or `udpDport`. */
  dport?: number;
  /** ICMP or ICMPv6 type. Default 8, ICMPv6 128 (echo request). */
  icmpType?: number;
  /** ICMP or ICMPv6 code. Default 0. */
  icmpCode?: number;
  /** Payload after the ICMP or ICMPv6 header. Default empty. */
  icmpData?: Uint8Array | string;
  /** IPv6 source. Default `2001:db8:85a3::8a2e:370:7334`. */
  ipv6Src?: string;
  /** IPv6 destination. Default `2001:db8:85a3::8a2e:370:7335`. */
  ipv6Dst?: string;
  /** IPv6 traffic class. Default 0. */
  ipv6Tc?: number;
  /** IPv6 hop limit. Default 64. */
  ipv6Hlim?: number;
  /** IPv6 flow label. Default 0. */
  ipv6Fl?: number;
  /** Router advertisement: add a prefix information option. Default false. */
  prefixOpt?: boolean;
  /** Neighbor discovery: add a link-layer address option. Default false. */
  hasLl?: boolean;
  /** That option's address. Default `66:6f:df:2d:7c:9c`. */
  llAddr?: string;
  /** The advertised prefix. Default `fd00:141:64:1::`. */
  ipv6Prefix?: string;
  /** Neighbor advertisement R (router) flag. Default 0. */
  rBit?: number;
  /** Neighbor advertisement S (solicited) flag. Default 0. */
  sBit?: number;
  /** Neighbor solicitation/advertisement target. Default `::`. */
  target?: string;
  /** ARP opcode. Default 1 (request). */
  arpOp?: number;
  /** ARP sender IPv4 address. Default `192.168.0.1`. */
  ipSnd?: string;
  /** ARP target IPv4 address. Default `192.168.0.2`. */
  ipTgt?: string;
  /** ARP sender MAC. Default `00:06:07:08:09:0a`. */
  hwSnd?: string;
  /** ARP target MAC. Default `00:00:00:00:00:00`. */
  hwTgt?: string;
}

const D = 0x44, ZERO_CHAR = 0x30;

/** Layers with a payload of `code` bytes filling them to `length`. */
function filled(layers: Layer[], length: number, code: number): Uint8Array {
  const payload = fill(length - headerLength(layers), code);
  if (payload.length > 0) layers.push({ type: "raw", data: payload });
  return build(layers);
}

/** The IPv4 header of OFTest's helpers. */
function ipv4(o: PacketOptions, protocol?: number): Layer {
  const tos = o.ipTos ?? 0;
  return {
    type: "ipv4",
    src: o.ipSrc ?? "192.168.0.1",
    dst: o.ipDst ?? "192.168.0.2",
    dscp: tos >> 2,
    ecn: tos & 3,
    ttl: o.ipTtl ?? 64,
    identification: o.ipId ?? 1,
    ihl: o.ipIhl,
    options: o.ipOptions === false ? undefined : o.ipOptions,
    protocol,
  };
}

/** The IPv6 header of OFTest's helpers. */
function ipv6(o: PacketOptions): Layer {
  const tc = o.ipv6Tc ?? 0;
  return {
    type: "ipv6",
    src: o.ipv6Src ?? "2001:db8:85a3::8a2e:370:7334",
    dst: o.ipv6Dst ?? "2001:db8:85a3::8a2e:370:7335",
    dscp: tc >> 2,
    ecn: tc & 3,
    flowLabel: o.ipv6Fl ?? 0,
    hopLimit: o.ipv6Hlim ?? 64,
  };
}

function tcp(o: PacketOptions): Layer {
  return {
    type: "tcp",
    srcPort: o.tcpSport ?? o.sport ?? 1234,
    dstPort: o.tcpDport ?? o.dport ?? 80,
    flags: tcpFlags(o.tcpFlags ?? "S"),
  };
}

function udp(o: PacketOptions): Layer {
  return {
    type: "udp",
    srcPort: o.udpSport ?? o.sport ?? 1234,
    dstPort: o.udpDport ?? o.dport ?? 80,
  };
}

/**
 * Ethernet/IPv4/TCP (OFTest's `simple_tcp_packet`): a SYN from 192.168.0.1:1234 to
 * 192.168.0.2:80, window 8192, IP id 1, filled with "D" to 100 bytes.
 *
 * @param options OFTest's keywords in camelCase.
 * @returns The frame.
 * @throws {TypeError} On a malformed address or flags.
 * @throws {RangeError} On a field out of range (a port above 65535, a VLAN id above 4095).
 *
 * @example
 * ```ts
 * import { parse, simpleTcpPacket } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleTcpPacket({ ipDst: "10.0.0.2", tcpDport: 443, pktlen: 64 });
 * assert.equal(frame.length, 64);
 * const [, ip, tcp] = parse(frame);
 * assert.deepEqual([ip.type === "ipv4" && ip.dst, tcp.type === "tcp" && tcp.dstPort], ["10.0.0.2", 443]);
 * ```
 */
export function simpleTcpPacket(options: PacketOptions = {}): Uint8Array {
  return filled(
    [...l2(options, "00:01:02:03:04:05"), ipv4(options), tcp(options)],
    pktlen(options, 100),
    D,
  );
}

/**
 * Ethernet/IPv4/UDP (OFTest's `simple_udp_packet`), ports 1234 to 80, filled with "D".
 *
 * @param options OFTest's keywords in camelCase.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleUdpPacket } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleUdpPacket({ dlVlanEnable: true, vlanVid: 10, udpDport: 53 });
 * assert.deepEqual([frame[12], frame[13], frame[27]], [0x81, 0x00, 17]);
 * ```
 */
export function simpleUdpPacket(options: PacketOptions = {}): Uint8Array {
  return filled(
    [...l2(options, "00:01:02:03:04:05"), ipv4(options), udp(options)],
    pktlen(options, 100),
    D,
  );
}

/**
 * Ethernet/IPv4/SCTP (OFTest's `simple_sctp_packet`): a common header with no chunks, ports
 * 1234 to 80, filled with "D".
 *
 * @param options OFTest's keywords in camelCase.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleSctpPacket } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * assert.equal(simpleSctpPacket()[23], 132);
 * ```
 */
export function simpleSctpPacket(options: PacketOptions = {}): Uint8Array {
  const sctp: Layer = {
    type: "sctp",
    srcPort: options.sctpSport ?? 1234,
    dstPort: options.sctpDport ?? 80,
  };
  return filled(
    [...l2(options, "00:01:02:03:04:05"), ipv4(options), sctp],
    pktlen(options, 100),
    D,
  );
}

/**
 * Ethernet/IPv4/ICMP (OFTest's `simple_icmp_packet`), by default an echo request, 60
 * bytes, filled with "0".
 *
 * @param options OFTest's keywords in camelCase (`icmpType`, `icmpCode`, `icmpData`).
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleIcmpPacket } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleIcmpPacket();
 * assert.deepEqual([frame.length, frame[23], frame[34]], [60, 1, 8]);
 * ```
 */
export function simpleIcmpPacket(options: PacketOptions = {}): Uint8Array {
  const layers = [
    ...l2(options, "00:01:02:03:04:05"),
    ipv4(options),
    { type: "icmp", icmpType: options.icmpType ?? 8, code: options.icmpCode ?? 0 } as Layer,
  ];
  const body = data(options.icmpData);
  if (body.length > 0) layers.push({ type: "raw", data: body });
  return filled(layers, pktlen(options, 60), ZERO_CHAR);
}

/**
 * Ethernet/IPv4 with no transport header (PTF's `simple_ip_only_packet`, OFTest's
 * `simple_ip_packet` without TCP), protocol `ipProto` (default 0), filled with "D".
 *
 * @param options OFTest's keywords in camelCase, with `vlanTags` and `mplsTags` for stacks.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { parse, simpleIpv4Packet } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleIpv4Packet({ vlanTags: [{ vid: 20, type: 0x88a8 }, { vid: 10 }], mplsTags: [{ label: 100 }, { label: 200 }] });
 * assert.deepEqual(parse(frame).map((l) => l.type), ["ethernet", "svlan", "vlan", "mpls", "mpls", "ipv4", "raw"]);
 * ```
 */
export function simpleIpv4Packet(options: PacketOptions = {}): Uint8Array {
  return filled(
    [...l2(options, "00:01:02:03:04:05"), ipv4(options, options.ipProto ?? 0)],
    pktlen(options, 100),
    D,
  );
}

/**
 * Ethernet/IPv6/TCP (OFTest's `simple_tcpv6_packet`), a SYN from port 1234 to 80, filled
 * with "D"; tagged when `dlVlanEnable`, `vlanVid` or `vlanPcp` is given.
 *
 * @param options OFTest's keywords in camelCase (`ipv6Src`, `ipv6Dst`, `ipv6Tc`, `ipv6Fl`, `ipv6Hlim`, …).
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleTcpv6Packet } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleTcpv6Packet({ ipv6Dst: "2001:db8::7" });
 * assert.deepEqual([frame[12], frame[13], frame[20]], [0x86, 0xdd, 6]);
 * ```
 */
export function simpleTcpv6Packet(options: PacketOptions = {}): Uint8Array {
  return filled(
    [...l2(options, "00:01:02:03:04:05"), ipv6(options), tcp(options)],
    pktlen(options, 100),
    D,
  );
}

/**
 * Ethernet/IPv6/UDP (OFTest's `simple_udpv6_packet`), ports 1234 to 80, filled with "D".
 *
 * @param options OFTest's keywords in camelCase.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleUdpv6Packet } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * assert.equal(simpleUdpv6Packet()[20], 17);
 * ```
 */
export function simpleUdpv6Packet(options: PacketOptions = {}): Uint8Array {
  return filled(
    [...l2(options, "00:01:02:03:04:05"), ipv6(options), udp(options)],
    pktlen(options, 100),
    D,
  );
}

/** The 30-byte body of a prefix information option (RFC 4861 4.6.2), as OFTest sends it. */
function prefixInfo(prefix: string): Uint8Array {
  const body = new Uint8Array(30);
  const v = new DataView(body.buffer);
  body[0] = 64; // prefix length
  body[1] = 0xc0; // on-link, autonomous
  v.setUint32(2, 1814400); // valid lifetime
  v.setUint32(6, 604800); // preferred lifetime
  if (!parseIpv6(prefix, body, 14)) {
    throw new TypeError(
      `Expected ipv6Prefix as an IPv6 address like fd00::, got ${JSON.stringify(prefix)}`,
    );
  }
  return body;
}

/**
 * Ethernet/IPv6/ICMPv6 (OFTest's `simple_icmpv6_packet`): by default an echo request;
 * `icmpType` 133–136 gives router solicitation/advertisement and neighbor
 * solicitation/advertisement with OFTest's fields (`target`, `rBit`, `sBit`, and with
 * `hasLl` a link-layer address option, with `prefixOpt` a prefix option); filled with "D".
 *
 * @param options OFTest's keywords in camelCase.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { parse, simpleIcmpv6Packet } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const ns = parse(simpleIcmpv6Packet({ icmpType: 135, target: "fe80::1", hasLl: true }));
 * const icmp = ns[2];
 * assert.ok(icmp.type === "icmpv6");
 * assert.deepEqual([icmp.target, icmp.options?.[0].mac], ["fe80::1", "66:6f:df:2d:7c:9c"]);
 * ```
 */
export function simpleIcmpv6Packet(options: PacketOptions = {}): Uint8Array {
  const o = options;
  const t = o.icmpType ?? 128, code = o.icmpCode ?? 0;
  const ll = o.llAddr ?? "66:6f:df:2d:7c:9c";
  const target = o.target ?? "::";
  const layers = [...l2(o, "00:01:02:03:04:05"), ipv6(o)];
  const opts: NdOption[] = [];
  let icmp: Icmpv6Layer;
  let payload: Uint8Array = new Uint8Array(0);
  if (t === 134) {
    icmp = {
      type: "icmpv6",
      icmpType: 134,
      code: 0,
      curHopLimit: 255,
      flags: 0x40,
      routerLifetime: 1800,
    };
    if (o.prefixOpt) {
      opts.push({ optionType: 3, data: prefixInfo(o.ipv6Prefix ?? "fd00:141:64:1::") });
    }
    if (o.hasLl) opts.push({ optionType: 1, mac: ll });
  } else if (t === 135) {
    icmp = { type: "icmpv6", icmpType: 135, code, target };
    if (o.hasLl) opts.push({ optionType: 1, mac: ll });
  } else if (t === 136) {
    const flags = ((o.rBit ?? 0) ? 0x80 : 0) | ((o.sBit ?? 0) ? 0x40 : 0) | 0x20;
    icmp = { type: "icmpv6", icmpType: 136, code: 0, flags, target };
    if (o.hasLl) opts.push({ optionType: 2, mac: ll });
  } else if (t === 133) {
    icmp = { type: "icmpv6", icmpType: 133, code: 0 };
    if (o.hasLl) opts.push({ optionType: 1, mac: ll });
  } else if (t === 128 || t === 129) {
    icmp = { type: "icmpv6", icmpType: t, code: 0 };
    payload = data(o.icmpData);
  } else if (t === 1 || t === 3) {
    icmp = { type: "icmpv6", icmpType: t, code };
    payload = data(o.icmpData);
  } else {
    // scapy's ICMPv6Unknown has a 4-byte header: the "D" fill starts in our 4-byte rest.
    icmp = { type: "icmpv6", icmpType: t, code, rest: 0x44444444 };
  }
  if (opts.length > 0) icmp.options = opts;
  layers.push(icmp);
  if (payload.length > 0) layers.push({ type: "raw", data: payload });
  return filled(layers, pktlen(o, 100), D);
}

/**
 * Ethernet/ARP (OFTest's `simple_arp_packet`): a request from 192.168.0.1
 * (00:06:07:08:09:0a) for 192.168.0.2, to broadcast, zero-padded to 68 bytes.
 *
 * @param options OFTest's keywords in camelCase (`arpOp`, `ipSnd`, `ipTgt`, `hwSnd`, `hwTgt`).
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleArpPacket } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleArpPacket({ ipTgt: "10.0.0.9" });
 * assert.deepEqual([frame.length, frame[12], frame[13], frame[41]], [68, 0x08, 0x06, 9]);
 * ```
 */
export function simpleArpPacket(options: PacketOptions = {}): Uint8Array {
  const layers = l2(options, "ff:ff:ff:ff:ff:ff");
  layers.push({
    type: "arp",
    opcode: options.arpOp ?? 1,
    srcMac: options.hwSnd ?? "00:06:07:08:09:0a",
    srcIp: options.ipSnd ?? "192.168.0.1",
    dstMac: options.hwTgt ?? "00:00:00:00:00:00",
    dstIp: options.ipTgt ?? "192.168.0.2",
  });
  const padding = fill(pktlen(options, 68) - headerLength(layers), 0);
  if (padding.length > 0) (layers[0] as { padding?: Uint8Array }).padding = padding;
  return build(layers);
}

/**
 * A bare Ethernet frame of any EtherType (OFTest's `simple_eth_packet`), 0x88cc (LLDP) by
 * default, filled with "0" to 60 bytes.
 *
 * @param options `ethDst`, `ethSrc`, `ethType`, tags, and `pktlen`.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleEthPacket } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleEthPacket({ ethType: 0x88b5 });
 * assert.deepEqual([frame.length, frame[12], frame[13], frame[14]], [60, 0x88, 0xb5, 0x30]);
 * ```
 */
export function simpleEthPacket(options: PacketOptions = {}): Uint8Array {
  const layers = l2(options, "00:01:02:03:04:05");
  (layers[layers.length - 1] as { ethertype?: number }).ethertype = options.ethType ?? 0x88cc;
  return filled(layers, pktlen(options, 60), ZERO_CHAR);
}
