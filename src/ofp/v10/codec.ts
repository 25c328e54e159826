// OpenFlow 1.0 message dispatch: the body of every message type, decoded and encoded.
// Structures live beside it: match.ts, actions.ts, port.ts, stats.ts, queue.ts.

import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { beginMessage, endMessage } from "../header.ts";
import type { RawMessage } from "../raw.ts";
import { decodeActions10, encodeActions10 } from "./_actions_wire.ts";
import { macText, writeMac } from "../_addresses.ts";
import { decodeMatch10, encodeMatch10 } from "./_match_wire.ts";
import { decodePhyPort, decodePhyPorts, encodePhyPort, encodePhyPorts } from "./_port_wire.ts";
import { OFPT } from "./constants.ts";
import { decodeQueues, encodeQueues } from "./queue.ts";
import {
  decodeStatsReplyBody,
  decodeStatsRequestBody,
  encodeStatsReplyBody,
  encodeStatsRequestBody,
  statsTypeNumber,
} from "./stats.ts";
import type { Of10Message } from "./types.ts";

const EMPTY = new Uint8Array(0);

/**
 * Decodes an OpenFlow 1.0 message body. `r` stands right after the 8-byte header and ends
 * with the frame; the caller checks that the body was consumed to its end.
 *
 * @param r Reader over the frame, positioned after the header.
 * @param type The header's message type number.
 * @param xid The header's transaction id.
 * @returns The message; a type number 1.0 does not define decodes as a {@linkcode RawMessage}.
 * @throws {OfpDecodeError} On any malformed body.
 */
