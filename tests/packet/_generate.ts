// A seeded generator of random frames over every layer and combination the packet library
// builds: stacked 802.1Q/802.1ad tags, MPLS stacks, PBB, ARP, IPv4 with options, IPv6
// with every extension header, ICMP types, ICMPv6 echo and neighbor discovery with options,
// TCP with options, UDP, SCTP chunks, raw payloads, 802.3/LLC, and wrong checksums.
// The same seed gives the same frames, so a failure replays.
import { ipv6Text } from "../../src/ofp/_addresses.ts";
import { build, type Layer, type NdOption, type SctpChunk } from "../../src/packet/mod.ts";
import { prng, randInt } from "../_util/prng.ts";

/** One generated frame: its layers (computed fields mostly omitted) and whether to pad it. */
export interface GeneratedFrame {
  /** The layer types joined by "/", for messages. */
  name: string;
  /** The layers. */
  layers: Layer[];
  /** Build with `pad: true`. */
  pad: boolean;
}

type Rand = () => number;

/** EtherTypes, IPv4 protocols and IPv6 next headers no parser here (nor scapy) reads. */
const RAW_ETHERTYPES = [0x88b5, 0x88b6, 0x1234];
const RAW_PROTOCOLS = [253, 254];

function bytes(r: Rand, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = randInt(r, 256);
  return out;
}
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[randInt(r, xs.length)];
const chance = (r: Rand, p: number) => r() < p;
const u16 = (r: Rand) => randInt(r, 0x10000);
const u32 = (r: Rand) => randInt(r, 0x100000000);
function mac(r: Rand): string {
  return Array.from(bytes(r, 6), (b) => b.toString(16).padStart(2, "0")).join(":");
}
/** A unicast MAC, as a source must be. */
function srcMac(r: Rand): string {
  const b = bytes(r, 6);
  b[0] &= 0xfe;
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join(":");
}
function ipv4(r: Rand): string {
  return Array.from(bytes(r, 4)).join(".");
}
function ipv6(r: Rand): string {
  const b = bytes(r, 16);
  // Zero runs of varied length, so the text forms vary (and "::" appears).
  if (chance(r, 0.7)) {
    const at = randInt(r, 8), len = 1 + randInt(r, 6);
    for (let g = at; g < Math.min(8, at + len); g++) b[2 * g] = b[2 * g + 1] = 0;
  }
  if (b[0] === 0 && b[1] === 0 && b[10] === 0xff) b[0] = 0x20; // no IPv4-mapped forms
  return ipv6Text(b, 0);
}
/** A wrong checksum now and then (a random value: the tests check which are really wrong). */
function maybeBad(r: Rand, bits = 16): number | undefined {
  return chance(r, 0.08) ? (bits === 16 ? u16(r) : u32(r)) : undefined;
}

function payload(r: Rand, max = 40): Layer[] {
  return chance(r, 0.6) ? [{ type: "raw", data: bytes(r, 1 + randInt(r, max)) }] : [];
}

function tcpOptions(r: Rand): Uint8Array | undefined {
  if (!chance(r, 0.5)) return undefined;
  const out: number[] = [];
  const kinds = [
    () => [2, 4, randInt(r, 256), randInt(r, 256)], // MSS
    () => [3, 3, randInt(r, 15)], // window scale
    () => [4, 2], // SACK permitted
    () => [8, 10, ...bytes(r, 8)], // timestamps
    () => [1], // no-op
  ];
  for (let k = randInt(r, 4); k >= 0; k--) {
    const opt = pick(r, kinds)();
    if (out.length + opt.length > 39) break;
    out.push(...opt);
  }
  if (chance(r, 0.3) && out.length < 40) out.push(0); // end of list
  return new Uint8Array(out);
}

function ipv4Options(r: Rand): Uint8Array | undefined {
  if (!chance(r, 0.3)) return undefined;
  const out: number[] = [];
  const kinds = [
    () => [1], // no-op
    () => [148, 4, 0, 0], // router alert
    () => [7, 7, 4, 0, 0, 0, 0], // record route, one empty slot
  ];
  for (let k = randInt(r, 3); k >= 0; k--) out.push(...pick(r, kinds)());
  if (chance(r, 0.5)) out.push(0);
  return new Uint8Array(out);
}

function tcp(r: Rand): Layer[] {
  return [{
    type: "tcp",
    srcPort: u16(r),
    dstPort: pick(r, [80, 443, 8080, 1234, 5001]),
    seq: u32(r),
    ack: u32(r),
    flags: randInt(r, 0x200),
    window: u16(r),
    urgent: chance(r, 0.2) ? u16(r) : 0,
    options: tcpOptions(r),
    checksum: maybeBad(r),
  }, ...payload(r)];
}

