/**
 * The layer objects of `@oftest/oftest/packet`: a frame is a list of layers, outermost first,
 * each a plain data object discriminated by `type`.
 *
 * Conventions, the same for every layer:
 * - Addresses are text: MAC `"00:01:02:03:04:05"`, IPv4 `"192.168.0.1"`, IPv6 `"2001:db8::1"`.
 *   `parse` writes them lowercase and IPv6 in its shortest form (RFC 5952).
 * - Fields marked "computed" (lengths, next-type fields, checksums, the MPLS bottom-of-stack bit)
 *   are filled by `build` when omitted and kept exactly as given when present, so a negative
 *   test can put a wrong checksum or length on the wire. `parse` always fills every field, so
 *   `build(parse(bytes))` reproduces `bytes` exactly.
 * - The field that names the next header (`ethertype`, `protocol`, `nextHeader`) belongs to the
 *   layer whose header carries it, as on the wire.
 *
 * @module
 */

/** Ethernet II, or IEEE 802.3 when `ethertype` is at most 1500 (then it is the length). */
export interface EthernetLayer {
  /** Discriminant. */
  type: "ethernet";
  /** Destination MAC. Default `"ff:ff:ff:ff:ff:ff"`. */
  dst?: string;
  /** Source MAC. Default `"00:00:00:00:00:00"`. */
  src?: string;
  /**
   * EtherType of the next layer, or the 802.3 length when an `llc` layer follows. Computed
   * from the next layer; 0x88b5 (local experimental) when nothing follows.
   */
  ethertype?: number;
  /**
   * Bytes after the innermost length-delimited layer (IPv4, IPv6, UDP, ARP, 802.3), e.g. the
   * zeros a switch adds to reach 60 bytes. `parse` fills it (on the first Ethernet layer) only
   * when there are such bytes; `build` appends it after all the layers.
   */
  padding?: Uint8Array;
}

/** IEEE 802.2 LLC header of an 802.3 frame. */
export interface LlcLayer {
  /** Discriminant. */
  type: "llc";
  /** Destination service access point. Default 0x42 (spanning tree). */
  dsap?: number;
  /** Source service access point. Default 0x42. */
  ssap?: number;
  /** Control byte (one byte: U-format frames only). Default 3 (UI). */
  control?: number;
}

/**
 * An 802.1Q customer VLAN tag (TPID 0x8100 in the previous layer), or, as `svlan`, an 802.1ad
 * service tag (TPID 0x88a8). Tags stack in any number and order.
 */
export interface VlanLayer {
  /** Discriminant: `"vlan"` for 802.1Q, `"svlan"` for 802.1ad. */
  type: "vlan" | "svlan";
  /** Priority code point (3 bits). Default 0. */
  pcp?: number;
  /** Drop eligible indicator (the former CFI bit). Default false. */
  dei?: boolean;
  /** VLAN id (12 bits). Default 0. */
  vid?: number;
  /** EtherType of the next layer. Computed. */
  ethertype?: number;
}

/** One MPLS label stack entry. A frame's MPLS entries are consecutive layers. */
export interface MplsLayer {
  /** Discriminant. */
  type: "mpls";
  /** Label (20 bits). Default 0. */
  label?: number;
  /** Traffic class (3 bits). Default 0. */
  tc?: number;
  /** Bottom of stack. Computed: true on the last consecutive MPLS layer only. */
  bos?: boolean;
  /** Time to live. Default 64. */
  ttl?: number;
}

/**
 * 802.1ah PBB backbone service instance tag (EtherType 0x88e7), followed by the customer's
 * Ethernet header as another `ethernet` layer.
 */
export interface ItagLayer {
  /** Discriminant. */
  type: "itag";
  /** Priority code point (3 bits). Default 0. */
  pcp?: number;
  /** Drop eligible indicator. Default false. */
  dei?: boolean;
  /** Use customer addresses. Default false. */
  uca?: boolean;
  /** The 3 reserved bits after `uca`. Default 0. */
  reserved?: number;
  /** Service instance id (24 bits). Default 0. */
  isid?: number;
}

