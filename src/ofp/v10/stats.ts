// OpenFlow 1.0 stats bodies: the request and reply body of every OFPST type.

import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { decodeActions10, encodeActions10 } from "./_actions_wire.ts";
import { readFixedString, writeFixedString } from "../_fixed_string.ts";
import { atField } from "./_fields.ts";
import { decodeMatch10, encodeMatch10 } from "./_match_wire.ts";
import { OFPST } from "./constants.ts";
import type {
  Of10DescStatsBody,
  Of10FlowStats,
  Of10PortStats,
  Of10QueueStats,
  Of10StatsReplyBody,
  Of10StatsRequestBody,
  Of10TableStats,
} from "./types.ts";

// Sizes in bytes, from openflow-1.0.h.
const FLOW_STATS_LEN = 88; // ofp_flow_stats without its actions
const TABLE_STATS_LEN = 64; // ofp_table_stats
const PORT_STATS_LEN = 104; // ofp_port_stats
const QUEUE_STATS_LEN = 32; // ofp_queue_stats
const AGGREGATE_LEN = 24; // ofp_aggregate_stats_reply
const DESC_LEN = 1056; // ofp_desc_stats
const DESC_STR_LEN = 256;
const SERIAL_NUM_LEN = 32;
const TABLE_NAME_LEN = 32; // OFP_MAX_TABLE_NAME_LEN

/** Checks that a list of fixed-size entries fills its space exactly. */
function checkEntries(r: Reader, size: number, what: string, path: string): void {
  if (r.remaining % size !== 0) {
    r.fail(`${what} stats of ${r.remaining} bytes is not a multiple of ${size}`, path);
  }
}

/** Decodes a stats request body of type `statsType`; `r` covers the body. @internal */
export function decodeStatsRequestBody(r: Reader, statsType: number): Of10StatsRequestBody {
  switch (statsType) {
    case OFPST.DESC:
      return { type: "DESC" };
    case OFPST.TABLE:
      return { type: "TABLE" };
    case OFPST.FLOW:
    case OFPST.AGGREGATE: {
      const match = decodeMatch10(r, "stats_request.flow.match");
      r.need(4, "stats_request.flow");
      const tableId = r.u8("stats_request.flow.tableId");
      r.pos += 1;
      const outPort = r.u16("stats_request.flow.outPort");
      return { type: statsType === OFPST.FLOW ? "FLOW" : "AGGREGATE", match, tableId, outPort };
    }
    case OFPST.PORT: {
      const portNo = r.u16("stats_request.port.portNo");
      r.skip(6, "stats_request.port.pad");
      return { type: "PORT", portNo };
    }
    case OFPST.QUEUE: {
      const portNo = r.u16("stats_request.queue.portNo");
      r.skip(2, "stats_request.queue.pad");
      return { type: "QUEUE", portNo, queueId: r.u32("stats_request.queue.queueId") };
    }
    case OFPST.VENDOR: {
      const vendor = r.u32("stats_request.vendor.vendor");
      return { type: "VENDOR", vendor, data: r.bytesView(r.remaining, "stats_request.vendor") };
    }
    default:
      return { type: "UNKNOWN", statsType, data: r.bytesView(r.remaining, "stats_request") };
  }
}

function decodeFlowStats(r: Reader): Of10FlowStats[] {
  const entries: Of10FlowStats[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const len = r.u16("stats_reply.flow[].length");
    if (len < FLOW_STATS_LEN) {
      r.fail(
        `Flow stats length ${len} is below the ${FLOW_STATS_LEN}-byte minimum`,
        "stats_reply.flow[].length",
        at,
      );
    }
    r.pos = at;
    const e = r.sub(len, "stats_reply.flow[].length");
    const v = e.view;
    const tableId = v.getUint8(at + 2);
    e.pos = at + 4;
    const match = decodeMatch10(e, "stats_reply.flow[].match");
    const p = e.pos;
    const durationSec = v.getUint32(p);
    const durationNsec = v.getUint32(p + 4);
    const priority = v.getUint16(p + 8);
    const idleTimeout = v.getUint16(p + 10);
    const hardTimeout = v.getUint16(p + 12);
    const cookie = v.getBigUint64(p + 20);
    const packetCount = v.getBigUint64(p + 28);
    const byteCount = v.getBigUint64(p + 36);
    e.pos = at + FLOW_STATS_LEN;
    const actions = decodeActions10(e, "stats_reply.flow[].actions[]");
    entries.push({
      tableId,
      match,
      durationSec,
      durationNsec,
      priority,
      idleTimeout,
      hardTimeout,
      cookie,
      packetCount,
      byteCount,
      actions,
    });
  }
  return entries;
}

