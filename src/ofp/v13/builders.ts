/**
 * OpenFlow 1.3 message builders: each takes the fields a test cares about and fills the
 * rest with the spec's defaults. `xid` is 0 unless given (the Controller assigns one).
 *
 * @module
 */

import {
  OFP_DEFAULT_PRIORITY,
  OFP_NO_BUFFER,
  OFPC_FRAG,
  OFPCR_ROLE,
  OFPET,
  OFPFC,
  OFPGC,
  OFPGT,
  OFPM,
  OFPMC,
  OFPMF,
  OFPPR,
  OFPR,
  OFPRR,
  OFPTT,
} from "./constants.ts";
import type {
  Of13FlowStatsRequestBody,
  Of13MultipartReplyBody,
  Of13MultipartRequestBody,
  Of13TableFeatures,
} from "./multipart_types.ts";
import { OFPG, OFPP, OFPQ_ALL } from "./ports.ts";
import type {
  Of13AsyncConfig,
  Of13Bucket,
  Of13Echo,
  Of13Empty,
  Of13Error,
  Of13Experimenter,
  Of13FeaturesReply,
  Of13Fields,
  Of13FlowMod,
  Of13FlowRemoved,
  Of13GroupMod,
  Of13MeterBand,
  Of13MeterMod,
  Of13MultipartReply,
  Of13MultipartRequest,
  Of13MultipartRequestOf,
  Of13PacketIn,
  Of13PacketOut,
  Of13PacketQueue,
  Of13Port,
  Of13PortMod,
  Of13PortStatus,
  Of13QueueGetConfigReply,
  Of13QueueGetConfigRequest,
  Of13Role,
  Of13SwitchConfig,
  Of13TableMod,
} from "./types.ts";

/**
 * FLOW_MOD with defaults: command ADD, table 0, priority 0x8000, no buffer, out port and
 * group ANY, cookie and mask 0, no timeouts, no flags, empty match and instructions.
 *
 * @param fields The fields to set.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { decode, encode, of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of13.flowMod({
 *   priority: 100,
 *   match: of13.match({ in_port: 1 }),
 *   instructions: [of13.applyActions([of13.output(2)])],
 * });
 * assert.equal(msg.command, of13.OFPFC.ADD);
 * assert.equal(msg.outPort, of13.OFPP.ANY);
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 */
export function flowMod(fields: Of13Fields<Of13FlowMod> = {}): Of13FlowMod {
  return {
    version: 4,
    type: "FLOW_MOD",
    xid: 0,
    cookie: 0n,
    cookieMask: 0n,
    tableId: 0,
    command: OFPFC.ADD,
    idleTimeout: 0,
    hardTimeout: 0,
    priority: OFP_DEFAULT_PRIORITY,
    bufferId: OFP_NO_BUFFER,
    outPort: OFPP.ANY,
    outGroup: OFPG.ANY,
    flags: 0,
    match: [],
    instructions: [],
    ...fields,
  };
}

/**
 * FLOW_MOD DELETE of every flow in every table (OFTest's `delete_all_flows`).
 *
 * @param fields Fields to override (e.g. `tableId`, `match`).
 * @returns The message.
 */
export function flowDeleteAll(fields: Of13Fields<Of13FlowMod> = {}): Of13FlowMod {
  return flowMod({ command: OFPFC.DELETE, tableId: OFPTT.ALL, ...fields });
}

/**
 * PACKET_OUT with defaults: not buffered, in port CONTROLLER, no actions, no data.
 *
 * @param fields The fields to set (usually `actions` and `data`).
 * @returns The message.
 *
 * @example
 * ```ts
 * import { encode, of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const frame = new Uint8Array(60);
 * const msg = of13.packetOut({ actions: [of13.output(3)], data: frame });
 * // 24-byte fixed part, one 16-byte OUTPUT action, then the frame.
 * assert.equal(encode(msg).length, 24 + 16 + 60);
 * ```
 */
export function packetOut(fields: Of13Fields<Of13PacketOut> = {}): Of13PacketOut {
  return {
    version: 4,
    type: "PACKET_OUT",
    xid: 0,
    bufferId: OFP_NO_BUFFER,
    inPort: OFPP.CONTROLLER,
    actions: [],
    data: new Uint8Array(0),
    ...fields,
  };
}

