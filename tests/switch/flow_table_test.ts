// Flow tables of the reference switch, driven by OpenFlow through our Controller and
// observed through its FrameLink: priorities, masks, table misses, cookies, modify and delete
// (strict or not, out_port filters), CHECK_OVERLAP, RESET_COUNTS, timeouts and FLOW_REMOVED.
import assert from "node:assert/strict";
import { SwitchError } from "../../src/controller/mod.ts";
import { of10, of13, type OfpMessage } from "../../src/ofp/mod.ts";
import { parse } from "../../src/packet/mod.ts";
import { arp, tcp4 } from "./_frames.ts";
import { rig } from "./_rig.ts";
import type {
  MatchSpec,
  Of10FlowRemoved,
  Of10PacketIn,
  Of13FlowMod,
  Of13FlowRemoved,
  Of13FlowStatsRequestBody,
  Of13PacketIn,
} from "../../src/ofp/mod.ts";

const fwd = (match: MatchSpec, port: number, extra: Partial<Of13FlowMod> = {}) =>
  of13.flowMod({
    match: of13.match(match),
    instructions: [of13.applyActions([of13.output(port)])],
    ...extra,
  });

type Flows = {
  entries: { priority: number; cookie: bigint; packetCount: bigint; byteCount: bigint }[];
};
async function flows(
  r: Awaited<ReturnType<typeof rig>>,
  body: Partial<Of13FlowStatsRequestBody> = {},
) {
  const parts = await r.conn.transactMultipart(of13.flowStatsRequest(body));
  return parts.flatMap((p) => (p as { body: Flows }).body.entries);
}

async function refusal(p: Promise<unknown>): Promise<string> {
  const e = await p.then(() => assert.fail("no error"), (e) => e);
  assert.ok(e instanceof SwitchError, String(e));
  return e.codeName ?? `${e.errType}/${e.code}`;
}

Deno.test("flows: the highest priority wins; masks select address ranges", async () => {
  await using r = await rig({ ports: 4 }, { versions: [4] });
  await r.apply(
    fwd({ in_port: 1 }, 2, { priority: 100 }),
    fwd({ in_port: 1, eth_type: 0x0800 }, 3, { priority: 200 }),
    fwd({ in_port: 1, eth_type: 0x0800, ipv4_dst: ["10.9.0.0", "255.255.0.0"] }, 4, {
      priority: 300,
    }),
  );
  await r.link.send(1, tcp4());
  await r.link.send(1, arp());
  await r.link.send(1, tcp4({ dst: "10.9.200.1" }));
  assert.equal(r.frames.take(3).length, 1, "IPv4 → priority 200");
  assert.equal(r.frames.take(2).length, 1, "ARP → priority 100");
  const masked = r.frames.take(4);
  assert.equal(masked.length, 1, "10.9.x.x → priority 300");
  assert.equal((parse(masked[0])[1] as { dst: string }).dst, "10.9.200.1");
  assert.deepEqual(r.frames.ports(), []);
});

Deno.test("flows: OpenFlow 1.3 drops a table miss; a table-miss flow sends NO_MATCH packet-ins", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  const frame = tcp4({ extra: 200 });
  await r.link.send(1, frame);
  assert.equal(await r.conn.poll("PACKET_IN", { timeout: 200 }), undefined);
  await r.apply(of13.flowMod({
    priority: 0,
    cookie: 0x77n,
    instructions: [of13.applyActions([of13.output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER)])],
  }));
  await r.link.send(1, frame);
  const pin = await r.conn.poll("PACKET_IN", { timeout: 1000 }) as Of13PacketIn;
  assert.ok(pin);
  assert.equal(pin.reason, of13.OFPR.NO_MATCH);
  assert.equal(pin.cookie, 0x77n);
  assert.equal(pin.tableId, 0);
  assert.equal(pin.bufferId, of13.OFP_NO_BUFFER);
  assert.deepEqual(pin.match, [{ field: "in_port", value: 1 }]);
  assert.deepEqual(pin.data, frame);
});

