// Packet library speed against hand-written DataView code doing the same work, in the same
// run: build a VLAN/IPv4/TCP frame and an IPv6/ICMPv6 neighbor solicitation from the same
// layer objects (addresses as text, every length and checksum computed), and parse them back
// into the same objects. Each bench repeats the operation N times per iteration.
// Run: deno task bench
import { isDeepStrictEqual } from "node:util";
import { build, type Layer, parse } from "../src/packet/mod.ts";
import { nsLayers, tcpLayers } from "./_packet_frames.ts";

const N = 1000;

// ---- hand-written baselines ------------------------------------------------------------------
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

function hexDigit(c: number): number {
  return c <= 57 ? c - 48 : (c | 0x20) - 87;
}
function putMac(out: Uint8Array, at: number, s: string): void {
  for (let i = 0; i < 6; i++) {
    out[at + i] = (hexDigit(s.charCodeAt(3 * i)) << 4) | hexDigit(s.charCodeAt(3 * i + 1));
  }
}
function putIpv4(out: Uint8Array, at: number, s: string): void {
  let part = 0, k = at;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      out[k++] = part;
      part = 0;
    } else part = part * 10 + c - 48;
  }
  out[k] = part;
}
const groups = new Uint16Array(8);
function putIpv6(out: Uint8Array, at: number, s: string): void {
  // Groups before "::" from the front, the rest after it aligned to the end.
  let n = 0, gap = -1, v = 0, digits = 0;
  for (let i = 0; i <= s.length; i++) {
    const c = i < s.length ? s.charCodeAt(i) : 58;
    if (c !== 58) {
      v = v * 16 + hexDigit(c);
      digits++;
      continue;
    }
    if (digits > 0) groups[n++] = v;
    else if (i > 0 && gap < 0) gap = n;
    v = 0;
    digits = 0;
  }
  const tail = gap < 0 ? 0 : n - gap;
  out.fill(0, at, at + 16);
  for (let g = 0; g < n - tail; g++) {
    out[at + 2 * g] = groups[g] >> 8;
    out[at + 2 * g + 1] = groups[g] & 0xff;
  }
  for (let g = 0; g < tail; g++) {
    const p = at + 16 - 2 * (tail - g), x = groups[n - tail + g];
    out[p] = x >> 8;
    out[p + 1] = x & 0xff;
  }
}
function sum(b: Uint8Array, from: number, to: number, s: number): number {
  for (let i = from; i + 1 < to; i += 2) s += (b[i] << 8) | b[i + 1];
  if ((to - from) & 1) s += b[to - 1] << 8;
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

function baselineBuildTcp(ls: Layer[]): Uint8Array {
  const [eth, vlan, ip, tcp, raw] = ls as [
    Layer & { type: "ethernet" },
    Layer & { type: "vlan" },
    Layer & { type: "ipv4" },
    Layer & { type: "tcp" },
    Layer & { type: "raw" },
  ];
  const out = new Uint8Array(58 + raw.data.length);
  const v = new DataView(out.buffer);
  putMac(out, 0, eth.dst!);
  putMac(out, 6, eth.src!);
  v.setUint16(12, 0x8100);
  v.setUint16(14, (vlan.pcp! << 13) | vlan.vid!);
  v.setUint16(16, 0x0800);
  out[18] = 0x45;
  v.setUint16(20, out.length - 18);
  v.setUint16(22, ip.identification!);
  out[26] = ip.ttl!;
  out[27] = 6;
  putIpv4(out, 30, ip.src!);
  putIpv4(out, 34, ip.dst!);
  v.setUint16(28, ~sum(out, 18, 38, 0) & 0xffff);
  v.setUint16(38, tcp.srcPort!);
  v.setUint16(40, tcp.dstPort!);
  v.setUint32(42, tcp.seq!);
  v.setUint16(50, 0x5000 | tcp.flags!);
  v.setUint16(52, tcp.window!);
  out.set(raw.data, 58);
  const pseudo = sum(out, 30, 38, 0) + 6 + (out.length - 38);
  v.setUint16(54, ~sum(out, 38, out.length, pseudo) & 0xffff);
  return out;
}

function baselineBuildNs(ls: Layer[]): Uint8Array {
  const [eth, ip, icmp] = ls as [
    Layer & { type: "ethernet" },
    Layer & { type: "ipv6" },
    Layer & { type: "icmpv6" },
  ];
  const out = new Uint8Array(86);
  const v = new DataView(out.buffer);
  putMac(out, 0, eth.dst!);
  putMac(out, 6, eth.src!);
  v.setUint16(12, 0x86dd);
  out[14] = 0x60;
  v.setUint16(18, 32);
  out[20] = 58;
  out[21] = ip.hopLimit!;
  putIpv6(out, 22, ip.src!);
  putIpv6(out, 38, ip.dst!);
  out[54] = 135;
  putIpv6(out, 62, icmp.target!);
  out[78] = 1;
  out[79] = 1;
  putMac(out, 80, icmp.options![0].mac!);
  const pseudo = sum(out, 22, 54, 0) + 32 + 58;
  v.setUint16(56, ~sum(out, 54, 86, pseudo) & 0xffff);
  return out;
}

const mac = (b: Uint8Array, p: number) =>
  HEX[b[p]] + ":" + HEX[b[p + 1]] + ":" + HEX[b[p + 2]] + ":" + HEX[b[p + 3]] + ":" +
  HEX[b[p + 4]] + ":" + HEX[b[p + 5]];
const ipv4 = (b: Uint8Array, p: number) => `${b[p]}.${b[p + 1]}.${b[p + 2]}.${b[p + 3]}`;
const HEX1 = Array.from({ length: 256 }, (_, i) => i.toString(16));
function ipv6(b: Uint8Array, p: number): string {
  // The longest run of two or more zero groups becomes "::" (RFC 5952).
  let best = -1, bestLen = 1, run = -1;
  for (let i = 0; i < 8; i++) {
    if (b[p + 2 * i] === 0 && b[p + 2 * i + 1] === 0) {
      if (run < 0) run = i;
      if (i - run + 1 > bestLen) [best, bestLen] = [run, i - run + 1];
    } else run = -1;
  }
  let s = "";
  for (let i = 0; i < 8; i++) {
    if (i === best) {
      s += "::";
      i += bestLen - 1;
      continue;
    }
    if (s.length > 0 && !s.endsWith(":")) s += ":";
    const hi = b[p + 2 * i], lo = b[p + 2 * i + 1];
    s += hi === 0 ? HEX1[lo] : HEX1[hi] + HEX[lo];
  }
  return s;
}
const EMPTY = new Uint8Array(0);

function baselineParseTcp(b: Uint8Array): Layer[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const tci = v.getUint16(14), frag = v.getUint16(24), ihl = b[18] & 15, off = v.getUint16(50);
  return [
    { type: "ethernet", dst: mac(b, 0), src: mac(b, 6), ethertype: v.getUint16(12) },
    {
      type: "vlan",
      pcp: tci >> 13,
      dei: (tci & 0x1000) !== 0,
      vid: tci & 0xfff,
      ethertype: v.getUint16(16),
    },
    {
      type: "ipv4",
      version: b[18] >> 4,
      ihl,
      dscp: b[19] >> 2,
      ecn: b[19] & 3,
      totalLength: v.getUint16(20),
      identification: v.getUint16(22),
      flags: frag >> 13,
      fragmentOffset: frag & 0x1fff,
      ttl: b[26],
      protocol: b[27],
      checksum: v.getUint16(28),
      src: ipv4(b, 30),
      dst: ipv4(b, 34),
      options: EMPTY,
    },
    {
      type: "tcp",
      srcPort: v.getUint16(38),
      dstPort: v.getUint16(40),
      seq: v.getUint32(42),
      ack: v.getUint32(46),
      dataOffset: off >> 12,
      reserved: (off >> 9) & 7,
      flags: off & 0x1ff,
      window: v.getUint16(52),
      checksum: v.getUint16(54),
      urgent: v.getUint16(56),
      options: EMPTY,
    },
    { type: "raw", data: b.subarray(58) },
  ];
}

function baselineParseNs(b: Uint8Array): Layer[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const w = v.getUint32(14), tc = (w >>> 20) & 0xff;
  return [
    { type: "ethernet", dst: mac(b, 0), src: mac(b, 6), ethertype: v.getUint16(12) },
    {
      type: "ipv6",
      version: w >>> 28,
      dscp: tc >> 2,
      ecn: tc & 3,
      flowLabel: w & 0xfffff,
      payloadLength: v.getUint16(18),
      nextHeader: b[20],
      hopLimit: b[21],
      src: ipv6(b, 22),
      dst: ipv6(b, 38),
    },
    {
      type: "icmpv6",
      icmpType: b[54],
      code: b[55],
      checksum: v.getUint16(56),
      reserved: v.getUint32(58),
      target: ipv6(b, 62),
      options: [{ optionType: b[78], mac: mac(b, 80), length: b[79] }],
    },
  ];
}

// ---- refuse to measure baselines that do different work ---------------------------------------
const frames = [
  {
    name: "VLAN/IPv4/TCP",
    layers: tcpLayers,
    buildBase: baselineBuildTcp,
    parseBase: baselineParseTcp,
  },
  {
    name: "IPv6/ICMPv6 NS",
    layers: nsLayers,
    buildBase: baselineBuildNs,
    parseBase: baselineParseNs,
  },
];
for (const f of frames) {
  const bytes = build(f.layers);
  if (!isDeepStrictEqual(f.buildBase(f.layers), bytes)) {
    throw new Error(`${f.name}: the baseline builds other bytes than build()`);
  }
  if (!isDeepStrictEqual(f.parseBase(bytes), parse(bytes))) {
    throw new Error(`${f.name}: the baseline parses to other objects than parse()`);
  }
}

let sink: unknown;
for (const f of frames) {
  const bytes = build(f.layers);
  Deno.bench({
    name: "DataView baseline",
    group: `build ${f.name}`,
    baseline: true,
    fn: () => {
      for (let i = 0; i < N; i++) sink = f.buildBase(f.layers);
    },
  });
  Deno.bench({
    name: "build()",
    group: `build ${f.name}`,
    fn: () => {
      for (let i = 0; i < N; i++) sink = build(f.layers);
    },
  });
  Deno.bench({
    name: "DataView baseline",
    group: `parse ${f.name}`,
    baseline: true,
    fn: () => {
      for (let i = 0; i < N; i++) sink = f.parseBase(bytes);
    },
  });
  Deno.bench({
    name: "parse()",
    group: `parse ${f.name}`,
    fn: () => {
      for (let i = 0; i < N; i++) sink = parse(bytes);
    },
  });
}
addEventListener("unload", () => void sink);
