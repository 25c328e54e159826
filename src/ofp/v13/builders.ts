/**
 * OpenFlow 1.3 message builders: each takes the fields a test cares about and fills the
 * rest with the spec's defaults. `xid` is 0 unless given (the Controller assigns one).
 *
 * @module
 */
import {
  OFP_DEFAULT_PRIORITY,
  OFP_NO_BUFFER,
  OFPCR_ROLE,
  OFPFC,
  OFPG,
  OFPM,
  OFPP,
  OFPQ_ALL,
  OFPTT,
} from "./constants.ts";
import type { Of13FlowStatsRequestBody, Of13MultipartRequestBody } from "./multipart_types.ts";
import type {
  Of13Echo,
  Of13Empty,
  Of13FlowMod,
  Of13GroupMod,
  Of13MeterMod,
  Of13MultipartRequest,
  Of13PacketOut,
  Of13Role,
  Of13SwitchConfig,
} from "./types.ts";

/** A builder's argument: any fields of the message, without its discriminants. */
export type Of13Fields<T> = Partial<Omit<T, "version" | "type">>;

/**
 * FLOW_MOD with defaults: command ADD, table 0, priority 0x8000, no buffer, out port and
 * group ANY, cookie and mask 0, no timeouts, no flags, empty match and instructions.
 *
 * @param fields The fields to set.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { encode, of13 } from "@oftest/oftest/ofp";
 *
 * const bytes = encode(of13.flowMod({
 *   match: of13.match({ in_port: 1 }),
 *   instructions: [of13.applyActions([of13.output(2)])],
 * }));
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

function empty(type: Of13Empty["type"]): Of13Empty {
  return { version: 4, type, xid: 0 };
}

/** FEATURES_REQUEST. @returns The message. */
export function featuresRequest(): Of13Empty {
  return empty("FEATURES_REQUEST");
}

/** BARRIER_REQUEST. @returns The message. */
export function barrierRequest(): Of13Empty {
  return empty("BARRIER_REQUEST");
}

/** GET_CONFIG_REQUEST. @returns The message. */
export function getConfigRequest(): Of13Empty {
  return empty("GET_CONFIG_REQUEST");
}

/** GET_ASYNC_REQUEST. @returns The message. */
export function getAsyncRequest(): Of13Empty {
  return empty("GET_ASYNC_REQUEST");
}

/**
 * SET_CONFIG.
 *
 * @param flags Fragment handling (`OFPC_FRAG`). Default NORMAL.
 * @param missSendLen Bytes sent to the controller on a miss. Default 128.
 * @returns The message.
 */
export function setConfig(flags = 0, missSendLen = 128): Of13SwitchConfig {
  return { version: 4, type: "SET_CONFIG", xid: 0, flags, missSendLen };
}

/**
 * MULTIPART_REQUEST of any body.
 *
 * @param body The body, e.g. `{ type: "PORT_DESC" }`.
 * @param flags Request flags. Default 0.
 * @returns The message.
 */
export function multipartRequest(body: Of13MultipartRequestBody, flags = 0): Of13MultipartRequest {
  return { version: 4, type: "MULTIPART_REQUEST", xid: 0, flags, body };
}

/**
 * FLOW stats request; defaults read every flow of every table.
 *
 * @param fields Filter fields to set.
 * @returns The message.
 */
export function flowStatsRequest(
  fields: Partial<Omit<Of13FlowStatsRequestBody, "type">> = {},
): Of13MultipartRequest {
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
): Of13MultipartRequest {
  const { body } = flowStatsRequest(fields);
  return multipartRequest({ ...(body as Of13FlowStatsRequestBody), type: "AGGREGATE" });
}

/** DESC request. @returns The message. */
export function descRequest(): Of13MultipartRequest {
  return multipartRequest({ type: "DESC" });
}

/** PORT_DESC request. @returns The message. */
export function portDescRequest(): Of13MultipartRequest {
  return multipartRequest({ type: "PORT_DESC" });
}

/** TABLE stats request. @returns The message. */
export function tableStatsRequest(): Of13MultipartRequest {
  return multipartRequest({ type: "TABLE" });
}

/**
 * PORT_STATS request.
 *
 * @param portNo Port. Default every port.
 * @returns The message.
 */
export function portStatsRequest(portNo: number = OFPP.ANY): Of13MultipartRequest {
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
): Of13MultipartRequest {
  return multipartRequest({ type: "QUEUE", portNo, queueId });
}

/**
 * GROUP stats request.
 *
 * @param groupId Group. Default every group.
 * @returns The message.
 */
export function groupStatsRequest(groupId: number = OFPG.ALL): Of13MultipartRequest {
  return multipartRequest({ type: "GROUP", groupId });
}

/** GROUP_DESC request. @returns The message. */
export function groupDescRequest(): Of13MultipartRequest {
  return multipartRequest({ type: "GROUP_DESC" });
}

/** GROUP_FEATURES request. @returns The message. */
export function groupFeaturesRequest(): Of13MultipartRequest {
  return multipartRequest({ type: "GROUP_FEATURES" });
}

/**
 * METER stats request.
 *
 * @param meterId Meter. Default every meter.
 * @returns The message.
 */
export function meterStatsRequest(meterId: number = OFPM.ALL): Of13MultipartRequest {
  return multipartRequest({ type: "METER", meterId });
}

/**
 * METER_CONFIG request.
 *
 * @param meterId Meter. Default every meter.
 * @returns The message.
 */
export function meterConfigRequest(meterId: number = OFPM.ALL): Of13MultipartRequest {
  return multipartRequest({ type: "METER_CONFIG", meterId });
}

/** METER_FEATURES request. @returns The message. */
export function meterFeaturesRequest(): Of13MultipartRequest {
  return multipartRequest({ type: "METER_FEATURES" });
}

/** TABLE_FEATURES request that only reads. @returns The message. */
export function tableFeaturesRequest(): Of13MultipartRequest {
  return multipartRequest({ type: "TABLE_FEATURES", entries: [] });
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
 * GROUP_MOD with defaults: command ADD, type ALL, no buckets.
 *
 * @param fields The fields to set (`groupId` at least).
 * @returns The message.
 */
export function groupMod(fields: Of13Fields<Of13GroupMod> = {}): Of13GroupMod {
  return {
    version: 4,
    type: "GROUP_MOD",
    xid: 0,
    command: 0,
    groupType: 0,
    groupId: 0,
    buckets: [],
    ...fields,
  };
}

/**
 * METER_MOD with defaults: command ADD, flags KBPS, no bands.
 *
 * @param fields The fields to set (`meterId` and `bands` at least).
 * @returns The message.
 */
export function meterMod(fields: Of13Fields<Of13MeterMod> = {}): Of13MeterMod {
  return {
    version: 4,
    type: "METER_MOD",
    xid: 0,
    command: 0,
    flags: 1,
    meterId: 0,
    bands: [],
    ...fields,
  };
}
