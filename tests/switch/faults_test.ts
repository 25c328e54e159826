// The reference switch's fault modes, each observed by our Controller: dropped and delayed
// replies (transaction timeouts, late replies), malformed frames (parse errors, a dropped
// connection), closes at chosen points, packet-in floods, multipart replies in N parts.
import assert from "node:assert/strict";
import { OfpDecodeError } from "../../src/ofp/mod.ts";
import {
  ConnectionClosedError,
  Controller,
  HandshakeError,
  TransactionTimeoutError,
  WaitTimeoutError,
} from "../../src/controller/mod.ts";
import { of13 } from "../../src/ofp/mod.ts";
import { checkFaults, type Faults, ReferenceSwitch } from "../../src/switch/mod.ts";
import { rig } from "./_rig.ts";
import type { Of13MultipartReply, Of13PacketIn, Of13Port } from "../../src/ofp/mod.ts";

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what: string, ok: () => boolean, timeout = 2000): Promise<void> {
  const end = Date.now() + timeout;
  while (!ok()) {
    if (Date.now() > end) assert.fail(`Timed out waiting for ${what}`);
    await sleep(10);
  }
}

Deno.test("faults: dropped replies time out; other replies still come", async () => {
  await using r = await rig({}, { versions: [4] });
  const ch = await r.sw.channel();
  ch.setFaults({ dropReplies: ["BARRIER_REPLY"] });
  await assert.rejects(r.conn.barrier({ timeout: 200 }), TransactionTimeoutError);
  assert.equal((await r.conn.echo()).type, "ECHO_REPLY");
  ch.setFaults({ dropReplies: true });
  await assert.rejects(r.conn.echo(new Uint8Array(0), { timeout: 200 }), TransactionTimeoutError);
  assert.equal(ch.counters.dropped, 2);
  ch.setFaults({});
  assert.equal((await r.conn.barrier()).type, "BARRIER_REPLY");
});

Deno.test("faults: delayed replies keep their order and arrive late", async () => {
  await using r = await rig({}, { versions: [4] });
  const ch = await r.sw.channel();
  ch.setFaults({ delayReplies: 300 });
  const t0 = performance.now();
  const [echo, barrier] = await Promise.all([r.conn.echo(), r.conn.barrier()]);
  assert.ok(performance.now() - t0 >= 290, "held about 300 ms");
  assert.equal(echo.type, "ECHO_REPLY");
  assert.equal(barrier.type, "BARRIER_REPLY");
  await assert.rejects(r.conn.echo(new Uint8Array(0), { timeout: 100 }), TransactionTimeoutError);
  await waitFor("the late reply", () => r.conn.counters.lateReplies === 1);
  assert.equal(ch.counters.delayed, 3);
});

Deno.test("faults: malformed replies are parse errors the Controller skips", async () => {
  await using r = await rig({}, { versions: [4] });
  const ch = await r.sw.channel();
  for (const kind of ["truncated-body", "bad-version"] as const) {
    const before = r.conn.counters.parseErrors;
    ch.setFaults({ malformReplies: kind });
    // An unreadable reply fails its exchange at once; one of another version is skipped, so
    // the exchange runs out its deadline.
    await assert.rejects(
      r.conn.barrier({ timeout: 200 }),
      kind === "truncated-body" ? OfpDecodeError : TransactionTimeoutError,
      kind,
    );
    await waitFor(`a parse error for ${kind}`, () => r.conn.counters.parseErrors === before + 1);
    ch.setFaults({});
    assert.equal((await r.conn.echo()).type, "ECHO_REPLY", `the connection survives ${kind}`);
  }
  const before = r.conn.counters.parseErrors;
  await ch.sendMalformed("truncated-body");
  await waitFor("a parse error", () => r.conn.counters.parseErrors === before + 1);
});

Deno.test("faults: a header length below 8 makes the Controller drop the connection", async () => {
  await using r = await rig({}, { versions: [4] });
  const ch = await r.sw.channel();
  await ch.sendMalformed("short-length");
  const reason = await r.conn.closed;
  assert.ok(reason instanceof ConnectionClosedError);
  assert.equal(r.conn.counters.parseErrors, 1);
});