function decodeDesc(r: Reader): Of10DescStatsBody {
  r.need(DESC_LEN, "stats_reply.desc");
  return {
    type: "DESC",
    mfrDesc: readFixedString(r, DESC_STR_LEN, "stats_reply.desc.mfrDesc"),
    hwDesc: readFixedString(r, DESC_STR_LEN, "stats_reply.desc.hwDesc"),
    swDesc: readFixedString(r, DESC_STR_LEN, "stats_reply.desc.swDesc"),
    serialNum: readFixedString(r, SERIAL_NUM_LEN, "stats_reply.desc.serialNum"),
    dpDesc: readFixedString(r, DESC_STR_LEN, "stats_reply.desc.dpDesc"),
  };
}

// The entry decoders below run after checkEntries: each entry is whole.
function decodeTableStats(r: Reader): Of10TableStats[] {
  const out: Of10TableStats[] = [];
  const v = r.view;
  while (r.pos < r.end) {
    const p = r.pos;
    r.pos = p + 4;
    const name = readFixedString(r, TABLE_NAME_LEN, "stats_reply.table[].name");
    r.pos = p + TABLE_STATS_LEN;
    out.push({
      tableId: v.getUint8(p),
      name,
      wildcards: v.getUint32(p + 36),
      maxEntries: v.getUint32(p + 40),
      activeCount: v.getUint32(p + 44),
      lookupCount: v.getBigUint64(p + 48),
      matchedCount: v.getBigUint64(p + 56),
    });
  }
  return out;
}

function decodePortStats(r: Reader): Of10PortStats[] {
  const out: Of10PortStats[] = [];
  const v = r.view;
  while (r.pos < r.end) {
    const p = r.pos;
    r.pos = p + PORT_STATS_LEN;
    out.push({
      portNo: v.getUint16(p),
      rxPackets: v.getBigUint64(p + 8),
      txPackets: v.getBigUint64(p + 16),
      rxBytes: v.getBigUint64(p + 24),
      txBytes: v.getBigUint64(p + 32),
      rxDropped: v.getBigUint64(p + 40),
      txDropped: v.getBigUint64(p + 48),
      rxErrors: v.getBigUint64(p + 56),
      txErrors: v.getBigUint64(p + 64),
      rxFrameErr: v.getBigUint64(p + 72),
      rxOverErr: v.getBigUint64(p + 80),
      rxCrcErr: v.getBigUint64(p + 88),
      collisions: v.getBigUint64(p + 96),
    });
  }
  return out;
}

function decodeQueueStats(r: Reader): Of10QueueStats[] {
  const out: Of10QueueStats[] = [];
  const v = r.view;
  while (r.pos < r.end) {
    const p = r.pos;
    r.pos = p + QUEUE_STATS_LEN;
    out.push({
      portNo: v.getUint16(p),
      queueId: v.getUint32(p + 4),
      txBytes: v.getBigUint64(p + 8),
      txPackets: v.getBigUint64(p + 16),
      txErrors: v.getBigUint64(p + 24),
    });
  }
  return out;
}

/** Decodes a stats reply body of type `statsType`; `r` covers the body. @internal */
export function decodeStatsReplyBody(r: Reader, statsType: number): Of10StatsReplyBody {
  switch (statsType) {
    case OFPST.DESC:
      return decodeDesc(r);
    case OFPST.FLOW:
      return { type: "FLOW", entries: decodeFlowStats(r) };
    case OFPST.AGGREGATE: {
      r.need(AGGREGATE_LEN, "stats_reply.aggregate");
      const v = r.view, p = r.pos;
      r.pos = p + AGGREGATE_LEN;
      return {
        type: "AGGREGATE",
        packetCount: v.getBigUint64(p),
        byteCount: v.getBigUint64(p + 8),
        flowCount: v.getUint32(p + 16),
      };
    }
    case OFPST.TABLE:
      checkEntries(r, TABLE_STATS_LEN, "Table", "stats_reply.table");
      return { type: "TABLE", entries: decodeTableStats(r) };
    case OFPST.PORT:
      checkEntries(r, PORT_STATS_LEN, "Port", "stats_reply.port");
      return { type: "PORT", entries: decodePortStats(r) };
    case OFPST.QUEUE:
      checkEntries(r, QUEUE_STATS_LEN, "Queue", "stats_reply.queue");
      return { type: "QUEUE", entries: decodeQueueStats(r) };
    case OFPST.VENDOR: {
      const vendor = r.u32("stats_reply.vendor.vendor");
      return { type: "VENDOR", vendor, data: r.bytesView(r.remaining, "stats_reply.vendor") };
    }
    default:
      return { type: "UNKNOWN", statsType, data: r.bytesView(r.remaining, "stats_reply") };
  }
}

