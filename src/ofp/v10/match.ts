/**
 * OpenFlow 1.0 `ofp_match`: the fixed 40-byte match, and the {@linkcode match} builder.
 *
 * @module
 */

import { OFPFW } from "./constants.ts";
import type { Of10Match, Of10MatchSpec } from "./types.ts";

/** Size of `ofp_match` in bytes. */
export const OFP_MATCH_LEN = 40;

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
