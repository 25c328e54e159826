// The one framing routine under FrameParser, the socket worker and the in-memory peer: read
// into reserved buffers in random sizes (the worker's way), the same frames come out as from
// one whole chunk; a header length below 8 stops the scan where it stands.
import assert from "node:assert/strict";
import { FrameAccumulator } from "../../src/ofp/_frame_accumulator.ts";
import { prng } from "../_util/prng.ts";

function stream(random: () => number, count: number): { bytes: Uint8Array; frames: number[] } {
  const parts: number[] = [];
  const frames: number[] = [];
  for (let i = 0; i < count; i++) {
    const len = 8 + Math.floor(random() * 3000);
    frames.push(len);
    parts.push(4, i & 0xff, len >> 8, len & 0xff, 0, 0, 0, i & 0xff);
    for (let j = 8; j < len; j++) parts.push((i + j) & 0xff);
  }
  return { bytes: new Uint8Array(parts), frames };
}

Deno.test({
  name: "FrameAccumulator: reads of random sizes into reserved buffers give every frame once",
  permissions: "none",
  fn: () => {
    const random = prng(11);
    const { bytes, frames } = stream(random, 300);
    const acc = new FrameAccumulator();
    const got: Uint8Array[] = [];
    let at = 0;
    while (at < bytes.length) {
      const room = 1 + Math.floor(random() * 700);
      const { buffer, start } = acc.reserve(room);
      assert.ok(buffer.length - start >= room, "at least the room asked for");
      const n = Math.min(buffer.length - start, bytes.length - at);
      buffer.set(bytes.subarray(at, at + n), start);
      at += n;
      const offsets: number[] = [];
      acc.scan(buffer, start + n, offsets);
      assert.equal(acc.error, undefined);
      for (const o of offsets) {
        got.push(buffer.slice(o, o + ((buffer[o + 2] << 8) | buffer[o + 3])));
      }
    }
    assert.equal(acc.pending, 0);
    assert.deepEqual(got.map((f) => f.length), frames);
    let pos = 0;
    for (const f of got) {
      assert.deepEqual(f, bytes.subarray(pos, pos + f.length));
      pos += f.length;
    }
  },
});

Deno.test({
  name: "FrameAccumulator: a header length below 8 stops the scan at that header, nothing carried",
  permissions: "none",
  fn: () => {
    const acc = new FrameAccumulator();
    const good = [4, 2, 0, 8, 0, 0, 0, 1];
    const bytes = acc.join(new Uint8Array([...good, 4, 2, 0, 3, 0, 0, 0, 2, 4, 2]));
    const offsets: number[] = [];
    assert.equal(acc.scan(bytes, bytes.length, offsets), 8);
    assert.deepEqual(offsets, [0]);
    assert.match(acc.error!.message, /header length 3 is below the 8-byte header/);
    assert.equal(acc.pending, 0);
    // A fresh scan clears the error; a partial frame is carried and joined with the next chunk.
    const next = acc.join(new Uint8Array([...good, 4, 2, 0]));
    acc.scan(next, next.length, []);
    assert.equal(acc.error, undefined);
    assert.equal(acc.pending, 3);
    assert.deepEqual(
      acc.join(new Uint8Array([8, 0, 0, 0, 3])),
      new Uint8Array([4, 2, 0, 8, 0, 0, 0, 3]),
    );
  },
});
