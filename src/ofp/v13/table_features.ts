// `ofp_table_features` and its properties: the body of a TABLE_FEATURES request and reply.

import type { Reader } from "../_reader.ts";
import { readFixedString, writeFixedString } from "../_fixed_string.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { OFPTFPT } from "./constants.ts";
import type { Of13FeatureId, Of13TableFeatureProp, Of13TableFeatures } from "./multipart_types.ts";

/** `ofp_table_features` before its properties. */
const TABLE_FEATURES_LEN = 64;
/** The name field's size (`OFP_MAX_TABLE_NAME_LEN`). */
const TABLE_NAME_LEN = 32;

/** Number → property name, for the properties this codec interprets. */
const PROP_NAMES = new Map<number, Of13TableFeatureProp["type"]>(
  Object.entries(OFPTFPT).map(([name, n]) => [n, name as Of13TableFeatureProp["type"]]),
);

/** Field paths inside one table-features list, fixed per direction. */
interface Paths {
  list: string;
  length: string;
  tableId: string;
  padding: string;
  name: string;
  metadataMatch: string;
  metadataWrite: string;
  config: string;
  maxEntries: string;
  properties: string;
  propType: string;
  propLength: string;
  ids: string;
  idLength: string;
  tableIds: string;
  oxmIds: string;
  experimenter: string;
  expType: string;
  data: string;
}

function paths(base: string): Paths {
  const e = `${base}[]`;
  const p = `${e}.properties[]`;
  return {
    list: base,
    length: `${e}.length`,
    tableId: `${e}.tableId`,
    padding: `${e}.padding`,
    name: `${e}.name`,
    metadataMatch: `${e}.metadataMatch`,
    metadataWrite: `${e}.metadataWrite`,
    config: `${e}.config`,
    maxEntries: `${e}.maxEntries`,
    properties: `${e}.properties`,
    propType: `${p}.type`,
    propLength: `${p}.length`,
    ids: `${p}.ids`,
    idLength: `${p}.ids[].len`,
    tableIds: `${p}.tableIds`,
    oxmIds: `${p}.oxmIds`,
    experimenter: `${p}.experimenter`,
    expType: `${p}.expType`,
    data: `${p}.data`,
  };
}

const REQUEST_PATHS = paths("multipart_request.table_features");
const REPLY_PATHS = paths("multipart_reply.table_features");

/**
 * Reads `ofp_table_features` entries until `r` is exhausted.
 *
 * @param reply Whether this is a reply body (for error paths only).
 */
export function decodeTableFeatures(r: Reader, reply: boolean): Of13TableFeatures[] {
  const P = reply ? REPLY_PATHS : REQUEST_PATHS;
  const out: Of13TableFeatures[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const len = r.u16(P.length);
    if (len < TABLE_FEATURES_LEN) {
      r.fail(
        `Table features length ${len} is below its ${TABLE_FEATURES_LEN}-byte header`,
        P.length,
        at,
      );
    }
    const t = r.sub(len - 2, P.length);
    const tableId = t.u8(P.tableId);
    t.skip(5, P.padding);
    const name = readFixedString(t, TABLE_NAME_LEN, P.name);
    const metadataMatch = t.u64(P.metadataMatch);
    const metadataWrite = t.u64(P.metadataWrite);
    const config = t.u32(P.config);
    const maxEntries = t.u32(P.maxEntries);
    const properties: Of13TableFeatureProp[] = [];
    while (t.pos < t.end) properties.push(decodeProperty(t, P));
    out.push({ tableId, name, metadataMatch, metadataWrite, config, maxEntries, properties });
  }
  return out;
}

function decodeProperty(t: Reader, P: Paths): Of13TableFeatureProp {
  const at = t.pos;
  const propType = t.u16(P.propType);
  const len = t.u16(P.propLength);
  if (len < 4) t.fail(`Table feature property length ${len} is below 4`, P.propLength, at + 2);
  const p = t.sub(len - 4, P.propLength);
  // Each property is padded to 8 bytes; some switches cut the last one's padding short.
  t.pos = Math.min(at + ((len + 7) & ~7), t.end);
  const type = PROP_NAMES.get(propType);
  switch (type) {
    case "INSTRUCTIONS":
    case "INSTRUCTIONS_MISS":
    case "WRITE_ACTIONS":
    case "WRITE_ACTIONS_MISS":
    case "APPLY_ACTIONS":
    case "APPLY_ACTIONS_MISS": {
      // Instruction and action ids are type + length headers; experimenter ids carry
      // their experimenter id after it, kept as bytes.
      const ids: Of13FeatureId[] = [];
      while (p.pos < p.end) {
        const iat = p.pos;
        const idType = p.u16(P.ids);
        const idLen = p.u16(P.idLength);
        if (idLen < 4) p.fail(`Feature id length ${idLen} is below 4`, P.idLength, iat + 2);
        ids.push({ type: idType, data: p.bytesView(idLen - 4, P.idLength) });
      }
      return { type, ids };
    }
    case "NEXT_TABLES":
    case "NEXT_TABLES_MISS": {
      const tableIds: number[] = [];
      while (p.pos < p.end) tableIds.push(p.u8(P.tableIds));
      return { type, tableIds };
    }
    case "MATCH":
    case "WILDCARDS":
    case "WRITE_SETFIELD":
    case "WRITE_SETFIELD_MISS":
    case "APPLY_SETFIELD":
    case "APPLY_SETFIELD_MISS": {
      if ((len - 4) % 4 !== 0) {
        t.fail(`OXM id list of ${len - 4} bytes is not a multiple of 4`, P.propLength, at + 2);
      }
      const oxmIds: number[] = [];
      while (p.pos < p.end) oxmIds.push(p.u32(P.oxmIds));
      return { type, oxmIds };
    }
    case "EXPERIMENTER":
    case "EXPERIMENTER_MISS": {
      const experimenter = p.u32(P.experimenter);
      const expType = p.u32(P.expType);
      return { type, experimenter, expType, data: p.bytesView(p.remaining, P.data) };
    }
    default:
      return { type: "UNKNOWN", propType, data: p.bytesView(p.remaining, P.data) };
  }
}