/**
 * ECHO_REQUEST.
 *
 * @param data Payload to have echoed.
 * @returns The message.
 */
export function echoRequest(data: Uint8Array = new Uint8Array(0)): Of13Echo {
  return { version: 4, type: "ECHO_REQUEST", xid: 0, data };
}

function empty<T extends Of13Empty["type"]>(type: T): Of13Empty & { type: T } {
  return { version: 4, type, xid: 0 };
}

/** FEATURES_REQUEST. @returns The message. */
export function featuresRequest(): Of13Empty & { type: "FEATURES_REQUEST" } {
  return empty("FEATURES_REQUEST");
}

/** BARRIER_REQUEST. @returns The message. */
export function barrierRequest(): Of13Empty & { type: "BARRIER_REQUEST" } {
  return empty("BARRIER_REQUEST");
}

/** GET_CONFIG_REQUEST. @returns The message. */
export function getConfigRequest(): Of13Empty & { type: "GET_CONFIG_REQUEST" } {
  return empty("GET_CONFIG_REQUEST");
}

/** GET_ASYNC_REQUEST. @returns The message. */
export function getAsyncRequest(): Of13Empty & { type: "GET_ASYNC_REQUEST" } {
  return empty("GET_ASYNC_REQUEST");
}

/**
 * SET_CONFIG.
 *
 * @param flags Fragment handling (`OFPC_FRAG`). Default NORMAL.
 * @param missSendLen Bytes sent to the controller on a miss. Default 128.
 * @returns The message.
 */
export function setConfig(
  flags: number = OFPC_FRAG.NORMAL,
  missSendLen = 128,
): Of13SwitchConfig {
  return { version: 4, type: "SET_CONFIG", xid: 0, flags, missSendLen };
}

/**
 * MULTIPART_REQUEST of any body. The per-type helpers ({@linkcode flowStatsRequest},
 * {@linkcode portDescRequest}, ...) fill each body's defaults.
 *
 * @param body The body, e.g. `{ type: "PORT_DESC" }`.
 * @param flags Request flags (`OFPMPF.REQ_MORE` when more parts follow). Default 0.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { encode, of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of13.multipartRequest({ type: "PORT_STATS", portNo: 1 });
 * assert.deepEqual(msg, of13.portStatsRequest(1));
 * assert.equal(encode(msg).length, 24);
 * ```
 */
export function multipartRequest<B extends Of13MultipartRequestBody>(
  body: B,
  flags = 0,
): Of13MultipartRequest & { body: B } {
  return { version: 4, type: "MULTIPART_REQUEST", xid: 0, flags, body };
}

/**
 * FLOW stats request; defaults read every flow of every table (table ALL, out port and
 * group ANY, any cookie, empty match).
 *
 * @param fields Filter fields to set.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of13.flowStatsRequest({ tableId: 0, match: of13.match({ in_port: 1 }) });
 * assert.equal(msg.body.type, "FLOW");
 * ```
 */
export function flowStatsRequest(
  fields: Partial<Omit<Of13FlowStatsRequestBody, "type">> = {},
): Of13MultipartRequestOf<"FLOW"> {
  return multipartRequest({
    type: "FLOW",
    tableId: OFPTT.ALL,
    outPort: OFPP.ANY,
    outGroup: OFPG.ANY,
    cookie: 0n,
    cookieMask: 0n,
    match: [],
    ...fields,
  });
}

/**
 * AGGREGATE stats request; defaults cover every flow of every table.
 *
 * @param fields Filter fields to set.
 * @returns The message.
 */
export function aggregateStatsRequest(
  fields: Partial<Omit<Of13FlowStatsRequestBody, "type">> = {},
): Of13MultipartRequestOf<"AGGREGATE"> {
  const { body } = flowStatsRequest(fields);
  return multipartRequest({ ...(body as Of13FlowStatsRequestBody), type: "AGGREGATE" as const });
}

/** DESC request. @returns The message. */
export function descRequest(): Of13MultipartRequestOf<"DESC"> {
  return multipartRequest({ type: "DESC" });
}

/** PORT_DESC request. @returns The message. */
export function portDescRequest(): Of13MultipartRequestOf<"PORT_DESC"> {
  return multipartRequest({ type: "PORT_DESC" });
}

/** TABLE stats request. @returns The message. */
export function tableStatsRequest(): Of13MultipartRequestOf<"TABLE"> {
  return multipartRequest({ type: "TABLE" });
}

