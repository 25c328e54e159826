/**
 * Test frames, like OFTest's `simple_tcp_packet` and friends: Ethernet (optionally 802.1Q)
 * carrying IPv4 with TCP, UDP or ICMP, or ARP, with correct IPv4 header checksums, padded to
 * the requested length.
 *
 * @module
 */

/** Fields of the frames built by {@linkcode simpleTcpPacket} and its siblings. */
export interface PacketOptions {
  /** Destination MAC. Default `00:01:02:03:04:05`. */
  ethDst?: string;
  /** Source MAC. Default `00:06:07:08:09:0a`. */
  ethSrc?: string;
  /** 802.1Q VLAN id; absent → untagged. */
  vlanVid?: number;
  /** 802.1Q priority. Default 0. */
  vlanPcp?: number;
  /** IPv4 source. Default `192.168.0.1`. */
  ipSrc?: string;
  /** IPv4 destination. Default `192.168.0.2`. */
  ipDst?: string;
  /** IPv4 TTL. Default 64. */
  ipTtl?: number;
  /** IPv4 TOS byte (DSCP << 2 | ECN). Default 0. */
  ipTos?: number;
  /** L4 source port. Default 1234. */
  sport?: number;
  /** L4 destination port. Default 80. */
  dport?: number;
  /** Total frame length (no FCS); the payload is zero-filled up to it. Default 100. */
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
  const parts = text.split(".").map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new TypeError(`Expected an IPv4 address like 10.0.0.1, got ${text}`);
  }
  return parts;
}

function ethernet(o: PacketOptions, ethertype: number): number[] {
  const out = [...mac(o.ethDst ?? "00:01:02:03:04:05"), ...mac(o.ethSrc ?? "00:06:07:08:09:0a")];
  if (o.vlanVid !== undefined) {
    const tci = ((o.vlanPcp ?? 0) << 13) | (o.vlanVid & 0xfff);
    out.push(0x81, 0x00, tci >> 8, tci & 0xff);
  }
  out.push(ethertype >> 8, ethertype & 0xff);
  return out;
}

function finish(bytes: number[], o: PacketOptions, minimum: number): Uint8Array {
  const out = new Uint8Array(Math.max(o.pktLen ?? 100, minimum, bytes.length));
  out.set(bytes);
  return out;
}

/** An IPv4 packet of `l4` (protocol `proto`), header checksum computed, total length fitted to pktLen. */
function ipv4Frame(o: PacketOptions, proto: number, l4: number[]): Uint8Array {
  const eth = ethernet(o, 0x0800);
  const total = Math.max((o.pktLen ?? 100) - eth.length, 20 + l4.length);
  const ip = [
    0x45,
    o.ipTos ?? 0,
    total >> 8,
    total & 0xff,
    0,
    1,
    0,
    0,
    o.ipTtl ?? 64,
    proto,
    0,
    0,
    ...ipv4(o.ipSrc ?? "192.168.0.1"),
    ...ipv4(o.ipDst ?? "192.168.0.2"),
  ];
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (ip[i] << 8) | ip[i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  ip[10] = (~sum >> 8) & 0xff;
  ip[11] = ~sum & 0xff;
  return finish([...eth, ...ip, ...l4], o, eth.length + total);
}

/**
 * An Ethernet/IPv4/TCP frame (OFTest's `simple_tcp_packet`).
 *
 * @param options Header fields and total length.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
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
  const s = options.sport ?? 1234, d = options.dport ?? 80;
  return ipv4Frame(options, 6, [
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
    0x02,
    0x20,
    0,
    0,
    0,
    0,
    0,
  ]);
}

/**
 * An Ethernet/IPv4/UDP frame (OFTest's `simple_udp_packet`).
 *
 * @param options Header fields and total length.
 * @returns The frame.
 */
export function simpleUdpPacket(options: PacketOptions = {}): Uint8Array {
  const s = options.sport ?? 1234, d = options.dport ?? 80;
  const length = Math.max(
    (options.pktLen ?? 100) - 14 - (options.vlanVid !== undefined ? 4 : 0) - 20,
    8,
  );
  return ipv4Frame(options, 17, [
    s >> 8,
    s & 0xff,
    d >> 8,
    d & 0xff,
    length >> 8,
    length & 0xff,
    0,
    0,
  ]);
}

/**
 * An Ethernet/IPv4/ICMP echo request (OFTest's `simple_icmp_packet`).
 *
 * @param options Header fields and total length.
 * @returns The frame.
 */
export function simpleIcmpPacket(options: PacketOptions = {}): Uint8Array {
  return ipv4Frame(options, 1, [8, 0, 0, 0, 0, 0, 0, 0]);
}

/**
 * An Ethernet/ARP request for `ipDst` from `ipSrc` (OFTest's `simple_arp_packet`).
 *
 * @param options Header fields and total length (default 60).
 * @returns The frame.
 */
export function simpleArpPacket(options: PacketOptions = {}): Uint8Array {
  const o = { ethDst: "ff:ff:ff:ff:ff:ff", pktLen: 60, ...options };
  const sha = mac(o.ethSrc ?? "00:06:07:08:09:0a");
  const arp = [
    0,
    1,
    8,
    0,
    6,
    4,
    0,
    1,
    ...sha,
    ...ipv4(o.ipSrc ?? "192.168.0.1"),
    0,
    0,
    0,
    0,
    0,
    0,
    ...ipv4(o.ipDst ?? "192.168.0.2"),
  ];
  return finish([...ethernet(o, 0x0806), ...arp], o, 0);
}
