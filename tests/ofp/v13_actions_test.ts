import assert from "node:assert/strict";
import { Reader } from "../../src/ofp/_reader.ts";
import { Writer } from "../../src/ofp/_writer.ts";
import { OfpDecodeError, OfpEncodeError } from "../../src/ofp/errors.ts";
import { decodeActions, encodeActions } from "../../src/ofp/v13/_actions_wire.ts";
import type { Of13Action } from "../../src/ofp/v13/action_types.ts";
import {
  actionTypeName,
  copyTtlIn,
  copyTtlOut,
  decMplsTtl,
  decNwTtl,
  experimenterAction,
  group,
  OFPAT,
  output,
  popMpls,
  popPbb,
  popVlan,
  pushMpls,
  pushPbb,
  pushVlan,
  setField,
  setMplsTtl,
  setNwTtl,
  setQueue,
} from "../../src/ofp/v13/actions.ts";
import { OFPVID_PRESENT } from "../../src/ofp/v13/oxm_fields.ts";
import { OFPCML, OFPG, OFPP, OFPQ_ALL, portName } from "../../src/ofp/v13/ports.ts";
import { prng, randInt } from "../_util/prng.ts";

const hex = (s: string): Uint8Array =>
  Uint8Array.from(s.replace(/\s+/g, "").match(/../g) ?? [], (h) => parseInt(h, 16));
const toHex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

function enc(actions: readonly Of13Action[]): Uint8Array {
  const w = new Writer(8);
  encodeActions(w, actions, "a");
  return w.finish();
}
function dec(bytes: Uint8Array): Of13Action[] {
  return decodeActions(Reader.of(bytes), "a");
}

/** Every action of OpenFlow 1.3 with its bytes, hand-computed from the spec's structs. */
const VECTORS: [string, Of13Action, string][] = [
  ["OUTPUT", output(1), "0000 0010 00000001 ffe5 000000000000"],
  [
    "OUTPUT to the controller, unbuffered",
    output(OFPP.CONTROLLER, OFPCML.NO_BUFFER),
    "0000 0010 fffffffd ffff 000000000000",
  ],
  ["COPY_TTL_OUT", copyTtlOut(), "000b 0008 00000000"],
  ["COPY_TTL_IN", copyTtlIn(), "000c 0008 00000000"],
  ["SET_MPLS_TTL", setMplsTtl(64), "000f 0008 40 000000"],
  ["DEC_MPLS_TTL", decMplsTtl(), "0010 0008 00000000"],
  ["PUSH_VLAN", pushVlan(), "0011 0008 8100 0000"],
  ["PUSH_VLAN 802.1ad", pushVlan(0x88a8), "0011 0008 88a8 0000"],
  ["POP_VLAN", popVlan(), "0012 0008 00000000"],
  ["PUSH_MPLS", pushMpls(), "0013 0008 8847 0000"],
  ["POP_MPLS", popMpls(), "0014 0008 0800 0000"],
  ["SET_QUEUE", setQueue(3), "0015 0008 00000003"],
  ["GROUP", group(7), "0016 0008 00000007"],
  ["SET_NW_TTL", setNwTtl(9), "0017 0008 09 000000"],
  ["DEC_NW_TTL", decNwTtl(), "0018 0008 00000000"],
  // 4 + 4 + 6 = 14, padded to 16.
  [
    "SET_FIELD eth_dst",
    setField("eth_dst", "00:00:00:00:00:01"),
    "0019 0010 80000606 000000000001 0000",
  ],
  // 4 + 4 + 2 = 10, padded to 16.
  [
    "SET_FIELD vlan_vid",
    setField("vlan_vid", OFPVID_PRESENT | 1),
    "0019 0010 80000c02 1001 000000000000",
  ],
  // 4 + 4 + 16 = 24: no padding.
  [
    "SET_FIELD ipv6_src",
    setField("ipv6_src", "2001:db8::1"),
    "0019 0018 80003410 20010db8000000000000000000000001",
  ],
  // 4 + 4 + 8 = 16: no padding.
  ["SET_FIELD tunnel_id", setField("tunnel_id", 5n), "0019 0010 80004c08 0000000000000005"],
  [
    "SET_FIELD ipv4_dst",
    setField({ field: "ipv4_dst", value: "10.1.2.3" }),
    "0019 0010 80001804 0a010203 00000000",
  ],
  // Open vSwitch's set_field:5->reg0: an NXM_1 OXM inside SET_FIELD.
  [
    "SET_FIELD with a Nicira register",
    setField({
      field: "UNKNOWN",
      oxmClass: 1,
      oxmField: 0,
      hasMask: false,
      value: hex("00000005"),
    }),
    "0019 0010 00010004 00000005 00000000",
  ],
  ["PUSH_PBB", pushPbb(), "001a 0008 88e7 0000"],
  ["POP_PBB", popPbb(), "001b 0008 00000000"],
  // Nicira NXAST_RESUBMIT to port 5 (subtype 1, in_port, padding).
  [
    "EXPERIMENTER (Nicira resubmit)",
    experimenterAction(0x2320, hex("0001 0005 00000000")),
    "ffff 0010 00002320 0001 0005 00000000",
  ],
  ["EXPERIMENTER without a body", experimenterAction(0x00abcdef, hex("")), "ffff 0008 00abcdef"],
  // OpenFlow 1.1's SET_VLAN_VID (type 1) is not a 1.3 action: kept as bytes.
  [
    "UNKNOWN",
    { type: "UNKNOWN", actionType: 1, data: hex("000a0000") },
    "0001 0008 000a0000",
  ],
  [
    "UNKNOWN, long",
    { type: "UNKNOWN", actionType: 0xfffe, data: hex("0102030405060708090a0b0c") },
    "fffe 0010 0102030405060708090a0b0c",
  ],
];

