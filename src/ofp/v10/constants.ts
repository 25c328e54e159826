/**
 * OpenFlow 1.0 constants (`openflow-1.0.h`), as `as const` tables with a derived union
 * type each, and name lookups.
 *
 * @module
 */
import { type ErrorCodeTable, errorNamers, inverse } from "../_names.ts";

/** Message types (`ofp_type`). HELLO is decoded by the version-independent code. */
export const OFPT = {
  HELLO: 0,
  ERROR: 1,
  ECHO_REQUEST: 2,
  ECHO_REPLY: 3,
  VENDOR: 4,
  FEATURES_REQUEST: 5,
  FEATURES_REPLY: 6,
  GET_CONFIG_REQUEST: 7,
  GET_CONFIG_REPLY: 8,
  SET_CONFIG: 9,
  PACKET_IN: 10,
  FLOW_REMOVED: 11,
  PORT_STATUS: 12,
  PACKET_OUT: 13,
  FLOW_MOD: 14,
  PORT_MOD: 15,
  STATS_REQUEST: 16,
  STATS_REPLY: 17,
  BARRIER_REQUEST: 18,
  BARRIER_REPLY: 19,
  QUEUE_GET_CONFIG_REQUEST: 20,
  QUEUE_GET_CONFIG_REPLY: 21,
} as const;
/** A value of `OFPT`. */
export type OFPT = (typeof OFPT)[keyof typeof OFPT];
/** Name of an OpenFlow 1.0 message type, as used in a message's `type`. */
export type Of10MessageTypeName = keyof typeof OFPT;

/** Stats types (`ofp_stats_types`). */
export const OFPST = {
  DESC: 0,
  FLOW: 1,
  AGGREGATE: 2,
  TABLE: 3,
  PORT: 4,
  QUEUE: 5,
  VENDOR: 0xffff,
} as const;
/** A value of `OFPST`. */
export type OFPST = (typeof OFPST)[keyof typeof OFPST];
/** Name of an OpenFlow 1.0 stats type, as used in a stats body's `type`. */
export type Of10StatsTypeName = keyof typeof OFPST;

/** Stats reply flags (`ofp_stats_reply_flags`); requests define none. */
export const OFPSF = { REPLY_MORE: 1 << 0 } as const;
/** A value of `OFPSF`. */
export type OFPSF = (typeof OFPSF)[keyof typeof OFPSF];

/** Error types (`ofp_error_type`). */
export const OFPET = {
  HELLO_FAILED: 0,
  BAD_REQUEST: 1,
  BAD_ACTION: 2,
  FLOW_MOD_FAILED: 3,
  PORT_MOD_FAILED: 4,
  QUEUE_OP_FAILED: 5,
} as const;
/** A value of `OFPET`. */
export type OFPET = (typeof OFPET)[keyof typeof OFPET];

/** Hello-failed codes (`ofp_hello_failed_code`). */
export const OFPHFC = { INCOMPATIBLE: 0, EPERM: 1 } as const;
/** One code of `OFPHFC`. */
export type OFPHFC = (typeof OFPHFC)[keyof typeof OFPHFC];

/** Bad-request codes (`ofp_bad_request_code`). */
export const OFPBRC = {
  BAD_VERSION: 0,
  BAD_TYPE: 1,
  BAD_STAT: 2,
  BAD_VENDOR: 3,
  BAD_SUBTYPE: 4,
  EPERM: 5,
  BAD_LEN: 6,
  BUFFER_EMPTY: 7,
  BUFFER_UNKNOWN: 8,
} as const;
/** One code of `OFPBRC`. */
export type OFPBRC = (typeof OFPBRC)[keyof typeof OFPBRC];

/** Bad-action codes (`ofp_bad_action_code`). */
export const OFPBAC = {
  BAD_TYPE: 0,
  BAD_LEN: 1,
  BAD_VENDOR: 2,
  BAD_VENDOR_TYPE: 3,
  BAD_OUT_PORT: 4,
  BAD_ARGUMENT: 5,
  EPERM: 6,
  TOO_MANY: 7,
  BAD_QUEUE: 8,
} as const;
/** One code of `OFPBAC`. */
export type OFPBAC = (typeof OFPBAC)[keyof typeof OFPBAC];

