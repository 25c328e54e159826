// Test frames, built with the packet library.
import { build, type Layer } from "../../src/packet/mod.ts";

const payload = (n: number) => Uint8Array.from({ length: n }, (_, i) => i & 0xff);

/** Ethernet / IPv4 / TCP with `extra` payload bytes. */
export function tcp4(
  o: {
    src?: string;
    dst?: string;
    dport?: number;
    sport?: number;
    ttl?: number;
    dscp?: number;
    extra?: number;
    vlan?: number;
    ethSrc?: string;
    ethDst?: string;
  } = {},
): Uint8Array {
  const layers: Layer[] = [{
    type: "ethernet",
    dst: o.ethDst ?? "00:00:00:00:00:02",
    src: o.ethSrc ?? "00:00:00:00:00:01",
  }];
  if (o.vlan !== undefined) layers.push({ type: "vlan", vid: o.vlan, pcp: 3 });
  layers.push(
    {
      type: "ipv4",
      src: o.src ?? "10.0.0.1",
      dst: o.dst ?? "10.0.0.2",
      ttl: o.ttl ?? 64,
      dscp: o.dscp ?? 0,
    },
    { type: "tcp", srcPort: o.sport ?? 1234, dstPort: o.dport ?? 80 },
    { type: "raw", data: payload(o.extra ?? 26) },
  );
  return build(layers, { pad: true });
}

/** Ethernet / IPv6 / UDP. */
export function udp6(o: { src?: string; dst?: string; hopLimit?: number } = {}): Uint8Array {
  return build([
    { type: "ethernet", dst: "00:00:00:00:00:02", src: "00:00:00:00:00:01" },
    {
      type: "ipv6",
      src: o.src ?? "2001:db8::1",
      dst: o.dst ?? "2001:db8::2",
      hopLimit: o.hopLimit ?? 64,
    },
    { type: "udp", srcPort: 5000, dstPort: 53 },
    { type: "raw", data: payload(20) },
  ], { pad: true });
}

/** An ARP request. */
export function arp(o: { spa?: string; tpa?: string } = {}): Uint8Array {
  return build([
    { type: "ethernet", dst: "ff:ff:ff:ff:ff:ff", src: "00:00:00:00:00:01" },
    {
      type: "arp",
      srcMac: "00:00:00:00:00:01",
      srcIp: o.spa ?? "10.0.0.1",
      dstIp: o.tpa ?? "10.0.0.2",
    },
  ], { pad: true });
}
