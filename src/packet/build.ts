/**
 * `build`: layer objects to frame bytes, with every omitted computed field (lengths,
 * next-type fields, the MPLS bottom-of-stack bit, checksums) filled.
 *
 * @module
 */
import { describe } from "../ofp/_addresses.ts";
import { crc32cRange, onesSum } from "./checksum.ts";
import { EMPTY } from "./_defaults.ts";
import { bytes, noNextType } from "./_field.ts";
import { sizeArp, writeArp } from "./_arp.ts";
import { sizeIcmpv6, writeIcmp, writeIcmpv6 } from "./_icmp.ts";
import { checksumIpv4, pseudoIpv4, sizeIpv4, writeIpv4 } from "./_ipv4.ts";
import {
  finalDestination,
  pseudoIpv6,
  sizeOptions,
  sizeRouting,
  writeFragment,
  writeIpv6,
  writeOptions,
  writeRouting,
} from "./_ipv6.ts";
import { writeEthernet, writeItag, writeLlc, writeMpls, writeVlan } from "./_l2.ts";
import type { BuildState } from "./_state.ts";
import { sizeSctp, sizeTcp, writeSctp, writeTcp, writeUdp } from "./_transport.ts";
import {
  type ArpLayer,
  type EthernetLayer,
  type IcmpLayer,
  type Icmpv6Layer,
  type Ipv4Layer,
  type Ipv6FragmentLayer,
  type Ipv6Layer,
  type Ipv6OptionsLayer,
  type Ipv6RoutingLayer,
  type ItagLayer,
  type Layer,
  LAYER_TYPES,
  type LlcLayer,
  type MplsLayer,
  type RawLayer,
  type SctpLayer,
  type TcpLayer,
  type UdpLayer,
  type VlanLayer,
} from "./layers.ts";

/** Options of {@linkcode build}. */
export interface BuildOptions {
  /**
   * Pad the frame with zeros to 60 bytes, the Ethernet minimum without the FCS, after any
   * `padding` the layers give. Default false.
   */
  pad?: boolean;
}

/** Offsets of the layers, reused between calls (`build` does not re-enter itself). */
let offsets = new Int32Array(64);
/** Type names of the layers, read once per build; reused between calls. */
const types: (string | undefined)[] = [];

/** The number of bytes layer `i` takes (checking what its size depends on). */
function sizeOf(l: Layer, i: number): number {
  if (l === null || typeof l !== "object") {
    throw new TypeError(`Cannot build layer ${i}: expected a layer object, got ${describe(l)}`);
  }
  switch (l.type) {
    case "ethernet":
      return 14;
    case "llc":
      return 3;
    case "vlan":
    case "svlan":
    case "mpls":
    case "itag":
      return 4;
    case "arp":
      return sizeArp(i, l);
    case "ipv4":
      return sizeIpv4(i, l);
    case "ipv6":
      return 40;
    case "hopopts":
    case "dstopts":
      return sizeOptions(i, l);
    case "routing":
      return sizeRouting(i, l);
    case "fragment":
    case "icmp":
    case "udp":
      return 8;
    case "icmpv6":
      return sizeIcmpv6(i, l);
    case "tcp":
      return sizeTcp(i, l);
    case "sctp":
      return sizeSctp(i, l);
    case "raw":
      if (l.data === undefined) {
        throw new TypeError(
          `Cannot build layer ${i} (raw): expected data as a Uint8Array, got undefined`,
        );
      }
      return bytes(l.data, EMPTY, i, l, "data").length;
    default:
      throw new TypeError(
        `Cannot build layer ${i}: expected a layer object with a type of ${
          LAYER_TYPES.join(", ")
        }; ` +
          `got ${
            l === null || typeof l !== "object"
              ? describe(l)
              : `type ${describe((l as { type: unknown }).type)}`
          }`,
      );
  }
}

/** The EtherType (or 802.3 length) announcing the layer after `i`. */
function ethertypeOf(st: BuildState, i: number, field: string): number {
  const next = st.types[i + 1];
  if (next === undefined || next === "raw") return 0x88b5;
  switch (next) {
    case "vlan":
      return 0x8100;
    case "svlan":
      return 0x88a8;
    case "mpls":
      return 0x8847;
    case "itag":
      return 0x88e7;
    case "arp":
      return 0x0806;
    case "ipv4":
      return 0x0800;
    case "ipv6":
      return 0x86dd;
    case "llc": {
      const length = st.end - st.off[i + 1];
      if (length > 1500) {
        throw new RangeError(
          `Cannot build layer ${i} (${st.layers[i].type}): expected an 802.3 payload of at most ` +
            `1500 bytes for the ${field} to hold its length, got ${length}`,
        );
      }
      return length;
    }
    default:
      throw noNextType(i, st.layers[i], field, st.layers[i + 1]);
  }
}

