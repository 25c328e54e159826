/**
 * Test frames, like OFTest's `simple_tcp_packet` and friends: Ethernet (optionally 802.1Q)
 * carrying IPv4 or IPv6 with TCP, UDP or ICMP, or ARP, padded with zeros to the requested
 * length, with every checksum (IPv4 header, TCP, UDP, ICMP, ICMPv6) computed.
 *
 * @module
 */

/** Fields of the frames built by {@linkcode simpleTcpPacket} and its siblings. */
export interface PacketOptions {
  /** Destination MAC. Default `00:01:02:03:04:05`. */
  ethDst?: string;
  /** Source MAC. Default `00:06:07:08:09:0a`. */
  ethSrc?: string;
  /** EtherType of {@linkcode simpleEthPacket}. Default 0x88cc (LLDP). */
  ethType?: number;
  /** 802.1Q VLAN id (0–4095); absent → untagged. */
  vlanVid?: number;
  /** 802.1Q priority (0–7). Default 0. */
  vlanPcp?: number;
  /** IPv4 source. Default `192.168.0.1`. */
  ipSrc?: string;
  /** IPv4 destination. Default `192.168.0.2`. */
  ipDst?: string;
  /** IPv4 TTL. Default 64. */
  ipTtl?: number;
  /** IPv4 TOS byte (DSCP << 2 | ECN). Default 0. */
  ipTos?: number;
  /** IPv6 source. Default `2001:db8::1`. */
  ipv6Src?: string;
  /** IPv6 destination. Default `2001:db8::2`. */
  ipv6Dst?: string;
  /** IPv6 hop limit. Default 64. */
  ipv6Hlim?: number;
  /** IPv6 traffic class. Default 0. */
  ipv6Tc?: number;
  /** IPv6 flow label (20 bits). Default 0. */
  ipv6Fl?: number;
  /** TCP or UDP source port. Default 1234. */
  sport?: number;
  /** TCP or UDP destination port. Default 80. */
  dport?: number;
  /** TCP flags byte. Default 0x02 (SYN). */
  tcpFlags?: number;
  /** ICMP or ICMPv6 type. Default 8 (echo request) for ICMP, 128 for ICMPv6. */
  icmpType?: number;
  /** ICMP or ICMPv6 code. Default 0. */
  icmpCode?: number;
  /**
   * Total frame length without FCS; the payload is zero-filled up to it. Default 100 (60 for
   * ARP). A length below the headers' is raised to it.
   */
  pktLen?: number;
}

function mac(text: string): number[] {
  const parts = text.split(":");
  if (parts.length !== 6 || parts.some((p) => !/^[0-9a-fA-F]{2}$/.test(p))) {
    throw new TypeError(`Expected a MAC address like 00:01:02:03:04:05, got ${text}`);
  }
  return parts.map((p) => parseInt(p, 16));
}

function ipv4(text: string): number[] {
  const parts = text.split(".");
  if (parts.length !== 4 || parts.some((p) => !/^\d{1,3}$/.test(p) || Number(p) > 255)) {
    throw new TypeError(`Expected an IPv4 address like 10.0.0.1, got ${text}`);
  }
  return parts.map(Number);
}

function ipv6(text: string): number[] {
  const bad = () => new TypeError(`Expected an IPv6 address like 2001:db8::1, got ${text}`);
  const halves = text.split("::");
  if (halves.length > 2) throw bad();
  const groups = (s: string) => (s === "" ? [] : s.split(":"));
  const head = groups(halves[0]);
  const tail = halves.length === 2 ? groups(halves[1]) : [];
  const fill = 8 - head.length - tail.length;
  if (halves.length === 2 ? fill < 1 : fill !== 0) throw bad();
  const all = [...head, ...Array(fill).fill("0"), ...tail];
  if (all.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) throw bad();
  return all.flatMap((g) => [parseInt(g, 16) >> 8, parseInt(g, 16) & 0xff]);
}

function field(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new RangeError(`Expected ${name} in 0..${max}, got ${value}`);
  }
  return value;
}

function ethernet(o: PacketOptions, ethertype: number): number[] {
  const out = [...mac(o.ethDst ?? "00:01:02:03:04:05"), ...mac(o.ethSrc ?? "00:06:07:08:09:0a")];
  if (o.vlanVid !== undefined) {
    const tci = (field("vlanPcp", o.vlanPcp ?? 0, 7) << 13) | field("vlanVid", o.vlanVid, 0xfff);
    out.push(0x81, 0x00, tci >> 8, tci & 0xff);
  }
  out.push(ethertype >> 8, ethertype & 0xff);
  return out;
}

/** The 16-bit one's-complement sum of `bytes` (odd length padded with a zero byte). */
function onesSum(bytes: Uint8Array, initial = 0): number {
  let sum = initial;
  for (let i = 0; i + 1 < bytes.length; i += 2) sum += (bytes[i] << 8) | bytes[i + 1];
  if (bytes.length % 2) sum += bytes[bytes.length - 1] << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return sum;
}

