/**
 * OpenFlow 1.3 matches: `ofp_match` and its OXM TLVs. Every OpenFlow-basic field decodes to
 * a typed value, with or without a mask; other classes (Nicira's NXM_0/NXM_1 registers,
 * which Open vSwitch sends) and experimenter OXMs are kept byte-exact.
 *
 * Prerequisites (eth_type before ipv4_src, ...) are not enforced in either direction: a
 * switch test must be able to send an invalid match and see the switch refuse it.
 *
 * @module
 */

import { describe } from "../_addresses.ts";
import { OfpEncodeError } from "../errors.ts";
import { oxmFieldNumber } from "./oxm_fields.ts";
import type { MatchSpec, Of13Match, OxmFieldName, OxmTlv, OxmValue } from "./oxm_types.ts";

/**
 * Builds a match from field names, in the object's key order. A `[value, mask]` pair gives
 * a masked field. Prerequisites are not enforced, and values are checked when the match is
 * encoded.
 *
 * @param spec Fields and values; `undefined` values are skipped.
 * @returns The OXM TLVs.
 * @throws {OfpEncodeError} On a name that is not an OpenFlow-basic field.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const m = of13.match({ in_port: 1, eth_type: 0x0800, ipv4_dst: ["10.0.0.0", "255.255.255.0"] });
 * assert.deepEqual(m, [
 *   { field: "in_port", value: 1 },
 *   { field: "eth_type", value: 0x0800 },
 *   { field: "ipv4_dst", value: "10.0.0.0", mask: "255.255.255.0" },
 * ]);
 * ```
 */
export function match(spec: MatchSpec = {}): Of13Match {
  const out: OxmTlv[] = [];
  for (const field of Object.keys(spec)) {
    const v = (spec as Record<string, unknown>)[field];
    if (v === undefined) continue;
    if (oxmFieldNumber(field) === undefined) {
      throw new OfpEncodeError(`Unknown OXM field ${describe(field)}`, `match.${field}`);
    }
    if (Array.isArray(v)) {
      if (v.length !== 2) {
        throw new OfpEncodeError(
          `Expected a value or a [value, mask] pair, got an array of ${v.length}`,
          `match.${field}`,
        );
      }
      out.push({ field, value: v[0], mask: v[1] } as OxmTlv);
    } else {
      out.push({ field, value: v } as OxmTlv);
    }
  }
  return out;
}

/**
 * Builds one OpenFlow-basic OXM TLV, typed by field.
 *
 * @param field Field name.
 * @param value Value (number, bigint or address text, as the field needs).
 * @param mask Optional mask of the same type.
 * @returns The TLV.
 * @throws {OfpEncodeError} On a name that is not an OpenFlow-basic field.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(of13.oxm("vlan_vid", of13.OFPVID_PRESENT | 10), { field: "vlan_vid", value: 0x100a });
 * ```
 */
export function oxm<F extends OxmFieldName>(
  field: F,
  value: OxmValue<F>,
  mask?: OxmValue<F>,
): OxmTlv {
  if (oxmFieldNumber(field) === undefined) {
    throw new OfpEncodeError(`Unknown OXM field ${describe(field)}`, "oxm.field");
  }
  return (mask === undefined ? { field, value } : { field, value, mask }) as OxmTlv;
}
