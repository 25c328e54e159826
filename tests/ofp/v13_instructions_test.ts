import assert from "node:assert/strict";
import { Reader } from "../../src/ofp/_reader.ts";
import { Writer } from "../../src/ofp/_writer.ts";
import { OfpDecodeError, OfpEncodeError } from "../../src/ofp/errors.ts";
import { decodeInstructions, encodeInstructions } from "../../src/ofp/v13/_instructions_wire.ts";
import type { Of13Instruction } from "../../src/ofp/v13/action_types.ts";
import { group, output, popVlan, pushVlan, setField } from "../../src/ofp/v13/actions.ts";
import {
  applyActions,
  clearActions,
  experimenterInstruction,
  gotoTable,
  instructionTypeName,
  meter,
  OFPIT,
  writeActions,
  writeMetadata,
} from "../../src/ofp/v13/instructions.ts";
import { OFPP } from "../../src/ofp/v13/ports.ts";
import { prng, randInt } from "../_util/prng.ts";

const hex = (s: string): Uint8Array =>
  Uint8Array.from(s.replace(/\s+/g, "").match(/../g) ?? [], (h) => parseInt(h, 16));
const toHex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

function enc(list: readonly Of13Instruction[]): Uint8Array {
  const w = new Writer(8);
  encodeInstructions(w, list, "i");
  return w.finish();
}
function dec(bytes: Uint8Array): Of13Instruction[] {
  const r = Reader.of(bytes);
  const list = decodeInstructions(r, "i");
  assert.equal(r.pos, r.end, "the reader is left at the end of the list");
  return list;
}

/** Every instruction of OpenFlow 1.3 with its bytes, hand-computed from the spec's structs. */
const VECTORS: [string, Of13Instruction, string][] = [
  ["GOTO_TABLE", gotoTable(1), "0001 0008 01 000000"],
  ["GOTO_TABLE 254", gotoTable(0xfe), "0001 0008 fe 000000"],
  [
    "WRITE_METADATA",
    writeMetadata(0x0123456789abcdefn, 0xff00ff00ff00ff00n),
    "0002 0018 00000000 0123456789abcdef ff00ff00ff00ff00",
  ],
  [
    "WRITE_METADATA, default mask",
    writeMetadata(1n),
    "0002 0018 00000000 0000000000000001 ffffffffffffffff",
  ],
  [
    "WRITE_ACTIONS",
    writeActions([output(2)]),
    "0003 0018 00000000 0000 0010 00000002 ffe5 000000000000",
  ],
  [
    "APPLY_ACTIONS",
    applyActions([pushVlan(), setField("vlan_vid", 0x1005), output(OFPP.IN_PORT, 0)]),
    "0004 0030 00000000" + "0011 0008 8100 0000" + "0019 0010 80000c02 1005 000000000000" +
    "0000 0010 fffffff8 0000 000000000000",
  ],
  ["APPLY_ACTIONS, empty (drop)", applyActions([]), "0004 0008 00000000"],
  ["CLEAR_ACTIONS", clearActions(), "0005 0008 00000000"],
  ["METER", meter(5), "0006 0008 00000005"],
  [
    "EXPERIMENTER",
    experimenterInstruction(0x2320, hex("0001020304050607")),
    "ffff 0010 00002320 0001020304050607",
  ],
  ["EXPERIMENTER, no body", experimenterInstruction(0xabcd, hex("")), "ffff 0008 0000abcd"],
  ["UNKNOWN", { type: "UNKNOWN", instructionType: 7, data: hex("01020304") }, "0007 0008 01020304"],
  [
    "UNKNOWN, zero type",
    { type: "UNKNOWN", instructionType: 0, data: hex("000000000000000000000000") },
    "0000 0010 000000000000000000000000",
  ],
];

Deno.test({
  name: "v13 instructions: every instruction encodes to the spec's bytes and decodes back",
  permissions: "none",
  fn: async (t) => {
    for (const [name, ins, wire] of VECTORS) {
      await t.step(name, () => {
        assert.equal(toHex(enc([ins])), wire.replace(/ /g, ""));
        assert.deepEqual(dec(hex(wire)), [ins]);
      });
    }
    await t.step("all of them in one list", () => {
      const list = VECTORS.map(([, i]) => i);
      const wire = enc(list);
      assert.equal(toHex(wire), VECTORS.map(([, , w]) => w.replace(/ /g, "")).join(""));
      assert.deepEqual(dec(wire), list);
    });
    await t.step("every standard type is covered", () => {
      const covered = new Set(VECTORS.map(([, i]) => i.type));
      for (const name of Object.keys(OFPIT)) assert.ok(covered.has(name as never), name);
    });
  },
});

