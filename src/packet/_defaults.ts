// The documented defaults of every layer field that is not computed, and the names of the
// computed ones: one table that `build`, the OFTest helpers, the docs and the tests share.
import type { LayerType } from "./layers.ts";

/** A zero-length byte array shared by every default and empty parsed field. */
export const EMPTY: Uint8Array = new Uint8Array(0);

/** Defaults of the fields `build` does not compute, per layer type. */
export const DEFAULTS = {
  ethernet: { dst: "ff:ff:ff:ff:ff:ff", src: "00:00:00:00:00:00" },
  llc: { dsap: 0x42, ssap: 0x42, control: 3 },
  vlan: { pcp: 0, dei: false, vid: 0 },
  svlan: { pcp: 0, dei: false, vid: 0 },
  mpls: { label: 0, tc: 0, ttl: 64 },
  itag: { pcp: 0, dei: false, uca: false, reserved: 0, isid: 0 },
  arp: {
    hwType: 1,
    protoType: 0x0800,
    hwLen: 6,
    protoLen: 4,
    opcode: 1,
    srcMac: "00:00:00:00:00:00",
    srcIp: "0.0.0.0",
    dstMac: "00:00:00:00:00:00",
    dstIp: "0.0.0.0",
  },
  ipv4: {
    version: 4,
    dscp: 0,
    ecn: 0,
    identification: 0,
    flags: 0,
    fragmentOffset: 0,
    ttl: 64,
    src: "0.0.0.0",
    dst: "0.0.0.0",
  },
  ipv6: { version: 6, dscp: 0, ecn: 0, flowLabel: 0, hopLimit: 64, src: "::", dst: "::" },
  hopopts: {},
  dstopts: {},
  routing: { routingType: 0, segmentsLeft: 0 },
  fragment: { reserved: 0, offset: 0, reserved2: 0, more: false, identification: 0 },
  icmp: { icmpType: 8, code: 0, identifier: 0, sequence: 0, rest: 0 },
  icmpv6: {
    icmpType: 128,
    code: 0,
    identifier: 0,
    sequence: 0,
    target: "::",
    flags: 0,
    curHopLimit: 0,
    routerLifetime: 0,
    reachableTime: 0,
    retransTimer: 0,
    rest: 0,
    reserved: 0,
  },
  tcp: {
    srcPort: 1,
    dstPort: 1,
    seq: 0,
    ack: 0,
    reserved: 0,
    flags: 0x02,
    window: 8192,
    urgent: 0,
  },
  udp: { srcPort: 1, dstPort: 1 },
  sctp: { srcPort: 1, dstPort: 1, verificationTag: 0 },
  raw: {},
} as const satisfies Record<LayerType, Record<string, string | number | boolean>>;

/** The fields `build` computes when they are omitted, per layer type. */
export const COMPUTED = {
  ethernet: ["ethertype"],
  llc: [],
  vlan: ["ethertype"],
  svlan: ["ethertype"],
  mpls: ["bos"],
  itag: [],
  arp: [],
  ipv4: ["ihl", "totalLength", "protocol", "checksum"],
  ipv6: ["payloadLength", "nextHeader"],
  hopopts: ["nextHeader", "length"],
  dstopts: ["nextHeader", "length"],
  routing: ["nextHeader", "length"],
  fragment: ["nextHeader"],
  icmp: ["checksum"],
  icmpv6: ["checksum"],
  tcp: ["dataOffset", "checksum"],
  udp: ["length", "checksum"],
  sctp: ["checksum"],
  raw: [],
} as const satisfies Record<LayerType, readonly string[]>;
