// OpenFlow 1.3 multipart bodies: decode and encode of every request and reply type.
// The structure families live beside it (group.ts, meter.ts, port.ts, table_features.ts);
// this file dispatches on the multipart type and holds the flat stats structs and the
// flow-stats reply, the hot one.

import { layout, readLayout, readList, writeLayout, writeList } from "../_layout.ts";
import type { Reader } from "../_reader.ts";
import { AGGREGATE_REPLY, readDesc, writeDesc } from "../_shared_structs.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { decodeInstructions, encodeInstructions } from "./_instructions_wire.ts";
import { decodeMatch, encodeMatch } from "./_oxm_wire.ts";
import { OFPMP } from "./constants.ts";
import {
  decodeGroupDescs,
  decodeGroupFeatures,
  decodeGroupStats,
  encodeGroupDescs,
  encodeGroupFeatures,
  encodeGroupStats,
} from "./group.ts";
import {
  decodeMeterConfigs,
  decodeMeterFeatures,
  decodeMeterStats,
  encodeMeterConfigs,
  encodeMeterFeatures,
  encodeMeterStats,
} from "./meter.ts";
import type {
  Of13AggregateBody,
  Of13ExperimenterBody,
  Of13FlowStats,
  Of13FlowStatsRequestBody,
  Of13MultipartReplyBody,
  Of13MultipartRequestBody,
  Of13PortStats,
  Of13QueueStats,
  Of13TableStats,
} from "./multipart_types.ts";
import { decodePorts, encodePorts } from "./port.ts";
import { decodeTableFeatures, encodeTableFeatures } from "./table_features.ts";

const PORT_STATS_REQUEST = layout(["portNo", "u32"], 4);
const QUEUE_REQUEST = layout(["portNo", "u32"], ["queueId", "u32"]);
const GROUP_REQUEST = layout(["groupId", "u32"], 4);
const METER_REQUEST = layout(["meterId", "u32"], 4);
const TABLE_STATS = layout(
  ["tableId", "u8"],
  3,
  ["activeCount", "u32"],
  ["lookupCount", "u64"],
  ["matchedCount", "u64"],
);
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

/** `ofp_flow_stats_request` before its match. */
const FLOW_STATS_REQUEST_LEN = 32;
/** `ofp_flow_stats` before its match. */
const FLOW_STATS_LEN = 48;
/** The smallest `ofp_flow_stats`: the fixed part and an empty match (4 bytes + 4 of padding). */
const FLOW_STATS_MIN_LEN = FLOW_STATS_LEN + 8;

/** Multipart types whose request has no body. */
const EMPTY_REQUESTS: ReadonlySet<string> = new Set([
  "DESC",
  "TABLE",
  "GROUP_DESC",
  "GROUP_FEATURES",
  "METER_FEATURES",
  "PORT_DESC",
]);

function decodeExperimenter(r: Reader, base: string): Of13ExperimenterBody {
  const experimenter = r.u32(`${base}.experimenter`);
  const expType = r.u32(`${base}.expType`);
  return {
    type: "EXPERIMENTER",
    experimenter,
    expType,
    data: r.bytesView(r.remaining, `${base}.data`),
  };
}

function encodeExperimenter(w: Writer, body: Of13ExperimenterBody, base: string): void {
  w.u32(body.experimenter, `${base}.experimenter`);
  w.u32(body.expType, `${base}.expType`);
  w.bytes(body.data, `${base}.data`);
}