Deno.test({
  name: "v13 actions: every action encodes to the spec's bytes and decodes back",
  permissions: "none",
  fn: async (t) => {
    for (const [name, action, wire] of VECTORS) {
      await t.step(name, () => {
        assert.equal(toHex(enc([action])), wire.replace(/ /g, ""));
        assert.deepEqual(dec(hex(wire)), [action]);
      });
    }
    await t.step("all of them in one list", () => {
      const list = VECTORS.map(([, a]) => a);
      const wire = enc(list);
      assert.equal(toHex(wire), VECTORS.map(([, , w]) => w.replace(/ /g, "")).join(""));
      assert.deepEqual(dec(wire), list);
    });
    await t.step("every standard type is covered", () => {
      const covered = new Set(VECTORS.map(([, a]) => a.type));
      for (const name of Object.keys(OFPAT)) assert.ok(covered.has(name as never), name);
    });
  },
});

Deno.test({
  name: "v13 actions: SET_FIELD round-trips every OXM field",
  permissions: "none",
  fn: () => {
    const list: Of13Action[] = [
      setField("in_port", 1),
      setField("in_phy_port", 2),
      setField("metadata", 0xfedcba9876543210n),
      setField("eth_dst", "01:02:03:04:05:06"),
      setField("eth_src", "0a:0b:0c:0d:0e:0f"),
      setField("eth_type", 0x8100),
      setField("vlan_vid", 0x1fff),
      setField("vlan_pcp", 7),
      setField("ip_dscp", 63),
      setField("ip_ecn", 3),
      setField("ip_proto", 17),
      setField("ipv4_src", "1.2.3.4"),
      setField("ipv4_dst", "5.6.7.8"),
      setField("tcp_src", 1),
      setField("tcp_dst", 2),
      setField("udp_src", 3),
      setField("udp_dst", 4),
      setField("sctp_src", 5),
      setField("sctp_dst", 6),
      setField("icmpv4_type", 3),
      setField("icmpv4_code", 1),
      setField("arp_op", 2),
      setField("arp_spa", "10.0.0.1"),
      setField("arp_tpa", "10.0.0.2"),
      setField("arp_sha", "00:00:00:00:00:0a"),
      setField("arp_tha", "00:00:00:00:00:0b"),
      setField("ipv6_src", "fe80::1"),
      setField("ipv6_dst", "ff02::1:ff00:1"),
      setField("ipv6_flabel", 0xfffff),
      setField("icmpv6_type", 136),
      setField("icmpv6_code", 0),
      setField("ipv6_nd_target", "2001:db8::2"),
      setField("ipv6_nd_sll", "00:00:00:00:00:0c"),
      setField("ipv6_nd_tll", "00:00:00:00:00:0d"),
      setField("mpls_label", 1000),
      setField("mpls_tc", 4),
      setField("mpls_bos", 0),
      setField("pbb_isid", 0xffffff),
      setField("tunnel_id", 1n),
      setField("ipv6_exthdr", 0x1ff),
      // A masked set-field is not 1.3, but a test may still send one.
      setField({ field: "eth_dst", value: "01:00:00:00:00:00", mask: "01:00:00:00:00:00" }),
    ];
    const wire = enc(list);
    assert.deepEqual(dec(wire), list);
    // Each action is the smallest multiple of 8 holding the 4-byte header and the OXM.
    let p = 0;
    for (const a of list) {
      const len = (wire[p + 2] << 8) | wire[p + 3];
      const oxmLen = 4 + wire[p + 7];
      assert.equal(
        len,
        Math.ceil((4 + oxmLen) / 8) * 8,
        JSON.stringify(a, (_, v) => typeof v === "bigint" ? String(v) : v),
      );
      for (let k = p + 4 + oxmLen; k < p + len; k++) assert.equal(wire[k], 0, "zero padding");
      p += len;
    }
    assert.equal(p, wire.length);
  },
});

