// The wire form of OpenFlow 1.3 action lists: decoding and encoding, for the codec.
import { describe } from "../_addresses.ts";
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { checkData, checkU, elementLength } from "./_tlv_list.ts";
import { decodeOxmIn, encodeOxm } from "./_oxm_wire.ts";
import type { Of13Action } from "./action_types.ts";
import { type Of13ActionTypeName, OFPAT } from "./actions.ts";

// Per-type tables indexed by action number (0..27): the decode loop does no string lookups.
const NAMES: (Of13ActionTypeName | undefined)[] = new Array(28);
for (const [name, n] of Object.entries(OFPAT)) if (n < 28) NAMES[n] = name as Of13ActionTypeName;
/** Exact length of each fixed-size action; 0 for variable (SET_FIELD) or undefined types. */
const FIXED = new Uint8Array(28);
for (const [name, n] of Object.entries(OFPAT)) {
  if (n < 28 && name !== "SET_FIELD") FIXED[n] = name === "OUTPUT" ? 16 : 8;
}

/**
 * Decodes actions until `r` is exhausted. Each action's length must be a multiple of 8 of
 * at least 8, lie inside the list, and equal the size of a fixed-size action.
 *
 * @param r Reader bounded to the action list.
 * @param path Field path for errors, e.g. `"packet_out.actions"`.
 * @returns The actions.
 * @throws {OfpDecodeError} On a bad or overrunning length or a malformed SET_FIELD OXM.
 */
export function decodeActions(r: Reader, path: string): Of13Action[] {
  const out: Of13Action[] = [];
  const end = r.end, view = r.view;
  while (r.pos < end) {
    const at = r.pos;
    const len = elementLength(r, "Action", path);
    const type = view.getUint16(at);
    const name = type < 28 ? NAMES[type] : undefined;
    if (name !== undefined && FIXED[type] !== 0 && len !== FIXED[type]) {
      r.fail(
        `Action ${name} has length ${len}, expected ${FIXED[type]}`,
        path + "[].length",
        at + 2,
      );
    }
    const p = at + 4;
    let action: Of13Action;
    switch (name) {
      case "OUTPUT":
        action = { type: "OUTPUT", port: view.getUint32(p), maxLen: view.getUint16(p + 4) };
        break;
      case "SET_FIELD":
        r.pos = p;
        // The OXM must fit the action; what follows it up to `len` is padding.
        action = { type: "SET_FIELD", field: decodeOxmIn(r, at + len, path) };
        break;
      case "PUSH_VLAN":
      case "PUSH_MPLS":
      case "PUSH_PBB":
      case "POP_MPLS":
        action = { type: name, ethertype: view.getUint16(p) };
        break;
      case "SET_QUEUE":
        action = { type: "SET_QUEUE", queueId: view.getUint32(p) };
        break;
      case "GROUP":
        action = { type: "GROUP", groupId: view.getUint32(p) };
        break;
      case "SET_MPLS_TTL":
        action = { type: "SET_MPLS_TTL", mplsTtl: r.bytes[p] };
        break;
      case "SET_NW_TTL":
        action = { type: "SET_NW_TTL", nwTtl: r.bytes[p] };
        break;
      case "COPY_TTL_OUT":
      case "COPY_TTL_IN":
      case "DEC_MPLS_TTL":
      case "POP_VLAN":
      case "DEC_NW_TTL":
      case "POP_PBB":
        action = { type: name };
        break;
      default:
        action = type === 0xffff
          ? {
            type: "EXPERIMENTER",
            experimenter: view.getUint32(p),
            data: r.bytes.subarray(p + 4, at + len),
          }
          : { type: "UNKNOWN", actionType: type, data: r.bytes.subarray(p, at + len) };
    }
    out.push(action);
    r.pos = at + len;
  }
  return out;
}

/** Writes a 4-byte action header with the length left for {@linkcode finish}. */
function header(w: Writer, type: number): void {
  w.ensure(4);
  w.view.setUint32(w.pos, type << 16);
  w.pos += 4;
}

