// OpenFlow 1.3 groups (1.3.5 §5.6, §6.5, §7.3.4.2): ALL, SELECT, INDIRECT and FAST_FAILOVER
// on the data plane (fast-failover liveness through a port taken down), chaining, modify and
// delete (with the flows that use a group), and the group-mod errors.
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import type { Of13Action, Of13Bucket, Of13FlowRemoved } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { tcp4, udp4 } from "../_frames.ts";
import { flow, flowCount, type T13, to } from "./_util.ts";

const group = "groups";
const opts = { version: 4, group, ports: 4 } as const;
const { OFPGT, OFPGC, OFPGMFC } = of13;
const GROUP_MOD_FAILED = of13.OFPET.GROUP_MOD_FAILED;

const bucket = (actions: Of13Action[], fields: Partial<Of13Bucket> = {}) =>
  of13.bucket({ actions, ...fields });

function add(
  groupId: number,
  groupType: number,
  buckets: Of13Bucket[],
  command: number = OFPGC.ADD,
) {
  return of13.groupMod({ command, groupId, groupType, buckets });
}

/** Installs in_port a → group `id`. */
function useGroup(t: T13, id: number, fields = {}) {
  return flow({ in_port: t.ports[0] }, [of13.group(id)], fields);
}

switchTest("ALL: a copy out of every bucket", opts, async (t) => {
  const [a, b, c, d] = t.ports;
  await t.install(add(1, OFPGT.ALL, [bucket(to(b)), bucket(to(c)), bucket(to(d))]), useGroup(t, 1));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b, c, d]);
});

switchTest("ALL: each bucket works on its own copy", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    add(1, OFPGT.ALL, [
      bucket([of13.setField("eth_dst", "02:00:00:00:00:0b"), of13.output(b)]),
      bucket(to(c)),
    ]),
    useGroup(t, 1),
  );
  await t.send(a, tcp4());
  await t.verifyPacket(tcp4({ eth: { dst: "02:00:00:00:00:0b" } }), b);
  await t.verifyPacket(tcp4(), c);
  await t.verifyNoOtherPackets();
});

switchTest("ALL: a bucket to the ingress port is not output", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(add(1, OFPGT.ALL, [bucket(to(a)), bucket(to(b))]), useGroup(t, 1));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("INDIRECT: its one bucket", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(add(7, OFPGT.INDIRECT, [bucket(to(b))]), useGroup(t, 7));
  await t.send(a, udp4());
  await t.verifyPackets(udp4(), [b]);
});

switchTest("INDIRECT shared by two flows", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    add(7, OFPGT.INDIRECT, [bucket(to(c))]),
    flow({ in_port: a }, [of13.group(7)]),
    flow({ in_port: b }, [of13.group(7)]),
  );
  await t.send(a, udp4());
  await t.verifyPackets(udp4(), [c]);
  await t.send(b, udp4());
  await t.verifyPackets(udp4(), [c]);
  const [stats] = await t.groupStats(7);
  assert.equal(stats.refCount, 2, "ref_count counts the flows that use the group");
});

switchTest(
  "SELECT: each frame out of exactly one bucket, and frames spread over buckets",
  opts,
  async (t) => {
    const [a, b, c, d] = t.ports;
    await t.install(
      add(2, OFPGT.SELECT, [
        bucket(to(b), { weight: 1 }),
        bucket(to(c), { weight: 1 }),
        bucket(to(d), { weight: 1 }),
      ]),
      useGroup(t, 2),
    );
    const used = new Set<number>();
    for (let i = 0; i < 24; i++) {
      const f = tcp4({ ip: { src: `10.0.${i}.1` }, tcp: { srcPort: 1000 + 17 * i } });
      await t.send(a, f);
      const got = await t.dataPlane.poll(undefined, { timeout: 2000 });
      assert.ok(got, `frame ${i} left by some port`);
      assert.deepEqual(got.frame, f, `frame ${i} left unchanged`);
      assert.ok(
        [b, c, d].includes(got.port),
        `frame ${i} left by a bucket's port, not ${got.port}`,
      );
      used.add(got.port);
      await t.verifyNoOtherPackets();
    }
    assert.ok(used.size >= 2, `24 flows used ${used.size} bucket(s), expected them spread`);
  },
);

switchTest("SELECT: a bucket of weight 0 is never chosen", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    add(2, OFPGT.SELECT, [bucket(to(b), { weight: 1 }), bucket(to(c), { weight: 0 })]),
    useGroup(t, 2),
  );
  for (let i = 0; i < 8; i++) {
    const f = tcp4({ tcp: { srcPort: 2000 + i } });
    await t.send(a, f);
    await t.verifyPackets(f, [b]);
  }
});