/** ARP over Ethernet and IPv4 (hardware type 1, protocol 0x0800), or any sizes when given. */
export interface ArpLayer {
  /** Discriminant. */
  type: "arp";
  /** Hardware type. Default 1 (Ethernet). */
  hwType?: number;
  /** Protocol type. Default 0x0800. */
  protoType?: number;
  /** Hardware address length. Default 6. */
  hwLen?: number;
  /** Protocol address length. Default 4. */
  protoLen?: number;
  /** Operation: 1 request, 2 reply. Default 1. */
  opcode?: number;
  /** Sender hardware address. Default `"00:00:00:00:00:00"`. */
  srcMac?: string;
  /** Sender protocol address. Default `"0.0.0.0"`. */
  srcIp?: string;
  /** Target hardware address. Default `"00:00:00:00:00:00"`. */
  dstMac?: string;
  /** Target protocol address. Default `"0.0.0.0"`. */
  dstIp?: string;
  /**
   * The four addresses as raw bytes, used instead of the text fields when the lengths are not
   * 6 and 4 (`parse` fills it only then).
   */
  addresses?: Uint8Array;
}

/** IPv4 header. */
export interface Ipv4Layer {
  /** Discriminant. */
  type: "ipv4";
  /** Version nibble. Default 4. */
  version?: number;
  /** Header length in 32-bit words. Computed from `options`. */
  ihl?: number;
  /** Differentiated services code point (6 bits). Default 0. */
  dscp?: number;
  /** Explicit congestion notification (2 bits). Default 0. */
  ecn?: number;
  /** Total length in bytes. Computed. */
  totalLength?: number;
  /** Identification. Default 0. */
  identification?: number;
  /** Flags (3 bits: reserved, DF = 2, MF = 1). Default 0. */
  flags?: number;
  /** Fragment offset in 8-byte units (13 bits). Default 0. */
  fragmentOffset?: number;
  /** Time to live. Default 64. */
  ttl?: number;
  /** Protocol of the next layer. Computed from it; 0xff when nothing follows. */
  protocol?: number;
  /** Header checksum. Computed. */
  checksum?: number;
  /** Source address. Default `"0.0.0.0"`. */
  src?: string;
  /** Destination address. Default `"0.0.0.0"`. */
  dst?: string;
  /**
   * Options, as their bytes (at most 40; `build` zero-pads them to a multiple of 4, as the
   * end-of-options list). Default none.
   */
  options?: Uint8Array;
}

/** IPv6 fixed header. */
export interface Ipv6Layer {
  /** Discriminant. */
  type: "ipv6";
  /** Version nibble. Default 6. */
  version?: number;
  /** Differentiated services code point (6 bits of the traffic class). Default 0. */
  dscp?: number;
  /** Explicit congestion notification (2 bits of the traffic class). Default 0. */
  ecn?: number;
  /** Flow label (20 bits). Default 0. */
  flowLabel?: number;
  /** Payload length (everything after this header). Computed. */
  payloadLength?: number;
  /** Next header of the next layer. Computed; 59 (no next header) when nothing follows. */
  nextHeader?: number;
  /** Hop limit. Default 64. */
  hopLimit?: number;
  /** Source address. Default `"::"`. */
  src?: string;
  /** Destination address. Default `"::"`. */
  dst?: string;
}

/** IPv6 hop-by-hop (`"hopopts"`) or destination (`"dstopts"`) options header. */
export interface Ipv6OptionsLayer {
  /** Discriminant. */
  type: "hopopts" | "dstopts";
  /** Next header. Computed. */
  nextHeader?: number;
  /** Header length in 8-byte units, not counting the first 8. Computed. */
  length?: number;
  /**
   * The option TLVs as bytes. `build` pads them with Pad1/PadN so the header is a multiple of
   * 8 long. Default: padding only.
   */
  options?: Uint8Array;
}

