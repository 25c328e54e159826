// Mutation fuzzing of the decoder: real and generated frames are corrupted (bit flips, byte
// overwrites, inner length fields nudged, truncation, extension) and decoded. The decoder may
// only ever return a message or throw OfpDecodeError; a message it returns must re-encode
// and decode to the same message.
import assert from "node:assert/strict";
import { decode, encode, OfpDecodeError, type OfpMessage } from "../../src/ofp/mod.ts";
import { readCorpus } from "../_util/corpus.ts";
import { hasPeer, PEERS_REQUIRED } from "../_util/peers.ts";
import { prng, randInt } from "../_util/prng.ts";

const FRAMES_PER_RUN = 100_000;

function seeds(): Uint8Array[] {
  if (!hasPeer("corpus")) {
    if (PEERS_REQUIRED) throw new Error("Required peer missing: corpus (OFTEST_REQUIRE_PEERS=1)");
    return [];
  }
  return readCorpus(["of10", "of13"]).map((m) => m.bytes);
}

function mutate(seed: Uint8Array, rand: () => number): Uint8Array {
  let frame = seed.slice();
  const edits = 1 + randInt(rand, 4);
  for (let i = 0; i < edits; i++) {
    switch (randInt(rand, 6)) {
      case 0: { // flip a bit past the header's version/type
        const at = 2 + randInt(rand, Math.max(1, frame.length - 2));
        if (at < frame.length) frame[at] ^= 1 << randInt(rand, 8);
        break;
      }
      case 1: // overwrite a byte with a boundary value
        frame[randInt(rand, frame.length)] = [0, 1, 4, 7, 8, 0x7f, 0x80, 0xff][randInt(rand, 8)];
        break;
      case 2: { // nudge a 16-bit big-endian field at an even offset: inner lengths live there
        const at = 8 + 2 * randInt(rand, Math.max(1, (frame.length - 9) >> 1));
        if (at + 1 < frame.length) {
          const v = ((frame[at] << 8) | frame[at + 1]) +
            [-8, -4, -1, 1, 4, 8, 0x100][randInt(rand, 7)];
          frame[at] = (v >> 8) & 0xff;
          frame[at + 1] = v & 0xff;
        }
        break;
      }
      case 3: // truncate
        frame = frame.slice(0, randInt(rand, frame.length + 1));
        break;
      case 4: { // extend with random bytes
        const tail = Uint8Array.from({ length: 1 + randInt(rand, 24) }, () => randInt(rand, 256));
        const longer = new Uint8Array(frame.length + tail.length);
        longer.set(frame);
        longer.set(tail, frame.length);
        frame = longer;
        break;
      }
      case 5: // change the message type within the version's range
        if (frame.length > 1) frame[1] = randInt(rand, 32);
        break;
    }
  }
  // Most of the time keep the header length consistent, so the mutation reaches inner decoders.
  if (frame.length >= 4 && frame.length <= 0xffff && rand() < 0.9) {
    frame[2] = frame.length >> 8;
    frame[3] = frame.length & 0xff;
  }
  return frame;
}

const show = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

Deno.test({
  name:
    `fuzz: ${FRAMES_PER_RUN} mutated frames raise only OfpDecodeError, and what decodes re-encodes`,
  permissions: { read: true, env: true },
  fn: () => {
    const pool = seeds();
    if (pool.length === 0) return; // reported by the corpus tests as skipped
    const rand = prng(0x0f7e57);
    let decoded = 0;
    let rejected = 0;
    for (let i = 0; i < FRAMES_PER_RUN; i++) {
      const frame = mutate(pool[randInt(rand, pool.length)], rand);
      let msg: OfpMessage;
      try {
        msg = decode(frame);
      } catch (e) {
        if (!(e instanceof OfpDecodeError)) {
          assert.fail(
            `frame ${i} (${show(frame)}) threw ${(e as Error)?.name}: ${(e as Error)?.message}`,
          );
        }
        rejected++;
        continue;
      }
      decoded++;
      let again: OfpMessage;
      try {
        again = decode(encode(msg));
      } catch (e) {
        assert.fail(
          `frame ${i} (${show(frame)}) decoded but did not round-trip: ${(e as Error)?.message}`,
        );
      }
      assert.deepEqual(again, msg, `frame ${i} (${show(frame)})`);
    }
    // Both outcomes must be well represented, or the mutations are not exercising the decoder.
    assert.ok(decoded > FRAMES_PER_RUN / 50, `only ${decoded} mutated frames decoded`);
    assert.ok(rejected > FRAMES_PER_RUN / 50, `only ${rejected} mutated frames were rejected`);
  },
});
