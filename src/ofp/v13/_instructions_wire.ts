// The wire form of OpenFlow 1.3 instruction lists: decoding and encoding, for the codec.
import { describe } from "../_addresses.ts";
import type { Reader } from "../_reader.ts";
import type { Writer } from "../_writer.ts";
import { OfpEncodeError } from "../errors.ts";
import { checkData, checkU, elementLength } from "./_tlv_list.ts";
import { decodeActions, encodeActions } from "./_actions_wire.ts";
import type { Of13Instruction } from "./action_types.ts";
import { instructionTypeName, OFPIT } from "./instructions.ts";

/** Exact lengths of the fixed-size instructions, indexed by type (0: variable or unknown). */
const FIXED = Uint8Array.of(0, 8, 24, 0, 0, 8, 8);

/**
 * Decodes instructions until `r` is exhausted. Each length must be a multiple of 8 of at
 * least 8, lie inside the list, and equal the size of a fixed-size instruction.
 *
 * @param r Reader bounded to the instruction list.
 * @param path Field path for errors, e.g. `"flow_mod.instructions"`.
 * @returns The instructions.
 * @throws {OfpDecodeError} On a bad or overrunning length, or a malformed action inside.
 */
export function decodeInstructions(r: Reader, path: string): Of13Instruction[] {
  const out: Of13Instruction[] = [];
  const end = r.end, view = r.view;
  while (r.pos < end) {
    const at = r.pos;
    const len = elementLength(r, "Instruction", path);
    const type = view.getUint16(at);
    if (type < 7 && FIXED[type] !== 0 && len !== FIXED[type]) {
      r.fail(
        `Instruction ${instructionTypeName(type)} has length ${len}, expected ${FIXED[type]}`,
        path + "[].length",
        at + 2,
      );
    }
    const p = at + 4;
    let ins: Of13Instruction;
    switch (type) {
      case 4: // APPLY_ACTIONS
      case 3: // WRITE_ACTIONS
        // The list ends with the instruction: narrow the reader instead of allocating one.
        r.pos = p + 4; // 4 bytes of padding
        r.end = at + len;
        try {
          ins = {
            type: type === 4 ? "APPLY_ACTIONS" : "WRITE_ACTIONS",
            actions: decodeActions(r, path + "[].actions"),
          };
        } finally {
          r.end = end;
        }
        break;
      case 1: // GOTO_TABLE
        ins = { type: "GOTO_TABLE", tableId: r.bytes[p] };
        break;
      case 2: // WRITE_METADATA
        ins = {
          type: "WRITE_METADATA",
          metadata: view.getBigUint64(p + 4),
          metadataMask: view.getBigUint64(p + 12),
        };
        break;
      case 5: // CLEAR_ACTIONS
        ins = { type: "CLEAR_ACTIONS" };
        break;
      case 6: // METER
        ins = { type: "METER", meterId: view.getUint32(p) };
        break;
      case 0xffff:
        ins = {
          type: "EXPERIMENTER",
          experimenter: view.getUint32(p),
          data: r.bytes.subarray(p + 4, at + len),
        };
        break;
      default:
        ins = { type: "UNKNOWN", instructionType: type, data: r.bytes.subarray(p, at + len) };
    }
    out.push(ins);
    r.pos = at + len;
  }
  return out;
}

/**
 * Encodes a list of instructions; lengths and padding are computed.
 *
 * @param w Writer.
 * @param list The instructions.
 * @param path Field path for errors.
 * @throws {OfpEncodeError} If `list` is not an array, on an unknown instruction type, a
 * field out of range for its width, or an instruction longer than 65535 bytes.
 */
export function encodeInstructions(
  w: Writer,
  list: readonly Of13Instruction[],
  path: string,
): void {
  if (!Array.isArray(list)) {
    throw new OfpEncodeError(`Expected an array of instructions, got ${describe(list)}`, path);
  }
  for (let i = 0; i < list.length; i++) {
    const ins: Of13Instruction = list[i];
    if (ins === null || typeof ins !== "object") {
      throw new OfpEncodeError(`Expected an instruction object, got ${describe(ins)}`, path);
    }
    const start = w.pos;
    switch (ins.type) {
      case "APPLY_ACTIONS":
      case "WRITE_ACTIONS":
        w.ensure(8);
        w.view.setUint32(start, OFPIT[ins.type] << 16); // length patched below
        w.view.setUint32(start + 4, 0);
        w.pos = start + 8;
        encodeActions(w, ins.actions, path);
        w.patchLength16(start + 2, start, path);
        continue;
      case "GOTO_TABLE":
        w.ensure(8);
        w.view.setUint32(start, (OFPIT.GOTO_TABLE << 16) | 8);
        w.view.setUint32(start + 4, checkU(ins.tableId, 8, "GOTO_TABLE tableId", path) << 24);
        w.pos = start + 8;
        continue;
      case "WRITE_METADATA":
        w.ensure(8);
        w.view.setUint32(start, (OFPIT.WRITE_METADATA << 16) | 24);
        w.view.setUint32(start + 4, 0);
        w.pos = start + 8;
        w.u64(ins.metadata, path);
        w.u64(ins.metadataMask, path);
        continue;
      case "CLEAR_ACTIONS":
        w.ensure(8);
        w.view.setUint32(start, (OFPIT.CLEAR_ACTIONS << 16) | 8);
        w.view.setUint32(start + 4, 0);
        w.pos = start + 8;
        continue;
      case "METER":
        w.ensure(8);
        w.view.setUint32(start, (OFPIT.METER << 16) | 8);
        w.view.setUint32(start + 4, checkU(ins.meterId, 32, "METER meterId", path));
        w.pos = start + 8;
        continue;
      case "EXPERIMENTER":
        w.u16(OFPIT.EXPERIMENTER, path);
        w.u16(0, path);
        w.u32(checkU(ins.experimenter, 32, "EXPERIMENTER experimenter", path), path);
        w.bytes(checkData(ins.data, "EXPERIMENTER data", path), path);
        break;
      case "UNKNOWN":
        w.u16(checkU(ins.instructionType, 16, "UNKNOWN instructionType", path), path);
        w.u16(0, path);
        w.bytes(checkData(ins.data, "UNKNOWN data", path), path);
        break;
      default:
        throw new OfpEncodeError(
          `Unknown instruction type ${describe((ins as { type: unknown }).type)}`,
          path,
        );
    }
    w.align(start, 8);
    w.patchLength16(start + 2, start, path);
  }
}
