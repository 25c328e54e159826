// The Controller's single-switch convenience methods and lifecycle, against in-memory peers.
import assert from "node:assert/strict";
import { ConnectionClosedError, Controller, WaitTimeoutError } from "../../src/controller/mod.ts";
import { MemoryTransport } from "../../src/testing/mod.ts";
import * as F from "./_frames.ts";
import { handshake, ready } from "./_setup.ts";

Deno.test("controller: single-switch methods need a primary switch", async () => {
  await using controller = new Controller({ transport: new MemoryTransport() });
  assert.throws(() => controller.send(F.frame(4, 2, 1)), ConnectionClosedError);
  for (
    const p of [
      controller.transact(F.frame(4, 2, 0)),
      controller.transactMultipart(F.frame(4, 18, 0)),
      controller.barrier(),
      controller.poll(),
    ]
  ) {
    await assert.rejects(p, /none is connected \(call connect\(\) first\)/);
  }
  assert.equal(controller.clearQueue(), 0);
  assert.equal(controller.primary, undefined);
});

Deno.test("controller: send, transact, multipart, barrier, poll and register act on the primary", async () => {
  await using r = await ready();
  const conn = await r.controller.connect();
  assert.equal(r.controller.primary, conn);
  const seen: number[] = [];
  r.controller.register("RAW", (m) => {
    seen.push(m.xid);
  });
  const xid = r.controller.send({
    version: 4,
    type: "RAW",
    xid: 0,
    msgType: 12,
    body: new Uint8Array(),
  });
  assert.equal(F.xidOf((await r.peer.read())!), xid);
  const t = r.controller.transact(F.frame(4, 18, 0));
  const tx = F.xidOf((await r.peer.read())!);
  const m = r.controller.transactMultipart(F.frame(4, 18, 0));
  const mx = F.xidOf((await r.peer.read())!);
  const b = r.controller.barrier();
  const bx = F.xidOf((await r.peer.read())!);
  r.peer.write(F.concat(
    F.frame(4, F.UNKNOWN, tx),
    F.multipartReply(4, mx, 0),
    F.frame(4, 21, bx),
    F.frame(4, F.UNKNOWN, 55),
  ));
  await Promise.all([t, m, b]);
  assert.equal((await r.controller.poll("RAW"))?.xid, 55);
  assert.deepEqual(seen, [55], "replies go to transactions, not handlers");
});

Deno.test("controller: echo() round trip carries the payload", async () => {
  await using r = await ready();
  const p = r.conn.echo(new Uint8Array([5, 6]));
  const req = (await r.peer.read())!;
  assert.deepEqual([...req.subarray(0, 4)], [4, 2, 0, 10]);
  r.peer.write(F.frame(4, 3, F.xidOf(req), req.subarray(8)));
  const reply = await p;
  assert.equal(reply.type, "ECHO_REPLY");
  assert.deepEqual([...(reply as { data: Uint8Array }).data], [5, 6]);
});

Deno.test("controller: switches lists ready connections; counters total over them", async () => {
  const transport = new MemoryTransport();
  await using controller = new Controller({ transport });
  const a = transport.connect();
  const b = transport.connect();
  const ca = await handshake(controller, a, {}, 4, 10n);
  const pending = transport.connect(); // connected, no HELLO yet
  const cb = await handshake(controller, b, {}, 1, 11n);
  assert.deepEqual(controller.switches, [ca, cb]);
  assert.equal(controller.counters.received, ca.counters.received + cb.counters.received);
  assert.equal(controller.counters.bytesOut, ca.counters.bytesOut + cb.counters.bytesOut + 16);
  await assert.rejects(controller.waitForSwitch(12n, { timeout: 5 }), WaitTimeoutError);
  b.close();
  await cb.closed;
  assert.deepEqual(controller.switches, [ca]);
  pending.close();
});

Deno.test("controller: close() is idempotent, rejects waiters, closes connections", async () => {
  const transport = new MemoryTransport();
  const controller = new Controller({ transport });
  const peer = transport.connect();
  const conn = await handshake(controller, peer, {}, 4, 1n);
  const waiting = controller.waitForSwitch(99n, { timeout: 5000 }).catch((e) => e);
  const tx = conn.transact(F.frame(4, 18, 0)).catch((e) => e);
  const first = controller.close();
  assert.equal(controller.close(), first);
  await first;
  await controller.closed;
  assert.ok((await waiting) instanceof ConnectionClosedError);
  assert.ok((await tx) instanceof ConnectionClosedError);
  assert.ok(conn.isClosed);
  assert.ok(peer.isClosed);
  await assert.rejects(controller.connect(), ConnectionClosedError);
  assert.match(controller.status(), /Controller: closed/);
});

Deno.test("connection: close() from the controller side, waitClosed, asyncDispose", async () => {
  await using r = await ready();
  assert.equal(await r.conn.waitClosed({ timeout: 5 }), false);
  {
    await using _conn = r.conn;
  }
  assert.ok(r.conn.isClosed);
  assert.match(r.conn.closeReason!.message, /closed by the controller/);
  await r.peer.closed;
  assert.equal(await r.conn.waitClosed({ timeout: 5 }), true);
  await r.conn.close(); // idempotent
});