/** The OFPST number of a body, checked. @internal */
export function statsTypeNumber(
  body: Of10StatsRequestBody | Of10StatsReplyBody,
  path: string,
): number {
  if (body === null || typeof body !== "object") {
    throw new OfpEncodeError(`Expected a stats body object, got ${String(body)}`, path);
  }
  if (body.type === "UNKNOWN") return body.statsType;
  const type = body.type as string;
  if (!Object.hasOwn(OFPST, type)) {
    throw new OfpEncodeError(`Unknown stats type ${String(type)}`, `${path}.type`);
  }
  return OFPST[type as keyof typeof OFPST];
}

/** Writes a stats request body (after the type and flags). @internal */
export function encodeStatsRequestBody(w: Writer, body: Of10StatsRequestBody, path: string): void {
  switch (body.type) {
    case "DESC":
    case "TABLE":
      return;
    case "FLOW":
    case "AGGREGATE":
      encodeMatch10(w, body.match, `${path}.match`);
      w.u8(body.tableId, `${path}.tableId`);
      w.zeros(1);
      w.u16(body.outPort, `${path}.outPort`);
      return;
    case "PORT":
      w.u16(body.portNo, `${path}.portNo`);
      return w.zeros(6);
    case "QUEUE":
      w.u16(body.portNo, `${path}.portNo`);
      w.zeros(2);
      return w.u32(body.queueId, `${path}.queueId`);
    case "VENDOR":
      w.u32(body.vendor, `${path}.vendor`);
      return w.bytes(body.data, `${path}.data`);
    case "UNKNOWN":
      return w.bytes(body.data, `${path}.data`);
    default:
      throw new OfpEncodeError(
        `Stats type ${String((body as { type: unknown }).type)} has no request body`,
        `${path}.type`,
      );
  }
}

function encodeFlowStats(w: Writer, entries: readonly Of10FlowStats[]): void {
  if (!Array.isArray(entries)) {
    throw new OfpEncodeError("Expected an array of flow stats", "stats_reply.body.entries");
  }
  for (const f of entries as Of10FlowStats[]) {
    if (f === null || typeof f !== "object") {
      throw new OfpEncodeError(`Expected a flow stats object, got ${f}`, "stats_reply.flow[]");
    }
    const start = w.pos;
    w.u16(0, "stats_reply.flow[].length");
    w.u8(f.tableId, "stats_reply.flow[].tableId");
    w.zeros(1);
    encodeMatch10(w, f.match, "stats_reply.flow[].match");
    w.u32(f.durationSec, "stats_reply.flow[].durationSec");
    w.u32(f.durationNsec, "stats_reply.flow[].durationNsec");
    w.u16(f.priority, "stats_reply.flow[].priority");
    w.u16(f.idleTimeout, "stats_reply.flow[].idleTimeout");
    w.u16(f.hardTimeout, "stats_reply.flow[].hardTimeout");
    w.zeros(6);
    w.u64(f.cookie, "stats_reply.flow[].cookie");
    w.u64(f.packetCount, "stats_reply.flow[].packetCount");
    w.u64(f.byteCount, "stats_reply.flow[].byteCount");
    encodeActions10(w, f.actions, "stats_reply.flow[].actions[]");
    w.patchLength16(start, start, "stats_reply.flow[].length");
  }
}

/** Checks that a reply's `entries` is an array of objects. */
function entriesOf<T>(entries: readonly T[], path: string): readonly T[] {
  if (!Array.isArray(entries)) {
    throw new OfpEncodeError(
      `Expected an array of entries, got ${typeof entries}`,
      `${path}.entries`,
    );
  }
  for (const e of entries) {
    if (e === null || typeof e !== "object") {
      throw new OfpEncodeError(`Expected an entry object, got ${String(e)}`, `${path}.entries[]`);
    }
  }
  return entries;
}

