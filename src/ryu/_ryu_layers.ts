// Ryu packet-class instances → the packet library's layers, every field explicit with Ryu's
// default where the expression left it out. Lengths are left to `build` where Ryu computes
// them too; checksums and the Ethernet padding are settled afterwards (see
// packet_expression.ts), because they depend on the built bytes.
import type {
  ArpLayer,
  EthernetLayer,
  IcmpLayer,
  Icmpv6Layer,
  Ipv4Layer,
  Ipv6Layer,
  Layer,
  NdOption,
  SctpChunk,
} from "../packet/layers.ts";
import { parseIpv4, parseIpv6, parseMac } from "../ofp/_addresses.ts";
import { ExprSyntaxError } from "./_expr_lexer.ts";
import { type ProtoValue, typeName, type Value } from "./_expr_eval.ts";
import { type Default, PROTOCOL_CLASSES, RYU_CLASSES } from "./_ryu_classes.ts";

/** A transport header whose checksum Ryu computes: what the fix-up pass needs to redo it. */
export interface ChecksumSite {
  /** Index of the layer in the layer list (a raw layer for an ICMPv6 body we cannot type). */
  layer: number;
  /** How Ryu computes it. */
  kind: "tcp" | "udp" | "icmp" | "icmpv6";
  /** Bytes from the start of this header to the end of its own data (not the payload after). */
  ownLength: number;
  /** The enclosing IP layer's index (`prev` in Ryu's serialize), for the pseudo-header. */
  ip: number;
  /** For a raw ICMPv6 body, the checksum is written into the raw bytes at offset 2. */
  raw?: boolean;
}

/** The layers of one packet, plus what the fix-up pass needs. */
export interface ConvertedPacket {
  layers: Layer[];
  checksums: ChecksumSite[];
  /** Position in the packet's item list of each layer (for error columns). */
  itemOf: number[];
}

/** A conversion problem at offset `pos` of the expression of item `item`. */
export class LayerError extends ExprSyntaxError {
  constructor(message: string, pos: number, readonly item: number) {
    super(message, pos);
    this.name = "LayerError";
  }
}

type Arg = { value: Value | Default; pos: number };

/** Reads the arguments of one instance, with Ryu's defaults. */
class Args {
  constructor(readonly p: ProtoValue) {}

  get(name: string): Arg {
    const a = this.p.args.get(name);
    if (a) return a;
    const d = RYU_CLASSES[this.p.cls].defaults[name];
    return { value: d, pos: this.p.pos };
  }

