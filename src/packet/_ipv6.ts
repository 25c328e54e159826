// IPv6: the fixed header, the extension headers (hop-by-hop, routing, fragment, destination
// options), and the pseudo-header upper layers sum.
import { ipv6Text } from "../ofp/_addresses.ts";
import { onesSum } from "./checksum.ts";
import { DEFAULTS, EMPTY } from "./_defaults.ts";
import { bool, bytes, ipv6, tooLong, uint } from "./_field.ts";
import type { Ipv6FragmentLayer, Ipv6Layer, Ipv6OptionsLayer, Ipv6RoutingLayer } from "./layers.ts";
import {
  type BuildState,
  narrow,
  need,
  NEXT_IPV6_NH,
  NEXT_RAW,
  type ParseState,
  u16,
  u32,
} from "./_state.ts";

const D = DEFAULTS.ipv6, F = DEFAULTS.fragment, R = DEFAULTS.routing;

/** Writes the fixed header; `nextHeader` is the computed next header. */
export function writeIpv6(st: BuildState, i: number, l: Ipv6Layer, nextHeader: number): void {
  const o = st.off[i], out = st.out, v = st.view;
  const version = uint(l.version, D.version, 15, i, l, "version");
  const tc = (uint(l.dscp, D.dscp, 63, i, l, "dscp") << 2) | uint(l.ecn, D.ecn, 3, i, l, "ecn");
  const flow = uint(l.flowLabel, D.flowLabel, 0xfffff, i, l, "flowLabel");
  v.setUint32(o, ((version << 28) | (tc << 20) | flow) >>> 0);
  const length = st.end - o - 40;
  if (l.payloadLength === undefined && length > 0xffff) {
    throw tooLong(i, l, "a payload", 0xffff, length);
  }
  v.setUint16(o + 4, uint(l.payloadLength, length, 0xffff, i, l, "payloadLength"));
  out[o + 6] = uint(l.nextHeader, nextHeader, 0xff, i, l, "nextHeader");
  out[o + 7] = uint(l.hopLimit, D.hopLimit, 0xff, i, l, "hopLimit");
  ipv6(l.src, D.src, out, o + 8, i, l, "src");
  ipv6(l.dst, D.dst, out, o + 24, i, l, "dst");
}

/** The size of a hop-by-hop or destination options header: padded to 8-byte units. */
export function sizeOptions(i: number, l: Ipv6OptionsLayer): number {
  const size = (2 + bytes(l.options, EMPTY, i, l, "options").length + 7) & ~7;
  if (size > 2048) throw tooLong(i, l, "options", 2046, size - 2);
  return size;
}

/** Writes a hop-by-hop or destination options header, padded with Pad1 or PadN. */
export function writeOptions(st: BuildState, i: number, l: Ipv6OptionsLayer, nh: number): void {
  const o = st.off[i], out = st.out, size = st.off[i + 1] - o;
  out[o] = uint(l.nextHeader, nh, 0xff, i, l, "nextHeader");
  out[o + 1] = uint(l.length, (size >> 3) - 1, 0xff, i, l, "length");
  const options = l.options ?? EMPTY;
  out.set(options, o + 2);
  const pad = size - 2 - options.length, at = o + 2 + options.length;
  if (pad >= 2) {
    out[at] = 1; // PadN: zeros follow
    out[at + 1] = pad - 2;
  }
}

/** The size of a routing header: padded to 8-byte units. */
export function sizeRouting(i: number, l: Ipv6RoutingLayer): number {
  const size = (4 + bytes(l.data, EMPTY, i, l, "data").length + 7) & ~7;
  if (size > 2048) throw tooLong(i, l, "data", 2044, size - 4);
  return size;
}

/** Writes a routing header. */
export function writeRouting(st: BuildState, i: number, l: Ipv6RoutingLayer, nh: number): void {
  const o = st.off[i], out = st.out, size = st.off[i + 1] - o;
  out[o] = uint(l.nextHeader, nh, 0xff, i, l, "nextHeader");
  out[o + 1] = uint(l.length, (size >> 3) - 1, 0xff, i, l, "length");
  out[o + 2] = uint(l.routingType, R.routingType, 0xff, i, l, "routingType");
  out[o + 3] = uint(l.segmentsLeft, R.segmentsLeft, 0xff, i, l, "segmentsLeft");
  if (l.data !== undefined) out.set(l.data, o + 4);
}