/** Pads the action to 8 bytes and patches its length. */
function finish(w: Writer, start: number, path: string): void {
  w.align(start, 8);
  w.patchLength16(start + 2, start, path);
}

/**
 * Encodes a list of actions; lengths and padding are computed.
 *
 * @param w Writer.
 * @param actions The actions.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} If `actions` is not an array, on an unknown action type, a field
 * out of range for its width, or an action longer than 65535 bytes.
 */
export function encodeActions(w: Writer, actions: readonly Of13Action[], path: string): void {
  if (!Array.isArray(actions)) {
    throw new OfpEncodeError(`Expected an array of actions, got ${describe(actions)}`, path);
  }
  for (let i = 0; i < actions.length; i++) encodeAction(w, actions[i], path);
}

function encodeAction(w: Writer, a: Of13Action, path: string): void {
  if (a === null || typeof a !== "object") {
    throw new OfpEncodeError(`Expected an action object, got ${describe(a)}`, path);
  }
  const start = w.pos;
  switch (a.type) {
    case "OUTPUT":
      checkU(a.port, 32, "OUTPUT port", path);
      checkU(a.maxLen, 16, "OUTPUT maxLen", path);
      w.ensure(16);
      w.view.setUint32(start, 0x0000_0010); // OFPAT_OUTPUT, length 16
      w.view.setUint32(start + 4, a.port);
      w.view.setUint32(start + 8, a.maxLen << 16); // max_len, then 6 bytes of padding
      w.view.setUint32(start + 12, 0);
      w.pos = start + 16;
      return;
    case "SET_FIELD":
      header(w, OFPAT.SET_FIELD);
      encodeOxm(w, a.field, path);
      break;
    case "PUSH_VLAN":
    case "PUSH_MPLS":
    case "PUSH_PBB":
    case "POP_MPLS":
      checkU(a.ethertype, 16, `${a.type} ethertype`, path);
      w.ensure(8);
      w.view.setUint32(start, (OFPAT[a.type] << 16) | 8);
      w.view.setUint32(start + 4, a.ethertype << 16);
      w.pos = start + 8;
      return;
    case "SET_QUEUE":
    case "GROUP":
      w.ensure(8);
      w.view.setUint32(start, (OFPAT[a.type] << 16) | 8);
      w.view.setUint32(
        start + 4,
        a.type === "GROUP"
          ? checkU(a.groupId, 32, "GROUP groupId", path)
          : checkU(a.queueId, 32, "SET_QUEUE queueId", path),
      );
      w.pos = start + 8;
      return;
    case "SET_MPLS_TTL":
    case "SET_NW_TTL":
      w.ensure(8);
      w.view.setUint32(start, (OFPAT[a.type] << 16) | 8);
      w.view.setUint32(
        start + 4,
        (a.type === "SET_MPLS_TTL"
          ? checkU(a.mplsTtl, 8, "SET_MPLS_TTL mplsTtl", path)
          : checkU(a.nwTtl, 8, "SET_NW_TTL nwTtl", path)) << 24,
      );
      w.pos = start + 8;
      return;
    case "COPY_TTL_OUT":
    case "COPY_TTL_IN":
    case "DEC_MPLS_TTL":
    case "POP_VLAN":
    case "DEC_NW_TTL":
    case "POP_PBB":
      w.ensure(8);
      w.view.setUint32(start, (OFPAT[a.type] << 16) | 8);
      w.view.setUint32(start + 4, 0);
      w.pos = start + 8;
      return;
    case "EXPERIMENTER":
      header(w, OFPAT.EXPERIMENTER);
      w.u32(checkU(a.experimenter, 32, "EXPERIMENTER experimenter", path), path);
      w.bytes(checkData(a.data, "EXPERIMENTER data", path), path);
      break;
    case "UNKNOWN":
      header(w, checkU(a.actionType, 16, "UNKNOWN actionType", path));
      w.bytes(checkData(a.data, "UNKNOWN data", path), path);
      break;
    default:
      throw new OfpEncodeError(
        `Unknown action type ${describe((a as { type: unknown }).type)}`,
        path,
      );
  }
  finish(w, start, path);
}