  int(name: string, max: number, min = 0): number {
    const { value, pos } = this.get(name);
    if (typeof value !== "bigint" || value < BigInt(min) || value > BigInt(max)) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be an int from ${min} to ${max}, got ${
          show(value)
        }`,
        pos,
      );
    }
    return Number(value);
  }

  mac(name: string): string {
    const { value, pos } = this.get(name);
    const text = typeof value === "string" ? value.toLowerCase().replaceAll("-", ":") : "";
    if (!parseMac(text, new Uint8Array(6), 0)) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be a MAC address like 'aa:bb:cc:dd:ee:ff', got ${
          show(value)
        }`,
        pos,
      );
    }
    return text;
  }

  ipv4(name: string): string {
    const { value, pos } = this.get(name);
    if (typeof value !== "string" || parseIpv4(value) < 0) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be an IPv4 address like '10.0.0.1', got ${
          show(value)
        }`,
        pos,
      );
    }
    return value;
  }

  ipv6(name: string): string {
    const { value, pos } = this.get(name);
    if (typeof value !== "string" || !parseIpv6(value, new Uint8Array(16), 0)) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be an IPv6 address like '2001:db8::1', got ${
          show(value)
        }`,
        pos,
      );
    }
    return value;
  }

  /** Bytes, or undefined for None. */
  bytes(name: string): Uint8Array | undefined {
    const { value, pos } = this.get(name);
    if (value === null) return undefined;
    if (!(value instanceof Uint8Array)) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be bytes, got ${show(value)}`,
        pos,
      );
    }
    return value;
  }

  /** A sub-object of one of `classes`, raw bytes, or None. */
  part(name: string, classes: readonly string[]): ProtoValue | Uint8Array | undefined {
    const { value, pos } = this.get(name);
    if (value === null) return undefined;
    if (value instanceof Uint8Array) return value;
    if (isProto(value) && classes.includes(value.cls)) return value;
    throw new ExprSyntaxError(
      `Expected ${this.p.cls}(${name}=...) to be ${classes.join(" or ")} or bytes, got ${
        show(value)
      }`,
      pos,
    );
  }

  /** A list of sub-objects of `classes` (None → empty). */
  list(name: string, classes: readonly string[]): ProtoValue[] {
    const { value, pos } = this.get(name);
    if (value === null) return [];
    if (!Array.isArray(value) || !value.every((v) => isProto(v) && classes.includes(v.cls))) {
      throw new ExprSyntaxError(
        `Expected ${this.p.cls}(${name}=...) to be a list of ${classes.join(" or ")}, got ${
          show(value as Value)
        }`,
        pos,
      );
    }
    return value as ProtoValue[];
  }
}

function isProto(v: unknown): v is ProtoValue {
  return typeof v === "object" && v !== null && !Array.isArray(v) && !(v instanceof Uint8Array) &&
    (v as ProtoValue).kind === "proto";
}

function show(v: Value | Default): string {
  if (v === null) return "None";
  if (typeof v === "string") return `'${v}'`;
  if (typeof v === "bigint") return String(v);
  return typeName(v as Value);
}

function u16(n: number): number[] {
  return [n >>> 8, n & 255];
}
function u32(n: number): number[] {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

/** Converts a packet's items (outermost first) into layers. */
export function convertPacket(
  items: { value: ProtoValue | Uint8Array; pos: number }[],
): ConvertedPacket {
  const out: ConvertedPacket = { layers: [], checksums: [], itemOf: [] };
  let lastIp = -1, terminal: string | undefined;
  const extRaw = new Set<number>();
  items.forEach((item, index) => {
    const push = (layer: Layer) => {
      out.layers.push(layer);
      out.itemOf.push(index);
      return out.layers.length - 1;
    };
    try {
      const v = item.value;
      if (v instanceof Uint8Array) {
        push({ type: "raw", data: v });
        return;
      }
      if (!PROTOCOL_CLASSES.has(v.cls)) {
        throw new ExprSyntaxError(`Expected a protocol, got ${v.cls}() (a part of one)`, v.pos);
      }
      if (terminal) {
        throw new ExprSyntaxError(
          `Expected only bytes after ${terminal}(), got ${v.cls}()`,
          v.pos,
        );
      }
      const a = new Args(v);
      const ipLayer = (): number => {
        const prev = out.layers[out.layers.length - 1];
        const ext = prev && (prev.type === "hopopts" || prev.type === "dstopts" ||
          prev.type === "fragment" || extRaw.has(out.layers.length - 1));
        if (lastIp < 0 || !prev || !(prev.type === "ipv4" || prev.type === "ipv6" || ext)) {
          throw new ExprSyntaxError(
            `Expected ${v.cls}() right after ipv4() or ipv6() (Ryu computes its checksum from them)`,
            v.pos,
          );
        }
        return lastIp;
      };
      switch (v.cls) {
        case "ethernet":
          push(
            {
              type: "ethernet",
              dst: a.mac("dst"),
              src: a.mac("src"),
              ethertype: a.int("ethertype", 0xffff),
            } satisfies EthernetLayer,
          );
          return;
        case "vlan":
        case "svlan":
          push({
            type: v.cls,
            pcp: a.int("pcp", 7),
            dei: a.int("cfi", 1) === 1,
            vid: a.int("vid", 0xfff),
            ethertype: a.int("ethertype", 0xffff),
          });
          return;
        case "mpls":
          push({
            type: "mpls",
            label: a.int("label", 0xfffff),
            tc: a.int("exp", 7),
            bos: a.int("bsb", 1) === 1,
            ttl: a.int("ttl", 255),
          });
          return;
        case "itag":
          push({
            type: "itag",
            pcp: a.int("pcp", 7),
            dei: a.int("dei", 1) === 1,
            uca: a.int("uca", 1) === 1,
            reserved: 0,
            isid: a.int("sid", 0xffffff),
          });
          return;
        case "arp":
          push(arpLayer(a));
          return;
        case "ipv4":
          lastIp = push(ipv4Layer(a));
          return;
        case "ipv6": {
          lastIp = push(ipv6Layer(a));
          for (const ext of a.list("ext_hdrs", ["hop_opts", "dst_opts", "auth", "fragment"])) {
            const layer = extHeader(ext);
            const at = push(layer);
            if (layer.type === "raw") extRaw.add(at);
          }
          return;
        }
        case "tcp": {
          const ip = ipLayer();
          const opt = a.bytes("option") ?? new Uint8Array(0);
          const offset = a.int("offset", 15);
          const own = Math.max(20 + Math.ceil(opt.length / 4) * 4, offset * 4);
          const options = new Uint8Array(own - 20);
          options.set(opt);
          const csum = a.int("csum", 0xffff);
          const layer = push({
            type: "tcp",
            srcPort: a.int("src_port", 0xffff),
            dstPort: a.int("dst_port", 0xffff),
            seq: a.int("seq", 0xffffffff),
            ack: a.int("ack", 0xffffffff),
            dataOffset: offset || own / 4,
            reserved: 0,
            flags: a.int("bits", 0xff),
            window: a.int("window_size", 0xffff),
            checksum: csum || undefined,
            urgent: a.int("urgent", 0xffff),
            options,
          });
          const site: ChecksumSite = { layer, kind: "tcp", ownLength: own, ip };
          terminal = "tcp";
          if (!csum) out.checksums.push(site);
          return;
        }
        case "udp": {
          const ip = ipLayer();
          const total = a.int("total_length", 0xffff);
          const csum = a.int("csum", 0xffff);
          const layer = push({
            type: "udp",
            srcPort: a.int("src_port", 0xffff),
            dstPort: a.int("dst_port", 0xffff),
            length: total || undefined,
            checksum: csum || undefined,
          });
          terminal = "udp";
          if (!csum) out.checksums.push({ layer, kind: "udp", ownLength: 8, ip });
          return;
        }
        case "sctp": {
          const csum = a.int("csum", 0xffffffff);
          push({
            type: "sctp",
            srcPort: a.int("src_port", 0xffff),
            dstPort: a.int("dst_port", 0xffff),
            verificationTag: a.int("vtag", 0xffffffff),
            checksum: csum || undefined,
            chunks: a.list("chunks", ["chunk_data"]).map(sctpChunk),
          });
          // build computes SCTP's CRC32c: nothing to fix up, but nothing may follow.
          terminal = "sctp";
          return;
        }
        case "icmp": {
          const [layer, own] = icmpLayers(a, push);
          const csum = a.int("csum", 0xffff);
          terminal = "icmp";
          if (!csum) out.checksums.push({ layer, kind: "icmp", ownLength: own, ip: lastIp });
          return;
        }
        case "icmpv6": {
          const ip = ipLayer();
          const site = icmpv6Layers(a, push, ip);
          terminal = "icmpv6";
          if (!a.int("csum", 0xffff)) out.checksums.push(site);
          return;
        }
      }
    } catch (e) {
      if (e instanceof ExprSyntaxError && !(e instanceof LayerError)) {
        throw new LayerError(e.message, e.pos, index);
      }
      throw e;
    }
  });
  return out;
}

function arpLayer(a: Args): ArpLayer {
  const hwLen = a.int("hlen", 255), protoLen = a.int("plen", 255);
  const layer: ArpLayer = {
    type: "arp",
    hwType: a.int("hwtype", 0xffff),
    protoType: a.int("proto", 0xffff),
    hwLen,
    protoLen,
    opcode: a.int("opcode", 0xffff),
    srcMac: a.mac("src_mac"),
    srcIp: a.ipv4("src_ip"),
    dstMac: a.mac("dst_mac"),
    dstIp: a.ipv4("dst_ip"),
  };
  if (hwLen !== 6 || protoLen !== 4) {
    // Ryu packs 6- and 4-byte addresses whatever the lengths say.
    const bytes = new Uint8Array(20);
    parseMac(layer.srcMac!, bytes, 0);
    bytes.set(u32(parseIpv4(layer.srcIp!)), 6);
    parseMac(layer.dstMac!, bytes, 10);
    bytes.set(u32(parseIpv4(layer.dstIp!)), 16);
    layer.addresses = bytes;
  }
  return layer;
}

function ipv4Layer(a: Args): Ipv4Layer {
  const ihl = a.int("header_length", 15, 5);
  const opt = a.bytes("option") ?? new Uint8Array(0);
  if (opt.length > ihl * 4 - 20) {
    throw new ExprSyntaxError(
      `Expected ipv4(option=...) of at most ${
        ihl * 4 - 20
      } bytes for header_length=${ihl}, got ${opt.length}`,
      a.get("option").pos,
    );
  }
  const options = new Uint8Array(ihl * 4 - 20);
  options.set(opt);
  const tos = a.int("tos", 255);
  const total = a.int("total_length", 0xffff);
  return {
    type: "ipv4",
    version: a.int("version", 15),
    ihl,
    dscp: tos >> 2,
    ecn: tos & 3,
    totalLength: total || undefined,
    identification: a.int("identification", 0xffff),
    flags: a.int("flags", 7),
    fragmentOffset: a.int("offset", 0x1fff),
    ttl: a.int("ttl", 255),
    protocol: a.int("proto", 255),
    src: a.ipv4("src"),
    dst: a.ipv4("dst"),
    options,
  };
}

function ipv6Layer(a: Args): Ipv6Layer {
  const tc = a.int("traffic_class", 255);
  const pl = a.int("payload_length", 0xffff);
  return {
    type: "ipv6",
    version: a.int("version", 15),
    dscp: tc >> 2,
    ecn: tc & 3,
    flowLabel: a.int("flow_label", 0xfffff),
    payloadLength: pl || undefined,
    nextHeader: a.int("nxt", 255),
    hopLimit: a.int("hop_limit", 255),
    src: a.ipv6("src"),
    dst: a.ipv6("dst"),
  };
}

/** An IPv6 extension header; AH has no layer type, so it travels as raw bytes. */
function extHeader(p: ProtoValue): Layer {
  const a = new Args(p);
  const nxt = a.int("nxt", 255);
  switch (p.cls) {
    case "hop_opts":
    case "dst_opts": {
      const size = a.int("size", 255);
      const list = a.get("data").value === null ? null : a.list("data", ["ipv6option"]);
      const opts: number[] = [];
      if (list === null) opts.push(1, 4, 0, 0, 0, 0); // Ryu's default: PadN of 4 bytes
      for (const o of list ?? []) opts.push(...ipv6Option(new Args(o)));
      if ((2 + opts.length) % 8 !== 0 || (2 + opts.length) !== (size + 1) * 8) {
        // Ryu writes the options unpadded and `size` as given: keep its bytes exactly.
        const raw = Uint8Array.from([nxt, size, ...opts]);
        return { type: "raw", data: raw };
      }
      return {
        type: p.cls === "hop_opts" ? "hopopts" : "dstopts",
        nextHeader: nxt,
        length: size,
        options: Uint8Array.from(opts),
      };
    }
    case "auth": {
      const size = a.int("size", 255);
      const body = new Uint8Array((size + 2) * 4);
      body.set([
        nxt,
        size,
        0,
        0,
        ...u32(a.int("spi", 0xffffffff)),
        ...u32(a.int("seq", 0xffffffff)),
      ]);
      const data = a.bytes("data") ?? new Uint8Array(0);
      body.set(data.subarray(0, Math.max(0, body.length - 12)), 12);
      return { type: "raw", data: body };
    }
    default: // fragment
      return {
        type: "fragment",
        nextHeader: nxt,
        reserved: 0,
        offset: a.int("offset", 0x1fff),
        reserved2: 0,
        more: a.int("more", 1) === 1,
        identification: a.int("id_", 0xffffffff),
      };
  }
}

function ipv6Option(a: Args): number[] {
  const type = a.int("type_", 255);
  if (type === 0) return [0];
  const { value, pos } = a.get("len_");
  if (typeof value !== "bigint" || value < 0n || value > 255n) {
    throw new ExprSyntaxError(
      `Expected ipv6option(len_=...) from 0 to 255, got ${show(value)}`,
      pos,
    );
  }
  const len = Number(value);
  if (len === 0) return [type, 0];
  const data = new Uint8Array(len);
  data.set((a.bytes("data") ?? new Uint8Array(0)).subarray(0, len));
  return [type, len, ...data];
}

function sctpChunk(p: ProtoValue): SctpChunk {
  const a = new Args(p);
  const payload = a.bytes("payload_data")!;
  const length = a.int("length", 0xffff);
  return {
    chunkType: 0,
    flags: (a.int("unordered", 1) << 2) | (a.int("begin", 1) << 1) | a.int("end", 1),
    length: length || undefined,
    data: Uint8Array.from([
      ...u32(a.int("tsn", 0xffffffff)),
      ...u16(a.int("sid", 0xffff)),
      ...u16(a.int("seq", 0xffff)),
      ...u32(a.int("payload_id", 0xffffffff)),
      ...payload,
    ]),
  };
}

/** The 4-byte word and the data of an ICMP body object. */
function icmpBody(part: ProtoValue | Uint8Array): Uint8Array {
  if (part instanceof Uint8Array) return part;
  const a = new Args(part);
  const data = a.bytes("data") ?? new Uint8Array(0);
  switch (part.cls) {
    case "echo":
    case "icmpv6echo":
      return Uint8Array.from([...u16(a.int("id_", 0xffff)), ...u16(a.int("seq", 0xffff)), ...data]);
    case "dest_unreach":
      return Uint8Array.from([0, a.int("data_len", 255), ...u16(a.int("mtu", 0xffff)), ...data]);
    default: // TimeExceeded
      return Uint8Array.from([0, a.int("data_len", 255), 0, 0, ...data]);
  }
}

function icmpLayers(a: Args, push: (l: Layer) => number): [number, number] {
  const type = a.int("type_", 255);
  const part = a.part("data", ["echo", "dest_unreach", "TimeExceeded"]);
  // Ryu sends an empty echo when the data is empty.
  const body = part === undefined || (part instanceof Uint8Array && part.length === 0)
    ? new Uint8Array(4)
    : icmpBody(part);
  const csum = a.int("csum", 0xffff);
  if (body.length < 4) {
    const raw = Uint8Array.from([type, a.int("code", 255), ...u16(csum), ...body]);
    return [push({ type: "raw", data: raw }), raw.length];
  }
  const word = ((body[0] << 24) | (body[1] << 16) | (body[2] << 8) | body[3]) >>> 0;
  const layer: IcmpLayer = {
    type: "icmp",
    icmpType: type,
    code: a.int("code", 255),
    checksum: csum || undefined,
  };
  if (type === 0 || type === 8) {
    layer.identifier = word >>> 16;
    layer.sequence = word & 0xffff;
  } else {
    layer.rest = word;
  }
  const index = push(layer);
  if (body.length > 4) push({ type: "raw", data: body.subarray(4) });
  return [index, 4 + body.length];
}

/** The body of an ICMPv6 message object as bytes. */
function icmpv6Body(part: ProtoValue | Uint8Array): Uint8Array {
  if (part instanceof Uint8Array) return part;
  const a = new Args(part);
  switch (part.cls) {
    case "icmpv6echo":
      return icmpBody(part);
    case "nd_neighbor":
    case "nd_router_solicit": {
      const out: number[] = u32((a.int("res", 7) << 29) >>> 0);
      if (part.cls === "nd_neighbor") {
        const dst = new Uint8Array(16);
        parseIpv6(a.ipv6("dst"), dst, 0);
        out.push(...dst);
      }
      const opt = a.part("option", ["nd_option_sla", "nd_option_tla"]);
      if (opt instanceof Uint8Array) out.push(...opt);
      else if (opt) out.push(...ndOption(opt));
      return Uint8Array.from(out);
    }
    default:
      throw new ExprSyntaxError(`Unsupported ICMPv6 body ${part.cls}()`, part.pos);
  }
}

function ndOption(p: ProtoValue): number[] {
  const a = new Args(p);
  const mac = new Uint8Array(6);
  parseMac(a.mac("hw_src"), mac, 0);
  const buf = [
    p.cls === "nd_option_sla" ? 1 : 2,
    a.int("length", 255),
    ...mac,
    ...(a.bytes("data") ?? []),
  ];
  while (buf.length % 8) buf.push(0);
  if (buf[1] === 0) buf[1] = buf.length / 8;
  return buf;
}

/** Reads ND options back from bytes; undefined when they are not all well-formed. */
function ndOptions(bytes: Uint8Array): NdOption[] | undefined {
  const out: NdOption[] = [];
  for (let i = 0; i < bytes.length;) {
    const len = bytes[i + 1] * 8;
    if (i + 1 >= bytes.length || len === 0 || i + len > bytes.length) return undefined;
    const type = bytes[i];
    if ((type === 1 || type === 2) && len === 8) {
      const mac = [...bytes.subarray(i + 2, i + 8)].map((b) => b.toString(16).padStart(2, "0"))
        .join(":");
      out.push({ optionType: type, mac });
    } else {
      out.push({ optionType: type, data: bytes.slice(i + 2, i + len) });
    }
    i += len;
  }
  return out;
}

function icmpv6Layers(a: Args, push: (l: Layer) => number, ip: number): ChecksumSite {
  const type = a.int("type_", 255);
  const code = a.int("code", 255);
  const csum = a.int("csum", 0xffff);
  const part = a.part("data", ["icmpv6echo", "nd_neighbor", "nd_router_solicit"]);
  const body = part === undefined ? new Uint8Array(0) : icmpv6Body(part);
  const own = 4 + body.length;
  if ((type === 128 || type === 129) && body.length >= 4) {
    const layer: Icmpv6Layer = {
      type: "icmpv6",
      icmpType: type,
      code,
      checksum: csum || undefined,
      identifier: (body[0] << 8) | body[1],
      sequence: (body[2] << 8) | body[3],
    };
    const index = push(layer);
    if (body.length > 4) push({ type: "raw", data: body.subarray(4) });
    return { layer: index, kind: "icmpv6", ownLength: own, ip };
  }
  if ((type === 135 || type === 136) && body.length >= 20) {
    const options = ndOptions(body.subarray(20));
    if (options) {
      const word = ((body[0] << 24) | (body[1] << 16) | (body[2] << 8) | body[3]) >>> 0;
      const target = new DataView(body.buffer, body.byteOffset + 4, 16);
      const groups = Array.from({ length: 8 }, (_, i) => target.getUint16(2 * i).toString(16));
      const layer: Icmpv6Layer = {
        type: "icmpv6",
        icmpType: type,
        code,
        checksum: csum || undefined,
        target: groups.join(":"),
        options,
      };
      // Solicitation: 32 reserved bits; advertisement: the flag byte, then 24 reserved bits.
      if (type === 135) layer.reserved = word;
      else {
        layer.flags = word >>> 24;
        layer.reserved = word & 0xffffff;
      }
      return { layer: push(layer), kind: "icmpv6", ownLength: own, ip };
    }
  }
  // A body that does not fit the type (Ryu allows echo data under type 135): raw bytes.
  const raw = Uint8Array.from([type, code, ...u16(csum), ...body]);
  return { layer: push({ type: "raw", data: raw }), kind: "icmpv6", ownLength: own, ip, raw: true };
}
