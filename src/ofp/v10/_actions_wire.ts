// The wire form of OpenFlow 1.0 action lists: decoding and encoding, for the codec.
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { ipv4Text, macText, writeIpv4, writeMac } from "../_addresses.ts";
import { OFPAT } from "./constants.ts";
import type { Of10Action } from "./types.ts";

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
          dlAddr: macText(r.bytes, p),
        });
        break;
      case OFPAT.SET_NW_SRC:
      case OFPAT.SET_NW_DST:
        out.push({
          type: type === OFPAT.SET_NW_SRC ? "SET_NW_SRC" : "SET_NW_DST",
          nwAddr: ipv4Text(r.bytes, p),
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
