// Round-trip fuzz: >= 100,000 mutated frames per run. `parse` either raises the typed
// PacketParseError or returns layers that `build` turns back into the same bytes; with
// `partial: true` it never raises and always round-trips.
import assert from "node:assert/strict";
import { build, type Layer, PacketParseError, parse } from "../../src/packet/mod.ts";
import { prng, randInt } from "../_util/prng.ts";
import { generateFrames } from "./_generate.ts";

const SEED = 0xf00d;
const BASES = 600;
const MUTANTS_PER_BASE = 170; // 102,000 in all

type Rand = () => number;

/** A mutated copy of `frame`: bytes flipped, a length field rewritten, cut, grown, or spliced. */
function mutate(r: Rand, frame: Uint8Array): Uint8Array {
  const kind = randInt(r, 6);
  if (kind === 0) return frame.slice(0, randInt(r, frame.length + 1)); // truncated
  if (kind === 1) {
    const grown = new Uint8Array(frame.length + 1 + randInt(r, 16));
    grown.set(frame);
    for (let i = frame.length; i < grown.length; i++) grown[i] = randInt(r, 256);
    return grown;
  }
  const out = frame.slice();
  if (out.length === 0) return out;
  if (kind === 2) {
    // A 16-bit field (a length, a type) set to something else.
    const at = randInt(r, Math.max(1, out.length - 1));
    const v = [0, 1, 7, 8, 20, 40, 1500, 1501, 0xffff, randInt(r, 0x10000)][randInt(r, 10)];
    out[at] = v >> 8;
    if (at + 1 < out.length) out[at + 1] = v & 0xff;
    return out;
  }
  if (kind === 3) {
    // A header-length nibble or byte (IHL, data offset, extension length) changed.
    const at = randInt(r, out.length);
    out[at] = (out[at] & 0xf0) | randInt(r, 16);
    return out;
  }
  if (kind === 4) {
    // Bytes spliced out of the middle.
    const at = randInt(r, out.length), n = 1 + randInt(r, 8);
    return Uint8Array.from([...out.subarray(0, at), ...out.subarray(at + n)]);
  }
  for (let k = 1 + randInt(r, 4); k > 0; k--) out[randInt(r, out.length)] ^= 1 << randInt(r, 8);
  return out;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Checks one frame against the fuzz properties, with the parse and build under test.
 * Returns what went wrong, or undefined.
 */
function checkFrame(
  bytes: Uint8Array,
  parseFn: (b: Uint8Array, o?: { partial?: boolean }) => Layer[],
  buildFn: (l: Layer[]) => Uint8Array,
): string | undefined {
  try {
    const layers = parseFn(bytes);
    let again: Uint8Array;
    try {
      again = buildFn(layers);
    } catch (e) {
      return `parsed layers do not build: ${(e as Error).message}`;
    }
    if (!sameBytes(again, bytes)) return "build(parse(bytes)) differs from bytes";
  } catch (e) {
    if (!(e instanceof PacketParseError)) {
      return `parse raised ${(e as Error).name}: ${(e as Error).message}`;
    }
    if (
      !(e instanceof RangeError) || !Number.isInteger(e.offset) || e.offset < 0 ||
      e.offset > bytes.length
    ) {
      return `PacketParseError without a sound offset: ${e.offset}`;
    }
  }
  try {
    const layers = parseFn(bytes, { partial: true });
    if (!sameBytes(buildFn(layers), bytes)) {
      return "build(parse(bytes, { partial: true })) differs from bytes";
    }
  } catch (e) {
    return `parse with partial: true raised ${(e as Error).name}: ${(e as Error).message}`;
  }
  return undefined;
}

Deno.test({
  name: `fuzz: ${BASES * MUTANTS_PER_BASE} mutated frames parse to the typed error or round-trip`,
  permissions: "none",
  fn: async (t) => {
    const r = prng(SEED);
    const bases = generateFrames(SEED, BASES).map((f) => build(f.layers, { pad: f.pad }));
    let checked = 0, errors = 0;
    const failures: string[] = [];
    for (const base of bases) {
      for (let k = 0; k < MUTANTS_PER_BASE; k++) {
        const bytes = mutate(r, base);
        const why = checkFrame(bytes, parse, build);
        checked++;
        if (why !== undefined && failures.length < 5) {
          failures.push(
            `${why}: ${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`,
          );
        }
        try {
          parse(bytes);
        } catch {
          errors++;
        }
      }
    }
    await t.step("every mutant holds", () => assert.deepEqual(failures, []));
    await t.step("enough mutants, of both outcomes", () => {
      assert.ok(checked >= 100_000, `${checked} frames`);
      assert.ok(errors > 1000 && checked - errors > 10_000, `${errors} errors of ${checked}`);
    });
    await t.step("the checker flags a parse that loses bytes or throws the wrong error", () => {
      const frame = bases[0];
      assert.equal(checkFrame(frame, parse, build), undefined);
      const lossy = (b: Uint8Array, o?: { partial?: boolean }) =>
        parse(b.subarray(0, b.length - 1), o);
      assert.match(checkFrame(frame, lossy, build) ?? "", /differs/);
      const untyped = () => {
        throw new RangeError("not the typed error");
      };
      assert.match(checkFrame(frame, untyped, build) ?? "", /parse raised RangeError/);
      const unbuildable = (l: Layer[]) => build([...l, { type: "vlan", vid: 9999 }]);
      assert.match(checkFrame(frame, parse, unbuildable) ?? "", /do not build/);
    });
  },
});
