// OpenFlow 1.0 message dispatch: decode and encode of every message type, match, action
// and stats body.
import type { Reader } from "../_reader.ts";
import { AGGREGATE_REPLY, readDesc, writeDesc } from "../_shared_structs.ts";
import type { Writer } from "../_writer.ts";
import { layout, readLayout, readList, writeLayout, writeList } from "../_layout.ts";
import { readIpv4, readMac, writeIpv4, writeMac } from "../_text.ts";
import { OfpEncodeError } from "../errors.ts";
import { beginMessage, endMessage } from "../header.ts";
import type { RawMessage } from "../raw.ts";
import { OFPAT, OFPQT, OFPST, OFPT } from "./constants.ts";
import type {
  Of10Action,
  Of10FlowStats,
  Of10Match,
  Of10Message,
  Of10PacketQueue,
  Of10PhyPort,
  Of10QueueProp,
  Of10StatsReplyBody,
  Of10StatsRequestBody,
} from "./types.ts";

const PHY_PORT = layout(
  ["portNo", "u16"],
  ["hwAddr", "mac"],
  ["name", { str: 16 }],
  ["config", "u32"],
  ["state", "u32"],
  ["curr", "u32"],
  ["advertised", "u32"],
  ["supported", "u32"],
  ["peer", "u32"],
);
const SWITCH_CONFIG = layout(["flags", "u16"], ["missSendLen", "u16"]);
const TABLE_STATS = layout(
  ["tableId", "u8"],
  3,
  ["name", { str: 32 }],
  ["wildcards", "u32"],
  ["maxEntries", "u32"],
  ["activeCount", "u32"],
  ["lookupCount", "u64"],
  ["matchedCount", "u64"],
);
const PORT_STATS = layout(
  ["portNo", "u16"],
  6,
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
);
const QUEUE_STATS = layout(["portNo", "u16"], 2, ["queueId", "u32"], ["txBytes", "u64"], [
  "txPackets",
  "u64",
], ["txErrors", "u64"]);
const PORT_REQUEST = layout(["portNo", "u16"], 6);
const QUEUE_REQUEST = layout(["portNo", "u16"], 2, ["queueId", "u32"]);

/** Reads the 40-byte `ofp_match` (hot: every flow-mod and flow-stats entry). */
export function decodeMatch10(r: Reader, path: string): Of10Match {
  r.need(40, path);
  const wildcards = r.u32(path);
  const inPort = r.u16(path);
  const dlSrc = readMac(r, path);
  const dlDst = readMac(r, path);
  const dlVlan = r.u16(path);
  const dlVlanPcp = r.u8(path);
  r.pos += 1;
  const dlType = r.u16(path);
  const nwTos = r.u8(path);
  const nwProto = r.u8(path);
  r.pos += 2;
  const nwSrc = readIpv4(r, path);
  const nwDst = readIpv4(r, path);
  const tpSrc = r.u16(path);
  const tpDst = r.u16(path);
  return {
    wildcards,
    inPort,
    dlSrc,
    dlDst,
    dlVlan,
    dlVlanPcp,
    dlType,
    nwTos,
    nwProto,
    nwSrc,
    nwDst,
    tpSrc,
    tpDst,
  };
}

/** Writes the 40-byte `ofp_match`. */
export function encodeMatch10(w: Writer, m: Of10Match, path: string): void {
  if (m === null || typeof m !== "object") {
    throw new OfpEncodeError("Expected a match object", path);
  }
  w.u32(m.wildcards, path);
  w.u16(m.inPort, path);
  writeMac(w, m.dlSrc, path);
  writeMac(w, m.dlDst, path);
  w.u16(m.dlVlan, path);
  w.u8(m.dlVlanPcp, path);
  w.zeros(1);
  w.u16(m.dlType, path);
  w.u8(m.nwTos, path);
  w.u8(m.nwProto, path);
  w.zeros(2);
  writeIpv4(w, m.nwSrc, path);
  writeIpv4(w, m.nwDst, path);
  w.u16(m.tpSrc, path);
  w.u16(m.tpDst, path);
}