Deno.test({
  name: "v13 instructions: bodies",
  permissions: "none",
  fn: () => {
    // Experimenter and unknown bodies are padded to 8 bytes on encode.
    assert.equal(
      toHex(enc([experimenterInstruction(1, hex("ab"))])),
      "ffff001000000001ab00000000000000",
    );
    assert.equal(
      toHex(enc([{ type: "UNKNOWN", instructionType: 9, data: hex("") }])),
      "0009000800000000",
    );
    // Raw bodies are views into the frame.
    const frame = hex("ffff 0010 00002320 0001020304050607");
    const [ins] = dec(frame) as [Extract<Of13Instruction, { type: "EXPERIMENTER" }>];
    assert.equal(ins.data.buffer, frame.buffer);
    assert.equal(ins.data.byteOffset, 8);
    // Padding is ignored on decode.
    assert.deepEqual(dec(hex("0001 0008 03 ffffff")), [gotoTable(3)]);
    assert.deepEqual(dec(hex("0004 0008 ffffffff")), [applyActions([])]);
    // A list after an action list keeps decoding from the right place.
    assert.deepEqual(
      dec(hex("0004 0018 00000000 0016 0008 00000009 0012 0008 00000000 0001 0008 02 000000")),
      [applyActions([group(9), popVlan()]), gotoTable(2)],
    );
    assert.deepEqual(dec(hex("")), []);
  },
});

Deno.test({
  name: "v13 instructions: bad lengths are decode errors",
  permissions: "none",
  fn: () => {
    const cases: [string, string][] = [
      ["0001 0000 00000000", "Instruction length 0 is not a multiple of 8 of at least 8"],
      ["0001 0004 00000000", "Instruction length 4 is not"],
      ["0004 000c 00000000 00000000", "Instruction length 12 is not"],
      ["0001 0010 01000000 00000000 00000000", "Instruction GOTO_TABLE has length 16, expected 8"],
      [
        "0002 0010 00000000 0000000000000001",
        "Instruction WRITE_METADATA has length 16, expected 24",
      ],
      [
        "0005 0010 00000000 0000000000000000",
        "Instruction CLEAR_ACTIONS has length 16, expected 8",
      ],
      ["0006 0010 00000005 0000000000000000", "Instruction METER has length 16, expected 8"],
      ["0004 0010 00000000", "Instruction of 16 bytes runs past its list (8 bytes remain)"],
      ["0001 00", "Instruction header needs 4 bytes, 3 remain"],
      // An action inside runs past its instruction (but not past the buffer).
      ["0004 0010 00000000 0012 0010 00000000 00000000", "Action of 16 bytes runs past its list"],
      ["0004 0010 00000000 0000 0008 00000001", "Action OUTPUT has length 8, expected 16"],
    ];
    for (const [wire, text] of cases) {
      assert.throws(
        () => dec(hex(wire)),
        (e: unknown) => e instanceof OfpDecodeError && e.message.includes(text),
        `${wire}: ${text}`,
      );
    }
    assert.throws(
      () => dec(hex("0001 0008 01000000 0002 0008 00000000")),
      (e: unknown) => e instanceof OfpDecodeError && e.offset === 10 && e.path === "i[].length",
    );
    // An action's own error names the action list inside the instruction, not the instruction.
    assert.throws(
      () => dec(hex("0004 0010 00000000 0000 0008 00000001")),
      (e: unknown) =>
        e instanceof OfpDecodeError && e.offset === 10 && e.path === "i[].actions[].length",
    );
  },
});

Deno.test({
  name: "v13 instructions: bad objects are encode errors",
  permissions: "none",
  fn: () => {
    const cases: [unknown, string][] = [
      [gotoTable(256), "GOTO_TABLE tableId"],
      [gotoTable(-1), "GOTO_TABLE tableId"],
      [meter(2 ** 32), "METER meterId"],
      [writeMetadata(2n ** 64n), "64-bit"],
      [writeMetadata(1n, -1n), "64-bit"],
      [{ type: "WRITE_METADATA", metadata: 1, metadataMask: 1n }, "64-bit"],
      [applyActions([output(2 ** 32)]), "OUTPUT port"],
      [{ type: "APPLY_ACTIONS" }, "Expected an array of actions"],
      [experimenterInstruction(-1, hex("")), "EXPERIMENTER experimenter"],
      [{ type: "EXPERIMENTER", experimenter: 1, data: "x" }, "EXPERIMENTER data"],
      [{ type: "UNKNOWN", instructionType: 0x10000, data: hex("") }, "UNKNOWN instructionType"],
      [{ type: "GOTO" }, 'Unknown instruction type "GOTO"'],
      [undefined, "Expected an instruction object"],
      [applyActions(Array(8192).fill(output(1))), "does not fit the 16-bit length"],
    ];
    for (const [ins, text] of cases) {
      assert.throws(
        () => enc([ins as Of13Instruction]),
        (e: unknown) => e instanceof OfpEncodeError && e.message.includes(text) && e.path === "i",
        text,
      );
    }
    assert.throws(() => enc("x" as unknown as Of13Instruction[]), OfpEncodeError);
  },
});

