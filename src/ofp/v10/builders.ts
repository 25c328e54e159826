/**
 * OpenFlow 1.0 builders: each takes the fields a test cares about and fills the rest with
 * the spec's defaults. `xid` is 0 unless given (the Controller assigns one).
 *
 * @module
 */
import {
  OFP_DEFAULT_PRIORITY,
  OFP_NO_BUFFER,
  OFPFC,
  OFPFW,
  OFPP,
  OFPQ_ALL,
  OFPTT_ALL,
} from "./constants.ts";
import type {
  Of10Action,
  Of10Echo,
  Of10Empty,
  Of10FlowMod,
  Of10FlowStatsRequestBody,
  Of10Match,
  Of10PacketOut,
  Of10StatsRequest,
  Of10StatsRequestBody,
  Of10SwitchConfig,
} from "./types.ts";

/** A builder's argument: any fields of the message, without its discriminants. */
export type Of10Fields<T> = Partial<Omit<T, "version" | "type">>;

/** The fields {@linkcode match} takes; an IPv4 field may carry a prefix length: `"10.0.0.0/8"`. */
export type Of10MatchSpec = Partial<Omit<Of10Match, "wildcards">>;

const FIELD_BITS: [keyof Of10MatchSpec, number][] = [
  ["inPort", OFPFW.IN_PORT],
  ["dlVlan", OFPFW.DL_VLAN],
  ["dlSrc", OFPFW.DL_SRC],
  ["dlDst", OFPFW.DL_DST],
  ["dlType", OFPFW.DL_TYPE],
  ["nwProto", OFPFW.NW_PROTO],
  ["tpSrc", OFPFW.TP_SRC],
  ["tpDst", OFPFW.TP_DST],
  ["dlVlanPcp", OFPFW.DL_VLAN_PCP],
  ["nwTos", OFPFW.NW_TOS],
];

/**
 * Builds an `ofp_match` from the fields given: every other field is wildcarded (and zero).
 * `nwSrc`/`nwDst` take an optional prefix length (`"10.0.0.0/8"`), turned into the
 * wildcard's count of ignored low bits.
 *
 * @param spec The fields to match.
 * @returns The match.
 * @throws {RangeError} On a prefix length outside 0–32.
 *
 * @example
 * ```ts
 * import { of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * const m = of10.match({ inPort: 1, dlType: 0x0800, nwDst: "10.0.0.0/8" });
 * assert.equal(m.nwDst, "10.0.0.0");
 * assert.equal(m.wildcards & of10.OFPFW.IN_PORT, 0);
 * ```
 */
export function match(spec: Of10MatchSpec = {}): Of10Match {
  let wildcards: number = OFPFW.ALL;
  for (const [field, bit] of FIELD_BITS) if (spec[field] !== undefined) wildcards &= ~bit;
  const prefix = (text: string | undefined, shift: number): string => {
    if (text === undefined) return "0.0.0.0";
    const [addr, len = "32"] = text.split("/");
    const bits = Number(len);
    if (!Number.isInteger(bits) || bits < 0 || bits > 32) {
      throw new RangeError(`Invalid prefix length in ${text}`);
    }
    wildcards = (wildcards & ~(0x3f << shift)) | ((32 - bits) << shift);
    return addr;
  };
  const nwSrc = prefix(spec.nwSrc, OFPFW.NW_SRC_SHIFT);
  const nwDst = prefix(spec.nwDst, OFPFW.NW_DST_SHIFT);
  return {
    wildcards: wildcards >>> 0,
    inPort: spec.inPort ?? 0,
    dlSrc: spec.dlSrc ?? "00:00:00:00:00:00",
    dlDst: spec.dlDst ?? "00:00:00:00:00:00",
    dlVlan: spec.dlVlan ?? 0,
    dlVlanPcp: spec.dlVlanPcp ?? 0,
    dlType: spec.dlType ?? 0,
    nwTos: spec.nwTos ?? 0,
    nwProto: spec.nwProto ?? 0,
    nwSrc,
    nwDst,
    tpSrc: spec.tpSrc ?? 0,
    tpDst: spec.tpDst ?? 0,
  };
}

/**
 * OUTPUT action.
 *
 * @param port Output port.
 * @param maxLen Bytes to send to the controller. Default 0xffff (whole packet).
 * @returns The action.
 */
