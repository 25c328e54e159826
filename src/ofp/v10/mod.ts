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
 * const msg = of10.flowMod({ match: of10.match({ inPort: 1 }), actions: [of10.output(2)] });
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 *
 * @module
 */
// Every constant table, its union type and the name lookups: all of constants.ts is public.
export * from "./constants.ts";
export type * from "./types.ts";
export { match, nwPrefixLength, OFP_MATCH_LEN } from "./match.ts";
export type { Of10MatchSpec } from "./match.ts";
export {
  enqueue,
  output,
  setDlDst,
  setDlSrc,
  setNwDst,
  setNwSrc,
  setNwTos,
  setTpDst,
  setTpSrc,
  setVlanPcp,
  setVlanVid,
  stripVlan,
  vendorAction,
} from "./actions.ts";
export { OFP_PHY_PORT_LEN, phyPort } from "./port.ts";
export {
  aggregateStatsRequest,
  barrierReply,
  barrierRequest,
  descStatsRequest,
  echoReply,
  echoRequest,
  error,
  featuresReply,
  featuresRequest,
  flowDeleteAll,
  flowMod,
  flowRemoved,
  flowStatsRequest,
  getConfigReply,
  getConfigRequest,
  packetIn,
  packetOut,
  portMod,
  portStatsRequest,
  portStatus,
  queueGetConfigReply,
  queueGetConfigRequest,
  queueStatsRequest,
  setConfig,
  statsReply,
  statsRequest,
  tableStatsRequest,
  vendorMessage,
  vendorStatsRequest,
} from "./builders.ts";
export type { Of10Fields } from "./builders.ts";
