// Statistics of the reference switch after real traffic (flow, aggregate, table, port,
// queue, desc, port desc, table features; 1.0 and 1.3), port configuration (NO_FWD, NO_RECV,
// NO_PACKET_IN, PORT_DOWN) and roles.
import assert from "node:assert/strict";
import { Controller, type SwitchError } from "../../src/controller/mod.ts";
import { ReferenceSwitch } from "../../src/switch/mod.ts";
import { of10, of13, type OfpMessage } from "../../src/ofp/mod.ts";
import { tcp4 } from "./_frames.ts";
import { rig } from "./_rig.ts";
import type {
  Of10AggregateStatsBody,
  Of10DescStatsBody,
  Of10FlowStatsReplyBody,
  Of10PortStatsReplyBody,
  Of10QueueStatsReplyBody,
  Of10StatsReply,
  Of10TableStatsReplyBody,
  Of13AggregateBody,
  Of13AsyncConfig,
  Of13DescBody,
  Of13FlowStats,
  Of13MultipartReply,
  Of13Port,
  Of13PortStats,
  Of13QueueStats,
  Of13Role,
  Of13TableFeatures,
  Of13TableStats,
} from "../../src/ofp/mod.ts";

const bodyOf = <T>(parts: OfpMessage[]) => parts.map((p) => (p as Of13MultipartReply).body as T);
const entries = <T>(parts: OfpMessage[]) =>
  bodyOf<{ entries: T[] }>(parts).flatMap((b) => b.entries);
const fwd = (inPort: number, out: number, priority = 10) =>
  of13.flowMod({
    priority,
    match: of13.match({ in_port: inPort }),
    instructions: [of13.applyActions([of13.output(out)])],
  });

Deno.test("stats: flow, aggregate, table and port counters after traffic (1.3)", async () => {
  await using r = await rig({ ports: 3, tables: 3 }, { versions: [4] });
  await r.apply(fwd(1, 2), fwd(2, 3), of13.flowMod({ tableId: 1, priority: 1 }));
  const frame = tcp4();
  for (let i = 0; i < 5; i++) await r.link.send(1, frame);
  for (let i = 0; i < 2; i++) await r.link.send(2, frame);
  await r.link.send(3, frame); // a miss
  const flows = entries<Of13FlowStats>(
    await r.conn.transactMultipart(of13.flowStatsRequest()),
  );
  const byTable = flows.map((f) => [f.tableId, Number(f.packetCount)]).sort((a, b) =>
    a[0] - b[0] || b[1] - a[1]
  );
  assert.deepEqual(byTable, [[0, 5], [0, 2], [1, 0]]);
  const only2 = entries<Of13FlowStats>(
    await r.conn.transactMultipart(of13.flowStatsRequest({ outPort: 3 })),
  );
  assert.deepEqual(only2.map((f) => f.packetCount), [2n]);
  const [agg] = bodyOf<Of13AggregateBody>(
    await r.conn.transactMultipart(of13.aggregateStatsRequest({ tableId: 0 })),
  );
  assert.deepEqual([agg.flowCount, agg.packetCount, agg.byteCount], [
    2,
    7n,
    BigInt(7 * frame.length),
  ]);
  const tables = entries<Of13TableStats>(
    await r.conn.transactMultipart(of13.tableStatsRequest()),
  );
  assert.deepEqual(tables.map((t) => [t.tableId, t.activeCount, t.lookupCount, t.matchedCount]), [
    [0, 2, 8n, 7n],
    [1, 1, 0n, 0n],
    [2, 0, 0n, 0n],
  ]);
  const ports = entries<Of13PortStats>(
    await r.conn.transactMultipart(of13.portStatsRequest()),
  );
  const p = new Map(ports.map((x) => [x.portNo, x]));
  assert.deepEqual([
    p.get(1)!.rxPackets,
    p.get(2)!.rxPackets,
    p.get(2)!.txPackets,
    p.get(3)!.txPackets,
  ], [5n, 2n, 5n, 2n]);
  assert.equal(p.get(1)!.rxBytes, BigInt(5 * frame.length));
  const one = entries<Of13PortStats>(await r.conn.transactMultipart(of13.portStatsRequest(3)));
  assert.deepEqual(one.map((x) => x.portNo), [3]);
  const queues = entries<Of13QueueStats>(
    await r.conn.transactMultipart(of13.queueStatsRequest(2)),
  );
  assert.deepEqual(queues.map((q) => [q.portNo, q.queueId, q.txPackets]), [[2, 0, 5n]]);
});

