// OpenFlow 1.3 message dispatch: decode and encode of every message type.
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { beginMessage, endMessage } from "../header.ts";
import { OfpEncodeError } from "../errors.ts";
import type { RawMessage } from "../raw.ts";
import { readMac, writeMac } from "../_text.ts";
import { layout, readLayout, writeLayout } from "../_layout.ts";
import { decodeActions, encodeActions } from "./actions.ts";
import { OFPT } from "./constants.ts";
import { decodeInstructions, encodeInstructions } from "./instructions.ts";
import {
  decodeMultipartReplyBody,
  decodeMultipartRequestBody,
  encodeMultipartReplyBody,
  encodeMultipartRequestBody,
  multipartTypeOf,
} from "./multipart.ts";
import { decodeMatch, encodeMatch } from "./oxm.ts";
import {
  decodeBands,
  decodeBuckets,
  decodeQueues,
  encodeBands,
  encodeBuckets,
  encodeQueues,
  PORT,
} from "./structs.ts";
import type { Of13Message, Of13Port } from "./types.ts";

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
const FLOW_REMOVED_FIXED = layout(
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
const TABLE_MOD = layout(["tableId", "u8"], 3, ["config", "u32"]);
const ROLE = layout(["role", "u32"], 4, ["generationId", "u64"]);

/** Decodes an OpenFlow 1.3 message body; `r` stands after the header. */
export function decodeOf13(r: Reader, type: number, xid: number): Of13Message | RawMessage {
  switch (type) {
    case OFPT.PACKET_IN: {
      r.need(16, "packet_in");
      const bufferId = r.u32("packet_in.bufferId");
      const totalLen = r.u16("packet_in.totalLen");
      const reason = r.u8("packet_in.reason");
      const tableId = r.u8("packet_in.tableId");
      const cookie = r.u64("packet_in.cookie");
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
    case OFPT.ECHO_REQUEST:
    case OFPT.ECHO_REPLY:
      return {
        version: 4,
        type: type === OFPT.ECHO_REQUEST ? "ECHO_REQUEST" : "ECHO_REPLY",
        xid,
        data: r.bytesView(r.remaining, "echo.data"),
      };
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
      if (errType === 0xffff) {
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
    case OFPT.SET_CONFIG:
      return readLayout(r, SWITCH_CONFIG, "switch_config", {
        version: 4,
        type: type === OFPT.SET_CONFIG ? "SET_CONFIG" : "GET_CONFIG_REPLY",
        xid,
      });
    case OFPT.FLOW_REMOVED: {
      const msg = readLayout<Record<string, unknown>>(r, FLOW_REMOVED_FIXED, "flow_removed", {
        version: 4,
        type: "FLOW_REMOVED",
        xid,
      });
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
        desc: readLayout<Of13Port>(r, PORT, "port_status.desc"),
      };
    }
    case OFPT.PACKET_OUT: {
      r.need(16, "packet_out");
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
    case OFPT.FLOW_MOD: {
      r.need(40, "flow_mod");
      const cookie = r.u64("flow_mod.cookie");
      const cookieMask = r.u64("flow_mod.cookieMask");
      const tableId = r.u8("flow_mod.tableId");
      const command = r.u8("flow_mod.command");
      const idleTimeout = r.u16("flow_mod.idleTimeout");
      const hardTimeout = r.u16("flow_mod.hardTimeout");
      const priority = r.u16("flow_mod.priority");
      const bufferId = r.u32("flow_mod.bufferId");
      const outPort = r.u32("flow_mod.outPort");
      const outGroup = r.u32("flow_mod.outGroup");
      const flags = r.u16("flow_mod.flags");
      r.pos += 2;
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
        buckets: decodeBuckets(r, "group_mod.buckets"),
      };
    }
    case OFPT.PORT_MOD: {
      const portNo = r.u32("port_mod.portNo");
      r.skip(4, "port_mod.padding");
      const hwAddr = readMac(r, "port_mod.hwAddr");
      r.skip(2, "port_mod.padding");
      const config = r.u32("port_mod.config");
      const mask = r.u32("port_mod.mask");
      const advertise = r.u32("port_mod.advertise");
      r.skip(4, "port_mod.padding");
      return { version: 4, type: "PORT_MOD", xid, portNo, hwAddr, config, mask, advertise };
    }
    case OFPT.TABLE_MOD:
      return readLayout(r, TABLE_MOD, "table_mod", { version: 4, type: "TABLE_MOD", xid });
    case OFPT.MULTIPART_REQUEST:
    case OFPT.MULTIPART_REPLY: {
      const mpType = r.u16("multipart.type");
      const flags = r.u16("multipart.flags");
      r.skip(4, "multipart.padding");
      if (type === OFPT.MULTIPART_REQUEST) {
        return {
          version: 4,
          type: "MULTIPART_REQUEST",
          xid,
          flags,
          body: decodeMultipartRequestBody(r, mpType, "multipart_request"),
        };
      }
      return {
        version: 4,
        type: "MULTIPART_REPLY",
        xid,
        flags,
        body: decodeMultipartReplyBody(r, mpType, "multipart_reply"),
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
      return {
        version: 4,
        type: "QUEUE_GET_CONFIG_REPLY",
        xid,
        port,
        queues: decodeQueues(r, "queue_get_config_reply.queues"),
      };
    }
    case OFPT.ROLE_REQUEST:
    case OFPT.ROLE_REPLY:
      return readLayout(r, ROLE, "role", {
        version: 4,
        type: type === OFPT.ROLE_REQUEST ? "ROLE_REQUEST" : "ROLE_REPLY",
        xid,
      });
    case OFPT.GET_ASYNC_REPLY:
    case OFPT.SET_ASYNC: {
      r.need(24, "async");
      const pair = (): [number, number] => [r.u32("async.mask"), r.u32("async.mask")];
      return {
        version: 4,
        type: type === OFPT.SET_ASYNC ? "SET_ASYNC" : "GET_ASYNC_REPLY",
        xid,
        packetInMask: pair(),
        portStatusMask: pair(),
        flowRemovedMask: pair(),
      };
    }
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
        bands: decodeBands(r, "meter_mod.bands"),
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

/** Encodes a whole OpenFlow 1.3 message, header included. */
export function encodeOf13(w: Writer, msg: Of13Message): void {
  const typeNumber = OFPT[msg.type as keyof typeof OFPT];
  if (typeNumber === undefined || typeNumber === OFPT.HELLO) {
    throw new OfpEncodeError(`Unknown OpenFlow 1.3 message type ${String(msg.type)}`, "type");
  }
  const start = beginMessage(w, 4, typeNumber, msg.xid);
  switch (msg.type) {
    case "FEATURES_REQUEST":
    case "GET_CONFIG_REQUEST":
    case "BARRIER_REQUEST":
    case "BARRIER_REPLY":
    case "GET_ASYNC_REQUEST":
      break;
    case "ECHO_REQUEST":
    case "ECHO_REPLY":
      w.bytes(msg.data ?? new Uint8Array(0), "echo.data");
      break;
    case "ERROR":
      w.u16(msg.errType, "error.errType");
      if (msg.errType === 0xffff) {
        w.u16(msg.expType ?? msg.code, "error.expType");
        w.u32(msg.experimenter ?? 0, "error.experimenter");
      } else {
        w.u16(msg.code, "error.code");
      }
      w.bytes(msg.data, "error.data");
      break;
    case "EXPERIMENTER":
      w.u32(msg.experimenter, "experimenter.experimenter");
      w.u32(msg.expType, "experimenter.expType");
      w.bytes(msg.data, "experimenter.data");
      break;
    case "FEATURES_REPLY":
      writeLayout(w, FEATURES_REPLY, msg, "features_reply");
      break;
    case "GET_CONFIG_REPLY":
    case "SET_CONFIG":
      writeLayout(w, SWITCH_CONFIG, msg, "switch_config");
      break;
    case "PACKET_IN":
      w.u32(msg.bufferId, "packet_in.bufferId");
      w.u16(msg.totalLen, "packet_in.totalLen");
      w.u8(msg.reason, "packet_in.reason");
      w.u8(msg.tableId, "packet_in.tableId");
      w.u64(msg.cookie, "packet_in.cookie");
      encodeMatch(w, msg.match, "packet_in.match");
      w.zeros(2);
      w.bytes(msg.data, "packet_in.data");
      break;
    case "FLOW_REMOVED":
      writeLayout(w, FLOW_REMOVED_FIXED, msg, "flow_removed");
      encodeMatch(w, msg.match, "flow_removed.match");
      break;
    case "PORT_STATUS":
      w.u8(msg.reason, "port_status.reason");
      w.zeros(7);
      writeLayout(w, PORT, msg.desc, "port_status.desc");
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
      w.bytes(msg.data ?? new Uint8Array(0), "packet_out.data");
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
      encodeBuckets(w, msg.buckets, "group_mod.buckets");
      break;
    case "PORT_MOD":
      w.u32(msg.portNo, "port_mod.portNo");
      w.zeros(4);
      writeMac(w, msg.hwAddr, "port_mod.hwAddr");
      w.zeros(2);
      w.u32(msg.config, "port_mod.config");
      w.u32(msg.mask, "port_mod.mask");
      w.u32(msg.advertise, "port_mod.advertise");
      w.zeros(4);
      break;
    case "TABLE_MOD":
      writeLayout(w, TABLE_MOD, msg, "table_mod");
      break;
    case "MULTIPART_REQUEST":
      w.u16(multipartTypeOf(msg.body, "multipart_request.body"), "multipart_request.body.type");
      w.u16(msg.flags ?? 0, "multipart_request.flags");
      w.zeros(4);
      encodeMultipartRequestBody(w, msg.body, "multipart_request.body");
      break;
    case "MULTIPART_REPLY":
      w.u16(multipartTypeOf(msg.body, "multipart_reply.body"), "multipart_reply.body.type");
      w.u16(msg.flags ?? 0, "multipart_reply.flags");
      w.zeros(4);
      encodeMultipartReplyBody(w, msg.body, "multipart_reply.body");
      break;
    case "QUEUE_GET_CONFIG_REQUEST":
      w.u32(msg.port, "queue_get_config_request.port");
      w.zeros(4);
      break;
    case "QUEUE_GET_CONFIG_REPLY":
      w.u32(msg.port, "queue_get_config_reply.port");
      w.zeros(4);
      encodeQueues(w, msg.queues, "queue_get_config_reply.queues");
      break;
    case "ROLE_REQUEST":
    case "ROLE_REPLY":
      writeLayout(w, ROLE, msg, "role");
      break;
    case "GET_ASYNC_REPLY":
    case "SET_ASYNC":
      for (
        const [name, pair] of [
          ["packetInMask", msg.packetInMask],
          ["portStatusMask", msg.portStatusMask],
          ["flowRemovedMask", msg.flowRemovedMask],
        ] as const
      ) {
        if (!Array.isArray(pair) || pair.length !== 2) {
          throw new OfpEncodeError("Expected a [master, slave] pair", `async.${name}`);
        }
        w.u32(pair[0], `async.${name}[0]`);
        w.u32(pair[1], `async.${name}[1]`);
      }
      break;
    case "METER_MOD":
      w.u16(msg.command, "meter_mod.command");
      w.u16(msg.flags, "meter_mod.flags");
      w.u32(msg.meterId, "meter_mod.meterId");
      encodeBands(w, msg.bands, "meter_mod.bands");
      break;
  }
  endMessage(w, start);
}