/** Decodes actions until `r` is exhausted. */
export function decodeActions10(r: Reader, path: string): Of10Action[] {
  const out: Of10Action[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const type = r.u16(path);
    const len = r.u16(path);
    if (len < 8 || (len & 7) !== 0) {
      r.fail(`Action length ${len} is not a multiple of 8 of at least 8`, path, at + 2);
    }
    if (at + len > r.end) r.fail(`Action of ${len} bytes runs past its list`, path, at + 2);
    const fixed = (size: number) => {
      if (len !== size) r.fail(`Action ${type} has length ${len}, expected ${size}`, path, at + 2);
    };
    switch (type) {
      case OFPAT.OUTPUT:
        fixed(8);
        out.push({ type: "OUTPUT", port: r.u16(path), maxLen: r.u16(path) });
        break;
      case OFPAT.SET_VLAN_VID:
        fixed(8);
        out.push({ type: "SET_VLAN_VID", vlanVid: r.u16(path) });
        break;
      case OFPAT.SET_VLAN_PCP:
        fixed(8);
        out.push({ type: "SET_VLAN_PCP", vlanPcp: r.u8(path) });
        break;
      case OFPAT.STRIP_VLAN:
        fixed(8);
        out.push({ type: "STRIP_VLAN" });
        break;
      case OFPAT.SET_DL_SRC:
      case OFPAT.SET_DL_DST:
        fixed(16);
        out.push({
          type: type === OFPAT.SET_DL_SRC ? "SET_DL_SRC" : "SET_DL_DST",
          dlAddr: readMac(r, path),
        });
        break;
      case OFPAT.SET_NW_SRC:
      case OFPAT.SET_NW_DST:
        fixed(8);
        out.push({
          type: type === OFPAT.SET_NW_SRC ? "SET_NW_SRC" : "SET_NW_DST",
          nwAddr: readIpv4(r, path),
        });
        break;
      case OFPAT.SET_NW_TOS:
        fixed(8);
        out.push({ type: "SET_NW_TOS", nwTos: r.u8(path) });
        break;
      case OFPAT.SET_TP_SRC:
      case OFPAT.SET_TP_DST:
        fixed(8);
        out.push({
          type: type === OFPAT.SET_TP_SRC ? "SET_TP_SRC" : "SET_TP_DST",
          tpPort: r.u16(path),
        });
        break;
      case OFPAT.ENQUEUE: {
        fixed(16);
        const port = r.u16(path);
        r.skip(6, path);
        out.push({ type: "ENQUEUE", port, queueId: r.u32(path) });
        break;
      }
      case OFPAT.VENDOR: {
        const vendor = r.u32(path);
        out.push({ type: "VENDOR", vendor, data: r.bytesView(at + len - r.pos, path) });
        break;
      }
      default:
        out.push({ type: "UNKNOWN", actionType: type, data: r.bytesView(len - 4, path) });
    }
    r.pos = at + len;
  }
  return out;
}

/** Encodes a list of actions. */
export function encodeActions10(w: Writer, actions: readonly Of10Action[], path: string): void {
  if (!Array.isArray(actions)) throw new OfpEncodeError("Expected an array of actions", path);
  for (const a of actions as Of10Action[]) {
    const start = w.pos;
    const typeNumber = a.type === "UNKNOWN" ? a.actionType : OFPAT[a.type];
    if (typeNumber === undefined) {
      throw new OfpEncodeError(`Unknown action type ${String(a.type)}`, path);
    }
    w.u16(typeNumber, path);
    w.u16(0, path);
    switch (a.type) {
      case "OUTPUT":
        w.u16(a.port, path);
        w.u16(a.maxLen, path);
        break;
      case "SET_VLAN_VID":
        w.u16(a.vlanVid, path);
        break;
      case "SET_VLAN_PCP":
        w.u8(a.vlanPcp, path);
        break;
      case "STRIP_VLAN":
        break;
      case "SET_DL_SRC":
      case "SET_DL_DST":
        writeMac(w, a.dlAddr, path);
        break;
      case "SET_NW_SRC":
      case "SET_NW_DST":
        writeIpv4(w, a.nwAddr, path);
        break;
      case "SET_NW_TOS":
        w.u8(a.nwTos, path);
        break;
      case "SET_TP_SRC":
      case "SET_TP_DST":
        w.u16(a.tpPort, path);
        break;
      case "ENQUEUE":
        w.u16(a.port, path);
        w.zeros(6);
        w.u32(a.queueId, path);
        break;
      case "VENDOR":
        w.u32(a.vendor, path);
        w.bytes(a.data, path);
        break;
      case "UNKNOWN":
        w.bytes(a.data, path);
        break;
    }
    w.align(start, 8);
    w.patchLength16(start + 2, start, path);
  }
}

