// The OpenFlow 1.3 pipeline (1.3.5 §5.1–§5.10): goto-table, write-metadata, the action set
// (write-actions, clear-actions, one action per type, its fixed execution order), apply-actions
// in list order, table-miss in a later table, TABLE_MOD, and the instruction errors.
import { of13 } from "../../src/ofp/mod.ts";
import type { MatchSpec, Of13Instruction } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { tcp4, tcp6, udp4 } from "../_frames.ts";
import { flow, to } from "./_util.ts";

const group = "pipeline";
const opts = { version: 4, group, ports: 3 } as const;
const VID = of13.OFPVID_PRESENT;

function entry(match: MatchSpec, instructions: Of13Instruction[], tableId = 0, priority = 100) {
  return of13.flowMod({ match: of13.match(match), instructions, tableId, priority });
}

switchTest("goto_table continues in the next table", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    entry({ in_port: a }, [of13.gotoTable(1)]),
    flow({ eth_type: 0x0800 }, to(b), { tableId: 1 }),
    flow({ eth_type: 0x86dd }, to(c), { tableId: 1 }),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
  await t.send(a, tcp6());
  await t.verifyPackets(tcp6(), [c]);
});

switchTest("goto_table can skip tables", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    entry({ in_port: a }, [of13.gotoTable(4)]),
    flow({}, to(c), { tableId: 1 }),
    entry({}, [of13.gotoTable(9)], 4),
    flow({}, to(b), { tableId: 9 }),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});

switchTest(
  "apply_actions then goto_table: the next table sees the modified frame",
  opts,
  async (t) => {
    const [a, b] = t.ports;
    await t.install(
      entry({ in_port: a, eth_type: 0x0800 }, [
        of13.applyActions([of13.setField("ipv4_dst", "10.0.0.7")]),
        of13.gotoTable(1),
      ]),
      flow({ eth_type: 0x0800, ipv4_dst: "10.0.0.7" }, to(b), { tableId: 1 }),
    );
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4({ ip: { dst: "10.0.0.7" } }), [b]);
  },
);

switchTest("write_metadata with masks: each write changes only its bits", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    entry({ in_port: a }, [of13.writeMetadata(0xab00n, 0xff00n), of13.gotoTable(1)]),
    entry({}, [of13.writeMetadata(0x00cdn, 0x00ffn), of13.gotoTable(2)], 1),
    flow({ metadata: 0xabcdn }, to(b), { tableId: 2, priority: 10 }),
    flow({}, to(c), { tableId: 2, priority: 1 }),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("write_actions run when the pipeline ends", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    entry({ in_port: a }, [of13.writeActions(to(b)), of13.gotoTable(1)]),
    entry({}, [], 1),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("a later write_actions of the same type replaces the earlier one", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    entry({ in_port: a }, [of13.writeActions(to(b)), of13.gotoTable(1)]),
    entry({}, [of13.writeActions(to(c))], 1),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [c]);
});

switchTest("clear_actions empties the action set", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    entry({ in_port: a }, [of13.writeActions(to(b)), of13.gotoTable(1)]),
    entry({ eth_type: 0x0800 }, [of13.clearActions()], 1),
    entry({}, [], 1, 1),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), []);
  await t.send(a, tcp6());
  await t.verifyPackets(tcp6(), [b]);
});

switchTest("clear_actions and write_actions in one entry: the new set is kept", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    entry({ in_port: a }, [of13.writeActions(to(b)), of13.gotoTable(1)]),
    entry({}, [of13.clearActions(), of13.writeActions(to(c))], 1),
  );
  await t.send(a, udp4());
  await t.verifyPackets(udp4(), [c]);
});

switchTest("a table miss in a later table drops the frame and its action set", {
  ...opts,
  xfail: {
    ovs:
      "Open vSwitch executes the accumulated action set when a later table misses and has no table-miss entry; 1.3.5 §5.4 drops packets that match no entry in that case",
  },
}, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    entry({ in_port: a }, [of13.writeActions(to(b)), of13.gotoTable(1)]),
    flow({ eth_type: 0x86dd }, to(b), { tableId: 1 }),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), []);
  await t.verifyNoPacketIn();
});