/** UDP ports no dissector (ours or scapy's) reads as something else. */
const UDP_PORTS = [1234, 5001, 9999, 40000, 33434];
function udp(r: Rand): Layer[] {
  return [{
    type: "udp",
    srcPort: pick(r, UDP_PORTS),
    dstPort: pick(r, UDP_PORTS),
    checksum: maybeBad(r),
  }, ...payload(r)];
}

/** An SCTP chunk whose value is well formed for its type (Wireshark checks them). */
function chunk(r: Rand): SctpChunk {
  const chunkType = pick(r, [0, 0, 4, 6, 7, 8, 10, 11, 14]);
  switch (chunkType) {
    case 0: // DATA: TSN, stream id, stream sequence, payload protocol, user data
      return { chunkType, flags: randInt(r, 8), data: bytes(r, 12 + 1 + randInt(r, 20)) };
    case 4: { // HEARTBEAT: one heartbeat-info parameter
      const info = bytes(r, 1 + randInt(r, 12));
      const param = new Uint8Array((4 + info.length + 3) & ~3);
      param.set([0, 1, 0, 4 + info.length]);
      param.set(info, 4);
      return { chunkType, data: param.subarray(0, 4 + info.length) };
    }
    case 7: // SHUTDOWN: the cumulative TSN ack
      return { chunkType, data: bytes(r, 4) };
    case 10: // COOKIE ECHO: the cookie
      return { chunkType, data: bytes(r, 1 + randInt(r, 24)) };
    default: // ABORT, SHUTDOWN ACK, COOKIE ACK, SHUTDOWN COMPLETE: no value
      return { chunkType, flags: chunkType === 6 || chunkType === 14 ? randInt(r, 2) : 0 };
  }
}

function sctp(r: Rand): Layer[] {
  const chunks: SctpChunk[] = [];
  for (let k = randInt(r, 4); k > 0; k--) chunks.push(chunk(r));
  return [{
    type: "sctp",
    srcPort: pick(r, UDP_PORTS),
    dstPort: pick(r, UDP_PORTS),
    verificationTag: u32(r),
    chunks,
    checksum: maybeBad(r, 32),
  }];
}

/** The start of an offending datagram, as ICMP errors carry it. */
function offending(r: Rand, v6: boolean): Layer[] {
  const ip: Layer = v6
    ? { type: "ipv6", src: ipv6(r), dst: ipv6(r), hopLimit: 1 }
    : { type: "ipv4", src: ipv4(r), dst: ipv4(r), ttl: 1 };
  const inner = build([ip, {
    type: "udp",
    srcPort: pick(r, UDP_PORTS),
    dstPort: pick(r, UDP_PORTS),
  }, { type: "raw", data: bytes(r, 1 + randInt(r, 16)) }]);
  return [{ type: "raw", data: inner }];
}

function icmp(r: Rand): Layer[] {
  const t = pick(r, [0, 8, 8, 3, 11, 4, 5, 12]);
  const head: Layer = t === 0 || t === 8
    ? {
      type: "icmp",
      icmpType: t,
      code: 0,
      identifier: u16(r),
      sequence: u16(r),
      checksum: maybeBad(r),
    }
    : {
      type: "icmp",
      icmpType: t,
      code: randInt(r, 4),
      rest: t === 5 ? u32(r) : 0,
      checksum: maybeBad(r),
    };
  return [head, ...(t === 0 || t === 8 ? payload(r, 48) : offending(r, false))];
}

function ndOptions(r: Rand, types: number[]): NdOption[] {
  const out: NdOption[] = [];
  for (const t of types) {
    if (!chance(r, 0.7)) continue;
    if (t === 1 || t === 2) out.push({ optionType: t, mac: srcMac(r) });
    else if (t === 5) out.push({ optionType: 5, data: new Uint8Array([0, 0, 0, 0, 5, 0xdc]) });
    else out.push({ optionType: t, data: prefixInformation(r) });
  }
  return out;
}

/** A prefix information option's value (RFC 4861 4.6.2). */
function prefixInformation(r: Rand): Uint8Array {
  const out = new Uint8Array(30);
  out[0] = randInt(r, 129);
  out[1] = pick(r, [0x80, 0x40, 0xc0]);
  out.set(bytes(r, 8), 2);
  out.set(bytes(r, 16), 14);
  return out;
}

