/**
 * OpenFlow 1.0 `ofp_match`: the fixed 40-byte match, and the {@linkcode match} builder.
 *
 * @module
 */
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { ipv4At, macAt, writeIpv4, writeMac } from "./_addresses.ts";
import { OfpEncodeError } from "../errors.ts";
import { OFPFW } from "./constants.ts";
import type { Of10Match } from "./types.ts";

/** Size of `ofp_match` in bytes. */
export const OFP_MATCH_LEN = 40;

/**
 * The fields {@linkcode match} takes: any field of {@linkcode Of10Match} but `wildcards`.
 * `nwSrc` and `nwDst` may carry a prefix length: `"10.0.0.0/8"`.
 */
export type Of10MatchSpec = Partial<Omit<Of10Match, "wildcards">>;

/**
 * Reads the 40-byte `ofp_match` (hot: every flow-mod, flow-removed and flow-stats entry).
 * @internal
 */
export function decodeMatch10(r: Reader, path: string): Of10Match {
  if (r.pos + OFP_MATCH_LEN > r.end) r.need(OFP_MATCH_LEN, path);
  const v = r.view, b = r.bytes, p = r.pos;
  r.pos = p + OFP_MATCH_LEN;
  const wildcards = v.getUint32(p);
  const inPort = v.getUint16(p + 4);
  const dlSrc = macAt(b, p + 6);
  const dlDst = macAt(b, p + 12);
  const dlVlan = v.getUint16(p + 18);
  const dlVlanPcp = b[p + 20];
  const dlType = v.getUint16(p + 22);
  const nwTos = b[p + 24];
  const nwProto = b[p + 25];
  const nwSrc = ipv4At(b, p + 28);
  const nwDst = ipv4At(b, p + 32);
  const tpSrc = v.getUint16(p + 36);
  const tpDst = v.getUint16(p + 38);
  return {
    wildcards,
    inPort,
    dlSrc,
    dlDst,
    dlVlan,
    dlVlanPcp,
    dlType,
    nwTos,
    nwProto,
    nwSrc,
    nwDst,
    tpSrc,
    tpDst,
  };
}

/**
 * Writes the 40-byte `ofp_match`; every field is written, wildcarded or not.
 * @internal
 */
export function encodeMatch10(w: Writer, m: Of10Match, path: string): void {
  if (m === null || typeof m !== "object") {
    throw new OfpEncodeError(
      `Expected a match object, got ${m === null ? "null" : typeof m}`,
      path,
    );
  }
  w.u32(m.wildcards, path);
  w.u16(m.inPort, path);
  writeMac(w, m.dlSrc, path);
  writeMac(w, m.dlDst, path);
  w.u16(m.dlVlan, path);
  w.u8(m.dlVlanPcp, path);
  w.zeros(1);
  w.u16(m.dlType, path);
  w.u8(m.nwTos, path);
  w.u8(m.nwProto, path);
  w.zeros(2);
  writeIpv4(w, m.nwSrc, path);
  writeIpv4(w, m.nwDst, path);
  w.u16(m.tpSrc, path);
  w.u16(m.tpDst, path);
}

// Fields with a one-bit wildcard, in `OFPFW` order.
const FIELD_BITS: readonly (readonly [keyof Of10MatchSpec, number])[] = [
  ["inPort", OFPFW.IN_PORT],
  ["dlVlan", OFPFW.DL_VLAN],
  ["dlSrc", OFPFW.DL_SRC],
  ["dlDst", OFPFW.DL_DST],
  ["dlType", OFPFW.DL_TYPE],
  ["nwProto", OFPFW.NW_PROTO],
  ["tpSrc", OFPFW.TP_SRC],
  ["tpDst", OFPFW.TP_DST],
  ["dlVlanPcp", OFPFW.DL_VLAN_PCP],
  ["nwTos", OFPFW.NW_TOS],
];

