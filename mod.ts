/**
 * @oftest/oftest: an OpenFlow switch-test framework for Deno.
 *
 * The codec lives at `@oftest/oftest/ofp` and is re-exported here.
 *
 * @module
 */
export * from "./src/ofp/mod.ts";