/** Flow-mod-failed codes (`ofp_flow_mod_failed_code`). */
export const OFPFMFC = {
  ALL_TABLES_FULL: 0,
  OVERLAP: 1,
  EPERM: 2,
  BAD_EMERG_TIMEOUT: 3,
  BAD_COMMAND: 4,
  UNSUPPORTED: 5,
} as const;
/** One code of `OFPFMFC`. */
export type OFPFMFC = (typeof OFPFMFC)[keyof typeof OFPFMFC];

/** Port-mod-failed codes (`ofp_port_mod_failed_code`). */
export const OFPPMFC = { BAD_PORT: 0, BAD_HW_ADDR: 1 } as const;
/** One code of `OFPPMFC`. */
export type OFPPMFC = (typeof OFPPMFC)[keyof typeof OFPPMFC];

/** Queue-op-failed codes (`ofp_queue_op_failed_code`). */
export const OFPQOFC = { BAD_PORT: 0, BAD_QUEUE: 1, EPERM: 2 } as const;
/** One code of `OFPQOFC`. */
export type OFPQOFC = (typeof OFPQOFC)[keyof typeof OFPQOFC];

/** Error codes of each error type, with their spec prefixes (OFPHFC_, OFPBRC_, ...). */
export const OFP_ERROR_CODES: ErrorCodeTable = {
  0: { prefix: "OFPHFC", codes: OFPHFC },
  1: { prefix: "OFPBRC", codes: OFPBRC },
  2: { prefix: "OFPBAC", codes: OFPBAC },
  3: { prefix: "OFPFMFC", codes: OFPFMFC },
  4: { prefix: "OFPPMFC", codes: OFPPMFC },
  5: { prefix: "OFPQOFC", codes: OFPQOFC },
};

const NAMERS = errorNamers(OFPET, OFP_ERROR_CODES);

/**
 * Name of an error type, e.g. `errorTypeName(1)` → `"OFPET_BAD_REQUEST"`.
 *
 * @param errType The error type number.
 * @returns Its spec name, or `"OFPET_<n>"` when unknown.
 */
export function errorTypeName(errType: number): string {
  return NAMERS.errorTypeName(errType);
}

/**
 * Name of an error code, e.g. `errorName(1, 6)` → `"OFPBRC_BAD_LEN"`.
 *
 * @param errType The error type number.
 * @param code The code number.
 * @returns Its spec name, or `"OFPET_<type>/<code>"` when unknown.
 *
 * @example
 * ```ts
 * import { of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.equal(of10.errorName(of10.OFPET.BAD_ACTION, of10.OFPBAC.BAD_OUT_PORT), "OFPBAC_BAD_OUT_PORT");
 * assert.equal(of10.errorName(1, 99), "OFPET_1/99");
 * ```
 */
export function errorName(errType: number, code: number): string {
  return NAMERS.errorName(errType, code);
}

const MESSAGE_TYPE_NAMES = inverse(OFPT);
const STATS_TYPE_NAMES = inverse(OFPST);

/**
 * Name of a message type number, e.g. `10` → `"PACKET_IN"`.
 *
 * @param type The message type number.
 * @returns Its name, or `"TYPE_<n>"` when unknown.
 */
export function messageTypeName(type: number): string {
  return MESSAGE_TYPE_NAMES.get(type) ?? `TYPE_${type}`;
}

/**
 * Name of a stats type number, e.g. `1` → `"FLOW"`.
 *
 * @param type The stats type number.
 * @returns Its name, or `"STATS_<n>"` when unknown.
 */
export function statsTypeName(type: number): string {
  return STATS_TYPE_NAMES.get(type) ?? `STATS_${type}`;
}

