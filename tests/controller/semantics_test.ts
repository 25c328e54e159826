// The per-connection semantics (OFTest's order) against an in-memory peer.
import assert from "node:assert/strict";
import {
  ConnectionClosedError,
  SwitchError,
  TransactionTimeoutError,
} from "../../src/controller/mod.ts";
import type { OfpMessage } from "../../src/ofp/mod.ts";
import * as F from "./_frames.ts";
import { ready } from "./_setup.ts";

const raw = (m: OfpMessage | undefined) =>
  m as { type: string; msgType: number; xid: number; body: Uint8Array };

Deno.test("keep-alive: ECHO_REQUEST is answered with the same xid and payload, and consumed", async () => {
  await using r = await ready();
  r.peer.write(F.frame(4, 2, 0xdeadbeef, [1, 2, 3, 4, 5]));
  const reply = (await r.peer.read())!;
  assert.deepEqual(reply, F.frame(4, 3, 0xdeadbeef, [1, 2, 3, 4, 5]));
  assert.equal(await r.conn.poll("all", { timeout: 0 }), undefined, "not queued");
  assert.equal(r.conn.counters.handled, 3, "HELLO, FEATURES_REPLY and the echo");
});

Deno.test("keep-alive off: ECHO_REQUEST goes to the poll queue unanswered", async () => {
  await using r = await ready({ keepAlive: false });
  r.peer.write(F.frame(4, 2, 7));
  const m = await r.conn.poll((m) => m.xid === 7, { timeout: 500 });
  assert.equal(m?.xid, 7);
  assert.equal(r.conn.counters.handled, 2, "only HELLO and FEATURES_REPLY");
  assert.equal(await r.peer.read(5), undefined);
});

Deno.test("poll: removes the first match anywhere in the queue; undefined on timeout", async () => {
  await using r = await ready();
  r.peer.write(
    F.concat(F.frame(4, F.UNKNOWN, 1), F.frame(4, F.UNKNOWN_2, 2), F.frame(4, F.UNKNOWN, 3)),
  );
  await r.conn.poll("all", { timeout: 0 }).then((m) => assert.equal(m, undefined));
  assert.equal(raw(await r.conn.poll((m) => raw(m).msgType === F.UNKNOWN_2)).xid, 2);
  assert.equal(r.conn.queueLength, 2);
  assert.equal(raw(await r.conn.poll("RAW")).xid, 1);
  assert.equal(raw(await r.conn.poll()).xid, 3);
  assert.equal(await r.conn.poll("RAW", { timeout: 5 }), undefined);
  assert.equal(await r.conn.poll("HELLO", { timeout: 0 }), undefined);
});

Deno.test("poll: a waiting poll gets the message without it being queued; others keep waiting", async () => {
  await using r = await ready();
  const hello = r.conn.poll("HELLO", { timeout: 1000 });
  const any = r.conn.poll("RAW", { timeout: 1000 });
  r.peer.write(F.frame(4, F.UNKNOWN, 5));
  assert.equal(raw(await any).xid, 5);
  r.peer.write(F.hello(4, 6));
  assert.equal((await hello)?.xid, 6);
  assert.equal(r.conn.queueLength, 0);
  assert.equal(r.conn.counters.queued, 2);
});

Deno.test("poll: the queue is bounded; the oldest is dropped and counted as expired", async () => {
  await using r = await ready({ maxQueue: 3 });
  for (let i = 1; i <= 5; i++) r.peer.write(F.frame(4, F.UNKNOWN, i));
  await new Promise((res) => setTimeout(res, 5));
  assert.equal(r.conn.queueLength, 3);
  assert.equal(r.conn.counters.expired, 2);
  assert.equal(r.conn.counters.queued, 5);
  assert.equal(raw(await r.conn.poll()).xid, 3);
  assert.equal(r.conn.clearQueue(), 2);
  assert.equal(r.controller.clearQueue(), 0);
});

