/**
 * OpenFlow 1.3 matches: `ofp_match` and its OXM TLVs, every OpenFlow-basic field with and
 * without a mask; other classes (Nicira's NXM) and experimenter OXMs kept byte-exact.
 *
 * @module
 */
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { readIpv4, readIpv6, readMac, writeIpv4, writeIpv6, writeMac } from "../_text.ts";
import { OFPXMC } from "./constants.ts";

/** How an OXM field's value is represented. */
type Kind = "u8" | "u16" | "u24" | "u32" | "u64" | "mac" | "ipv4" | "ipv6";

const WIDTH: Record<Kind, number> = {
  u8: 1,
  u16: 2,
  u24: 3,
  u32: 4,
  u64: 8,
  mac: 6,
  ipv4: 4,
  ipv6: 16,
};

/** The OpenFlow-basic OXM fields in field-number order (`oxm_ofb_match_fields`). */
const FIELDS = [
  ["in_port", "u32"],
  ["in_phy_port", "u32"],
  ["metadata", "u64"],
  ["eth_dst", "mac"],
  ["eth_src", "mac"],
  ["eth_type", "u16"],
  ["vlan_vid", "u16"],
  ["vlan_pcp", "u8"],
  ["ip_dscp", "u8"],
  ["ip_ecn", "u8"],
  ["ip_proto", "u8"],
  ["ipv4_src", "ipv4"],
  ["ipv4_dst", "ipv4"],
  ["tcp_src", "u16"],
  ["tcp_dst", "u16"],
  ["udp_src", "u16"],
  ["udp_dst", "u16"],
  ["sctp_src", "u16"],
  ["sctp_dst", "u16"],
  ["icmpv4_type", "u8"],
  ["icmpv4_code", "u8"],
  ["arp_op", "u16"],
  ["arp_spa", "ipv4"],
  ["arp_tpa", "ipv4"],
  ["arp_sha", "mac"],
  ["arp_tha", "mac"],
  ["ipv6_src", "ipv6"],
  ["ipv6_dst", "ipv6"],
  ["ipv6_flabel", "u32"],
  ["icmpv6_type", "u8"],
  ["icmpv6_code", "u8"],
  ["ipv6_nd_target", "ipv6"],
  ["ipv6_nd_sll", "mac"],
  ["ipv6_nd_tll", "mac"],
  ["mpls_label", "u32"],
  ["mpls_tc", "u8"],
  ["mpls_bos", "u8"],
  ["pbb_isid", "u24"],
  ["tunnel_id", "u64"],
  ["ipv6_exthdr", "u16"],
] as const satisfies readonly (readonly [string, Kind])[];

/** Fields whose value is a number (up to 32 bits). */
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
/** Fields whose value is a bigint (64 bits). */
export type OxmBigintField = "metadata" | "tunnel_id";
/** Fields whose value is an Ethernet address string. */
export type OxmMacField =
  | "eth_dst"
  | "eth_src"
  | "arp_sha"
  | "arp_tha"
  | "ipv6_nd_sll"
  | "ipv6_nd_tll";
/** Fields whose value is an IPv4 address string. */
export type OxmIpv4Field = "ipv4_src" | "ipv4_dst" | "arp_spa" | "arp_tpa";
/** Fields whose value is an IPv6 address string. */
export type OxmIpv6Field = "ipv6_src" | "ipv6_dst" | "ipv6_nd_target";
/** Name of an OpenFlow-basic OXM field, e.g. `"in_port"`. */
export type OxmFieldName =
  | OxmNumberField
  | OxmBigintField
  | OxmMacField
  | OxmIpv4Field
  | OxmIpv6Field;

