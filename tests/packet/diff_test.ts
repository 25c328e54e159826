// diff, formatDiff, the side-by-side hexdump and the mismatch report.
import assert from "node:assert/strict";
import {
  build,
  diff,
  formatDiff,
  formatMismatch,
  hexdumpSideBySide,
  type Layer,
  simpleTcpPacket,
} from "../../src/packet/mod.ts";

const frame = (ttl: number, vid2 = 20, more: Partial<Layer> = {}): Layer[] => [
  { type: "ethernet", dst: "00:01:02:03:04:05", src: "00:06:07:08:09:0a" },
  { type: "vlan", vid: 10 },
  { type: "vlan", vid: vid2 },
  { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.2", ttl, identification: 1, ...more } as Layer,
  { type: "tcp", srcPort: 1, dstPort: 2 },
];

Deno.test({
  name: "diff: the fields that differ, by layer path",
  permissions: "none",
  fn: async (t) => {
    await t.step("equal frames have no differences, as bytes or layers", () => {
      assert.deepEqual(diff(frame(64), frame(64)), []);
      assert.deepEqual(diff(build(frame(64)), frame(64)), []);
    });
    await t.step("a changed field is found, stacked layers indexed", () => {
      assert.deepEqual(diff(frame(64), frame(63, 21), { checksums: false }), [
        { path: "vlan[1].vid", expected: 20, actual: 21 },
        { path: "ipv4.ttl", expected: 64, actual: 63 },
      ]);
      // The TTL is not in TCP's pseudo-header: only the IPv4 checksum follows it.
      assert.deepEqual(diff(frame(64), frame(63)).map((e) => e.path), [
        "ipv4.ttl",
        "ipv4.checksum",
      ]);
    });
    await t.step("ignore: fields, fields of every index, whole layers; checksums: false", () => {
      const a = frame(64), b = frame(63, 21, { identification: 7 });
      const ignore = ["ipv4.checksum", "ipv4.identification", "ipv4.ttl", "tcp.checksum"];
      assert.deepEqual(diff(a, b, { ignore }).map((e) => e.path), ["vlan[1].vid"]);
      assert.deepEqual(diff(a, b, { ignore: [...ignore, "vlan.vid"] }), []);
      assert.deepEqual(diff(a, b, { ignore: [...ignore, "vlan[1]"] }), []);
      assert.deepEqual(diff(a, b, { ignore: [...ignore, "vlan[0]"] }).map((e) => e.path), [
        "vlan[1].vid",
      ]);
      assert.deepEqual(diff(a, b, { checksums: false, ignore: ["ipv4", "vlan"] }), []);
      assert.throws(() => diff(a, b, { ignore: "ipv4.ttl" as unknown as string[] }), TypeError);
    });
    await t.step("a missing layer: a layers entry and the layer", () => {
      const withTag = frame(64);
      const without = withTag.filter((_, i) => i !== 2);
      const d = diff(withTag, without, { checksums: false });
      assert.deepEqual(d[0], {
        path: "layers",
        expected: "ethernet, vlan, vlan, ipv4, tcp",
        actual: "ethernet, vlan, ipv4, tcp",
      });
      assert.ok(d.some((e) => e.path === "vlan[1]" && e.actual === undefined));
      assert.ok(d.some((e) => e.path === "vlan[0].ethertype"));
    });
    await t.step("nested lists and byte fields", () => {
      const ns = (mac: string): Layer[] => [
        { type: "ethernet" },
        { type: "ipv6" },
        { type: "icmpv6", icmpType: 135, options: [{ optionType: 1, mac }] },
      ];
      assert.deepEqual(
        diff(ns("00:00:00:00:00:01"), ns("00:00:00:00:00:02"), { checksums: false }),
        [
          {
            path: "icmpv6.options[0].mac",
            expected: "00:00:00:00:00:01",
            actual: "00:00:00:00:00:02",
          },
        ],
      );
      const padded = build(frame(64), { pad: true });
      assert.deepEqual(diff(build(frame(64)), padded).map((e) => e.path), []);
      const pad2 = build([{ type: "ethernet" }, { type: "arp" }], { pad: true });
      const d = diff(build([{ type: "ethernet" }, { type: "arp" }]), pad2);
      assert.deepEqual(d, [{
        path: "ethernet.padding",
        expected: undefined,
        actual: new Uint8Array(18),
      }]);
    });
    await t.step("a truncated frame still compares", () => {
      const whole = build(frame(64));
      const d = diff(whole, whole.subarray(0, 30));
      assert.equal(d[0].path, "layers");
    });
  },
});

Deno.test({
  name: "formatDiff, hexdumpSideBySide and formatMismatch print what differs",
  permissions: "none",
  fn: () => {
    assert.equal(
      formatDiff(diff(frame(64), frame(63), { checksums: false })),
      "ipv4.ttl: expected 64, got 63",
    );
    assert.equal(
      formatDiff([
        { path: "ipv4.checksum", expected: 0x1234, actual: 0x12 },
        {
          path: "vlan[1]",
          expected: { type: "vlan", vid: 2, ethertype: 0x800 },
          actual: undefined,
        },
        { path: "raw.data", expected: new Uint8Array([1, 0xab]), actual: new Uint8Array(0) },
        { path: "sctp.checksum", expected: 0x01020304, actual: 0 },
      ]),
      [
        "ipv4.checksum: expected 0x1234, got 0x12",
        "vlan[1]: expected vlan { vid: 2, ethertype: 0x0800 }, got nothing",
        "raw.data: expected 01 ab, got 0 bytes",
        "sctp.checksum: expected 0x01020304, got 0x00",
      ].join("\n"),
    );
    assert.equal(formatDiff([]), "");
    const dump = hexdumpSideBySide(
      Uint8Array.from({ length: 20 }, (_, i) => i),
      Uint8Array.from({ length: 18 }, (_, i) => (i === 3 ? 0xff : i)),
      { width: 8 },
    );
    assert.equal(
      dump,
      [
        "      expected (20 bytes)       actual (18 bytes)",
        "0000  00 01 02 03 04 05 06 07 | 00 01 02 ff 04 05 06 07   <",
        "               ^^                        ^^",
        "0008  08 09 0a 0b 0c 0d 0e 0f | 08 09 0a 0b 0c 0d 0e 0f",
        "0010  10 11 12 13             | 10 11                     <",
        "            ^^ ^^                     ^^ ^^",
      ].join("\n"),
    );
    assert.match(
      hexdumpSideBySide(new Uint8Array(40), new Uint8Array(40), { max: 16 }),
      /… 24 more bytes not shown$/,
    );
    assert.throws(
      () => hexdumpSideBySide(new Uint8Array(1), new Uint8Array(1), { width: 0 }),
      RangeError,
    );
    const report = formatMismatch(simpleTcpPacket(), simpleTcpPacket({ ipTtl: 63 }), {
      ignore: ["ipv4.checksum"],
    });
    assert.equal(report.split("\n")[0], "ipv4.ttl: expected 64, got 63");
    assert.match(report, /^0010 .*<$/m);
    assert.match(
      formatMismatch(simpleTcpPacket(), simpleTcpPacket({ ipTtl: 63 }), {
        checksums: false,
        ignore: ["ipv4.ttl"],
      }),
      /^No field differs/,
    );
  },
});
