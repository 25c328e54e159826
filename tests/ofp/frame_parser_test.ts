import assert from "node:assert/strict";
import { FrameParser, OfpDecodeError, scanFrames } from "../../src/ofp/mod.ts";
import { readCorpus } from "../_util/corpus.ts";
import { peerTest } from "../_util/peers.ts";
import { prng } from "../_util/prng.ts";

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Feeds `stream` cut at `cuts` and returns copies of the frames, checking `pending` at the end. */
function feed(parser: FrameParser, stream: Uint8Array, cuts: number[]): Uint8Array[] {
  const frames: Uint8Array[] = [];
  let from = 0;
  for (const cut of [...cuts, stream.length]) {
    for (const f of parser.push(stream.subarray(from, cut))) frames.push(f.slice());
    from = cut;
  }
  return frames;
}

const echo = (xid: number, payload: number[] = []) =>
  new Uint8Array([4, 2, 0, 8 + payload.length, 0, 0, 0, xid, ...payload]);

Deno.test({
  name: "FrameParser",
  permissions: "none",
  fn: async (t) => {
    await t.step("yields whole frames as views into the chunk", () => {
      const chunk = concat([echo(1), echo(2, [9, 9])]);
      const frames = [...new FrameParser().push(chunk)];
      assert.equal(frames.length, 2);
      assert.equal(frames[0].buffer, chunk.buffer, "no copy when nothing is split");
      assert.deepEqual(frames[1], echo(2, [9, 9]));
    });

    await t.step("keeps a partial header and a partial body across chunks", () => {
      const parser = new FrameParser();
      const stream = concat([echo(1, [1, 2, 3]), echo(2)]);
      assert.deepEqual([...parser.push(stream.subarray(0, 3))], []);
      assert.equal(parser.pending, 3);
      assert.deepEqual([...parser.push(stream.subarray(3, 10))], []);
      assert.deepEqual([...parser.push(stream.subarray(10))].map((f) => f.slice()), [
        echo(1, [1, 2, 3]),
        echo(2),
      ]);
      assert.equal(parser.pending, 0);
    });

    await t.step("an empty chunk yields nothing and keeps state", () => {
      const parser = new FrameParser();
      [...parser.push(echo(1).subarray(0, 5))];
      assert.deepEqual([...parser.push(new Uint8Array(0))], []);
      assert.equal(parser.pending, 5);
    });

    await t.step("a header length below 8 fails after delivering the frames before it", () => {
      const parser = new FrameParser();
      const bad = new Uint8Array([4, 2, 0, 4, 0, 0, 0, 3]);
      const got: Uint8Array[] = [];
      assert.throws(
        () => {
          for (const f of parser.push(concat([echo(1), bad]))) got.push(f.slice());
        },
        (e: unknown) => e instanceof OfpDecodeError && e.path === "header.length" && e.offset === 2,
      );
      assert.deepEqual(got, [echo(1)]);
      // The stream cannot be re-synchronised: the parser stays failed until reset.
      assert.throws(() => [...parser.push(echo(2))], OfpDecodeError);
      parser.reset();
      assert.equal([...parser.push(echo(2))].length, 1);
    });

    for (const length of [0, 1, 7]) {
      await t.step(`header length ${length} is rejected as soon as the header is complete`, () => {
        const parser = new FrameParser();
        const frame = new Uint8Array([1, 0, 0, length, 0, 0, 0, 0]);
        assert.deepEqual([...parser.push(frame.subarray(0, 7))], []);
        assert.throws(() => [...parser.push(frame.subarray(7))], OfpDecodeError);
      });
    }

    await t.step("scanFrames reports where the unconsumed tail starts", () => {
      const stream = concat([echo(1), echo(2, [5]), echo(3).subarray(0, 6)]);
      const offsets: number[] = [];
      const rest = scanFrames(new DataView(stream.buffer), 0, stream.length, offsets);
      assert.deepEqual(offsets, [0, 8]);
      assert.equal(rest, 17);
    });
  },
});

peerTest("FrameParser: every corpus message, byte by byte and in random splits", ["corpus"], () => {
  // One OF1.5 file in Ryu's corpus (meter_features_reply) has 8 trailing bytes beyond its
  // header length; a stream of it would not be a valid OpenFlow stream, so it is left out.
  const messages = readCorpus(["of10", "of13", "of14", "of15"]).map((m) => m.bytes)
    .filter((b) => ((b[2] << 8) | b[3]) === b.length);
  assert.ok(messages.length > 150, `expected the whole corpus, found ${messages.length} messages`);
  const stream = concat(messages);

  const byteByByte = feed(new FrameParser(), stream, [...Array(stream.length).keys()].slice(1));
  assert.deepEqual(byteByByte, messages);

  for (let seed = 1; seed <= 50; seed++) {
    const rand = prng(seed);
    const cuts = [
      ...new Set(
        Array.from(
          { length: 1 + Math.floor(rand() * 200) },
          () => Math.floor(rand() * stream.length),
        ),
      ),
    ]
      .sort((a, b) => a - b);
    assert.deepEqual(feed(new FrameParser(), stream, cuts), messages, `seed ${seed}`);
  }
});
