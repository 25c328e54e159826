// OpenFlow 1.3 multipart bodies: decode and encode of every request and reply type.
import type { Reader } from "../_reader.ts";
import { AGGREGATE_REPLY, readDesc, writeDesc } from "../_shared_structs.ts";
import type { Writer } from "../_writer.ts";
import { layout, readLayout, readList, writeLayout, writeList } from "../_layout.ts";
import { readFixedString, writeFixedString } from "../_text.ts";
import { OfpEncodeError } from "../errors.ts";
import { OFPMP, OFPTFPT, TABLE_FEATURE_PROP_NAMES } from "./constants.ts";
import { decodeInstructions, encodeInstructions } from "./instructions.ts";
import { decodeMatch, encodeMatch } from "./oxm.ts";
import {
  decodeBands,
  decodeBuckets,
  decodePorts,
  encodeBands,
  encodeBuckets,
  encodePorts,
} from "./structs.ts";
import type {
  Of13FeatureId,
  Of13FlowStats,
  Of13GroupDesc,
  Of13GroupStats,
  Of13MeterConfig,
  Of13MeterStats,
  Of13MultipartReplyBody,
  Of13MultipartRequestBody,
  Of13TableFeatureProp,
  Of13TableFeatures,
} from "./multipart_types.ts";

const PORT_STATS_REQUEST = layout(["portNo", "u32"], 4);
const QUEUE_REQUEST = layout(["portNo", "u32"], ["queueId", "u32"]);
const GROUP_REQUEST = layout(["groupId", "u32"], 4);
const METER_REQUEST = layout(["meterId", "u32"], 4);
const TABLE_STATS = layout(["tableId", "u8"], 3, ["activeCount", "u32"], ["lookupCount", "u64"], [
  "matchedCount",
  "u64",
]);
const PORT_STATS = layout(
  ["portNo", "u32"],
  4,
  ["rxPackets", "u64"],
  ["txPackets", "u64"],
  ["rxBytes", "u64"],
  ["txBytes", "u64"],
  ["rxDropped", "u64"],
  ["txDropped", "u64"],
  ["rxErrors", "u64"],
  ["txErrors", "u64"],
  ["rxFrameErr", "u64"],
  ["rxOverErr", "u64"],
  ["rxCrcErr", "u64"],
  ["collisions", "u64"],
  ["durationSec", "u32"],
  ["durationNsec", "u32"],
);
const QUEUE_STATS = layout(
  ["portNo", "u32"],
  ["queueId", "u32"],
  ["txBytes", "u64"],
  ["txPackets", "u64"],
  ["txErrors", "u64"],
  ["durationSec", "u32"],
  ["durationNsec", "u32"],
);
const METER_FEATURES = layout(
  ["maxMeter", "u32"],
  ["bandTypes", "u32"],
  ["capabilities", "u32"],
  ["maxBands", "u8"],
  ["maxColor", "u8"],
  2,
);
const EMPTY_REQUESTS = new Set([
  "DESC",
  "TABLE",
  "GROUP_DESC",
  "GROUP_FEATURES",
  "METER_FEATURES",
  "PORT_DESC",
]);

function readExperimenter(r: Reader, path: string) {
  const experimenter = r.u32(path);
  const expType = r.u32(path);
  return {
    type: "EXPERIMENTER" as const,
    experimenter,
    expType,
    data: r.bytesView(r.remaining, path),
  };
}

