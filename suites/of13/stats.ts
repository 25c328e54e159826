// OpenFlow 1.3 multipart statistics (1.3.5 §7.3.5): description, flow (with every filter),
// aggregate, table, port, port description, queue and table features, with the counters
// checked after known traffic. Group and meter statistics are in their own modules.
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import type {
  Of13AggregateBody,
  Of13DescBody,
  Of13FeaturesReply,
  Of13PortStats,
  Of13TableFeatures,
  OfpMessage,
} from "../../src/ofp/mod.ts";
import { statsEntries, switchTest } from "../../src/testing/mod.ts";
import { tcp4, tcp6, udp4 } from "../_frames.ts";
import { eventually, flow, type T13, to } from "./_util.ts";

const group = "stats";
const opts = { version: 4, group, ports: 3 } as const;

async function body<B>(t: T13, request: OfpMessage): Promise<B> {
  const parts = await t.conn.transactMultipart(request);
  assert.equal(parts.length, 1, "a single reply part");
  assert.equal(parts[0].type, "MULTIPART_REPLY");
  return (parts[0] as unknown as { body: B }).body;
}

/** Sends `n` copies of `frame` into `port`; each must leave by `out`. */
async function traffic(t: T13, port: number, frame: Uint8Array, out: number[], n: number) {
  for (let i = 0; i < n; i++) {
    await t.send(port, frame);
    await t.verifyPackets(frame, out);
  }
}

switchTest("description strings fit their fields", opts, async (t) => {
  const d = await body<Of13DescBody>(t, of13.descRequest());
  assert.equal(d.type, "DESC");
  for (
    const [field, max] of [["mfrDesc", 256], ["hwDesc", 256], ["swDesc", 256], ["dpDesc", 256], [
      "serialNum",
      32,
    ]] as const
  ) {
    assert.equal(typeof d[field], "string", field);
    assert.ok(
      d[field].length < max,
      `${field}: at most ${max - 1} characters, got ${d[field].length}`,
    );
  }
  assert.ok(
    d.mfrDesc.length > 0 || d.swDesc.length > 0,
    "the switch says who made it or what it runs",
  );
});

switchTest("flow stats list the entries of every table", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    flow({ in_port: a }, to(b), { tableId: 0, cookie: 1n }),
    flow({ in_port: a }, to(b), { tableId: 3, cookie: 2n }),
    flow({ in_port: b }, to(a), { tableId: 3, cookie: 3n }),
  );
  const all = await t.flowStats();
  assert.deepEqual(all.map((e) => [e.tableId, e.cookie]).sort(), [[0, 1n], [3, 2n], [3, 3n]]);
  const t3 = await t.flowStats({ tableId: 3 });
  assert.deepEqual(t3.map((e) => e.cookie).sort(), [2n, 3n]);
});

switchTest("flow stats by match select the entries it covers", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    flow({ in_port: a, eth_type: 0x0800, ip_proto: 6 }, to(b), { cookie: 1n }),
    flow({ in_port: a, eth_type: 0x0800 }, to(b), { cookie: 2n }),
    flow({ in_port: a }, to(b), { cookie: 3n }),
    flow({ in_port: b, eth_type: 0x0800 }, to(a), { cookie: 4n }),
  );
  const got = await t.flowStats({ match: of13.match({ in_port: a, eth_type: 0x0800 }) });
  assert.deepEqual(got.map((e) => e.cookie).sort(), [1n, 2n]);
});

switchTest("flow stats by out_port", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    flow({ in_port: a }, to(b), { cookie: 1n }),
    flow({ in_port: b }, to(c, a), { cookie: 2n }),
    flow({ in_port: c }, to(b), { cookie: 3n }),
  );
  const got = await t.flowStats({ outPort: a });
  assert.deepEqual(got.map((e) => e.cookie), [2n]);
});

switchTest("flow stats by cookie and mask", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    flow({ in_port: a }, to(b), { cookie: 0x1_00_01n }),
    flow({ in_port: b }, to(c), { cookie: 0x1_00_02n }),
    flow({ in_port: c }, to(a), { cookie: 0x2_00_01n }),
  );
  const got = await t.flowStats({ cookie: 0x1_00_00n, cookieMask: 0xf_00_00n });
  assert.deepEqual(got.map((e) => e.cookie).sort(), [0x1_00_01n, 0x1_00_02n]);
  const exact = await t.flowStats({ cookie: 0x2_00_01n, cookieMask: ~0n & 0xffff_ffff_ffff_ffffn });
  assert.deepEqual(exact.map((e) => e.cookie), [0x2_00_01n]);
});

