// OpenFlow 1.0 actions (1.0.0 §5.2.4): the modify actions each rewrite their field (with the
// checksums right), the VLAN actions add, change and strip the tag, ENQUEUE is checked against
// the port's queues, and bad actions are refused with their code.
import { of10 } from "../../src/ofp/mod.ts";
import type { Of10Action } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { arp, tcp4, udp4 } from "../_frames.ts";
import { expectRewrite, flow, to } from "./_util.ts";
import assert from "node:assert/strict";

const group = "actions";
const opts = { version: 1, group, ports: 2 } as const;
const IP = { dlType: 0x0800 }, TCP = { ...IP, nwProto: 6 }, UDP = { ...IP, nwProto: 17 };
const vlan = (vid: number, pcp = 0) => [{ type: "vlan" as const, vid, pcp }];
const { BAD_ACTION } = of10.OFPET;

switchTest("set_vlan_vid on a tagged frame keeps the priority", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4({ vlans: vlan(10, 5) }),
    {},
    [of10.setVlanVid(999)],
    tcp4({ vlans: vlan(999, 5) }),
  );
});

switchTest("set_vlan_vid on an untagged frame adds a tag of priority 0", opts, async (t) => {
  await expectRewrite(t, tcp4(), {}, [of10.setVlanVid(123)], tcp4({ vlans: vlan(123) }));
});

switchTest("set_vlan_pcp on a tagged frame keeps the VLAN id", opts, async (t) => {
  await expectRewrite(
    t,
    udp4({ vlans: vlan(10, 1) }),
    {},
    [of10.setVlanPcp(7)],
    udp4({ vlans: vlan(10, 7) }),
  );
});

switchTest("set_vlan_pcp on an untagged frame adds a tag of VLAN id 0", opts, async (t) => {
  await expectRewrite(t, udp4(), {}, [of10.setVlanPcp(3)], udp4({ vlans: vlan(0, 3) }));
});

switchTest("strip_vlan removes the tag", opts, async (t) => {
  await expectRewrite(t, tcp4({ vlans: vlan(10, 5) }), {}, [of10.stripVlan()], tcp4());
});

switchTest("strip_vlan of an untagged frame leaves it as it is", opts, async (t) => {
  await expectRewrite(t, arp(), {}, [of10.stripVlan()], arp());
});

switchTest("set_dl_src", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4(),
    {},
    [of10.setDlSrc("02:11:22:33:44:55")],
    tcp4({ eth: { src: "02:11:22:33:44:55" } }),
  );
});

switchTest("set_dl_dst", opts, async (t) => {
  await expectRewrite(
    t,
    arp(),
    {},
    [of10.setDlDst("02:66:77:88:99:aa")],
    arp({ eth: { dst: "02:66:77:88:99:aa" } }),
  );
});

switchTest("set_nw_src, with the IP and TCP checksums updated", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4(),
    IP,
    [of10.setNwSrc("10.20.30.40")],
    tcp4({ ip: { src: "10.20.30.40" } }),
  );
});

switchTest("set_nw_dst, with the IP and UDP checksums updated", opts, async (t) => {
  await expectRewrite(
    t,
    udp4(),
    IP,
    [of10.setNwDst("10.9.8.7")],
    udp4({ ip: { dst: "10.9.8.7" } }),
  );
});

switchTest("set_nw_tos sets the DSCP bits and keeps ECN", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4({ ip: { ecn: 2 } }),
    IP,
    [of10.setNwTos(46 << 2)],
    tcp4({ ip: { dscp: 46, ecn: 2 } }),
  );
});

switchTest("set_tp_src of TCP", opts, async (t) => {
  await expectRewrite(t, tcp4(), TCP, [of10.setTpSrc(4000)], tcp4({ tcp: { srcPort: 4000 } }));
});

switchTest("set_tp_dst of TCP", opts, async (t) => {
  await expectRewrite(t, tcp4(), TCP, [of10.setTpDst(8080)], tcp4({ tcp: { dstPort: 8080 } }));
});

switchTest("set_tp_src and set_tp_dst of UDP", opts, async (t) => {
  await expectRewrite(
    t,
    udp4(),
    UDP,
    [of10.setTpSrc(5000), of10.setTpDst(5001)],
    udp4({ udp: { srcPort: 5000, dstPort: 5001 } }),
  );
});

switchTest("every modify action at once", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4({ vlans: vlan(1) }),
    TCP,
    [
      of10.setVlanVid(2),
      of10.setVlanPcp(4),
      of10.setDlSrc("02:00:00:00:00:01"),
      of10.setDlDst("02:00:00:00:00:02"),
      of10.setNwSrc("1.1.1.1"),
      of10.setNwDst("2.2.2.2"),
      of10.setNwTos(8 << 2),
      of10.setTpSrc(11),
      of10.setTpDst(22),
    ],
    tcp4({
      vlans: vlan(2, 4),
      eth: { src: "02:00:00:00:00:01", dst: "02:00:00:00:00:02" },
      ip: { src: "1.1.1.1", dst: "2.2.2.2", dscp: 8 },
      tcp: { srcPort: 11, dstPort: 22 },
    }),
  );
});

