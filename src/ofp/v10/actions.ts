/**
 * OpenFlow 1.0 actions: decode and encode of action lists, and one builder per action.
 *
 * @module
 */
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { ipv4At, macAt, writeIpv4, writeMac } from "./_addresses.ts";
import { OfpEncodeError } from "../errors.ts";
import { OFPAT } from "./constants.ts";
import type {
  Of10Action,
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

// The exact length of each fixed-size action, indexed by its OFPAT number.
const FIXED_LEN: readonly number[] = [8, 8, 8, 8, 16, 16, 8, 8, 8, 8, 8, 16];
const ACTION_NAMES: readonly Of10Action["type"][] = [
  "OUTPUT",
  "SET_VLAN_VID",
  "SET_VLAN_PCP",
  "STRIP_VLAN",
  "SET_DL_SRC",
  "SET_DL_DST",
  "SET_NW_SRC",
  "SET_NW_DST",
  "SET_NW_TOS",
  "SET_TP_SRC",
  "SET_TP_DST",
  "ENQUEUE",
];

/**
 * Decodes actions until `r` is exhausted. Each action's length must be at least 8, a
 * multiple of 8, within the list, and exact for the fixed-size types.
 * @internal
 */
export function decodeActions10(r: Reader, path: string): Of10Action[] {
  const out: Of10Action[] = [];
  const v = r.view;
  while (r.pos < r.end) {
    const at = r.pos;
    if (at + 4 > r.end) r.fail(`Action header needs 4 bytes, ${r.end - at} remain`, path);
    const type = v.getUint16(at);
    const len = v.getUint16(at + 2);
    if (len < 8) {
      r.fail(`Action length ${len} is below the 8-byte minimum`, path + ".length", at + 2);
    }
    if ((len & 7) !== 0) {
      r.fail(`Action length ${len} is not a multiple of 8`, path + ".length", at + 2);
    }
    if (at + len > r.end) {
      r.fail(
        `Action length ${len} runs past the action list (${r.end - at} bytes remain)`,
        path + ".length",
        at + 2,
      );
    }
    if (type < FIXED_LEN.length && len !== FIXED_LEN[type]) {
      r.fail(
        `Action ${ACTION_NAMES[type]} has length ${len}, expected ${FIXED_LEN[type]}`,
        path + ".length",
        at + 2,
      );
    }
    const p = at + 4;
    switch (type) {
      case OFPAT.OUTPUT:
        out.push({ type: "OUTPUT", port: v.getUint16(p), maxLen: v.getUint16(p + 2) });
        break;
      case OFPAT.SET_VLAN_VID:
        out.push({ type: "SET_VLAN_VID", vlanVid: v.getUint16(p) });
        break;
      case OFPAT.SET_VLAN_PCP:
        out.push({ type: "SET_VLAN_PCP", vlanPcp: v.getUint8(p) });
        break;
      case OFPAT.STRIP_VLAN:
        out.push({ type: "STRIP_VLAN" });
        break;
      case OFPAT.SET_DL_SRC:
      case OFPAT.SET_DL_DST:
        out.push({
          type: type === OFPAT.SET_DL_SRC ? "SET_DL_SRC" : "SET_DL_DST",
          dlAddr: macAt(r.bytes, p),
        });
        break;
      case OFPAT.SET_NW_SRC:
      case OFPAT.SET_NW_DST:
        out.push({
          type: type === OFPAT.SET_NW_SRC ? "SET_NW_SRC" : "SET_NW_DST",
          nwAddr: ipv4At(r.bytes, p),
        });
        break;
      case OFPAT.SET_NW_TOS:
        out.push({ type: "SET_NW_TOS", nwTos: v.getUint8(p) });
        break;
      case OFPAT.SET_TP_SRC:
      case OFPAT.SET_TP_DST:
        out.push({
          type: type === OFPAT.SET_TP_SRC ? "SET_TP_SRC" : "SET_TP_DST",
          tpPort: v.getUint16(p),
        });
        break;
      case OFPAT.ENQUEUE:
        out.push({ type: "ENQUEUE", port: v.getUint16(p), queueId: v.getUint32(p + 8) });
        break;
      case OFPAT.VENDOR:
        out.push({
          type: "VENDOR",
          vendor: v.getUint32(p),
          data: r.bytes.subarray(p + 4, at + len),
        });
        break;
      default:
        out.push({ type: "UNKNOWN", actionType: type, data: r.bytes.subarray(p, at + len) });
    }
    r.pos = at + len;
  }
  return out;
}

/**
 * Encodes a list of actions; each is padded to a multiple of 8 and its length computed.
 * @internal
 */
export function encodeActions10(w: Writer, actions: readonly Of10Action[], path: string): void {
  if (!Array.isArray(actions)) throw new OfpEncodeError("Expected an array of actions", path);
  for (const a of actions as Of10Action[]) {
    if (a === null || typeof a !== "object") {
      throw new OfpEncodeError(`Expected an action object, got ${String(a)}`, path);
    }
    const start = w.pos;
    const typeNumber = a.type === "UNKNOWN"
      ? a.actionType
      : Object.hasOwn(OFPAT, a.type)
      ? OFPAT[a.type]
      : undefined;
    if (typeNumber === undefined) {
      throw new OfpEncodeError(`Unknown action type ${String(a.type)}`, path);
    }
    w.u16(typeNumber, path);
    w.u16(0, path);
    switch (a.type) {
      case "OUTPUT":
        w.u16(a.port, path);
        w.u16(a.maxLen, path);
        break;
      case "SET_VLAN_VID":
        w.u16(a.vlanVid, path);
        break;
      case "SET_VLAN_PCP":
        w.u8(a.vlanPcp, path);
        break;
      case "STRIP_VLAN":
        break;
      case "SET_DL_SRC":
      case "SET_DL_DST":
        writeMac(w, a.dlAddr, path);
        break;
      case "SET_NW_SRC":
      case "SET_NW_DST":
        writeIpv4(w, a.nwAddr, path);
        break;
      case "SET_NW_TOS":
        w.u8(a.nwTos, path);
        break;
      case "SET_TP_SRC":
      case "SET_TP_DST":
        w.u16(a.tpPort, path);
        break;
      case "ENQUEUE":
        w.u16(a.port, path);
        w.zeros(6);
        w.u32(a.queueId, path);
        break;
      case "VENDOR":
        w.u32(a.vendor, path);
        w.bytes(a.data, path);
        break;
      case "UNKNOWN":
        w.bytes(a.data, path);
        break;
    }
    w.align(start, 8);
    w.patchLength16(start + 2, start, path);
  }
}

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
