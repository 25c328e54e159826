/**
 * OpenFlow 1.3 reserved numbers used by actions and matches: port numbers, the controller
 * `max_len` values, group ids and the "all queues" id.
 *
 * @module
 */

/** Reserved port numbers (`ofp_port_no`); physical ports run from 1 to `MAX`. */
export const OFPP = {
  /** The highest number of a physical port. */
  MAX: 0xffffff00,
  /** The packet's ingress port (outputting there must be explicit). */
  IN_PORT: 0xfffffff8,
  /** Submit the packet to the first flow table (packet-out only). */
  TABLE: 0xfffffff9,
  /** The switch's non-OpenFlow forwarding. */
  NORMAL: 0xfffffffa,
  /** Every port but the ingress port and ports with OFPPC_NO_FLOOD (hybrid switches). */
  FLOOD: 0xfffffffb,
  /** Every port but the ingress port. */
  ALL: 0xfffffffc,
  /** The controller, in a packet-in. */
  CONTROLLER: 0xfffffffd,
  /** The switch's local networking stack. */
  LOCAL: 0xfffffffe,
  /** Wildcard: no port (in requests and filters). */
  ANY: 0xffffffff,
} as const;
/** A value of {@linkcode OFPP}. */
export type OFPP = (typeof OFPP)[keyof typeof OFPP];

/** `max_len` of an OUTPUT to the controller (`ofp_controller_max_len`). */
export const OFPCML = {
  /** The largest `max_len` that still buffers the packet on the switch. */
  MAX: 0xffe5,
  /** Send the whole packet, unbuffered. */
  NO_BUFFER: 0xffff,
} as const;
/** A value of {@linkcode OFPCML}. */
export type OFPCML = (typeof OFPCML)[keyof typeof OFPCML];

/** Reserved group ids (`ofp_group`). */
export const OFPG = {
  /** The highest regular group id. */
  MAX: 0xffffff00,
  /** Every group (group delete, group stats). */
  ALL: 0xfffffffc,
  /** Wildcard: no group (flow-mod `out_group` filter). */
  ANY: 0xffffffff,
} as const;
/** A value of {@linkcode OFPG}. */
export type OFPG = (typeof OFPG)[keyof typeof OFPG];

/** Queue id meaning every queue of a port (queue stats, queue config). */
export const OFPQ_ALL = 0xffffffff;

const PORT_NAMES: ReadonlyMap<number, string> = new Map(
  Object.entries(OFPP).filter(([name]) => name !== "MAX").map(([name, v]) => [v, name]),
);

/**
 * A port number as text: the reserved name (`"CONTROLLER"`) or the decimal number.
 *
 * @param port A port number.
 * @returns Its name, e.g. `"LOCAL"`, or `"3"` for physical port 3.
 *
 * @example
 * ```ts
 * import { of13 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.equal(of13.portName(of13.OFPP.CONTROLLER), "CONTROLLER");
 * assert.equal(of13.portName(3), "3");
 * ```
 */
export function portName(port: number): string {
  return PORT_NAMES.get(port) ?? String(port);
}
