// The shared-memory rings between the socket worker and the main thread (_ring.ts,
// _ring_link.ts), on their own in one thread: records wrapping round the end, a full ring
// holding the writer back, posted messages keeping their place among the records.
import assert from "node:assert/strict";
import { newRingBuffer, RingReader, RingWriter } from "../../src/controller/_ring.ts";
import { RingInbox, RingOutbox } from "../../src/controller/_ring_link.ts";
import { R } from "../../src/controller/_protocol.ts";
import { prng, randInt } from "../_util/prng.ts";

/** A payload whose bytes say which record they belong to. */
function payload(n: number, length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (n * 7 + i) & 0xff);
}

Deno.test({
  name: "ring: records of every size wrap round the end, each read back whole, in order",
  permissions: "none",
  fn: () => {
    const buffer = newRingBuffer(256);
    const w = new RingWriter(buffer), r = new RingReader(buffer);
    assert.equal(w.maxPayload, 56);
    const rand = prng(12);
    let written = 0, read = 0, bytes = 0;
    const lengths: number[] = [];
    while (read < 5000) {
      // Write while it fits (sometimes stop early), publish, then read some of what is there.
      for (let k = randInt(rand, 6); k >= 0; k--) {
        const length = randInt(rand, w.maxPayload + 1);
        if (!w.put(2 + (written % 3), written, payload(written, length))) break;
        lengths.push(length);
        bytes += length;
        written++;
      }
      w.publish();
      for (let k = randInt(rand, 6); k >= 0 && r.next(); k--) {
        assert.equal(r.id, read, "records come in the order written");
        assert.equal(r.kind, 2 + (read % 3));
        assert.equal(r.length, lengths[read]);
        assert.deepEqual(r.payload(), payload(read, lengths[read]), `record ${read}'s bytes`);
        read++;
      }
      r.release();
    }
    assert.ok(bytes > 100 * 256, "the writer went round the ring many times");
  },
});

Deno.test({
  name: "ring: bad records are refused before anything is written",
  permissions: "none",
  fn: () => {
    assert.throws(() => newRingBuffer(100), RangeError);
    assert.throws(() => newRingBuffer(32), RangeError);
    const buffer = newRingBuffer(256);
    const w = new RingWriter(buffer), r = new RingReader(buffer);
    assert.throws(() => w.put(2, 1, new Uint8Array(57)), RangeError);
    assert.throws(() => w.put(1, 1), RangeError, "kind 1 is the ring's own padding");
    assert.throws(() => w.put(256, 1), RangeError);
    w.publish();
    assert.equal(r.next(), false, "nothing was written");
  },
});

Deno.test({
  name: "ring: a full ring refuses a record until the reader releases room",
  permissions: "none",
  fn: async () => {
    const buffer = newRingBuffer(256);
    const w = new RingWriter(buffer), r = new RingReader(buffer);
    let n = 0;
    while (w.put(2, n, payload(n, 24))) n++;
    assert.equal(n, 8, "eight records of 32 bytes fill 256");
    assert.equal(w.fits(0), false);
    w.publish();
    const room = w.waitRoom(24);
    assert.ok(room, "the writer has to wait");
    assert.ok(r.next());
    assert.equal(w.fits(24), false, "read but not released: still no room");
    r.release();
    await room;
    assert.equal(w.fits(24), true);
    assert.equal(w.waitRoom(24), undefined, "no wait when it fits");
  },
});

