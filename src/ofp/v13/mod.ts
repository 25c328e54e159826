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
export * from "./constants.ts";
export * from "./types.ts";
export * from "./multipart_types.ts";
export * from "./builders.ts";
// Matches, actions and instructions: their public names only (the wire decoders and
// encoders they also export are internal to the codec).
export {
  match,
  OFPVID_NONE,
  OFPVID_PRESENT,
  OFPXMC,
  OFPXMT,
  oxm,
  OXM_FIELDS,
  oxmFieldInfo,
  oxmFieldName,
  oxmFieldNumber,
} from "./oxm.ts";
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
  OxmValue,
  OxmValueKind,
} from "./oxm.ts";
export {
  actionTypeName,
  copyTtlIn,
  copyTtlOut,
  decMplsTtl,
  decNwTtl,
  experimenterAction,
  group,
  OFPAT,
  output,
  popMpls,
  popPbb,
  popVlan,
  pushMpls,
  pushPbb,
  pushVlan,
  setField,
  setMplsTtl,
  setNwTtl,
  setQueue,
} from "./actions.ts";
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
  Of13ActionTypeName,
} from "./actions.ts";
export {
  applyActions,
  clearActions,
  experimenterInstruction,
  gotoTable,
  instructionTypeName,
  meter,
  OFPIT,
  writeActions,
  writeMetadata,
} from "./instructions.ts";
export type {
  InstructionActions,
  InstructionClearActions,
  InstructionExperimenter,
  InstructionGotoTable,
  InstructionMeter,
  InstructionUnknown,
  InstructionWriteMetadata,
  Of13Instruction,
  Of13InstructionTypeName,
} from "./instructions.ts";
export { OFPCML, OFPG, OFPP, OFPQ_ALL, portName } from "./ports.ts";