function icmpv6(r: Rand): Layer[] {
  const t = pick(r, [128, 129, 133, 134, 135, 136, 1, 3, 200]);
  const checksum = maybeBad(r);
  switch (t) {
    case 128:
    case 129:
      return [{
        type: "icmpv6",
        icmpType: t,
        code: 0,
        identifier: u16(r),
        sequence: u16(r),
        checksum,
      }, ...payload(r)];
    case 133:
      return [{
        type: "icmpv6",
        icmpType: t,
        code: 0,
        reserved: 0,
        options: ndOptions(r, [1]),
        checksum,
      }];
    case 134:
      return [{
        type: "icmpv6",
        icmpType: t,
        code: 0,
        curHopLimit: randInt(r, 256),
        flags: pick(r, [0, 0x80, 0x40, 0xc0, 0x08]),
        routerLifetime: u16(r),
        reachableTime: u32(r),
        retransTimer: u32(r),
        options: ndOptions(r, [1, 5, 3]),
        checksum,
      }];
    case 135:
      return [{
        type: "icmpv6",
        icmpType: t,
        code: 0,
        reserved: 0,
        target: ipv6(r),
        options: ndOptions(r, [1, 5]),
        checksum,
      }];
    case 136:
      return [{
        type: "icmpv6",
        icmpType: t,
        code: 0,
        flags: pick(r, [0x80, 0x40, 0x20, 0xe0, 0x60]),
        reserved: 0,
        target: ipv6(r),
        options: ndOptions(r, [2]),
        checksum,
      }];
    case 200: // private experimentation
      return [
        { type: "icmpv6", icmpType: t, code: randInt(r, 4), rest: u32(r), checksum },
        ...payload(r, 48),
      ];
    default: // destination unreachable, time exceeded: the offending datagram follows
      return [
        { type: "icmpv6", icmpType: t, code: randInt(r, 4), rest: 0, checksum },
        ...offending(r, true),
      ];
  }
}

function hopOptions(r: Rand, routerAlert: boolean): Uint8Array {
  // Option TLVs whose type says "skip if unknown": PadN, router alert (hop-by-hop only), and
  // an unknown one.
  const out: number[] = [];
  for (let k = randInt(r, 3); k > 0; k--) {
    const kind = randInt(r, routerAlert ? 3 : 2) + (routerAlert ? 0 : 1);
    if (kind === 0) out.push(5, 2, 0, randInt(r, 3));
    else if (kind === 1) out.push(1, 2, 0, 0);
    else out.push(0x1e, 4, ...bytes(r, 4));
  }
  return new Uint8Array(out);
}

function ipv6Chain(r: Rand, upper: () => Layer[]): Layer[] {
  const out: Layer[] = [];
  if (chance(r, 0.3)) out.push({ type: "hopopts", options: hopOptions(r, true) });
  if (chance(r, 0.25)) {
    const n = 1 + randInt(r, 3);
    const data = new Uint8Array(4 + 16 * n);
    for (let k = 0; k < n; k++) data.set(bytes(r, 16), 4 + 16 * k);
    out.push({ type: "routing", routingType: 0, segmentsLeft: randInt(r, n + 1), data });
  }
  let fragmentLater = false;
  if (chance(r, 0.2)) {
    fragmentLater = chance(r, 0.3);
    out.push({
      type: "fragment",
      offset: fragmentLater ? 1 + randInt(r, 100) : 0,
      more: chance(r, 0.5),
      identification: u32(r),
    });
  }
  // A later fragment's payload is raw: nothing after it is parsed.
  if (fragmentLater) return [...out, { type: "raw", data: bytes(r, 8 + randInt(r, 32)) }];
  if (chance(r, 0.2)) out.push({ type: "dstopts", options: hopOptions(r, false) });
  return [...out, ...upper()];
}

function ipv4Layer(r: Rand, more: Partial<Layer> = {}): Layer {
  return {
    type: "ipv4",
    dscp: randInt(r, 64),
    ecn: randInt(r, 4),
    identification: u16(r),
    flags: pick(r, [0, 0, 2]),
    ttl: randInt(r, 256),
    src: ipv4(r),
    dst: ipv4(r),
    options: ipv4Options(r),
    checksum: maybeBad(r),
    ...more,
  } as Layer;
}

function ipv4Frame(r: Rand): Layer[] {
  const kind = randInt(r, 7);
  if (kind === 5) {
    return [ipv4Layer(r, { protocol: pick(r, RAW_PROTOCOLS) }), {
      type: "raw",
      data: bytes(r, 1 + randInt(r, 30)),
    }];
  }
  if (kind === 6) {
    // A later fragment: its payload is raw whatever the protocol says.
    return [
      ipv4Layer(r, { protocol: 17, flags: 1, fragmentOffset: 1 + randInt(r, 100) }),
      { type: "raw", data: bytes(r, 8 + randInt(r, 30)) },
    ];
  }
  return [ipv4Layer(r), ...[tcp, udp, icmp, sctp, tcp][kind](r)];
}