function putChecksum(frame: Uint8Array, at: number, sum: number, udp = false): void {
  let c = ~sum & 0xffff;
  if (udp && c === 0) c = 0xffff; // 0 means "no checksum" in UDP
  frame[at] = c >> 8;
  frame[at + 1] = c & 0xff;
}

/** Where the checksum sits in each L4 header. */
const CHECKSUM_AT: Record<number, number> = { 6: 16, 17: 6, 1: 2, 58: 2 };

/** Builds L2 + L3 + `l4`, zero-padded to pktLen, and fills lengths and checksums. */
function ipFrame(o: PacketOptions, v6: boolean, proto: number, l4: number[]): Uint8Array {
  const eth = ethernet(o, v6 ? 0x86dd : 0x0800);
  const l3 = v6 ? 40 : 20;
  const size = Math.max(o.pktLen ?? 100, eth.length + l3 + l4.length);
  const frame = new Uint8Array(size);
  frame.set(eth);
  const ip = eth.length;
  const payload = size - ip - l3; // L4 header + zero padding
  if (v6) {
    const tc = field("ipv6Tc", o.ipv6Tc ?? 0, 0xff);
    const fl = field("ipv6Fl", o.ipv6Fl ?? 0, 0xfffff);
    const word = (6 << 28 | tc << 20 | fl) >>> 0;
    frame.set([word >>> 24, (word >> 16) & 0xff, (word >> 8) & 0xff, word & 0xff], ip);
    frame.set(
      [payload >> 8, payload & 0xff, proto, field("ipv6Hlim", o.ipv6Hlim ?? 64, 255)],
      ip + 4,
    );
    frame.set(ipv6(o.ipv6Src ?? "2001:db8::1"), ip + 8);
    frame.set(ipv6(o.ipv6Dst ?? "2001:db8::2"), ip + 24);
  } else {
    const total = l3 + payload;
    frame.set([0x45, field("ipTos", o.ipTos ?? 0, 0xff), total >> 8, total & 0xff, 0, 1, 0, 0], ip);
    frame.set([field("ipTtl", o.ipTtl ?? 64, 255), proto, 0, 0], ip + 8);
    frame.set(ipv4(o.ipSrc ?? "192.168.0.1"), ip + 12);
    frame.set(ipv4(o.ipDst ?? "192.168.0.2"), ip + 16);
    putChecksum(frame, ip + 10, onesSum(frame.subarray(ip, ip + 20)));
  }
  const l4At = ip + l3;
  frame.set(l4, l4At);
  if (proto === 17) frame.set([payload >> 8, payload & 0xff], l4At + 4); // UDP length
  // TCP, UDP and ICMPv6 sum a pseudo-header: addresses, protocol, L4 length.
  let initial = 0;
  if (proto !== 1) {
    const pseudo = v6 ? frame.subarray(ip + 8, ip + 40) : frame.subarray(ip + 12, ip + 20);
    initial = onesSum(pseudo) + proto + payload;
  }
  const sum = onesSum(frame.subarray(l4At), initial);
  putChecksum(frame, l4At + CHECKSUM_AT[proto], sum, proto === 17);
  return frame;
}

function tcp(o: PacketOptions): number[] {
  const s = field("sport", o.sport ?? 1234, 0xffff), d = field("dport", o.dport ?? 80, 0xffff);
  const flags = field("tcpFlags", o.tcpFlags ?? 0x02, 0xff);
  // seq 0, ack 0, data offset 5 words, window 8192, checksum, urgent pointer 0.
  return [
    s >> 8,
    s & 0xff,
    d >> 8,
    d & 0xff,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0x50,
    flags,
    0x20,
    0,
    0,
    0,
    0,
    0,
  ];
}

function udp(o: PacketOptions): number[] {
  const s = field("sport", o.sport ?? 1234, 0xffff), d = field("dport", o.dport ?? 80, 0xffff);
  return [s >> 8, s & 0xff, d >> 8, d & 0xff, 0, 0, 0, 0]; // length and checksum filled later
}

function icmp(o: PacketOptions, type: number): number[] {
  // type, code, checksum, identifier 0, sequence 0.
  return [
    field("icmpType", o.icmpType ?? type, 255),
    field("icmpCode", o.icmpCode ?? 0, 255),
    0,
    0,
    0,
    0,
    0,
    0,
  ];
}

/**
 * An Ethernet/IPv4/TCP frame (OFTest's `simple_tcp_packet`): a SYN, window 8192.
 *
 * @param options Header fields and total length.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range (a port above 65535, a VLAN id above 4095).
 *
 * @example
 * ```ts
 * import { simpleTcpPacket } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleTcpPacket({ ipDst: "10.0.0.2", dport: 443, pktLen: 64 });
 * assert.equal(frame.length, 64);
 * assert.deepEqual([frame[12], frame[13], frame[23]], [0x08, 0x00, 6]);
 * ```
 */