/**
 * PORT_STATS request.
 *
 * @param portNo Port. Default every port.
 * @returns The message.
 */
export function portStatsRequest(portNo: number = OFPP.ANY): Of13MultipartRequestOf<"PORT_STATS"> {
  return multipartRequest({ type: "PORT_STATS", portNo });
}

/**
 * QUEUE stats request.
 *
 * @param portNo Port. Default every port.
 * @param queueId Queue. Default every queue.
 * @returns The message.
 */
export function queueStatsRequest(
  portNo: number = OFPP.ANY,
  queueId: number = OFPQ_ALL,
): Of13MultipartRequestOf<"QUEUE"> {
  return multipartRequest({ type: "QUEUE", portNo, queueId });
}

/**
 * GROUP stats request.
 *
 * @param groupId Group. Default every group.
 * @returns The message.
 */
export function groupStatsRequest(groupId: number = OFPG.ALL): Of13MultipartRequestOf<"GROUP"> {
  return multipartRequest({ type: "GROUP", groupId });
}

/** GROUP_DESC request. @returns The message. */
export function groupDescRequest(): Of13MultipartRequestOf<"GROUP_DESC"> {
  return multipartRequest({ type: "GROUP_DESC" });
}

/** GROUP_FEATURES request. @returns The message. */
export function groupFeaturesRequest(): Of13MultipartRequestOf<"GROUP_FEATURES"> {
  return multipartRequest({ type: "GROUP_FEATURES" });
}

/**
 * METER stats request.
 *
 * @param meterId Meter. Default every meter.
 * @returns The message.
 */
export function meterStatsRequest(meterId: number = OFPM.ALL): Of13MultipartRequestOf<"METER"> {
  return multipartRequest({ type: "METER", meterId });
}

/**
 * METER_CONFIG request.
 *
 * @param meterId Meter. Default every meter.
 * @returns The message.
 */
export function meterConfigRequest(
  meterId: number = OFPM.ALL,
): Of13MultipartRequestOf<"METER_CONFIG"> {
  return multipartRequest({ type: "METER_CONFIG", meterId });
}

/** METER_FEATURES request. @returns The message. */
export function meterFeaturesRequest(): Of13MultipartRequestOf<"METER_FEATURES"> {
  return multipartRequest({ type: "METER_FEATURES" });
}

/**
 * TABLE_FEATURES request. Without entries it only reads; with entries it asks the switch
 * to reconfigure its tables.
 *
 * @param entries Tables to set. Default none (read only).
 * @returns The message.
 */
export function tableFeaturesRequest(
  entries: Of13TableFeatures[] = [],
): Of13MultipartRequestOf<"TABLE_FEATURES"> {
  return multipartRequest({ type: "TABLE_FEATURES", entries });
}

/**
 * ROLE_REQUEST.
 *
 * @param role `OFPCR_ROLE`. Default NOCHANGE (query).
 * @param generationId Generation id. Default 0.
 * @returns The message.
 */
export function roleRequest(role: number = OFPCR_ROLE.NOCHANGE, generationId = 0n): Of13Role {
  return { version: 4, type: "ROLE_REQUEST", xid: 0, role, generationId };
}

/**
 * GROUP_MOD with defaults: command ADD, type ALL, group 0, no buckets.
 *
 * @param fields The fields to set (`groupId` and `buckets` at least).
 * @returns The message.
 *
 * @example
 * ```ts
 * import { decode, encode, of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of13.groupMod({
 *   groupId: 1,
 *   groupType: of13.OFPGT.SELECT,
 *   buckets: [of13.bucket({ weight: 1, actions: [of13.output(2)] })],
 * });
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 */
export function groupMod(fields: Of13Fields<Of13GroupMod> = {}): Of13GroupMod {
  return {
    version: 4,
    type: "GROUP_MOD",
    xid: 0,
    command: OFPGC.ADD,
    groupType: OFPGT.ALL,
    groupId: 0,
    buckets: [],
    ...fields,
  };
}