/** Port numbers (`ofp_port`): physical ports are 1..`MAX`, the rest are reserved. */
export const OFPP = {
  MAX: 0xff00,
  IN_PORT: 0xfff8,
  TABLE: 0xfff9,
  NORMAL: 0xfffa,
  FLOOD: 0xfffb,
  ALL: 0xfffc,
  CONTROLLER: 0xfffd,
  LOCAL: 0xfffe,
  NONE: 0xffff,
} as const;
/** A value of `OFPP`. */
export type OFPP = (typeof OFPP)[keyof typeof OFPP];

/** Action types (`ofp_action_type`). */
export const OFPAT = {
  OUTPUT: 0,
  SET_VLAN_VID: 1,
  SET_VLAN_PCP: 2,
  STRIP_VLAN: 3,
  SET_DL_SRC: 4,
  SET_DL_DST: 5,
  SET_NW_SRC: 6,
  SET_NW_DST: 7,
  SET_NW_TOS: 8,
  SET_TP_SRC: 9,
  SET_TP_DST: 10,
  ENQUEUE: 11,
  VENDOR: 0xffff,
} as const;
/** A value of `OFPAT`. */
export type OFPAT = (typeof OFPAT)[keyof typeof OFPAT];
/** Name of an OpenFlow 1.0 action type, as used in an action's `type`. */
export type Of10ActionTypeName = keyof typeof OFPAT;

/** Flow wildcards (`ofp_flow_wildcards`); nw_src/nw_dst hold a count of ignored low bits. */
export const OFPFW = {
  IN_PORT: 1 << 0,
  DL_VLAN: 1 << 1,
  DL_SRC: 1 << 2,
  DL_DST: 1 << 3,
  DL_TYPE: 1 << 4,
  NW_PROTO: 1 << 5,
  TP_SRC: 1 << 6,
  TP_DST: 1 << 7,
  NW_SRC_SHIFT: 8,
  NW_SRC_BITS: 6,
  NW_SRC_MASK: 0x3f << 8,
  NW_SRC_ALL: 32 << 8,
  NW_DST_SHIFT: 14,
  NW_DST_BITS: 6,
  NW_DST_MASK: 0x3f << 14,
  NW_DST_ALL: 32 << 14,
  DL_VLAN_PCP: 1 << 20,
  NW_TOS: 1 << 21,
  ALL: (1 << 22) - 1,
} as const;
/** A value of `OFPFW`. */
export type OFPFW = (typeof OFPFW)[keyof typeof OFPFW];

/** Capabilities (`ofp_capabilities`). */
export const OFPC = {
  FLOW_STATS: 1 << 0,
  TABLE_STATS: 1 << 1,
  PORT_STATS: 1 << 2,
  STP: 1 << 3,
  RESERVED: 1 << 4,
  IP_REASM: 1 << 5,
  QUEUE_STATS: 1 << 6,
  ARP_MATCH_IP: 1 << 7,
} as const;
/** A value of `OFPC`. */
export type OFPC = (typeof OFPC)[keyof typeof OFPC];

/** Fragment handling in the switch config's flags (`ofp_config_flags`). */
export const OFPC_FRAG = { NORMAL: 0, DROP: 1, REASM: 2, MASK: 3 } as const;
/** A value of `OFPC_FRAG`. */
export type OFPC_FRAG = (typeof OFPC_FRAG)[keyof typeof OFPC_FRAG];

/** Port config bits (`ofp_port_config`). */
export const OFPPC = {
  PORT_DOWN: 1 << 0,
  NO_STP: 1 << 1,
  NO_RECV: 1 << 2,
  NO_RECV_STP: 1 << 3,
  NO_FLOOD: 1 << 4,
  NO_FWD: 1 << 5,
  NO_PACKET_IN: 1 << 6,
} as const;
/** A value of `OFPPC`. */
export type OFPPC = (typeof OFPPC)[keyof typeof OFPPC];

/** Port state bits (`ofp_port_state`); the STP state is a 2-bit field under `STP_MASK`. */
export const OFPPS = {
  LINK_DOWN: 1 << 0,
  STP_LISTEN: 0 << 8,
  STP_LEARN: 1 << 8,
  STP_FORWARD: 2 << 8,
  STP_BLOCK: 3 << 8,
  STP_MASK: 3 << 8,
} as const;
/** A value of `OFPPS`. */
export type OFPPS = (typeof OFPPS)[keyof typeof OFPPS];

