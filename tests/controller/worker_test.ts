// The Controller through its socket worker over real loopback TCP, driven by the in-process
// scripted peer of _scripted_switch.ts (which does only what each test scripts).
import assert from "node:assert/strict";
import { configure, type LogRecord, reset } from "@logtape/logtape";
import {
  ConnectionClosedError,
  Controller,
  type SwitchConnection,
} from "../../src/controller/mod.ts";
import * as F from "./_frames.ts";
import { ScriptedListener, ScriptedSwitch } from "./_scripted_switch.ts";

const local = { hostname: "127.0.0.1", port: 0 };
const raw = (m: unknown) => m as { msgType: number; xid: number; body: Uint8Array };

async function connected(
  options: ConstructorParameters<typeof Controller>[0] = {},
  dpid = 1n,
): Promise<{ controller: Controller; sw: ScriptedSwitch; conn: SwitchConnection }> {
  const controller = new Controller({ listen: local, ...options });
  const [{ port }] = await controller.listening;
  const sw = await ScriptedSwitch.dial(port);
  await sw.handshake(dpid);
  const conn = await controller.connect({ timeout: 2000 });
  return { controller, sw, conn };
}

Deno.test("worker: listens on port 0, reports the address, handshakes and echoes", async () => {
  await using controller = new Controller({ listen: local });
  const addresses = await controller.listening;
  assert.equal(addresses.length, 1);
  assert.equal(addresses[0].hostname, "127.0.0.1");
  assert.ok(addresses[0].port > 0);
  assert.deepEqual(controller.addresses, addresses);
  const sw = await ScriptedSwitch.dial(addresses[0].port);
  await sw.handshake(0xabcn);
  const conn = await controller.connect();
  assert.equal(conn.version, 4);
  assert.equal(conn.datapathId, 0xabcn);
  assert.equal(conn.remote.hostname, "127.0.0.1");
  await sw.write(F.frame(4, 2, 42, [1, 2, 3]));
  assert.deepEqual(await sw.expect(3), F.frame(4, 3, 42, [1, 2, 3]));
  const p = conn.barrier();
  const req = await sw.expect(20);
  await sw.write(F.frame(4, 21, F.xidOf(req)));
  assert.equal((await p).xid, F.xidOf(req));
  const t = conn.transact(F.frame(4, F.UNKNOWN_2, 0));
  await sw.write(F.frame(4, F.UNKNOWN, F.xidOf(await sw.expect(F.UNKNOWN_2)), [1, 2]));
  const reply = raw(await t);
  assert.deepEqual([...reply.body], [1, 2]);
  assert.equal(reply.body.buffer.byteLength, 10, "a small read keeps only its own bytes alive");
  const c = conn.counters;
  assert.equal(c.received, 5, "HELLO, FEATURES_REPLY, ECHO_REQUEST, BARRIER_REPLY, the reply");
  assert.equal(c.bytesIn, 16 + 32 + 11 + 8 + 10);
  assert.equal(c.bytesOut, 16 + 8 + 11 + 8 + 8);
  assert.deepEqual(controller.counters, c, "one connection: totals equal its counters");
  await sw.close();
  assert.match((await conn.closed).message, /closed by the switch/);
});

Deno.test("worker: IPv4 and IPv6 listeners at once, many switches, waitForSwitch", async () => {
  await using controller = new Controller({
    listen: [local, { hostname: "::1", port: 0 }],
  });
  const [v4, v6] = await controller.listening;
  assert.equal(v6.hostname, "::1");
  const a = await ScriptedSwitch.dial(v4.port);
  const b = await ScriptedSwitch.dial(v6.port, "::1");
  await Promise.all([a.handshake(1n), b.handshake(2n, 1, [1])]);
  const c2 = await controller.waitForSwitch(2n);
  const c1 = await controller.waitForSwitch(1n);
  assert.equal(c2.version, 1);
  assert.equal(c2.remote.hostname, "::1");
  assert.equal(c1.version, 4);
  assert.equal(controller.switches.length, 2);
  // each connection has its own transactions
  const p1 = c1.barrier();
  const p2 = c2.barrier();
  const r1 = await a.expect(20);
  const r2 = await b.expect(18);
  await b.write(F.frame(1, 19, F.xidOf(r2)));
  await a.write(F.frame(4, 21, F.xidOf(r1)));
  await Promise.all([p1, p2]);
  await Promise.all([a.close(), b.close()]);
});

Deno.test("worker: partial frames across reads and a frame larger than a read", async () => {
  const { controller, sw, conn } = await connected();
  await using _ = controller;
  const big = F.frame(4, F.UNKNOWN, 5, new Uint8Array(60_000).fill(7));
  const stream = F.concat(F.frame(4, F.UNKNOWN, 1, [1, 2, 3]), big, F.frame(4, F.UNKNOWN, 9));
  await sw.writeSlowly(stream.subarray(0, 40), 3, 1);
  await sw.write(stream.subarray(40));
  assert.deepEqual([...raw(await conn.poll()).body], [1, 2, 3]);
  const m = raw(await conn.poll());
  assert.equal(m.body.length, 60_000);
  assert.ok(m.body.every((b) => b === 7));
  assert.equal(raw(await conn.poll()).xid, 9);
  await sw.close();
});