switchTest("flow counters count the frames and bytes that hit the entry", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    flow({ in_port: a, eth_type: 0x0800 }, to(b), { cookie: 1n }),
    flow({ in_port: a, eth_type: 0x86dd }, to(b), { cookie: 2n }),
  );
  await traffic(t, a, tcp4(), [b], 3);
  await traffic(t, a, tcp6(), [b], 2);
  const got = new Map((await t.flowStats()).map((e) => [e.cookie, e]));
  assert.equal(got.get(1n)?.packetCount, 3n);
  assert.equal(got.get(1n)?.byteCount, BigInt(3 * tcp4().length));
  assert.equal(got.get(2n)?.packetCount, 2n);
  assert.equal(got.get(2n)?.byteCount, BigInt(2 * tcp6().length));
});

switchTest("aggregate stats sum the entries the filter selects", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    flow({ in_port: a }, to(b), { cookie: 0x10n }),
    flow({ in_port: b }, to(c), { cookie: 0x11n }),
    flow({ in_port: c }, to(a), { cookie: 0x20n }),
  );
  await traffic(t, a, udp4(), [b], 2);
  await traffic(t, b, tcp4(), [c], 3);
  await traffic(t, c, tcp6(), [a], 1);
  const all = await t.aggregateStats() as Of13AggregateBody;
  assert.deepEqual(
    [all.flowCount, all.packetCount, all.byteCount],
    [3, 6n, BigInt(2 * udp4().length + 3 * tcp4().length + tcp6().length)],
  );
  const some = await t.aggregateStats({ cookie: 0x10n, cookieMask: 0xf0n }) as Of13AggregateBody;
  assert.deepEqual(
    [some.flowCount, some.packetCount, some.byteCount],
    [2, 5n, BigInt(2 * udp4().length + 3 * tcp4().length)],
  );
});

switchTest("aggregate stats of an empty selection are zero", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, to(b)));
  const none = await t.aggregateStats({ tableId: 5 }) as Of13AggregateBody;
  assert.deepEqual([none.flowCount, none.packetCount, none.byteCount], [0, 0n, 0n]);
});

switchTest(
  "table stats: active entries per table, lookups and matches after traffic",
  opts,
  async (t) => {
    const [a, b] = t.ports;
    const before = new Map((await t.tableStats()).map((e) => [e.tableId, e]));
    await t.install(
      flow({ in_port: a, eth_type: 0x0800 }, to(b), { tableId: 0 }),
      flow({ in_port: a, eth_type: 0x86dd }, to(b), { tableId: 0 }),
      flow({ in_port: b }, to(a), { tableId: 1 }),
    );
    await traffic(t, a, tcp4(), [b], 3);
    await traffic(t, a, udp4({ eth: { dst: "00:00:00:00:00:01" } }), [b], 1);
    await eventually(async () => {
      const now = new Map((await t.tableStats()).map((e) => [e.tableId, e]));
      assert.equal(now.get(0)?.activeCount, 2, "table 0 active_count");
      assert.equal(now.get(1)?.activeCount, 1, "table 1 active_count");
      const matched = now.get(0)!.matchedCount - before.get(0)!.matchedCount;
      const lookups = now.get(0)!.lookupCount - before.get(0)!.lookupCount;
      assert.ok(matched >= 4n, `table 0 matched_count grew by ${matched}, expected at least 4`);
      assert.ok(lookups >= matched, `lookups (${lookups}) at least the matches (${matched})`);
    });
  },
);

switchTest("table stats list n_tables tables", opts, async (t) => {
  const f = await t.conn.transact(of13.featuresRequest()) as Of13FeaturesReply;
  const tables = await t.tableStats();
  assert.equal(tables.length, f.nTables);
  assert.deepEqual(tables.map((e) => e.tableId), [...Array(f.nTables).keys()]);
});