function decodePorts(r: Reader, path: string): Of10PhyPort[] {
  const out: Of10PhyPort[] = [];
  while (r.pos < r.end) out.push(readLayout<Of10PhyPort>(r, PHY_PORT, path));
  return out;
}

function decodeStatsRequest(r: Reader, statsType: number): Of10StatsRequestBody {
  const path = "stats_request";
  switch (statsType) {
    case OFPST.DESC:
      return { type: "DESC" };
    case OFPST.TABLE:
      return { type: "TABLE" };
    case OFPST.FLOW:
    case OFPST.AGGREGATE: {
      const match = decodeMatch10(r, path);
      const tableId = r.u8(path);
      r.skip(1, path);
      const outPort = r.u16(path);
      return { type: statsType === OFPST.FLOW ? "FLOW" : "AGGREGATE", match, tableId, outPort };
    }
    case OFPST.PORT:
      return { type: "PORT", ...readLayout<{ portNo: number }>(r, PORT_REQUEST, path) };
    case OFPST.QUEUE:
      return {
        type: "QUEUE",
        ...readLayout<{ portNo: number; queueId: number }>(r, QUEUE_REQUEST, path),
      };
    case OFPST.VENDOR: {
      const vendor = r.u32(path);
      return { type: "VENDOR", vendor, data: r.bytesView(r.remaining, path) };
    }
    default:
      return { type: "UNKNOWN", statsType, data: r.bytesView(r.remaining, path) };
  }
}

