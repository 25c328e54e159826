/**
 * OFTest's test frames (`testutils.simple_*_packet`) over IPv4, ARP and bare Ethernet, with
 * OFTest's defaults and keyword names in camelCase (`pktlen`, `ethDst`, `dlVlanEnable`,
 * `vlanVid`, `ipSrc`, `tcpDport`, …), built with {@linkcode build} so every length and
 * checksum is right. Like OFTest, frames are filled to `pktlen` with "D" (ICMP and bare
 * Ethernet: "0"; ARP: zero padding).
 *
 * @module
 */
import { build } from "./build.ts";
import type { Layer } from "./layers.ts";
import type { PacketOptions } from "./oftest_options.ts";
import {
  D,
  data,
  fill,
  filled,
  headerLength,
  ipv4,
  l2,
  pktlen,
  tcp,
  udp,
  ZERO_CHAR,
} from "./_oftest.ts";

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
