// Groups of the reference switch: ALL, SELECT, INDIRECT, FAST_FAILOVER with port liveness
// changed by PORT_MOD, chaining, deletion, counters, and the errors GROUP_MOD can get.
import assert from "node:assert/strict";
import { SwitchError } from "../../src/controller/mod.ts";
import { of13, type OfpMessage } from "../../src/ofp/mod.ts";
import { parse } from "../../src/packet/mod.ts";
import { arp, tcp4, udp6 } from "./_frames.ts";
import { rig } from "./_rig.ts";
import type {
  MatchSpec,
  Of13FlowRemoved,
  Of13GroupDesc,
  Of13GroupFeaturesBody,
  Of13GroupStats,
  Of13MultipartReply,
  Of13Port,
  Of13PortStatus,
} from "../../src/ofp/mod.ts";

const { OFPGT, OFPGC, bucket, output, groupMod } = of13;
const toGroup = (id: number, match: MatchSpec = { in_port: 1 }) =>
  of13.flowMod({ match: of13.match(match), instructions: [of13.applyActions([of13.group(id)])] });

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => assert.fail("no error"), (e) => e);
  assert.ok(e instanceof SwitchError, String(e));
  return e.codeName ?? "";
}

Deno.test("groups: ALL copies the packet to every bucket, each with its own rewrites", async () => {
  await using r = await rig({ ports: 4 }, { versions: [4] });
  await r.apply(
    groupMod({
      groupId: 1,
      groupType: OFPGT.ALL,
      buckets: [
        bucket({ actions: [output(2)] }),
        bucket({ actions: [of13.setField("eth_dst", "02:00:00:00:00:33"), output(3)] }),
      ],
    }),
    toGroup(1),
  );
  await r.link.send(1, tcp4());
  const [a] = r.frames.take(2), [b] = r.frames.take(3);
  assert.equal((parse(a)[0] as { dst: string }).dst, "00:00:00:00:00:02");
  assert.equal((parse(b)[0] as { dst: string }).dst, "02:00:00:00:00:33");
});

Deno.test("groups: SELECT keeps a flow on one bucket, spreads flows by weight, skips weight 0", async () => {
  await using r = await rig({ ports: 4 }, { versions: [4] });
  await r.apply(
    groupMod({
      groupId: 2,
      groupType: OFPGT.SELECT,
      buckets: [
        bucket({ weight: 1, actions: [output(2)] }),
        bucket({ weight: 3, actions: [output(3)] }),
        bucket({ weight: 0, actions: [output(4)] }),
      ],
    }),
    toGroup(2),
  );
  for (let i = 0; i < 5; i++) await r.link.send(1, tcp4({ sport: 7777 }));
  const same = r.frames.ports();
  assert.equal(same.length, 1, "one flow, one bucket");
  assert.equal(r.frames.take(same[0]).length, 5);
  for (let i = 0; i < 400; i++) await r.link.send(1, tcp4({ sport: 10000 + i }));
  const two = r.frames.take(2).length, three = r.frames.take(3).length;
  assert.equal(r.frames.take(4).length, 0, "weight 0 is never chosen");
  assert.equal(two + three, 400);
  assert.ok(three > two * 1.8 && three < two * 5, `weights 1:3 gave ${two}:${three}`);
});

// The selection algorithm is the switch's (1.3.5 §5.6.1); the reference switch hashes every
// address OpenFlow matches on, so flows that differ only in IPv6 or ARP addresses spread too
// (Ryu's group/01_SELECT_IP throughput test sends ARP frames of random addresses).
Deno.test("groups: SELECT spreads flows that differ only in IPv6 or ARP addresses", async (t) => {
  await using r = await rig({ ports: 3 }, { versions: [4] });
  await r.apply(
    groupMod({
      groupId: 2,
      groupType: OFPGT.SELECT,
      buckets: [
        bucket({ weight: 1, actions: [output(2)] }),
        bucket({ weight: 1, actions: [output(3)] }),
      ],
    }),
    toGroup(2),
  );
  const cases: [string, (i: number) => Uint8Array][] = [
    ["IPv6 source", (i) => udp6({ src: `2001:db8::${(i + 1).toString(16)}` })],
    ["IPv6 destination", (i) => udp6({ dst: `2001:db8:1::${(i + 1).toString(16)}` })],
    ["ARP sender address", (i) => arp({ spa: `10.0.${i >> 8}.${i & 0xff}` })],
    ["ARP target address", (i) => arp({ tpa: `10.1.${i >> 8}.${i & 0xff}` })],
  ];
  for (const [name, frame] of cases) {
    await t.step(name, async () => {
      for (let i = 0; i < 200; i++) await r.link.send(1, frame(i));
      const two = r.frames.take(2).length, three = r.frames.take(3).length;
      assert.equal(two + three, 200);
      assert.ok(two > 50 && three > 50, `200 flows split ${two}:${three}`);
      // One flow stays on one bucket.
      for (let i = 0; i < 5; i++) await r.link.send(1, frame(7));
      assert.equal(r.frames.ports().length, 1, "one flow, one bucket");
      for (const p of r.frames.ports()) r.frames.take(p);
    });
  }
});