function decodeStatsReply(r: Reader, statsType: number): Of10StatsReplyBody {
  const path = "stats_reply";
  switch (statsType) {
    case OFPST.DESC: {
      return { type: "DESC", ...readDesc(r, path) };
    }
    case OFPST.FLOW: {
      const entries: Of10FlowStats[] = [];
      while (r.pos < r.end) {
        const at = r.pos;
        const len = r.u16("stats_reply.flow");
        if (len < 88) r.fail(`Flow stats length ${len} is below 88`, "stats_reply.flow", at);
        const e = r.sub(len - 2, "stats_reply.flow");
        const tableId = e.u8("stats_reply.flow");
        e.pos += 1;
        const match = decodeMatch10(e, "stats_reply.flow.match");
        const durationSec = e.u32("stats_reply.flow");
        const durationNsec = e.u32("stats_reply.flow");
        const priority = e.u16("stats_reply.flow");
        const idleTimeout = e.u16("stats_reply.flow");
        const hardTimeout = e.u16("stats_reply.flow");
        e.pos += 6;
        const cookie = e.u64("stats_reply.flow");
        const packetCount = e.u64("stats_reply.flow");
        const byteCount = e.u64("stats_reply.flow");
        const actions = decodeActions10(e, "stats_reply.flow.actions");
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
      return { type: "FLOW", entries };
    }
    case OFPST.AGGREGATE:
      return {
        type: "AGGREGATE",
        ...readLayout<{ packetCount: bigint; byteCount: bigint; flowCount: number }>(
          r,
          AGGREGATE_REPLY,
          path,
        ),
      };
    case OFPST.TABLE:
      return { type: "TABLE", entries: readList(r, TABLE_STATS, path) };
    case OFPST.PORT:
      return { type: "PORT", entries: readList(r, PORT_STATS, path) };
    case OFPST.QUEUE:
      return { type: "QUEUE", entries: readList(r, QUEUE_STATS, path) };
    case OFPST.VENDOR: {
      const vendor = r.u32(path);
      return { type: "VENDOR", vendor, data: r.bytesView(r.remaining, path) };
    }
    default:
      return { type: "UNKNOWN", statsType, data: r.bytesView(r.remaining, path) };
  }
}

function statsTypeOf(body: { type: string; statsType?: number }, path: string): number {
  if (body === null || typeof body !== "object") {
    throw new OfpEncodeError("Expected a stats body", path);
  }
  if (body.type === "UNKNOWN") return body.statsType!;
  const n = OFPST[body.type as keyof typeof OFPST];
  if (n === undefined) throw new OfpEncodeError(`Unknown stats type ${String(body.type)}`, path);
  return n;
}

function encodeStatsRequest(w: Writer, body: Of10StatsRequestBody, path: string): void {
  switch (body.type) {
    case "FLOW":
    case "AGGREGATE":
      encodeMatch10(w, body.match, path);
      w.u8(body.tableId, path);
      w.zeros(1);
      w.u16(body.outPort, path);
      return;
    case "PORT":
      return writeLayout(w, PORT_REQUEST, body, path);
    case "QUEUE":
      return writeLayout(w, QUEUE_REQUEST, body, path);
    case "VENDOR":
      w.u32(body.vendor, path);
      return w.bytes(body.data, path);
    case "UNKNOWN":
      return w.bytes(body.data, path);
  }
}

function encodeStatsReply(w: Writer, body: Of10StatsReplyBody, path: string): void {
  switch (body.type) {
    case "DESC":
      return writeDesc(w, body, path);
    case "FLOW":
      for (const f of body.entries) {
        const start = w.pos;
        w.u16(0, path);
        w.u8(f.tableId, path);
        w.zeros(1);
        encodeMatch10(w, f.match, path);
        w.u32(f.durationSec, path);
        w.u32(f.durationNsec, path);
        w.u16(f.priority, path);
        w.u16(f.idleTimeout, path);
        w.u16(f.hardTimeout, path);
        w.zeros(6);
        w.u64(f.cookie, path);
        w.u64(f.packetCount, path);
        w.u64(f.byteCount, path);
        encodeActions10(w, f.actions, path);
        w.patchLength16(start, start, path);
      }
      return;
    case "AGGREGATE":
      return writeLayout(w, AGGREGATE_REPLY, body, path);
    case "TABLE":
      return writeList(w, TABLE_STATS, body.entries, path);
    case "PORT":
      return writeList(w, PORT_STATS, body.entries, path);
    case "QUEUE":
      return writeList(w, QUEUE_STATS, body.entries, path);
    case "VENDOR":
      w.u32(body.vendor, path);
      return w.bytes(body.data, path);
    case "UNKNOWN":
      return w.bytes(body.data, path);
  }
}

function decodeQueues(r: Reader, path: string): Of10PacketQueue[] {
  const out: Of10PacketQueue[] = [];
  while (r.pos < r.end) {
    const at = r.pos;
    const queueId = r.u32(path);
    const len = r.u16(path);
    if (len < 8) r.fail(`Queue length ${len} is below its 8-byte header`, path, at + 4);
    r.skip(2, path);
    const q = r.sub(len - 8, path);
    const properties: Of10QueueProp[] = [];
    while (q.pos < q.end) {
      const pat = q.pos;
      const property = q.u16(path);
      const plen = q.u16(path);
      if (plen < 8) q.fail(`Queue property length ${plen} is below 8`, path, pat + 2);
      const p = q.sub(plen - 4, path);
      p.skip(4, path);
      if (property === OFPQT.MIN_RATE) {
        if (plen !== 16) q.fail(`MIN_RATE property length ${plen}, expected 16`, path, pat + 2);
        properties.push({ type: "MIN_RATE", rate: p.u16(path) });
      } else if (property === OFPQT.NONE && plen === 8) {
        properties.push({ type: "NONE" });
      } else {
        properties.push({ type: "UNKNOWN", property, data: p.bytesView(p.remaining, path) });
      }
    }
    out.push({ queueId, properties });
  }
  return out;
}

function encodeQueues(w: Writer, queues: readonly Of10PacketQueue[], path: string): void {
  if (!Array.isArray(queues)) throw new OfpEncodeError("Expected an array of queues", path);
  for (const q of queues as Of10PacketQueue[]) {
    const start = w.pos;
    w.u32(q.queueId, path);
    w.u16(0, path);
    w.zeros(2);
    for (const p of q.properties) {
      const pstart = w.pos;
      w.u16(p.type === "UNKNOWN" ? p.property : OFPQT[p.type], path);
      w.u16(0, path);
      w.zeros(4);
      if (p.type === "MIN_RATE") {
        w.u16(p.rate, path);
        w.zeros(6);
      } else if (p.type === "UNKNOWN") {
        w.bytes(p.data, path);
      }
      w.patchLength16(pstart + 2, pstart, path);
    }
    w.patchLength16(start + 4, start, path);
  }
}

/** Decodes an OpenFlow 1.0 message body; `r` stands after the header. */
export function decodeOf10(r: Reader, type: number, xid: number): Of10Message | RawMessage {
  switch (type) {
    case OFPT.PACKET_IN: {
      r.need(10, "packet_in");
      const bufferId = r.u32("packet_in.bufferId");
      const totalLen = r.u16("packet_in.totalLen");
      const inPort = r.u16("packet_in.inPort");
      const reason = r.u8("packet_in.reason");
      r.pos += 1;
      return {
        version: 1,
        type: "PACKET_IN",
        xid,
        bufferId,
        totalLen,
        inPort,
        reason,
        data: r.bytesView(r.remaining, "packet_in.data"),
      };
    }
    case OFPT.ECHO_REQUEST:
    case OFPT.ECHO_REPLY:
      return {
        version: 1,
        type: type === OFPT.ECHO_REQUEST ? "ECHO_REQUEST" : "ECHO_REPLY",
        xid,
        data: r.bytesView(r.remaining, "echo.data"),
      };
    case OFPT.FEATURES_REQUEST:
      return { version: 1, type: "FEATURES_REQUEST", xid };
    case OFPT.GET_CONFIG_REQUEST:
      return { version: 1, type: "GET_CONFIG_REQUEST", xid };
    case OFPT.BARRIER_REQUEST:
      return { version: 1, type: "BARRIER_REQUEST", xid };
    case OFPT.BARRIER_REPLY:
      return { version: 1, type: "BARRIER_REPLY", xid };
    case OFPT.ERROR: {
      const errType = r.u16("error.type");
      const code = r.u16("error.code");
      return {
        version: 1,
        type: "ERROR",
        xid,
        errType,
        code,
        data: r.bytesView(r.remaining, "error.data"),
      };
    }
    case OFPT.VENDOR: {
      const vendor = r.u32("vendor.vendor");
      return {
        version: 1,
        type: "VENDOR",
        xid,
        vendor,
        data: r.bytesView(r.remaining, "vendor.data"),
      };
    }
    case OFPT.FEATURES_REPLY: {
      r.need(24, "features_reply");
      const datapathId = r.u64("features_reply.datapathId");
      const nBuffers = r.u32("features_reply.nBuffers");
      const nTables = r.u8("features_reply.nTables");
      r.pos += 3;
      const capabilities = r.u32("features_reply.capabilities");
      const actions = r.u32("features_reply.actions");
      if (r.remaining % 48 !== 0) {
        r.fail(`Port list of ${r.remaining} bytes is not a multiple of 48`, "features_reply.ports");
      }
      const ports = decodePorts(r, "features_reply.ports");
      return {
        version: 1,
        type: "FEATURES_REPLY",
        xid,
        datapathId,
        nBuffers,
        nTables,
        capabilities,
        actions,
        ports,
      };
    }
    case OFPT.GET_CONFIG_REPLY:
    case OFPT.SET_CONFIG:
      return readLayout(r, SWITCH_CONFIG, "switch_config", {
        version: 1,
        type: type === OFPT.SET_CONFIG ? "SET_CONFIG" : "GET_CONFIG_REPLY",
        xid,
      });
    case OFPT.FLOW_REMOVED: {
      const match = decodeMatch10(r, "flow_removed.match");
      r.need(40, "flow_removed");
      const cookie = r.u64("flow_removed.cookie");
      const priority = r.u16("flow_removed.priority");
      const reason = r.u8("flow_removed.reason");
      r.pos += 1;
      const durationSec = r.u32("flow_removed.durationSec");
      const durationNsec = r.u32("flow_removed.durationNsec");
      const idleTimeout = r.u16("flow_removed.idleTimeout");
      r.pos += 2;
      const packetCount = r.u64("flow_removed.packetCount");
      const byteCount = r.u64("flow_removed.byteCount");
      return {
        version: 1,
        type: "FLOW_REMOVED",
        xid,
        match,
        cookie,
        priority,
        reason,
        durationSec,
        durationNsec,
        idleTimeout,
        packetCount,
        byteCount,
      };
    }
    case OFPT.PORT_STATUS: {
      const reason = r.u8("port_status.reason");
      r.skip(7, "port_status.padding");
      return {
        version: 1,
        type: "PORT_STATUS",
        xid,
        reason,
        desc: readLayout<Of10PhyPort>(r, PHY_PORT, "port_status.desc"),
      };
    }
    case OFPT.PACKET_OUT: {
      const bufferId = r.u32("packet_out.bufferId");
      const inPort = r.u16("packet_out.inPort");
      const actionsLen = r.u16("packet_out.actionsLen");
      const actions = decodeActions10(
        r.sub(actionsLen, "packet_out.actionsLen"),
        "packet_out.actions",
      );
      return {
        version: 1,
        type: "PACKET_OUT",
        xid,
        bufferId,
        inPort,
        actions,
        data: r.bytesView(r.remaining, "packet_out.data"),
      };
    }
    case OFPT.FLOW_MOD: {
      const match = decodeMatch10(r, "flow_mod.match");
      r.need(24, "flow_mod");
      const cookie = r.u64("flow_mod.cookie");
      const command = r.u16("flow_mod.command");
      const idleTimeout = r.u16("flow_mod.idleTimeout");
      const hardTimeout = r.u16("flow_mod.hardTimeout");
      const priority = r.u16("flow_mod.priority");
      const bufferId = r.u32("flow_mod.bufferId");
      const outPort = r.u16("flow_mod.outPort");
      const flags = r.u16("flow_mod.flags");
      const actions = decodeActions10(r, "flow_mod.actions");
      return {
        version: 1,
        type: "FLOW_MOD",
        xid,
        match,
        cookie,
        command,
        idleTimeout,
        hardTimeout,
        priority,
        bufferId,
        outPort,
        flags,
        actions,
      };
    }
    case OFPT.PORT_MOD: {
      const portNo = r.u16("port_mod.portNo");
      const hwAddr = readMac(r, "port_mod.hwAddr");
      const config = r.u32("port_mod.config");
      const mask = r.u32("port_mod.mask");
      const advertise = r.u32("port_mod.advertise");
      r.skip(4, "port_mod.padding");
      return { version: 1, type: "PORT_MOD", xid, portNo, hwAddr, config, mask, advertise };
    }
    case OFPT.STATS_REQUEST:
    case OFPT.STATS_REPLY: {
      const statsType = r.u16("stats.type");
      const flags = r.u16("stats.flags");
      if (type === OFPT.STATS_REQUEST) {
        return {
          version: 1,
          type: "STATS_REQUEST",
          xid,
          flags,
          body: decodeStatsRequest(r, statsType),
        };
      }
      return { version: 1, type: "STATS_REPLY", xid, flags, body: decodeStatsReply(r, statsType) };
    }
    case OFPT.QUEUE_GET_CONFIG_REQUEST: {
      const port = r.u16("queue_get_config_request.port");
      r.skip(2, "queue_get_config_request.padding");
      return { version: 1, type: "QUEUE_GET_CONFIG_REQUEST", xid, port };
    }
    case OFPT.QUEUE_GET_CONFIG_REPLY: {
      const port = r.u16("queue_get_config_reply.port");
      r.skip(6, "queue_get_config_reply.padding");
      return {
        version: 1,
        type: "QUEUE_GET_CONFIG_REPLY",
        xid,
        port,
        queues: decodeQueues(r, "queue_get_config_reply.queues"),
      };
    }
    default:
      return {
        version: 1,
        type: "RAW",
        xid,
        msgType: type,
        body: r.bytesView(r.remaining, "body"),
      };
  }
}

/** Encodes a whole OpenFlow 1.0 message, header included. */
export function encodeOf10(w: Writer, msg: Of10Message): void {
  const typeNumber = OFPT[msg.type as keyof typeof OFPT];
  if (typeNumber === undefined || typeNumber === OFPT.HELLO) {
    throw new OfpEncodeError(`Unknown OpenFlow 1.0 message type ${String(msg.type)}`, "type");
  }
  const start = beginMessage(w, 1, typeNumber, msg.xid);
  switch (msg.type) {
    case "FEATURES_REQUEST":
    case "GET_CONFIG_REQUEST":
    case "BARRIER_REQUEST":
    case "BARRIER_REPLY":
      break;
    case "ECHO_REQUEST":
    case "ECHO_REPLY":
      w.bytes(msg.data ?? new Uint8Array(0), "echo.data");
      break;
    case "ERROR":
      w.u16(msg.errType, "error.errType");
      w.u16(msg.code, "error.code");
      w.bytes(msg.data, "error.data");
      break;
    case "VENDOR":
      w.u32(msg.vendor, "vendor.vendor");
      w.bytes(msg.data, "vendor.data");
      break;
    case "FEATURES_REPLY":
      w.u64(msg.datapathId, "features_reply.datapathId");
      w.u32(msg.nBuffers, "features_reply.nBuffers");
      w.u8(msg.nTables, "features_reply.nTables");
      w.zeros(3);
      w.u32(msg.capabilities, "features_reply.capabilities");
      w.u32(msg.actions, "features_reply.actions");
      for (const p of msg.ports) writeLayout(w, PHY_PORT, p, "features_reply.ports");
      break;
    case "GET_CONFIG_REPLY":
    case "SET_CONFIG":
      writeLayout(w, SWITCH_CONFIG, msg, "switch_config");
      break;
    case "PACKET_IN":
      w.u32(msg.bufferId, "packet_in.bufferId");
      w.u16(msg.totalLen, "packet_in.totalLen");
      w.u16(msg.inPort, "packet_in.inPort");
      w.u8(msg.reason, "packet_in.reason");
      w.zeros(1);
      w.bytes(msg.data, "packet_in.data");
      break;
    case "FLOW_REMOVED":
      encodeMatch10(w, msg.match, "flow_removed.match");
      w.u64(msg.cookie, "flow_removed.cookie");
      w.u16(msg.priority, "flow_removed.priority");
      w.u8(msg.reason, "flow_removed.reason");
      w.zeros(1);
      w.u32(msg.durationSec, "flow_removed.durationSec");
      w.u32(msg.durationNsec, "flow_removed.durationNsec");
      w.u16(msg.idleTimeout, "flow_removed.idleTimeout");
      w.zeros(2);
      w.u64(msg.packetCount, "flow_removed.packetCount");
      w.u64(msg.byteCount, "flow_removed.byteCount");
      break;
    case "PORT_STATUS":
      w.u8(msg.reason, "port_status.reason");
      w.zeros(7);
      writeLayout(w, PHY_PORT, msg.desc, "port_status.desc");
      break;
    case "PACKET_OUT": {
      w.u32(msg.bufferId, "packet_out.bufferId");
      w.u16(msg.inPort, "packet_out.inPort");
      const lenAt = w.pos;
      w.u16(0, "packet_out.actionsLen");
      const actionsStart = w.pos;
      encodeActions10(w, msg.actions, "packet_out.actions");
      w.patchLength16(lenAt, actionsStart, "packet_out.actionsLen");
      w.bytes(msg.data ?? new Uint8Array(0), "packet_out.data");
      break;
    }
    case "FLOW_MOD":
      encodeMatch10(w, msg.match, "flow_mod.match");
      w.u64(msg.cookie, "flow_mod.cookie");
      w.u16(msg.command, "flow_mod.command");
      w.u16(msg.idleTimeout, "flow_mod.idleTimeout");
      w.u16(msg.hardTimeout, "flow_mod.hardTimeout");
      w.u16(msg.priority, "flow_mod.priority");
      w.u32(msg.bufferId, "flow_mod.bufferId");
      w.u16(msg.outPort, "flow_mod.outPort");
      w.u16(msg.flags, "flow_mod.flags");
      encodeActions10(w, msg.actions, "flow_mod.actions");
      break;
    case "PORT_MOD":
      w.u16(msg.portNo, "port_mod.portNo");
      writeMac(w, msg.hwAddr, "port_mod.hwAddr");
      w.u32(msg.config, "port_mod.config");
      w.u32(msg.mask, "port_mod.mask");
      w.u32(msg.advertise, "port_mod.advertise");
      w.zeros(4);
      break;
    case "STATS_REQUEST":
      w.u16(statsTypeOf(msg.body, "stats_request.body"), "stats_request.body.type");
      w.u16(msg.flags ?? 0, "stats_request.flags");
      encodeStatsRequest(w, msg.body, "stats_request.body");
      break;
    case "STATS_REPLY":
      w.u16(statsTypeOf(msg.body, "stats_reply.body"), "stats_reply.body.type");
      w.u16(msg.flags ?? 0, "stats_reply.flags");
      encodeStatsReply(w, msg.body, "stats_reply.body");
      break;
    case "QUEUE_GET_CONFIG_REQUEST":
      w.u16(msg.port, "queue_get_config_request.port");
      w.zeros(2);
      break;
    case "QUEUE_GET_CONFIG_REPLY":
      w.u16(msg.port, "queue_get_config_reply.port");
      w.zeros(6);
      encodeQueues(w, msg.queues, "queue_get_config_reply.queues");
      break;
  }
  endMessage(w, start);
}