Deno.test("flows: OUTPUT:CONTROLLER max_len buffers the frame; packet-out releases it once", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(
    of13.flowMod({
      priority: 5,
      instructions: [of13.applyActions([of13.output(of13.OFPP.CONTROLLER, 20)])],
    }),
  );
  const frame = tcp4({ extra: 100 });
  await r.link.send(1, frame);
  const pin = await r.conn.poll("PACKET_IN", { timeout: 1000 }) as Of13PacketIn;
  assert.equal(pin.reason, of13.OFPR.ACTION);
  assert.equal(pin.totalLen, frame.length);
  assert.deepEqual(pin.data, frame.subarray(0, 20));
  assert.notEqual(pin.bufferId, of13.OFP_NO_BUFFER);
  await r.apply(of13.packetOut({ bufferId: pin.bufferId, inPort: 1, actions: [of13.output(2)] }));
  assert.deepEqual(r.frames.take(2), [frame]);
  assert.equal(
    await refusal(
      r.conn.transact(of13.packetOut({ bufferId: pin.bufferId, actions: [of13.output(2)] })),
    ),
    "OFPBRC_BUFFER_EMPTY",
  );
  assert.equal(
    await refusal(
      r.conn.transact(of13.packetOut({ bufferId: 0x1234567, actions: [of13.output(2)] })),
    ),
    "OFPBRC_BUFFER_UNKNOWN",
  );
});

Deno.test("flows: a flow-mod with a buffer id applies the new flow to the buffered frame", async () => {
  await using r = await rig({ ports: 3 }, { versions: [4] });
  await r.apply(
    of13.flowMod({
      priority: 0,
      instructions: [of13.applyActions([of13.output(of13.OFPP.CONTROLLER, 32)])],
    }),
  );
  const frame = tcp4({ extra: 80 });
  await r.link.send(1, frame);
  const pin = await r.conn.poll("PACKET_IN", { timeout: 1000 }) as Of13PacketIn;
  await r.apply(fwd({ in_port: 1 }, 3, { priority: 10, bufferId: pin.bufferId }));
  assert.deepEqual(r.frames.take(3), [frame]);
});

Deno.test("flows: OpenFlow 1.0 table miss → packet-in of miss_send_len bytes, buffered", async () => {
  await using r = await rig({ ports: 2 }, { versions: [1] });
  const frame = tcp4({ extra: 200 });
  await r.link.send(1, frame);
  const pin = await r.conn.poll("PACKET_IN", { timeout: 1000 }) as Of10PacketIn;
  assert.equal(pin.reason, of10.OFPR.NO_MATCH);
  assert.equal(pin.inPort, 1);
  assert.equal(pin.data.length, 128);
  assert.equal(pin.totalLen, frame.length);
  await r.apply(of10.packetOut({ bufferId: pin.bufferId, inPort: 1, actions: [of10.output(2)] }));
  assert.deepEqual(r.frames.take(2), [frame]);
});

Deno.test("flows: OpenFlow 1.0 exact-match flows outrank wildcarded ones; modify of nothing adds", async () => {
  await using r = await rig({ ports: 3 }, { versions: [1] });
  const frame = tcp4();
  const exact = of10.match({
    inPort: 1,
    dlSrc: "00:00:00:00:00:01",
    dlDst: "00:00:00:00:00:02",
    dlVlan: of10.OFP_VLAN_NONE,
    dlVlanPcp: 0,
    dlType: 0x0800,
    nwTos: 0,
    nwProto: 6,
    nwSrc: "10.0.0.1",
    nwDst: "10.0.0.2",
    tpSrc: 1234,
    tpDst: 80,
  });
  assert.equal(exact.wildcards, 0);
  await r.apply(
    of10.flowMod({ priority: 1, match: exact, actions: [of10.output(2)] }),
    of10.flowMod({ priority: 60000, match: of10.match({ inPort: 1 }), actions: [of10.output(3)] }),
  );
  await r.link.send(1, frame);
  assert.equal(r.frames.take(2).length, 1, "the exact match wins over priority 60000");
  await r.apply(
    of10.flowMod({
      command: of10.OFPFC.MODIFY,
      match: of10.match({ dlType: 0x0806 }),
      actions: [of10.output(3)],
    }),
  );
  await r.link.send(2, arp());
  assert.equal(r.frames.take(3).length, 1, "MODIFY that matched nothing added a flow");
});

