// The worker's read buffer (workers/_read_buffer.ts): whatever the sizes of the reads and of
// the frames, the complete frames it finds are the frames sent, whole and in order, and a
// read always has room (a buffer full of a partial frame grows).
import assert from "node:assert/strict";
import { MAX_READ, MIN_READ, ReadBuffer } from "../../workers/_read_buffer.ts";
import { OfpDecodeError } from "../../src/ofp/mod.ts";
import { prng, randInt } from "../_util/prng.ts";
import * as F from "./_frames.ts";

/** Feeds `stream` in reads of at most `chunk()` bytes; returns the frames found. */
function feed(stream: Uint8Array, chunk: () => number, give: () => boolean): Uint8Array[] {
  const rb = new ReadBuffer();
  const found: Uint8Array[] = [];
  let at = 0;
  while (at < stream.length) {
    const room = rb.room();
    assert.ok(room.length > 0, `a read at ${at} has room`);
    const n = Math.min(room.length, chunk(), stream.length - at);
    room.set(stream.subarray(at, at + n));
    at += n;
    const framed = rb.filled(n);
    assert.equal(rb.error, undefined);
    const starts: number[] = [];
    for (let p = 0; p < framed;) {
      const len = (rb.bytes[p + 2] << 8) | rb.bytes[p + 3];
      found.push(rb.bytes.slice(p, p + len));
      starts.push(p);
      p += len;
    }
    assert.deepEqual([...rb.offsets.subarray(0, rb.count)], starts, "the offsets it found");
    if (framed > 0 && give()) rb.given();
    else rb.consumed();
  }
  return found;
}

Deno.test({
  name: "read buffer: frames of 8 bytes to 64 KiB, reads of any size, handed out whole",
  permissions: "none",
  fn: () => {
    const rand = prng(3);
    const frames = Array.from({ length: 400 }, (_, i) => {
      const size = [8, 9, 100, 1023, 1024, 1025, 5000, 65535][randInt(rand, 8)];
      return F.frame(4, 10, i, new Uint8Array(size - 8).map((_, j) => (i + j) & 0xff));
    });
    const stream = F.concat(...frames);
    for (
      const [label, chunk] of [
        ["byte by byte", () => 1],
        ["random reads", () => 1 + randInt(rand, 9000)],
        ["reads as large as the room", () => Infinity],
      ] as const
    ) {
      for (const give of [() => false, () => rand() < 0.5]) {
        const found = feed(stream, chunk, give);
        assert.equal(found.length, frames.length, label);
        found.forEach((f, i) => assert.deepEqual(f, frames[i], `${label}: frame ${i}`));
      }
    }
  },
});

Deno.test({
  name: "read buffer: grows while reads fill it, up to its largest; back down when they do not",
  permissions: "none",
  fn: () => {
    const rb = new ReadBuffer();
    assert.equal(rb.bytes.length, MIN_READ);
    const frame = F.frame(4, 10, 0, new Uint8Array(248)); // 256 bytes
    for (let i = 0; i < 20; i++) {
      const room = rb.room();
      const n = room.length - (room.length % 256);
      for (let p = 0; p < n; p += 256) room.set(frame, p);
      rb.filled(n);
      rb.consumed();
    }
    assert.equal(rb.bytes.length, MAX_READ, "full reads doubled it to the largest");
    const small = F.frame(4, 2, 0, new Uint8Array(24)); // 32 bytes: under an eighth of the least
    for (let i = 0; i < 200; i++) {
      rb.room().set(small);
      rb.filled(small.length);
      rb.consumed();
    }
    assert.equal(rb.bytes.length, MIN_READ, "small reads brought it back");
  },
});

Deno.test({
  name: "read buffer: a header length below 8 stops framing there, with the frames before it",
  permissions: "none",
  fn: () => {
    const rb = new ReadBuffer();
    const good = F.frame(4, 2, 1, [1, 2]);
    const bytes = F.concat(good, new Uint8Array([4, 2, 0, 4, 0, 0, 0, 9]));
    rb.room().set(bytes);
    assert.equal(rb.filled(bytes.length), good.length);
    assert.ok(rb.error instanceof OfpDecodeError);
    assert.match(rb.error.message, /length 4 is below the 8-byte header/);
  },
});