/** Decodes a multipart request body; `r` is bounded to the body. */
export function decodeMultipartRequestBody(
  r: Reader,
  mpType: number,
  path: string,
): Of13MultipartRequestBody {
  switch (mpType) {
    case OFPMP.FLOW:
    case OFPMP.AGGREGATE: {
      r.need(32, path);
      const tableId = r.u8(path);
      r.skip(3, path);
      const outPort = r.u32(path);
      const outGroup = r.u32(path);
      r.skip(4, path);
      const cookie = r.u64(path);
      const cookieMask = r.u64(path);
      const match = decodeMatch(r, path);
      return {
        type: mpType === OFPMP.FLOW ? "FLOW" : "AGGREGATE",
        tableId,
        outPort,
        outGroup,
        cookie,
        cookieMask,
        match,
      };
    }
    case OFPMP.PORT_STATS:
      return { type: "PORT_STATS", ...readLayout<{ portNo: number }>(r, PORT_STATS_REQUEST, path) };
    case OFPMP.QUEUE:
      return {
        type: "QUEUE",
        ...readLayout<{ portNo: number; queueId: number }>(r, QUEUE_REQUEST, path),
      };
    case OFPMP.GROUP:
      return { type: "GROUP", ...readLayout<{ groupId: number }>(r, GROUP_REQUEST, path) };
    case OFPMP.METER:
    case OFPMP.METER_CONFIG:
      return {
        type: mpType === OFPMP.METER ? "METER" : "METER_CONFIG",
        ...readLayout<{ meterId: number }>(r, METER_REQUEST, path),
      };
    case OFPMP.TABLE_FEATURES:
      return { type: "TABLE_FEATURES", entries: decodeTableFeatures(r, path) };
    case OFPMP.EXPERIMENTER:
      return readExperimenter(r, path);
    case OFPMP.DESC:
      return { type: "DESC" };
    case OFPMP.TABLE:
      return { type: "TABLE" };
    case OFPMP.GROUP_DESC:
      return { type: "GROUP_DESC" };
    case OFPMP.GROUP_FEATURES:
      return { type: "GROUP_FEATURES" };
    case OFPMP.METER_FEATURES:
      return { type: "METER_FEATURES" };
    case OFPMP.PORT_DESC:
      return { type: "PORT_DESC" };
    default:
      return { type: "UNKNOWN", multipartType: mpType, data: r.bytesView(r.remaining, path) };
  }
}

/** Encodes a multipart request body and returns its multipart type number. */
export function encodeMultipartRequestBody(
  w: Writer,
  body: Of13MultipartRequestBody,
  path: string,
): void {
  switch (body.type) {
    case "FLOW":
    case "AGGREGATE":
      w.u8(body.tableId, path);
      w.zeros(3);
      w.u32(body.outPort, path);
      w.u32(body.outGroup, path);
      w.zeros(4);
      w.u64(body.cookie, path);
      w.u64(body.cookieMask, path);
      return encodeMatch(w, body.match, path);
    case "PORT_STATS":
      return writeLayout(w, PORT_STATS_REQUEST, body, path);
    case "QUEUE":
      return writeLayout(w, QUEUE_REQUEST, body, path);
    case "GROUP":
      return writeLayout(w, GROUP_REQUEST, body, path);
    case "METER":
    case "METER_CONFIG":
      return writeLayout(w, METER_REQUEST, body, path);
    case "TABLE_FEATURES":
      return encodeTableFeatures(w, body.entries, path);
    case "EXPERIMENTER":
      w.u32(body.experimenter, path);
      w.u32(body.expType, path);
      return w.bytes(body.data, path);
    case "UNKNOWN":
      return w.bytes(body.data, path);
    default:
      if (!EMPTY_REQUESTS.has(body.type)) {
        throw new OfpEncodeError(`Unknown multipart type ${String(body.type)}`, path);
      }
  }
}

/** The multipart type number of a body. */
export function multipartTypeOf(
  body: Of13MultipartRequestBody | Of13MultipartReplyBody,
  path: string,
): number {
  if (body === null || typeof body !== "object") {
    throw new OfpEncodeError("Expected a multipart body", path);
  }
  if (body.type === "UNKNOWN") return body.multipartType;
  const n = OFPMP[body.type as keyof typeof OFPMP];
  if (n === undefined) {
    throw new OfpEncodeError(`Unknown multipart type ${String(body.type)}`, path);
  }
  return n;
}