Deno.test({
  name: "v13 actions: experimenter and unknown bodies are padded on encode and views on decode",
  permissions: "none",
  fn: () => {
    // A body that is not a multiple of 8 gets zero padding (and decodes with it).
    assert.equal(
      toHex(enc([experimenterAction(0x2320, hex("0102"))])),
      "ffff0010000023200102000000000000",
    );
    assert.equal(
      toHex(enc([{ type: "UNKNOWN", actionType: 9, data: hex("") }])),
      "0009000800000000",
    );
    const frame = hex("ffff 0010 00002320 0001 0005 00000000");
    const [a] = dec(frame) as [Extract<Of13Action, { type: "EXPERIMENTER" }>];
    assert.equal(a.data.buffer, frame.buffer, "no copy");
    assert.equal(a.data.byteOffset, 8);
    // Padding bytes of a standard action are ignored on decode.
    assert.deepEqual(dec(hex("0000 0010 00000002 0080 ffffffffffff")), [output(2, 128)]);
    assert.deepEqual(dec(hex("0019 0010 80000c02 1001 ffffffffffff")), [
      setField("vlan_vid", 0x1001),
    ]);
    // The empty list.
    assert.deepEqual(dec(hex("")), []);
    assert.equal(enc([]).length, 0);
  },
});

Deno.test({
  name: "v13 actions: bad lengths are decode errors",
  permissions: "none",
  fn: () => {
    const cases: [string, string][] = [
      ["0000 0000 00000000", "Action length 0 is not a multiple of 8 of at least 8"],
      ["0000 0004 00000000", "Action length 4 is not"],
      ["0012 000c 00000000 00000000", "Action length 12 is not"],
      ["0000 0008 00000001", "Action OUTPUT has length 8, expected 16"],
      [
        "0000 0018 00000001 ffe5 000000000000 0000000000000000",
        "Action OUTPUT has length 24, expected 16",
      ],
      ["0012 0010 00000000 0000000000000000", "Action POP_VLAN has length 16, expected 8"],
      ["0016 0010 00000007 0000000000000000", "Action GROUP has length 16, expected 8"],
      ["0000 0010 00000001", "Action of 16 bytes runs past its list (8 bytes remain)"],
      ["0012 00", "Action header needs 4 bytes, 3 remain"],
      ["0012 0008 00000000 0012", "Action header needs 4 bytes, 2 remain"],
      ["0012 0008 00000000 0012 0008", "runs past its list (4 bytes remain)"],
      // The OXM claims 8 bytes of payload; the action leaves room for 4.
      [
        "0019 0010 80000009 00000001 00000000",
        "OXM payload of 9 bytes runs past the enclosing match or action (8 bytes remain)",
      ],
      ["0019 0008 80000004", "runs past the enclosing match or action (0 bytes remain)"],
      ["0019 0010 80000002 0001 000000000000", "OXM in_port payload is 2 bytes, expected 4"],
    ];
    for (const [wire, text] of cases) {
      assert.throws(
        () => dec(hex(wire)),
        (e: unknown) => e instanceof OfpDecodeError && e.message.includes(text),
        `${wire}: ${text}`,
      );
    }
    // The offset points at the length field of the second action.
    assert.throws(
      () => dec(hex("0012 0008 00000000 0012 0009 00000000")),
      (e: unknown) => e instanceof OfpDecodeError && e.offset === 10 && e.path === "a[].length",
    );
  },
});