Deno.test("worker: a header length below 8 is a parse error that closes the connection", async () => {
  const { controller, sw, conn } = await connected();
  await using _ = controller;
  await sw.write(
    F.concat(F.frame(4, F.UNKNOWN, 1), new Uint8Array([4, 12, 0, 2, 0, 0, 0, 0, 9, 9])),
  );
  const reason = await conn.closed;
  assert.ok(reason instanceof ConnectionClosedError);
  assert.match(reason.message, /header length 2 is below the 8-byte header/);
  assert.equal(conn.counters.parseErrors, 1);
  assert.equal(raw(await conn.poll()).xid, 1, "frames before the bad one were delivered");
  assert.equal(await sw.read(), undefined, "the switch sees the connection closed");
  assert.ok(sw.eof);
  await sw.close();
});

Deno.test("worker: a disconnect mid-transaction rejects it; slow replies within the deadline succeed", async () => {
  const { controller, sw, conn } = await connected();
  await using _ = controller;
  const slow = conn.transact(F.frame(4, 18, 0), { timeout: 2000 });
  const req = await sw.expect(18);
  await new Promise((r) => setTimeout(r, 50));
  await sw.write(F.frame(4, F.UNKNOWN, F.xidOf(req)));
  assert.equal((await slow).xid, F.xidOf(req));
  const pending = conn.transact(F.frame(4, 18, 0));
  await sw.expect(18);
  await sw.close();
  const err = await pending.catch((e) => e);
  assert.ok(err instanceof ConnectionClosedError);
  assert.equal(err.connectionId, conn.id);
});

Deno.test("worker: a flood of packet-ins reaches the handler, counted, in order", async () => {
  const { controller, sw, conn } = await connected();
  await using _ = controller;
  const n = 50_000;
  let next = 0;
  let inOrder = true;
  conn.register("all", (m) => {
    if (F.packetInMarker(m) !== next++) inOrder = false;
    return true;
  });
  const batch = 1000;
  for (let i = 0; i < n; i += batch) {
    await sw.write(F.concat(...Array.from({ length: batch }, (_, j) => F.packetIn13(i + j))));
  }
  const p = conn.barrier({ timeout: 10_000 });
  const req = await sw.expect(20, 10_000);
  await sw.write(F.frame(4, 21, F.xidOf(req)));
  await p;
  assert.equal(next, n);
  assert.ok(inOrder);
  assert.equal(conn.counters.packetIns, n);
  assert.equal(
    conn.counters.handled,
    n + 3,
    "HELLO, FEATURES_REPLY, the packet-ins, BARRIER_REPLY",
  );
  await sw.close();
});

Deno.test("worker: close() while an accept and a connect() are pending", async () => {
  const controller = new Controller({ listen: local });
  await controller.listening;
  const waiting = controller.connect({ timeout: 5000 }).catch((e) => e);
  await controller.close();
  assert.ok((await waiting) instanceof ConnectionClosedError);
  await controller.close(); // idempotent
  await controller.closed;
});

Deno.test("worker: close() rejects pending work and closes every switch connection", async () => {
  const { controller, sw, conn } = await connected();
  const pending = conn.transact(F.frame(4, 18, 0)).catch((e) => e);
  const poll = conn.poll("HELLO", { timeout: 5000 }).catch((e) => e);
  await controller.close();
  assert.ok((await pending) instanceof ConnectionClosedError);
  assert.ok((await poll) instanceof ConnectionClosedError);
  await sw.expect(18); // the request went out before the socket closed
  assert.equal(await sw.read(), undefined);
  assert.ok(sw.eof);
  await sw.close();
  assert.ok(conn.isClosed);
});

Deno.test("worker: single-switch mode keeps the first switch primary; the next takes over after it closes", async () => {
  await using controller = new Controller({ listen: local });
  const [{ port }] = await controller.listening;
  const a = await ScriptedSwitch.dial(port);
  await a.handshake(1n);
  const first = await controller.connect();
  const b = await ScriptedSwitch.dial(port);
  await b.handshake(2n);
  await controller.waitForSwitch(2n);
  assert.equal((await controller.connect()).datapathId, 1n);
  assert.equal(controller.primary, first);
  const p = controller.barrier();
  await a.write(F.frame(4, 21, F.xidOf(await a.expect(20))));
  await p;
  await a.close();
  await first.closed;
  assert.equal((await controller.connect()).datapathId, 2n);
  await b.close();
});

