// The two frames the packet benchmarks measure (bench/packet_bench.ts and the `packet`
// scenario of bench/perf): a VLAN/IPv4/TCP segment and an IPv6/ICMPv6 neighbor solicitation.
import type { Layer } from "../src/packet/mod.ts";

/** A tagged TCP segment with 46 bytes of payload. */
export const tcpLayers: Layer[] = [
  { type: "ethernet", dst: "00:01:02:03:04:05", src: "00:06:07:08:09:0a" },
  { type: "vlan", pcp: 3, vid: 100 },
  { type: "ipv4", src: "192.168.0.1", dst: "10.20.30.40", ttl: 64, identification: 1 },
  { type: "tcp", srcPort: 1234, dstPort: 80, seq: 1, flags: 0x18, window: 8192 },
  { type: "raw", data: new Uint8Array(46).fill(0x44) },
];

/** A neighbor solicitation with a source link-layer address option. */
export const nsLayers: Layer[] = [
  { type: "ethernet", dst: "33:33:ff:00:00:02", src: "00:06:07:08:09:0a" },
  { type: "ipv6", src: "fe80::206:7ff:fe08:90a", dst: "ff02::1:ff00:2", hopLimit: 255 },
  {
    type: "icmpv6",
    icmpType: 135,
    code: 0,
    target: "2001:db8::2",
    options: [{ optionType: 1, mac: "00:06:07:08:09:0a" }],
  },
];

/** Both, by the names the benchmarks print. */
export const PACKET_FRAMES: Record<string, Layer[]> = {
  "VLAN/IPv4/TCP": tcpLayers,
  "IPv6/ICMPv6 NS": nsLayers,
};