/** Decodes a multipart request body; `r` is bounded to the body. */
export function decodeMultipartRequestBody(r: Reader, mpType: number): Of13MultipartRequestBody {
  switch (mpType) {
    case OFPMP.FLOW:
    case OFPMP.AGGREGATE:
      return decodeFlowStatsRequest(r, mpType === OFPMP.FLOW ? "FLOW" : "AGGREGATE");
    case OFPMP.PORT_STATS:
      return {
        type: "PORT_STATS",
        ...readLayout<{ portNo: number }>(r, PORT_STATS_REQUEST, "multipart_request.port_stats"),
      };
    case OFPMP.QUEUE:
      return {
        type: "QUEUE",
        ...readLayout<{ portNo: number; queueId: number }>(
          r,
          QUEUE_REQUEST,
          "multipart_request.queue",
        ),
      };
    case OFPMP.GROUP:
      return {
        type: "GROUP",
        ...readLayout<{ groupId: number }>(r, GROUP_REQUEST, "multipart_request.group"),
      };
    case OFPMP.METER:
    case OFPMP.METER_CONFIG:
      return {
        type: mpType === OFPMP.METER ? "METER" : "METER_CONFIG",
        ...readLayout<{ meterId: number }>(r, METER_REQUEST, "multipart_request.meter"),
      };
    case OFPMP.TABLE_FEATURES:
      return { type: "TABLE_FEATURES", entries: decodeTableFeatures(r, false) };
    case OFPMP.EXPERIMENTER:
      return decodeExperimenter(r, "multipart_request.experimenter");
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
      return {
        type: "UNKNOWN",
        multipartType: mpType,
        data: r.bytesView(r.remaining, "multipart_request.data"),
      };
  }
}

function decodeFlowStatsRequest(
  r: Reader,
  type: "FLOW" | "AGGREGATE",
): Of13FlowStatsRequestBody {
  r.need(FLOW_STATS_REQUEST_LEN, "multipart_request.flow");
  const tableId = r.u8("multipart_request.flow.tableId");
  r.pos += 3;
  const outPort = r.u32("multipart_request.flow.outPort");
  const outGroup = r.u32("multipart_request.flow.outGroup");
  r.pos += 4;
  const cookie = r.u64("multipart_request.flow.cookie");
  const cookieMask = r.u64("multipart_request.flow.cookieMask");
  const match = decodeMatch(r, "multipart_request.flow.match");
  return { type, tableId, outPort, outGroup, cookie, cookieMask, match };
}

/** Encodes a multipart request body (after the multipart header). */
export function encodeMultipartRequestBody(w: Writer, body: Of13MultipartRequestBody): void {
  switch (body.type) {
    case "FLOW":
    case "AGGREGATE":
      w.u8(body.tableId, "multipart_request.flow.tableId");
      w.zeros(3);
      w.u32(body.outPort, "multipart_request.flow.outPort");
      w.u32(body.outGroup, "multipart_request.flow.outGroup");
      w.zeros(4);
      w.u64(body.cookie, "multipart_request.flow.cookie");
      w.u64(body.cookieMask, "multipart_request.flow.cookieMask");
      return encodeMatch(w, body.match, "multipart_request.flow.match");
    case "PORT_STATS":
      return writeLayout(w, PORT_STATS_REQUEST, body, "multipart_request.port_stats");
    case "QUEUE":
      return writeLayout(w, QUEUE_REQUEST, body, "multipart_request.queue");
    case "GROUP":
      return writeLayout(w, GROUP_REQUEST, body, "multipart_request.group");
    case "METER":
    case "METER_CONFIG":
      return writeLayout(w, METER_REQUEST, body, "multipart_request.meter");
    case "TABLE_FEATURES":
      return encodeTableFeatures(w, body.entries, false);
    case "EXPERIMENTER":
      return encodeExperimenter(w, body, "multipart_request.experimenter");
    case "UNKNOWN":
      return w.bytes(body.data, "multipart_request.data");
    default:
      if (!EMPTY_REQUESTS.has(body.type)) {
        throw new OfpEncodeError(
          `Unknown multipart type ${String(body.type)}`,
          "multipart_request.body.type",
        );
      }
  }
}

/**
 * The multipart type number of a body.
 *
 * @throws {OfpEncodeError} For a body that is not an object or has an unknown `type`.
 */
