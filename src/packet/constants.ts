/**
 * Numbers the layers chain by: the EtherTypes and IP protocol numbers `build` computes and
 * `parse` dispatches on.
 *
 * @module
 */

/**
 * EtherTypes of the layers that have one. `parse` also reads 0x8848 (MPLS multicast) as MPLS;
 * a type field of at most 1500 is an 802.3 length.
 *
 * @example
 * ```ts
 * import { ETHERTYPE } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * assert.equal(ETHERTYPE.ipv6, 0x86dd);
 * ```
 */
export const ETHERTYPE: {
  readonly ipv4: 0x0800;
  readonly arp: 0x0806;
  readonly vlan: 0x8100;
  readonly ipv6: 0x86dd;
  readonly mpls: 0x8847;
  readonly mplsMulticast: 0x8848;
  readonly svlan: 0x88a8;
  readonly localExperimental: 0x88b5;
  readonly itag: 0x88e7;
} = {
  ipv4: 0x0800,
  arp: 0x0806,
  vlan: 0x8100,
  ipv6: 0x86dd,
  mpls: 0x8847,
  mplsMulticast: 0x8848,
  svlan: 0x88a8,
  localExperimental: 0x88b5,
  itag: 0x88e7,
} as const;

/** A name of {@linkcode ETHERTYPE}. */
export type EthertypeName = keyof typeof ETHERTYPE;

/**
 * IP protocol numbers (IPv4 `protocol`, IPv6 `nextHeader`) of the layers that have one, and
 * IPv6's "no next header".
 *
 * @example
 * ```ts
 * import { IP_PROTO } from "@oftest/oftest/packet";
 * import assert from "node:assert/strict";
 *
 * assert.equal(IP_PROTO.tcp, 6);
 * ```
 */
export const IP_PROTO: {
  readonly hopopts: 0;
  readonly icmp: 1;
  readonly tcp: 6;
  readonly udp: 17;
  readonly routing: 43;
  readonly fragment: 44;
  readonly icmpv6: 58;
  readonly none: 59;
  readonly dstopts: 60;
  readonly sctp: 132;
} = {
  hopopts: 0,
  icmp: 1,
  tcp: 6,
  udp: 17,
  routing: 43,
  fragment: 44,
  icmpv6: 58,
  none: 59,
  dstopts: 60,
  sctp: 132,
} as const;

/** A name of {@linkcode IP_PROTO}. */
export type IpProtoName = keyof typeof IP_PROTO;
