/**
 * Frames for switch tests: build them from layer objects, parse them back, compare them
 * field by field, save and read them as pcap, derive the flow match they hit, and OFTest's
 * `simple_*_packet` helpers on top. Independent of the Controller.
 *
 * A frame is a list of plain layer objects, outermost first, discriminated by `type`.
 * Omitted fields take documented defaults; omitted computed fields (lengths, next-type
 * fields, checksums) are computed by {@linkcode build}; {@linkcode parse} fills every field,
 * so `build(parse(bytes))` is byte-exact.
 *
 * @example
 * ```ts
 * import { build, diff, formatDiff, parse } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const sent = build([
 *   { type: "ethernet", dst: "00:01:02:03:04:05", src: "00:06:07:08:09:0a" },
 *   { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.2", ttl: 64 },
 *   { type: "tcp", srcPort: 1234, dstPort: 80 },
 * ], { pad: true });
 * const layers = parse(sent);
 * assert.deepEqual(layers.map((l) => l.type), ["ethernet", "ipv4", "tcp"]);
 *
 * const routed = build([
 *   { type: "ethernet", dst: "00:01:02:03:04:05", src: "00:06:07:08:09:0a" },
 *   { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.2", ttl: 63 },
 *   { type: "tcp", srcPort: 1234, dstPort: 80 },
 * ], { pad: true });
 * assert.equal(formatDiff(diff(sent, routed, { checksums: false })), "ipv4.ttl: expected 64, got 63");
 * ```
 *
 * @module
 */
export { build } from "./build.ts";
export type { BuildOptions } from "./build.ts";
export { parse } from "./parse.ts";
export type { ParseOptions } from "./parse.ts";
export { PacketParseError } from "./errors.ts";
export type { PacketParseErrorOptions } from "./errors.ts";
export { LAYER_TYPES } from "./layers.ts";
export type {
  ArpLayer,
  EthernetLayer,
  IcmpLayer,
  Icmpv6Layer,
  Ipv4Layer,
  Ipv6FragmentLayer,
  Ipv6Layer,
  Ipv6OptionsLayer,
  Ipv6RoutingLayer,
  ItagLayer,
  Layer,
  LayerOf,
  LayerType,
  LlcLayer,
  MplsLayer,
  NdOption,
  RawLayer,
  SctpChunk,
  SctpLayer,
  TcpLayer,
  UdpLayer,
  VlanLayer,
} from "./layers.ts";
export { ETHERTYPE, IP_PROTO } from "./constants.ts";
export type { EthertypeName, IpProtoName } from "./constants.ts";
export { crc32c, internetChecksum } from "./checksum.ts";
export { diff, formatDiff } from "./diff.ts";
export type { DiffEntry, DiffOptions, FrameLike } from "./diff.ts";
export { formatMismatch, hexdumpSideBySide } from "./hexdump.ts";
export type { SideBySideOptions } from "./hexdump.ts";
export { of10MatchFromFrame, of13MatchFromFrame } from "./flow_match.ts";
export { PcapWriter, readPcap } from "./pcap.ts";
export type {
  PcapFile,
  PcapPrecision,
  PcapRecord,
  PcapSink,
  PcapTime,
  PcapWriterOptions,
} from "./pcap.ts";
export {
  simpleArpPacket,
  simpleEthPacket,
  simpleIcmpPacket,
  simpleIpv4Packet,
  simpleSctpPacket,
  simpleTcpPacket,
  simpleUdpPacket,
} from "./oftest.ts";
export { simpleIcmpv6Packet, simpleTcpv6Packet, simpleUdpv6Packet } from "./oftest_ipv6.ts";
export type { MplsTag, PacketOptions, VlanTag } from "./oftest_options.ts";
