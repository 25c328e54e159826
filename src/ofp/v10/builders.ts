/**
 * OpenFlow 1.0 message builders: each takes the fields a test cares about and fills the
 * rest with the spec's defaults. `xid` is 0 unless given (the Controller assigns one).
 *
 * @module
 */

import {
  OFP_DEFAULT_MISS_SEND_LEN,
  OFP_DEFAULT_PRIORITY,
  OFP_NO_BUFFER,
  OFPC_FRAG,
  OFPFC,
  OFPP,
  OFPPR,
  OFPQ_ALL,
  OFPR,
  OFPRR,
  OFPTT_ALL,
} from "./constants.ts";
import { match } from "./match.ts";
import { phyPort } from "./port.ts";
import type {
  Of10Echo,
  Of10Empty,
  Of10Error,
  Of10FeaturesReply,
  Of10Fields,
  Of10FlowMod,
  Of10FlowRemoved,
  Of10FlowStatsRequestBody,
  Of10PacketIn,
  Of10PacketOut,
  Of10PacketQueue,
  Of10PhyPort,
  Of10PortMod,
  Of10PortStatus,
  Of10QueueGetConfigReply,
  Of10QueueGetConfigRequest,
  Of10StatsReply,
  Of10StatsReplyBody,
  Of10StatsRequest,
  Of10StatsRequestBody,
  Of10StatsRequestOf,
  Of10SwitchConfig,
  Of10Vendor,
} from "./types.ts";

const EMPTY = (): Uint8Array => new Uint8Array(0);

/**
 * ERROR.
 *
 * @param errType Error type (`OFPET`).
 * @param code Code within the type (`OFPBRC`, `OFPBAC`, `OFPFMFC`, ...).
 * @param data The offending request's first bytes (at least 64), or ASCII text for
 *   HELLO_FAILED. Default empty.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { decode, encode, of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of10.error(of10.OFPET.BAD_REQUEST, of10.OFPBRC.BAD_LEN);
 * assert.deepEqual(encode(msg), new Uint8Array([1, 1, 0, 12, 0, 0, 0, 0, 0, 1, 0, 6]));
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 */
export function error(errType: number, code: number, data: Uint8Array = EMPTY()): Of10Error {
  return { version: 1, type: "ERROR", xid: 0, errType, code, data };
}

/**
 * ECHO_REQUEST.
 *
 * @param data Payload to have echoed. Default empty.
 * @returns The message.
 */
export function echoRequest(data: Uint8Array = EMPTY()): Of10Echo {
  return { version: 1, type: "ECHO_REQUEST", xid: 0, data };
}

/**
 * ECHO_REPLY.
 *
 * @param data The request's payload. Default empty.
 * @returns The message.
 */
export function echoReply(data: Uint8Array = EMPTY()): Of10Echo {
  return { version: 1, type: "ECHO_REPLY", xid: 0, data };
}

/**
 * VENDOR message (named so to leave `vendorAction` and this apart).
 *
 * @param vendor Vendor id (Nicira: `NX_VENDOR_ID`).
 * @param data The vendor-defined body after the vendor id. Default empty.
 * @returns The message.
 */
export function vendorMessage(vendor: number, data: Uint8Array = EMPTY()): Of10Vendor {
  return { version: 1, type: "VENDOR", xid: 0, vendor, data };
}

/**
 * FEATURES_REQUEST.
 *
 * @returns The message.
 */
export function featuresRequest(): Of10Empty & { type: "FEATURES_REQUEST" } {
  return { version: 1, type: "FEATURES_REQUEST", xid: 0 };
}

/**
 * FEATURES_REPLY with defaults: datapath id 0, no buffers, one table, no capabilities,
 * no actions, no ports.
 *
 * @param fields The fields to set.
 * @returns The message.
 */
export function featuresReply(fields: Of10Fields<Of10FeaturesReply> = {}): Of10FeaturesReply {
  return {
    version: 1,
    type: "FEATURES_REPLY",
    xid: 0,
    datapathId: 0n,
    nBuffers: 0,
    nTables: 1,
    capabilities: 0,
    actions: 0,
    ports: [],
    ...fields,
  };
}

/**
 * GET_CONFIG_REQUEST.
 *
 * @returns The message.
 */
export function getConfigRequest(): Of10Empty & { type: "GET_CONFIG_REQUEST" } {
  return { version: 1, type: "GET_CONFIG_REQUEST", xid: 0 };
}

/**
 * GET_CONFIG_REPLY.
 *
 * @param flags Fragment handling (`OFPC_FRAG`). Default NORMAL.
 * @param missSendLen Bytes of a missed packet sent to the controller. Default 128.
 * @returns The message.
 */
export function getConfigReply(
  flags: number = OFPC_FRAG.NORMAL,
  missSendLen: number = OFP_DEFAULT_MISS_SEND_LEN,
): Of10SwitchConfig {
  return { version: 1, type: "GET_CONFIG_REPLY", xid: 0, flags, missSendLen };
}

