// What a reader of raw frames needs per wire version before (or instead of) decoding: the
// `type` that `decode` will give each type number, the type numbers that differ between
// versions, and error names. Derived from the versions' constant tables, never copied.
import { errorNamers, type KnownErrorNames } from "./_names.ts";
import {
  OFP_ERROR_CODES as OF10_CODES,
  OFPET as OF10_ET,
  OFPT as OF10_T,
} from "./v10/constants.ts";
import {
  OFP_ERROR_CODES as OF13_CODES,
  OFPET as OF13_ET,
  OFPT as OF13_T,
} from "./v13/constants.ts";

/** Facts about one wire version, for code that works on frames. */
export interface VersionFacts {
  /** The wire version. */
  readonly version: number;
  /** By type number: the `type` that `decode` gives such a frame ("RAW" when unknown). */
  readonly typeNames: readonly string[];
  /** BARRIER_REQUEST's type number. */
  readonly barrierRequest: number;
  /** STATS_REPLY (1.0) or MULTIPART_REPLY (1.3): flags at byte 10, REPLY_MORE is bit 0. */
  readonly multipartReply: number;
  /** The names of an error's type and code, where this version's tables know them. */
  readonly errorNames: (errType: number, code: number) => KnownErrorNames;
}

/** Type numbers that every version shares (1.0 and 1.3 agree on them). */
export const COMMON_TYPES = {
  HELLO: OF13_T.HELLO,
  ERROR: OF13_T.ERROR,
  ECHO_REQUEST: OF13_T.ECHO_REQUEST,
  ECHO_REPLY: OF13_T.ECHO_REPLY,
  FEATURES_REQUEST: OF13_T.FEATURES_REQUEST,
  FEATURES_REPLY: OF13_T.FEATURES_REPLY,
  PACKET_IN: OF13_T.PACKET_IN,
} as const;

function typeNames(table: Readonly<Record<string, number>>): string[] {
  const names = new Array<string>(256).fill("RAW");
  for (const [name, n] of Object.entries(table)) names[n] = name;
  return names;
}

const FACTS: ReadonlyMap<number, VersionFacts> = new Map([
  [1, {
    version: 1,
    typeNames: typeNames(OF10_T),
    barrierRequest: OF10_T.BARRIER_REQUEST,
    multipartReply: OF10_T.STATS_REPLY,
    errorNames: errorNamers(OF10_ET, OF10_CODES).knownNames,
  }],
  [4, {
    version: 4,
    typeNames: typeNames(OF13_T),
    barrierRequest: OF13_T.BARRIER_REQUEST,
    multipartReply: OF13_T.MULTIPART_REPLY,
    errorNames: errorNamers(OF13_ET, OF13_CODES).knownNames,
  }],
]);

/**
 * The facts of a wire version the codec decodes fully (1 and 4).
 *
 * @param version The wire version.
 * @returns Its facts, or undefined for a version decoded only as HELLO and RAW.
 */
export function versionFacts(version: number): VersionFacts | undefined {
  return FACTS.get(version);
}