export function multipartTypeOf(
  body: Of13MultipartRequestBody | Of13MultipartReplyBody,
  path: string,
): number {
  if (body === null || typeof body !== "object") {
    throw new OfpEncodeError("Expected a multipart body object", path);
  }
  if (body.type === "UNKNOWN") return body.multipartType;
  if (!Object.hasOwn(OFPMP, body.type)) {
    throw new OfpEncodeError(`Unknown multipart type ${String(body.type)}`, `${path}.type`);
  }
  return OFPMP[body.type];
}

/** Decodes a multipart reply body; `r` is bounded to the body. */
export function decodeMultipartReplyBody(r: Reader, mpType: number): Of13MultipartReplyBody {
  switch (mpType) {
    case OFPMP.DESC:
      return { type: "DESC", ...readDesc(r, "multipart_reply.desc") };
    case OFPMP.FLOW:
      return { type: "FLOW", entries: decodeFlowStats(r) };
    case OFPMP.AGGREGATE:
      return {
        type: "AGGREGATE",
        ...readLayout<Omit<Of13AggregateBody, "type">>(
          r,
          AGGREGATE_REPLY,
          "multipart_reply.aggregate",
        ),
      };
    case OFPMP.TABLE:
      return {
        type: "TABLE",
        entries: readList<Of13TableStats>(r, TABLE_STATS, "multipart_reply.table[]"),
      };
    case OFPMP.PORT_STATS:
      return {
        type: "PORT_STATS",
        entries: readList<Of13PortStats>(r, PORT_STATS, "multipart_reply.port_stats[]"),
      };
    case OFPMP.QUEUE:
      return {
        type: "QUEUE",
        entries: readList<Of13QueueStats>(r, QUEUE_STATS, "multipart_reply.queue[]"),
      };
    case OFPMP.GROUP:
      return { type: "GROUP", entries: decodeGroupStats(r) };
    case OFPMP.GROUP_DESC:
      return { type: "GROUP_DESC", entries: decodeGroupDescs(r) };
    case OFPMP.GROUP_FEATURES:
      return { type: "GROUP_FEATURES", ...decodeGroupFeatures(r) };
    case OFPMP.METER:
      return { type: "METER", entries: decodeMeterStats(r) };
    case OFPMP.METER_CONFIG:
      return { type: "METER_CONFIG", entries: decodeMeterConfigs(r) };
    case OFPMP.METER_FEATURES:
      return { type: "METER_FEATURES", ...decodeMeterFeatures(r) };
    case OFPMP.TABLE_FEATURES:
      return { type: "TABLE_FEATURES", entries: decodeTableFeatures(r, true) };
    case OFPMP.PORT_DESC:
      return { type: "PORT_DESC", entries: decodePorts(r, "multipart_reply.port_desc[]") };
    case OFPMP.EXPERIMENTER:
      return decodeExperimenter(r, "multipart_reply.experimenter");
    default:
      return {
        type: "UNKNOWN",
        multipartType: mpType,
        data: r.bytesView(r.remaining, "multipart_reply.data"),
      };
  }
}

