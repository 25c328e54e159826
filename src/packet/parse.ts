/**
 * `parse`: frame bytes to layer objects, with every field filled so that
 * `build(parse(bytes))` gives the same bytes back.
 *
 * @module
 */
import { describe } from "../ofp/_addresses.ts";
import { parseArp } from "./_arp.ts";
import { parseIcmp, parseIcmpv6 } from "./_icmp.ts";
import { parseIpv4 } from "./_ipv4.ts";
import { parseFragment, parseIpv6, parseOptions, parseRouting } from "./_ipv6.ts";
import { parseEthernet, parseItag, parseLlc, parseMpls, parseVlan } from "./_l2.ts";
import {
  NEXT_ETHERNET,
  NEXT_ETHERTYPE,
  NEXT_IPV4_PROTO,
  NEXT_IPV6_NH,
  NEXT_LLC,
  NEXT_MPLS_PAYLOAD,
  type ParseState,
} from "./_state.ts";
import { parseSctp, parseTcp, parseUdp } from "./_transport.ts";
import { omitComputed } from "./_editable.ts";
import { PacketParseError } from "./errors.ts";
import type { EthernetLayer, Layer } from "./layers.ts";

/** Options of {@linkcode parse}. */
export interface ParseOptions {
  /**
   * On a truncated layer, stop and put the rest of the frame in a `raw` layer instead of
   * throwing. Default false.
   */
  partial?: boolean;
  /**
   * Leave out the computed fields (lengths, next-type fields, checksums, MPLS bottom of
   * stack) wherever `build` would compute the same value, so the layers can be edited — a
   * VLAN tag inserted, an address changed — and built again with those fields derived anew.
   * Fields whose value is not the computed one (a wrong checksum) stay, so the layers still
   * build to the same bytes. Default false: every field is filled.
   */
  editable?: boolean;
}

/** The rest, up to the current end, as a raw layer. */
function raw(s: ParseState): void {
  s.layers.push({ type: "raw", data: s.b.subarray(s.at, s.end) });
  s.at = s.end;
}

/** The layer an EtherType names. */
function byEthertype(s: ParseState, type: number): void {
  switch (type) {
    case 0x8100:
      return parseVlan(s, "vlan");
    case 0x88a8:
      return parseVlan(s, "svlan");
    case 0x8847:
    case 0x8848:
      return parseMpls(s);
    case 0x88e7:
      return parseItag(s);
    case 0x0806:
      return parseArp(s);
    case 0x0800:
      return parseIpv4(s);
    case 0x86dd:
      return parseIpv6(s);
    default:
      return raw(s);
  }
}

/** The layer an IPv4 protocol or IPv6 next-header value names. */
function byProtocol(s: ParseState, proto: number, v6: boolean): void {
  switch (proto) {
    case 6:
      return parseTcp(s);
    case 17:
      return parseUdp(s);
    case 132:
      return parseSctp(s);
    case 1:
      return v6 ? raw(s) : parseIcmp(s);
    case 58:
      return v6 ? parseIcmpv6(s) : raw(s);
    case 0:
      return v6 ? parseOptions(s, "hopopts") : raw(s);
    case 60:
      return v6 ? parseOptions(s, "dstopts") : raw(s);
    case 43:
      return v6 ? parseRouting(s) : raw(s);
    case 44:
      return v6 ? parseFragment(s) : raw(s);
    default:
      return raw(s);
  }
}

/**
 * After the bottom MPLS label: IPv4 or IPv6 by the first nibble (as scapy guesses), kept
 * only when the whole rest parses; otherwise raw.
 */
function mplsPayload(s: ParseState): void {
  const at = s.at, nibble = s.b[at] >> 4;
  if (nibble === 4 || nibble === 6) {
    const mark = s.layers.length, end = s.end;
    try {
      if (nibble === 4) parseIpv4(s);
      else parseIpv6(s);
      chain(s);
      return;
    } catch (e) {
      if (!(e instanceof PacketParseError)) throw e;
      s.layers.length = mark;
      s.at = at;
      s.end = end;
    }
  }
  raw(s);
}

