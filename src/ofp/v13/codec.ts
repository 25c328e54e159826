// OpenFlow 1.3 message dispatch: the body of every message type, decoded and encoded.
// Structures live beside it: port.ts, group.ts, meter.ts, queue.ts, multipart.ts,
// table_features.ts; matches, actions and instructions in oxm.ts, actions.ts,
// instructions.ts. PACKET_IN and FLOW_MOD are the hot paths: one bounds check for their
// fixed part, then direct reads.

import { layout, readLayout, writeLayout } from "../_layout.ts";
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { beginMessage, endMessage } from "../header.ts";
import type { RawMessage } from "../raw.ts";
import { decodeActions, encodeActions } from "./_actions_wire.ts";
import { decodeInstructions, encodeInstructions } from "./_instructions_wire.ts";
import { decodeMatch, encodeMatch } from "./_oxm_wire.ts";
import { OFPET, OFPT } from "./constants.ts";
import { decodeBuckets, encodeBuckets, GROUP_MOD_BUCKETS } from "./group.ts";
import { decodeBands, encodeBands, METER_MOD_BANDS } from "./meter.ts";
import {
  decodeMultipartReplyBody,
  decodeMultipartRequestBody,
  encodeMultipartReplyBody,
  encodeMultipartRequestBody,
  multipartTypeOf,
} from "./multipart.ts";
import { decodePort, encodePort } from "./port.ts";
import { decodeQueues, encodeQueues } from "./queue.ts";
import type { Of13AsyncConfig, Of13Message } from "./types.ts";

const FEATURES_REPLY = layout(
  ["datapathId", "u64"],
  ["nBuffers", "u32"],
  ["nTables", "u8"],
  ["auxiliaryId", "u8"],
  2,
  ["capabilities", "u32"],
  ["reserved", "u32"],
);
const SWITCH_CONFIG = layout(["flags", "u16"], ["missSendLen", "u16"]);
const FLOW_REMOVED = layout(
  ["cookie", "u64"],
  ["priority", "u16"],
  ["reason", "u8"],
  ["tableId", "u8"],
  ["durationSec", "u32"],
  ["durationNsec", "u32"],
  ["idleTimeout", "u16"],
  ["hardTimeout", "u16"],
  ["packetCount", "u64"],
  ["byteCount", "u64"],
);
const PORT_MOD = layout(
  ["portNo", "u32"],
  4,
  ["hwAddr", "mac"],
  2,
  ["config", "u32"],
  ["mask", "u32"],
  ["advertise", "u32"],
  4,
);
const TABLE_MOD = layout(["tableId", "u8"], 3, ["config", "u32"]);
const ROLE = layout(["role", "u32"], 4, ["generationId", "u64"]);
const ASYNC_MASKS = ["packetInMask", "portStatusMask", "flowRemovedMask"] as const;

/** `ofp_packet_in` between the header and the match. */
const PACKET_IN_FIXED = 16;
/** `ofp_flow_mod` between the header and the match. */
const FLOW_MOD_FIXED = 40;
/** `ofp_packet_out` between the header and the actions. */
const PACKET_OUT_FIXED = 16;
const EMPTY = new Uint8Array(0);

/**
 * Decodes an OpenFlow 1.3 message body. `r` stands right after the 8-byte header and ends
 * with the frame; the caller checks that the body was consumed to its end.
 *
 * @returns The message, or a {@linkcode RawMessage} for a type number 1.3 does not define.
 * @throws {OfpDecodeError} On any malformed body.
 */