Deno.test({
  name: "v13 instructions: builders, constants and names",
  permissions: "none",
  fn: () => {
    assert.deepEqual(applyActions([output(1)]), {
      type: "APPLY_ACTIONS",
      actions: [{ type: "OUTPUT", port: 1, maxLen: 0xffe5 }],
    });
    assert.deepEqual(writeActions([]), { type: "WRITE_ACTIONS", actions: [] });
    assert.deepEqual(clearActions(), { type: "CLEAR_ACTIONS" });
    assert.deepEqual(gotoTable(4), { type: "GOTO_TABLE", tableId: 4 });
    assert.deepEqual(writeMetadata(2n, 3n), {
      type: "WRITE_METADATA",
      metadata: 2n,
      metadataMask: 3n,
    });
    assert.deepEqual(meter(1), { type: "METER", meterId: 1 });
    assert.deepEqual(OFPIT, {
      GOTO_TABLE: 1,
      WRITE_METADATA: 2,
      WRITE_ACTIONS: 3,
      APPLY_ACTIONS: 4,
      CLEAR_ACTIONS: 5,
      METER: 6,
      EXPERIMENTER: 0xffff,
    });
    assert.equal(instructionTypeName(4), "APPLY_ACTIONS");
    assert.equal(instructionTypeName(0xffff), "EXPERIMENTER");
    assert.equal(instructionTypeName(0), "INSTRUCTION_0");
  },
});

/** Decodes, accepting only success or an OfpDecodeError; returns whether it decoded. */
function decodesOrDecodeError(bytes: Uint8Array): boolean {
  try {
    decodeInstructions(Reader.of(bytes), "i");
    return true;
  } catch (e) {
    if (!(e instanceof OfpDecodeError)) throw e;
    return false;
  }
}

Deno.test({
  name: "v13 instructions: truncated and corrupted lists raise only OfpDecodeError",
  permissions: "none",
  fn: async (t) => {
    const list = VECTORS.map(([, i]) => i);
    const wire = enc(list);
    const starts: number[] = [];
    for (let p = 0; p < wire.length; p += (wire[p + 2] << 8) | wire[p + 3]) starts.push(p);
    assert.equal(starts.length, list.length);

    await t.step("every prefix: the whole instructions before it, or an error", () => {
      for (let n = 0; n < wire.length; n++) {
        const k = starts.indexOf(n);
        if (k >= 0) {
          assert.deepEqual(dec(wire.subarray(0, n)), list.slice(0, k), `prefix ${n}`);
        } else {
          assert.equal(decodesOrDecodeError(wire.subarray(0, n)), false, `prefix ${n}`);
        }
      }
      assert.deepEqual(dec(wire), list);
    });

    await t.step("every length value of every instruction and of every nested action", () => {
      const lengthAt: number[] = starts.map((s) => s + 2);
      // The actions inside APPLY_ACTIONS / WRITE_ACTIONS.
      for (const s of starts) {
        const type = (wire[s] << 8) | wire[s + 1];
        if (type !== 3 && type !== 4) continue;
        const end = s + ((wire[s + 2] << 8) | wire[s + 3]);
        for (let p = s + 8; p < end; p += (wire[p + 2] << 8) | wire[p + 3]) lengthAt.push(p + 2);
      }
      assert.ok(lengthAt.length > starts.length + 3);
      const bytes = wire.slice();
      for (const at of lengthAt) {
        for (let len = 0; len <= 0xffff; len += len < 1024 ? 1 : 61) {
          bytes[at] = len >> 8;
          bytes[at + 1] = len & 0xff;
          decodesOrDecodeError(bytes);
        }
        bytes[at] = wire[at];
        bytes[at + 1] = wire[at + 1];
      }
    });

    await t.step("every byte of every instruction header", () => {
      for (const s of starts) {
        for (let k = 0; k < 8; k++) {
          for (let v = 0; v < 256; v++) {
            const bytes = wire.slice();
            bytes[s + k] = v;
            decodesOrDecodeError(bytes);
          }
        }
      }
    });

    await t.step("random bytes", () => {
      const rand = prng(0x1175);
      let ok = 0;
      for (let i = 0; i < 20000; i++) {
        const bytes = new Uint8Array(8 * randInt(rand, 8));
        for (let p = 0; p < bytes.length; p += 8) {
          bytes[p + 1] = randInt(rand, 8);
          bytes[p + 3] = randInt(rand, 3) === 0 ? randInt(rand, 256) : 8 * (1 + randInt(rand, 4));
          for (let k = 4; k < 8; k++) bytes[p + k] = randInt(rand, 256);
        }
        if (decodesOrDecodeError(bytes)) ok++;
      }
      assert.ok(ok > 1000, `only ${ok} random lists decoded`);
    });
  },
});