/** IPv6 routing header. */
export interface Ipv6RoutingLayer {
  /** Discriminant. */
  type: "routing";
  /** Next header. Computed. */
  nextHeader?: number;
  /** Header length in 8-byte units, not counting the first 8. Computed. */
  length?: number;
  /** Routing type. Default 0. */
  routingType?: number;
  /** Segments left. Default 0. */
  segmentsLeft?: number;
  /** The type-specific data after the first 4 bytes (zero-padded to a multiple of 8 on build). */
  data?: Uint8Array;
}

/** IPv6 fragment header. */
export interface Ipv6FragmentLayer {
  /** Discriminant. */
  type: "fragment";
  /** Next header. Computed. */
  nextHeader?: number;
  /** The reserved byte. Default 0. */
  reserved?: number;
  /** Fragment offset in 8-byte units (13 bits). Default 0. */
  offset?: number;
  /** The two reserved bits before the M flag. Default 0. */
  reserved2?: number;
  /** More fragments. Default false. */
  more?: boolean;
  /** Identification (32 bits). Default 0. */
  identification?: number;
}

/**
 * ICMP for IPv4. The 4 bytes after the checksum are `identifier`/`sequence` for echo and its
 * reply (types 8 and 0), `rest` for every other type; what follows is a `raw` layer (for
 * unreachable and time exceeded: the offending datagram's header and first bytes).
 */
export interface IcmpLayer {
  /** Discriminant. */
  type: "icmp";
  /** ICMP type. Default 8 (echo request). */
  icmpType?: number;
  /** ICMP code. Default 0. */
  code?: number;
  /** Checksum over the ICMP message. Computed. */
  checksum?: number;
  /** Echo identifier (types 0 and 8). Default 0. */
  identifier?: number;
  /** Echo sequence number (types 0 and 8). Default 0. */
  sequence?: number;
  /** The 32-bit rest of the header for other types (e.g. next-hop MTU in its low 16 bits). Default 0. */
  rest?: number;
}

/** An option of a neighbor discovery message (RFC 4861). */
export interface NdOption {
  /** Option type: 1 source link-layer address, 2 target link-layer address, others raw. */
  optionType: number;
  /** Link-layer address (types 1 and 2, 6 bytes). */
  mac?: string;
  /**
   * Bytes after the type and length bytes: other types, or a type 1 or 2 option that is not
   * one 6-byte address (zero-padded to 8-byte units on build). Used instead of `mac` when given.
   */
  data?: Uint8Array;
  /** Length in 8-byte units, type and length bytes included. Computed. */
  length?: number;
}

/**
 * ICMPv6. Echo (128, 129) carries `identifier`/`sequence`; neighbor solicitation (135) and
 * advertisement (136) carry `target`, `flags` (136: R = 0x80, S = 0x40, O = 0x20) and
 * `options`; router solicitation (133) carries `options`; router advertisement (134) carries
 * `curHopLimit`, `flags` (M = 0x80, O = 0x40), `routerLifetime`, `reachableTime`,
 * `retransTimer` and `options`; any other type carries `rest`, with what follows as a `raw`
 * layer.
 */
export interface Icmpv6Layer {
  /** Discriminant. */
  type: "icmpv6";
  /** ICMPv6 type. Default 128 (echo request). */
  icmpType?: number;
  /** ICMPv6 code. Default 0. */
  code?: number;
  /** Checksum over the IPv6 pseudo-header and message. Computed. */
  checksum?: number;
  /** Echo identifier. Default 0. */
  identifier?: number;
  /** Echo sequence number. Default 0. */
  sequence?: number;
  /** Neighbor solicitation/advertisement target address. Default `"::"`. */
  target?: string;
  /** Neighbor advertisement or router advertisement flag byte. Default 0. */
  flags?: number;
  /** Router advertisement current hop limit. Default 0. */
  curHopLimit?: number;
  /** Router advertisement router lifetime in seconds. Default 0. */
  routerLifetime?: number;
  /** Router advertisement reachable time in ms. Default 0. */
  reachableTime?: number;
  /** Router advertisement retransmission timer in ms. Default 0. */
  retransTimer?: number;
  /** Neighbor discovery options (types 133–136). Default none. */
  options?: NdOption[];
  /** The 32-bit rest of the header for other types. Default 0. */
  rest?: number;
  /**
   * The reserved bits: the 32-bit word after the checksum of a router solicitation (133) or
   * neighbor solicitation (135), the 24 bits after the flag byte of a neighbor advertisement
   * (136). Default 0.
   */
  reserved?: number;
}