switchTest(
  "the action set applies set-field before output, whatever the written order",
  opts,
  async (t) => {
    const [a, b] = t.ports;
    await t.install(entry({ in_port: a, eth_type: 0x0800 }, [
      of13.writeActions([of13.output(b), of13.setField("ipv4_src", "10.1.1.1")]),
    ]));
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4({ ip: { src: "10.1.1.1" } }), [b]);
  },
);

switchTest("the action set pushes a VLAN tag before it sets vlan_vid", opts, async (t) => {
  const [a, b] = t.ports;
  // Written set-field first, push second: executed push first, so the new outer tag gets 50
  // and the inner one keeps 10 (in list order the inner tag would be rewritten instead).
  await t.install(entry({ in_port: a, vlan_vid: VID | 10 }, [
    of13.writeActions([of13.setField("vlan_vid", VID | 50), of13.pushVlan(), of13.output(b)]),
  ]));
  await t.send(a, tcp4({ vlans: [{ type: "vlan", vid: 10 }] }));
  await t.verifyPackets(
    tcp4({ vlans: [{ type: "vlan", vid: 50 }, { type: "vlan", vid: 10 }] }),
    [b],
  );
});

switchTest("the action set decrements the TTL before it outputs", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(entry({ in_port: a, eth_type: 0x0800 }, [
    of13.writeActions([of13.output(b), of13.decNwTtl()]),
  ]));
  await t.send(a, tcp4({ ip: { ttl: 20 } }));
  await t.verifyPackets(tcp4({ ip: { ttl: 19 } }), [b]);
});

switchTest("apply_actions run in list order: output, set-field, output", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(flow({ in_port: a, eth_type: 0x0800 }, [
    of13.output(b),
    of13.setField("ipv4_dst", "10.9.9.9"),
    of13.output(c),
  ]));
  await t.send(a, tcp4());
  await t.verifyPacket(tcp4(), b);
  await t.verifyPacket(tcp4({ ip: { dst: "10.9.9.9" } }), c);
  await t.verifyNoOtherPackets();
});

switchTest(
  "apply_actions then write_actions: the action set sees the applied change",
  opts,
  async (t) => {
    const [a, b, c] = t.ports;
    await t.install(entry({ in_port: a }, [
      of13.applyActions([of13.setField("eth_dst", "02:00:00:00:00:99"), of13.output(b)]),
      of13.writeActions(to(c)),
    ]));
    await t.send(a, tcp4());
    const out = tcp4({ eth: { dst: "02:00:00:00:00:99" } });
    await t.verifyPackets(out, [b, c]);
  },
);

switchTest("goto_table to the same table: OFPBIC_BAD_TABLE_ID", opts, async (t) => {
  await t.verifyError(
    entry({}, [of13.gotoTable(2)], 2),
    { type: of13.OFPET.BAD_INSTRUCTION, code: of13.OFPBIC.BAD_TABLE_ID },
  );
});

switchTest("goto_table to an earlier table: OFPBIC_BAD_TABLE_ID", opts, async (t) => {
  await t.verifyError(
    entry({}, [of13.gotoTable(1)], 3),
    { type: of13.OFPET.BAD_INSTRUCTION, code: of13.OFPBIC.BAD_TABLE_ID },
  );
});

switchTest("an unknown instruction type: OFPBIC_UNKNOWN_INST", opts, async (t) => {
  const mod = entry({}, [
    {
      type: "UNKNOWN",
      instructionType: 0x77,
      data: new Uint8Array(4),
    } as unknown as Of13Instruction,
  ]);
  await t.verifyError(mod, { type: of13.OFPET.BAD_INSTRUCTION, code: of13.OFPBIC.UNKNOWN_INST });
});

switchTest("TABLE_MOD of an existing table is accepted", opts, async (t) => {
  await t.install(of13.tableMod(0, 0), of13.tableMod(of13.OFPTT.ALL, 0));
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, to(b)));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});
