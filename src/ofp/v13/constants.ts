/**
 * OpenFlow 1.3 constants (`openflow-1.3.h`), as `as const` tables with name lookups.
 *
 * @module
 */

import { type ErrorCodeTable, errorNamers, inverse } from "../_names.ts";

/** Message types (`ofp_type`). */
export const OFPT = {
  HELLO: 0,
  ERROR: 1,
  ECHO_REQUEST: 2,
  ECHO_REPLY: 3,
  EXPERIMENTER: 4,
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
  GROUP_MOD: 15,
  PORT_MOD: 16,
  TABLE_MOD: 17,
  MULTIPART_REQUEST: 18,
  MULTIPART_REPLY: 19,
  BARRIER_REQUEST: 20,
  BARRIER_REPLY: 21,
  QUEUE_GET_CONFIG_REQUEST: 22,
  QUEUE_GET_CONFIG_REPLY: 23,
  ROLE_REQUEST: 24,
  ROLE_REPLY: 25,
  GET_ASYNC_REQUEST: 26,
  GET_ASYNC_REPLY: 27,
  SET_ASYNC: 28,
  METER_MOD: 29,
} as const;
/** A value of `OFPT`. */
export type OFPT = (typeof OFPT)[keyof typeof OFPT];
/** Name of an OpenFlow 1.3 message type, as used in a message's `type`. */
export type Of13MessageTypeName = keyof typeof OFPT;

/** Multipart types (`ofp_multipart_type`). */
export const OFPMP = {
  DESC: 0,
  FLOW: 1,
  AGGREGATE: 2,
  TABLE: 3,
  PORT_STATS: 4,
  QUEUE: 5,
  GROUP: 6,
  GROUP_DESC: 7,
  GROUP_FEATURES: 8,
  METER: 9,
  METER_CONFIG: 10,
  METER_FEATURES: 11,
  TABLE_FEATURES: 12,
  PORT_DESC: 13,
  EXPERIMENTER: 0xffff,
} as const;
/** A value of `OFPMP`. */
export type OFPMP = (typeof OFPMP)[keyof typeof OFPMP];
/** Name of a multipart type, as used in a multipart body's `type`. */
export type Of13MultipartTypeName = keyof typeof OFPMP;

/** Multipart request/reply flags. */
export const OFPMPF = { REQ_MORE: 1, REPLY_MORE: 1 } as const;
/** A value of `OFPMPF`. */
export type OFPMPF = (typeof OFPMPF)[keyof typeof OFPMPF];

/** Error types (`ofp_error_type`). */
export const OFPET = {
  HELLO_FAILED: 0,
  BAD_REQUEST: 1,
  BAD_ACTION: 2,
  BAD_INSTRUCTION: 3,
  BAD_MATCH: 4,
  FLOW_MOD_FAILED: 5,
  GROUP_MOD_FAILED: 6,
  PORT_MOD_FAILED: 7,
  TABLE_MOD_FAILED: 8,
  QUEUE_OP_FAILED: 9,
  SWITCH_CONFIG_FAILED: 10,
  ROLE_REQUEST_FAILED: 11,
  METER_MOD_FAILED: 12,
  TABLE_FEATURES_FAILED: 13,
  EXPERIMENTER: 0xffff,
} as const;
/** A value of `OFPET`. */
export type OFPET = (typeof OFPET)[keyof typeof OFPET];

/** Hello-failed codes (`ofp_hello_failed_code`). */
export const OFPHFC = {
  INCOMPATIBLE: 0,
  EPERM: 1,
} as const;
/** One code of `OFPHFC`. */
export type OFPHFC = (typeof OFPHFC)[keyof typeof OFPHFC];

/** Bad-request codes (`ofp_bad_request_code`). */
export const OFPBRC = {
  BAD_VERSION: 0,
  BAD_TYPE: 1,
  BAD_MULTIPART: 2,
  BAD_EXPERIMENTER: 3,
  BAD_EXP_TYPE: 4,
  EPERM: 5,
  BAD_LEN: 6,
  BUFFER_EMPTY: 7,
  BUFFER_UNKNOWN: 8,
  BAD_TABLE_ID: 9,
  IS_SLAVE: 10,
  BAD_PORT: 11,
  BAD_PACKET: 12,
  MULTIPART_BUFFER_OVERFLOW: 13,
} as const;
/** One code of `OFPBRC`. */
export type OFPBRC = (typeof OFPBRC)[keyof typeof OFPBRC];