/** TCP header. */
export interface TcpLayer {
  /** Discriminant. */
  type: "tcp";
  /** Source port. Default 1. */
  srcPort?: number;
  /** Destination port. Default 1. */
  dstPort?: number;
  /** Sequence number. Default 0. */
  seq?: number;
  /** Acknowledgement number. Default 0. */
  ack?: number;
  /** Data offset in 32-bit words. Computed from `options`. */
  dataOffset?: number;
  /** The 3 reserved bits after the data offset. Default 0. */
  reserved?: number;
  /** Flags (9 bits: NS 0x100, CWR 0x80, ECE 0x40, URG 0x20, ACK 0x10, PSH 8, RST 4, SYN 2, FIN 1). Default 0x02. */
  flags?: number;
  /** Receive window. Default 8192. */
  window?: number;
  /** Checksum over the pseudo-header and segment. Computed. */
  checksum?: number;
  /** Urgent pointer. Default 0. */
  urgent?: number;
  /** Options as bytes, zero-padded to a multiple of 4 on build. Default none. */
  options?: Uint8Array;
}

/** UDP header. */
export interface UdpLayer {
  /** Discriminant. */
  type: "udp";
  /** Source port. Default 1. */
  srcPort?: number;
  /** Destination port. Default 1. */
  dstPort?: number;
  /** Length of header and payload. Computed. */
  length?: number;
  /** Checksum over the pseudo-header and datagram (0 is sent as 0xffff). Computed. */
  checksum?: number;
}

/** One SCTP chunk. */
export interface SctpChunk {
  /** Chunk type (0 DATA, 1 INIT, ...). */
  chunkType: number;
  /** Chunk flags. Default 0. */
  flags?: number;
  /** Chunk length, without padding. Computed from `data`. */
  length?: number;
  /** The chunk's value, after its 4-byte header (zero-padded to 4 bytes on the wire). */
  data?: Uint8Array;
}

/** SCTP common header and its chunks. */
export interface SctpLayer {
  /** Discriminant. */
  type: "sctp";
  /** Source port. Default 1. */
  srcPort?: number;
  /** Destination port. Default 1. */
  dstPort?: number;
  /** Verification tag. Default 0. */
  verificationTag?: number;
  /**
   * CRC32c checksum, as the 4 bytes read big-endian (as Wireshark and scapy show it; the CRC
   * itself goes on the wire least significant byte first). Computed.
   */
  checksum?: number;
  /** The chunks. Default none. */
  chunks?: SctpChunk[];
}

/** Bytes this library does not interpret: a payload, or whatever an unknown type carries. */
export interface RawLayer {
  /** Discriminant. */
  type: "raw";
  /** The bytes. */
  data: Uint8Array;
}

/** One layer of a frame, discriminated by `type`. */
export type Layer =
  | EthernetLayer
  | LlcLayer
  | VlanLayer
  | MplsLayer
  | ItagLayer
  | ArpLayer
  | Ipv4Layer
  | Ipv6Layer
  | Ipv6OptionsLayer
  | Ipv6RoutingLayer
  | Ipv6FragmentLayer
  | IcmpLayer
  | Icmpv6Layer
  | TcpLayer
  | UdpLayer
  | SctpLayer
  | RawLayer;

/** The closed set of layer type names. */
export type LayerType = Layer["type"];

/** Every layer type name, in the order of the documentation. */
export const LAYER_TYPES: readonly LayerType[] = [
  "ethernet",
  "llc",
  "vlan",
  "svlan",
  "mpls",
  "itag",
  "arp",
  "ipv4",
  "ipv6",
  "hopopts",
  "routing",
  "fragment",
  "dstopts",
  "icmp",
  "icmpv6",
  "tcp",
  "udp",
  "sctp",
  "raw",
];

/** The layer object of a given type name. */
export type LayerOf<T extends LayerType> = Extract<Layer, { type: T }>;