/** Decodes a multipart reply body; `r` is bounded to the body. */
export function decodeMultipartReplyBody(
  r: Reader,
  mpType: number,
  path: string,
): Of13MultipartReplyBody {
  switch (mpType) {
    case OFPMP.DESC: {
      return { type: "DESC", ...readDesc(r, path) };
    }
    case OFPMP.FLOW:
      return { type: "FLOW", entries: decodeFlowStats(r, path) };
    case OFPMP.AGGREGATE:
      return {
        type: "AGGREGATE",
        ...readLayout<{ packetCount: bigint; byteCount: bigint; flowCount: number }>(
          r,
          AGGREGATE_REPLY,
          path,
        ),
      };
    case OFPMP.TABLE:
      return { type: "TABLE", entries: readList(r, TABLE_STATS, path) };
    case OFPMP.PORT_STATS:
      return { type: "PORT_STATS", entries: readList(r, PORT_STATS, path) };
    case OFPMP.QUEUE:
      return { type: "QUEUE", entries: readList(r, QUEUE_STATS, path) };
    case OFPMP.GROUP:
      return { type: "GROUP", entries: decodeGroupStats(r, path) };
    case OFPMP.GROUP_DESC: {
      const entries: Of13GroupDesc[] = [];
      while (r.pos < r.end) {
        const at = r.pos;
        const len = r.u16(path);
        if (len < 8) r.fail(`Group description length ${len} is below 8`, path, at);
        const g = r.sub(len - 2, path);
        const groupType = g.u8(path);
        g.skip(1, path);
        const groupId = g.u32(path);
        entries.push({ groupType, groupId, buckets: decodeBuckets(g, path) });
      }
      return { type: "GROUP_DESC", entries };
    }
    case OFPMP.GROUP_FEATURES: {
      r.need(40, path);
      const types = r.u32(path);
      const capabilities = r.u32(path);
      const maxGroups = [r.u32(path), r.u32(path), r.u32(path), r.u32(path)] as [
        number,
        number,
        number,
        number,
      ];
      const actions = [r.u32(path), r.u32(path), r.u32(path), r.u32(path)] as [
        number,
        number,
        number,
        number,
      ];
      return { type: "GROUP_FEATURES", types, capabilities, maxGroups, actions };
    }
    case OFPMP.METER:
      return { type: "METER", entries: decodeMeterStats(r, path) };
    case OFPMP.METER_CONFIG: {
      const entries: Of13MeterConfig[] = [];
      while (r.pos < r.end) {
        const at = r.pos;
        const len = r.u16(path);
        if (len < 8) r.fail(`Meter config length ${len} is below 8`, path, at);
        const m = r.sub(len - 2, path);
        const flags = m.u16(path);
        const meterId = m.u32(path);
        entries.push({ flags, meterId, bands: decodeBands(m, path) });
      }
      return { type: "METER_CONFIG", entries };
    }
    case OFPMP.METER_FEATURES:
      return {
        type: "METER_FEATURES",
        ...readLayout<
          {
            maxMeter: number;
            bandTypes: number;
            capabilities: number;
            maxBands: number;
            maxColor: number;
          }
        >(
          r,
          METER_FEATURES,
          path,
        ),
      };
    case OFPMP.TABLE_FEATURES:
      return { type: "TABLE_FEATURES", entries: decodeTableFeatures(r, path) };
    case OFPMP.PORT_DESC:
      return { type: "PORT_DESC", entries: decodePorts(r, path) };
    case OFPMP.EXPERIMENTER:
      return readExperimenter(r, path);
    default:
      return { type: "UNKNOWN", multipartType: mpType, data: r.bytesView(r.remaining, path) };
  }
}