Deno.test("poll: queued messages own their bytes (a private copy of the frame)", async () => {
  await using r = await ready();
  r.peer.write(F.concat(F.frame(4, F.UNKNOWN, 1, [9, 9]), F.frame(4, F.UNKNOWN, 2, [8])));
  await new Promise((res) => setTimeout(res, 5));
  const a = raw(await r.conn.poll());
  const b = raw(await r.conn.poll());
  assert.deepEqual([...a.body], [9, 9]);
  assert.notEqual(a.body.buffer, b.body.buffer, "each queued message has its own buffer");
  assert.equal(a.body.buffer.byteLength, 10, "only the frame is kept, not the read chunk");
});

Deno.test("handlers: type, then all; true consumes; controller-wide after the connection's", async () => {
  await using r = await ready();
  const seen: string[] = [];
  r.conn.register("RAW", (m) => {
    seen.push(`conn RAW ${m.xid}`);
    return m.xid === 1;
  });
  r.controller.register("RAW", (m) => {
    seen.push(`ctl RAW ${m.xid}`);
    return m.xid === 2;
  });
  r.conn.register("all", (m) => {
    seen.push(`conn all ${m.xid}`);
    return m.xid === 3;
  });
  const off = r.controller.register("all", (m, c) => {
    assert.equal(c, r.conn);
    seen.push(`ctl all ${m.xid}`);
  });
  r.peer.write(
    F.concat(
      F.frame(4, F.UNKNOWN, 1),
      F.frame(4, F.UNKNOWN, 2),
      F.frame(4, F.UNKNOWN, 3),
      F.frame(4, F.UNKNOWN, 4),
    ),
  );
  assert.equal(raw(await r.conn.poll()).xid, 4);
  assert.deepEqual(seen, [
    "conn RAW 1",
    "conn RAW 2",
    "ctl RAW 2",
    "conn RAW 3",
    "ctl RAW 3",
    "conn all 3",
    "conn RAW 4",
    "ctl RAW 4",
    "conn all 4",
    "ctl all 4",
  ]);
  assert.equal(r.conn.counters.handled, 5, "HELLO, FEATURES_REPLY and three consumed");
  off();
  r.conn.register("RAW", undefined);
  r.conn.register("all", undefined);
  r.controller.register("RAW", undefined);
  seen.length = 0;
  r.peer.write(F.frame(4, F.UNKNOWN, 5));
  assert.equal(raw(await r.conn.poll()).xid, 5);
  assert.deepEqual(seen, []);
});

Deno.test("handlers: a throwing handler is logged and the message goes on", async () => {
  await using r = await ready();
  r.conn.register("RAW", () => {
    throw new Error("boom");
  });
  r.peer.write(F.frame(4, F.UNKNOWN, 1));
  assert.equal(raw(await r.conn.poll()).xid, 1);
  assert.throws(() => r.conn.register("RAW", 5 as never), TypeError);
});

Deno.test("transactions: many outstanding, answered out of order, xids assigned", async () => {
  await using r = await ready();
  const ps = [0, 1, 2].map(() => r.conn.transact(F.frame(4, 18, 0)));
  const reqs = [(await r.peer.read())!, (await r.peer.read())!, (await r.peer.read())!];
  const xids = reqs.map(F.xidOf);
  assert.equal(new Set(xids).size, 3);
  assert.ok(!xids.includes(0));
  assert.equal(r.conn.pendingTransactions, 3);
  r.peer.write(F.concat(...[2, 0, 1].map((i) => F.frame(4, F.UNKNOWN, xids[i], [i]))));
  const replies = (await Promise.all(ps)).map(raw);
  assert.deepEqual(replies.map((m) => [m.xid, m.body[0]]), xids.map((x, i) => [x, i]));
  assert.equal(r.conn.pendingTransactions, 0);
  assert.equal(r.conn.queueLength, 0, "replies are not queued");
});

Deno.test("transactions: a message's own xid is kept; a duplicate pending xid is refused", async () => {
  await using r = await ready();
  const msg = { version: 4, type: "RAW", xid: 77, msgType: 18, body: new Uint8Array() } as const;
  const p = r.conn.transact(msg);
  await assert.rejects(r.conn.transact(msg), TypeError);
  await assert.rejects(r.conn.transact(F.frame(4, 18, 77)), TypeError);
  assert.equal(F.xidOf((await r.peer.read())!), 77);
  assert.equal(await r.peer.read(5), undefined, "refused requests were not sent");
  r.peer.write(F.frame(4, F.UNKNOWN, 77));
  assert.equal((await p).xid, 77);
});

