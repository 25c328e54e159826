// Every generated message (each message type, body, action, instruction and OXM field of
// both versions) round-trips; random variants of them round-trip too.
import assert from "node:assert/strict";
import { decode, encode, type OfpMessage } from "../../src/ofp/mod.ts";
import { of10Messages, of13Messages } from "../_util/generate.ts";
import { prng, randInt } from "../_util/prng.ts";

function typeKey(m: OfpMessage): string {
  const body = (m as { body?: { type?: string } }).body;
  return `${m.version}/${m.type}${body?.type ? `/${body.type}` : ""}`;
}

Deno.test({
  name: "round trip: every generated message of OpenFlow 1.0 and 1.3",
  permissions: "none",
  fn: async (t) => {
    for (const [version, messages] of [["1.0", of10Messages()], ["1.3", of13Messages()]] as const) {
      await t.step(`OpenFlow ${version}: ${messages.length} messages`, () => {
        for (const m of messages) assert.deepEqual(decode(encode(m)), m, typeKey(m));
      });
    }
  },
});

Deno.test({
  name: "round trip: the generated set covers every message type",
  permissions: "none",
  fn: () => {
    const types10 = new Set(of10Messages().map((m) => m.type));
    const types13 = new Set(of13Messages().map((m) => m.type));
    assert.equal(types10.size, 22, [...types10].join(" "));
    assert.equal(types13.size, 30, [...types13].join(" "));
    const bodies13 = new Set(
      of13Messages().flatMap((
        m,
      ) => (m.type === "MULTIPART_REQUEST" || m.type === "MULTIPART_REPLY"
        ? [`${m.type}/${m.body.type}`]
        : [])
      ),
    );
    assert.equal(
      bodies13.size,
      28,
      "14 request and 14 reply bodies (EXPERIMENTER is covered by the corpus)",
    );
  },
});

/** Randomises every number of a message within its current width, keeping its shape. */
function mutateNumbers(value: unknown, rand: () => number): unknown {
  if (typeof value === "number") {
    const width = value <= 0xff ? 0xff : value <= 0xffff ? 0xffff : 0xffffffff;
    return randInt(rand, width + 1);
  }
  if (typeof value === "bigint") {
    return BigInt(randInt(rand, 2 ** 32)) * BigInt(randInt(rand, 2 ** 32));
  }
  // Same length: some byte fields are padded to 8 (experimenter bodies), and that is by design.
  if (value instanceof Uint8Array) return value.map(() => randInt(rand, 256));
  if (Array.isArray(value)) return value.map((v) => mutateNumbers(v, rand));
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      // Discriminants and fields whose width the number does not tell stay as they are.
      out[k] =
        k === "version" || k === "type" || k === "field" || k === "errType" || k === "value" ||
          k === "mask"
          ? v
          : mutateNumbers(v, rand);
    }
    return out;
  }
  return value;
}

Deno.test({
  name: "round trip: 20,000 random variants of the generated messages",
  permissions: "none",
  fn: () => {
    const pool = [...of10Messages(), ...of13Messages()];
    const rand = prng(42);
    for (let i = 0; i < 20_000; i++) {
      const m = mutateNumbers(pool[i % pool.length], rand) as OfpMessage;
      assert.deepEqual(decode(encode(m)), m, `variant ${i} of ${typeKey(m)}`);
    }
  },
});