/** An IPv6 header's computed next header: 59 (none) at the end, 0 when `nextHeader` is given. */
function nextHeaderOf(st: BuildState, i: number, v: { nextHeader?: number }): number {
  return v.nextHeader === undefined ? protocolOf(st, i, "nextHeader", 59) : 0;
}

/** The IP protocol number (IPv4 `protocol`, IPv6 `nextHeader`) of the layer after `i`. */
function protocolOf(st: BuildState, i: number, field: string, none: number): number {
  const next = st.types[i + 1];
  if (next === undefined || next === "raw") return none;
  switch (next) {
    case "hopopts":
      return 0;
    case "icmp":
      return 1;
    case "ipv4":
      return 4;
    case "tcp":
      return 6;
    case "udp":
      return 17;
    case "ipv6":
      return 41;
    case "routing":
      return 43;
    case "fragment":
      return 44;
    case "icmpv6":
      return 58;
    case "dstopts":
      return 60;
    case "sctp":
      return 132;
    default:
      throw noNextType(i, st.layers[i], field, st.layers[i + 1]);
  }
}

/** Writes layer `i`, computing the next-type field it owns when it is omitted. */
function writeLayer(st: BuildState, i: number, l: Layer): void {
  // Switch on the type read once in the size pass: layer objects of many shapes make every
  // property load here megamorphic, so each one saved counts.
  switch (st.types[i]) {
    case "ethernet": {
      const e = l as EthernetLayer;
      return writeEthernet(
        st,
        i,
        e,
        e.ethertype === undefined ? ethertypeOf(st, i, "ethertype") : 0,
      );
    }
    case "llc":
      return writeLlc(st, i, l as LlcLayer);
    case "vlan":
    case "svlan": {
      const v = l as VlanLayer;
      return writeVlan(st, i, v, v.ethertype === undefined ? ethertypeOf(st, i, "ethertype") : 0);
    }
    case "mpls":
      return writeMpls(st, i, l as MplsLayer, st.types[i + 1] !== "mpls");
    case "itag":
      return writeItag(st, i, l as ItagLayer);
    case "arp":
      return writeArp(st, i, l as ArpLayer);
    case "ipv4": {
      const v = l as Ipv4Layer;
      return writeIpv4(
        st,
        i,
        v,
        v.protocol === undefined ? protocolOf(st, i, "protocol", 0xff) : 0,
      );
    }
    case "ipv6": {
      const v = l as Ipv6Layer;
      return writeIpv6(st, i, v, nextHeaderOf(st, i, v));
    }
    case "hopopts":
    case "dstopts": {
      const v = l as Ipv6OptionsLayer;
      return writeOptions(st, i, v, nextHeaderOf(st, i, v));
    }
    case "routing": {
      const v = l as Ipv6RoutingLayer;
      return writeRouting(st, i, v, nextHeaderOf(st, i, v));
    }
    case "fragment": {
      const v = l as Ipv6FragmentLayer;
      return writeFragment(st, i, v, nextHeaderOf(st, i, v));
    }
    case "icmp":
      return writeIcmp(st, i, l as IcmpLayer);
    case "icmpv6":
      return writeIcmpv6(st, i, l as Icmpv6Layer);
    case "tcp":
      return writeTcp(st, i, l as TcpLayer);
    case "udp":
      return writeUdp(st, i, l as UdpLayer);
    case "sctp":
      return writeSctp(st, i, l as SctpLayer);
    case "raw":
      st.out.set((l as RawLayer).data, st.off[i]);
  }
}

/**
 * The pseudo-header sum for the upper layer `i` carrying `proto`: from the nearest IPv4 or
 * IPv6 layer before it (0 when there is none), with the final destination of a routing
 * header in between.
 */
function pseudo(st: BuildState, i: number, proto: number): number {
  let routing = -1;
  for (let j = i - 1; j >= 0; j--) {
    const t = st.types[j];
    if (t === "ipv4") return pseudoIpv4(st, j, proto, st.off[i]);
    if (t === "ipv6") return pseudoIpv6(st, j, proto, st.off[i], routing);
    if (t === "routing" && routing < 0) routing = finalDestination(st, j);
  }
  return 0;
}

/** Writes a 16-bit checksum at `at`. */
function put16(out: Uint8Array, at: number, value: number): void {
  out[at] = value >> 8;
  out[at + 1] = value & 0xff;
}