Deno.test("transactions: timeout rejects, forgets the xid; the late reply is counted and dropped", async () => {
  await using r = await ready();
  const err = await r.conn.transact(F.frame(4, 18, 0), { timeout: 10 }).catch((e) => e);
  assert.ok(err instanceof TransactionTimeoutError);
  assert.equal(err.timeout, 10);
  assert.equal(err.msgType, 18);
  const req = (await r.peer.read())!;
  assert.equal(err.xid, F.xidOf(req));
  assert.equal(r.conn.pendingTransactions, 0);
  r.peer.write(F.frame(4, F.UNKNOWN, err.xid));
  // the next transaction works (OFTest's stuck-xid defect is gone)
  const p = r.conn.transact(F.frame(4, 18, 0));
  const req2 = (await r.peer.read())!;
  r.peer.write(F.frame(4, F.UNKNOWN, F.xidOf(req2)));
  await p;
  assert.equal(r.conn.counters.lateReplies, 1);
  assert.equal(r.conn.queueLength, 0);
});

Deno.test("transactions: an ERROR with the xid rejects with SwitchError carrying the bytes", async () => {
  await using r = await ready();
  const p = r.conn.transact(F.frame(4, 13, 0, [1, 2, 3, 4]));
  const req = (await r.peer.read())!;
  r.peer.write(F.error(4, F.xidOf(req), 1, 6, req));
  const err = await p.catch((e) => e);
  assert.ok(err instanceof SwitchError);
  assert.equal(err.errType, 1);
  assert.equal(err.code, 6);
  assert.equal(err.xid, F.xidOf(req));
  assert.deepEqual(err.data, req);
  assert.ok(err.reply);
});

Deno.test("transactions: a disconnect rejects every pending one with ConnectionClosedError", async () => {
  await using r = await ready();
  const ps = [r.conn.transact(F.frame(4, 18, 0)), r.conn.transactMultipart(F.frame(4, 18, 0))];
  const poll = r.conn.poll("HELLO", { timeout: 1000 });
  await r.peer.read();
  r.peer.close(new Error("reset by peer"));
  for (const p of [...ps, poll]) {
    const err = await p.catch((e) => e);
    assert.ok(err instanceof ConnectionClosedError);
    assert.equal((err.cause as Error).message, "reset by peer");
    assert.equal(err.datapathId, 1n);
  }
  const reason = await r.conn.closed;
  assert.match(reason.message, /reset by peer/);
  assert.throws(() => r.conn.send(F.frame(4, 2, 1)), ConnectionClosedError);
  await assert.rejects(r.conn.transact(F.frame(4, 2, 0)), ConnectionClosedError);
  await assert.rejects(r.conn.poll(), ConnectionClosedError);
  assert.equal(await r.conn.waitClosed(), true);
});

Deno.test("transactions: bad arguments are refused", async () => {
  await using r = await ready();
  await assert.rejects(r.conn.transact(F.frame(4, 18, 0), { timeout: Infinity }), RangeError);
  await assert.rejects(r.conn.transact(F.frame(4, 18, 0), { timeout: -1 }), RangeError);
  await assert.rejects(r.conn.transact(new Uint8Array([4, 18, 0])), RangeError);
  await assert.rejects(r.conn.poll("all", { timeout: NaN }), RangeError);
  assert.throws(() =>
    r.conn.send({ version: 4, type: "RAW", xid: 2 ** 33, msgType: 1, body: new Uint8Array() })
  );
  assert.equal(await r.peer.read(5), undefined, "nothing half-written went out");
});

