/**
 * OpenFlow 1.3: message types, constants, builders and name lookups. Available as the
 * `of13` namespace of `@oftest/oftest/ofp`.
 *
 * @example
 * ```ts
 * import { decode, encode, of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of13.flowMod({ match: of13.match({ eth_type: 0x0800 }), instructions: [of13.applyActions([of13.output(1)])] });
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 *
 * @module
 */
export * from "./constants.ts";
export * from "./types.ts";
export * from "./multipart_types.ts";
export * from "./builders.ts";
export { match, OXM_FIELDS, oxmFieldNumber } from "./oxm.ts";
export type {
  MatchSpec,
  Of13Match,
  OxmAddressTlv,
  OxmBigintField,
  OxmBigintTlv,
  OxmExperimenterTlv,
  OxmFieldInfo,
  OxmFieldName,
  OxmIpv4Field,
  OxmIpv6Field,
  OxmMacField,
  OxmNumberField,
  OxmNumberTlv,
  OxmTlv,
  OxmUnknownTlv,
} from "./oxm.ts";
export { group, output, pushVlan, setField } from "./actions.ts";
export type {
  ActionBare,
  ActionEthertype,
  ActionExperimenter,
  ActionGroup,
  ActionOutput,
  ActionSetField,
  ActionSetMplsTtl,
  ActionSetNwTtl,
  ActionSetQueue,
  ActionUnknown,
  Of13Action,
} from "./actions.ts";
export {
  applyActions,
  clearActions,
  gotoTable,
  meter,
  writeActions,
  writeMetadata,
} from "./instructions.ts";
export type {
  InstructionActions,
  InstructionExperimenter,
  InstructionGotoTable,
  InstructionMeter,
  InstructionUnknown,
  InstructionWriteMetadata,
  Of13Instruction,
} from "./instructions.ts";
