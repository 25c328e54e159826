/**
 * OpenFlow 1.0 `ofp_match`: the fixed 40-byte match, and the {@linkcode match} builder.
 *
 * @module
 */

import { OFPFW } from "./constants.ts";
import type { Of10Match, Of10MatchSpec } from "./types.ts";

/** Size of `ofp_match` in bytes. */
export const OFP_MATCH_LEN = 40;

// Every field: its spec name, its camelCase alias (the Of10Match property), and its one-bit
// wildcard (0 for nw_src/nw_dst, whose wildcards are prefix-length counts).
const FIELDS = [
  ["in_port", "inPort", OFPFW.IN_PORT],
  ["dl_vlan", "dlVlan", OFPFW.DL_VLAN],
  ["dl_src", "dlSrc", OFPFW.DL_SRC],
  ["dl_dst", "dlDst", OFPFW.DL_DST],
  ["dl_type", "dlType", OFPFW.DL_TYPE],
  ["nw_proto", "nwProto", OFPFW.NW_PROTO],
  ["tp_src", "tpSrc", OFPFW.TP_SRC],
  ["tp_dst", "tpDst", OFPFW.TP_DST],
  ["dl_vlan_pcp", "dlVlanPcp", OFPFW.DL_VLAN_PCP],
  ["nw_tos", "nwTos", OFPFW.NW_TOS],
  ["nw_src", "nwSrc", 0],
  ["nw_dst", "nwDst", 0],
] as const;
const KNOWN: ReadonlySet<string> = new Set(FIELDS.flatMap(([snake, camel]) => [snake, camel]));

type Field = Exclude<keyof Of10Match, "wildcards">;

/** The spec's fields under their Of10Match names, checked: no unknown names, no name twice. */
function normalize(spec: Of10MatchSpec): Partial<Pick<Of10Match, Field>> {
  if (spec === null || typeof spec !== "object") {
    throw new TypeError(
      `Expected a match spec object, got ${spec === null ? "null" : typeof spec}`,
    );
  }
  for (const key of Object.keys(spec)) {
    if (!KNOWN.has(key)) {
      throw new TypeError(
        `Expected ofp_match field names (in_port, dl_type, nw_dst...), got "${key}"`,
      );
    }
  }
  const out: Record<string, unknown> = {};
  const given = spec as Record<string, unknown>;
  for (const [snake, camel] of FIELDS) {
    const a = given[snake], b = given[camel];
    if (a !== undefined && b !== undefined) {
      throw new TypeError(`Expected one of ${snake} and its alias ${camel}, got both`);
    }
    if (a !== undefined || b !== undefined) out[camel] = a ?? b;
  }
  return out as Partial<Pick<Of10Match, Field>>;
}

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
 * Builds an `ofp_match` from the fields given, by their spec names (`in_port`, `dl_type`,
 * `nw_dst`; the camelCase names of {@linkcode Of10Match} are accepted as aliases). It starts
 * from `OFPFW.ALL` (everything wildcarded, every field zero) and clears the wildcard bit of
 * each field given. `nw_src` and `nw_dst` take an optional prefix length (`"10.0.0.0/8"`),
 * which becomes the count of ignored low bits under `OFPFW.NW_SRC_MASK` / `NW_DST_MASK` (no
 * prefix: all 32 bits count).
 *
 * @param spec The fields to match.
 * @returns The match.
 * @throws {RangeError} On a prefix length outside 0–32.
 * @throws {TypeError} On an unknown field name, a field given under both its names, or an
 *   `nw_src`/`nw_dst` that is not a string.
 *
 * @example
 * ```ts
 * import { of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const m = of10.match({ in_port: 1, dl_type: 0x0800, nw_dst: "10.0.0.0/8" });
 * assert.equal(m.nwDst, "10.0.0.0");
 * assert.deepEqual(of10.match({ inPort: 1, dlType: 0x0800, nwDst: "10.0.0.0/8" }), m); // aliases
 * assert.equal(m.wildcards & of10.OFPFW.IN_PORT, 0);
 * assert.equal((m.wildcards & of10.OFPFW.NW_DST_MASK) >> of10.OFPFW.NW_DST_SHIFT, 24);
 * ```
 */
export function match(given: Of10MatchSpec = {}): Of10Match {
  const spec = normalize(given);
  let wildcards: number = OFPFW.ALL;
  for (const [, camel, bit] of FIELDS) if (spec[camel] !== undefined) wildcards &= ~bit;
  let nwSrc = "0.0.0.0", nwDst = "0.0.0.0";
  if (spec.nwSrc !== undefined) {
    const [addr, ignored] = prefix(spec.nwSrc, "nw_src");
    nwSrc = addr;
    wildcards = (wildcards & ~OFPFW.NW_SRC_MASK) | (ignored << OFPFW.NW_SRC_SHIFT);
  }
  if (spec.nwDst !== undefined) {
    const [addr, ignored] = prefix(spec.nwDst, "nw_dst");
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
 * assert.equal(of10.nwPrefixLength(of10.match({ nw_src: "10.1.0.0/16" }), "nwSrc"), 16);
 * assert.equal(of10.nwPrefixLength(of10.match(), "nwDst"), 0);
 * ```
 */
export function nwPrefixLength(m: Of10Match, field: "nwSrc" | "nwDst"): number {
  const shift = field === "nwSrc" ? OFPFW.NW_SRC_SHIFT : OFPFW.NW_DST_SHIFT;
  const ignored = (m.wildcards >>> shift) & 0x3f;
  return ignored >= 32 ? 0 : 32 - ignored;
}
