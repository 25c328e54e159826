// The public surface of @oftest/oftest/packet: adding or removing an export is a decision.
import assert from "node:assert/strict";
import * as packet from "../../src/packet/mod.ts";

Deno.test({
  name: "@oftest/oftest/packet exports exactly its documented values",
  permissions: "none",
  fn: () => {
    assert.deepEqual(Object.keys(packet).sort(), [
      "ETHERTYPE",
      "IP_PROTO",
      "LAYER_TYPES",
      "PacketParseError",
      "PcapWriter",
      "build",
      "crc32c",
      "diff",
      "formatDiff",
      "formatMismatch",
      "hexdumpSideBySide",
      "internetChecksum",
      "of10MatchFromFrame",
      "of13MatchFromFrame",
      "parse",
      "readPcap",
      "simpleArpPacket",
      "simpleEthPacket",
      "simpleIcmpPacket",
      "simpleIcmpv6Packet",
      "simpleIpv4Packet",
      "simpleSctpPacket",
      "simpleTcpPacket",
      "simpleTcpv6Packet",
      "simpleUdpPacket",
      "simpleUdpv6Packet",
    ]);
    assert.ok(packet.PacketParseError.prototype instanceof RangeError);
    assert.equal(
      new packet.PacketParseError("m", { offset: 1, layer: "tcp" }).name,
      "PacketParseError",
    );
    assert.deepEqual(packet.LAYER_TYPES, [
      "ethernet",
      "llc",
      "vlan",
      "svlan",
      "mpls",
      "itag",
      "arp",
      "ipv4",
      "ipv6",
      "hopopts",
      "routing",
      "fragment",
      "dstopts",
      "icmp",
      "icmpv6",
      "tcp",
      "udp",
      "sctp",
      "raw",
    ]);
  },
});