export function decodeOf13(r: Reader, type: number, xid: number): Of13Message | RawMessage {
  switch (type) {
    case OFPT.PACKET_IN: {
      r.need(PACKET_IN_FIXED, "packet_in");
      const view = r.view, p = r.pos;
      const bufferId = view.getUint32(p);
      const totalLen = view.getUint16(p + 4);
      const reason = view.getUint8(p + 6);
      const tableId = view.getUint8(p + 7);
      const cookie = view.getBigUint64(p + 8);
      r.pos = p + PACKET_IN_FIXED;
      const match = decodeMatch(r, "packet_in.match");
      r.skip(2, "packet_in.padding");
      const data = r.bytesView(r.remaining, "packet_in.data");
      return {
        version: 4,
        type: "PACKET_IN",
        xid,
        bufferId,
        totalLen,
        reason,
        tableId,
        cookie,
        match,
        data,
      };
    }
    case OFPT.FLOW_MOD: {
      r.need(FLOW_MOD_FIXED, "flow_mod");
      const view = r.view, p = r.pos;
      const cookie = view.getBigUint64(p);
      const cookieMask = view.getBigUint64(p + 8);
      const tableId = view.getUint8(p + 16);
      const command = view.getUint8(p + 17);
      const idleTimeout = view.getUint16(p + 18);
      const hardTimeout = view.getUint16(p + 20);
      const priority = view.getUint16(p + 22);
      const bufferId = view.getUint32(p + 24);
      const outPort = view.getUint32(p + 28);
      const outGroup = view.getUint32(p + 32);
      const flags = view.getUint16(p + 36);
      r.pos = p + FLOW_MOD_FIXED;
      const match = decodeMatch(r, "flow_mod.match");
      const instructions = decodeInstructions(r, "flow_mod.instructions");
      return {
        version: 4,
        type: "FLOW_MOD",
        xid,
        cookie,
        cookieMask,
        tableId,
        command,
        idleTimeout,
        hardTimeout,
        priority,
        bufferId,
        outPort,
        outGroup,
        flags,
        match,
        instructions,
      };
    }
    case OFPT.ECHO_REQUEST:
      return { version: 4, type: "ECHO_REQUEST", xid, data: r.bytesView(r.remaining, "echo.data") };
    case OFPT.ECHO_REPLY:
      return { version: 4, type: "ECHO_REPLY", xid, data: r.bytesView(r.remaining, "echo.data") };
    case OFPT.FEATURES_REQUEST:
      return { version: 4, type: "FEATURES_REQUEST", xid };
    case OFPT.GET_CONFIG_REQUEST:
      return { version: 4, type: "GET_CONFIG_REQUEST", xid };
    case OFPT.BARRIER_REQUEST:
      return { version: 4, type: "BARRIER_REQUEST", xid };
    case OFPT.BARRIER_REPLY:
      return { version: 4, type: "BARRIER_REPLY", xid };
    case OFPT.GET_ASYNC_REQUEST:
      return { version: 4, type: "GET_ASYNC_REQUEST", xid };
    case OFPT.ERROR: {
      const errType = r.u16("error.type");
      if (errType === OFPET.EXPERIMENTER) {
        // ofp_error_experimenter_msg: type, exp_type, experimenter, data.
        const expType = r.u16("error.expType");
        const experimenter = r.u32("error.experimenter");
        return {
          version: 4,
          type: "ERROR",
          xid,
          errType,
          code: expType,
          expType,
          experimenter,
          data: r.bytesView(r.remaining, "error.data"),
        };
      }
      const code = r.u16("error.code");
      return {
        version: 4,
        type: "ERROR",
        xid,
        errType,
        code,
        data: r.bytesView(r.remaining, "error.data"),
      };
    }
    case OFPT.EXPERIMENTER: {
      const experimenter = r.u32("experimenter.experimenter");
      const expType = r.u32("experimenter.expType");
      return {
        version: 4,
        type: "EXPERIMENTER",
        xid,
        experimenter,
        expType,
        data: r.bytesView(r.remaining, "experimenter.data"),
      };
    }
    case OFPT.FEATURES_REPLY:
      return readLayout(r, FEATURES_REPLY, "features_reply", {
        version: 4,
        type: "FEATURES_REPLY",
        xid,
      });
    case OFPT.GET_CONFIG_REPLY:
      return readLayout(r, SWITCH_CONFIG, "get_config_reply", {
        version: 4,
        type: "GET_CONFIG_REPLY",
        xid,
      });
    case OFPT.SET_CONFIG:
      return readLayout(r, SWITCH_CONFIG, "set_config", { version: 4, type: "SET_CONFIG", xid });
    case OFPT.FLOW_REMOVED: {
      const msg: Record<string, unknown> = { version: 4, type: "FLOW_REMOVED", xid };
      readLayout(r, FLOW_REMOVED, "flow_removed", msg);
      msg.match = decodeMatch(r, "flow_removed.match");
      return msg as unknown as Of13Message;
    }
    case OFPT.PORT_STATUS: {
      const reason = r.u8("port_status.reason");
      r.skip(7, "port_status.padding");
      return {
        version: 4,
        type: "PORT_STATUS",
        xid,
        reason,
        desc: decodePort(r, "port_status.desc"),
      };
    }
    case OFPT.PACKET_OUT: {
      r.need(PACKET_OUT_FIXED, "packet_out");
      const bufferId = r.u32("packet_out.bufferId");
      const inPort = r.u32("packet_out.inPort");
      const actionsLen = r.u16("packet_out.actionsLen");
      r.skip(6, "packet_out.padding");
      const actions = decodeActions(
        r.sub(actionsLen, "packet_out.actionsLen"),
        "packet_out.actions",
      );
      return {
        version: 4,
        type: "PACKET_OUT",
        xid,
        bufferId,
        inPort,
        actions,
        data: r.bytesView(r.remaining, "packet_out.data"),
      };
    }
    case OFPT.GROUP_MOD: {
      const command = r.u16("group_mod.command");
      const groupType = r.u8("group_mod.type");
      r.skip(1, "group_mod.padding");
      const groupId = r.u32("group_mod.groupId");
      return {
        version: 4,
        type: "GROUP_MOD",
        xid,
        command,
        groupType,
        groupId,
        buckets: decodeBuckets(r, GROUP_MOD_BUCKETS),
      };
    }
    case OFPT.PORT_MOD:
      return readLayout(r, PORT_MOD, "port_mod", { version: 4, type: "PORT_MOD", xid });
    case OFPT.TABLE_MOD:
      return readLayout(r, TABLE_MOD, "table_mod", { version: 4, type: "TABLE_MOD", xid });
    case OFPT.MULTIPART_REQUEST: {
      const mpType = r.u16("multipart_request.type");
      const flags = r.u16("multipart_request.flags");
      r.skip(4, "multipart_request.padding");
      return {
        version: 4,
        type: "MULTIPART_REQUEST",
        xid,
        flags,
        body: decodeMultipartRequestBody(r, mpType),
      };
    }
    case OFPT.MULTIPART_REPLY: {
      const mpType = r.u16("multipart_reply.type");
      const flags = r.u16("multipart_reply.flags");
      r.skip(4, "multipart_reply.padding");
      return {
        version: 4,
        type: "MULTIPART_REPLY",
        xid,
        flags,
        body: decodeMultipartReplyBody(r, mpType),
      };
    }
    case OFPT.QUEUE_GET_CONFIG_REQUEST: {
      const port = r.u32("queue_get_config_request.port");
      r.skip(4, "queue_get_config_request.padding");
      return { version: 4, type: "QUEUE_GET_CONFIG_REQUEST", xid, port };
    }
    case OFPT.QUEUE_GET_CONFIG_REPLY: {
      const port = r.u32("queue_get_config_reply.port");
      r.skip(4, "queue_get_config_reply.padding");
      return { version: 4, type: "QUEUE_GET_CONFIG_REPLY", xid, port, queues: decodeQueues(r) };
    }
    case OFPT.ROLE_REQUEST:
      return readLayout(r, ROLE, "role_request", { version: 4, type: "ROLE_REQUEST", xid });
    case OFPT.ROLE_REPLY:
      return readLayout(r, ROLE, "role_reply", { version: 4, type: "ROLE_REPLY", xid });
    case OFPT.GET_ASYNC_REPLY:
      return decodeAsync(r, "GET_ASYNC_REPLY", xid);
    case OFPT.SET_ASYNC:
      return decodeAsync(r, "SET_ASYNC", xid);
    case OFPT.METER_MOD: {
      const command = r.u16("meter_mod.command");
      const flags = r.u16("meter_mod.flags");
      const meterId = r.u32("meter_mod.meterId");
      return {
        version: 4,
        type: "METER_MOD",
        xid,
        command,
        flags,
        meterId,
        bands: decodeBands(r, METER_MOD_BANDS),
      };
    }
    default:
      return {
        version: 4,
        type: "RAW",
        xid,
        msgType: type,
        body: r.bytesView(r.remaining, "body"),
      };
  }
}