Deno.test("flows: modify and delete, strict and not, by cookie and out_port", async () => {
  await using r = await rig({ ports: 4 }, { versions: [4] });
  await r.apply(
    fwd({ in_port: 1 }, 2, { priority: 10, cookie: 0x10n }),
    fwd({ in_port: 1, eth_type: 0x0800 }, 2, { priority: 20, cookie: 0x11n }),
    fwd({ in_port: 2 }, 3, { priority: 10, cookie: 0x20n }),
  );
  // Non-strict modify of every flow under in_port=1 whose cookie is 0x1?.
  await r.apply(of13.flowMod({
    command: of13.OFPFC.MODIFY,
    cookie: 0x10n,
    cookieMask: 0xf0n,
    match: of13.match({ in_port: 1 }),
    instructions: [of13.applyActions([of13.output(4)])],
  }));
  await r.link.send(1, tcp4());
  await r.link.send(1, arp());
  assert.equal(r.frames.take(4).length, 2);
  // Strict modify touches only the exact match and priority.
  await r.apply(of13.flowMod({
    command: of13.OFPFC.MODIFY_STRICT,
    priority: 10,
    match: of13.match({ in_port: 1 }),
    instructions: [of13.applyActions([of13.output(3)])],
  }));
  await r.link.send(1, arp());
  await r.link.send(1, tcp4());
  assert.equal(r.frames.take(3).length, 1);
  assert.equal(r.frames.take(4).length, 1);
  // Delete with an out_port filter: only flows that output to port 3.
  await r.apply(of13.flowDeleteAll({ outPort: 3 }));
  assert.deepEqual((await flows(r)).map((f) => f.cookie).sort(), [0x11n]);
  // Strict delete needs the priority too.
  await r.apply(
    of13.flowMod({
      command: of13.OFPFC.DELETE_STRICT,
      tableId: 0,
      priority: 21,
      match: of13.match({ in_port: 1, eth_type: 0x0800 }),
    }),
  );
  assert.equal((await flows(r)).length, 1);
  await r.apply(
    of13.flowMod({
      command: of13.OFPFC.DELETE_STRICT,
      tableId: 0,
      priority: 20,
      match: of13.match({ in_port: 1, eth_type: 0x0800 }),
    }),
  );
  assert.equal((await flows(r)).length, 0);
});

Deno.test("flows: CHECK_OVERLAP refuses an overlapping flow of the same priority", async () => {
  await using r = await rig({}, { versions: [4] });
  await r.apply(fwd({ in_port: 1 }, 2, { priority: 50 }));
  const overlap = fwd({ eth_type: 0x0800 }, 2, { priority: 50, flags: of13.OFPFF.CHECK_OVERLAP });
  assert.equal(await refusal(r.conn.transact(overlap)), "OFPFMFC_OVERLAP");
  // Other priority, or disjoint matches: accepted.
  await r.apply(fwd({ eth_type: 0x0800 }, 2, { priority: 51, flags: of13.OFPFF.CHECK_OVERLAP }));
  await r.apply(fwd({ in_port: 2 }, 3, { priority: 50, flags: of13.OFPFF.CHECK_OVERLAP }));
  assert.equal((await flows(r)).length, 3);
});

Deno.test("flows: counters count; an identical ADD resets them; RESET_COUNTS on modify", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(fwd({ in_port: 1 }, 2));
  const frame = tcp4();
  for (let i = 0; i < 3; i++) await r.link.send(1, frame);
  let [f] = await flows(r);
  assert.equal(f.packetCount, 3n);
  assert.equal(f.byteCount, BigInt(3 * frame.length));
  await r.apply(
    of13.flowMod({
      command: of13.OFPFC.MODIFY,
      match: of13.match({ in_port: 1 }),
      instructions: [of13.applyActions([of13.output(2)])],
    }),
  );
  [f] = await flows(r);
  assert.equal(f.packetCount, 3n, "MODIFY keeps the counters");
  await r.apply(
    of13.flowMod({
      command: of13.OFPFC.MODIFY,
      flags: of13.OFPFF.RESET_COUNTS,
      match: of13.match({ in_port: 1 }),
      instructions: [of13.applyActions([of13.output(2)])],
    }),
  );
  [f] = await flows(r);
  assert.equal(f.packetCount, 0n, "RESET_COUNTS clears them");
  await r.link.send(1, frame);
  await r.apply(fwd({ in_port: 1 }, 2));
  [f] = await flows(r);
  assert.equal(f.packetCount, 0n, "an identical ADD replaces the flow");
});