switchTest("FAST_FAILOVER: the first live bucket", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    add(3, OFPGT.FF, [bucket(to(b), { watchPort: b }), bucket(to(c), { watchPort: c })]),
    useGroup(t, 3),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("FAST_FAILOVER: a watched port taken down fails over, and back", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    add(3, OFPGT.FF, [bucket(to(b), { watchPort: b }), bucket(to(c), { watchPort: c })]),
    useGroup(t, 3),
  );
  await t.setPortConfig(b, of13.OFPPC.PORT_DOWN, of13.OFPPC.PORT_DOWN);
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [c]);
  await t.setPortConfig(b, 0, of13.OFPPC.PORT_DOWN);
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("FAST_FAILOVER: no live bucket drops", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(add(3, OFPGT.FF, [bucket(to(b), { watchPort: b })]), useGroup(t, 3));
  await t.setPortConfig(b, of13.OFPPC.PORT_DOWN, of13.OFPPC.PORT_DOWN);
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), []);
});

switchTest(
  "FAST_FAILOVER: a bucket watching a group follows that group's liveness",
  opts,
  async (t) => {
    const [a, b, c] = t.ports;
    await t.install(
      add(10, OFPGT.FF, [bucket(to(b), { watchPort: b })]),
      add(3, OFPGT.FF, [
        bucket([of13.group(10)], { watchGroup: 10 }),
        bucket(to(c), { watchPort: c }),
      ]),
      useGroup(t, 3),
    );
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4(), [b]);
    await t.setPortConfig(b, of13.OFPPC.PORT_DOWN, of13.OFPPC.PORT_DOWN);
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4(), [c]);
  },
);

switchTest("chaining: a bucket that outputs to another group", opts, async (t) => {
  const [a, b, c, d] = t.ports;
  await t.install(
    add(20, OFPGT.ALL, [bucket(to(c)), bucket(to(d))]),
    add(1, OFPGT.ALL, [bucket(to(b)), bucket([of13.group(20)])]),
    useGroup(t, 1),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b, c, d]);
});

switchTest("packet-out through a group", opts, async (t) => {
  const [, b, c] = t.ports;
  await t.install(add(4, OFPGT.ALL, [bucket(to(b)), bucket(to(c))]));
  await t.install(of13.packetOut({ actions: [of13.group(4)], data: tcp4() }));
  await t.verifyPackets(tcp4(), [b, c]);
});

switchTest("modify replaces the buckets", opts, async (t) => {
  const [a, b, c, d] = t.ports;
  await t.install(add(1, OFPGT.ALL, [bucket(to(b))]), useGroup(t, 1));
  await t.install(add(1, OFPGT.ALL, [bucket(to(c)), bucket(to(d))], OFPGC.MODIFY));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [c, d]);
  const [desc] = (await t.groupDesc()).filter((g) => g.groupId === 1);
  assert.equal(desc.buckets.length, 2);
});

switchTest("modify can change the type", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(add(1, OFPGT.ALL, [bucket(to(b))]), useGroup(t, 1));
  await t.install(add(1, OFPGT.INDIRECT, [bucket(to(b))], OFPGC.MODIFY));
  const [desc] = (await t.groupDesc()).filter((g) => g.groupId === 1);
  assert.equal(desc.groupType, OFPGT.INDIRECT);
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("modify to no buckets: the group drops", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(add(1, OFPGT.ALL, [bucket(to(b))]), useGroup(t, 1));
  await t.install(add(1, OFPGT.ALL, [], OFPGC.MODIFY));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), []);
});

switchTest("delete removes the group and the flows that use it", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    add(1, OFPGT.ALL, [bucket(to(b))]),
    add(2, OFPGT.ALL, [bucket(to(b))]),
    useGroup(t, 1),
    flow({ in_port: b }, to(a)),
  );
  await t.install(of13.groupMod({ command: OFPGC.DELETE, groupId: 1 }));
  assert.deepEqual((await t.groupDesc()).map((g) => g.groupId), [2]);
  assert.equal(await flowCount(t), 1, "only the flow that did not use group 1 is left");
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), []);
});