/**
 * METER_MOD with defaults: command ADD, flags KBPS, meter 0, no bands.
 *
 * @param fields The fields to set (`meterId` and `bands` at least).
 * @returns The message.
 *
 * @example
 * ```ts
 * import { decode, encode, of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of13.meterMod({ meterId: 1, bands: [of13.dropBand(1000)] });
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 */
export function meterMod(fields: Of13Fields<Of13MeterMod> = {}): Of13MeterMod {
  return {
    version: 4,
    type: "METER_MOD",
    xid: 0,
    command: OFPMC.ADD,
    flags: OFPMF.KBPS,
    meterId: 0,
    bands: [],
    ...fields,
  };
}

/**
 * A group bucket with defaults: weight 0, watch port ANY, watch group ANY, no actions.
 *
 * @param fields The fields to set (usually `actions`, and `weight` for SELECT groups or the
 *   watch port or group for FF groups).
 * @returns The bucket.
 */
export function bucket(fields: Partial<Of13Bucket> = {}): Of13Bucket {
  return { weight: 0, watchPort: OFPP.ANY, watchGroup: OFPG.ANY, actions: [], ...fields };
}

/**
 * A DROP meter band.
 *
 * @param rate Rate above which packets are dropped (kb/s or packets/s per the meter's flags).
 * @param burstSize Burst size (used with `OFPMF.BURST`). Default 0.
 * @returns The band.
 */
export function dropBand(rate: number, burstSize = 0): Of13MeterBand {
  return { type: "DROP", rate, burstSize };
}

/**
 * A DSCP_REMARK meter band.
 *
 * @param rate Rate above which packets are remarked.
 * @param precLevel Drop-precedence levels to add to the DSCP. Default 1.
 * @param burstSize Burst size (used with `OFPMF.BURST`). Default 0.
 * @returns The band.
 */
export function dscpRemarkBand(rate: number, precLevel = 1, burstSize = 0): Of13MeterBand {
  return { type: "DSCP_REMARK", rate, burstSize, precLevel };
}

/**
 * EXPERIMENTER multipart request (an ONF or Nicira extension's request, for example).
 *
 * @param experimenter Experimenter id.
 * @param expType Experimenter-defined type.
 * @param data Experimenter-defined body. Default empty.
 * @returns The message.
 */
export function experimenterMultipartRequest(
  experimenter: number,
  expType: number,
  data: Uint8Array = new Uint8Array(0),
): Of13MultipartRequest {
  return multipartRequest({ type: "EXPERIMENTER", experimenter, expType, data });
}

/**
 * ECHO_REPLY.
 *
 * @param data The request's payload, echoed back.
 * @returns The message.
 */
export function echoReply(data: Uint8Array = new Uint8Array(0)): Of13Echo {
  return { version: 4, type: "ECHO_REPLY", xid: 0, data };
}

/** BARRIER_REPLY. @returns The message. */
export function barrierReply(): Of13Empty & { type: "BARRIER_REPLY" } {
  return empty("BARRIER_REPLY");
}

/**
 * ERROR of a standard type.
 *
 * @param errType Error type (`OFPET`).
 * @param code Error code within the type (`OFPBRC`, `OFPFMFC`, ...).
 * @param data The offending request's first bytes. Default empty.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { decode, encode, of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of13.error(of13.OFPET.BAD_REQUEST, of13.OFPBRC.BAD_LEN);
 * assert.deepEqual(encode(msg), new Uint8Array([4, 1, 0, 12, 0, 0, 0, 0, 0, 1, 0, 6]));
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 */
export function error(
  errType: number,
  code: number,
  data: Uint8Array = new Uint8Array(0),
): Of13Error {
  return { version: 4, type: "ERROR", xid: 0, errType, code, data };
}

/**
 * ERROR of the experimenter type (0xffff).
 *
 * @param experimenter Experimenter id.
 * @param expType Experimenter-defined error type.
 * @param data Experimenter-defined data. Default empty.
 * @returns The message (its `code` repeats `expType`, as decoding gives).
 */
export function experimenterError(
  experimenter: number,
  expType: number,
  data: Uint8Array = new Uint8Array(0),
): Of13Error {
  return {
    version: 4,
    type: "ERROR",
    xid: 0,
    errType: OFPET.EXPERIMENTER,
    code: expType,
    expType,
    experimenter,
    data,
  };
}

/**
 * EXPERIMENTER message (named so to leave `experimenter` free for action builders).
 *
 * @param experimenter Experimenter id.
 * @param expType Experimenter-defined type.
 * @param data Experimenter-defined body. Default empty.
 * @returns The message.
 */