/** Port feature bits (`ofp_port_features`). */
export const OFPPF = {
  "10MB_HD": 1 << 0,
  "10MB_FD": 1 << 1,
  "100MB_HD": 1 << 2,
  "100MB_FD": 1 << 3,
  "1GB_HD": 1 << 4,
  "1GB_FD": 1 << 5,
  "10GB_FD": 1 << 6,
  COPPER: 1 << 7,
  FIBER: 1 << 8,
  AUTONEG: 1 << 9,
  PAUSE: 1 << 10,
  PAUSE_ASYM: 1 << 11,
} as const;
/** A value of `OFPPF`. */
export type OFPPF = (typeof OFPPF)[keyof typeof OFPPF];

/** Port-status reasons (`ofp_port_reason`). */
export const OFPPR = { ADD: 0, DELETE: 1, MODIFY: 2 } as const;
/** A value of `OFPPR`. */
export type OFPPR = (typeof OFPPR)[keyof typeof OFPPR];

/** Packet-in reasons (`ofp_packet_in_reason`). */
export const OFPR = { NO_MATCH: 0, ACTION: 1 } as const;
/** A value of `OFPR`. */
export type OFPR = (typeof OFPR)[keyof typeof OFPR];

/** Flow-removed reasons (`ofp_flow_removed_reason`). */
export const OFPRR = { IDLE_TIMEOUT: 0, HARD_TIMEOUT: 1, DELETE: 2 } as const;
/** A value of `OFPRR`. */
export type OFPRR = (typeof OFPRR)[keyof typeof OFPRR];

/** Flow-mod commands (`ofp_flow_mod_command`). */
export const OFPFC = { ADD: 0, MODIFY: 1, MODIFY_STRICT: 2, DELETE: 3, DELETE_STRICT: 4 } as const;
/** A value of `OFPFC`. */
export type OFPFC = (typeof OFPFC)[keyof typeof OFPFC];

/** Flow-mod flags (`ofp_flow_mod_flags`). */
export const OFPFF = { SEND_FLOW_REM: 1 << 0, CHECK_OVERLAP: 1 << 1, EMERG: 1 << 2 } as const;
/** A value of `OFPFF`. */
export type OFPFF = (typeof OFPFF)[keyof typeof OFPFF];

/** Queue property types (`ofp_queue_properties`). */
export const OFPQT = { NONE: 0, MIN_RATE: 1 } as const;
/** A value of `OFPQT`. */
export type OFPQT = (typeof OFPQT)[keyof typeof OFPQT];

/** Queue id meaning every queue (queue stats requests). */
export const OFPQ_ALL = 0xffffffff;
/** A MIN_RATE above 1000 (‰): the rate is not configured. */
export const OFPQ_MIN_RATE_UNCFG = 0xffff;
/** Buffer id meaning "not buffered" (`-1` in the spec). */
export const OFP_NO_BUFFER = 0xffffffff;
/** Default flow priority. */
export const OFP_DEFAULT_PRIORITY = 0x8000;
/** Default `missSendLen` of a switch config. */
export const OFP_DEFAULT_MISS_SEND_LEN = 128;
/** Timeout value meaning "never expire". */
export const OFP_FLOW_PERMANENT = 0;
/** `dlVlan` of a frame without an 802.1Q header. */
export const OFP_VLAN_NONE = 0xffff;
/** Table id meaning every table (flow and aggregate stats requests). */
export const OFPTT_ALL = 0xff;
/** Lowest `dlType` that is an Ethertype; lower values are 802.3 lengths. */
export const OFP_DL_TYPE_ETH2_CUTOFF = 0x0600;
/** `dlType` of an 802.3 frame without a SNAP Ethertype. */
export const OFP_DL_TYPE_NOT_ETH_TYPE = 0x05ff;
/** Nicira's vendor id, which Open vSwitch uses for its vendor actions and messages. */
export const NX_VENDOR_ID = 0x00002320;
