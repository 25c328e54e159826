// OpenFlow 1.3 flow expiry and FLOW_REMOVED (1.3.5 §5.5, §6.4, §7.4.2): idle and hard
// timeouts remove entries, traffic keeps an idle entry alive, and a FLOW_REMOVED with the right
// reason, cookie, priority, timeouts, table, match and counters is sent only for entries with
// SEND_FLOW_REM (and only when the async configuration asks for that reason).
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import type { Of13FlowRemoved } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { tcp4 } from "../_frames.ts";
import { eventually, flow, flowCount, type T13, to, withAsync } from "./_util.ts";

const group = "flow-removed";
const opts = { version: 4, group, ports: 2, timeout: 30_000 } as const;
const { OFPFF, OFPRR } = of13;

async function flowRemoved(t: T13, ms: number): Promise<Of13FlowRemoved | undefined> {
  return await t.conn.poll("FLOW_REMOVED", { timeout: ms }) as Of13FlowRemoved | undefined;
}

async function expectRemoved(t: T13, ms = 8000): Promise<Of13FlowRemoved> {
  const msg = await flowRemoved(t, ms);
  assert.ok(msg, `Expected a FLOW_REMOVED within ${ms} ms, got none`);
  return msg;
}

switchTest("idle timeout removes the entry: FLOW_REMOVED reason IDLE_TIMEOUT", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, to(b), {
    idleTimeout: 1,
    priority: 77,
    cookie: 0xc0ffeen,
    flags: OFPFF.SEND_FLOW_REM,
  }));
  const msg = await expectRemoved(t);
  assert.deepEqual(
    {
      reason: msg.reason,
      cookie: msg.cookie,
      priority: msg.priority,
      idle: msg.idleTimeout,
      hard: msg.hardTimeout,
      table: msg.tableId,
    },
    { reason: OFPRR.IDLE_TIMEOUT, cookie: 0xc0ffeen, priority: 77, idle: 1, hard: 0, table: 0 },
  );
  assert.deepEqual(msg.match, of13.match({ in_port: a }));
  assert.ok(msg.durationSec >= 1, `duration: expected at least 1 s, got ${msg.durationSec} s`);
  assert.equal(await flowCount(t), 0);
});

switchTest(
  "hard timeout removes the entry despite traffic: reason HARD_TIMEOUT",
  opts,
  async (t) => {
    const [a, b] = t.ports;
    await t.install(flow({ in_port: a }, to(b), {
      hardTimeout: 2,
      cookie: 5n,
      flags: OFPFF.SEND_FLOW_REM,
    }));
    const start = Date.now();
    let sent = 0;
    while (Date.now() - start < 1200) {
      await t.send(a, tcp4());
      await t.verifyPackets(tcp4(), [b]);
      sent++;
      await new Promise((r) => setTimeout(r, 200));
    }
    const msg = await expectRemoved(t);
    assert.equal(msg.reason, OFPRR.HARD_TIMEOUT);
    assert.equal(msg.hardTimeout, 2);
    assert.equal(msg.cookie, 5n);
    assert.equal(msg.packetCount, BigInt(sent), "packet count");
    assert.equal(msg.byteCount, BigInt(sent * tcp4().length), "byte count");
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4(), []);
  },
);

switchTest("traffic keeps an idle entry alive", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, to(b), { idleTimeout: 3, flags: OFPFF.SEND_FLOW_REM }));
  const start = Date.now();
  while (Date.now() - start < 5000) {
    await t.send(a, tcp4());
    await t.verifyPackets(tcp4(), [b]);
    await new Promise((r) => setTimeout(r, 300));
  }
  assert.equal(await flowRemoved(t, 0), undefined, "no FLOW_REMOVED while traffic flows");
  assert.equal(await flowCount(t), 1, "the entry is still there after more than its idle timeout");
  const msg = await expectRemoved(t);
  assert.equal(msg.reason, OFPRR.IDLE_TIMEOUT);
});

switchTest("expiry without SEND_FLOW_REM sends no FLOW_REMOVED", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, to(b), { hardTimeout: 1 }));
  await eventually(async () => assert.equal(await flowCount(t), 0), 8000);
  assert.equal(await flowRemoved(t, 1000), undefined);
});

switchTest(
  "delete of an entry with SEND_FLOW_REM: reason DELETE with its counters",
  opts,
  async (t) => {
    const [a, b] = t.ports;
    await t.install(flow({ in_port: a }, to(b), { cookie: 0x42n, flags: OFPFF.SEND_FLOW_REM }));
    for (let i = 0; i < 3; i++) {
      await t.send(a, tcp4());
      await t.verifyPackets(tcp4(), [b]);
    }
    await t.deleteAllFlows();
    const msg = await expectRemoved(t, 3000);
    assert.equal(msg.reason, OFPRR.DELETE);
    assert.equal(msg.cookie, 0x42n);
    assert.equal(msg.packetCount, 3n);
    assert.equal(msg.byteCount, BigInt(3 * tcp4().length));
  },
);

switchTest("delete of an entry without SEND_FLOW_REM sends no FLOW_REMOVED", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, to(b)));
  await t.deleteAllFlows();
  assert.equal(await flowRemoved(t, 500), undefined);
});

switchTest("overwriting an entry with SEND_FLOW_REM sends no FLOW_REMOVED", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, to(b), { flags: OFPFF.SEND_FLOW_REM }));
  await t.install(flow({ in_port: a }, to(a), { flags: OFPFF.SEND_FLOW_REM }));
  assert.equal(await flowRemoved(t, 500), undefined);
});

switchTest("delete-strict sends FLOW_REMOVED for the one entry it removes", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(
    flow({ in_port: a }, to(b), { priority: 1, cookie: 1n, flags: OFPFF.SEND_FLOW_REM }),
    flow({ in_port: a }, to(b), { priority: 2, cookie: 2n, flags: OFPFF.SEND_FLOW_REM }),
  );
  await t.install(of13.flowMod({
    command: of13.OFPFC.DELETE_STRICT,
    match: of13.match({ in_port: a }),
    priority: 2,
  }));
  const msg = await expectRemoved(t, 3000);
  assert.equal(msg.cookie, 2n);
  assert.equal(await flowRemoved(t, 300), undefined, "only one FLOW_REMOVED");
});

switchTest("async mask without IDLE_TIMEOUT suppresses idle FLOW_REMOVED", opts, async (t) => {
  const [a, b] = t.ports;
  const mask = (1 << OFPRR.HARD_TIMEOUT) | (1 << OFPRR.DELETE) | (1 << OFPRR.GROUP_DELETE);
  await withAsync(t, { flowRemovedMask: [mask, 0] }, async () => {
    await t.install(flow({ in_port: a }, to(b), { idleTimeout: 1, flags: OFPFF.SEND_FLOW_REM }));
    await eventually(async () => assert.equal(await flowCount(t), 0), 8000);
    assert.equal(await flowRemoved(t, 1000), undefined);
  });
});

switchTest("flow stats report how long the entry has been in the table", opts, async (t) => {
  const [a, b] = t.ports;
  await t.install(flow({ in_port: a }, to(b), { hardTimeout: 30 }));
  await new Promise((r) => setTimeout(r, 1100));
  const [e] = await t.flowStats();
  assert.ok(e.durationSec >= 1, `duration_sec: expected at least 1, got ${e.durationSec}`);
  assert.ok(e.durationNsec < 1e9, `duration_nsec below 10^9, got ${e.durationNsec}`);
  assert.equal(e.hardTimeout, 30);
});