function encodeTableStats(w: Writer, entries: readonly Of10TableStats[]): void {
  const path = "stats_reply.table[]";
  let field = "tableId";
  try {
    for (const t of entries) {
      field = "tableId";
      w.u8(t.tableId, path);
      w.zeros(3);
      field = "name";
      writeFixedString(w, t.name, TABLE_NAME_LEN, path);
      field = "wildcards";
      w.u32(t.wildcards, path);
      field = "maxEntries";
      w.u32(t.maxEntries, path);
      field = "activeCount";
      w.u32(t.activeCount, path);
      field = "lookupCount";
      w.u64(t.lookupCount, path);
      field = "matchedCount";
      w.u64(t.matchedCount, path);
    }
  } catch (e) {
    throw atField(e, path, field);
  }
}

function encodePortStats(w: Writer, entries: readonly Of10PortStats[]): void {
  const path = "stats_reply.port[]";
  let field = "portNo";
  try {
    for (const s of entries) {
      field = "portNo";
      w.u16(s.portNo, path);
      w.zeros(6);
      field = "rxPackets";
      w.u64(s.rxPackets, path);
      field = "txPackets";
      w.u64(s.txPackets, path);
      field = "rxBytes";
      w.u64(s.rxBytes, path);
      field = "txBytes";
      w.u64(s.txBytes, path);
      field = "rxDropped";
      w.u64(s.rxDropped, path);
      field = "txDropped";
      w.u64(s.txDropped, path);
      field = "rxErrors";
      w.u64(s.rxErrors, path);
      field = "txErrors";
      w.u64(s.txErrors, path);
      field = "rxFrameErr";
      w.u64(s.rxFrameErr, path);
      field = "rxOverErr";
      w.u64(s.rxOverErr, path);
      field = "rxCrcErr";
      w.u64(s.rxCrcErr, path);
      field = "collisions";
      w.u64(s.collisions, path);
    }
  } catch (e) {
    throw atField(e, path, field);
  }
}

function encodeQueueStats(w: Writer, entries: readonly Of10QueueStats[]): void {
  const path = "stats_reply.queue[]";
  let field = "portNo";
  try {
    for (const q of entries) {
      field = "portNo";
      w.u16(q.portNo, path);
      w.zeros(2);
      field = "queueId";
      w.u32(q.queueId, path);
      field = "txBytes";
      w.u64(q.txBytes, path);
      field = "txPackets";
      w.u64(q.txPackets, path);
      field = "txErrors";
      w.u64(q.txErrors, path);
    }
  } catch (e) {
    throw atField(e, path, field);
  }
}

/** Writes a stats reply body (after the type and flags). @internal */
export function encodeStatsReplyBody(w: Writer, body: Of10StatsReplyBody, path: string): void {
  switch (body.type) {
    case "DESC":
      writeFixedString(w, body.mfrDesc, DESC_STR_LEN, `${path}.mfrDesc`);
      writeFixedString(w, body.hwDesc, DESC_STR_LEN, `${path}.hwDesc`);
      writeFixedString(w, body.swDesc, DESC_STR_LEN, `${path}.swDesc`);
      writeFixedString(w, body.serialNum, SERIAL_NUM_LEN, `${path}.serialNum`);
      return writeFixedString(w, body.dpDesc, DESC_STR_LEN, `${path}.dpDesc`);
    case "FLOW":
      return encodeFlowStats(w, body.entries);
    case "AGGREGATE":
      w.u64(body.packetCount, `${path}.packetCount`);
      w.u64(body.byteCount, `${path}.byteCount`);
      w.u32(body.flowCount, `${path}.flowCount`);
      return w.zeros(4);
    case "TABLE":
      return encodeTableStats(w, entriesOf(body.entries, path));
    case "PORT":
      return encodePortStats(w, entriesOf(body.entries, path));
    case "QUEUE":
      return encodeQueueStats(w, entriesOf(body.entries, path));
    case "VENDOR":
      w.u32(body.vendor, `${path}.vendor`);
      return w.bytes(body.data, `${path}.data`);
    case "UNKNOWN":
      return w.bytes(body.data, `${path}.data`);
  }
}
