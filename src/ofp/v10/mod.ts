/**
 * OpenFlow 1.0: message types, constants, builders and name lookups. Available as the
 * `of10` namespace of `@oftest/oftest/ofp`.
 *
 * @example
 * ```ts
 * import { decode, encode, of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of10.flowMod({ match: of10.match({ inPort: 1 }), actions: [of10.output(2)] });
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 *
 * @module
 */
export * from "./constants.ts";
export * from "./types.ts";
export * from "./builders.ts";