/** Encodes a multipart reply body. */
export function encodeMultipartReplyBody(
  w: Writer,
  body: Of13MultipartReplyBody,
  path: string,
): void {
  switch (body.type) {
    case "DESC":
      return writeDesc(w, body, path);
    case "FLOW":
      return encodeFlowStats(w, body.entries, path);
    case "AGGREGATE":
      return writeLayout(w, AGGREGATE_REPLY, body, path);
    case "TABLE":
      return writeList(w, TABLE_STATS, body.entries, path);
    case "PORT_STATS":
      return writeList(w, PORT_STATS, body.entries, path);
    case "QUEUE":
      return writeList(w, QUEUE_STATS, body.entries, path);
    case "GROUP":
      for (const g of body.entries) {
        const start = w.pos;
        w.u16(0, path);
        w.zeros(2);
        w.u32(g.groupId, path);
        w.u32(g.refCount, path);
        w.zeros(4);
        w.u64(g.packetCount, path);
        w.u64(g.byteCount, path);
        w.u32(g.durationSec, path);
        w.u32(g.durationNsec, path);
        for (const b of g.bucketStats) {
          w.u64(b.packetCount, path);
          w.u64(b.byteCount, path);
        }
        w.patchLength16(start, start, path);
      }
      return;
    case "GROUP_DESC":
      for (const g of body.entries) {
        const start = w.pos;
        w.u16(0, path);
        w.u8(g.groupType, path);
        w.zeros(1);
        w.u32(g.groupId, path);
        encodeBuckets(w, g.buckets, path);
        w.patchLength16(start, start, path);
      }
      return;
    case "GROUP_FEATURES":
      w.u32(body.types, path);
      w.u32(body.capabilities, path);
      for (let i = 0; i < 4; i++) w.u32(body.maxGroups[i], path);
      for (let i = 0; i < 4; i++) w.u32(body.actions[i], path);
      return;
    case "METER":
      for (const m of body.entries) {
        const start = w.pos;
        w.u32(m.meterId, path);
        w.u16(0, path);
        w.zeros(6);
        w.u32(m.flowCount, path);
        w.u64(m.packetInCount, path);
        w.u64(m.byteInCount, path);
        w.u32(m.durationSec, path);
        w.u32(m.durationNsec, path);
        for (const b of m.bandStats) {
          w.u64(b.packetBandCount, path);
          w.u64(b.byteBandCount, path);
        }
        w.patchLength16(start + 4, start, path);
      }
      return;
    case "METER_CONFIG":
      for (const m of body.entries) {
        const start = w.pos;
        w.u16(0, path);
        w.u16(m.flags, path);
        w.u32(m.meterId, path);
        encodeBands(w, m.bands, path);
        w.patchLength16(start, start, path);
      }
      return;
    case "METER_FEATURES":
      return writeLayout(w, METER_FEATURES, body, path);
    case "TABLE_FEATURES":
      return encodeTableFeatures(w, body.entries, path);
    case "PORT_DESC":
      return encodePorts(w, body.entries, path);
    case "EXPERIMENTER":
      w.u32(body.experimenter, path);
      w.u32(body.expType, path);
      return w.bytes(body.data, path);
    case "UNKNOWN":
      return w.bytes(body.data, path);
    default:
      throw new OfpEncodeError(
        `Unknown multipart type ${String((body as { type: unknown }).type)}`,
        path,
      );
  }
}

// The hot multipart body: a flow dump is the largest reply a test usually reads.
function decodeFlowStats(r: Reader, path: string): Of13FlowStats[] {
  const out: Of13FlowStats[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const len = r.u16(path);
    if (len < 56) r.fail(`Flow stats length ${len} is below 56`, path, at);
    const e = r.sub(len - 2, path);
    e.need(46, path);
    const tableId = e.u8(path);
    e.pos += 1;
    const durationSec = e.u32(path);
    const durationNsec = e.u32(path);
    const priority = e.u16(path);
    const idleTimeout = e.u16(path);
    const hardTimeout = e.u16(path);
    const flags = e.u16(path);
    e.pos += 4;
    const cookie = e.u64(path);
    const packetCount = e.u64(path);
    const byteCount = e.u64(path);
    const match = decodeMatch(e, path);
    const instructions = decodeInstructions(e, path);
    out.push({
      tableId,
      durationSec,
      durationNsec,
      priority,
      idleTimeout,
      hardTimeout,
      flags,
      cookie,
      packetCount,
      byteCount,
      match,
      instructions,
    });
  }
  return out;
}