function ipv6Frame(r: Rand): Layer[] {
  const upper = () => {
    const kind = randInt(r, 5);
    if (kind === 4) return [{ type: "raw", data: bytes(r, 1 + randInt(r, 30)) } as Layer];
    return [tcp, udp, icmpv6, sctp][kind](r);
  };
  const chain = ipv6Chain(r, upper);
  const ip: Layer = {
    type: "ipv6",
    dscp: randInt(r, 64),
    ecn: randInt(r, 4),
    flowLabel: chance(r, 0.5) ? randInt(r, 0x100000) : 0,
    hopLimit: randInt(r, 256),
    src: ipv6(r),
    dst: ipv6(r),
  };
  return [ip, ...chain];
}

function arp(r: Rand): Layer[] {
  return [{
    type: "arp",
    opcode: pick(r, [1, 2, 3, 4]),
    srcMac: srcMac(r),
    srcIp: ipv4(r),
    dstMac: mac(r),
    dstIp: ipv4(r),
  }];
}

/** What can follow the Ethernet header and tags. */
function l3(r: Rand, depth: number): Layer[] {
  const kind = randInt(r, depth > 0 ? 8 : 7);
  switch (kind) {
    case 0:
    case 1:
      return ipv4Frame(r);
    case 2:
    case 3:
      return ipv6Frame(r);
    case 4:
      return arp(r);
    case 5: {
      // An MPLS stack, then IPv4, IPv6, or raw bytes that do not start like either.
      const labels: Layer[] = [];
      for (let k = 1 + randInt(r, 3); k > 0; k--) {
        labels.push({
          type: "mpls",
          label: randInt(r, 0x100000),
          tc: randInt(r, 8),
          ttl: randInt(r, 256),
        });
      }
      const inner = randInt(r, 3);
      if (inner === 0) return [...labels, ...ipv4Frame(r)];
      if (inner === 1) return [...labels, ...ipv6Frame(r)];
      const data = bytes(r, 8 + randInt(r, 30));
      data[0] = pick(r, [0x10, 0x20, 0x30, 0x70, 0x80, 0xa0]);
      return [...labels, { type: "raw", data }];
    }
    case 6:
      return [{ type: "raw", data: bytes(r, 1 + randInt(r, 46)) }];
    default: {
      // PBB: an I-TAG and the customer's frame.
      return [
        {
          type: "itag",
          pcp: randInt(r, 8),
          dei: chance(r, 0.5),
          uca: chance(r, 0.5),
          reserved: 0,
          isid: randInt(r, 0x1000000),
        },
        ...ethernetFrame(r, depth - 1).layers,
      ];
    }
  }
}

function ethernetFrame(r: Rand, depth: number): { layers: Layer[] } {
  const eth: Layer = { type: "ethernet", dst: mac(r), src: srcMac(r) };
  if (chance(r, 0.06)) {
    // 802.3 with an LLC header and a raw payload, at service access points that neither
    // scapy nor Wireshark reads further (not STP, SNAP, IP, IPX, SNA or OSI).
    const sap = () => pick(r, [0x02, 0x12, 0x30, 0x70, 0x8e, 0xd4, 0xf4]);
    const llc: Layer = { type: "llc", dsap: sap(), ssap: sap(), control: 3 };
    return { layers: [eth, llc, { type: "raw", data: bytes(r, 1 + randInt(r, 40)) }] };
  }
  const tags: Layer[] = [];
  for (let k = pick(r, [0, 0, 0, 1, 1, 2, 3]); k > 0; k--) {
    tags.push({
      type: chance(r, 0.3) ? "svlan" : "vlan",
      pcp: randInt(r, 8),
      dei: chance(r, 0.2),
      vid: randInt(r, 4096),
    });
  }
  const rest = l3(r, depth);
  const last = tags.length > 0 ? tags[tags.length - 1] : eth;
  if (rest[0].type === "raw") (last as { ethertype?: number }).ethertype = pick(r, RAW_ETHERTYPES);
  return { layers: [eth, ...tags, ...rest] };
}

/**
 * `count` random frames from `seed`.
 *
 * @param seed The PRNG seed.
 * @param count How many frames.
 * @returns The frames.
 */
export function generateFrames(seed: number, count: number): GeneratedFrame[] {
  const r = prng(seed);
  const out: GeneratedFrame[] = [];
  for (let i = 0; i < count; i++) {
    const { layers } = ethernetFrame(r, 1);
    // Drop undefined fields, so "omitted" is what the JSON peers see too.
    for (const l of layers) {
      const record = l as unknown as Record<string, unknown>;
      for (const k of Object.keys(record)) if (record[k] === undefined) delete record[k];
    }
    out.push({ name: layers.map((l) => l.type).join("/"), layers, pad: chance(r, 0.5) });
  }
  return out;
}