/**
 * SET_CONFIG.
 *
 * @param flags Fragment handling (`OFPC_FRAG`). Default NORMAL.
 * @param missSendLen Bytes of a missed packet sent to the controller. Default 128.
 * @returns The message.
 */
export function setConfig(
  flags: number = OFPC_FRAG.NORMAL,
  missSendLen: number = OFP_DEFAULT_MISS_SEND_LEN,
): Of10SwitchConfig {
  return { version: 1, type: "SET_CONFIG", xid: 0, flags, missSendLen };
}

/**
 * PACKET_IN with defaults: not buffered, reason NO_MATCH, port 0, no data; `totalLen`
 * defaults to the data's length.
 *
 * @param fields The fields to set.
 * @returns The message.
 */
export function packetIn(fields: Of10Fields<Of10PacketIn> = {}): Of10PacketIn {
  const data = fields.data ?? EMPTY();
  return {
    version: 1,
    type: "PACKET_IN",
    xid: 0,
    bufferId: OFP_NO_BUFFER,
    totalLen: data.length,
    inPort: 0,
    reason: OFPR.NO_MATCH,
    ...fields,
    data,
  };
}

/**
 * FLOW_REMOVED with defaults: a match of everything, cookie 0, priority 0x8000, reason
 * IDLE_TIMEOUT, zero durations, timeouts and counters.
 *
 * @param fields The fields to set.
 * @returns The message.
 */
export function flowRemoved(fields: Of10Fields<Of10FlowRemoved> = {}): Of10FlowRemoved {
  return {
    version: 1,
    type: "FLOW_REMOVED",
    xid: 0,
    match: match(),
    cookie: 0n,
    priority: OFP_DEFAULT_PRIORITY,
    reason: OFPRR.IDLE_TIMEOUT,
    durationSec: 0,
    durationNsec: 0,
    idleTimeout: 0,
    packetCount: 0n,
    byteCount: 0n,
    ...fields,
  };
}

/**
 * PORT_STATUS.
 *
 * @param reason `OFPPR` reason. Default MODIFY.
 * @param desc The port. Default {@linkcode phyPort}`()`.
 * @returns The message.
 */
export function portStatus(
  reason: number = OFPPR.MODIFY,
  desc: Of10PhyPort = phyPort(),
): Of10PortStatus {
  return { version: 1, type: "PORT_STATUS", xid: 0, reason, desc };
}

/**
 * PACKET_OUT with defaults: not buffered (`bufferId` 0xffffffff), in port `OFPP.NONE`,
 * no actions (drop), no data.
 *
 * @param fields The fields to set.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { decode, encode, of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of10.packetOut({ actions: [of10.output(1)], data: new Uint8Array(60) });
 * assert.equal(encode(msg).length, 8 + 8 + 8 + 60);
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 */
export function packetOut(fields: Of10Fields<Of10PacketOut> = {}): Of10PacketOut {
  return {
    version: 1,
    type: "PACKET_OUT",
    xid: 0,
    bufferId: OFP_NO_BUFFER,
    inPort: OFPP.NONE,
    actions: [],
    data: EMPTY(),
    ...fields,
  };
}

/**
 * FLOW_MOD with defaults: command ADD, priority 0x8000, not buffered, out port NONE,
 * cookie 0, no timeouts or flags, a match of everything, no actions (drop).
 *
 * @param fields The fields to set.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { decode, encode, of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of10.flowMod({ match: of10.match({ in_port: 1 }), actions: [of10.output(2)] });
 * assert.equal(encode(msg).length, 80);
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 */
export function flowMod(fields: Of10Fields<Of10FlowMod> = {}): Of10FlowMod {
  return {
    version: 1,
    type: "FLOW_MOD",
    xid: 0,
    match: match(),
    cookie: 0n,
    command: OFPFC.ADD,
    idleTimeout: 0,
    hardTimeout: 0,
    priority: OFP_DEFAULT_PRIORITY,
    bufferId: OFP_NO_BUFFER,
    outPort: OFPP.NONE,
    flags: 0,
    actions: [],
    ...fields,
  };
}

/**
 * FLOW_MOD DELETE of every flow (OFTest's `delete_all_flows`).
 *
 * @param fields Fields to override.
 * @returns The message.
 */
export function flowDeleteAll(fields: Of10Fields<Of10FlowMod> = {}): Of10FlowMod {
  return flowMod({ command: OFPFC.DELETE, ...fields });
}

/**
 * PORT_MOD with defaults: port 1, MAC 00:00:00:00:00:00, nothing to change (`mask` 0),
 * advertise 0 (unchanged). The switch checks `hwAddr` against the port's.
 *
 * @param fields The fields to set.
 * @returns The message.
 */