Deno.test("stats: desc, port desc, table features (split over parts), bad requests", async () => {
  await using r = await rig({ ports: 2, datapathId: 0x42n }, { versions: [4] });
  const [desc] = bodyOf<Of13DescBody>(await r.conn.transactMultipart(of13.descRequest()));
  assert.equal(desc.dpDesc, "dpid 0x0000000000000042");
  const ports = entries<Of13Port>(await r.conn.transactMultipart(of13.portDescRequest()));
  assert.deepEqual(ports.map((x) => [x.portNo, x.name, x.state]), [[1, "p1", of13.OFPPS.LIVE], [
    2,
    "p2",
    of13.OFPPS.LIVE,
  ]]);
  const parts = await r.conn.transactMultipart(of13.tableFeaturesRequest(), { timeout: 5000 });
  assert.ok(parts.length > 1, "254 tables do not fit one message");
  const features = entries<Of13TableFeatures>(parts);
  assert.equal(features.length, 254);
  const next = features[252].properties.find((x) => x.type === "NEXT_TABLES") as {
    tableIds: number[];
  };
  assert.deepEqual(next.tableIds, [253]);
  const refused = async (m: OfpMessage) =>
    ((await r.conn.transact(m).then(() => assert.fail("no error"), (e) => e)) as SwitchError)
      .codeName;
  assert.equal(await refused(of13.tableFeaturesRequest(features.slice(0, 1))), "OFPTFFC_EPERM");
  assert.equal(await refused(of13.flowStatsRequest({ tableId: 254 })), "OFPBRC_BAD_TABLE_ID");
  assert.equal(await refused(of13.portStatsRequest(9)), "OFPBRC_BAD_PORT");
  assert.equal(await refused(of13.queueStatsRequest(1, 5)), "OFPQOFC_BAD_QUEUE");
  assert.equal(
    await refused(
      of13.multipartRequest({ type: "UNKNOWN", multipartType: 77, data: new Uint8Array(0) }),
    ),
    "OFPBRC_BAD_MULTIPART",
  );
});

Deno.test("stats: OpenFlow 1.0 flow, aggregate, table, port, queue and desc", async () => {
  await using r = await rig({ ports: 2 }, { versions: [1] });
  await r.apply(
    of10.flowMod({ match: of10.match({ inPort: 1 }), actions: [of10.output(2)], cookie: 3n }),
  );
  const frame = tcp4();
  for (let i = 0; i < 3; i++) await r.link.send(1, frame);
  const body = async (
    m: OfpMessage,
  ) => ((await r.conn.transactMultipart(m)).map((p) => (p as Of10StatsReply).body));
  const [flows] = await body(of10.flowStatsRequest()) as Of10FlowStatsReplyBody[];
  assert.deepEqual(flows.entries.map((f) => [f.cookie, f.packetCount, f.match.inPort]), [[
    3n,
    3n,
    1,
  ]]);
  const [agg] = await body(of10.aggregateStatsRequest()) as Of10AggregateStatsBody[];
  assert.deepEqual([agg.flowCount, agg.packetCount], [1, 3n]);
  const [tables] = await body(of10.tableStatsRequest()) as Of10TableStatsReplyBody[];
  assert.deepEqual(tables.entries.map((t) => [t.activeCount, t.lookupCount, t.matchedCount]), [[
    1,
    3n,
    3n,
  ]]);
  const [ports] = await body(of10.portStatsRequest()) as Of10PortStatsReplyBody[];
  assert.deepEqual(ports.entries.map((p) => [p.portNo, p.rxPackets, p.txPackets]), [[1, 3n, 0n], [
    2,
    0n,
    3n,
  ]]);
  const [desc] = await body(of10.descStatsRequest()) as Of10DescStatsBody[];
  assert.equal(desc.mfrDesc, "oftest");
  const [queues] = await body(
    of10.queueStatsRequest(of10.OFPP.ALL),
  ) as Of10QueueStatsReplyBody[];
  assert.deepEqual(queues.entries.map((q) => [q.portNo, q.queueId, q.txPackets]), [[1, 0, 0n], [
    2,
    0,
    3n,
  ]]);
});