function encodeFlowStats(w: Writer, entries: readonly Of13FlowStats[], path: string): void {
  for (const f of entries) {
    const start = w.pos;
    w.u16(0, path);
    w.u8(f.tableId, path);
    w.zeros(1);
    w.u32(f.durationSec, path);
    w.u32(f.durationNsec, path);
    w.u16(f.priority, path);
    w.u16(f.idleTimeout, path);
    w.u16(f.hardTimeout, path);
    w.u16(f.flags, path);
    w.zeros(4);
    w.u64(f.cookie, path);
    w.u64(f.packetCount, path);
    w.u64(f.byteCount, path);
    encodeMatch(w, f.match, path);
    encodeInstructions(w, f.instructions, path);
    w.patchLength16(start, start, path);
  }
}

function decodeGroupStats(r: Reader, path: string): Of13GroupStats[] {
  const out: Of13GroupStats[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const len = r.u16(path);
    if (len < 40 || (len - 40) % 16 !== 0) {
      r.fail(`Group stats length ${len} is not 40 + 16 per bucket`, path, at);
    }
    const g = r.sub(len - 2, path);
    g.skip(2, path);
    const groupId = g.u32(path);
    const refCount = g.u32(path);
    g.skip(4, path);
    const packetCount = g.u64(path);
    const byteCount = g.u64(path);
    const durationSec = g.u32(path);
    const durationNsec = g.u32(path);
    const bucketStats: { packetCount: bigint; byteCount: bigint }[] = [];
    while (g.pos < g.end) bucketStats.push({ packetCount: g.u64(path), byteCount: g.u64(path) });
    out.push({ groupId, refCount, packetCount, byteCount, durationSec, durationNsec, bucketStats });
  }
  return out;
}

function decodeMeterStats(r: Reader, path: string): Of13MeterStats[] {
  const out: Of13MeterStats[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const meterId = r.u32(path);
    const len = r.u16(path);
    if (len < 40 || (len - 40) % 16 !== 0) {
      r.fail(`Meter stats length ${len} is not 40 + 16 per band`, path, at + 4);
    }
    const m = r.sub(len - 6, path);
    m.skip(6, path);
    const flowCount = m.u32(path);
    const packetInCount = m.u64(path);
    const byteInCount = m.u64(path);
    const durationSec = m.u32(path);
    const durationNsec = m.u32(path);
    const bandStats: { packetBandCount: bigint; byteBandCount: bigint }[] = [];
    while (m.pos < m.end) {
      bandStats.push({ packetBandCount: m.u64(path), byteBandCount: m.u64(path) });
    }
    out.push({
      meterId,
      flowCount,
      packetInCount,
      byteInCount,
      durationSec,
      durationNsec,
      bandStats,
    });
  }
  return out;
}

const ID_PROPS = new Set([
  "INSTRUCTIONS",
  "INSTRUCTIONS_MISS",
  "WRITE_ACTIONS",
  "WRITE_ACTIONS_MISS",
  "APPLY_ACTIONS",
  "APPLY_ACTIONS_MISS",
]);
const OXM_PROPS = new Set([
  "MATCH",
  "WILDCARDS",
  "WRITE_SETFIELD",
  "WRITE_SETFIELD_MISS",
  "APPLY_SETFIELD",
  "APPLY_SETFIELD_MISS",
]);