Deno.test({
  name: "v13 actions: bad objects are encode errors",
  permissions: "none",
  fn: () => {
    const cases: [unknown, string][] = [
      [output(2 ** 32), "OUTPUT port"],
      [output(1, 0x10000), "OUTPUT maxLen"],
      [output(-1), "OUTPUT port"],
      [setMplsTtl(256), "SET_MPLS_TTL mplsTtl"],
      [setNwTtl(1.5), "SET_NW_TTL nwTtl"],
      [pushVlan(0x10000), "PUSH_VLAN ethertype"],
      [popMpls(-1), "POP_MPLS ethertype"],
      [setQueue(2 ** 32), "SET_QUEUE queueId"],
      [group("1" as unknown as number), "GROUP groupId"],
      [setField({ field: "eth_dst", value: "nope" }), "OXM eth_dst value"],
      [experimenterAction(2 ** 32, hex("")), "EXPERIMENTER experimenter"],
      [{ type: "EXPERIMENTER", experimenter: 1, data: [1, 2] }, "EXPERIMENTER data"],
      [{ type: "UNKNOWN", actionType: 0x10000, data: hex("") }, "UNKNOWN actionType"],
      [{ type: "SET_VLAN_VID", vlanVid: 1 }, 'Unknown action type "SET_VLAN_VID"'],
      [null, "Expected an action object"],
      [experimenterAction(1, new Uint8Array(0xfff8)), "does not fit the 16-bit length"],
    ];
    for (const [action, text] of cases) {
      assert.throws(
        () => enc([action as Of13Action]),
        (e: unknown) => e instanceof OfpEncodeError && e.message.includes(text) && e.path === "a",
        text,
      );
    }
    assert.throws(() => enc({} as Of13Action[]), OfpEncodeError);
  },
});

Deno.test({
  name: "v13 actions: builders, constants and names",
  permissions: "none",
  fn: () => {
    assert.deepEqual(output(3), { type: "OUTPUT", port: 3, maxLen: 0xffe5 });
    assert.deepEqual(setField("eth_src", "00:00:00:00:00:01"), {
      type: "SET_FIELD",
      field: { field: "eth_src", value: "00:00:00:00:00:01" },
    });
    assert.throws(() => setField("nope" as "in_port", 1), OfpEncodeError);
    assert.deepEqual(pushVlan(), { type: "PUSH_VLAN", ethertype: 0x8100 });
    assert.deepEqual(pushMpls(0x8848), { type: "PUSH_MPLS", ethertype: 0x8848 });
    assert.deepEqual(popMpls(), { type: "POP_MPLS", ethertype: 0x0800 });
    assert.deepEqual(pushPbb(), { type: "PUSH_PBB", ethertype: 0x88e7 });
    assert.equal(actionTypeName(0), "OUTPUT");
    assert.equal(actionTypeName(25), "SET_FIELD");
    assert.equal(actionTypeName(0xffff), "EXPERIMENTER");
    assert.equal(actionTypeName(1), "ACTION_1");
    assert.deepEqual(OFPAT, {
      OUTPUT: 0,
      COPY_TTL_OUT: 11,
      COPY_TTL_IN: 12,
      SET_MPLS_TTL: 15,
      DEC_MPLS_TTL: 16,
      PUSH_VLAN: 17,
      POP_VLAN: 18,
      PUSH_MPLS: 19,
      POP_MPLS: 20,
      SET_QUEUE: 21,
      GROUP: 22,
      SET_NW_TTL: 23,
      DEC_NW_TTL: 24,
      SET_FIELD: 25,
      PUSH_PBB: 26,
      POP_PBB: 27,
      EXPERIMENTER: 0xffff,
    });
    assert.deepEqual(
      [
        OFPP.MAX,
        OFPP.IN_PORT,
        OFPP.TABLE,
        OFPP.NORMAL,
        OFPP.FLOOD,
        OFPP.ALL,
        OFPP.CONTROLLER,
        OFPP.LOCAL,
        OFPP.ANY,
      ],
      [
        0xffffff00,
        0xfffffff8,
        0xfffffff9,
        0xfffffffa,
        0xfffffffb,
        0xfffffffc,
        0xfffffffd,
        0xfffffffe,
        0xffffffff,
      ],
    );
    assert.deepEqual(OFPCML, { MAX: 0xffe5, NO_BUFFER: 0xffff });
    assert.deepEqual(OFPG, { MAX: 0xffffff00, ALL: 0xfffffffc, ANY: 0xffffffff });
    assert.equal(OFPQ_ALL, 0xffffffff);
    assert.equal(portName(OFPP.LOCAL), "LOCAL");
    assert.equal(portName(OFPP.IN_PORT), "IN_PORT");
    assert.equal(portName(OFPP.MAX), String(0xffffff00));
    assert.equal(portName(7), "7");
  },
});