/** Writes a fragment header. */
export function writeFragment(st: BuildState, i: number, l: Ipv6FragmentLayer, nh: number): void {
  const o = st.off[i], out = st.out;
  out[o] = uint(l.nextHeader, nh, 0xff, i, l, "nextHeader");
  out[o + 1] = uint(l.reserved, F.reserved, 0xff, i, l, "reserved");
  const offset = uint(l.offset, F.offset, 0x1fff, i, l, "offset");
  const res2 = uint(l.reserved2, F.reserved2, 3, i, l, "reserved2");
  const more = bool(l.more, F.more, i, l, "more") ? 1 : 0;
  st.view.setUint16(o + 2, (offset << 3) | (res2 << 1) | more);
  st.view.setUint32(
    o + 4,
    uint(l.identification, F.identification, 0xffffffff, i, l, "identification"),
  );
}

/** Where the routing header at `j` names the final destination (scapy's rule), or -1. */
export function finalDestination(st: BuildState, j: number): number {
  const o = st.off[j], out = st.out, size = st.off[j + 1] - o;
  if (out[o + 3] === 0) return -1; // no segments left
  if (out[o + 2] === 4) return size >= 24 ? o + 8 : -1; // segment routing: the first entry
  const k = Math.floor(Math.min(8 * out[o + 1], size - 8) / 16);
  return k >= 1 ? o + 8 + 16 * (k - 1) : -1;
}

/**
 * The one's-complement sum of the IPv6 pseudo-header for an upper layer at `l4` carrying
 * `proto`, from the IPv6 header at `j`; `routing` is the offset of a routing header's final
 * destination, or -1.
 */
export function pseudoIpv6(
  st: BuildState,
  j: number,
  proto: number,
  l4: number,
  routing: number,
): number {
  const o = st.off[j], out = st.out;
  let sum = onesSum(out, o + 8, o + 24, 0);
  const dst = routing >= 0 ? routing : o + 24;
  sum = onesSum(out, dst, dst + 16, sum);
  const length = st.end - l4;
  return sum + proto + (length >>> 16) + (length & 0xffff);
}

/** Reads the fixed header. */
export function parseIpv6(s: ParseState): void {
  need(s, 40, "ipv6");
  const b = s.b, p = s.at;
  const word = u32(b, p);
  const payloadLength = u16(b, p + 4), nextHeader = b[p + 6];
  const tc = (word >>> 20) & 0xff;
  const layer: Ipv6Layer = {
    type: "ipv6",
    version: word >>> 28,
    dscp: tc >> 2,
    ecn: tc & 3,
    flowLabel: word & 0xfffff,
    payloadLength,
    nextHeader,
    hopLimit: b[p + 7],
    src: ipv6Text(b, p + 8),
    dst: ipv6Text(b, p + 24),
  };
  s.layers.push(layer);
  s.at = p + 40;
  narrow(s, s.at + payloadLength);
  s.next = NEXT_IPV6_NH;
  s.code = nextHeader;
}

/** Reads a hop-by-hop or destination options header. */
export function parseOptions(s: ParseState, type: "hopopts" | "dstopts"): void {
  need(s, 2, type);
  const b = s.b, p = s.at;
  const size = (b[p + 1] + 1) * 8;
  need(s, size, type);
  const layer: Ipv6OptionsLayer = {
    type,
    nextHeader: b[p],
    length: b[p + 1],
    options: b.subarray(p + 2, p + size),
  };
  s.layers.push(layer);
  s.at = p + size;
  s.next = NEXT_IPV6_NH;
  s.code = b[p];
}

/** Reads a routing header. */
export function parseRouting(s: ParseState): void {
  need(s, 2, "routing");
  const b = s.b, p = s.at;
  const size = (b[p + 1] + 1) * 8;
  need(s, size, "routing");
  const layer: Ipv6RoutingLayer = {
    type: "routing",
    nextHeader: b[p],
    length: b[p + 1],
    routingType: b[p + 2],
    segmentsLeft: b[p + 3],
    data: b.subarray(p + 4, p + size),
  };
  s.layers.push(layer);
  s.at = p + size;
  s.next = NEXT_IPV6_NH;
  s.code = b[p];
}

/** Reads a fragment header; a fragment other than the first carries a raw payload. */
export function parseFragment(s: ParseState): void {
  need(s, 8, "fragment");
  const b = s.b, p = s.at;
  const word = u16(b, p + 2);
  const layer: Ipv6FragmentLayer = {
    type: "fragment",
    nextHeader: b[p],
    reserved: b[p + 1],
    offset: word >> 3,
    reserved2: (word >> 1) & 3,
    more: (word & 1) === 1,
    identification: u32(b, p + 4),
  };
  s.layers.push(layer);
  s.at = p + 8;
  if (word >> 3 !== 0) {
    s.next = NEXT_RAW;
  } else {
    s.next = NEXT_IPV6_NH;
    s.code = b[p];
  }
}