/** Bad-action codes (`ofp_bad_action_code`). */
export const OFPBAC = {
  BAD_TYPE: 0,
  BAD_LEN: 1,
  BAD_EXPERIMENTER: 2,
  BAD_EXP_TYPE: 3,
  BAD_OUT_PORT: 4,
  BAD_ARGUMENT: 5,
  EPERM: 6,
  TOO_MANY: 7,
  BAD_QUEUE: 8,
  BAD_OUT_GROUP: 9,
  MATCH_INCONSISTENT: 10,
  UNSUPPORTED_ORDER: 11,
  BAD_TAG: 12,
  BAD_SET_TYPE: 13,
  BAD_SET_LEN: 14,
  BAD_SET_ARGUMENT: 15,
} as const;
/** One code of `OFPBAC`. */
export type OFPBAC = (typeof OFPBAC)[keyof typeof OFPBAC];

/** Bad-instruction codes (`ofp_bad_instruction_code`). */
export const OFPBIC = {
  UNKNOWN_INST: 0,
  UNSUP_INST: 1,
  BAD_TABLE_ID: 2,
  UNSUP_METADATA: 3,
  UNSUP_METADATA_MASK: 4,
  BAD_EXPERIMENTER: 5,
  BAD_EXP_TYPE: 6,
  BAD_LEN: 7,
  EPERM: 8,
} as const;
/** One code of `OFPBIC`. */
export type OFPBIC = (typeof OFPBIC)[keyof typeof OFPBIC];

/** Bad-match codes (`ofp_bad_match_code`). */
export const OFPBMC = {
  BAD_TYPE: 0,
  BAD_LEN: 1,
  BAD_TAG: 2,
  BAD_DL_ADDR_MASK: 3,
  BAD_NW_ADDR_MASK: 4,
  BAD_WILDCARDS: 5,
  BAD_FIELD: 6,
  BAD_VALUE: 7,
  BAD_MASK: 8,
  BAD_PREREQ: 9,
  DUP_FIELD: 10,
  EPERM: 11,
} as const;
/** One code of `OFPBMC`. */
export type OFPBMC = (typeof OFPBMC)[keyof typeof OFPBMC];

/** Flow-mod-failed codes (`ofp_flow_mod_failed_code`). */
export const OFPFMFC = {
  UNKNOWN: 0,
  TABLE_FULL: 1,
  BAD_TABLE_ID: 2,
  OVERLAP: 3,
  EPERM: 4,
  BAD_TIMEOUT: 5,
  BAD_COMMAND: 6,
  BAD_FLAGS: 7,
} as const;
/** One code of `OFPFMFC`. */
export type OFPFMFC = (typeof OFPFMFC)[keyof typeof OFPFMFC];

/** Group-mod-failed codes (`ofp_group_mod_failed_code`). */
export const OFPGMFC = {
  GROUP_EXISTS: 0,
  INVALID_GROUP: 1,
  WEIGHT_UNSUPPORTED: 2,
  OUT_OF_GROUPS: 3,
  OUT_OF_BUCKETS: 4,
  CHAINING_UNSUPPORTED: 5,
  WATCH_UNSUPPORTED: 6,
  LOOP: 7,
  UNKNOWN_GROUP: 8,
  CHAINED_GROUP: 9,
  BAD_TYPE: 10,
  BAD_COMMAND: 11,
  BAD_BUCKET: 12,
  BAD_WATCH: 13,
  EPERM: 14,
} as const;
/** One code of `OFPGMFC`. */
export type OFPGMFC = (typeof OFPGMFC)[keyof typeof OFPGMFC];

/** Port-mod-failed codes (`ofp_port_mod_failed_code`). */
export const OFPPMFC = {
  BAD_PORT: 0,
  BAD_HW_ADDR: 1,
  BAD_CONFIG: 2,
  BAD_ADVERTISE: 3,
  EPERM: 4,
} as const;
/** One code of `OFPPMFC`. */
export type OFPPMFC = (typeof OFPPMFC)[keyof typeof OFPPMFC];

