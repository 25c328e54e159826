// OpenFlow 1.0 statistics (1.0.0 §5.3.5): description, flow (with match, table and out_port
// filters), aggregate, table, port and queue statistics, with counters checked after known
// traffic.
import assert from "node:assert/strict";
import { of10 } from "../../src/ofp/mod.ts";
import type {
  Of10AggregateStatsBody,
  Of10DescStatsBody,
  Of10FeaturesReply,
  Of10PortStats,
  Of10TableStats,
} from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { tcp4, tcp6, udp4 } from "../_frames.ts";
import { flow, type T10, to } from "./_util.ts";

const group = "stats";
const opts = { version: 1, group, ports: 3 } as const;

async function traffic(t: T10, port: number, frame: Uint8Array, out: number[], n: number) {
  for (let i = 0; i < n; i++) {
    await t.send(port, frame);
    await t.verifyPackets(frame, out);
  }
}

async function until(check: () => Promise<void>, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > end) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

switchTest("description strings fit their fields", opts, async (t) => {
  const [part] = await t.conn.transactMultipart(of10.descStatsRequest());
  const d = (part as unknown as { body: Of10DescStatsBody }).body;
  assert.equal(d.type, "DESC");
  for (
    const [field, max] of [["mfrDesc", 256], ["hwDesc", 256], ["swDesc", 256], ["dpDesc", 256], [
      "serialNum",
      32,
    ]] as const
  ) {
    assert.ok(d[field].length < max, `${field}: at most ${max - 1} characters`);
  }
  assert.ok(
    d.mfrDesc.length > 0 || d.swDesc.length > 0,
    "the switch says who made it or what it runs",
  );
});

switchTest("flow stats list every entry, and those a match covers", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    flow({ inPort: a, dlType: 0x0800, nwProto: 6 }, to(b), { cookie: 1n }),
    flow({ inPort: a, dlType: 0x0800 }, to(b), { cookie: 2n }),
    flow({ inPort: a }, to(b), { cookie: 3n }),
    flow({ inPort: b }, to(a), { cookie: 4n }),
  );
  assert.deepEqual((await t.flowStats()).map((e) => e.cookie).sort(), [1n, 2n, 3n, 4n]);
  const some = await t.flowStats({ match: of10.match({ inPort: a, dlType: 0x0800 }) });
  assert.deepEqual(some.map((e) => e.cookie).sort(), [1n, 2n]);
});

switchTest("flow stats by out_port", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    flow({ inPort: a }, to(b), { cookie: 1n }),
    flow({ inPort: b }, to(c, a), { cookie: 2n }),
  );
  assert.deepEqual((await t.flowStats({ outPort: a })).map((e) => e.cookie), [2n]);
});

switchTest("flow stats of table 0 and of all tables agree", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ inPort: a }, to(b)), flow({ inPort: b }, to(a)));
  assert.equal((await t.flowStats({ tableId: 0 })).length, 2);
  assert.equal((await t.flowStats({ tableId: 0xff })).length, 2);
});

switchTest("flow counters count the frames and bytes that hit the entry", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    flow({ inPort: a, dlType: 0x0800 }, to(b), { cookie: 1n }),
    flow({ inPort: a, dlType: 0x86dd }, to(b), { cookie: 2n }),
  );
  await traffic(t, a, tcp4(), [b], 3);
  await traffic(t, a, tcp6(), [b], 1);
  const got = new Map((await t.flowStats()).map((e) => [e.cookie, e]));
  assert.deepEqual([got.get(1n)?.packetCount, got.get(1n)?.byteCount], [
    3n,
    BigInt(3 * tcp4().length),
  ]);
  assert.deepEqual([got.get(2n)?.packetCount, got.get(2n)?.byteCount], [1n, BigInt(tcp6().length)]);
});

switchTest("aggregate stats sum the entries the filter selects", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(flow({ inPort: a }, to(b)), flow({ inPort: b }, to(c)));
  await traffic(t, a, udp4(), [b], 2);
  await traffic(t, b, tcp4(), [c], 3);
  const all = await t.aggregateStats() as Of10AggregateStatsBody;
  assert.deepEqual(
    [all.flowCount, all.packetCount, all.byteCount],
    [2, 5n, BigInt(2 * udp4().length + 3 * tcp4().length)],
  );
  const one = await t.aggregateStats({
    match: of10.match({ inPort: b }),
  }) as Of10AggregateStatsBody;
  assert.deepEqual([one.flowCount, one.packetCount], [1, 3n]);
});