export function experimenterMessage(
  experimenter: number,
  expType: number,
  data: Uint8Array = new Uint8Array(0),
): Of13Experimenter {
  return { version: 4, type: "EXPERIMENTER", xid: 0, experimenter, expType, data };
}

/**
 * FEATURES_REPLY with defaults: datapath id 0, no buffers, one table, main connection,
 * no capabilities.
 *
 * @param fields The fields to set.
 * @returns The message.
 */
export function featuresReply(fields: Of13Fields<Of13FeaturesReply> = {}): Of13FeaturesReply {
  return {
    version: 4,
    type: "FEATURES_REPLY",
    xid: 0,
    datapathId: 0n,
    nBuffers: 0,
    nTables: 1,
    auxiliaryId: 0,
    capabilities: 0,
    reserved: 0,
    ...fields,
  };
}

/**
 * GET_CONFIG_REPLY.
 *
 * @param flags Fragment handling (`OFPC_FRAG`). Default NORMAL.
 * @param missSendLen Bytes sent to the controller on a miss. Default 128.
 * @returns The message.
 */
export function getConfigReply(
  flags: number = OFPC_FRAG.NORMAL,
  missSendLen = 128,
): Of13SwitchConfig {
  return { version: 4, type: "GET_CONFIG_REPLY", xid: 0, flags, missSendLen };
}

/**
 * PACKET_IN with defaults: not buffered, reason NO_MATCH, table 0, cookie 0, empty match,
 * `totalLen` the length of `data`.
 *
 * @param fields The fields to set (usually `match` and `data`).
 * @returns The message.
 */
export function packetIn(fields: Of13Fields<Of13PacketIn> = {}): Of13PacketIn {
  const data = fields.data ?? new Uint8Array(0);
  return {
    version: 4,
    type: "PACKET_IN",
    xid: 0,
    bufferId: OFP_NO_BUFFER,
    totalLen: data.length,
    reason: OFPR.NO_MATCH,
    tableId: 0,
    cookie: 0n,
    match: [],
    ...fields,
    data,
  };
}

/**
 * FLOW_REMOVED with defaults: reason DELETE, priority 0x8000, table 0, zero counters and
 * durations, empty match.
 *
 * @param fields The fields to set.
 * @returns The message.
 */
export function flowRemoved(fields: Of13Fields<Of13FlowRemoved> = {}): Of13FlowRemoved {
  return {
    version: 4,
    type: "FLOW_REMOVED",
    xid: 0,
    cookie: 0n,
    priority: OFP_DEFAULT_PRIORITY,
    reason: OFPRR.DELETE,
    tableId: 0,
    durationSec: 0,
    durationNsec: 0,
    idleTimeout: 0,
    hardTimeout: 0,
    packetCount: 0n,
    byteCount: 0n,
    match: [],
    ...fields,
  };
}

/**
 * An `ofp_port` with defaults: port 1, zero MAC, empty name, no config, state, features
 * or speeds.
 *
 * @param fields The fields to set.
 * @returns The port description.
 */
export function port(fields: Partial<Of13Port> = {}): Of13Port {
  return {
    portNo: 1,
    hwAddr: "00:00:00:00:00:00",
    name: "",
    config: 0,
    state: 0,
    curr: 0,
    advertised: 0,
    supported: 0,
    peer: 0,
    currSpeed: 0,
    maxSpeed: 0,
    ...fields,
  };
}

/**
 * PORT_STATUS.
 *
 * @param reason `OFPPR` reason. Default MODIFY.
 * @param desc The port. Default {@linkcode port}'s defaults.
 * @returns The message.
 */
export function portStatus(reason: number = OFPPR.MODIFY, desc: Of13Port = port()): Of13PortStatus {
  return { version: 4, type: "PORT_STATUS", xid: 0, reason, desc };
}

/**
 * PORT_MOD with defaults: port 1, zero MAC, no bits changed, advertisement unchanged.
 *
 * @param fields The fields to set (`portNo`, `hwAddr`, `config` and `mask` usually).
 * @returns The message.
 */
export function portMod(fields: Of13Fields<Of13PortMod> = {}): Of13PortMod {
  return {
    version: 4,
    type: "PORT_MOD",
    xid: 0,
    portNo: 1,
    hwAddr: "00:00:00:00:00:00",
    config: 0,
    mask: 0,
    advertise: 0,
    ...fields,
  };
}