/** Table-mod-failed codes (`ofp_table_mod_failed_code`). */
export const OFPTMFC = {
  BAD_TABLE: 0,
  BAD_CONFIG: 1,
  EPERM: 2,
} as const;
/** One code of `OFPTMFC`. */
export type OFPTMFC = (typeof OFPTMFC)[keyof typeof OFPTMFC];

/** Queue-op-failed codes (`ofp_queue_op_failed_code`). */
export const OFPQOFC = {
  BAD_PORT: 0,
  BAD_QUEUE: 1,
  EPERM: 2,
} as const;
/** One code of `OFPQOFC`. */
export type OFPQOFC = (typeof OFPQOFC)[keyof typeof OFPQOFC];

/** Switch-config-failed codes (`ofp_switch_config_failed_code`). */
export const OFPSCFC = {
  BAD_FLAGS: 0,
  BAD_LEN: 1,
  EPERM: 2,
} as const;
/** One code of `OFPSCFC`. */
export type OFPSCFC = (typeof OFPSCFC)[keyof typeof OFPSCFC];

/** Role-request-failed codes (`ofp_role_request_failed_code`). */
export const OFPRRFC = {
  STALE: 0,
  UNSUP: 1,
  BAD_ROLE: 2,
} as const;
/** One code of `OFPRRFC`. */
export type OFPRRFC = (typeof OFPRRFC)[keyof typeof OFPRRFC];

/** Meter-mod-failed codes (`ofp_meter_mod_failed_code`). */
export const OFPMMFC = {
  UNKNOWN: 0,
  METER_EXISTS: 1,
  INVALID_METER: 2,
  UNKNOWN_METER: 3,
  BAD_COMMAND: 4,
  BAD_FLAGS: 5,
  BAD_RATE: 6,
  BAD_BURST: 7,
  BAD_BAND: 8,
  BAD_BAND_VALUE: 9,
  OUT_OF_METERS: 10,
  OUT_OF_BANDS: 11,
} as const;
/** One code of `OFPMMFC`. */
export type OFPMMFC = (typeof OFPMMFC)[keyof typeof OFPMMFC];

/** Table-features-failed codes (`ofp_table_features_failed_code`). */
export const OFPTFFC = {
  BAD_TABLE: 0,
  BAD_METADATA: 1,
  BAD_TYPE: 2,
  BAD_LEN: 3,
  BAD_ARGUMENT: 4,
  EPERM: 5,
} as const;
/** One code of `OFPTFFC`. */
export type OFPTFFC = (typeof OFPTFFC)[keyof typeof OFPTFFC];

