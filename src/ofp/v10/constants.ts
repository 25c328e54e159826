/**
 * OpenFlow 1.0 constants (`openflow-1.0.h`), as `as const` tables with name lookups.
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
/** Stats reply flags. */
export const OFPSF = { REPLY_MORE: 1 } as const;

/** Error types (`ofp_error_type`). */
export const OFPET = {
  HELLO_FAILED: 0,
  BAD_REQUEST: 1,
  BAD_ACTION: 2,
  FLOW_MOD_FAILED: 3,
  PORT_MOD_FAILED: 4,
  QUEUE_OP_FAILED: 5,
} as const;

/** Error codes of each error type, with their spec prefixes. */
export const OFP_ERROR_CODES: ErrorCodeTable = {
  0: { prefix: "OFPHFC", codes: { INCOMPATIBLE: 0, EPERM: 1 } },
  1: {
    prefix: "OFPBRC",
    codes: {
      BAD_VERSION: 0,
      BAD_TYPE: 1,
      BAD_STAT: 2,
      BAD_VENDOR: 3,
      BAD_SUBTYPE: 4,
      EPERM: 5,
      BAD_LEN: 6,
      BUFFER_EMPTY: 7,
      BUFFER_UNKNOWN: 8,
    },
  },
  2: {
    prefix: "OFPBAC",
    codes: {
      BAD_TYPE: 0,
      BAD_LEN: 1,
      BAD_VENDOR: 2,
      BAD_VENDOR_TYPE: 3,
      BAD_OUT_PORT: 4,
      BAD_ARGUMENT: 5,
      EPERM: 6,
      TOO_MANY: 7,
      BAD_QUEUE: 8,
    },
  },
  3: {
    prefix: "OFPFMFC",
    codes: {
      ALL_TABLES_FULL: 0,
      OVERLAP: 1,
      EPERM: 2,
      BAD_EMERG_TIMEOUT: 3,
      BAD_COMMAND: 4,
      UNSUPPORTED: 5,
    },
  },
  4: { prefix: "OFPPMFC", codes: { BAD_PORT: 0, BAD_HW_ADDR: 1 } },
  5: { prefix: "OFPQOFC", codes: { BAD_PORT: 0, BAD_QUEUE: 1, EPERM: 2 } },
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
 * assert.equal(of10.errorName(2, 4), "OFPBAC_BAD_OUT_PORT");
 * ```
 */
export function errorName(errType: number, code: number): string {
  return NAMERS.errorName(errType, code);
}

const MESSAGE_TYPE_NAMES = inverse(OFPT);

/**
 * Name of a message type number, e.g. `10` → `"PACKET_IN"`.
 *
 * @param type The message type number.
 * @returns Its name, or `"TYPE_<n>"` when unknown.
 */
export function messageTypeName(type: number): string {
  return MESSAGE_TYPE_NAMES.get(type) ?? `TYPE_${type}`;
}

/** Port numbers (`ofp_port`). */
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

/** Flow wildcards (`ofp_flow_wildcards`). */
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
  NW_SRC_MASK: 0x3f << 8,
  NW_SRC_ALL: 32 << 8,
  NW_DST_SHIFT: 14,
  NW_DST_MASK: 0x3f << 14,
  NW_DST_ALL: 32 << 14,
  DL_VLAN_PCP: 1 << 20,
  NW_TOS: 1 << 21,
  ALL: (1 << 22) - 1,
} as const;

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
/** Fragment handling (`ofp_config_flags`). */
export const OFPC_FRAG = { NORMAL: 0, DROP: 1, REASM: 2, MASK: 3 } as const;

/** Port config bits. */
export const OFPPC = {
  PORT_DOWN: 1 << 0,
  NO_STP: 1 << 1,
  NO_RECV: 1 << 2,
  NO_RECV_STP: 1 << 3,
  NO_FLOOD: 1 << 4,
  NO_FWD: 1 << 5,
  NO_PACKET_IN: 1 << 6,
} as const;
/** Port state bits. */
export const OFPPS = {
  LINK_DOWN: 1 << 0,
  STP_LISTEN: 0,
  STP_LEARN: 1 << 8,
  STP_FORWARD: 2 << 8,
  STP_BLOCK: 3 << 8,
  STP_MASK: 3 << 8,
} as const;
/** Port feature bits. */
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

/** Port-status reasons. */
export const OFPPR = { ADD: 0, DELETE: 1, MODIFY: 2 } as const;
/** Packet-in reasons. */
export const OFPR = { NO_MATCH: 0, ACTION: 1 } as const;
/** Flow-removed reasons. */
export const OFPRR = { IDLE_TIMEOUT: 0, HARD_TIMEOUT: 1, DELETE: 2 } as const;
/** Flow-mod commands. */
export const OFPFC = { ADD: 0, MODIFY: 1, MODIFY_STRICT: 2, DELETE: 3, DELETE_STRICT: 4 } as const;
/** Flow-mod flags. */
export const OFPFF = { SEND_FLOW_REM: 1 << 0, CHECK_OVERLAP: 1 << 1, EMERG: 1 << 2 } as const;
/** Queue properties. */
export const OFPQT = { NONE: 0, MIN_RATE: 1 } as const;
/** Queue id meaning every queue. */
export const OFPQ_ALL = 0xffffffff;
/** Buffer id meaning "not buffered". */
export const OFP_NO_BUFFER = 0xffffffff;
/** Default flow priority. */
export const OFP_DEFAULT_PRIORITY = 0x8000;
/** Table id meaning every table (stats requests). */
export const OFPTT_ALL = 0xff;