function decodeTableFeatures(r: Reader, path: string): Of13TableFeatures[] {
  const out: Of13TableFeatures[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const len = r.u16(path);
    if (len < 64) r.fail(`Table features length ${len} is below 64`, path, at);
    const t = r.sub(len - 2, path);
    const tableId = t.u8(path);
    t.skip(5, path);
    const name = readFixedString(t, 32, path);
    const metadataMatch = t.u64(path);
    const metadataWrite = t.u64(path);
    const config = t.u32(path);
    const maxEntries = t.u32(path);
    const properties: Of13TableFeatureProp[] = [];
    while (t.pos < t.end) {
      const pat = t.pos;
      const propType = t.u16(path);
      const plen = t.u16(path);
      if (plen < 4) t.fail(`Table feature property length ${plen} is below 4`, path, pat + 2);
      const p = t.sub(plen - 4, path);
      const padded = (plen + 7) & ~7;
      // The last property's padding may be cut short by some switches; tolerate it.
      t.pos = Math.min(pat + padded, t.end);
      const name = TABLE_FEATURE_PROP_NAMES.get(propType);
      if (name !== undefined && ID_PROPS.has(name)) {
        const ids: Of13FeatureId[] = [];
        while (p.pos < p.end) {
          const iat = p.pos;
          const type = p.u16(path);
          const ilen = p.u16(path);
          if (ilen < 4) p.fail(`Feature id length ${ilen} is below 4`, path, iat + 2);
          ids.push({ type, data: p.bytesView(ilen - 4, path) });
        }
        properties.push({ type: name as "INSTRUCTIONS", ids });
      } else if (name === "NEXT_TABLES" || name === "NEXT_TABLES_MISS") {
        const tableIds: number[] = [];
        while (p.pos < p.end) tableIds.push(p.u8(path));
        properties.push({ type: name, tableIds });
      } else if (name !== undefined && OXM_PROPS.has(name)) {
        if ((plen - 4) % 4 !== 0) {
          p.fail(`OXM id list of ${plen - 4} bytes is not a multiple of 4`, path, pat + 2);
        }
        const oxmIds: number[] = [];
        while (p.pos < p.end) oxmIds.push(p.u32(path));
        properties.push({ type: name as "MATCH", oxmIds });
      } else if (name === "EXPERIMENTER" || name === "EXPERIMENTER_MISS") {
        const experimenter = p.u32(path);
        const expType = p.u32(path);
        properties.push({
          type: name,
          experimenter,
          expType,
          data: p.bytesView(p.remaining, path),
        });
      } else {
        properties.push({ type: "UNKNOWN", propType, data: p.bytesView(p.remaining, path) });
      }
    }
    out.push({ tableId, name, metadataMatch, metadataWrite, config, maxEntries, properties });
  }
  return out;
}

function encodeTableFeatures(w: Writer, entries: readonly Of13TableFeatures[], path: string): void {
  if (!Array.isArray(entries)) {
    throw new OfpEncodeError("Expected an array of table features", path);
  }
  for (const t of entries as Of13TableFeatures[]) {
    const start = w.pos;
    w.u16(0, path);
    w.u8(t.tableId, path);
    w.zeros(5);
    writeFixedString(w, t.name, 32, path);
    w.u64(t.metadataMatch, path);
    w.u64(t.metadataWrite, path);
    w.u32(t.config, path);
    w.u32(t.maxEntries, path);
    for (const p of t.properties) {
      const pstart = w.pos;
      const type = p.type === "UNKNOWN" ? p.propType : OFPTFPT[p.type];
      if (type === undefined) {
        throw new OfpEncodeError(`Unknown table feature property ${String(p.type)}`, path);
      }
      w.u16(type, path);
      w.u16(0, path);
      if ("ids" in p) {
        for (const id of p.ids) {
          w.u16(id.type, path);
          w.u16(4 + id.data.length, path);
          w.bytes(id.data, path);
        }
      } else if ("tableIds" in p) {
        for (const id of p.tableIds) w.u8(id, path);
      } else if ("oxmIds" in p) {
        for (const id of p.oxmIds) w.u32(id, path);
      } else if (p.type === "EXPERIMENTER" || p.type === "EXPERIMENTER_MISS") {
        w.u32(p.experimenter, path);
        w.u32(p.expType, path);
        w.bytes(p.data, path);
      } else {
        w.bytes(p.data, path);
      }
      w.patchLength16(pstart + 2, pstart, path);
      w.align(pstart, 8);
    }
    w.patchLength16(start, start, path);
  }
}