/** Reads layers until the current end. */
function chain(s: ParseState): void {
  while (s.at < s.end) {
    switch (s.next) {
      case NEXT_ETHERNET:
        parseEthernet(s);
        break;
      case NEXT_ETHERTYPE:
        byEthertype(s, s.code);
        break;
      case NEXT_IPV4_PROTO:
        byProtocol(s, s.code, false);
        break;
      case NEXT_IPV6_NH:
        byProtocol(s, s.code, true);
        break;
      case NEXT_LLC:
        parseLlc(s);
        break;
      case NEXT_MPLS_PAYLOAD:
        mplsPayload(s);
        break;
      default:
        raw(s);
    }
  }
}

/**
 * Parses an Ethernet frame into layer objects, outermost first, every field filled (so
 * `build(parse(bytes))` returns `bytes` exactly, bad checksums and odd lengths included).
 *
 * What follows each header is read by its type field: EtherTypes 0x8100 (`vlan`), 0x88a8
 * (`svlan`), 0x8847/0x8848 (`mpls`), 0x88e7 (`itag`, then an inner `ethernet`), 0x0806,
 * 0x0800 and 0x86dd; a type of at most 1500 is an 802.3 length followed by `llc`. IPv4
 * protocols 1, 6, 17 and 132 and IPv6 next headers 0, 43, 44, 60, 6, 17, 58 and 132 are
 * read; fragments other than the first carry raw bytes. After the bottom MPLS label, a first
 * nibble of 4 or 6 is tried as IPv4 or IPv6 (kept when the rest parses). Anything else
 * becomes a `raw` layer. Bytes after the innermost length-delimited layer (IPv4, IPv6, UDP,
 * ARP, 802.3) go to the first Ethernet layer's `padding`.
 *
 * Byte fields (`raw` data, options, `padding`) are views into `bytes`, not copies: copy
 * them, or the frame, before changing either.
 *
 * @param bytes The frame, from the destination MAC address on, without the FCS.
 * @param options `partial: true` stops at a truncated layer and returns the rest as `raw`;
 *   `editable: true` leaves out the computed fields that `build` would derive the same.
 * @returns The layers.
 * @throws {PacketParseError} When a layer's header does not fit in what is left (not with
 *   `partial: true`).
 * @throws {TypeError} If `bytes` is not a Uint8Array.
 *
 * @example
 * ```ts
 * import { build, parse, PacketParseError } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const frame = build([{ type: "ethernet" }, { type: "ipv6" }, { type: "icmpv6" }], { pad: true });
 * const layers = parse(frame);
 * assert.deepEqual(layers.map((l) => l.type), ["ethernet", "ipv6", "icmpv6"]);
 * assert.deepEqual(build(layers), frame);
 * assert.throws(() => parse(frame.subarray(0, 20)), PacketParseError);
 * assert.equal(parse(frame.subarray(0, 20), { partial: true })[1].type, "raw");
 *
 * // Editable: insert a VLAN tag; the EtherTypes and checksums are derived again.
 * const [eth, ...rest] = parse(frame, { editable: true });
 * const tagged = build([eth, { type: "vlan", vid: 10 }, ...rest]);
 * assert.deepEqual(parse(tagged).map((l) => l.type), ["ethernet", "vlan", "ipv6", "icmpv6"]);
 * ```
 */
export function parse(bytes: Uint8Array, options: ParseOptions = {}): Layer[] {
  if (!(bytes instanceof Uint8Array)) {
    throw new TypeError(`Expected the frame as a Uint8Array, got ${describe(bytes)}`);
  }
  const s: ParseState = {
    b: bytes,
    layers: [],
    at: 0,
    end: bytes.length,
    next: NEXT_ETHERNET,
    code: 0,
  };
  const partial = options.partial === true;
  if (partial && bytes.length === 0) return s.layers;
  try {
    parseEthernet(s);
    chain(s);
  } catch (e) {
    if (!partial || !(e instanceof PacketParseError)) throw e;
    raw(s);
  }
  if (s.end < bytes.length && s.layers[0].type === "ethernet") {
    (s.layers[0] as EthernetLayer).padding = bytes.subarray(s.end);
  }
  if (options.editable === true) {
    return omitComputed(bytes, s.layers, (b) => parse(b, { partial: options.partial }));
  }
  return s.layers;
}