Deno.test("ports: NO_FWD, NO_RECV and NO_PACKET_IN; PORT_MOD's errors", async () => {
  await using r = await rig({ ports: 3 }, { versions: [4] });
  const [desc] = entries<Of13Port>(await r.conn.transactMultipart(of13.portDescRequest()));
  const mod = (portNo: number, config: number, mask: number, hwAddr = desc.hwAddr) =>
    of13.portMod({ portNo, hwAddr, config, mask });
  const mac2 = entries<Of13Port>(await r.conn.transactMultipart(of13.portDescRequest()))[1].hwAddr;
  await r.apply(
    fwd(1, 2),
    of13.flowMod({
      priority: 0,
      instructions: [of13.applyActions([of13.output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER)])],
    }),
  );
  await r.apply(mod(2, of13.OFPPC.NO_FWD, of13.OFPPC.NO_FWD, mac2));
  await r.link.send(1, tcp4());
  assert.equal(r.frames.take(2).length, 0, "NO_FWD: nothing leaves port 2");
  const [p2] = entries<Of13PortStats>(
    await r.conn.transactMultipart(of13.portStatsRequest(2)),
  );
  assert.equal(p2.txDropped, 1n);
  await r.apply(
    mod(1, of13.OFPPC.NO_PACKET_IN, of13.OFPPC.NO_PACKET_IN),
    mod(2, 0, of13.OFPPC.NO_FWD, mac2),
  );
  r.conn.clearQueue();
  await r.link.send(1, tcp4({ src: "10.0.0.9" })); // forwarded, not a miss
  await r.apply(of13.flowDeleteAll({ match: of13.match({ in_port: 1 }) }));
  await r.link.send(1, tcp4()); // a miss, but NO_PACKET_IN on port 1
  assert.equal(await r.conn.poll("PACKET_IN", { timeout: 200 }), undefined);
  await r.apply(mod(1, of13.OFPPC.NO_RECV, of13.OFPPC.NO_RECV | of13.OFPPC.NO_PACKET_IN));
  await r.link.send(1, tcp4());
  const [p1] = entries<Of13PortStats>(
    await r.conn.transactMultipart(of13.portStatsRequest(1)),
  );
  assert.equal(p1.rxDropped, 1n);
  const refused = async (m: OfpMessage) =>
    ((await r.conn.transact(m).then(() => assert.fail("no error"), (e) => e)) as SwitchError)
      .codeName;
  assert.equal(await refused(mod(9, 0, 0)), "OFPPMFC_BAD_PORT");
  assert.equal(await refused(mod(1, 0, 0, "02:00:00:00:00:00")), "OFPPMFC_BAD_HW_ADDR");
  assert.equal(await refused(mod(1, 1 << 3, 1 << 3)), "OFPPMFC_BAD_CONFIG");
});

Deno.test("roles: master demotes the other master; slaves may not modify; stale generations refused", async () => {
  await using second = new Controller({
    listen: { hostname: "127.0.0.1", port: 0 },
    versions: [4],
  });
  const [{ port }] = await second.listening;
  const first = new Controller({ listen: { hostname: "127.0.0.1", port: 0 }, versions: [4] });
  const [{ port: port1 }] = await first.listening;
  await using sw = await ReferenceSwitch.start({
    ports: 2,
    controller: [`tcp:127.0.0.1:${port1}`, `tcp:127.0.0.1:${port}`],
  });
  await using _first = first;
  const a = await first.connect({ timeout: 5000 });
  const b = await second.connect({ timeout: 5000 });
  const role = async (c: typeof a, roleId: number, gen: bigint) =>
    (await c.transact(of13.roleRequest(roleId, gen))) as Of13Role;
  const refused = async (c: typeof a, m: OfpMessage) =>
    ((await c.transact(m).then(() => assert.fail("no error"), (e) => e)) as SwitchError).codeName;
  assert.equal((await role(a, of13.OFPCR_ROLE.NOCHANGE, 0n)).role, of13.OFPCR_ROLE.EQUAL);
  assert.equal((await role(a, of13.OFPCR_ROLE.MASTER, 5n)).role, of13.OFPCR_ROLE.MASTER);
  assert.equal((await role(b, of13.OFPCR_ROLE.MASTER, 6n)).role, of13.OFPCR_ROLE.MASTER);
  assert.equal(
    (await role(a, of13.OFPCR_ROLE.NOCHANGE, 0n)).role,
    of13.OFPCR_ROLE.SLAVE,
    "demoted",
  );
  assert.equal(await refused(a, fwd(1, 2)), "OFPBRC_IS_SLAVE");
  assert.equal(await refused(a, of13.roleRequest(of13.OFPCR_ROLE.MASTER, 4n)), "OFPRRFC_STALE");
  assert.equal(await refused(a, of13.roleRequest(9, 7n)), "OFPRRFC_BAD_ROLE");
  b.send(fwd(1, 2));
  assert.equal((await b.barrier()).type, "BARRIER_REPLY");
  assert.deepEqual(sw.channels.map((c) => c.role).sort(), ["master", "slave"]);
  // A slave gets no packet-ins by default; GET_ASYNC shows SET_ASYNC's masks.
  a.send(of13.setAsync({ packetInMask: [1, 1], portStatusMask: [0, 0], flowRemovedMask: [0, 0] }));
  const cfg = (await a.transact(of13.getAsyncRequest())) as Of13AsyncConfig;
  assert.deepEqual(cfg.packetInMask, [1, 1]);
});