Deno.test("faults: close after HELLO fails the handshake; after FEATURES it closes once ready", async () => {
  {
    await using sw = await ReferenceSwitch.start({
      listen: "ptcp:0",
      faults: { closeAfter: "hello" },
    });
    const seen = sw.channel({ timeout: 3000 });
    await using controller = new Controller({ switch: sw.addresses[0], retry: { attempts: 1 } });
    const ch = await seen;
    assert.equal(ch.version, 4, "the HELLO exchange completed");
    await ch.closed;
    // The switch closes before FEATURES_REPLY: no connection ever becomes ready.
    const e = await controller.connect({ timeout: 500 }).then(
      () => assert.fail("connected"),
      (e) => e,
    );
    assert.ok(
      e instanceof HandshakeError || e instanceof ConnectionClosedError ||
        e instanceof WaitTimeoutError,
      String(e),
    );
    assert.equal(controller.switches.filter((s) => s.state === "ready").length, 0);
  }
  {
    await using sw = await ReferenceSwitch.start({
      listen: "ptcp:0",
      faults: { closeAfter: "features" },
    });
    await using controller = new Controller({
      switch: sw.addresses[0],
      retry: { reconnect: false },
    });
    const conn = await controller.connect({ timeout: 3000 });
    assert.equal(conn.datapathId, 1n);
    assert.ok((await conn.closed) instanceof ConnectionClosedError);
  }
});

Deno.test("faults: close after N messages from the controller", async () => {
  await using r = await rig({}, { versions: [4] });
  const ch = await r.sw.channel();
  // HELLO and FEATURES_REQUEST are 2; one echo more makes 3.
  ch.setFaults({ closeAfter: { messages: ch.counters.received + 1 } });
  assert.equal((await r.conn.echo()).type, "ECHO_REPLY", "the Nth message is still answered");
  await r.conn.closed;
  await ch.closed;
  assert.equal(ch.state, "closed");
});

Deno.test("faults: packet-in floods, counted and stoppable", async () => {
  await using r = await rig({}, { versions: [4] });
  const ch = await r.sw.channel();
  const flood = ch.floodPacketIns({ count: 2000, inPort: 2 });
  assert.equal(await flood.done, 2000);
  await waitFor("2000 packet-ins", () => r.conn.counters.packetIns === 2000);
  const pin = await r.conn.poll("PACKET_IN") as Of13PacketIn;
  assert.deepEqual(pin.match, [{ field: "in_port", value: 2 }]);
  r.conn.clearQueue();
  const endless = ch.floodPacketIns();
  await waitFor("the flood to run", () => endless.sent > 500);
  const sent = await endless.stop();
  await waitFor("every sent packet-in", () => r.conn.counters.packetIns === 2000 + sent);
  await sleep(50);
  assert.equal(r.conn.counters.packetIns, 2000 + sent, "nothing after stop");
});

Deno.test("faults: multipart replies in N parts are assembled by the Controller", async () => {
  await using r = await rig({ ports: 3 }, { versions: [4] });
  const ch = await r.sw.channel();
  ch.setFaults({ multipartParts: 5 });
  const parts = await r.conn.transactMultipart(of13.portDescRequest());
  assert.equal(parts.length, 5);
  assert.deepEqual(parts.map((p) => (p as Of13MultipartReply).flags), [1, 1, 1, 1, 0]);
  const ports = parts.flatMap((p) =>
    ((p as Of13MultipartReply).body as { entries: Of13Port[] }).entries
  );
  assert.deepEqual(ports.map((p) => p.portNo), [1, 2, 3]);
  const desc = await r.conn.transactMultipart(of13.descRequest());
  assert.equal(desc.length, 1, "a single structure stays whole");
});

Deno.test("faults: checkFaults refuses bad settings", () => {
  const bad: Faults[] = [
    { delayReplies: -1 },
    { multipartParts: 0 },
    { multipartParts: 1.5 },
    { malformReplies: "garbled" as never },
    { closeAfter: { messages: 0 } },
    { closeAfter: "later" as never },
    { dropReplies: [1] as never },
  ];
  for (const f of bad) {
    assert.throws(
      () => checkFaults(f),
      (e) => e instanceof RangeError || e instanceof TypeError,
      JSON.stringify(f),
    );
  }
  assert.deepEqual(checkFaults({ closeAfter: { messages: 3 }, delayReplies: 0 }), {
    closeAfter: { messages: 3 },
    delayReplies: 0,
  });
});