/** Decodes, accepting only success or an OfpDecodeError; returns whether it decoded. */
function decodesOrDecodeError(bytes: Uint8Array): boolean {
  try {
    dec(bytes);
    return true;
  } catch (e) {
    if (!(e instanceof OfpDecodeError)) throw e;
    return false;
  }
}

Deno.test({
  name: "v13 actions: truncated and corrupted lists raise only OfpDecodeError",
  permissions: "none",
  fn: async (t) => {
    const list = VECTORS.map(([, a]) => a);
    const wire = enc(list);
    const starts: number[] = [];
    for (let p = 0; p < wire.length; p += (wire[p + 2] << 8) | wire[p + 3]) starts.push(p);
    assert.equal(starts.length, list.length);

    await t.step("every prefix: the whole actions before it, or an error", () => {
      for (let n = 0; n <= wire.length; n++) {
        const k = starts.indexOf(n);
        if (n === wire.length) {
          assert.deepEqual(dec(wire.subarray(0, n)), list);
        } else if (k >= 0) {
          assert.deepEqual(dec(wire.subarray(0, n)), list.slice(0, k), `prefix ${n}`);
        } else {
          assert.equal(decodesOrDecodeError(wire.subarray(0, n)), false, `prefix ${n}`);
        }
      }
    });

    await t.step("every 16-bit length value of every action", () => {
      const bytes = wire.slice();
      for (const s of starts) {
        for (let len = 0; len <= 0xffff; len += len < 512 ? 1 : 97) {
          bytes[s + 2] = len >> 8;
          bytes[s + 3] = len & 0xff;
          decodesOrDecodeError(bytes);
        }
        bytes[s + 2] = wire[s + 2];
        bytes[s + 3] = wire[s + 3];
      }
    });

    await t.step("every byte of every action header and SET_FIELD OXM header", () => {
      for (const s of starts) {
        const span = wire[s + 1] === 0x19 ? 8 : 4;
        for (let k = 0; k < span; k++) {
          for (let v = 0; v < 256; v++) {
            const bytes = wire.slice();
            bytes[s + k] = v;
            decodesOrDecodeError(bytes);
          }
        }
      }
    });

    await t.step("random bytes", () => {
      const rand = prng(0xac7);
      let ok = 0;
      for (let i = 0; i < 20000; i++) {
        const bytes = new Uint8Array(8 * randInt(rand, 6));
        for (let p = 0; p < bytes.length; p += 8) {
          bytes[p] = randInt(rand, 4) === 0 ? 0xff : 0;
          bytes[p + 1] = randInt(rand, 30);
          bytes[p + 3] = randInt(rand, 3) === 0 ? randInt(rand, 256) : 8 * (1 + randInt(rand, 3));
          for (let k = 4; k < 8; k++) bytes[p + k] = randInt(rand, 256);
        }
        if (decodesOrDecodeError(bytes)) ok++;
      }
      assert.ok(ok > 1000, `only ${ok} random lists decoded`);
    });
  },
});