/** Fills the omitted checksum of layer `i` (layers after it are final). */
function checksum(st: BuildState, i: number, l: Layer): void {
  const o = st.off[i], out = st.out, end = st.end;
  switch (st.types[i]) {
    case "ipv4":
      if ((l as Ipv4Layer).checksum === undefined) checksumIpv4(st, i);
      return;
    case "icmp":
      if ((l as IcmpLayer).checksum === undefined) {
        put16(out, o + 2, ~onesSum(out, o, end, 0) & 0xffff);
      }
      return;
    case "icmpv6":
      if ((l as Icmpv6Layer).checksum === undefined) {
        put16(out, o + 2, ~onesSum(out, o, end, pseudo(st, i, 58)) & 0xffff);
      }
      return;
    case "tcp":
      if ((l as TcpLayer).checksum === undefined) {
        put16(out, o + 16, ~onesSum(out, o, end, pseudo(st, i, 6)) & 0xffff);
      }
      return;
    case "udp":
      if ((l as UdpLayer).checksum === undefined) {
        // 0 means "no checksum": a computed 0 is sent as 0xffff.
        put16(out, o + 6, ~onesSum(out, o, end, pseudo(st, i, 17)) & 0xffff || 0xffff);
      }
      return;
    case "sctp":
      // The CRC32c goes on the wire least significant byte first (RFC 4960 appendix B).
      if ((l as SctpLayer).checksum === undefined) {
        st.view.setUint32(o + 8, crc32cRange(out, o, end), true);
      }
      return;
  }
}

/**
 * Builds a frame from layers, outermost first. Omitted fields take their documented
 * defaults; omitted computed fields are filled: lengths, the next-type field from the next
 * layer, the MPLS bottom-of-stack bit, and every checksum (IPv4 header, ICMP, and ICMPv6,
 * TCP and UDP over the IPv4 or IPv6 pseudo-header through any extension headers, SCTP
 * CRC32c). A field given explicitly is written as given, even when it is wrong, so that
 * negative tests can send bad checksums and lengths. Each `ethernet` layer's `padding` is
 * appended after all the layers.
 *
 * @param layers The layers, outermost first.
 * @param options `pad: true` pads with zeros to the 60-byte Ethernet minimum.
 * @returns A new array with the frame.
 * @throws {TypeError} On a value of the wrong kind, a malformed address, an unknown layer
 *   type, or a next layer whose type number cannot be computed; the message names the
 *   layer's index and type and the field.
 * @throws {RangeError} On a field out of range (a VLAN id above 4095, a port above 65535)
 *   or a length that does not fit its field.
 *
 * @example
 * ```ts
 * import { build, parse } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const frame = build([
 *   { type: "ethernet", dst: "00:01:02:03:04:05", src: "00:06:07:08:09:0a" },
 *   { type: "vlan", vid: 10 },
 *   { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.2" },
 *   { type: "udp", srcPort: 5000, dstPort: 53 },
 *   { type: "raw", data: new Uint8Array([1, 2, 3]) },
 * ]);
 * assert.equal(frame.length, 14 + 4 + 20 + 8 + 3);
 * const [, vlan, ip] = parse(frame);
 * assert.deepEqual([vlan.type, ip.type], ["vlan", "ipv4"]);
 * assert.throws(() => build([{ type: "vlan", vid: 5000 }]), RangeError);
 * ```
 */
export function build(layers: readonly Layer[], options: BuildOptions = {}): Uint8Array {
  if (!Array.isArray(layers)) {
    throw new TypeError(`Expected an array of layers, got ${describe(layers)}`);
  }
  const n = layers.length;
  if (offsets.length < n + 1) offsets = new Int32Array(Math.max(n + 1, 2 * offsets.length));
  const off = offsets, kinds = types;
  let at = 0, padding = 0, paddings = false;
  for (let i = 0; i < n; i++) {
    const l = layers[i];
    off[i] = at;
    at += sizeOf(l, i);
    const t = l.type;
    kinds[i] = t;
    if (t === "ethernet" && l.padding !== undefined) {
      padding += bytes(l.padding, EMPTY, i, l, "padding").length;
      paddings = true;
    }
  }
  kinds[n] = undefined; // what follows the last layer: nothing
  off[n] = at;
  const end = at;
  let total = end + padding;
  if (options.pad === true && total < 60) total = 60;
  const out = new Uint8Array(total);
  const st: BuildState = { layers, types: kinds, off, out, view: new DataView(out.buffer), end };
  for (let i = 0; i < n; i++) writeLayer(st, i, layers[i]);
  // Paddings: the innermost Ethernet layer's first, as they nest.
  for (let i = n - 1, p = end; paddings && i >= 0; i--) {
    const l = layers[i];
    if (kinds[i] === "ethernet" && (l as EthernetLayer).padding !== undefined) {
      const pad = (l as EthernetLayer).padding!;
      out.set(pad, p);
      p += pad.length;
    }
  }
  for (let i = n - 1; i >= 0; i--) checksum(st, i, layers[i]);
  return out;
}