/** Splits "a.b.c.d/len" into the address and the count of ignored low bits (32 - len). */
function prefix(text: string, field: string): [string, number] {
  if (typeof text !== "string") {
    throw new TypeError(`Expected ${field} as an IPv4 address string, got ${typeof text}`);
  }
  const slash = text.indexOf("/");
  if (slash < 0) return [text, 0];
  const len = text.slice(slash + 1);
  const bits = /^\d{1,2}$/.test(len) ? Number(len) : -1;
  if (bits < 0 || bits > 32) {
    throw new RangeError(`Expected a prefix length of 0 to 32 in ${field}, got "${text}"`);
  }
  return [text.slice(0, slash), 32 - bits];
}

/**
 * Builds an `ofp_match` from the fields given. It starts from `OFPFW.ALL` (everything
 * wildcarded, every field zero) and clears the wildcard bit of each field given. `nwSrc`
 * and `nwDst` take an optional prefix length (`"10.0.0.0/8"`), which becomes the count of
 * ignored low bits under `OFPFW.NW_SRC_MASK` / `NW_DST_MASK` (no prefix: all 32 bits count).
 *
 * @param spec The fields to match.
 * @returns The match.
 * @throws {RangeError} On a prefix length outside 0–32.
 * @throws {TypeError} On an `nwSrc`/`nwDst` that is not a string.
 *
 * @example
 * ```ts
 * import { of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const m = of10.match({ inPort: 1, dlType: 0x0800, nwDst: "10.0.0.0/8" });
 * assert.equal(m.nwDst, "10.0.0.0");
 * assert.equal(m.wildcards & of10.OFPFW.IN_PORT, 0);
 * assert.equal((m.wildcards & of10.OFPFW.NW_DST_MASK) >> of10.OFPFW.NW_DST_SHIFT, 24);
 * ```
 */
export function match(spec: Of10MatchSpec = {}): Of10Match {
  let wildcards: number = OFPFW.ALL;
  for (const [field, bit] of FIELD_BITS) if (spec[field] !== undefined) wildcards &= ~bit;
  let nwSrc = "0.0.0.0", nwDst = "0.0.0.0";
  if (spec.nwSrc !== undefined) {
    const [addr, ignored] = prefix(spec.nwSrc, "nwSrc");
    nwSrc = addr;
    wildcards = (wildcards & ~OFPFW.NW_SRC_MASK) | (ignored << OFPFW.NW_SRC_SHIFT);
  }
  if (spec.nwDst !== undefined) {
    const [addr, ignored] = prefix(spec.nwDst, "nwDst");
    nwDst = addr;
    wildcards = (wildcards & ~OFPFW.NW_DST_MASK) | (ignored << OFPFW.NW_DST_SHIFT);
  }
  return {
    wildcards: wildcards >>> 0,
    inPort: spec.inPort ?? 0,
    dlSrc: spec.dlSrc ?? "00:00:00:00:00:00",
    dlDst: spec.dlDst ?? "00:00:00:00:00:00",
    dlVlan: spec.dlVlan ?? 0,
    dlVlanPcp: spec.dlVlanPcp ?? 0,
    dlType: spec.dlType ?? 0,
    nwTos: spec.nwTos ?? 0,
    nwProto: spec.nwProto ?? 0,
    nwSrc,
    nwDst,
    tpSrc: spec.tpSrc ?? 0,
    tpDst: spec.tpDst ?? 0,
  };
}

/**
 * How many leading bits of `nwSrc` or `nwDst` a match compares: 32 - the wildcard's count
 * of ignored bits (a count of 32 or more ignores the whole address).
 *
 * @param m The match.
 * @param field Which address.
 * @returns The prefix length, 0–32.
 *
 * @example
 * ```ts
 * import { of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.equal(of10.nwPrefixLength(of10.match({ nwSrc: "10.1.0.0/16" }), "nwSrc"), 16);
 * assert.equal(of10.nwPrefixLength(of10.match(), "nwDst"), 0);
 * ```
 */
export function nwPrefixLength(m: Of10Match, field: "nwSrc" | "nwDst"): number {
  const shift = field === "nwSrc" ? OFPFW.NW_SRC_SHIFT : OFPFW.NW_DST_SHIFT;
  const ignored = (m.wildcards >>> shift) & 0x3f;
  return ignored >= 32 ? 0 : 32 - ignored;
}