switchTest(
  "delete of a group sends FLOW_REMOVED reason GROUP_DELETE for its flows",
  opts,
  async (t) => {
    const [, b] = t.ports;
    await t.install(
      add(1, OFPGT.ALL, [bucket(to(b))]),
      useGroup(t, 1, { cookie: 0x99n, flags: of13.OFPFF.SEND_FLOW_REM }),
    );
    await t.install(of13.groupMod({ command: OFPGC.DELETE, groupId: 1 }));
    const msg = await t.conn.poll("FLOW_REMOVED", { timeout: 3000 }) as Of13FlowRemoved | undefined;
    assert.ok(msg, "a FLOW_REMOVED");
    assert.equal(msg.cookie, 0x99n);
    assert.equal(msg.reason, of13.OFPRR.GROUP_DELETE);
  },
);

switchTest("delete of OFPG_ALL removes every group", opts, async (t) => {
  const [, b] = t.ports;
  await t.install(
    add(1, OFPGT.ALL, [bucket(to(b))]),
    add(2, OFPGT.INDIRECT, [bucket(to(b))]),
    add(3, OFPGT.SELECT, [bucket(to(b), { weight: 1 })]),
  );
  assert.equal((await t.groupDesc()).length, 3);
  await t.install(of13.groupMod({ command: OFPGC.DELETE, groupId: of13.OFPG.ALL }));
  assert.equal((await t.groupDesc()).length, 0);
});

switchTest("delete of a group that does not exist is no error", opts, async (t) => {
  await t.install(of13.groupMod({ command: OFPGC.DELETE, groupId: 12345 }));
});

switchTest("the highest group id, OFPG_MAX, is usable", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(add(of13.OFPG.MAX, OFPGT.ALL, [bucket(to(b))]), useGroup(t, of13.OFPG.MAX));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("group stats count packets and bytes per group and per bucket", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(add(1, OFPGT.ALL, [bucket(to(b)), bucket(to(c))]), useGroup(t, 1));
  for (let i = 0; i < 3; i++) {
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4(), [b, c]);
  }
  const [s] = await t.groupStats(1);
  const len = BigInt(tcp4().length);
  assert.deepEqual(
    { id: s.groupId, refs: s.refCount, packets: s.packetCount, bytes: s.byteCount },
    { id: 1, refs: 1, packets: 3n, bytes: 3n * len },
  );
  assert.deepEqual(
    s.bucketStats.map((x) => [x.packetCount, x.byteCount]),
    [[3n, 3n * len], [3n, 3n * len]],
  );
});

switchTest(
  "group stats of OFPG_ALL list every group; of a missing group, none",
  opts,
  async (t) => {
    const [, b] = t.ports;
    await t.install(add(1, OFPGT.ALL, [bucket(to(b))]), add(5, OFPGT.INDIRECT, [bucket(to(b))]));
    assert.deepEqual((await t.groupStats()).map((s) => s.groupId).sort(), [1, 5]);
    assert.deepEqual(await t.groupStats(999), []);
  },
);

switchTest("group description lists type and buckets as sent", opts, async (t) => {
  const [, b, c] = t.ports;
  const buckets = [
    bucket(to(b), { watchPort: b }),
    bucket([of13.setField("eth_src", "02:00:00:00:00:01"), of13.output(c)], { watchPort: c }),
  ];
  await t.install(add(9, OFPGT.FF, buckets));
  const [d] = await t.groupDesc();
  assert.equal(d.groupId, 9);
  assert.equal(d.groupType, OFPGT.FF);
  assert.deepEqual(
    d.buckets.map((x) => [x.watchPort, x.actions]),
    buckets.map((x) => [x.watchPort, x.actions]),
  );
});

switchTest("group features: the required types ALL and INDIRECT, with OUTPUT", opts, async (t) => {
  const [part] = await t.conn.transactMultipart(of13.groupFeaturesRequest());
  const f = (part as unknown as {
    body: { type: string; types: number; maxGroups: number[]; actions: number[] };
  }).body;
  assert.equal(f.type, "GROUP_FEATURES");
  for (const type of [OFPGT.ALL, OFPGT.INDIRECT]) {
    assert.ok(f.types & (1 << type), `group type ${type} is supported`);
    assert.ok(f.maxGroups[type] > 0, `max groups of type ${type}`);
    assert.ok(f.actions[type] & (1 << of13.OFPAT.OUTPUT), `OUTPUT in groups of type ${type}`);
  }
});

