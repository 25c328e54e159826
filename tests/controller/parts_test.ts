// The small parts SwitchConnection is composed of, each on its own: the deadline heap, the
// transaction table and its late-reply memory, version negotiation, multipart assembly.
import assert from "node:assert/strict";
import { Deadlines } from "../../src/controller/_deadlines.ts";
import { negotiate } from "../../src/controller/_handshake.ts";
import { MultipartExchange } from "../../src/controller/_multipart.ts";
import { Next, type Reply, Transactions } from "../../src/controller/_transactions.ts";
import type { HelloMessage, OfpMessage } from "../../src/ofp/mod.ts";
import { prng } from "../_util/prng.ts";

Deno.test({
  name: "deadlines: fire in time order (ties in insertion order), once, from runDue or the timer",
  permissions: "none",
  fn: async () => {
    const errors: unknown[] = [];
    const d = new Deadlines((e) => errors.push(e));
    const fired: string[] = [];
    d.add(0, () => fired.push("a"));
    d.add(0, () => {
      fired.push("b");
      throw new Error("a callback that throws");
    });
    d.add(0, () => fired.push("c"));
    const later = d.add(10_000, () => fired.push("never"));
    d.runDue(); // the dispatch path: no timer needed
    assert.deepEqual(fired, ["a", "b", "c"]);
    assert.equal(errors.length, 1, "a throwing callback is reported; the others still fire");
    d.runDue();
    assert.deepEqual(fired, ["a", "b", "c"], "each fires once");
    d.cancel(later);
    d.cancel(later); // harmless twice
    assert.equal(d.size, 0);
    // The quiet case: the one timer fires them.
    const { promise, resolve } = Promise.withResolvers<void>();
    d.add(5, resolve);
    await promise;
    assert.equal(d.size, 0, "nothing left, so no timer is left armed either");
  },
});

Deno.test({
  name: "deadlines: cancelling anywhere in the heap keeps the order of the rest",
  permissions: "none",
  fn: () => {
    const random = prng(7);
    const d = new Deadlines();
    const fired: number[] = [];
    const entries = Array.from({ length: 500 }, (_, i) => {
      const at = Math.floor(random() * 50);
      // 1 s apart, so the clock moving while they are added cannot reorder them.
      return { at, i, handle: d.add(-100_000 + at * 1000, () => fired.push(i)) };
    });
    const cancelled = new Set<number>();
    for (const e of entries) {
      if (random() < 0.4) {
        d.cancel(e.handle);
        cancelled.add(e.i);
      }
    }
    d.runDue();
    const expected = entries.filter((e) => !cancelled.has(e.i))
      .sort((a, b) => a.at - b.at || a.i - b.i).map((e) => e.i);
    assert.deepEqual(fired, expected);
    assert.equal(d.size, 0);
  },
});

Deno.test({
  name: "transactions: fresh xids skip pending ones; abandoned xids are remembered, boundedly",
  permissions: "none",
  fn: () => {
    const tx = new Transactions();
    const pending = { deliver: () => Next.done, fail: () => {} };
    const first = tx.nextXid();
    tx.add(first + 1, pending);
    assert.equal(tx.nextXid(), first + 2, "a pending xid is not handed out");
    tx.abandon(first + 1);
    assert.equal(tx.size, 0);
    assert.ok(tx.isLate(first + 1));
    tx.add(first + 1, pending);
    assert.ok(!tx.isLate(first + 1), "a new exchange with that xid is not late");
    tx.remove(first + 1);
    for (let x = 100_000; x < 100_000 + 4096; x++) tx.abandon(x);
    assert.ok(!tx.isLate(first + 1), "the memory keeps the last 4096 abandoned xids");
    assert.ok(tx.isLate(100_000) && tx.isLate(100_000 + 4095));
    tx.abandon(200_000);
    assert.ok(!tx.isLate(100_000), "the oldest is forgotten first");
  },
});

Deno.test({
  name: "negotiate: the highest common version, or a HELLO_FAILED that names both sides",
  permissions: "none",
  fn: () => {
    const hello = (version: number, versions?: number[]): HelloMessage => ({
      version,
      type: "HELLO",
      xid: 9,
      elements: versions
        ? [{ type: "VERSIONBITMAP", bitmaps: [versions.reduce((m, v) => m | (1 << v), 0)] }]
        : [],
    });
    assert.deepEqual(negotiate([1, 4], hello(4, [1, 4])), { ok: true, version: 4, theirs: [1, 4] });
    assert.deepEqual(negotiate([1, 4], hello(6)), { ok: true, version: 4, theirs: [6] });
    assert.deepEqual(negotiate([1, 4], hello(1)), { ok: true, version: 1, theirs: [1] });
    const none = negotiate([4], hello(5, [5, 6]));
    assert.equal(none.ok, false);
    if (none.ok) return;
    const reply = none.reply as OfpMessage & { errType: number; code: number; data: Uint8Array };
    assert.deepEqual([reply.version, reply.type, reply.xid, reply.errType, reply.code], [
      4,
      "ERROR",
      9,
      0,
      0,
    ]);
    assert.equal(
      new TextDecoder().decode(reply.data),
      "Incompatible versions: we support 1.3, you offered 1.4, 1.5",
    );
  },
});

Deno.test({
  name: "multipart exchange: parts in order, caps on parts and bytes, an ERROR, the idle deadline",
  permissions: "none",
  fn: async () => {
    const part = (more: boolean, length = 16): Reply => ({
      message: { type: "MULTIPART_REPLY" } as OfpMessage,
      wtype: 19,
      length,
      more,
    });
    const abandoned: number[] = [];
    const hooks = {
      switchError: () => new Error("switch error"),
      abandon: (xid: number) => abandoned.push(xid),
    };
    const limits = { idle: 1000, total: 5000, maxParts: 3, maxBytes: 100 };
    const ok = new MultipartExchange(1, 18, limits, hooks);
    assert.equal(ok.deliver(part(true)), Next.wait);
    assert.equal(ok.deliver(part(false)), Next.done);
    assert.equal((await ok.collect()).length, 2);
    const many = new MultipartExchange(2, 18, limits, hooks);
    for (let i = 0; i < 3; i++) assert.equal(many.deliver(part(true)), Next.wait);
    assert.equal(many.deliver(part(true)), Next.abandon, "the 4th part is over maxParts");
    await assert.rejects(many.collect(), /at most 3 parts/);
    const big = new MultipartExchange(3, 18, limits, hooks);
    assert.equal(big.deliver(part(true, 64)), Next.wait);
    assert.equal(big.deliver(part(true, 64)), Next.abandon, "128 bytes is over maxBytes");
    await assert.rejects(big.collect(), /at most 100 bytes/);
    const refused = new MultipartExchange(4, 18, limits, hooks);
    assert.equal(refused.deliver({ ...part(false), wtype: 1 }), Next.done);
    await assert.rejects(refused.collect(), /switch error/);
    const idle = new MultipartExchange(5, 18, { ...limits, idle: 20 }, hooks);
    idle.deliver(part(true));
    await assert.rejects(idle.collect(), /within 20 ms, got 1 parts/);
    assert.deepEqual(abandoned, [5], "a timed-out exchange's xid is abandoned by the exchange");
  },
});
