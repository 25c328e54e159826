// The classes of Ryu's packet library that pattern files call, with their constructors'
// parameters in order and their default values (ryu/lib/packet/*.py at d6cda4f; names as
// tester.py imports them, so IPv6's `option` is `ipv6option` and ICMPv6's `echo` is
// `icmpv6echo`). `null` stands for Python's None.

/** A default value: an int, text, bytes, None, or an empty list. */
export type Default = bigint | string | Uint8Array | null | readonly [];

/** One class: parameter names in constructor order, their defaults, required ones. */
export interface RyuClass {
  readonly params: readonly string[];
  readonly defaults: Readonly<Record<string, Default>>;
  readonly required?: readonly string[];
}

function cls(
  spec: readonly (readonly [string, Default])[],
  required: readonly string[] = [],
): RyuClass {
  return {
    params: spec.map(([n]) => n),
    defaults: Object.fromEntries(spec),
    required,
  };
}

const ZERO4 = new Uint8Array(4);

/** Every supported class by the name pattern files use. */
export const RYU_CLASSES: Readonly<Record<string, RyuClass>> = {
  ethernet: cls([["dst", "ff:ff:ff:ff:ff:ff"], ["src", "00:00:00:00:00:00"], [
    "ethertype",
    0x0800n,
  ]]),
  vlan: cls([["pcp", 0n], ["cfi", 0n], ["vid", 0n], ["ethertype", 0x0800n]]),
  svlan: cls([["pcp", 0n], ["cfi", 0n], ["vid", 0n], ["ethertype", 0x8100n]]),
  mpls: cls([["label", 0n], ["exp", 0n], ["bsb", 1n], ["ttl", 255n]]),
  itag: cls([["pcp", 0n], ["dei", 0n], ["uca", 0n], ["sid", 0n]]),
  arp: cls([
    ["hwtype", 1n],
    ["proto", 0x0800n],
    ["hlen", 6n],
    ["plen", 4n],
    ["opcode", 1n],
    ["src_mac", "ff:ff:ff:ff:ff:ff"],
    ["src_ip", "0.0.0.0"],
    ["dst_mac", "ff:ff:ff:ff:ff:ff"],
    ["dst_ip", "0.0.0.0"],
  ]),
  ipv4: cls([
    ["version", 4n],
    ["header_length", 5n],
    ["tos", 0n],
    ["total_length", 0n],
    ["identification", 0n],
    ["flags", 0n],
    ["offset", 0n],
    ["ttl", 255n],
    ["proto", 0n],
    ["csum", 0n],
    ["src", "10.0.0.1"],
    ["dst", "10.0.0.2"],
    ["option", null],
  ]),
  ipv6: cls([
    ["version", 6n],
    ["traffic_class", 0n],
    ["flow_label", 0n],
    ["payload_length", 0n],
    ["nxt", 6n],
    ["hop_limit", 255n],
    ["src", "10::10"],
    ["dst", "20::20"],
    ["ext_hdrs", null],
  ]),
  hop_opts: cls([["nxt", 6n], ["size", 0n], ["data", null]]),
  dst_opts: cls([["nxt", 6n], ["size", 0n], ["data", null]]),
  ipv6option: cls([["type_", 0n], ["len_", -1n], ["data", null]]),
  auth: cls([["nxt", 6n], ["size", 2n], ["spi", 0n], ["seq", 0n], ["data", ZERO4]]),
  fragment: cls([["nxt", 6n], ["offset", 0n], ["more", 0n], ["id_", 0n]]),
  icmp: cls([["type_", 8n], ["code", 0n], ["csum", 0n], ["data", new Uint8Array(0)]]),
  echo: cls([["id_", 0n], ["seq", 0n], ["data", null]]),
  dest_unreach: cls([["data_len", 0n], ["mtu", 0n], ["data", null]]),
  TimeExceeded: cls([["data_len", 0n], ["data", null]]),
  icmpv6: cls([["type_", 0n], ["code", 0n], ["csum", 0n], ["data", new Uint8Array(0)]]),
  icmpv6echo: cls([["id_", 0n], ["seq", 0n], ["data", null]]),
  nd_neighbor: cls([["res", 0n], ["dst", "::"], ["option", null]]),
  nd_router_solicit: cls([["res", 0n], ["option", null]]),
  nd_option_sla: cls([["length", 0n], ["hw_src", "00:00:00:00:00:00"], ["data", null]]),
  nd_option_tla: cls([["length", 0n], ["hw_src", "00:00:00:00:00:00"], ["data", null]]),
  tcp: cls([
    ["src_port", 1n],
    ["dst_port", 1n],
    ["seq", 0n],
    ["ack", 0n],
    ["offset", 0n],
    ["bits", 0n],
    ["window_size", 0n],
    ["csum", 0n],
    ["urgent", 0n],
    ["option", null],
  ]),
  udp: cls([["src_port", 1n], ["dst_port", 1n], ["total_length", 0n], ["csum", 0n]]),
  sctp: cls([["src_port", 1n], ["dst_port", 1n], ["vtag", 0n], ["csum", 0n], ["chunks", null]]),
  chunk_data: cls([
    ["unordered", 0n],
    ["begin", 0n],
    ["end", 0n],
    ["length", 0n],
    ["tsn", 0n],
    ["sid", 0n],
    ["seq", 0n],
    ["payload_id", 0n],
    ["payload_data", null],
  ], ["payload_data"]),
};

/** Classes that are protocols (layers of a packet); the others are parts of one. */
export const PROTOCOL_CLASSES: ReadonlySet<string> = new Set([
  "ethernet",
  "vlan",
  "svlan",
  "mpls",
  "itag",
  "arp",
  "ipv4",
  "ipv6",
  "icmp",
  "icmpv6",
  "tcp",
  "udp",
  "sctp",
]);