Deno.test("flows: hard and idle timeouts remove flows with FLOW_REMOVED when asked", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  const flag = of13.OFPFF.SEND_FLOW_REM;
  await r.apply(
    fwd({ in_port: 1 }, 2, { hardTimeout: 1, flags: flag, cookie: 1n, priority: 1 }),
    fwd({ in_port: 2 }, 1, { idleTimeout: 1, flags: flag, cookie: 2n, priority: 2 }),
    fwd({ eth_type: 0x0806 }, 1, { idleTimeout: 1, cookie: 3n, priority: 3 }),
  );
  const t0 = Date.now();
  await r.link.send(1, tcp4());
  const removed: Of13FlowRemoved[] = [];
  for (let i = 0; i < 2; i++) {
    const m = await r.conn.poll("FLOW_REMOVED", { timeout: 3000 }) as Of13FlowRemoved;
    assert.ok(m, "FLOW_REMOVED arrived");
    removed.push(m);
  }
  const elapsed = Date.now() - t0;
  assert.ok(elapsed >= 900 && elapsed < 2500, `removed after ${elapsed} ms`);
  const byCookie = new Map(removed.map((m) => [m.cookie, m]));
  assert.equal(byCookie.get(1n)?.reason, of13.OFPRR.HARD_TIMEOUT);
  assert.equal(byCookie.get(1n)?.packetCount, 1n);
  assert.equal(byCookie.get(1n)?.hardTimeout, 1);
  assert.equal(byCookie.get(2n)?.reason, of13.OFPRR.IDLE_TIMEOUT);
  assert.deepEqual(byCookie.get(2n)?.match, of13.match({ in_port: 2 }));
  assert.equal(
    await r.conn.poll("FLOW_REMOVED", { timeout: 300 }),
    undefined,
    "no FLOW_REMOVED without the flag",
  );
  assert.equal((await flows(r)).length, 0);
});

Deno.test("flows: an idle timeout is pushed back by traffic", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(fwd({ in_port: 1 }, 2, { idleTimeout: 1 }));
  for (let i = 0; i < 6; i++) {
    await r.link.send(1, tcp4());
    await new Promise((res) => setTimeout(res, 300));
  }
  assert.equal((await flows(r)).length, 1, "still there after 1.8 s of traffic");
  await new Promise((res) => setTimeout(res, 1300));
  assert.equal((await flows(r)).length, 0);
});

Deno.test("flows: DELETE sends FLOW_REMOVED (reason DELETE) with counters, 1.0 and 1.3", async () => {
  {
    await using r = await rig({ ports: 2 }, { versions: [4] });
    await r.apply(fwd({ in_port: 1 }, 2, { flags: of13.OFPFF.SEND_FLOW_REM, cookie: 9n }));
    await r.link.send(1, tcp4());
    await r.apply(of13.flowDeleteAll());
    const m = await r.conn.poll("FLOW_REMOVED", { timeout: 1000 }) as Of13FlowRemoved;
    assert.equal(m.reason, of13.OFPRR.DELETE);
    assert.equal(m.cookie, 9n);
    assert.equal(m.packetCount, 1n);
  }
  {
    await using r = await rig({ ports: 2 }, { versions: [1] });
    await r.apply(
      of10.flowMod({
        match: of10.match({ inPort: 1 }),
        actions: [of10.output(2)],
        flags: of10.OFPFF.SEND_FLOW_REM,
        idleTimeout: 30,
      }),
    );
    await r.link.send(1, tcp4());
    await r.apply(of10.flowDeleteAll());
    const m = await r.conn.poll("FLOW_REMOVED", { timeout: 1000 }) as Of10FlowRemoved;
    assert.equal(m.reason, of10.OFPRR.DELETE);
    assert.equal(m.idleTimeout, 30);
    assert.equal(m.packetCount, 1n);
    assert.equal(m.match.inPort, 1);
  }
});