Deno.test("multipart: parts are collected by xid following REPLY_MORE, interleaved exchanges apart", async () => {
  await using r = await ready();
  const a = r.conn.transactMultipart(F.frame(4, 18, 0, [0, 1, 0, 0, 0, 0, 0, 0]));
  const b = r.conn.transactMultipart(F.frame(4, 18, 0, [0, 1, 0, 0, 0, 0, 0, 0]));
  const xa = F.xidOf((await r.peer.read())!);
  const xb = F.xidOf((await r.peer.read())!);
  r.peer.write(F.concat(
    F.multipartReply(4, xa, 1),
    F.multipartReply(4, xb, 1),
    F.multipartReply(4, xa, 1),
    F.multipartReply(4, xb, 0),
    F.frame(4, F.UNKNOWN, 99), // an unrelated async message in between
    F.multipartReply(4, xa, 0),
  ));
  assert.deepEqual((await a).map((m) => m.xid), [xa, xa, xa]);
  assert.deepEqual((await b).map((m) => m.xid), [xb, xb]);
  assert.equal(raw(await r.conn.poll()).xid, 99);
});

Deno.test("multipart: 1.0 STATS_REPLY flags; streamMultipart yields parts as they come", async () => {
  await using r = await ready({ versions: [1] }, 1);
  const seen: number[] = [];
  const done = (async () => {
    for await (const part of r.conn.streamMultipart(F.frame(1, 16, 0, [0, 0, 0, 0]))) {
      seen.push(part.xid);
    }
  })();
  const x = F.xidOf((await r.peer.read())!);
  r.peer.write(F.multipartReply(1, x, 1));
  r.peer.write(F.multipartReply(1, x, 1));
  r.peer.write(F.multipartReply(1, x, 0));
  await done;
  assert.deepEqual(seen, [x, x, x]);
});

Deno.test("multipart: an error or a timeout between parts rejects; leaving early forgets the xid", async () => {
  await using r = await ready();
  const a = r.conn.transactMultipart(F.frame(4, 18, 0), { timeout: 200 });
  const xa = F.xidOf((await r.peer.read())!);
  r.peer.write(F.multipartReply(4, xa, 1));
  r.peer.write(F.error(4, xa, 1, 2));
  assert.ok((await a.catch((e) => e)) instanceof SwitchError);

  const b = r.conn.transactMultipart(F.frame(4, 18, 0), { timeout: 20 });
  const xb = F.xidOf((await r.peer.read())!);
  r.peer.write(F.multipartReply(4, xb, 1));
  assert.ok((await b.catch((e) => e)) instanceof TransactionTimeoutError);

  const it = r.conn.streamMultipart(F.frame(4, 18, 0));
  const first = it.next(); // sends the request
  const xc = F.xidOf((await r.peer.read())!);
  r.peer.write(F.multipartReply(4, xc, 1));
  assert.equal((await first).value?.xid, xc);
  await it.return();
  r.peer.write(F.multipartReply(4, xc, 0));
  await new Promise((res) => setTimeout(res, 5));
  assert.equal(r.conn.pendingTransactions, 0);
  assert.equal(r.conn.counters.lateReplies, 1, "the part after leaving early");
});

Deno.test("packet-in limiter: beyond N per second dropped and counted", async () => {
  await using r = await ready({ packetInLimit: 10 });
  let handled = 0;
  r.conn.register("all", () => ++handled > 0);
  const chunk = F.concat(...Array.from({ length: 25 }, (_, i) => F.packetIn13(i)));
  r.peer.write(chunk);
  await new Promise((res) => setTimeout(res, 5));
  assert.equal(handled, 10);
  assert.equal(r.conn.counters.packetIns, 25);
  assert.equal(r.conn.counters.packetInsDropped, 15);
  assert.equal(r.controller.counters.packetInsDropped, 15);
});

Deno.test("malformed: length below 8 closes the connection and counts a parse error", async () => {
  await using r = await ready();
  r.peer.write(F.concat(F.frame(4, F.UNKNOWN, 1), new Uint8Array([4, 12, 0, 4, 0, 0, 0, 2])));
  const reason = await r.conn.closed;
  assert.match((reason.cause as Error).message, /header length 4 is below the 8-byte header/);
  assert.equal(r.conn.counters.parseErrors, 1);
  assert.equal(raw(await r.conn.poll()).xid, 1, "the good frame before it was delivered");
});