Deno.test("worker: a restarted switch is found again by datapath id", async () => {
  await using controller = new Controller({ listen: local });
  const [{ port }] = await controller.listening;
  const a = await ScriptedSwitch.dial(port);
  await a.handshake(7n);
  const before = await controller.waitForSwitch(7n);
  await a.close();
  await before.closed;
  const again = controller.waitForSwitch(7n, { timeout: 2000 });
  const a2 = await ScriptedSwitch.dial(port);
  await a2.handshake(7n);
  const after = await again;
  assert.notEqual(after, before);
  assert.equal(after.state, "ready");
  await a2.close();
});

Deno.test("worker: active mode dials with retry, and redials after the switch hangs up", async () => {
  const probe = new ScriptedListener();
  const port = probe.port;
  probe.close(); // nothing listens yet: the first dials fail and are retried
  await using controller = new Controller({
    switch: { hostname: "127.0.0.1", port },
    retry: { initialDelay: 20, maxDelay: 50 },
  });
  await new Promise((r) => setTimeout(r, 60));
  const listener = new ScriptedListener(port);
  try {
    const sw = await listener.accept();
    await sw.handshake(3n);
    const conn = await controller.connect();
    assert.equal(conn.datapathId, 3n);
    await sw.close();
    await conn.closed;
    const sw2 = await listener.accept();
    await sw2.handshake(3n);
    assert.notEqual(await controller.waitForSwitch(3n), conn);
    await sw2.close();
  } finally {
    listener.close();
  }
});

Deno.test("worker: a dial that gives up fails connect(); close() works while dials are pending", async () => {
  const probe = new ScriptedListener();
  const port = probe.port;
  probe.close();
  await using controller = new Controller({
    switch: { hostname: "127.0.0.1", port },
    retry: { initialDelay: 5, attempts: 2 },
  });
  const err = await controller.connect({ timeout: 2000 }).catch((e) => e);
  assert.ok(err instanceof ConnectionClosedError);
  assert.match(err.message, /Cannot connect to the switch at 127\.0\.0\.1:\d+/);
  const retrying = new Controller({
    switch: { hostname: "127.0.0.1", port },
    retry: { initialDelay: 10_000 },
  });
  await new Promise((r) => setTimeout(r, 20));
  await retrying.close();
});

Deno.test("worker: listening on a taken port rejects `listening` and connect()", async () => {
  const taken = new ScriptedListener();
  try {
    await using controller = new Controller({
      listen: { hostname: "127.0.0.1", port: taken.port },
    });
    await assert.rejects(controller.listening, /in use/i);
    await assert.rejects(controller.connect({ timeout: 5000 }), /in use/i);
  } finally {
    taken.close();
  }
});

Deno.test("worker: a failed handshake writes HELLO_FAILED before the socket closes", async () => {
  await using controller = new Controller({ listen: local, versions: [4] });
  const [{ port }] = await controller.listening;
  const connecting = controller.connect({ timeout: 2000 }).catch((e) => e);
  const sw = await ScriptedSwitch.dial(port);
  await sw.write(F.hello(1, 5)); // OpenFlow 1.0, no bitmap
  assert.equal((await sw.read())?.[1], 0, "our HELLO");
  const error = (await sw.read())!;
  assert.deepEqual([...error.subarray(0, 2)], [4, 1], "OFPT_ERROR in our lowest version");
  assert.equal(F.xidOf(error), 5);
  assert.equal(await sw.read(), undefined);
  assert.ok(sw.eof);
  assert.equal((await connecting).name, "HandshakeError");
  await sw.close();
});

Deno.test("worker: shutdown does not wait for a switch that stopped reading", async () => {
  const records: LogRecord[] = [];
  await configure({
    reset: true,
    sinks: { capture: (r: LogRecord) => records.push(r) },
    loggers: [
      { category: ["oftest"], lowestLevel: "warning", sinks: ["capture"] },
      { category: ["logtape", "meta"], lowestLevel: "error", sinks: [] },
    ],
  });
  try {
    const controller = new Controller({ listen: local, features: false });
    const [{ port }] = await controller.listening;
    // A peer that handshakes, then never reads again.
    const peer = await Deno.connect({ hostname: "127.0.0.1", port });
    await peer.write(F.hello(4, 1, [4]));
    const hello = new Uint8Array(16);
    for (let got = 0; got < 16;) got += (await peer.read(hello.subarray(got)))!;
    const conn = await controller.connect();
    const chunk = F.frame(4, F.UNKNOWN, 0, new Uint8Array(65_000));
    for (let i = 0; i < 512; i++) conn.send(chunk); // 32 MiB: more than the socket buffers hold
    await new Promise((r) => setTimeout(r, 50));
    await controller.close();
    peer.close();
    assert.ok(conn.isClosed);
    const warnings = records.map((r) => r.message.join(""));
    assert.ok(
      !warnings.some((m) => m.includes("did not acknowledge shutdown")),
      "the worker acknowledged: it closed the stuck socket itself",
    );
  } finally {
    await reset();
  }
});