Deno.test({
  name: "ring outbox: records beyond the ring wait in order and move in as the reader frees room",
  permissions: "none",
  fn: async () => {
    const buffer = newRingBuffer(256);
    const out = new RingOutbox(new RingWriter(buffer));
    const r = new RingReader(buffer);
    const total = 200;
    let put = 0;
    for (; put < 100; put++) out.put(2, put, payload(put, 40));
    out.publish();
    assert.ok(out.backlog > 50, `most records wait (${out.backlog})`);
    const seen: number[] = [];
    while (seen.length < total) {
      if (!r.next()) {
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      assert.deepEqual(r.payload(), payload(r.id, 40));
      seen.push(r.id);
      if (seen.length % 3 === 0) r.release();
      // More records while some still wait: they must queue behind, not take the room freed.
      if (put < total) out.put(2, put, payload(put++, 40));
    }
    const drained = out.drained();
    r.release();
    await drained;
    assert.deepEqual(seen, Array.from({ length: total }, (_, i) => i), "in the order put");
    assert.equal(out.backlog, 0);
  },
});

Deno.test({
  name: "ring outbox: a byte stream larger than the ring is cut into records, none lost",
  permissions: "none",
  fn: async () => {
    const buffer = newRingBuffer(256);
    const out = new RingOutbox(new RingWriter(buffer));
    const r = new RingReader(buffer);
    const stream = payload(3, 5000);
    out.putStream(2, 9, stream);
    out.publish();
    const got: number[] = [];
    while (got.length < stream.length) {
      if (!r.next()) {
        r.release();
        await new Promise((resolve) => setTimeout(resolve, 1));
        continue;
      }
      assert.equal(r.id, 9);
      assert.ok(r.length <= 56);
      got.push(...r.payload());
    }
    r.release();
    await out.drained();
    assert.deepEqual(Uint8Array.from(got), stream);
  },
});

/** What an inbox handed out, in order. */
type Seen = string;

function inbox(buffer: SharedArrayBuffer, seen: Seen[]): RingInbox<string> {
  return new RingInbox<string>(new RingReader(buffer), {
    record: (r) => seen.push(`record ${r.id}`),
    post: (m) => seen.push(`post ${m}`),
  });
}

/** Waits until `seen` has `n` entries (or fails after 2 s). */
async function until(seen: Seen[], n: number): Promise<void> {
  const deadline = performance.now() + 2000;
  while (seen.length < n) {
    if (performance.now() > deadline) assert.fail(`only ${seen.length} of ${n}: ${seen}`);
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
}

Deno.test({
  name: "ring inbox: a posted message is handed out at its mark, whether it came early or late",
  permissions: "none",
  fn: async () => {
    const buffer = newRingBuffer(256);
    const out = new RingOutbox(new RingWriter(buffer));
    const seen: Seen[] = [];
    const box = inbox(buffer, seen);
    box.start();
    try {
      // Early: the message is there before its mark is read.
      out.put(R.bytes, 1);
      out.mark();
      box.posted("one");
      out.put(R.bytes, 2);
      out.publish();
      await until(seen, 3);
      assert.deepEqual(seen, ["record 1", "post one", "record 2"]);
      // Late: the mark is read first; the records after it wait for the message.
      out.mark();
      out.put(R.bytes, 3);
      out.mark();
      out.put(R.bytes, 4);
      out.publish();
      await new Promise((resolve) => setTimeout(resolve, 20));
      assert.deepEqual(seen.slice(3), [], "nothing passes a mark whose message has not come");
      box.posted("two");
      await until(seen, 5);
      assert.deepEqual(seen.slice(3), ["post two", "record 3"], "then up to the next mark");
      box.posted("three");
      await until(seen, 7);
      assert.deepEqual(seen.slice(5), ["post three", "record 4"]);
    } finally {
      box.stop();
    }
  },
});

Deno.test({
  name: "ring inbox: records and posts interleaved at random come out in the writer's order",
  permissions: "none",
  fn: async () => {
    const buffer = newRingBuffer(256);
    const out = new RingOutbox(new RingWriter(buffer));
    const seen: Seen[] = [];
    const box = inbox(buffer, seen);
    box.start();
    const rand = prng(5);
    const expected: Seen[] = [];
    const posts: string[] = [];
    try {
      for (let i = 0; i < 400; i++) {
        if (rand() < 0.3) {
          out.mark();
          posts.push(`p${i}`);
          expected.push(`post p${i}`);
        } else {
          out.put(R.bytes, i, payload(i, randInt(rand, 40)));
          expected.push(`record ${i}`);
        }
        if (rand() < 0.2) out.publish();
        // Posts arrive in order, some before and some after their marks are read.
        if (posts.length > 0 && rand() < 0.4) box.posted(posts.shift()!);
        if (rand() < 0.1) await new Promise((resolve) => setTimeout(resolve, 0));
      }
      out.publish();
      while (posts.length > 0) box.posted(posts.shift()!);
      await until(seen, expected.length);
      assert.deepEqual(seen, expected);
    } finally {
      box.stop();
    }
  },
});