export function decodeOf10(r: Reader, type: number, xid: number): Of10Message | RawMessage {
  switch (type) {
    case OFPT.PACKET_IN: {
      r.need(10, "packet_in");
      const v = r.view, p = r.pos;
      r.pos = r.end;
      return {
        version: 1,
        type: "PACKET_IN",
        xid,
        bufferId: v.getUint32(p),
        totalLen: v.getUint16(p + 4),
        inPort: v.getUint16(p + 6),
        reason: v.getUint8(p + 8),
        data: r.bytes.subarray(p + 10, r.end),
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
      const v = r.view, p = r.pos;
      r.pos = p + 24;
      return {
        version: 1,
        type: "FEATURES_REPLY",
        xid,
        datapathId: v.getBigUint64(p),
        nBuffers: v.getUint32(p + 8),
        nTables: v.getUint8(p + 12),
        capabilities: v.getUint32(p + 16),
        actions: v.getUint32(p + 20),
        ports: decodePhyPorts(r, "features_reply.ports"),
      };
    }
    case OFPT.GET_CONFIG_REPLY:
    case OFPT.SET_CONFIG: {
      const flags = r.u16("switch_config.flags");
      const missSendLen = r.u16("switch_config.missSendLen");
      return {
        version: 1,
        type: type === OFPT.SET_CONFIG ? "SET_CONFIG" : "GET_CONFIG_REPLY",
        xid,
        flags,
        missSendLen,
      };
    }
    case OFPT.FLOW_REMOVED: {
      const match = decodeMatch10(r, "flow_removed.match");
      r.need(40, "flow_removed");
      const v = r.view, p = r.pos;
      r.pos = p + 40;
      return {
        version: 1,
        type: "FLOW_REMOVED",
        xid,
        match,
        cookie: v.getBigUint64(p),
        priority: v.getUint16(p + 8),
        reason: v.getUint8(p + 10),
        durationSec: v.getUint32(p + 12),
        durationNsec: v.getUint32(p + 16),
        idleTimeout: v.getUint16(p + 20),
        packetCount: v.getBigUint64(p + 24),
        byteCount: v.getBigUint64(p + 32),
      };
    }
    case OFPT.PORT_STATUS: {
      const reason = r.u8("port_status.reason");
      r.skip(7, "port_status.pad");
      return {
        version: 1,
        type: "PORT_STATUS",
        xid,
        reason,
        desc: decodePhyPort(r, "port_status.desc"),
      };
    }
    case OFPT.PACKET_OUT: {
      r.need(8, "packet_out");
      const v = r.view, p = r.pos;
      const bufferId = v.getUint32(p);
      const inPort = v.getUint16(p + 4);
      const actionsLen = v.getUint16(p + 6);
      r.pos = p + 8;
      const actions = decodeActions10(
        r.sub(actionsLen, "packet_out.actionsLen"),
        "packet_out.actions[]",
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
      const v = r.view, p = r.pos;
      r.pos = p + 24;
      return {
        version: 1,
        type: "FLOW_MOD",
        xid,
        match,
        cookie: v.getBigUint64(p),
        command: v.getUint16(p + 8),
        idleTimeout: v.getUint16(p + 10),
        hardTimeout: v.getUint16(p + 12),
        priority: v.getUint16(p + 14),
        bufferId: v.getUint32(p + 16),
        outPort: v.getUint16(p + 20),
        flags: v.getUint16(p + 22),
        actions: decodeActions10(r, "flow_mod.actions[]"),
      };
    }
    case OFPT.PORT_MOD: {
      r.need(24, "port_mod");
      const v = r.view, p = r.pos;
      r.pos = p + 24;
      return {
        version: 1,
        type: "PORT_MOD",
        xid,
        portNo: v.getUint16(p),
        hwAddr: macText(r.bytes, p + 2),
        config: v.getUint32(p + 8),
        mask: v.getUint32(p + 12),
        advertise: v.getUint32(p + 16),
      };
    }
    case OFPT.STATS_REQUEST: {
      const statsType = r.u16("stats_request.type");
      const flags = r.u16("stats_request.flags");
      return {
        version: 1,
        type: "STATS_REQUEST",
        xid,
        flags,
        body: decodeStatsRequestBody(r, statsType),
      };
    }
    case OFPT.STATS_REPLY: {
      const statsType = r.u16("stats_reply.type");
      const flags = r.u16("stats_reply.flags");
      return {
        version: 1,
        type: "STATS_REPLY",
        xid,
        flags,
        body: decodeStatsReplyBody(r, statsType),
      };
    }
    case OFPT.QUEUE_GET_CONFIG_REQUEST: {
      const port = r.u16("queue_get_config_request.port");
      r.skip(2, "queue_get_config_request.pad");
      return { version: 1, type: "QUEUE_GET_CONFIG_REQUEST", xid, port };
    }
    case OFPT.QUEUE_GET_CONFIG_REPLY: {
      const port = r.u16("queue_get_config_reply.port");
      r.skip(6, "queue_get_config_reply.pad");
      return { version: 1, type: "QUEUE_GET_CONFIG_REPLY", xid, port, queues: decodeQueues(r) };
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

/**
 * Encodes a whole OpenFlow 1.0 message, header included, at the writer's position.
 * HELLO and RAW are encoded by the version-independent dispatcher, never here.
 *
 * @param w The writer.
 * @param msg The message.
 * @throws {OfpEncodeError} On a missing, mistyped or out-of-range field.
 */
export function encodeOf10(w: Writer, msg: Of10Message): void {
  const name = msg.type as string;
  if (!Object.hasOwn(OFPT, name) || name === "HELLO") {
    throw new OfpEncodeError(`Unknown OpenFlow 1.0 message type ${String(name)}`, "type");
  }
  const start = beginMessage(w, 1, OFPT[name as keyof typeof OFPT], msg.xid);
  switch (msg.type) {
    case "FEATURES_REQUEST":
    case "GET_CONFIG_REQUEST":
    case "BARRIER_REQUEST":
    case "BARRIER_REPLY":
      break;
    case "ECHO_REQUEST":
    case "ECHO_REPLY":
      w.bytes(msg.data ?? EMPTY, "echo.data");
      break;
    case "ERROR":
      w.u16(msg.errType, "error.errType");
      w.u16(msg.code, "error.code");
      w.bytes(msg.data ?? EMPTY, "error.data");
      break;
    case "VENDOR":
      w.u32(msg.vendor, "vendor.vendor");
      w.bytes(msg.data ?? EMPTY, "vendor.data");
      break;
    case "FEATURES_REPLY":
      w.u64(msg.datapathId, "features_reply.datapathId");
      w.u32(msg.nBuffers, "features_reply.nBuffers");
      w.u8(msg.nTables, "features_reply.nTables");
      w.zeros(3);
      w.u32(msg.capabilities, "features_reply.capabilities");
      w.u32(msg.actions, "features_reply.actions");
      encodePhyPorts(w, msg.ports, "features_reply.ports");
      break;
    case "GET_CONFIG_REPLY":
    case "SET_CONFIG":
      w.u16(msg.flags, "switch_config.flags");
      w.u16(msg.missSendLen, "switch_config.missSendLen");
      break;
    case "PACKET_IN":
      w.u32(msg.bufferId, "packet_in.bufferId");
      w.u16(msg.totalLen, "packet_in.totalLen");
      w.u16(msg.inPort, "packet_in.inPort");
      w.u8(msg.reason, "packet_in.reason");
      w.zeros(1);
      w.bytes(msg.data ?? EMPTY, "packet_in.data");
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
      encodePhyPort(w, msg.desc, "port_status.desc");
      break;
    case "PACKET_OUT": {
      w.u32(msg.bufferId, "packet_out.bufferId");
      w.u16(msg.inPort, "packet_out.inPort");
      const lenAt = w.pos;
      w.u16(0, "packet_out.actionsLen");
      const actionsStart = w.pos;
      encodeActions10(w, msg.actions, "packet_out.actions[]");
      w.patchLength16(lenAt, actionsStart, "packet_out.actionsLen");
      w.bytes(msg.data ?? EMPTY, "packet_out.data");
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
      encodeActions10(w, msg.actions, "flow_mod.actions[]");
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
      w.u16(statsTypeNumber(msg.body, "stats_request.body"), "stats_request.body.type");
      w.u16(msg.flags ?? 0, "stats_request.flags");
      encodeStatsRequestBody(w, msg.body, "stats_request.body");
      break;
    case "STATS_REPLY":
      w.u16(statsTypeNumber(msg.body, "stats_reply.body"), "stats_reply.body.type");
      w.u16(msg.flags ?? 0, "stats_reply.flags");
      encodeStatsReplyBody(w, msg.body, "stats_reply.body");
      break;
    case "QUEUE_GET_CONFIG_REQUEST":
      w.u16(msg.port, "queue_get_config_request.port");
      w.zeros(2);
      break;
    case "QUEUE_GET_CONFIG_REPLY":
      w.u16(msg.port, "queue_get_config_reply.port");
      w.zeros(6);
      encodeQueues(w, msg.queues);
      break;
  }
  endMessage(w, start);
}