/**
 * TABLE_MOD.
 *
 * @param tableId Table. Default every table.
 * @param config Configuration bits. Default 0.
 * @returns The message.
 */
export function tableMod(tableId: number = OFPTT.ALL, config = 0): Of13TableMod {
  return { version: 4, type: "TABLE_MOD", xid: 0, tableId, config };
}

/**
 * MULTIPART_REPLY of any body.
 *
 * @param body The body, e.g. `{ type: "PORT_DESC", entries: [] }`.
 * @param flags Reply flags (`OFPMPF.REPLY_MORE` when more parts follow). Default 0.
 * @returns The message.
 */
export function multipartReply(body: Of13MultipartReplyBody, flags = 0): Of13MultipartReply {
  return { version: 4, type: "MULTIPART_REPLY", xid: 0, flags, body };
}

/**
 * QUEUE_GET_CONFIG_REQUEST.
 *
 * @param port Port. Default every port.
 * @returns The message.
 */
export function queueGetConfigRequest(port: number = OFPP.ANY): Of13QueueGetConfigRequest {
  return { version: 4, type: "QUEUE_GET_CONFIG_REQUEST", xid: 0, port };
}

/**
 * QUEUE_GET_CONFIG_REPLY.
 *
 * @param port The port that was queried.
 * @param queues Its queues. Default none.
 * @returns The message.
 */
export function queueGetConfigReply(
  port: number,
  queues: Of13PacketQueue[] = [],
): Of13QueueGetConfigReply {
  return { version: 4, type: "QUEUE_GET_CONFIG_REPLY", xid: 0, port, queues };
}

/**
 * ROLE_REPLY.
 *
 * @param role `OFPCR_ROLE`. Default EQUAL.
 * @param generationId Generation id. Default 0.
 * @returns The message.
 */
export function roleReply(role: number = OFPCR_ROLE.EQUAL, generationId = 0n): Of13Role {
  return { version: 4, type: "ROLE_REPLY", xid: 0, role, generationId };
}

// The default asynchronous configuration (the spec: master and equal get everything, slave
// only port status; the reasons as Open vSwitch's ofputil_async_cfg_default lists them for
// 1.3: packet-in NO_MATCH and ACTION, flow removed for all four OFPRR reasons).
const ALL_PORT_REASONS = (1 << OFPPR.ADD) | (1 << OFPPR.DELETE) | (1 << OFPPR.MODIFY);
const ASYNC_DEFAULTS = {
  packetInMask: [(1 << OFPR.NO_MATCH) | (1 << OFPR.ACTION), 0],
  portStatusMask: [ALL_PORT_REASONS, ALL_PORT_REASONS],
  flowRemovedMask: [
    (1 << OFPRR.IDLE_TIMEOUT) | (1 << OFPRR.HARD_TIMEOUT) | (1 << OFPRR.DELETE) |
    (1 << OFPRR.GROUP_DELETE),
    0,
  ],
} as const;

function asyncConfig(
  type: Of13AsyncConfig["type"],
  fields: Of13Fields<Of13AsyncConfig>,
): Of13AsyncConfig {
  return {
    version: 4,
    type,
    xid: 0,
    packetInMask: [...ASYNC_DEFAULTS.packetInMask],
    portStatusMask: [...ASYNC_DEFAULTS.portStatusMask],
    flowRemovedMask: [...ASYNC_DEFAULTS.flowRemovedMask],
    ...fields,
  };
}

/**
 * SET_ASYNC; masks not given take the spec's defaults (master: packet-in NO_MATCH and
 * ACTION, every port status and flow removal; slave: port status only). Each mask is a
 * `[master/equal, slave]` pair of `1 << reason` bits.
 *
 * @param fields Masks to set.
 * @returns The message.
 */
export function setAsync(fields: Of13Fields<Of13AsyncConfig> = {}): Of13AsyncConfig {
  return asyncConfig("SET_ASYNC", fields);
}

/**
 * GET_ASYNC_REPLY; masks not given take the spec's defaults (see {@linkcode setAsync}).
 *
 * @param fields Masks to set.
 * @returns The message.
 */
export function getAsyncReply(fields: Of13Fields<Of13AsyncConfig> = {}): Of13AsyncConfig {
  return asyncConfig("GET_ASYNC_REPLY", fields);
}
