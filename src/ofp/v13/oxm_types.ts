/**
 * OpenFlow 1.3 matches and OXM fields: their types.
 *
 * @module
 */

/**
 * A field with a numeric value (1 to 4 bytes on the wire). Values are checked against the
 * wire width only, so out-of-spec values (a 13-bit VLAN id, a DSCP above 63) can be sent.
 * `vlan_vid` keeps the OFPVID_PRESENT bit (0x1000) as on the wire.
 */
export interface OxmNumberTlv {
  /** Field name. */
  field: OxmNumberField;
  /** Value. */
  value: number;
  /** Mask (same width as the value), for a masked match. */
  mask?: number;
}
/** A field with a 64-bit value (`metadata`, `tunnel_id`). */
export interface OxmBigintTlv {
  /** Field name. */
  field: OxmBigintField;
  /** Value. */
  value: bigint;
  /** Mask, for a masked match. */
  mask?: bigint;
}
/**
 * A field with an address value: lowercase `"aa:bb:cc:dd:ee:ff"`, dotted `"10.0.0.1"`, or
 * RFC 5952 IPv6 text (`"2001:db8::1"`; any valid form is accepted on encode).
 */
export interface OxmAddressTlv {
  /** Field name. */
  field: OxmMacField | OxmIpv4Field | OxmIpv6Field;
  /** Value. */
  value: string;
  /** Mask, in the same notation as the value, for a masked match. */
  mask?: string;
}
/** An OXM of another class (e.g. Nicira's NXM_0/NXM_1) or an unknown basic field, as bytes. */
export interface OxmUnknownTlv {
  /** Discriminant. */
  field: "UNKNOWN";
  /** OXM class (16 bits). */
  oxmClass: number;
  /** Field number (7 bits). */
  oxmField: number;
  /** The has-mask bit of the header. */
  hasMask: boolean;
  /** The whole payload (value, then mask when `hasMask`); at most 255 bytes. */
  value: Uint8Array;
}
/** An experimenter-class OXM (class 0xffff): the experimenter id, then opaque data. */
export interface OxmExperimenterTlv {
  /** Discriminant. */
  field: "EXPERIMENTER";
  /** Experimenter id (the first 4 payload bytes). */
  experimenter: number;
  /** Field number (7 bits). */
  oxmField: number;
  /** The has-mask bit of the header. */
  hasMask: boolean;
  /** Payload after the experimenter id; at most 251 bytes. */
  data: Uint8Array;
}

/** One OXM TLV, discriminated on `field`. */
export type OxmTlv =
  | OxmNumberTlv
  | OxmBigintTlv
  | OxmAddressTlv
  | OxmUnknownTlv
  | OxmExperimenterTlv;

/** An OpenFlow 1.3 match: its OXM TLVs in wire order (empty matches everything). */
export type Of13Match = OxmTlv[];

/** The argument of {@linkcode match}: field names with a value or a `[value, mask]` pair. */
export type MatchSpec =
  & { [K in OxmNumberField]?: number | readonly [number, number] }
  & { [K in OxmBigintField]?: bigint | readonly [bigint, bigint] }
  & { [K in OxmMacField | OxmIpv4Field | OxmIpv6Field]?: string | readonly [string, string] };

/** Fields whose value is a number (widths of 1 to 4 bytes). */
export type OxmNumberField =
  | "in_port"
  | "in_phy_port"
  | "eth_type"
  | "vlan_vid"
  | "vlan_pcp"
  | "ip_dscp"
  | "ip_ecn"
  | "ip_proto"
  | "tcp_src"
  | "tcp_dst"
  | "udp_src"
  | "udp_dst"
  | "sctp_src"
  | "sctp_dst"
  | "icmpv4_type"
  | "icmpv4_code"
  | "arp_op"
  | "ipv6_flabel"
  | "icmpv6_type"
  | "icmpv6_code"
  | "mpls_label"
  | "mpls_tc"
  | "mpls_bos"
  | "pbb_isid"
  | "ipv6_exthdr";
/** Fields whose value is a 64-bit bigint. */
export type OxmBigintField = "metadata" | "tunnel_id";
/** Fields whose value is an Ethernet address string. */
export type OxmMacField =
  | "eth_dst"
  | "eth_src"
  | "arp_sha"
  | "arp_tha"
  | "ipv6_nd_sll"
  | "ipv6_nd_tll";
/** Fields whose value is a dotted IPv4 address string. */
export type OxmIpv4Field = "ipv4_src" | "ipv4_dst" | "arp_spa" | "arp_tpa";
/** Fields whose value is an IPv6 address string. */
export type OxmIpv6Field = "ipv6_src" | "ipv6_dst" | "ipv6_nd_target";
/** Name of an OpenFlow-basic OXM field: the spec name in lowercase, e.g. `"in_port"`. */
export type OxmFieldName =
  | OxmNumberField
  | OxmBigintField
  | OxmMacField
  | OxmIpv4Field
  | OxmIpv6Field;

/** The JavaScript type of a field's value (and mask). */
export type OxmValue<F extends OxmFieldName> = F extends OxmNumberField ? number
  : F extends OxmBigintField ? bigint
  : string;

/** How an OXM field's value is represented in objects. */
export type OxmValueKind = "number" | "bigint" | "mac" | "ipv4" | "ipv6";

/** One row of {@linkcode OXM_FIELDS}. */
export interface OxmFieldInfo {
  /** Field name, lowercase spec name (`"eth_dst"`). */
  readonly name: OxmFieldName;
  /** Field number in the OpenFlow-basic class (`OFPXMT_OFB_*`). */
  readonly number: number;
  /** Width of the value on the wire in bytes (the mask, when present, has the same width). */
  readonly width: number;
  /** How the value is represented: number, bigint, or address text. */
  readonly kind: "number" | "bigint" | "mac" | "ipv4" | "ipv6";
  /** Whether the spec allows a mask (the codec sends one anyway if asked). */
  readonly maskable: boolean;
}
