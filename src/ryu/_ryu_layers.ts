// Ryu packet-class instances → the packet library's layers, every field explicit with Ryu's
// default where the expression left it out. Lengths are left to `build` where Ryu computes
// them too; checksums and the Ethernet padding are settled afterwards (see
// packet_expression.ts), because they depend on the built bytes.
import type { ArpLayer, EthernetLayer, Ipv4Layer, Ipv6Layer, Layer } from "../packet/mod.ts";
import { parseIpv4, parseMac } from "../ofp/_addresses.ts";
import { ExprSyntaxError } from "./_expr_lexer.ts";
import type { ProtoValue } from "./_expr_eval.ts";
import { PROTOCOL_CLASSES } from "./_ryu_classes.ts";
import { Args, u32 } from "./_ryu_args.ts";
import { extHeader, icmpLayers, icmpv6Layers, sctpChunk } from "./_ryu_parts.ts";

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
