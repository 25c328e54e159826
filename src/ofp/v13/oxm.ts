// OpenFlow 1.3 OXM match fields. (Stub: filled in by the OpenFlow 1.3 match/action work.)
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";

/** One OXM TLV of an OpenFlow 1.3 match. */
export type OxmTlv = { field: string; value: unknown; mask?: unknown };

/** An OpenFlow 1.3 match: its OXM TLVs in wire order. */
export type Of13Match = OxmTlv[];

/** Decodes `ofp_match` (header, OXMs, padding to 8). */
export function decodeMatch(r: Reader, path: string): Of13Match {
  r.skip(0, path);
  throw new Error("not implemented");
}

/** Encodes `ofp_match` (header, OXMs, padding to 8). */
export function encodeMatch(_w: Writer, _match: Of13Match, _path: string): void {
  throw new Error("not implemented");
}
