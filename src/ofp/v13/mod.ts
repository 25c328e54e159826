/**
 * OpenFlow 1.3: message types, constants, builders and name lookups. Available as the
 * `of13` namespace of `@oftest/oftest/ofp`.
 *
 * Every message of the spec is plain data discriminated by `type` ({@linkcode Of13Message});
 * a builder per message fills the spec's defaults, so a test names only what it cares about.
 *
 * @example
 * ```ts
 * import { decode, encode, of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of13.flowMod({
 *   match: of13.match({ eth_type: 0x0800 }),
 *   instructions: [of13.applyActions([of13.output(1)])],
 * });
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 *
 * @module
 */

// Values only, each declared in a file whose every export is public (`export *` keeps them
// in the docs); the types of OpenFlow 1.3 messages, actions, instructions and matches are
// exported once, at the top level of `@oftest/oftest/ofp`.

export * from "./constants.ts";
export * from "./builders.ts";
export * from "./oxm.ts";
export * from "./oxm_fields.ts";
export * from "./actions.ts";
export * from "./instructions.ts";
export * from "./ports.ts";