switchTest("table stats: active entries, lookups and matches after traffic", opts, async (t) => {
  const [a, b] = t.ports;
  const table0 = async () => (await t.tableStats()).find((e) => e.tableId === 0) as Of10TableStats;
  const before = await table0();
  await t.install(flow({ inPort: a, dlType: 0x0800 }, to(b)), flow({ inPort: b }, to(a)));
  await traffic(t, a, tcp4(), [b], 3);
  await until(async () => {
    const now = await table0();
    assert.equal(now.activeCount, 2, "active_count");
    assert.ok(now.matchedCount - before.matchedCount >= 3n, "matched_count grew by the 3 frames");
    assert.ok(now.lookupCount - before.lookupCount >= now.matchedCount - before.matchedCount);
    assert.ok(now.maxEntries > 0, "max_entries");
  });
});

switchTest("table stats list n_tables tables", opts, async (t) => {
  const f = await t.conn.transact(of10.featuresRequest()) as Of10FeaturesReply;
  const tables = await t.tableStats();
  assert.equal(tables.length, f.nTables);
});

switchTest("port stats count what came in and what went out", opts, async (t) => {
  const [a, b] = t.ports;
  const read = async () =>
    new Map((await t.portStats()).map((e) => [e.portNo, e as Of10PortStats]));
  const before = await read();
  await t.install(flow({ inPort: a }, to(b)));
  await traffic(t, a, tcp4(), [b], 3);
  await until(async () => {
    const now = await read();
    assert.equal(now.get(a)!.rxPackets - before.get(a)!.rxPackets, 3n, "port a rx_packets");
    assert.equal(
      now.get(a)!.rxBytes - before.get(a)!.rxBytes,
      BigInt(3 * tcp4().length),
      "port a rx_bytes",
    );
    assert.equal(now.get(b)!.txPackets - before.get(b)!.txPackets, 3n, "port b tx_packets");
    assert.equal(
      now.get(b)!.txBytes - before.get(b)!.txBytes,
      BigInt(3 * tcp4().length),
      "port b tx_bytes",
    );
  });
});

switchTest("port stats of one port", opts, async (t) => {
  const [, , c] = t.ports;
  assert.deepEqual((await t.portStats(c)).map((e) => e.portNo), [c]);
});

switchTest("queue stats of every queue name only existing ports", opts, async (t) => {
  const f = await t.conn.transact(of10.featuresRequest()) as Of10FeaturesReply;
  const ports = new Set(f.ports.map((p) => p.portNo));
  for (const q of await t.queueStats()) assert.ok(ports.has(q.portNo), `queue on port ${q.portNo}`);
});

switchTest("queue stats of a queue a port lacks: OFPQOFC_BAD_QUEUE", opts, async (t) => {
  await t.verifyError(
    of10.queueStatsRequest(t.ports[0], 0xabcd),
    { type: of10.OFPET.QUEUE_OP_FAILED, code: of10.OFPQOFC.BAD_QUEUE },
  );
});

switchTest("queue configuration of a port", opts, async (t) => {
  const [a] = t.ports;
  const reply = await t.conn.transact(of10.queueGetConfigRequest(a));
  assert.equal(reply.type, "QUEUE_GET_CONFIG_REPLY");
  assert.equal((reply as { port: number }).port, a);
});

switchTest("an unknown stats type: OFPBRC_BAD_STAT", opts, async (t) => {
  await t.verifyError(
    of10.statsRequest({ type: "UNKNOWN", statsType: 0x77, data: new Uint8Array(0) }),
    { type: of10.OFPET.BAD_REQUEST, code: of10.OFPBRC.BAD_STAT },
  );
});

switchTest("a vendor stats request of an unknown vendor: OFPBRC_BAD_VENDOR", opts, async (t) => {
  await t.verifyError(
    of10.vendorStatsRequest(0x00fe_dcba, new Uint8Array(8)),
    { type: of10.OFPET.BAD_REQUEST, code: of10.OFPBRC.BAD_VENDOR },
  );
});