Deno.test("groups: FAST_FAILOVER follows port liveness set by PORT_MOD, with PORT_STATUS", async () => {
  await using r = await rig({ ports: 3 }, { versions: [4] });
  await r.apply(
    groupMod({
      groupId: 3,
      groupType: OFPGT.FF,
      buckets: [
        bucket({ watchPort: 2, actions: [output(2)] }),
        bucket({ watchPort: 3, actions: [output(3)] }),
      ],
    }),
    toGroup(3),
  );
  await r.link.send(1, tcp4());
  assert.deepEqual(r.frames.ports(), [2]);
  r.frames.take(2);
  const [desc] = (await r.conn.transactMultipart(of13.portDescRequest())).flatMap((m) =>
    ((m as Of13MultipartReply).body as { entries: Of13Port[] }).entries.filter((p) =>
      p.portNo === 2
    )
  );
  assert.equal(desc.state & of13.OFPPS.LIVE, of13.OFPPS.LIVE);
  await r.apply(
    of13.portMod({
      portNo: 2,
      hwAddr: desc.hwAddr,
      config: of13.OFPPC.PORT_DOWN,
      mask: of13.OFPPC.PORT_DOWN,
    }),
  );
  const status = await r.conn.poll("PORT_STATUS", { timeout: 1000 }) as Of13PortStatus;
  assert.equal(status.reason, of13.OFPPR.MODIFY);
  assert.equal(status.desc.portNo, 2);
  assert.equal(status.desc.config & of13.OFPPC.PORT_DOWN, of13.OFPPC.PORT_DOWN);
  assert.equal(status.desc.state & of13.OFPPS.LIVE, 0);
  await r.link.send(1, tcp4());
  assert.deepEqual(r.frames.ports(), [3], "failed over to port 3");
  r.frames.take(3);
  await r.apply(
    of13.portMod({ portNo: 2, hwAddr: desc.hwAddr, config: 0, mask: of13.OFPPC.PORT_DOWN }),
  );
  const up = await r.conn.poll("PORT_STATUS", { timeout: 1000 }) as Of13PortStatus;
  assert.equal(up.desc.state & of13.OFPPS.LIVE, of13.OFPPS.LIVE);
  await r.link.send(1, tcp4());
  assert.deepEqual(r.frames.ports(), [2], "back on port 2");
  r.frames.take(2);
  // A link going down (not OpenFlow's doing) has the same effect.
  r.sw.setLink(2, false);
  await r.link.send(1, tcp4());
  assert.deepEqual(r.frames.ports(), [3]);
  assert.equal(
    (await r.conn.poll("PORT_STATUS", { timeout: 1000 }) as Of13PortStatus).desc.state &
      of13.OFPPS.LINK_DOWN,
    of13.OFPPS.LINK_DOWN,
  );
});

Deno.test("groups: FAST_FAILOVER watching a group; chains of groups", async () => {
  await using r = await rig({ ports: 4 }, { versions: [4] });
  await r.apply(
    groupMod({
      groupId: 10,
      groupType: OFPGT.FF,
      buckets: [bucket({ watchPort: 4, actions: [output(4)] })],
    }),
    groupMod({
      groupId: 11,
      groupType: OFPGT.FF,
      buckets: [
        bucket({ watchGroup: 10, actions: [of13.group(10)] }),
        bucket({ watchPort: 3, actions: [output(3)] }),
      ],
    }),
    groupMod({
      groupId: 12,
      groupType: OFPGT.ALL,
      buckets: [bucket({ actions: [of13.group(11)] }), bucket({ actions: [output(2)] })],
    }),
    toGroup(12),
  );
  await r.link.send(1, tcp4());
  assert.deepEqual(r.frames.ports(), [2, 4]);
  r.frames.take(2);
  r.frames.take(4);
  r.sw.setLink(4, false); // group 10 has no live bucket: group 11 fails over
  await r.link.send(1, tcp4());
  assert.deepEqual(r.frames.ports(), [2, 3]);
});

Deno.test("groups: deleting a group removes the flows that use it (FLOW_REMOVED GROUP_DELETE)", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(
    groupMod({
      groupId: 5,
      groupType: OFPGT.INDIRECT,
      buckets: [bucket({ actions: [output(2)] })],
    }),
    { ...toGroup(5), flags: of13.OFPFF.SEND_FLOW_REM, cookie: 5n } as OfpMessage,
    groupMod({ command: OFPGC.DELETE, groupId: 5 }),
  );
  const m = await r.conn.poll("FLOW_REMOVED", { timeout: 1000 }) as Of13FlowRemoved;
  assert.equal(m.reason, of13.OFPRR.GROUP_DELETE);
  assert.equal(m.cookie, 5n);
  const [desc] = await r.conn.transactMultipart(of13.groupDescRequest());
  assert.deepEqual(((desc as Of13MultipartReply).body as { entries: unknown[] }).entries, []);
});

