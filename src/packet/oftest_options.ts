/**
 * The keywords of the OFTest helpers: OFTest's `simple_*_packet` keywords in camelCase.
 *
 * @module
 */

/** One VLAN tag of {@linkcode PacketOptions.vlanTags} (OFTest's `vlan_tags` entries). */
export interface VlanTag {
  /** VLAN id. */
  vid: number;
  /** Priority. Default 0. */
  pcp?: number;
  /** CFI/DEI bit. Default 0. */
  cfi?: number;
  /** The tag's TPID: 0x8100 (`vlan`, the default) or 0x88a8 (`svlan`). */
  type?: number;
}

/** One MPLS label of {@linkcode PacketOptions.mplsTags} (OFTest's `mpls_tags` entries). */
export interface MplsTag {
  /** Label. */
  label: number;
  /** Traffic class. Default 0. */
  tc?: number;
  /** Time to live. Default 0, as OFTest's (scapy's). */
  ttl?: number;
}

/** The keywords of the `simple*Packet` helpers: OFTest's, in camelCase. */
export interface PacketOptions {
  /** Frame length without FCS, filled with payload; never below the headers. Default 100 (ICMP, Ethernet 60; ARP 68). */
  pktlen?: number;
  /** @deprecated Use `pktlen`. */
  pktLen?: number;
  /** Destination MAC. Default `00:01:02:03:04:05` (ARP: broadcast). */
  ethDst?: string;
  /** Source MAC. Default `00:06:07:08:09:0a`. */
  ethSrc?: string;
  /** EtherType of {@linkcode simpleEthPacket}. Default 0x88cc. */
  ethType?: number;
  /**
   * Add one 802.1Q tag. Default: tagged when `vlanVid` or `vlanPcp` is given (OFTest's IPv6
   * and ARP helpers' rule, extended to all).
   */
  dlVlanEnable?: boolean;
  /** VLAN id of the tag. Default 0. */
  vlanVid?: number;
  /** Priority of the tag. Default 0. */
  vlanPcp?: number;
  /** CFI (DEI) bit of the tag. Default 0. */
  dlVlanCfi?: number;
  /** Stacked tags, outermost first; replaces the single-tag options. */
  vlanTags?: readonly VlanTag[];
  /** MPLS labels after the tags, outermost first (bottom of stack computed). */
  mplsTags?: readonly MplsTag[];
  /** IPv4 source. Default `192.168.0.1`. */
  ipSrc?: string;
  /** IPv4 destination. Default `192.168.0.2`. */
  ipDst?: string;
  /** IPv4 TOS byte (DSCP << 2 | ECN). Default 0. */
  ipTos?: number;
  /** IPv4 TTL. Default 64. */
  ipTtl?: number;
  /** IPv4 identification. Default 1 (scapy's). */
  ipId?: number;
  /** IPv4 header length in words. Default computed. */
  ipIhl?: number;
  /** IPv4 options as bytes. Default none. */
  ipOptions?: Uint8Array | false;
  /** IPv4 protocol of {@linkcode simpleIpv4Packet}. Default 0 (scapy's). */
  ipProto?: number;
  /** TCP source port. Default 1234. */
  tcpSport?: number;
  /** TCP destination port. Default 80. */
  tcpDport?: number;
  /** TCP flags: a number or scapy's letters ("S", "SA"). Default "S". */
  tcpFlags?: number | string;
  /** UDP source port. Default 1234. */
  udpSport?: number;
  /** UDP destination port. Default 80. */
  udpDport?: number;
  /** SCTP source port. Default 1234. */
  sctpSport?: number;
  /** SCTP destination port. Default 80. */
  sctpDport?: number;
  /** @deprecated Use `tcpSport` or `udpSport`. */
  sport?: number;
  /** @deprecated Use `tcpDport` or `udpDport`. */
  dport?: number;
  /** ICMP or ICMPv6 type. Default 8, ICMPv6 128 (echo request). */
  icmpType?: number;
  /** ICMP or ICMPv6 code. Default 0. */
  icmpCode?: number;
  /** Payload after the ICMP or ICMPv6 header. Default empty. */
  icmpData?: Uint8Array | string;
  /** IPv6 source. Default `2001:db8:85a3::8a2e:370:7334`. */
  ipv6Src?: string;
  /** IPv6 destination. Default `2001:db8:85a3::8a2e:370:7335`. */
  ipv6Dst?: string;
  /** IPv6 traffic class. Default 0. */
  ipv6Tc?: number;
  /** IPv6 hop limit. Default 64. */
  ipv6Hlim?: number;
  /** IPv6 flow label. Default 0. */
  ipv6Fl?: number;
  /** Router advertisement: add a prefix information option. Default false. */
  prefixOpt?: boolean;
  /** Neighbor discovery: add a link-layer address option. Default false. */
  hasLl?: boolean;
  /** That option's address. Default `66:6f:df:2d:7c:9c`. */
  llAddr?: string;
  /** The advertised prefix. Default `fd00:141:64:1::`. */
  ipv6Prefix?: string;
  /** Neighbor advertisement R (router) flag. Default 0. */
  rBit?: number;
  /** Neighbor advertisement S (solicited) flag. Default 0. */
  sBit?: number;
  /** Neighbor solicitation/advertisement target. Default `::`. */
  target?: string;
  /** ARP opcode. Default 1 (request). */
  arpOp?: number;
  /** ARP sender IPv4 address. Default `192.168.0.1`. */
  ipSnd?: string;
  /** ARP target IPv4 address. Default `192.168.0.2`. */
  ipTgt?: string;
  /** ARP sender MAC. Default `00:06:07:08:09:0a`. */
  hwSnd?: string;
  /** ARP target MAC. Default `00:00:00:00:00:00`. */
  hwTgt?: string;
}
