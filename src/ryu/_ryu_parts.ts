// The parts of Ryu's packet classes that are not layers of their own: IPv6 extension
// headers, SCTP chunks, ICMP and ICMPv6 bodies (echo, unreachable, neighbor discovery and its
// options), as the layers and bytes Ryu's serializer writes for them.
import type { IcmpLayer, Icmpv6Layer, Layer, NdOption, SctpChunk } from "../packet/mod.ts";
import { parseIpv6, parseMac } from "../ofp/_addresses.ts";
import { ExprSyntaxError } from "./_expr_lexer.ts";
import type { ProtoValue } from "./_expr_eval.ts";
import { Args, show, u16, u32 } from "./_ryu_args.ts";
import type { ChecksumSite } from "./_ryu_layers.ts";

/** An IPv6 extension header; AH has no layer type, so it travels as raw bytes. */
export function extHeader(p: ProtoValue): Layer {
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

export function sctpChunk(p: ProtoValue): SctpChunk {
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

export function icmpLayers(a: Args, push: (l: Layer) => number): [number, number] {
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

export function icmpv6Layers(a: Args, push: (l: Layer) => number, ip: number): ChecksumSite {
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
