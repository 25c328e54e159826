// Byte vectors computed by hand from the OpenFlow 1.3.5 spec for the parts Open vSwitch
// cannot cross-check (it does not implement them), and for the hot messages.
import assert from "node:assert/strict";
import { decode, encode, of13, type OfpMessage } from "../../src/ofp/mod.ts";
import type { Of13Action, OxmTlv } from "../../src/ofp/mod.ts";

const hex = (s: string) =>
  Uint8Array.from(s.replace(/\s+/g, "").match(/../g)!.map((h) => parseInt(h, 16)));

/** The bytes of `action` inside a PACKET_OUT (header 8 + fixed 16, actions follow). */
function actionBytes(action: Of13Action): Uint8Array {
  const bytes = encode(of13.packetOut({ actions: [action] }));
  return bytes.subarray(24);
}

Deno.test({
  name: "vectors: OpenFlow 1.3 actions Open vSwitch lacks",
  permissions: "none",
  fn: () => {
    const cases: [Of13Action, string][] = [
      [{ type: "COPY_TTL_OUT" }, "000b 0008 00000000"],
      [{ type: "COPY_TTL_IN" }, "000c 0008 00000000"],
      [{ type: "PUSH_PBB", ethertype: 0x88e7 }, "001a 0008 88e7 0000"],
      [{ type: "POP_PBB" }, "001b 0008 00000000"],
      [of13.output(of13.OFPP.CONTROLLER, 0xffff), "0000 0010 fffffffd ffff 000000000000"],
    ];
    for (const [action, want] of cases) {
      assert.deepEqual(actionBytes(action), hex(want), action.type);
      const back = decode(encode(of13.packetOut({ actions: [action] }))) as Extract<
        OfpMessage,
        { type: "PACKET_OUT" }
      >;
      assert.deepEqual(back.actions, [action]);
    }
  },
});

Deno.test({
  name: "vectors: OXM fields Open vSwitch lacks, in a SET_FIELD action",
  permissions: "none",
  fn: () => {
    const cases: [OxmTlv, string][] = [
      // class 0x8000, field 1 << 1 | hasmask, length; then value; then padding to 8.
      [{ field: "in_phy_port", value: 2 }, "0019 0010 80000204 00000002 00000000"],
      [{ field: "pbb_isid", value: 0x123456 }, "0019 0010 80004a03 123456 00000000 00"],
      [
        { field: "pbb_isid", value: 0x123400, mask: 0xffff00 },
        "0019 0010 80004b06 123400 ffff00 0000",
      ],
      [{ field: "ipv6_exthdr", value: 4 }, "0019 0010 80004e02 0004 0000000000 00"],
      [{ field: "ipv6_exthdr", value: 4, mask: 0x1ff }, "0019 0010 80004f04 0004 01ff 000000 00"],
      [
        { field: "metadata", value: 1n, mask: 0xffn },
        "0019 0018 80000510 0000000000000001 00000000000000ff",
      ],
      [
        { field: "ipv6_src", value: "2001:db8::1" },
        "0019 0018 80003410 20010db8000000000000000000000001",
      ],
    ];
    for (const [tlv, want] of cases) {
      assert.deepEqual(actionBytes(of13.setField(tlv)), hex(want), tlv.field);
    }
  },
});

Deno.test({
  name: "vectors: an OpenFlow 1.3 packet-in and flow-mod, field by field",
  permissions: "none",
  fn: () => {
    const packetIn = hex(
      "04 0a 002c 00000007" + // header: PACKET_IN, 44 bytes, xid 7
        "ffffffff 003c 01 01 0000000000000009" + // buffer, total_len 60, reason ACTION, table 1, cookie 9
        "0001 000c 80000004 00000003 00000000" + // match: OXM in_port=3, padded to 16
        "0000" + "aabb", // pad, then 2 bytes of frame
    );
    assert.deepEqual(decode(packetIn), {
      version: 4,
      type: "PACKET_IN",
      xid: 7,
      bufferId: 0xffffffff,
      totalLen: 60,
      reason: 1,
      tableId: 1,
      cookie: 9n,
      match: [{ field: "in_port", value: 3 }],
      data: hex("aabb"),
    });
    const flowMod = of13.flowMod({
      xid: 1,
      priority: 10,
      match: of13.match({ eth_type: 0x0800 }),
      instructions: [of13.gotoTable(2)],
    });
    assert.deepEqual(
      encode(flowMod),
      hex(
        "04 0e 0048 00000001" +
          "0000000000000000 0000000000000000 00 00 0000 0000 000a ffffffff ffffffff ffffffff 0000 0000" +
          "0001 000a 80000a02 0800 000000000000" + // match eth_type=0x0800, padded
          "0001 0008 02 000000", // GOTO_TABLE 2
      ),
    );
  },
});