/** `ofp_async_config`: three [master/equal, slave] pairs of 32-bit masks. */
function decodeAsync(r: Reader, type: Of13AsyncConfig["type"], xid: number): Of13AsyncConfig {
  r.need(24, "async_config");
  return {
    version: 4,
    type,
    xid,
    packetInMask: [r.u32("async_config.packetInMask"), r.u32("async_config.packetInMask")],
    portStatusMask: [r.u32("async_config.portStatusMask"), r.u32("async_config.portStatusMask")],
    flowRemovedMask: [
      r.u32("async_config.flowRemovedMask"),
      r.u32("async_config.flowRemovedMask"),
    ],
  };
}

/**
 * Encodes a whole OpenFlow 1.3 message, header included.
 *
 * @throws {OfpEncodeError} For an unknown type, a missing field or a value out of range.
 */
export function encodeOf13(w: Writer, msg: Of13Message): void {
  const name: string = msg.type;
  if (typeof name !== "string" || !Object.hasOwn(OFPT, name) || name === "HELLO") {
    throw new OfpEncodeError(`Unknown OpenFlow 1.3 message type ${String(name)}`, "type");
  }
  const start = beginMessage(w, 4, OFPT[name as keyof typeof OFPT], msg.xid);
  switch (msg.type) {
    case "FEATURES_REQUEST":
    case "GET_CONFIG_REQUEST":
    case "BARRIER_REQUEST":
    case "BARRIER_REPLY":
    case "GET_ASYNC_REQUEST":
      break;
    case "ECHO_REQUEST":
    case "ECHO_REPLY":
      w.bytes(msg.data ?? EMPTY, "echo.data");
      break;
    case "ERROR":
      w.u16(msg.errType, "error.errType");
      if (msg.errType === OFPET.EXPERIMENTER) {
        w.u16(msg.expType ?? msg.code, "error.expType");
        w.u32(msg.experimenter ?? 0, "error.experimenter");
      } else {
        w.u16(msg.code, "error.code");
      }
      w.bytes(msg.data ?? EMPTY, "error.data");
      break;
    case "EXPERIMENTER":
      w.u32(msg.experimenter, "experimenter.experimenter");
      w.u32(msg.expType, "experimenter.expType");
      w.bytes(msg.data ?? EMPTY, "experimenter.data");
      break;
    case "FEATURES_REPLY":
      writeLayout(w, FEATURES_REPLY, msg, "features_reply");
      break;
    case "GET_CONFIG_REPLY":
      writeLayout(w, SWITCH_CONFIG, msg, "get_config_reply");
      break;
    case "SET_CONFIG":
      writeLayout(w, SWITCH_CONFIG, msg, "set_config");
      break;
    case "PACKET_IN":
      w.u32(msg.bufferId, "packet_in.bufferId");
      w.u16(msg.totalLen, "packet_in.totalLen");
      w.u8(msg.reason, "packet_in.reason");
      w.u8(msg.tableId, "packet_in.tableId");
      w.u64(msg.cookie, "packet_in.cookie");
      encodeMatch(w, msg.match, "packet_in.match");
      w.zeros(2);
      w.bytes(msg.data ?? EMPTY, "packet_in.data");
      break;
    case "FLOW_REMOVED":
      writeLayout(w, FLOW_REMOVED, msg, "flow_removed");
      encodeMatch(w, msg.match, "flow_removed.match");
      break;
    case "PORT_STATUS":
      w.u8(msg.reason, "port_status.reason");
      w.zeros(7);
      encodePort(w, msg.desc, "port_status.desc");
      break;
    case "PACKET_OUT": {
      w.u32(msg.bufferId, "packet_out.bufferId");
      w.u32(msg.inPort, "packet_out.inPort");
      const lenAt = w.pos;
      w.u16(0, "packet_out.actionsLen");
      w.zeros(6);
      const actionsStart = w.pos;
      encodeActions(w, msg.actions, "packet_out.actions");
      w.patchLength16(lenAt, actionsStart, "packet_out.actionsLen");
      w.bytes(msg.data ?? EMPTY, "packet_out.data");
      break;
    }
    case "FLOW_MOD":
      w.u64(msg.cookie, "flow_mod.cookie");
      w.u64(msg.cookieMask, "flow_mod.cookieMask");
      w.u8(msg.tableId, "flow_mod.tableId");
      w.u8(msg.command, "flow_mod.command");
      w.u16(msg.idleTimeout, "flow_mod.idleTimeout");
      w.u16(msg.hardTimeout, "flow_mod.hardTimeout");
      w.u16(msg.priority, "flow_mod.priority");
      w.u32(msg.bufferId, "flow_mod.bufferId");
      w.u32(msg.outPort, "flow_mod.outPort");
      w.u32(msg.outGroup, "flow_mod.outGroup");
      w.u16(msg.flags, "flow_mod.flags");
      w.zeros(2);
      encodeMatch(w, msg.match, "flow_mod.match");
      encodeInstructions(w, msg.instructions, "flow_mod.instructions");
      break;
    case "GROUP_MOD":
      w.u16(msg.command, "group_mod.command");
      w.u8(msg.groupType, "group_mod.groupType");
      w.zeros(1);
      w.u32(msg.groupId, "group_mod.groupId");
      encodeBuckets(w, msg.buckets, GROUP_MOD_BUCKETS);
      break;
    case "PORT_MOD":
      writeLayout(w, PORT_MOD, msg, "port_mod");
      break;
    case "TABLE_MOD":
      writeLayout(w, TABLE_MOD, msg, "table_mod");
      break;
    case "MULTIPART_REQUEST":
      w.u16(multipartTypeOf(msg.body, "multipart_request.body"), "multipart_request.body.type");
      w.u16(msg.flags ?? 0, "multipart_request.flags");
      w.zeros(4);
      encodeMultipartRequestBody(w, msg.body);
      break;
    case "MULTIPART_REPLY":
      w.u16(multipartTypeOf(msg.body, "multipart_reply.body"), "multipart_reply.body.type");
      w.u16(msg.flags ?? 0, "multipart_reply.flags");
      w.zeros(4);
      encodeMultipartReplyBody(w, msg.body);
      break;
    case "QUEUE_GET_CONFIG_REQUEST":
      w.u32(msg.port, "queue_get_config_request.port");
      w.zeros(4);
      break;
    case "QUEUE_GET_CONFIG_REPLY":
      w.u32(msg.port, "queue_get_config_reply.port");
      w.zeros(4);
      encodeQueues(w, msg.queues);
      break;
    case "ROLE_REQUEST":
      writeLayout(w, ROLE, msg, "role_request");
      break;
    case "ROLE_REPLY":
      writeLayout(w, ROLE, msg, "role_reply");
      break;
    case "GET_ASYNC_REPLY":
    case "SET_ASYNC":
      for (const name of ASYNC_MASKS) {
        const pair = msg[name];
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw new OfpEncodeError(
            "Expected a [master/equal, slave] pair of masks",
            `async_config.${name}`,
          );
        }
        w.u32(pair[0], `async_config.${name}[0]`);
        w.u32(pair[1], `async_config.${name}[1]`);
      }
      break;
    case "METER_MOD":
      w.u16(msg.command, "meter_mod.command");
      w.u16(msg.flags, "meter_mod.flags");
      w.u32(msg.meterId, "meter_mod.meterId");
      encodeBands(w, msg.bands, METER_MOD_BANDS);
      break;
  }
  endMessage(w, start);
}