switchTest("port stats count what came in and what went out", opts, async (t) => {
  const [a, b] = t.ports;
  const read = async () =>
    new Map((await t.portStats()).map((e) => [e.portNo, e as Of13PortStats]));
  const before = await read();
  await t.install(flow({ in_port: a }, to(b)));
  await traffic(t, a, tcp4(), [b], 4);
  await eventually(async () => {
    const now = await read();
    const d = (p: number, f: "rxPackets" | "txPackets" | "rxBytes" | "txBytes") =>
      now.get(p)![f] - before.get(p)![f];
    assert.equal(d(a, "rxPackets"), 4n, "port a rx_packets");
    assert.equal(d(a, "rxBytes"), BigInt(4 * tcp4().length), "port a rx_bytes");
    assert.equal(d(b, "txPackets"), 4n, "port b tx_packets");
    assert.equal(d(b, "txBytes"), BigInt(4 * tcp4().length), "port b tx_bytes");
  });
});

switchTest("port stats of one port", opts, async (t) => {
  const [, b] = t.ports;
  const got = await t.portStats(b);
  assert.deepEqual(got.map((e) => e.portNo), [b]);
  assert.ok((got[0] as Of13PortStats).durationSec >= 0);
});

switchTest("port description lists the data ports, up and unconfigured", opts, async (t) => {
  const ports = await statsEntries(t.conn, of13.portDescRequest()) as {
    portNo: number;
    config: number;
    state: number;
    hwAddr: string;
    name: string;
  }[];
  for (const p of t.ports) {
    const d = ports.find((e) => e.portNo === p);
    assert.ok(d, `port ${p} is listed`);
    assert.equal(d.config & of13.OFPPC.PORT_DOWN, 0, `port ${p} is not administratively down`);
    assert.equal(d.state & of13.OFPPS.LINK_DOWN, 0, `port ${p} has its link up`);
    assert.match(d.hwAddr, /^[0-9a-f]{2}(:[0-9a-f]{2}){5}$/);
    assert.ok(d.name.length > 0 && d.name.length < 16, "a name of at most 15 characters");
  }
  assert.equal(new Set(ports.map((p) => p.portNo)).size, ports.length, "each port once");
});

switchTest("queue stats of every queue name only existing ports", opts, async (t) => {
  const ports = new Set(
    (await statsEntries(t.conn, of13.portDescRequest()) as { portNo: number }[]).map((p) =>
      p.portNo
    ),
  );
  const queues = await t.queueStats();
  for (const q of queues) {
    assert.ok(ports.has(q.portNo), `queue ${q.queueId} is on port ${q.portNo}, which exists`);
  }
});

switchTest("queue stats of a queue a port lacks: OFPQOFC_BAD_QUEUE", opts, async (t) => {
  await t.verifyError(
    of13.queueStatsRequest(t.ports[0], 0xabcd),
    { type: of13.OFPET.QUEUE_OP_FAILED, code: of13.OFPQOFC.BAD_QUEUE },
  );
});

switchTest(
  "table features: one entry per table, with the match fields and instructions",
  opts,
  async (t) => {
    const f = await t.conn.transact(of13.featuresRequest()) as Of13FeaturesReply;
    const entries = await statsEntries(
      t.conn,
      of13.tableFeaturesRequest(),
      10_000,
    ) as Of13TableFeatures[];
    assert.equal(entries.length, f.nTables, "one entry per table");
    assert.equal(new Set(entries.map((e) => e.tableId)).size, entries.length, "each table once");
    const t0 = entries.find((e) => e.tableId === 0)!;
    assert.ok(t0.maxEntries > 0, "table 0 holds entries");
    const match = t0.properties.find((p) => p.type === "MATCH");
    assert.ok(match && "oxmIds" in match, "a MATCH property");
    const IN_PORT = (of13.OFPXMC.OPENFLOW_BASIC << 16 | of13.OFPXMT.IN_PORT << 9 | 4) >>> 0;
    assert.ok(match.oxmIds.map((id) => id >>> 0).includes(IN_PORT), "in_port is matchable");
    const inst = t0.properties.find((p) => p.type === "INSTRUCTIONS");
    assert.ok(inst && "ids" in inst, "an INSTRUCTIONS property");
    const types = inst.ids.map((i) => i.type);
    assert.ok(types.includes(of13.OFPIT.APPLY_ACTIONS), "APPLY_ACTIONS is supported");
    assert.ok(types.includes(of13.OFPIT.GOTO_TABLE), "GOTO_TABLE is supported in table 0");
  },
);

switchTest("queue configuration of a port", opts, async (t) => {
  const [a] = t.ports;
  const reply = await t.conn.transact(of13.queueGetConfigRequest(a));
  assert.equal(reply.type, "QUEUE_GET_CONFIG_REPLY");
  assert.equal((reply as { port: number }).port, a);
});