Deno.test("flows: refused flow-mods get the spec's error", async (t) => {
  await using r = await rig({ ports: 2, tables: 4 }, { versions: [4] });
  const cases: [string, OfpMessage, string][] = [
    ["ADD to table ALL", fwd({}, 2, { tableId: of13.OFPTT.ALL }), "OFPFMFC_BAD_TABLE_ID"],
    ["ADD to a table past the last", fwd({}, 2, { tableId: 4 }), "OFPFMFC_BAD_TABLE_ID"],
    ["an unknown command", fwd({}, 2, { command: 9 }), "OFPFMFC_BAD_COMMAND"],
    ["unknown flags", fwd({}, 2, { flags: 0x80 }), "OFPFMFC_BAD_FLAGS"],
    ["ipv4_dst without eth_type", fwd({ ipv4_dst: "10.0.0.1" }, 2), "OFPBMC_BAD_PREREQ"],
    [
      "tcp_dst with ip_proto UDP",
      fwd({ eth_type: 0x0800, ip_proto: 17, tcp_dst: 80 }, 2),
      "OFPBMC_BAD_PREREQ",
    ],
    [
      "a field twice",
      of13.flowMod({ match: [{ field: "in_port", value: 1 }, { field: "in_port", value: 2 }] }),
      "OFPBMC_DUP_FIELD",
    ],
    [
      "a mask on in_port",
      of13.flowMod({ match: [{ field: "in_port", value: 1, mask: 1 }] }),
      "OFPBMC_BAD_MASK",
    ],
    [
      "value bits outside the mask",
      fwd({ eth_type: 0x0800, ipv4_dst: ["10.0.0.1", "255.255.255.0"] }, 2),
      "OFPBMC_BAD_WILDCARDS",
    ],
    ["a 7-bit DSCP", fwd({ eth_type: 0x0800, ip_dscp: 64 }, 2), "OFPBMC_BAD_VALUE"],
    [
      "a Nicira field",
      of13.flowMod({
        match: [{
          field: "UNKNOWN",
          oxmClass: 1,
          oxmField: 0,
          hasMask: false,
          value: new Uint8Array(4),
        }],
      }),
      "OFPBMC_BAD_FIELD",
    ],
    ["output to a port that does not exist", fwd({}, 9), "OFPBAC_BAD_OUT_PORT"],
    ["output to TABLE in a flow", fwd({}, of13.OFPP.TABLE), "OFPBAC_BAD_OUT_PORT"],
    [
      "a group that does not exist",
      of13.flowMod({ instructions: [of13.applyActions([of13.group(5)])] }),
      "OFPBAC_BAD_OUT_GROUP",
    ],
    [
      "a meter that does not exist",
      of13.flowMod({ instructions: [of13.meter(5)] }),
      "OFPMMFC_UNKNOWN_METER",
    ],
    [
      "goto an earlier table",
      of13.flowMod({ tableId: 2, instructions: [of13.gotoTable(1)] }),
      "OFPBIC_BAD_TABLE_ID",
    ],
    [
      "goto past the last table",
      of13.flowMod({ instructions: [of13.gotoTable(4)] }),
      "OFPBIC_BAD_TABLE_ID",
    ],
    [
      "an experimenter instruction",
      of13.flowMod({ instructions: [of13.experimenterInstruction(0x2320, new Uint8Array(4))] }),
      "OFPBIC_BAD_EXPERIMENTER",
    ],
    [
      "an experimenter action",
      of13.flowMod({
        instructions: [of13.applyActions([of13.experimenterAction(0x2320, new Uint8Array(4))])],
      }),
      "OFPBAC_BAD_EXPERIMENTER",
    ],
    [
      "push_vlan with ethertype 0x0800",
      of13.flowMod({ instructions: [of13.applyActions([of13.pushVlan(0x0800)])] }),
      "OFPBAC_BAD_ARGUMENT",
    ],
    [
      "set-field of in_port",
      of13.flowMod({ instructions: [of13.applyActions([of13.setField("in_port", 1)])] }),
      "OFPBAC_BAD_SET_TYPE",
    ],
    [
      "set-field of ipv4_src without IPv4 in the match",
      of13.flowMod({ instructions: [of13.applyActions([of13.setField("ipv4_src", "1.2.3.4")])] }),
      "OFPBAC_MATCH_INCONSISTENT",
    ],
    [
      "set-field of a 13-bit VLAN id",
      of13.flowMod({
        match: of13.match({ vlan_vid: [0x1000, 0x1000] }),
        instructions: [of13.applyActions([of13.setField("vlan_vid", 0x3000)])],
      }),
      "OFPBAC_BAD_SET_ARGUMENT",
    ],
  ];
  for (const [name, msg, code] of cases) {
    await t.step(name, async () => assert.equal(await refusal(r.conn.transact(msg)), code));
  }
  await t.step("nothing was installed", async () => assert.equal((await flows(r)).length, 0));
});
