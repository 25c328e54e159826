// IPv4: the header, its options, its header checksum, and the pseudo-header its TCP, UDP
// and ICMPv6 payloads sum.
import { ipv4Text } from "../ofp/_addresses.ts";
import { onesSum } from "./checksum.ts";
import { DEFAULTS, EMPTY } from "./_defaults.ts";
import { bytes, ipv4, tooLong, uint } from "./_field.ts";
import type { Ipv4Layer } from "./layers.ts";
import {
  type BuildState,
  narrow,
  need,
  NEXT_IPV4_PROTO,
  NEXT_RAW,
  type ParseState,
  u16,
} from "./_state.ts";

const D = DEFAULTS.ipv4;

/** The header size: 20 bytes and the options, zero-padded to 4-byte words. */
export function sizeIpv4(i: number, l: Ipv4Layer): number {
  const n = bytes(l.options, EMPTY, i, l, "options").length;
  if (n > 40) throw tooLong(i, l, "options", 40, n);
  return 20 + ((n + 3) & ~3);
}

/** Writes the header; `protocol` is the computed protocol, the checksum is left to {@linkcode checksumIpv4}. */
export function writeIpv4(st: BuildState, i: number, l: Ipv4Layer, protocol: number): void {
  const o = st.off[i], out = st.out, v = st.view;
  const size = st.off[i + 1] - o;
  const version = uint(l.version, D.version, 15, i, l, "version");
  const ihl = uint(l.ihl, size >> 2, 15, i, l, "ihl");
  out[o] = (version << 4) | ihl;
  out[o + 1] = (uint(l.dscp, D.dscp, 63, i, l, "dscp") << 2) | uint(l.ecn, D.ecn, 3, i, l, "ecn");
  const total = st.end - o;
  if (l.totalLength === undefined && total > 0xffff) {
    throw tooLong(i, l, "a datagram", 0xffff, total);
  }
  v.setUint16(o + 2, uint(l.totalLength, total, 0xffff, i, l, "totalLength"));
  v.setUint16(o + 4, uint(l.identification, D.identification, 0xffff, i, l, "identification"));
  const flags = uint(l.flags, D.flags, 7, i, l, "flags");
  v.setUint16(
    o + 6,
    (flags << 13) | uint(l.fragmentOffset, D.fragmentOffset, 0x1fff, i, l, "fragmentOffset"),
  );
  out[o + 8] = uint(l.ttl, D.ttl, 0xff, i, l, "ttl");
  out[o + 9] = uint(l.protocol, protocol, 0xff, i, l, "protocol");
  v.setUint16(o + 10, uint(l.checksum, 0, 0xffff, i, l, "checksum"));
  ipv4(l.src, D.src, out, o + 12, i, l, "src");
  ipv4(l.dst, D.dst, out, o + 16, i, l, "dst");
  if (l.options !== undefined) out.set(l.options, o + 20);
}

/** Fills an omitted header checksum. */
export function checksumIpv4(st: BuildState, i: number): void {
  const o = st.off[i];
  const c = ~onesSum(st.out, o, st.off[i + 1], 0) & 0xffff;
  st.out[o + 10] = c >> 8;
  st.out[o + 11] = c & 0xff;
}

/**
 * The one's-complement sum of the pseudo-header for an upper layer at `l4` carrying
 * protocol `proto` (as scapy forms it: the length is the total length less the header
 * when the total length was given, else the upper layer's length; the destination is the
 * last hop of a single loose or strict source route option).
 */
export function pseudoIpv4(st: BuildState, j: number, proto: number, l4: number): number {
  const o = st.off[j], out = st.out, l = st.layers[j] as Ipv4Layer;
  const hdrEnd = st.off[j + 1];
  let length = st.end - l4;
  if (l.totalLength !== undefined) {
    const ihl = l.ihl ?? (hdrEnd - o) >> 2;
    length = Math.max(l.totalLength - 4 * ihl, 0);
  }
  let dst = o + 16;
  // Options: 0 (end) and 1 (no-op) are one byte; the others carry a length byte.
  let routes = 0, route = -1;
  for (let p = o + 20; p < hdrEnd;) {
    const t = out[p];
    if (t === 0 || t === 1) {
      p++;
      continue;
    }
    if (p + 1 >= hdrEnd || out[p + 1] < 2) break;
    const len = out[p + 1];
    if (t === 0x83 || t === 0x89) {
      routes++;
      if (len >= 7 && p + len <= hdrEnd) route = p + 3 + 4 * Math.floor((len - 3) / 4) - 4;
    }
    p += len;
  }
  if (routes === 1 && route >= 0) dst = route;
  let sum = onesSum(out, o + 12, o + 16, 0);
  sum = onesSum(out, dst, dst + 4, sum);
  return sum + proto + length;
}

/** Reads an IPv4 header; a fragment other than the first carries a raw payload. */
export function parseIpv4(s: ParseState): void {
  need(s, 20, "ipv4");
  const b = s.b, p = s.at;
  const ihl = b[p] & 15;
  // A header length below 5 words still takes the 20 fixed bytes (and no options), as scapy.
  const hl = ihl < 5 ? 20 : ihl * 4;
  need(s, hl, "ipv4");
  const totalLength = u16(b, p + 2);
  const fragment = u16(b, p + 6);
  const protocol = b[p + 9];
  const layer: Ipv4Layer = {
    type: "ipv4",
    version: b[p] >> 4,
    ihl,
    dscp: b[p + 1] >> 2,
    ecn: b[p + 1] & 3,
    totalLength,
    identification: u16(b, p + 4),
    flags: fragment >> 13,
    fragmentOffset: fragment & 0x1fff,
    ttl: b[p + 8],
    protocol,
    checksum: u16(b, p + 10),
    src: ipv4Text(b, p + 12),
    dst: ipv4Text(b, p + 16),
    options: hl > 20 ? b.subarray(p + 20, p + hl) : EMPTY,
  };
  s.layers.push(layer);
  s.at = p + hl;
  const payload = totalLength - 4 * ihl;
  if (payload >= 0) narrow(s, s.at + payload);
  if ((fragment & 0x1fff) !== 0) {
    s.next = NEXT_RAW;
  } else {
    s.next = NEXT_IPV4_PROTO;
    s.code = protocol;
  }
}
