// What the OFTest helpers share: their options, the L2 headers (tags and MPLS labels) and
// the "D" payload that fills a frame to `pktlen`.
import type { Layer } from "./layers.ts";
import type { PacketOptions } from "./oftest_options.ts";
import { build } from "./build.ts";
import { describe } from "../ofp/_addresses.ts";

/** Bytes of `n` copies of a character code (OFTest fills frames with "D", "0" or NUL). */
export function fill(n: number, code: number): Uint8Array {
  return new Uint8Array(Math.max(0, n)).fill(code);
}

/** The frame length asked for, or `def`. */
export function pktlen(o: PacketOptions, def: number): number {
  const n = o.pktlen ?? o.pktLen ?? def;
  if (!Number.isInteger(n) || n < 0) {
    throw new RangeError(`Expected pktlen as a non-negative integer, got ${describe(n)}`);
  }
  return n;
}

/**
 * Ethernet, then the VLAN tags (`vlanTags`, or one tag when `dlVlanEnable` or, by default,
 * when `vlanVid` or `vlanPcp` is given), then the MPLS labels.
 */
export function l2(o: PacketOptions, dst: string, vlanDefault = false): Layer[] {
  const layers: Layer[] = [{
    type: "ethernet",
    dst: o.ethDst ?? dst,
    src: o.ethSrc ?? "00:06:07:08:09:0a",
  }];
  const tagged = o.dlVlanEnable ??
    (vlanDefault || o.vlanVid !== undefined || o.vlanPcp !== undefined);
  if (o.vlanTags !== undefined) {
    for (const t of o.vlanTags) {
      const tpid = t.type ?? 0x8100;
      if (tpid !== 0x8100 && tpid !== 0x88a8) {
        // An unusual TPID: the layer before names it; the tag is parsed back as raw.
        (layers[layers.length - 1] as { ethertype?: number }).ethertype = tpid;
      }
      layers.push({
        type: tpid === 0x88a8 ? "svlan" : "vlan",
        vid: t.vid,
        pcp: t.pcp ?? 0,
        dei: (t.cfi ?? 0) !== 0,
      });
    }
  } else if (tagged) {
    layers.push({
      type: "vlan",
      vid: o.vlanVid ?? 0,
      pcp: o.vlanPcp ?? 0,
      dei: (o.dlVlanCfi ?? 0) !== 0,
    });
  }
  for (const m of o.mplsTags ?? []) {
    layers.push({ type: "mpls", label: m.label, tc: m.tc ?? 0, ttl: m.ttl ?? 0 });
  }
  return layers;
}

/** Header bytes of layers (their sizes as `build` lays them out). */
export function headerLength(layers: readonly Layer[]): number {
  let n = 0;
  for (const l of layers) {
    switch (l.type) {
      case "ethernet":
        n += 14;
        break;
      case "vlan":
      case "svlan":
      case "mpls":
        n += 4;
        break;
      case "ipv4":
        n += 20 + (((l.options?.length ?? 0) + 3) & ~3);
        break;
      case "ipv6":
        n += 40;
        break;
      case "tcp":
        n += 20 + (((l.options?.length ?? 0) + 3) & ~3);
        break;
      case "udp":
      case "icmp":
        n += 8;
        break;
      case "sctp":
        n += 12;
        break;
      case "arp":
        n += 28;
        break;
      case "raw":
        n += l.data.length;
        break;
      case "icmpv6":
        n += l.icmpType === 134 ? 16 : l.icmpType === 135 || l.icmpType === 136 ? 24 : 8;
        for (const opt of l.options ?? []) n += (2 + (opt.data?.length ?? 6) + 7) & ~7;
        break;
    }
  }
  return n;
}

/** TCP flags from a number or scapy's letters ("S", "SA", "FPU"). */
export function tcpFlags(flags: number | string): number {
  if (typeof flags === "number") return flags;
  const letters = "FSRPAUECN";
  let v = 0;
  for (const c of flags) {
    const bit = letters.indexOf(c);
    if (bit < 0) {
      throw new TypeError(
        `Expected TCP flags as a number or letters of FSRPAUECN, got ${describe(flags)}`,
      );
    }
    v |= 1 << bit;
  }
  return v;
}

/** Text or bytes as bytes. */
export function data(d: Uint8Array | string | undefined): Uint8Array {
  if (d === undefined) return new Uint8Array(0);
  return typeof d === "string" ? new TextEncoder().encode(d) : d;
}

/** OFTest's fill characters: "D" and "0". */
export const D = 0x44, ZERO_CHAR = 0x30;

/** Layers with a payload of `code` bytes filling them to `length`. */
export function filled(layers: Layer[], length: number, code: number): Uint8Array {
  const payload = fill(length - headerLength(layers), code);
  if (payload.length > 0) layers.push({ type: "raw", data: payload });
  return build(layers);
}

/** The IPv4 header of OFTest's helpers. */
export function ipv4(o: PacketOptions, protocol?: number): Layer {
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
export function ipv6(o: PacketOptions): Layer {
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

export function tcp(o: PacketOptions): Layer {
  return {
    type: "tcp",
    srcPort: o.tcpSport ?? o.sport ?? 1234,
    dstPort: o.tcpDport ?? o.dport ?? 80,
    flags: tcpFlags(o.tcpFlags ?? "S"),
  };
}

export function udp(o: PacketOptions): Layer {
  return {
    type: "udp",
    srcPort: o.udpSport ?? o.sport ?? 1234,
    dstPort: o.udpDport ?? o.dport ?? 80,
  };
}
