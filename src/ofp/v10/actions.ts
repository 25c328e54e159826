/**
 * OpenFlow 1.0 actions: decode and encode of action lists, and one builder per action.
 *
 * @module
 */

import type {
  Of10ActionEnqueue,
  Of10ActionOutput,
  Of10ActionSetDlAddr,
  Of10ActionSetNwAddr,
  Of10ActionSetNwTos,
  Of10ActionSetTpPort,
  Of10ActionSetVlanPcp,
  Of10ActionSetVlanVid,
  Of10ActionStripVlan,
  Of10ActionVendor,
} from "./types.ts";

/**
 * OUTPUT action.
 *
 * @param port Output port (a number, or `OFPP.CONTROLLER`, `OFPP.FLOOD`, ...).
 * @param maxLen Bytes to send to the controller when `port` is `OFPP.CONTROLLER`. Default
 *   0xffff (the whole packet).
 * @returns The action.
 *
 * @example
 * ```ts
 * import { of10 } from "@oftest/oftest/ofp";
 * import assert from "node:assert/strict";
 *
 * assert.deepEqual(of10.output(of10.OFPP.CONTROLLER, 128), { type: "OUTPUT", port: 0xfffd, maxLen: 128 });
 * ```
 */
export function output(port: number, maxLen = 0xffff): Of10ActionOutput {
  return { type: "OUTPUT", port, maxLen };
}

/**
 * ENQUEUE action.
 *
 * @param port Output port.
 * @param queueId Queue of that port.
 * @returns The action.
 */
export function enqueue(port: number, queueId: number): Of10ActionEnqueue {
  return { type: "ENQUEUE", port, queueId };
}

/**
 * SET_VLAN_VID action.
 *
 * @param vlanVid VLAN id.
 * @returns The action.
 */
export function setVlanVid(vlanVid: number): Of10ActionSetVlanVid {
  return { type: "SET_VLAN_VID", vlanVid };
}

/**
 * SET_VLAN_PCP action.
 *
 * @param vlanPcp VLAN priority.
 * @returns The action.
 */
export function setVlanPcp(vlanPcp: number): Of10ActionSetVlanPcp {
  return { type: "SET_VLAN_PCP", vlanPcp };
}

/**
 * STRIP_VLAN action.
 *
 * @returns The action.
 */
export function stripVlan(): Of10ActionStripVlan {
  return { type: "STRIP_VLAN" };
}

/**
 * SET_DL_SRC action.
 *
 * @param dlAddr MAC address, "aa:bb:cc:dd:ee:ff".
 * @returns The action.
 */
export function setDlSrc(dlAddr: string): Of10ActionSetDlAddr {
  return { type: "SET_DL_SRC", dlAddr };
}

/**
 * SET_DL_DST action.
 *
 * @param dlAddr MAC address, "aa:bb:cc:dd:ee:ff".
 * @returns The action.
 */
export function setDlDst(dlAddr: string): Of10ActionSetDlAddr {
  return { type: "SET_DL_DST", dlAddr };
}

/**
 * SET_NW_SRC action.
 *
 * @param nwAddr IPv4 address, dotted.
 * @returns The action.
 */
export function setNwSrc(nwAddr: string): Of10ActionSetNwAddr {
  return { type: "SET_NW_SRC", nwAddr };
}

/**
 * SET_NW_DST action.
 *
 * @param nwAddr IPv4 address, dotted.
 * @returns The action.
 */
export function setNwDst(nwAddr: string): Of10ActionSetNwAddr {
  return { type: "SET_NW_DST", nwAddr };
}

/**
 * SET_NW_TOS action.
 *
 * @param nwTos ToS byte (DSCP in the six high bits).
 * @returns The action.
 */
export function setNwTos(nwTos: number): Of10ActionSetNwTos {
  return { type: "SET_NW_TOS", nwTos };
}

/**
 * SET_TP_SRC action.
 *
 * @param tpPort TCP/UDP port.
 * @returns The action.
 */
export function setTpSrc(tpPort: number): Of10ActionSetTpPort {
  return { type: "SET_TP_SRC", tpPort };
}

/**
 * SET_TP_DST action.
 *
 * @param tpPort TCP/UDP port.
 * @returns The action.
 */
export function setTpDst(tpPort: number): Of10ActionSetTpPort {
  return { type: "SET_TP_DST", tpPort };
}

/**
 * VENDOR action: the vendor id and the bytes after it. Encoding pads the action to a
 * multiple of 8 bytes with zeros.
 *
 * @param vendor Vendor id (Nicira: `NX_VENDOR_ID`).
 * @param data The vendor-defined bytes after the vendor id.
 * @returns The action.
 *
 * @example Open vSwitch's `resubmit(,3)`
 * ```ts
 * import { of10 } from "@oftest/oftest/ofp";
 *
 * of10.vendorAction(of10.NX_VENDOR_ID, new Uint8Array([0, 14, 0xff, 0xf8, 3, 0, 0, 0]));
 * ```
 */
export function vendorAction(vendor: number, data: Uint8Array): Of10ActionVendor {
  return { type: "VENDOR", vendor, data };
}
