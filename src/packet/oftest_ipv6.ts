/**
 * OFTest's IPv6 test frames (`simple_tcpv6_packet`, `simple_udpv6_packet`,
 * `simple_icmpv6_packet`), with OFTest's defaults and keyword names in camelCase.
 *
 * @module
 */
import type { Icmpv6Layer, NdOption } from "./layers.ts";
import type { PacketOptions } from "./oftest_options.ts";
import { D, data, filled, ipv6, l2, pktlen, tcp, udp } from "./_oftest.ts";
import { parseIpv6 } from "../ofp/_addresses.ts";

/**
 * Ethernet/IPv6/TCP (OFTest's `simple_tcpv6_packet`), a SYN from port 1234 to 80, filled
 * with "D"; tagged when `dlVlanEnable`, `vlanVid` or `vlanPcp` is given.
 *
 * @param options OFTest's keywords in camelCase (`ipv6Src`, `ipv6Dst`, `ipv6Tc`, `ipv6Fl`, `ipv6Hlim`, …).
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleTcpv6Packet } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const frame = simpleTcpv6Packet({ ipv6Dst: "2001:db8::7" });
 * assert.deepEqual([frame[12], frame[13], frame[20]], [0x86, 0xdd, 6]);
 * ```
 */
export function simpleTcpv6Packet(options: PacketOptions = {}): Uint8Array {
  return filled(
    [...l2(options, "00:01:02:03:04:05"), ipv6(options), tcp(options)],
    pktlen(options, 100),
    D,
  );
}

/**
 * Ethernet/IPv6/UDP (OFTest's `simple_udpv6_packet`), ports 1234 to 80, filled with "D".
 *
 * @param options OFTest's keywords in camelCase.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { simpleUdpv6Packet } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * assert.equal(simpleUdpv6Packet()[20], 17);
 * ```
 */
export function simpleUdpv6Packet(options: PacketOptions = {}): Uint8Array {
  return filled(
    [...l2(options, "00:01:02:03:04:05"), ipv6(options), udp(options)],
    pktlen(options, 100),
    D,
  );
}

/** The 30-byte body of a prefix information option (RFC 4861 4.6.2), as OFTest sends it. */
function prefixInfo(prefix: string): Uint8Array {
  const body = new Uint8Array(30);
  const v = new DataView(body.buffer);
  body[0] = 64; // prefix length
  body[1] = 0xc0; // on-link, autonomous
  v.setUint32(2, 1814400); // valid lifetime
  v.setUint32(6, 604800); // preferred lifetime
  if (!parseIpv6(prefix, body, 14)) {
    throw new TypeError(
      `Expected ipv6Prefix as an IPv6 address like fd00::, got ${JSON.stringify(prefix)}`,
    );
  }
  return body;
}

/**
 * Ethernet/IPv6/ICMPv6 (OFTest's `simple_icmpv6_packet`): by default an echo request;
 * `icmpType` 133–136 gives router solicitation/advertisement and neighbor
 * solicitation/advertisement with OFTest's fields (`target`, `rBit`, `sBit`, and with
 * `hasLl` a link-layer address option, with `prefixOpt` a prefix option); filled with "D".
 *
 * @param options OFTest's keywords in camelCase.
 * @returns The frame.
 * @throws {TypeError} On a malformed address.
 * @throws {RangeError} On a field out of range.
 *
 * @example
 * ```ts
 * import { parse, simpleIcmpv6Packet } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * const ns = parse(simpleIcmpv6Packet({ icmpType: 135, target: "fe80::1", hasLl: true }));
 * const icmp = ns[2];
 * assert.ok(icmp.type === "icmpv6");
 * assert.deepEqual([icmp.target, icmp.options?.[0].mac], ["fe80::1", "66:6f:df:2d:7c:9c"]);
 * ```
 */
export function simpleIcmpv6Packet(options: PacketOptions = {}): Uint8Array {
  const o = options;
  const t = o.icmpType ?? 128, code = o.icmpCode ?? 0;
  const ll = o.llAddr ?? "66:6f:df:2d:7c:9c";
  const target = o.target ?? "::";
  const layers = [...l2(o, "00:01:02:03:04:05"), ipv6(o)];
  const opts: NdOption[] = [];
  let icmp: Icmpv6Layer;
  let payload: Uint8Array = new Uint8Array(0);
  if (t === 134) {
    icmp = {
      type: "icmpv6",
      icmpType: 134,
      code: 0,
      curHopLimit: 255,
      flags: 0x40,
      routerLifetime: 1800,
    };
    if (o.prefixOpt) {
      opts.push({ optionType: 3, data: prefixInfo(o.ipv6Prefix ?? "fd00:141:64:1::") });
    }
    if (o.hasLl) opts.push({ optionType: 1, mac: ll });
  } else if (t === 135) {
    icmp = { type: "icmpv6", icmpType: 135, code, target };
    if (o.hasLl) opts.push({ optionType: 1, mac: ll });
  } else if (t === 136) {
    const flags = ((o.rBit ?? 0) ? 0x80 : 0) | ((o.sBit ?? 0) ? 0x40 : 0) | 0x20;
    icmp = { type: "icmpv6", icmpType: 136, code: 0, flags, target };
    if (o.hasLl) opts.push({ optionType: 2, mac: ll });
  } else if (t === 133) {
    icmp = { type: "icmpv6", icmpType: 133, code: 0 };
    if (o.hasLl) opts.push({ optionType: 1, mac: ll });
  } else if (t === 128 || t === 129) {
    icmp = { type: "icmpv6", icmpType: t, code: 0 };
    payload = data(o.icmpData);
  } else if (t === 1 || t === 3) {
    icmp = { type: "icmpv6", icmpType: t, code };
    payload = data(o.icmpData);
  } else {
    // scapy's ICMPv6Unknown has a 4-byte header: the "D" fill starts in our 4-byte rest.
    icmp = { type: "icmpv6", icmpType: t, code, rest: 0x44444444 };
  }
  if (opts.length > 0) icmp.options = opts;
  layers.push(icmp);
  if (payload.length > 0) layers.push({ type: "raw", data: payload });
  return filled(layers, pktlen(o, 100), D);
}