/** A field with a numeric value. `vlan_vid` keeps OFPVID_PRESENT (0x1000) as on the wire. */
export interface OxmNumberTlv {
  /** Field name. */
  field: OxmNumberField;
  /** Value. */
  value: number;
  /** Mask, for a masked match. */
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
/** A field with an address value: "aa:bb:cc:dd:ee:ff", "10.0.0.1" or RFC 5952 IPv6 text. */
export interface OxmAddressTlv {
  /** Field name. */
  field: OxmMacField | OxmIpv4Field | OxmIpv6Field;
  /** Value. */
  value: string;
  /** Mask, for a masked match. */
  mask?: string;
}
/** An OXM of another class (e.g. Nicira's NXM_0/NXM_1) or an unknown basic field, kept as bytes. */
export interface OxmUnknownTlv {
  /** Discriminant. */
  field: "UNKNOWN";
  /** OXM class. */
  oxmClass: number;
  /** Field number (7 bits). */
  oxmField: number;
  /** The has-mask bit. */
  hasMask: boolean;
  /** The whole payload (value, then mask when `hasMask`). */
  value: Uint8Array;
}
/** An experimenter-class OXM (class 0xffff). */
export interface OxmExperimenterTlv {
  /** Discriminant. */
  field: "EXPERIMENTER";
  /** Experimenter id. */
  experimenter: number;
  /** Field number (7 bits). */
  oxmField: number;
  /** The has-mask bit. */
  hasMask: boolean;
  /** Payload after the experimenter id. */
  data: Uint8Array;
}

/** One OXM TLV. */
export type OxmTlv =
  | OxmNumberTlv
  | OxmBigintTlv
  | OxmAddressTlv
  | OxmUnknownTlv
  | OxmExperimenterTlv;

/** An OpenFlow 1.3 match: its OXM TLVs in wire order. */
export type Of13Match = OxmTlv[];

/** One row of {@linkcode OXM_FIELDS}. */
export interface OxmFieldInfo {
  /** Field name. */
  name: OxmFieldName;
  /** Field number in the OpenFlow-basic class. */
  number: number;
  /** Width of the value in bytes. */
  width: number;
  /** How the value is represented. */
  kind: "number" | "bigint" | "mac" | "ipv4" | "ipv6";
}

/** Every OpenFlow-basic OXM field of 1.3: name, number, width, value kind. */
export const OXM_FIELDS: readonly OxmFieldInfo[] = FIELDS.map(([name, kind], number) => ({
  name,
  number,
  width: WIDTH[kind],
  kind: kind === "u64"
    ? "bigint"
    : kind === "mac" || kind === "ipv4" || kind === "ipv6"
    ? kind
    : "number",
}));

const BY_NAME = new Map<string, number>(FIELDS.map(([name], i) => [name, i]));

/**
 * The number of an OpenFlow-basic field.
 *
 * @param name Field name, e.g. `"eth_type"`.
 * @returns Its number, or undefined if it is not a basic field.
 */
export function oxmFieldNumber(name: string): number | undefined {
  return BY_NAME.get(name);
}

function readValue(r: Reader, kind: Kind, path: string): number | bigint | string {
  switch (kind) {
    case "u8":
      return r.u8(path);
    case "u16":
      return r.u16(path);
    case "u24":
      return (r.u8(path) << 16) | r.u16(path);
    case "u32":
      return r.u32(path);
    case "u64":
      return r.u64(path);
    case "mac":
      return readMac(r, path);
    case "ipv4":
      return readIpv4(r, path);
    case "ipv6":
      return readIpv6(r, path);
  }
}

function writeValue(w: Writer, kind: Kind, v: unknown, path: string): void {
  switch (kind) {
    case "u8":
      return w.u8(v as number, path);
    case "u16":
      return w.u16(v as number, path);
    case "u24":
      if (typeof v !== "number" || (v & 0xffffff) !== v) {
        throw new OfpEncodeError(`Expected an unsigned 24-bit integer, got ${String(v)}`, path);
      }
      w.u8(v >>> 16, path);
      return w.u16(v & 0xffff, path);
    case "u32":
      return w.u32(v as number, path);
    case "u64":
      return w.u64(v as bigint, path);
    case "mac":
      return writeMac(w, v as string, path);
    case "ipv4":
      return writeIpv4(w, v as string, path);
    case "ipv6":
      return writeIpv6(w, v as string, path);
  }
}

/**
 * Decodes one OXM TLV.
 *
 * @param r Reader at the TLV's header.
 * @param path Field path for errors.
 * @returns The TLV.
 * @throws {OfpDecodeError} If the TLV is truncated or a basic field has the wrong length.
 */
export function decodeOxm(r: Reader, path: string): OxmTlv {
  const at = r.pos;
  const header = r.u32(path);
  const oxmClass = header >>> 16;
  const oxmField = (header >>> 9) & 0x7f;
  const hasMask = (header & 0x100) !== 0;
  const length = header & 0xff;
  if (r.pos + length > r.end) {
    r.fail(`OXM payload of ${length} bytes runs past the match`, path, at + 3);
  }
  if (oxmClass === OFPXMC.OPENFLOW_BASIC && oxmField < FIELDS.length) {
    const [name, kind] = FIELDS[oxmField];
    const width = WIDTH[kind];
    if (length !== (hasMask ? 2 * width : width)) {
      r.fail(
        `OXM ${name} payload is ${length} bytes, expected ${hasMask ? 2 * width : width}`,
        path,
        at + 3,
      );
    }
    const value = readValue(r, kind, path);
    if (!hasMask) return { field: name, value } as OxmTlv;
    return { field: name, value, mask: readValue(r, kind, path) } as OxmTlv;
  }
  if (oxmClass === OFPXMC.EXPERIMENTER) {
    if (length < 4) {
      r.fail(
        `Experimenter OXM payload is ${length} bytes, below its 4-byte experimenter id`,
        path,
        at + 3,
      );
    }
    const experimenter = r.u32(path);
    return {
      field: "EXPERIMENTER",
      experimenter,
      oxmField,
      hasMask,
      data: r.bytesView(length - 4, path),
    };
  }
  return { field: "UNKNOWN", oxmClass, oxmField, hasMask, value: r.bytesView(length, path) };
}

/**
 * Encodes one OXM TLV.
 *
 * @param w Writer.
 * @param tlv The TLV.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} On an unknown field name or a value of the wrong form.
 */
export function encodeOxm(w: Writer, tlv: OxmTlv, path: string): void {
  if (tlv.field === "UNKNOWN") {
    const header = ((tlv.oxmClass << 16) | (tlv.oxmField << 9) | (tlv.hasMask ? 0x100 : 0) |
      tlv.value.length) >>> 0;
    if (tlv.value.length > 0xff) {
      throw new OfpEncodeError(`OXM payload of ${tlv.value.length} bytes exceeds 255`, path);
    }
    w.u32(header, path);
    return w.bytes(tlv.value, path);
  }
  if (tlv.field === "EXPERIMENTER") {
    const length = tlv.data.length + 4;
    if (length > 0xff) throw new OfpEncodeError(`OXM payload of ${length} bytes exceeds 255`, path);
    w.u32(
      ((OFPXMC.EXPERIMENTER << 16) | (tlv.oxmField << 9) | (tlv.hasMask ? 0x100 : 0) | length) >>>
        0,
      path,
    );
    w.u32(tlv.experimenter, path);
    return w.bytes(tlv.data, path);
  }
  const number = BY_NAME.get(tlv.field);
  if (number === undefined) {
    throw new OfpEncodeError(`Unknown OXM field ${String(tlv.field)}`, path);
  }
  const kind = FIELDS[number][1];
  const hasMask = tlv.mask !== undefined;
  const length = hasMask ? 2 * WIDTH[kind] : WIDTH[kind];
  w.u32(
    ((OFPXMC.OPENFLOW_BASIC << 16) | (number << 9) | (hasMask ? 0x100 : 0) | length) >>> 0,
    path,
  );
  writeValue(w, kind, tlv.value, path);
  if (hasMask) writeValue(w, kind, tlv.mask, path);
}

/**
 * Decodes `ofp_match` (type OFPMT_OXM, length, TLVs, padding to 8 bytes).
 *
 * @param r Reader at the match.
 * @param path Field path for errors.
 * @returns The TLVs.
 * @throws {OfpDecodeError} On a type other than OXM, a bad length, or a bad TLV.
 */
export function decodeMatch(r: Reader, path: string): Of13Match {
  const at = r.pos;
  const type = r.u16(path);
  const length = r.u16(path);
  if (type !== 1) r.fail(`Match type ${type} is not OFPMT_OXM (1)`, path, at);
  if (length < 4) r.fail(`Match length ${length} is below its 4-byte header`, path, at + 2);
  const padded = (length + 7) & ~7;
  if (at + padded > r.end) {
    r.fail(`Match of ${padded} bytes (with padding) runs past its message`, path, at + 2);
  }
  const end = at + length;
  const saved = r.end;
  r.end = end;
  const fields: OxmTlv[] = [];
  try {
    while (r.pos < end) fields.push(decodeOxm(r, path));
  } finally {
    r.end = saved;
  }
  r.pos = at + padded;
  return fields;
}

/**
 * Encodes `ofp_match` (header, TLVs, zero padding to 8 bytes).
 *
 * @param w Writer.
 * @param match The TLVs.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} On a bad TLV.
 */
export function encodeMatch(w: Writer, match: Of13Match, path: string): void {
  if (!Array.isArray(match)) {
    throw new OfpEncodeError("Expected a match (an array of OXM TLVs)", path);
  }
  const start = w.pos;
  w.u16(1, path);
  w.u16(0, path);
  for (let i = 0; i < match.length; i++) encodeOxm(w, match[i], path);
  w.patchLength16(start + 2, start, path);
  w.align(start, 8);
}

/** The argument of {@linkcode match}: field names with a value or a `[value, mask]` pair. */
export type MatchSpec =
  & { [K in OxmNumberField]?: number | readonly [number, number] }
  & { [K in OxmBigintField]?: bigint | readonly [bigint, bigint] }
  & { [K in OxmMacField | OxmIpv4Field | OxmIpv6Field]?: string | readonly [string, string] };

/**
 * Builds a match from field names, in the object's key order. A `[value, mask]` pair
 * gives a masked field. Prerequisites are not enforced: tests may send invalid matches.
 *
 * @param spec Fields and values.
 * @returns The OXM TLVs.
 * @throws {OfpEncodeError} On an unknown field name.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const m = of13.match({ in_port: 1, eth_type: 0x0800, ipv4_dst: ["10.0.0.0", "255.255.255.0"] });
 * assert.deepEqual(m[2], { field: "ipv4_dst", value: "10.0.0.0", mask: "255.255.255.0" });
 * ```
 */
export function match(spec: MatchSpec = {}): Of13Match {
  const out: OxmTlv[] = [];
  for (const [field, v] of Object.entries(spec)) {
    if (v === undefined) continue;
    if (!BY_NAME.has(field)) {
      throw new OfpEncodeError(`Unknown OXM field ${field}`, `match.${field}`);
    }
    out.push(
      (Array.isArray(v) ? { field, value: v[0], mask: v[1] } : { field, value: v }) as OxmTlv,
    );
  }
  return out;
}