export function output(port: number, maxLen = 0xffff): Of10Action {
  return { type: "OUTPUT", port, maxLen };
}

/**
 * FLOW_MOD with defaults: command ADD, priority 0x8000, no buffer, out port NONE, cookie
 * 0, no timeouts or flags, a match of everything, no actions (drop).
 *
 * @param fields The fields to set.
 * @returns The message.
 *
 * @example
 * ```ts
 * import { encode, of10 } from "@oftest/oftest/ofp";
 *
 * encode(of10.flowMod({ match: of10.match({ inPort: 1 }), actions: [of10.output(2)] }));
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
 * PACKET_OUT with defaults: not buffered, in port NONE, no actions, no data.
 *
 * @param fields The fields to set.
 * @returns The message.
 */
export function packetOut(fields: Of10Fields<Of10PacketOut> = {}): Of10PacketOut {
  return {
    version: 1,
    type: "PACKET_OUT",
    xid: 0,
    bufferId: OFP_NO_BUFFER,
    inPort: OFPP.NONE,
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
export function echoRequest(data: Uint8Array = new Uint8Array(0)): Of10Echo {
  return { version: 1, type: "ECHO_REQUEST", xid: 0, data };
}

/** FEATURES_REQUEST. @returns The message. */
export function featuresRequest(): Of10Empty {
  return { version: 1, type: "FEATURES_REQUEST", xid: 0 };
}

/** BARRIER_REQUEST. @returns The message. */
export function barrierRequest(): Of10Empty {
  return { version: 1, type: "BARRIER_REQUEST", xid: 0 };
}

/** GET_CONFIG_REQUEST. @returns The message. */
export function getConfigRequest(): Of10Empty {
  return { version: 1, type: "GET_CONFIG_REQUEST", xid: 0 };
}

/**
 * SET_CONFIG.
 *
 * @param flags Fragment handling. Default NORMAL.
 * @param missSendLen Bytes sent to the controller on a miss. Default 128.
 * @returns The message.
 */
export function setConfig(flags = 0, missSendLen = 128): Of10SwitchConfig {
  return { version: 1, type: "SET_CONFIG", xid: 0, flags, missSendLen };
}

/**
 * STATS_REQUEST of any body.
 *
 * @param body The body, e.g. `{ type: "DESC" }`.
 * @returns The message.
 */
export function statsRequest(body: Of10StatsRequestBody): Of10StatsRequest {
  return { version: 1, type: "STATS_REQUEST", xid: 0, flags: 0, body };
}

/**
 * FLOW stats request; defaults read every flow of every table.
 *
 * @param fields Filter fields to set.
 * @returns The message.
 */
export function flowStatsRequest(
  fields: Partial<Omit<Of10FlowStatsRequestBody, "type">> = {},
): Of10StatsRequest {
  return statsRequest({
    type: "FLOW",
    match: match(),
    tableId: OFPTT_ALL,
    outPort: OFPP.NONE,
    ...fields,
  });
}

/**
 * AGGREGATE stats request; defaults cover every flow.
 *
 * @param fields Filter fields to set.
 * @returns The message.
 */
export function aggregateStatsRequest(
  fields: Partial<Omit<Of10FlowStatsRequestBody, "type">> = {},
): Of10StatsRequest {
  return statsRequest({
    type: "AGGREGATE",
    match: match(),
    tableId: OFPTT_ALL,
    outPort: OFPP.NONE,
    ...fields,
  });
}

/** DESC stats request. @returns The message. */
export function descStatsRequest(): Of10StatsRequest {
  return statsRequest({ type: "DESC" });
}

/** TABLE stats request. @returns The message. */
export function tableStatsRequest(): Of10StatsRequest {
  return statsRequest({ type: "TABLE" });
}

/**
 * PORT stats request.
 *
 * @param portNo Port. Default every port.
 * @returns The message.
 */
export function portStatsRequest(portNo: number = OFPP.NONE): Of10StatsRequest {
  return statsRequest({ type: "PORT", portNo });
}

/**
 * QUEUE stats request.
 *
 * @param portNo Port. Default every port.
 * @param queueId Queue. Default every queue.
 * @returns The message.
 */
export function queueStatsRequest(
  portNo: number = OFPP.ALL,
  queueId: number = OFPQ_ALL,
): Of10StatsRequest {
  return statsRequest({ type: "QUEUE", portNo, queueId });
}
