// The poll queue keeps frames in one arena and decodes them when taken: checked against a
// plain array model through drops, removals anywhere, compactions and growth.
import assert from "node:assert/strict";
import { encode, type OfpMessage } from "../../src/ofp/codec.ts";
import { of13 } from "../../src/ofp/mod.ts";
import { PollQueue } from "../../src/controller/poll_queue.ts";
import { prng, randInt } from "../_util/prng.ts";

const echo = (xid: number, size: number): OfpMessage =>
  ({
    version: 4,
    type: "ECHO_REQUEST",
    xid,
    data: new Uint8Array(size).fill(xid & 0xff),
  }) as OfpMessage;
const barrier = (xid: number): OfpMessage => ({ ...of13.barrierRequest(), xid }) as OfpMessage;
const push = (q: PollQueue, m: OfpMessage) => q.push(encode(m), m.type);

Deno.test("poll queue: FIFO, oldest dropped when full, removal anywhere, by name or predicate", () => {
  const q = new PollQueue(3);
  assert.equal(push(q, echo(1, 0)), false);
  assert.equal(push(q, barrier(2)), false);
  assert.equal(push(q, echo(3, 5)), false);
  assert.equal(push(q, echo(4, 1)), true, "the fourth drops the oldest");
  assert.equal(q.length, 3);
  assert.deepEqual(q.take("BARRIER_REQUEST"), barrier(2));
  assert.deepEqual(q.take((m) => m.xid === 4), echo(4, 1));
  assert.equal(q.take("PACKET_IN"), undefined);
  assert.deepEqual(q.take("all"), echo(3, 5));
  assert.equal(q.length, 0);
  assert.equal(q.take("all"), undefined);
});

Deno.test("poll queue: a taken message owns its bytes; a foreign version is given back", () => {
  const q = new PollQueue(4);
  const frame = encode(echo(7, 3));
  q.push(frame, "ECHO_REQUEST");
  frame.fill(0); // the caller's buffer is reused: the queue kept a copy
  const m = q.take("all") as { data: Uint8Array };
  assert.deepEqual(m, echo(7, 3));
  push(q, echo(8, 3)); // overwrites the arena where 7 was
  assert.deepEqual(m.data, new Uint8Array(3).fill(7));
  const err = encode({ ...of13.error(1, 0, new Uint8Array(4)), xid: 9 } as OfpMessage);
  q.push(err, "ERROR", 1);
  assert.equal(q.take("ERROR")!.version, 1);
  assert.equal(q.clear(), 1);
});

Deno.test("poll queue: 200,000 random pushes and takes agree with an array model", () => {
  const rand = prng(42);
  for (const capacity of [1, 7, 1024]) {
    const q = new PollQueue(capacity);
    const model: OfpMessage[] = [];
    let xid = 0;
    for (let step = 0; step < 200_000 / 3; step++) {
      const r = rand();
      if (r < 0.6) {
        // Sizes up to 3 KB make the arena grow and compact.
        const m = rand() < 0.3
          ? barrier(++xid)
          : echo(++xid, randInt(rand, rand() < 0.01 ? 3000 : 40));
        const dropped = push(q, m);
        assert.equal(dropped, model.length === capacity);
        if (dropped) model.shift();
        model.push(m);
      } else if (r < 0.8) {
        const want = model.find((m) => m.type === "BARRIER_REQUEST");
        assert.deepEqual(q.take("BARRIER_REQUEST"), want);
        if (want) model.splice(model.indexOf(want), 1);
      } else if (r < 0.95) {
        const pick = model.length ? model[randInt(rand, model.length)].xid : -1;
        const want = model.find((m) => m.xid === pick);
        assert.deepEqual(q.take((m) => m.xid === pick), want);
        if (want) model.splice(model.indexOf(want), 1);
      } else if (r < 0.999) {
        assert.deepEqual(q.take("all"), model.shift());
      } else {
        assert.equal(q.clear(), model.length);
        model.length = 0;
      }
      assert.equal(q.length, model.length);
    }
  }
});