export function simpleTcpPacket(options: PacketOptions = {}): Uint8Array {
  return ipFrame(options, false, 6, tcp(options));
}

/**
 * An Ethernet/IPv4/UDP frame (OFTest's `simple_udp_packet`).
 *
 * @param options Header fields and total length.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleUdpPacket } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleUdpPacket({ vlanVid: 10, dport: 53 });
 * assert.deepEqual([frame[12], frame[13], frame[27]], [0x81, 0x00, 17]);
 * ```
 */
export function simpleUdpPacket(options: PacketOptions = {}): Uint8Array {
  return ipFrame(options, false, 17, udp(options));
}

/**
 * An Ethernet/IPv4/ICMP frame, by default an echo request (OFTest's `simple_icmp_packet`).
 *
 * @param options Header fields (`icmpType`, `icmpCode`) and total length.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleIcmpPacket } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * assert.equal(simpleIcmpPacket()[34], 8); // echo request
 * ```
 */
export function simpleIcmpPacket(options: PacketOptions = {}): Uint8Array {
  return ipFrame(options, false, 1, icmp(options, 8));
}

/**
 * An Ethernet/IPv6/TCP frame (OFTest's `simple_tcpv6_packet`).
 *
 * @param options Header fields (`ipv6Src`, `ipv6Dst`, ...) and total length.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleTcpv6Packet } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleTcpv6Packet({ ipv6Dst: "2001:db8::7" });
 * assert.deepEqual([frame[12], frame[13], frame[20]], [0x86, 0xdd, 6]);
 * ```
 */
export function simpleTcpv6Packet(options: PacketOptions = {}): Uint8Array {
  return ipFrame(options, true, 6, tcp(options));
}

/**
 * An Ethernet/IPv6/UDP frame (OFTest's `simple_udpv6_packet`).
 *
 * @param options Header fields and total length.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleUdpv6Packet } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * assert.equal(simpleUdpv6Packet()[20], 17);
 * ```
 */
export function simpleUdpv6Packet(options: PacketOptions = {}): Uint8Array {
  return ipFrame(options, true, 17, udp(options));
}

/**
 * An Ethernet/IPv6/ICMPv6 frame, by default an echo request (OFTest's `simple_icmpv6_packet`).
 *
 * @param options Header fields (`icmpType`, `icmpCode`) and total length.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleIcmpv6Packet } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleIcmpv6Packet();
 * assert.deepEqual([frame[20], frame[54]], [58, 128]);
 * ```
 */
export function simpleIcmpv6Packet(options: PacketOptions = {}): Uint8Array {
  return ipFrame(options, true, 58, icmp(options, 128));
}

/**
 * An Ethernet/ARP request for `ipDst` from `ipSrc`, sent to broadcast by default (OFTest's
 * `simple_arp_packet`).
 *
 * @param options Header fields and total length (default 60).
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleArpPacket } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleArpPacket({ ipDst: "10.0.0.9" });
 * assert.deepEqual([frame.length, frame[12], frame[13]], [60, 0x08, 0x06]);
 * ```
 */
export function simpleArpPacket(options: PacketOptions = {}): Uint8Array {
  const o = { ethDst: "ff:ff:ff:ff:ff:ff", ...options };
  const bytes = [
    ...ethernet(o, 0x0806),
    ...[0, 1, 8, 0, 6, 4, 0, 1], // Ethernet, IPv4, 6-byte MAC, 4-byte IP, request
    ...mac(o.ethSrc ?? "00:06:07:08:09:0a"),
    ...ipv4(o.ipSrc ?? "192.168.0.1"),
    ...[0, 0, 0, 0, 0, 0],
    ...ipv4(o.ipDst ?? "192.168.0.2"),
  ];
  const frame = new Uint8Array(Math.max(o.pktLen ?? 60, bytes.length));
  frame.set(bytes);
  return frame;
}

/**
 * A bare Ethernet frame of any EtherType with a zero payload (OFTest's `simple_eth_packet`).
 *
 * @param options `ethDst`, `ethSrc`, `ethType`, VLAN tag and total length (default 60).
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleEthPacket } from "@oftest/oftest/testing";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleEthPacket({ ethType: 0x88b5 });
 * assert.deepEqual([frame.length, frame[12], frame[13]], [60, 0x88, 0xb5]);
 * ```
 */
export function simpleEthPacket(options: PacketOptions = {}): Uint8Array {
  const bytes = ethernet(options, field("ethType", options.ethType ?? 0x88cc, 0xffff));
  const frame = new Uint8Array(Math.max(options.pktLen ?? 60, bytes.length));
  frame.set(bytes);
  return frame;
}