switchTest("actions run in order: output, modify, output", { ...opts, ports: 3 }, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    flow({ inPort: a, ...IP }, [of10.output(b), of10.setNwDst("10.0.0.1"), of10.output(c)]),
  );
  await t.send(a, tcp4());
  await t.verifyPacket(tcp4(), b);
  await t.verifyPacket(tcp4({ ip: { dst: "10.0.0.1" } }), c);
  await t.verifyNoOtherPackets();
});

switchTest(
  "enqueue: to a queue the port has, or refused with OFPBAC_BAD_QUEUE",
  opts,
  async (t) => {
    const [a, b] = t.ports;
    const reply = await t.conn.transact(of10.queueGetConfigRequest(b));
    assert.equal(reply.type, "QUEUE_GET_CONFIG_REPLY");
    const [queue] = (reply as { queues: { queueId: number }[] }).queues;
    const mod = flow({ inPort: a }, [of10.enqueue(b, queue?.queueId ?? 0)]);
    const xid = t.conn.send(mod)!;
    await t.conn.barrier();
    const err = await t.conn.poll((m) => m.type === "ERROR" && m.xid === xid, { timeout: 0 });
    if (err && err.type === "ERROR") {
      // A port without queues: the switch may refuse the queue it does not have.
      assert.equal(queue, undefined, "a queue the port has is refused");
      assert.deepEqual([err.errType, err.code], [BAD_ACTION, of10.OFPBAC.BAD_QUEUE]);
      return;
    }
    const [entry] = await t.flowStats();
    assert.deepEqual(
      entry.actions,
      [of10.enqueue(b, queue?.queueId ?? 0)],
      "the entry keeps the action",
    );
    await t.send(a, tcp4());
    if (queue) await t.verifyPackets(tcp4(), [b]);
    else await t.verifyNoPacket(a); // no queue 0: wherever else it goes, not back out
  },
);

switchTest("set_vlan_vid above 4095: OFPBAC_BAD_ARGUMENT", opts, async (t) => {
  await t.verifyError(flow({}, [of10.setVlanVid(0x1000), ...to(t.ports[0])]), {
    type: BAD_ACTION,
    code: of10.OFPBAC.BAD_ARGUMENT,
  });
});

switchTest("set_vlan_pcp above 7: OFPBAC_BAD_ARGUMENT", opts, async (t) => {
  await t.verifyError(flow({}, [of10.setVlanPcp(8), ...to(t.ports[0])]), {
    type: BAD_ACTION,
    code: of10.OFPBAC.BAD_ARGUMENT,
  });
});

switchTest("an unknown action type: OFPBAC_BAD_TYPE", opts, async (t) => {
  const action: Of10Action = { type: "UNKNOWN", actionType: 0x55, data: new Uint8Array(4) };
  await t.verifyError(flow({}, [action]), { type: BAD_ACTION, code: of10.OFPBAC.BAD_TYPE });
});

switchTest("an OUTPUT action of 16 bytes instead of 8: OFPBAC_BAD_LEN", opts, async (t) => {
  const action: Of10Action = {
    type: "UNKNOWN",
    actionType: of10.OFPAT.OUTPUT,
    data: new Uint8Array(12),
  };
  await t.verifyError(flow({}, [action]), { type: BAD_ACTION, code: of10.OFPBAC.BAD_LEN });
});

switchTest("a vendor action of an unknown vendor: OFPBAC_BAD_VENDOR", opts, async (t) => {
  await t.verifyError(flow({}, [of10.vendorAction(0x00fe_dcba, new Uint8Array(8))]), {
    type: BAD_ACTION,
    code: of10.OFPBAC.BAD_VENDOR,
  });
});

switchTest("output to port 0, which can never be valid: OFPBAC_BAD_OUT_PORT", {
  ...opts,
  xfail: {
    ovs:
      "Open vSwitch accepts an output to port 0; physical ports are numbered from 1 (1.0.0 §3.1, Table 3) and an action naming a port that can never be valid must be refused with OFPBAC_BAD_OUT_PORT (§4.6)",
  },
}, async (t) => {
  await t.verifyError(flow({}, to(0)), { type: BAD_ACTION, code: of10.OFPBAC.BAD_OUT_PORT });
});

switchTest("output to OFPP_NONE: OFPBAC_BAD_OUT_PORT", opts, async (t) => {
  await t.verifyError(flow({}, to(of10.OFPP.NONE)), {
    type: BAD_ACTION,
    code: of10.OFPBAC.BAD_OUT_PORT,
  });
});