/** Encodes a multipart reply body (after the multipart header). */
export function encodeMultipartReplyBody(w: Writer, body: Of13MultipartReplyBody): void {
  switch (body.type) {
    case "DESC":
      return writeDesc(w, body, "multipart_reply.desc");
    case "FLOW":
      return encodeFlowStats(w, body.entries);
    case "AGGREGATE":
      return writeLayout(w, AGGREGATE_REPLY, body, "multipart_reply.aggregate");
    case "TABLE":
      return writeList(w, TABLE_STATS, body.entries, "multipart_reply.table[]");
    case "PORT_STATS":
      return writeList(w, PORT_STATS, body.entries, "multipart_reply.port_stats[]");
    case "QUEUE":
      return writeList(w, QUEUE_STATS, body.entries, "multipart_reply.queue[]");
    case "GROUP":
      return encodeGroupStats(w, body.entries);
    case "GROUP_DESC":
      return encodeGroupDescs(w, body.entries);
    case "GROUP_FEATURES":
      return encodeGroupFeatures(w, body);
    case "METER":
      return encodeMeterStats(w, body.entries);
    case "METER_CONFIG":
      return encodeMeterConfigs(w, body.entries);
    case "METER_FEATURES":
      return encodeMeterFeatures(w, body);
    case "TABLE_FEATURES":
      return encodeTableFeatures(w, body.entries, true);
    case "PORT_DESC":
      return encodePorts(w, body.entries, "multipart_reply.port_desc[]");
    case "EXPERIMENTER":
      return encodeExperimenter(w, body, "multipart_reply.experimenter");
    case "UNKNOWN":
      return w.bytes(body.data, "multipart_reply.data");
    default:
      throw new OfpEncodeError(
        `Unknown multipart type ${String((body as { type: unknown }).type)}`,
        "multipart_reply.body.type",
      );
  }
}

// The hot multipart body: a flow dump is the largest reply a test usually reads. One
// bounds check covers the fixed part; paths are static (the error's offset names the entry).
function decodeFlowStats(r: Reader): Of13FlowStats[] {
  const out: Of13FlowStats[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const len = r.u16("multipart_reply.flow[].length");
    if (len < FLOW_STATS_MIN_LEN) {
      r.fail(
        `Flow stats length ${len} is below ${FLOW_STATS_MIN_LEN}`,
        "multipart_reply.flow[].length",
        at,
      );
    }
    const e = r.sub(len - 2, "multipart_reply.flow[].length");
    e.need(FLOW_STATS_LEN - 2, "multipart_reply.flow[]");
    const view = e.view;
    const p = e.pos;
    const tableId = view.getUint8(p);
    const durationSec = view.getUint32(p + 2);
    const durationNsec = view.getUint32(p + 6);
    const priority = view.getUint16(p + 10);
    const idleTimeout = view.getUint16(p + 12);
    const hardTimeout = view.getUint16(p + 14);
    const flags = view.getUint16(p + 16);
    const cookie = view.getBigUint64(p + 22);
    const packetCount = view.getBigUint64(p + 30);
    const byteCount = view.getBigUint64(p + 38);
    e.pos = p + FLOW_STATS_LEN - 2;
    const match = decodeMatch(e, "multipart_reply.flow[].match");
    const instructions = decodeInstructions(e, "multipart_reply.flow[].instructions");
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

function encodeFlowStats(w: Writer, entries: readonly Of13FlowStats[]): void {
  if (!Array.isArray(entries)) {
    throw new OfpEncodeError("Expected an array of flow stats", "multipart_reply.flow");
  }
  for (const f of entries as Of13FlowStats[]) {
    const start = w.pos;
    w.u16(0, "multipart_reply.flow[].length");
    w.u8(f.tableId, "multipart_reply.flow[].tableId");
    w.zeros(1);
    w.u32(f.durationSec, "multipart_reply.flow[].durationSec");
    w.u32(f.durationNsec, "multipart_reply.flow[].durationNsec");
    w.u16(f.priority, "multipart_reply.flow[].priority");
    w.u16(f.idleTimeout, "multipart_reply.flow[].idleTimeout");
    w.u16(f.hardTimeout, "multipart_reply.flow[].hardTimeout");
    w.u16(f.flags, "multipart_reply.flow[].flags");
    w.zeros(4);
    w.u64(f.cookie, "multipart_reply.flow[].cookie");
    w.u64(f.packetCount, "multipart_reply.flow[].packetCount");
    w.u64(f.byteCount, "multipart_reply.flow[].byteCount");
    encodeMatch(w, f.match, "multipart_reply.flow[].match");
    encodeInstructions(w, f.instructions, "multipart_reply.flow[].instructions");
    w.patchLength16(start, start, "multipart_reply.flow[].length");
  }
}