export function portMod(fields: Of10Fields<Of10PortMod> = {}): Of10PortMod {
  return {
    version: 1,
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
 * STATS_REQUEST of any body.
 *
 * @param body The body, e.g. `{ type: "DESC" }`.
 * @param flags Request flags (1.0 defines none). Default 0.
 * @returns The message.
 */
export function statsRequest<B extends Of10StatsRequestBody>(
  body: B,
  flags = 0,
): Of10StatsRequest & { body: B } {
  return { version: 1, type: "STATS_REQUEST", xid: 0, flags, body };
}

/**
 * STATS_REPLY of any body.
 *
 * @param body The body, e.g. `{ type: "AGGREGATE", packetCount: 0n, byteCount: 0n, flowCount: 0 }`.
 * @param flags `OFPSF.REPLY_MORE` when more replies follow. Default 0.
 * @returns The message.
 */
export function statsReply(body: Of10StatsReplyBody, flags = 0): Of10StatsReply {
  return { version: 1, type: "STATS_REPLY", xid: 0, flags, body };
}

/**
 * FLOW stats request; defaults read every flow of every table.
 *
 * @param fields Filter fields to set: `match`, `tableId` (default `OFPTT_ALL`), `outPort`
 *   (default `OFPP.NONE`).
 * @returns The message.
 */
export function flowStatsRequest(
  fields: Partial<Omit<Of10FlowStatsRequestBody, "type">> = {},
): Of10StatsRequestOf<"FLOW"> {
  return statsRequest({
    type: "FLOW",
    match: match(),
    tableId: OFPTT_ALL,
    outPort: OFPP.NONE,
    ...fields,
  });
}

/**
 * AGGREGATE stats request; defaults cover every flow of every table.
 *
 * @param fields Filter fields to set, as for {@linkcode flowStatsRequest}.
 * @returns The message.
 */
export function aggregateStatsRequest(
  fields: Partial<Omit<Of10FlowStatsRequestBody, "type">> = {},
): Of10StatsRequestOf<"AGGREGATE"> {
  return statsRequest({
    type: "AGGREGATE",
    match: match(),
    tableId: OFPTT_ALL,
    outPort: OFPP.NONE,
    ...fields,
  });
}

/**
 * DESC stats request.
 *
 * @returns The message.
 */
export function descStatsRequest(): Of10StatsRequestOf<"DESC"> {
  return statsRequest({ type: "DESC" });
}

/**
 * TABLE stats request.
 *
 * @returns The message.
 */
export function tableStatsRequest(): Of10StatsRequestOf<"TABLE"> {
  return statsRequest({ type: "TABLE" });
}

/**
 * PORT stats request.
 *
 * @param portNo Port. Default `OFPP.NONE` (every port).
 * @returns The message.
 */
export function portStatsRequest(portNo: number = OFPP.NONE): Of10StatsRequestOf<"PORT"> {
  return statsRequest({ type: "PORT", portNo });
}

/**
 * QUEUE stats request.
 *
 * @param portNo Port. Default `OFPP.ALL` (every port).
 * @param queueId Queue. Default `OFPQ_ALL` (every queue).
 * @returns The message.
 */
export function queueStatsRequest(
  portNo: number = OFPP.ALL,
  queueId: number = OFPQ_ALL,
): Of10StatsRequestOf<"QUEUE"> {
  return statsRequest({ type: "QUEUE", portNo, queueId });
}

/**
 * VENDOR stats request.
 *
 * @param vendor Vendor id.
 * @param data The vendor-defined body after the vendor id. Default empty.
 * @returns The message.
 */
export function vendorStatsRequest(
  vendor: number,
  data: Uint8Array = EMPTY(),
): Of10StatsRequestOf<"VENDOR"> {
  return statsRequest({ type: "VENDOR", vendor, data });
}

/**
 * BARRIER_REQUEST.
 *
 * @returns The message.
 */
export function barrierRequest(): Of10Empty & { type: "BARRIER_REQUEST" } {
  return { version: 1, type: "BARRIER_REQUEST", xid: 0 };
}

/**
 * BARRIER_REPLY.
 *
 * @returns The message.
 */
export function barrierReply(): Of10Empty & { type: "BARRIER_REPLY" } {
  return { version: 1, type: "BARRIER_REPLY", xid: 0 };
}

/**
 * QUEUE_GET_CONFIG_REQUEST.
 *
 * @param port The port whose queues to read (a physical port, below `OFPP.MAX`).
 * @returns The message.
 */
export function queueGetConfigRequest(port: number): Of10QueueGetConfigRequest {
  return { version: 1, type: "QUEUE_GET_CONFIG_REQUEST", xid: 0, port };
}

/**
 * QUEUE_GET_CONFIG_REPLY.
 *
 * @param port The port.
 * @param queues Its queues. Default none.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { decode, encode, of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const msg = of10.queueGetConfigReply(1, [{ queueId: 7, properties: [{ type: "MIN_RATE", rate: 500 }] }]);
 * assert.deepEqual(decode(encode(msg)), msg);
 * ```
 */
export function queueGetConfigReply(
  port: number,
  queues: Of10PacketQueue[] = [],
): Of10QueueGetConfigReply {
  return { version: 1, type: "QUEUE_GET_CONFIG_REPLY", xid: 0, port, queues };
}
