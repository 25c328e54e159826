/**
 * OpenFlow 1.0: message types, constants, builders and name lookups. Available as the
 * `of10` namespace of `@oftest/oftest/ofp`.
 *
 * Messages are plain objects discriminated by `type`; encode and decode them with the
 * version-independent `encode` and `decode`.
 *
 * @example
 * ```ts
 * import { decode, encode, of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of10.flowMod({ match: of10.match({ in_port: 1 }), actions: [of10.output(2)] });
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 *
 * @module
 */
// Values only, each declared in a file whose every export is public (`export *` keeps them
// in the docs); the types of OpenFlow 1.0 messages and structs are exported once, at the top
// level of `@oftest/oftest/ofp`.

export * from "./constants.ts";
export * from "./match.ts";
export * from "./actions.ts";
export * from "./port.ts";
export * from "./builders.ts";