Deno.test("groups: statistics count packets per group and bucket; desc and features", async () => {
  await using r = await rig({ ports: 3 }, { versions: [4] });
  await r.apply(
    groupMod({
      groupId: 7,
      groupType: OFPGT.ALL,
      buckets: [bucket({ actions: [output(2)] }), bucket({ actions: [output(3)] })],
    }),
    toGroup(7),
  );
  const frame = tcp4();
  for (let i = 0; i < 4; i++) await r.link.send(1, frame);
  const [stats] = await r.conn.transactMultipart(of13.groupStatsRequest(7));
  const [g] = ((stats as Of13MultipartReply).body as { entries: Of13GroupStats[] }).entries;
  assert.equal(g.groupId, 7);
  assert.equal(g.refCount, 1);
  assert.equal(g.packetCount, 4n);
  assert.equal(g.byteCount, BigInt(4 * frame.length));
  assert.deepEqual(g.bucketStats.map((b) => b.packetCount), [4n, 4n]);
  const [desc] = await r.conn.transactMultipart(of13.groupDescRequest());
  const [d] = ((desc as Of13MultipartReply).body as { entries: Of13GroupDesc[] }).entries;
  assert.equal(d.groupType, OFPGT.ALL);
  assert.deepEqual(d.buckets[1].actions, [output(3)]);
  const features = (await r.conn.transact(of13.groupFeaturesRequest())) as Of13MultipartReply;
  const f = features.body as Of13GroupFeaturesBody;
  assert.equal(f.types, 0b1111);
  assert.equal(f.capabilities & of13.OFPGFC.CHAINING, of13.OFPGFC.CHAINING);
});

Deno.test("groups: refused group-mods get the spec's error", async (t) => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(
    groupMod({
      groupId: 1,
      groupType: OFPGT.INDIRECT,
      buckets: [bucket({ actions: [output(2)] })],
    }),
  );
  await r.apply(
    groupMod({ groupId: 2, groupType: OFPGT.ALL, buckets: [bucket({ actions: [of13.group(1)] })] }),
  );
  const cases: [string, OfpMessage, string][] = [
    [
      "ADD of an existing group",
      groupMod({ groupId: 1, groupType: OFPGT.ALL }),
      "OFPGMFC_GROUP_EXISTS",
    ],
    [
      "MODIFY of a missing group",
      groupMod({ command: OFPGC.MODIFY, groupId: 9 }),
      "OFPGMFC_UNKNOWN_GROUP",
    ],
    ["a reserved group id", groupMod({ groupId: of13.OFPG.ALL }), "OFPGMFC_INVALID_GROUP"],
    ["an unknown type", groupMod({ groupId: 9, groupType: 7 }), "OFPGMFC_BAD_TYPE"],
    ["an unknown command", groupMod({ command: 5, groupId: 9 }), "OFPGMFC_BAD_COMMAND"],
    [
      "a fast-failover bucket that watches nothing",
      groupMod({ groupId: 9, groupType: OFPGT.FF, buckets: [bucket({ actions: [output(2)] })] }),
      "OFPGMFC_BAD_WATCH",
    ],
    [
      "watching a port that does not exist",
      groupMod({
        groupId: 9,
        groupType: OFPGT.FF,
        buckets: [bucket({ watchPort: 7, actions: [output(2)] })],
      }),
      "OFPGMFC_BAD_WATCH",
    ],
    [
      "an indirect group with two buckets",
      groupMod({ groupId: 9, groupType: OFPGT.INDIRECT, buckets: [bucket(), bucket()] }),
      "OFPGMFC_INVALID_GROUP",
    ],
    [
      "a loop through another group",
      groupMod({
        command: OFPGC.MODIFY,
        groupId: 1,
        groupType: OFPGT.INDIRECT,
        buckets: [bucket({ actions: [of13.group(2)] })],
      }),
      "OFPGMFC_LOOP",
    ],
    [
      "deleting a group another group sends to",
      groupMod({ command: OFPGC.DELETE, groupId: 1 }),
      "OFPGMFC_CHAINED_GROUP",
    ],
    [
      "a bucket outputting to a missing port",
      groupMod({ groupId: 9, buckets: [bucket({ actions: [output(9)] })] }),
      "OFPBAC_BAD_OUT_PORT",
    ],
  ];
  for (const [name, msg, code] of cases) {
    await t.step(name, async () => assert.equal(await refusal(r.conn.transact(msg)), code));
  }
});