/** Error codes of each error type, with their spec prefixes (OFPHFC_, OFPBRC_, ...). */
export const OFP_ERROR_CODES: ErrorCodeTable = {
  0: { prefix: "OFPHFC", codes: OFPHFC },
  1: { prefix: "OFPBRC", codes: OFPBRC },
  2: { prefix: "OFPBAC", codes: OFPBAC },
  3: { prefix: "OFPBIC", codes: OFPBIC },
  4: { prefix: "OFPBMC", codes: OFPBMC },
  5: { prefix: "OFPFMFC", codes: OFPFMFC },
  6: { prefix: "OFPGMFC", codes: OFPGMFC },
  7: { prefix: "OFPPMFC", codes: OFPPMFC },
  8: { prefix: "OFPTMFC", codes: OFPTMFC },
  9: { prefix: "OFPQOFC", codes: OFPQOFC },
  10: { prefix: "OFPSCFC", codes: OFPSCFC },
  11: { prefix: "OFPRRFC", codes: OFPRRFC },
  12: { prefix: "OFPMMFC", codes: OFPMMFC },
  13: { prefix: "OFPTFFC", codes: OFPTFFC },
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
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.equal(of13.errorName(1, 6), "OFPBRC_BAD_LEN");
 * assert.equal(of13.errorName(1, 99), "OFPET_1/99");
 * ```
 */
export function errorName(errType: number, code: number): string {
  return NAMERS.errorName(errType, code);
}

const MESSAGE_TYPE_NAMES = inverse(OFPT);
const MULTIPART_TYPE_NAMES = inverse(OFPMP);

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
 * Name of a multipart type number, e.g. `13` → `"PORT_DESC"`.
 *
 * @param type The multipart type number.
 * @returns Its name, or `"MULTIPART_<n>"` when unknown.
 */
export function multipartTypeName(type: number): string {
  return MULTIPART_TYPE_NAMES.get(type) ?? `MULTIPART_${type}`;
}

/** Table ids. */
export const OFPTT = { MAX: 0xfe, ALL: 0xff } as const;
/** A value of `OFPTT`. */
export type OFPTT = (typeof OFPTT)[keyof typeof OFPTT];
/** Meter ids. */
export const OFPM = {
  MAX: 0xffff0000,
  SLOWPATH: 0xfffffffd,
  CONTROLLER: 0xfffffffe,
  ALL: 0xffffffff,
} as const;
/** A value of `OFPM`. */
export type OFPM = (typeof OFPM)[keyof typeof OFPM];
/** Buffer id meaning "not buffered". */
export const OFP_NO_BUFFER = 0xffffffff;
/** Default flow priority. */
export const OFP_DEFAULT_PRIORITY = 0x8000;

/** Switch capabilities (`ofp_capabilities`). */
export const OFPC = {
  FLOW_STATS: 1 << 0,
  TABLE_STATS: 1 << 1,
  PORT_STATS: 1 << 2,
  GROUP_STATS: 1 << 3,
  IP_REASM: 1 << 5,
  QUEUE_STATS: 1 << 6,
  PORT_BLOCKED: 1 << 8,
} as const;
/** A value of `OFPC`. */
export type OFPC = (typeof OFPC)[keyof typeof OFPC];

/** Switch configuration flags (`ofp_config_flags`). */
export const OFPC_FRAG = { NORMAL: 0, DROP: 1, REASM: 2, MASK: 3 } as const;
/** A value of `OFPC_FRAG`. */
export type OFPC_FRAG = (typeof OFPC_FRAG)[keyof typeof OFPC_FRAG];

/** Port configuration bits (`ofp_port_config`). */
export const OFPPC = {
  PORT_DOWN: 1 << 0,
  NO_RECV: 1 << 2,
  NO_FWD: 1 << 5,
  NO_PACKET_IN: 1 << 6,
} as const;
/** A value of `OFPPC`. */
export type OFPPC = (typeof OFPPC)[keyof typeof OFPPC];
/** Port state bits (`ofp_port_state`). */
export const OFPPS = { LINK_DOWN: 1 << 0, BLOCKED: 1 << 1, LIVE: 1 << 2 } as const;
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
  "40GB_FD": 1 << 7,
  "100GB_FD": 1 << 8,
  "1TB_FD": 1 << 9,
  OTHER: 1 << 10,
  COPPER: 1 << 11,
  FIBER: 1 << 12,
  AUTONEG: 1 << 13,
  PAUSE: 1 << 14,
  PAUSE_ASYM: 1 << 15,
} as const;
/** A value of `OFPPF`. */
export type OFPPF = (typeof OFPPF)[keyof typeof OFPPF];

/** Port-status reasons. */
export const OFPPR = { ADD: 0, DELETE: 1, MODIFY: 2 } as const;
/** A value of `OFPPR`. */
export type OFPPR = (typeof OFPPR)[keyof typeof OFPPR];
/** Packet-in reasons. */
export const OFPR = { NO_MATCH: 0, ACTION: 1, INVALID_TTL: 2 } as const;
/** A value of `OFPR`. */
export type OFPR = (typeof OFPR)[keyof typeof OFPR];
/** Flow-removed reasons. */
export const OFPRR = { IDLE_TIMEOUT: 0, HARD_TIMEOUT: 1, DELETE: 2, GROUP_DELETE: 3 } as const;
/** A value of `OFPRR`. */
export type OFPRR = (typeof OFPRR)[keyof typeof OFPRR];

/** Flow-mod commands. */
export const OFPFC = { ADD: 0, MODIFY: 1, MODIFY_STRICT: 2, DELETE: 3, DELETE_STRICT: 4 } as const;
/** A value of `OFPFC`. */
export type OFPFC = (typeof OFPFC)[keyof typeof OFPFC];
/** Flow-mod flags. */
export const OFPFF = {
  SEND_FLOW_REM: 1 << 0,
  CHECK_OVERLAP: 1 << 1,
  RESET_COUNTS: 1 << 2,
  NO_PKT_COUNTS: 1 << 3,
  NO_BYT_COUNTS: 1 << 4,
} as const;
/** A value of `OFPFF`. */
export type OFPFF = (typeof OFPFF)[keyof typeof OFPFF];

/** Group-mod commands. */
export const OFPGC = { ADD: 0, MODIFY: 1, DELETE: 2 } as const;
/** A value of `OFPGC`. */
export type OFPGC = (typeof OFPGC)[keyof typeof OFPGC];
/** Group types. */
export const OFPGT = { ALL: 0, SELECT: 1, INDIRECT: 2, FF: 3 } as const;
/** A value of `OFPGT`. */
export type OFPGT = (typeof OFPGT)[keyof typeof OFPGT];
/** Group capabilities (group features). */
export const OFPGFC = {
  SELECT_WEIGHT: 1,
  SELECT_LIVENESS: 2,
  CHAINING: 4,
  CHAINING_CHECKS: 8,
} as const;
/** A value of `OFPGFC`. */
export type OFPGFC = (typeof OFPGFC)[keyof typeof OFPGFC];

/** Meter-mod commands. */
export const OFPMC = { ADD: 0, MODIFY: 1, DELETE: 2 } as const;
/** A value of `OFPMC`. */
export type OFPMC = (typeof OFPMC)[keyof typeof OFPMC];
/** Meter flags. */
export const OFPMF = { KBPS: 1, PKTPS: 2, BURST: 4, STATS: 8 } as const;
/** A value of `OFPMF`. */
export type OFPMF = (typeof OFPMF)[keyof typeof OFPMF];
/** Meter band types. */
export const OFPMBT = { DROP: 1, DSCP_REMARK: 2, EXPERIMENTER: 0xffff } as const;
/** A value of `OFPMBT`. */
export type OFPMBT = (typeof OFPMBT)[keyof typeof OFPMBT];

/** Table configuration. */
export const OFPTC = { DEPRECATED_MASK: 3 } as const;
/** A value of `OFPTC`. */
export type OFPTC = (typeof OFPTC)[keyof typeof OFPTC];

/** Controller roles. */
export const OFPCR_ROLE = { NOCHANGE: 0, EQUAL: 1, MASTER: 2, SLAVE: 3 } as const;
/** A value of `OFPCR_ROLE`. */
export type OFPCR_ROLE = (typeof OFPCR_ROLE)[keyof typeof OFPCR_ROLE];

/** Queue properties. */
export const OFPQT = { MIN_RATE: 1, MAX_RATE: 2, EXPERIMENTER: 0xffff } as const;
/** A value of `OFPQT`. */
export type OFPQT = (typeof OFPQT)[keyof typeof OFPQT];

/** Table-feature property types. */
export const OFPTFPT = {
  INSTRUCTIONS: 0,
  INSTRUCTIONS_MISS: 1,
  NEXT_TABLES: 2,
  NEXT_TABLES_MISS: 3,
  WRITE_ACTIONS: 4,
  WRITE_ACTIONS_MISS: 5,
  APPLY_ACTIONS: 6,
  APPLY_ACTIONS_MISS: 7,
  MATCH: 8,
  WILDCARDS: 10,
  WRITE_SETFIELD: 12,
  WRITE_SETFIELD_MISS: 13,
  APPLY_SETFIELD: 14,
  APPLY_SETFIELD_MISS: 15,
  EXPERIMENTER: 0xfffe,
  EXPERIMENTER_MISS: 0xffff,
} as const;
/** A value of `OFPTFPT`. */
export type OFPTFPT = (typeof OFPTFPT)[keyof typeof OFPTFPT];

/** IPv6 extension-header pseudo-field bits. */
export const OFPIEH = {
  NONEXT: 1 << 0,
  ESP: 1 << 1,
  AUTH: 1 << 2,
  DEST: 1 << 3,
  FRAG: 1 << 4,
  ROUTER: 1 << 5,
  HOP: 1 << 6,
  UNREP: 1 << 7,
  UNSEQ: 1 << 8,
} as const;
/** A value of `OFPIEH`. */
export type OFPIEH = (typeof OFPIEH)[keyof typeof OFPIEH];
