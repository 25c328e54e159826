// HELLO bodies, as Open vSwitch's own ofp-print tests (tests/ofp-print.at) feed them: a 1.0
// HELLO carrying "extra data\n", elements followed by stray bytes, bitmaps for versions above
// any we know, bitmaps that offer nothing. OpenFlow 1.0 says a HELLO's body is ignored and
// 1.3 that unknown elements are skipped: every one of them must decode, re-encode
// byte-exact, and offer the versions ovs-ofctl prints.
import assert from "node:assert/strict";
import { decode, encode, helloVersions } from "../../src/ofp/mod.ts";
import { peerTest } from "../_util/peers.ts";

const hex = (text: string) =>
  Uint8Array.from(text.replace(/\s+/g, "").match(/../g)!, (h) => parseInt(h, 16));
const ascii = (text: string) => new TextEncoder().encode(text);

interface Case {
  name: string;
  wire: string;
  /** The bitmap's versions; undefined where the HELLO has no usable bitmap. */
  versions: number[] | undefined;
  /** What ovs-ofctl ofp-print prints on its "version bitmap" line. */
  ovs: string;
  extra?: Uint8Array;
}

const CASES: Case[] = [
  { name: "ordinary", wire: "0100000800000000", versions: undefined, ovs: "0x01" },
  {
    name: "with extra data",
    wire: "0100001300000000657874726120646174610a",
    versions: undefined,
    ovs: "0x01",
    extra: ascii("extra data\n"),
  },
  {
    name: "with version bitmap",
    wire: "01 00 00 10 00 00 00 00 00 01 00 08 00 00 00 f0",
    versions: [4, 5, 6, 7],
    ovs: "0x04, 0x05, 0x06, 0x07",
  },
  {
    name: "with version bitmap and extra data",
    wire: "01 00 00 1b 00 00 00 00 ff ff 00 06 01 02 00 00 00 01 00 08 00 00 00 f0 61 62 63",
    versions: [4, 5, 6, 7],
    ovs: "0x04, 0x05, 0x06, 0x07",
    extra: ascii("abc"),
  },
  {
    name: "OpenFlow 1.3 with a bitmap and 3 stray bytes",
    wire: "04 00 00 13 00 00 00 00 00 01 00 08 00 00 00 12 61 62 63",
    versions: [1, 4],
    ovs: "0x01, 0x04",
    extra: ascii("abc"),
  },
  {
    name: "with a two-word bitmap of a higher version than supported",
    wire: "3f 00 00 18 00 00 00 00 00 01 00 0c aa aa aa aa aa aa aa aa 00 00 00 00",
    versions: Array.from({ length: 32 }, (_, i) => 2 * i + 1),
    ovs: "0x01, 0x03, 0x05",
  },
  {
    name: "with a bitmap that offers no version",
    wire: "01 00 00 10 00 00 00 00 00 01 00 08 00 00 00 00",
    versions: [],
    ovs: "0x01",
  },
];

Deno.test({
  name:
    "HELLO: Open vSwitch's ofp-print cases decode, re-encode byte-exact and offer their versions",
  permissions: "none",
  fn: async (t) => {
    for (const c of CASES) {
      await t.step(c.name, () => {
        const wire = hex(c.wire);
        const msg = decode(wire);
        assert.equal(msg.type, "HELLO");
        if (msg.type !== "HELLO") return;
        assert.deepEqual(helloVersions(msg), c.versions);
        assert.deepEqual(msg.extra, c.extra);
        assert.deepEqual(encode(msg), wire);
      });
    }
  },
});

peerTest("HELLO: ovs-ofctl ofp-print decodes the same cases and prints the same bitmaps", [
  "ovs-ofctl",
], async (t) => {
  for (const c of CASES) {
    await t.step(c.name, async () => {
      const out = await new Deno.Command("ovs-ofctl", {
        args: ["ofp-print", c.wire.replace(/\s+/g, "")],
        stdout: "piped",
        stderr: "piped",
      }).output();
      const text = new TextDecoder().decode(out.stdout);
      assert.equal(out.code, 0, text);
      assert.match(text, /^OFPT_HELLO/);
      assert.match(text, new RegExp(`version bitmap: ${c.ovs}`));
    });
  }
});