switchTest("add of an existing group id: OFPGMFC_GROUP_EXISTS", opts, async (t) => {
  const [, b, c] = t.ports;
  await t.install(add(1, OFPGT.ALL, [bucket(to(b))]));
  await t.verifyError(add(1, OFPGT.ALL, [bucket(to(c))]), {
    type: GROUP_MOD_FAILED,
    code: OFPGMFC.GROUP_EXISTS,
  });
  const [d] = await t.groupDesc();
  assert.deepEqual(d.buckets[0].actions, to(b), "the group is unchanged");
});

switchTest("modify of a group that does not exist: OFPGMFC_UNKNOWN_GROUP", opts, async (t) => {
  await t.verifyError(
    add(77, OFPGT.ALL, [bucket(to(t.ports[1]))], OFPGC.MODIFY),
    { type: GROUP_MOD_FAILED, code: OFPGMFC.UNKNOWN_GROUP },
  );
  assert.deepEqual(await t.groupDesc(), []);
});

for (
  const [name, id] of [["OFPG_ALL", of13.OFPG.ALL], ["OFPG_ANY", of13.OFPG.ANY], [
    "the first reserved id",
    of13.OFPG.MAX + 1,
  ]] as const
) {
  switchTest(`add with group id ${name}: OFPGMFC_INVALID_GROUP`, opts, async (t) => {
    await t.verifyError(add(id, OFPGT.ALL, [bucket(to(t.ports[1]))]), {
      type: GROUP_MOD_FAILED,
      code: OFPGMFC.INVALID_GROUP,
    });
  });
}

switchTest("an unknown group type: OFPGMFC_BAD_TYPE", opts, async (t) => {
  await t.verifyError(add(1, 9, [bucket(to(t.ports[1]))]), {
    type: GROUP_MOD_FAILED,
    code: OFPGMFC.BAD_TYPE,
  });
});

switchTest("an unknown group command: OFPGMFC_BAD_COMMAND", opts, async (t) => {
  await t.verifyError(add(1, OFPGT.ALL, [bucket(to(t.ports[1]))], 7), {
    type: GROUP_MOD_FAILED,
    code: OFPGMFC.BAD_COMMAND,
  });
});

switchTest("INDIRECT with two buckets: OFPGMFC_INVALID_GROUP", opts, async (t) => {
  const [, b, c] = t.ports;
  await t.verifyError(add(1, OFPGT.INDIRECT, [bucket(to(b)), bucket(to(c))]), {
    type: GROUP_MOD_FAILED,
    code: OFPGMFC.INVALID_GROUP,
  });
});

switchTest("a chain that loops back: OFPGMFC_LOOP", {
  ...opts,
  xfail: {
    ovs:
      "Open vSwitch accepts a group modification that closes a loop of chained groups; 1.3.5 §7.4.4 defines OFPGMFC_LOOP for a group entry that would cause a loop",
  },
}, async (t) => {
  const [, b] = t.ports;
  await t.install(
    add(2, OFPGT.ALL, [bucket(to(b))]),
    add(1, OFPGT.ALL, [bucket([of13.group(2)])]),
  );
  await t.verifyError(add(2, OFPGT.ALL, [bucket([of13.group(1)])], OFPGC.MODIFY), {
    type: GROUP_MOD_FAILED,
    code: OFPGMFC.LOOP,
  });
});

switchTest("FAST_FAILOVER bucket watching nothing: OFPGMFC_BAD_WATCH", {
  ...opts,
  xfail: {
    ovs:
      "Open vSwitch answers OFPGMFC_INVALID_GROUP; fast-failover buckets need a watch port or group (1.3.5 §5.6.1, §7.3.4.2) and the error for a problem with it is OFPGMFC_BAD_WATCH (§7.4.4)",
  },
}, async (t) => {
  await t.verifyError(add(3, OFPGT.FF, [bucket(to(t.ports[1]))]), {
    type: GROUP_MOD_FAILED,
    code: OFPGMFC.BAD_WATCH,
  });
});

switchTest("a bucket that outputs to OFPP_ANY: OFPBAC_BAD_OUT_PORT", opts, async (t) => {
  await t.verifyError(add(1, OFPGT.ALL, [bucket(to(of13.OFPP.ANY))]), {
    type: of13.OFPET.BAD_ACTION,
    code: of13.OFPBAC.BAD_OUT_PORT,
  });
});

switchTest(
  "a flow that uses a group that does not exist: OFPBAC_BAD_OUT_GROUP",
  opts,
  async (t) => {
    await t.verifyError(useGroup(t, 4242), {
      type: of13.OFPET.BAD_ACTION,
      code: of13.OFPBAC.BAD_OUT_GROUP,
    });
    assert.equal(await flowCount(t), 0);
  },
);