Deno.test("malformed: undecodable or wrong-version frames are skipped by default", async () => {
  await using r = await ready();
  const shortError = F.frame(4, 1, 5, [0, 1]); // an ERROR with no room for its code
  r.peer.write(F.concat(shortError, F.frame(1, F.UNKNOWN, 6), F.frame(4, F.UNKNOWN, 7)));
  assert.equal(raw(await r.conn.poll()).xid, 7);
  assert.equal(r.conn.counters.parseErrors, 2);
  assert.equal(r.conn.isClosed, false);
});

Deno.test("malformed: onMalformed 'disconnect' closes the connection", async () => {
  await using r = await ready({ onMalformed: "disconnect" });
  r.peer.write(F.concat(F.frame(1, F.UNKNOWN, 6), F.frame(4, F.UNKNOWN, 7)));
  const reason = await r.conn.closed;
  assert.match(reason.message, /Expected a version 4 message, got version 1/);
  assert.equal(r.conn.queueLength, 0);
  await r.peer.closed;
});

Deno.test("partial frames: bytes fed one at a time make the same messages", async () => {
  await using r = await ready();
  const stream = F.concat(
    F.frame(4, F.UNKNOWN, 1, [1, 2, 3]),
    F.frame(4, 2, 2, [7]),
    F.frame(4, F.UNKNOWN, 3),
  );
  for (const b of stream) r.peer.write(new Uint8Array([b]));
  assert.equal(raw(await r.conn.poll()).xid, 1);
  assert.equal(raw(await r.conn.poll()).xid, 3);
  assert.deepEqual(await r.peer.read(), F.frame(4, 3, 2, [7]));
});

Deno.test("liveness: probes every interval when idle; unanswered ones disconnect", async () => {
  await using r = await ready({ echoInterval: 10, echoMisses: 2 });
  const probe = (await r.peer.read(1000))!;
  assert.deepEqual([probe[0], probe[1]], [4, 2]);
  r.peer.write(F.frame(4, 3, F.xidOf(probe)));
  assert.equal(r.conn.isClosed, false);
  const reason = await r.conn.closed;
  assert.match(reason.message, /no reply to 2 echo requests sent 10 ms apart/);
  assert.equal(r.conn.queueLength, 0, "the probe's reply was consumed");
});

Deno.test("send: raw bytes go out as they are; messages get an xid; sends in a tick batch", async () => {
  await using r = await ready();
  const before = r.conn.counters.bytesOut;
  assert.equal(r.conn.send(new Uint8Array([4, 99, 0, 3])), undefined);
  const xid = r.conn.send({ version: 4, type: "RAW", xid: 0, msgType: 12, body: new Uint8Array() });
  assert.ok(xid && xid > 0);
  assert.equal(r.conn.send(F.frame(4, F.UNKNOWN, 0)), 0, "raw frames keep xid 0");
  await new Promise((res) => setTimeout(res, 1));
  assert.equal(r.conn.counters.bytesOut - before, 4 + 8 + 8, "one write for all three");
});

Deno.test("status: dumps state and counters", async () => {
  await using r = await ready();
  assert.match(r.conn.status(), /state ready, OpenFlow version 4, datapath id 0x0000000000000001/);
  assert.match(r.controller.status(), /connections 1, primary none/);
  assert.match(r.controller.status(), /received 2, handled 2/);
  await r.controller.connect();
  assert.match(r.controller.status(), /primary 1/);
});

Deno.test("handlers: a handler removing itself or another mid-dispatch disturbs nothing", async () => {
  await using r = await ready();
  const seen: string[] = [];
  const offA = r.conn.register("RAW", () => {
    seen.push("a");
    offA();
    offB();
  });
  const offB = r.conn.register("RAW", () => {
    seen.push("b");
  });
  r.peer.write(F.concat(F.frame(4, F.UNKNOWN, 1), F.frame(4, F.UNKNOWN, 2)));
  await r.conn.poll();
  await r.conn.poll();
  assert.deepEqual(seen, ["a", "b"], "the list of the first message ran whole; then none");
  r.conn.register("RAW", undefined);
  offA(); // removing after a clear is harmless
});
