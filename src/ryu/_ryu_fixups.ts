// What Ryu's serializer computes from the finished bytes: the transport checksums (with Ryu's
// own pseudo-header rules) and the Ethernet padding to 60 bytes (each Ethernet header pads
// its payload to 46 bytes, zeros at the very end of the frame).
import type { Layer } from "../packet/mod.ts";
import { parseIpv4, parseIpv6 } from "../ofp/_addresses.ts";
import type { ChecksumSite } from "./_ryu_layers.ts";

/** Byte size of a layer that precedes a transport header (all fields are explicit here). */
function headerSize(l: Layer): number {
  switch (l.type) {
    case "ethernet":
      return 14;
    case "vlan":
    case "svlan":
    case "mpls":
    case "itag":
      return 4;
    case "arp":
      return l.addresses ? 8 + l.addresses.length : 28;
    case "ipv4":
      return (l.ihl ?? 5) * 4;
    case "ipv6":
      return 40;
    case "hopopts":
    case "dstopts":
      return ((l.length ?? 0) + 1) * 8;
    case "fragment":
      return 8;
    case "raw":
      return l.data.length;
    default:
      throw new RangeError(`Cannot size a ${l.type} layer before a transport header`);
  }
}

/** Offset of layer `k` in the built frame. */
export function offsetOf(layers: readonly Layer[], k: number): number {
  let at = 0;
  for (let i = 0; i < k; i++) at += headerSize(layers[i]);
  return at;
}

/** Ryu's `packet_utils.checksum`: the one's-complement sum, odd length zero-padded. */
export function internetChecksum(parts: readonly Uint8Array[]): number {
  let sum = 0, odd = -1;
  for (const p of parts) {
    for (let i = 0; i < p.length; i++) {
      if (odd < 0) odd = p[i];
      else {
        sum += (odd << 8) | p[i];
        odd = -1;
      }
    }
  }
  if (odd >= 0) sum += odd << 8;
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >>> 16);
  return ~sum & 0xffff;
}

/** Ryu's pseudo-header (`packet_utils.checksum_ip`): the IP layer's own protocol field. */
function pseudoHeader(ip: Layer, length: number): Uint8Array {
  if (ip.type === "ipv4") {
    const h = new Uint8Array(12);
    const v = new DataView(h.buffer);
    v.setUint32(0, parseIpv4(ip.src!));
    v.setUint32(4, parseIpv4(ip.dst!));
    h[9] = ip.protocol!;
    v.setUint16(10, length);
    return h;
  }
  if (ip.type === "ipv6") {
    const h = new Uint8Array(40);
    parseIpv6(ip.src!, h, 0);
    parseIpv6(ip.dst!, h, 16);
    new DataView(h.buffer).setUint32(32, length);
    h[39] = ip.nextHeader!;
    return h;
  }
  throw new RangeError(`Expected an IPv4 or IPv6 layer for a pseudo-header, got ${ip.type}`);
}

/**
 * Sets every site's checksum as Ryu computes it, from `frame` (built from `layers` with the
 * sites' checksums left to build, no padding yet).
 */
export function fixChecksums(
  layers: Layer[],
  sites: readonly ChecksumSite[],
  frame: Uint8Array,
): void {
  // Innermost first, as Ryu serializes: an outer checksum covers the inner ones.
  for (const site of [...sites].reverse()) {
    const start = offsetOf(layers, site.layer);
    const bytes = frame.slice(start);
    const at = site.kind === "udp" ? 6 : site.kind === "tcp" ? 16 : 2;
    bytes[at] = 0;
    bytes[at + 1] = 0;
    let sum: number;
    if (site.kind === "icmp") {
      sum = internetChecksum([bytes.subarray(0, site.ownLength)]);
    } else {
      const ip = layers[site.ip];
      const length = site.kind === "icmpv6"
        ? site.ownLength
        : site.kind === "udp"
        ? ((layers[site.layer] as { length?: number }).length ?? bytes.length)
        : bytes.length;
      sum = internetChecksum([pseudoHeader(ip, length), bytes]);
    }
    const layer = layers[site.layer];
    if (site.raw && layer.type === "raw") {
      layer.data = layer.data.slice();
      layer.data[2] = sum >>> 8;
      layer.data[3] = sum & 0xff;
    } else {
      (layer as { checksum?: number }).checksum = sum;
    }
    frame[start + at] = sum >>> 8;
    frame[start + at + 1] = sum & 0xff;
  }
}

/**
 * The zeros Ryu's Ethernet headers append: each pads its payload to 46 bytes, innermost
 * first. Returns the total, set on the outermost Ethernet layer.
 */
export function fixPadding(layers: Layer[], frameLength: number): number {
  let pad = 0;
  for (let k = layers.length - 1; k >= 0; k--) {
    if (layers[k].type !== "ethernet") continue;
    const payload = frameLength + pad - offsetOf(layers, k) - 14;
    if (payload < 46) pad += 46 - payload;
  }
  const outer = layers.find((l) => l.type === "ethernet");
  if (pad > 0 && outer && outer.type === "ethernet") outer.padding = new Uint8Array(pad);
  return pad;
}