/**
 * Writes `ofp_table_features` entries, computing lengths and padding.
 *
 * @param reply Whether this is a reply body (for error paths only).
 */
export function encodeTableFeatures(
  w: Writer,
  entries: readonly Of13TableFeatures[],
  reply: boolean,
): void {
  const P = reply ? REPLY_PATHS : REQUEST_PATHS;
  if (!Array.isArray(entries)) throw new OfpEncodeError("Expected an array of tables", P.list);
  for (const t of entries as Of13TableFeatures[]) {
    if (t === null || typeof t !== "object") {
      throw new OfpEncodeError("Expected a table features object", P.list);
    }
    const start = w.pos;
    w.u16(0, P.length);
    w.u8(t.tableId, P.tableId);
    w.zeros(5);
    writeFixedString(w, t.name, TABLE_NAME_LEN, P.name);
    w.u64(t.metadataMatch, P.metadataMatch);
    w.u64(t.metadataWrite, P.metadataWrite);
    w.u32(t.config, P.config);
    w.u32(t.maxEntries, P.maxEntries);
    if (!Array.isArray(t.properties)) {
      throw new OfpEncodeError("Expected an array of properties", P.properties);
    }
    for (const p of t.properties) encodeProperty(w, p, P);
    w.patchLength16(start, start, P.length);
  }
}

function encodeProperty(w: Writer, p: Of13TableFeatureProp, P: Paths): void {
  if (p === null || typeof p !== "object") {
    throw new OfpEncodeError("Expected a property object", P.properties);
  }
  const start = w.pos;
  const type = p.type === "UNKNOWN"
    ? p.propType
    : Object.hasOwn(OFPTFPT, p.type)
    ? OFPTFPT[p.type]
    : undefined;
  if (type === undefined) {
    throw new OfpEncodeError(`Unknown table feature property ${String(p.type)}`, P.propType);
  }
  w.u16(type, P.propType);
  w.u16(0, P.propLength);
  switch (p.type) {
    case "INSTRUCTIONS":
    case "INSTRUCTIONS_MISS":
    case "WRITE_ACTIONS":
    case "WRITE_ACTIONS_MISS":
    case "APPLY_ACTIONS":
    case "APPLY_ACTIONS_MISS":
      if (!Array.isArray(p.ids)) throw new OfpEncodeError("Expected an array of ids", P.ids);
      for (const id of p.ids) {
        const idStart = w.pos;
        w.u16(id.type, P.ids);
        w.u16(0, P.idLength);
        w.bytes(id.data, P.ids);
        w.patchLength16(idStart + 2, idStart, P.idLength);
      }
      break;
    case "NEXT_TABLES":
    case "NEXT_TABLES_MISS":
      if (!Array.isArray(p.tableIds)) {
        throw new OfpEncodeError("Expected an array of table ids", P.tableIds);
      }
      for (const id of p.tableIds) w.u8(id, P.tableIds);
      break;
    case "MATCH":
    case "WILDCARDS":
    case "WRITE_SETFIELD":
    case "WRITE_SETFIELD_MISS":
    case "APPLY_SETFIELD":
    case "APPLY_SETFIELD_MISS":
      if (!Array.isArray(p.oxmIds)) {
        throw new OfpEncodeError("Expected an array of OXM headers", P.oxmIds);
      }
      for (const id of p.oxmIds) w.u32(id, P.oxmIds);
      break;
    case "EXPERIMENTER":
    case "EXPERIMENTER_MISS":
      w.u32(p.experimenter, P.experimenter);
      w.u32(p.expType, P.expType);
      w.bytes(p.data, P.data);
      break;
    default:
      w.bytes(p.data, P.data);
  }
  w.patchLength16(start + 2, start, P.propLength);
  w.align(start, 8);
}
