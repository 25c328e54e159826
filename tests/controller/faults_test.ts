// The small faults an adversarial switch (or a careless caller) found, one test each:
// timeouts past setTimeout's range, meaningless zero timeouts, an empty listen list, a null
// message, a bad waitForSwitch argument, a truncated ERROR answering a transaction, the
// switch's HELLO missing from the counters, and the in-memory peer stalling on a bad length.
import assert from "node:assert/strict";
import { Controller } from "../../src/controller/mod.ts";
import { MemoryTransport } from "../../src/testing/mod.ts";
import { OfpDecodeError, OfpEncodeError } from "../../src/ofp/mod.ts";
import * as F from "./_frames.ts";
import { ready } from "./_setup.ts";

const TOO_LONG = 2 ** 31; // setTimeout fires such a timer after about 1 ms

Deno.test("options: a timeout above 2^31-1 ms is a RangeError, wherever it is given", async (t) => {
  await t.step("Controller options", () => {
    for (const option of ["timeout", "handshakeTimeout", "echoInterval", "multipartTimeout"]) {
      assert.throws(
        () => new Controller({ transport: new MemoryTransport(), [option]: TOO_LONG }),
        (e: Error) => e instanceof RangeError && /2147483647/.test(e.message),
        option,
      );
    }
    assert.throws(
      () =>
        new Controller({
          switch: { hostname: "127.0.0.1", port: 1 },
          retry: { maxDelay: TOO_LONG },
          transport: new MemoryTransport(),
        }),
      RangeError,
    );
  });
  await t.step("per call", async () => {
    await using r = await ready();
    const options = { timeout: TOO_LONG };
    await assert.rejects(r.conn.transact(F.frame(4, 18, 0), options), RangeError);
    await assert.rejects(r.conn.transactMultipart(F.frame(4, 18, 0), options), RangeError);
    await assert.rejects(r.conn.barrier(options), RangeError);
    await assert.rejects(r.conn.poll("all", options), RangeError);
    await assert.rejects(r.conn.waitClosed(options), RangeError);
    await assert.rejects(r.controller.connect(options), RangeError);
    await assert.rejects(r.controller.waitForSwitch(1n, options), RangeError);
    assert.equal(await r.peer.read(5), undefined, "nothing was sent");
  });
});

Deno.test("options: a zero timeout where it cannot work, and nothing to listen on or dial, are refused", async () => {
  const transport = new MemoryTransport();
  assert.throws(() => new Controller({ transport, handshakeTimeout: 0 }), RangeError);
  assert.throws(() => new Controller({ transport, timeout: 0 }), RangeError);
  assert.throws(
    () => new Controller({ listen: [] }),
    (e: Error) => e instanceof RangeError && /listen.*switch/.test(e.message),
  );
  await using r = await ready();
  await assert.rejects(r.conn.transact(F.frame(4, 18, 0), { timeout: 0 }), RangeError);
  assert.equal(await r.conn.poll("all", { timeout: 0 }), undefined, "0 means: just look");
});

Deno.test("send(null) throws the documented OfpEncodeError", async () => {
  await using r = await ready();
  assert.throws(() => r.conn.send(null as never), OfpEncodeError);
  assert.throws(() => r.conn.send(7 as never), OfpEncodeError);
  await assert.rejects(r.conn.transact(null as never), OfpEncodeError);
});

Deno.test("waitForSwitch with a bad argument rejects instead of throwing", async () => {
  await using controller = new Controller({ transport: new MemoryTransport() });
  let p: Promise<unknown> | undefined;
  assert.doesNotThrow(() => (p = controller.waitForSwitch("abc" as never)));
  await assert.rejects(p!, TypeError);
  await assert.rejects(controller.connect({ timeout: -1 }), RangeError);
});

Deno.test("a truncated ERROR answering a pending transaction rejects it at once", async () => {
  await using r = await ready();
  const t0 = performance.now();
  const p = r.conn.transact(F.frame(4, 18, 0), { timeout: 5000 });
  const xid = F.xidOf((await r.peer.read())!);
  r.peer.write(F.frame(4, 1, xid, [0, 1])); // an ERROR of 10 bytes: no room for its code
  const err = await p.catch((e) => e);
  assert.ok(err instanceof OfpDecodeError, String(err));
  assert.ok(performance.now() - t0 < 2500, "well before its deadline");
  assert.equal(r.conn.counters.parseErrors, 1);
  assert.equal(r.conn.pendingTransactions, 0);
});

Deno.test("counters: the switch's HELLO is counted as handled; received = handled + queued", async () => {
  await using r = await ready();
  r.peer.write(F.frame(4, F.UNKNOWN, 9));
  await r.conn.poll("RAW", { timeout: 1000 });
  const c = r.conn.counters;
  assert.equal(c.received, 3, "HELLO, FEATURES_REPLY and the RAW message");
  assert.equal(c.handled, 2, "HELLO and FEATURES_REPLY");
  assert.equal(c.queued, 1);
  assert.equal(c.received, c.handled + c.queued);
});

Deno.test("MemoryPeer: a frame whose header length is below 8 is handed out; later frames still arrive", async () => {
  await using r = await ready();
  r.conn.send(new Uint8Array([4, 0, 0, 4, 0, 0, 0, 1])); // the raw negative test of the docs
  assert.deepEqual(await r.peer.read(), new Uint8Array([4, 0, 0, 4, 0, 0, 0, 1]));
  const barrier = r.conn.barrier();
  const req = (await r.peer.read())!;
  assert.equal(req?.[1], 20, "the BARRIER_REQUEST after it");
  r.peer.write(F.frame(4, 21, F.xidOf(req)));
  await barrier;
  // Both in one write: the bad header is taken as 8 bytes and framing goes on after it.
  r.conn.send(new Uint8Array([4, 0, 0, 0, 0, 0, 0, 2]));
  const echo = r.conn.echo(new Uint8Array([7]));
  assert.deepEqual(await r.peer.read(), new Uint8Array([4, 0, 0, 0, 0, 0, 0, 2]));
  const ping = (await r.peer.read())!;
  assert.equal(ping[1], 2);
  r.peer.write(F.frame(4, 3, F.xidOf(ping), [7]));
  await echo;
});
