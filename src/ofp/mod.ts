/**
 * The OpenFlow codec: `decode` and `encode` for every OpenFlow 1.0 and 1.3 message,
 * byte-exact on real switch bytes, plus a push-style frame parser.
 *
 * Messages are plain data discriminated by `version` and `type`; unknown versions, types
 * and enum values survive a decode/encode round trip unchanged.
 *
 * @example
 * ```ts
 * import { decode, encode } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const bytes = encode({ version: 4, type: "ECHO_REQUEST", xid: 1, data: new Uint8Array([1, 2]) });
 * assert.deepEqual(decode(bytes), { version: 4, type: "ECHO_REQUEST", xid: 1, data: new Uint8Array([1, 2]) });
 * ```
 *
 * @module
 */
export { decode, decodeAt, encode } from "./codec.ts";
export type { OfpMessage, OfpMessageOf } from "./codec.ts";
export { OfpDecodeError, OfpEncodeError } from "./errors.ts";
export type { OfpDecodeErrorOptions } from "./errors.ts";
export { FrameParser, scanFrames } from "./frame_parser.ts";
export { OFP_HEADER_LEN, OFP_TCP_PORT, OFP_VERSION, readHeader } from "./header.ts";
export type { OfpHeader, OfpVersionName } from "./header.ts";
export { helloVersions, OFPHET, versionBitmap } from "./hello.ts";
export type {
  HelloElement,
  HelloMessage,
  HelloUnknownElement,
  HelloVersionBitmap,
} from "./hello.ts";
export type { RawMessage } from "./raw.ts";
export type { ErrorCodeTable } from "./_names.ts";
// The types of each version's messages and structs, once, here; the `of10` and `of13`
// namespaces hold the values (builders, constants, name lookups).
export type * from "./v10/types.ts";
export type * from "./v13/types.ts";
export type * from "./v13/multipart_types.ts";
export type * from "./v13/action_types.ts";
export type * from "./v13/oxm_types.ts";
export * as of10 from "./v10/mod.ts";
export * as of13 from "./v13/mod.ts";
