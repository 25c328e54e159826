// build: defaults, computed fields, explicit values kept, and typed errors naming the layer.
import assert from "node:assert/strict";
import { build, internetChecksum, type Layer, LAYER_TYPES, parse } from "../../src/packet/mod.ts";
import { COMPUTED, DEFAULTS } from "../../src/packet/_defaults.ts";

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");

Deno.test({
  name: "build: defaults and computed fields",
  permissions: "none",
  fn: async (t) => {
    await t.step(
      "every layer type builds from its type alone, with the documented defaults",
      () => {
        for (const type of LAYER_TYPES) {
          if (type === "raw") continue;
          assert.ok(build([{ type } as Layer]).length >= 3, type);
        }
        const [eth, ip, tcp] = parse(
          build([{ type: "ethernet" }, { type: "ipv4" }, { type: "tcp" }]),
        );
        assert.deepEqual(
          { dst: eth.type === "ethernet" && eth.dst, src: eth.type === "ethernet" && eth.src },
          DEFAULTS.ethernet,
        );
        for (const [k, v] of Object.entries(DEFAULTS.ipv4)) {
          assert.equal((ip as never)[k], v, `ipv4.${k}`);
        }
        for (const [k, v] of Object.entries(DEFAULTS.tcp)) {
          assert.equal((tcp as never)[k], v, `tcp.${k}`);
        }
      },
    );
    await t.step("next-type fields follow the next layer", () => {
      const types = (layers: Layer[]) => parse(build(layers)).map((l) => l.type).join("/");
      assert.equal(
        types([
          { type: "ethernet" },
          { type: "svlan" },
          { type: "vlan" },
          { type: "mpls" },
          { type: "mpls" },
          { type: "ipv6" },
          { type: "hopopts" },
          { type: "routing" },
          { type: "fragment" },
          { type: "dstopts" },
          { type: "udp" },
        ]),
        "ethernet/svlan/vlan/mpls/mpls/ipv6/hopopts/routing/fragment/dstopts/udp",
      );
      assert.equal(
        types([{ type: "ethernet" }, { type: "itag" }, { type: "ethernet" }, { type: "arp" }]),
        "ethernet/itag/ethernet/arp",
      );
      const f = build([{ type: "ethernet" }]);
      assert.equal(hex(f.subarray(12)), "88b5", "nothing follows: local experimental");
      const ip = parse(build([{ type: "ethernet" }, { type: "ipv4" }]))[1];
      assert.equal(ip.type === "ipv4" && ip.protocol, 0xff);
      const v6 = parse(
        build([{ type: "ethernet" }, { type: "ipv6" }, { type: "raw", data: new Uint8Array(3) }]),
      )[1];
      assert.equal(v6.type === "ipv6" && v6.nextHeader, 59);
    });
    await t.step("802.3: the length of an LLC payload, in the Ethernet or VLAN header", () => {
      const f = build([{ type: "ethernet" }, { type: "llc" }, {
        type: "raw",
        data: new Uint8Array(10),
      }]);
      assert.equal((f[12] << 8) | f[13], 13);
      const v = build([{ type: "ethernet" }, { type: "vlan" }, { type: "llc" }]);
      assert.deepEqual([...v.subarray(12, 18)], [0x81, 0, 0, 0, 0, 3]);
      assert.throws(
        () =>
          build([{ type: "ethernet" }, { type: "llc" }, {
            type: "raw",
            data: new Uint8Array(1498),
          }]),
        /layer 0 \(ethernet\): expected an 802\.3 payload of at most 1500 bytes/,
      );
    });
    await t.step("MPLS bottom of stack on the last label only", () => {
      const f = build([
        { type: "ethernet" },
        { type: "mpls", label: 1 },
        { type: "mpls", label: 2 },
        { type: "ipv4" },
      ]);
      assert.deepEqual([f[16] & 1, f[20] & 1], [0, 1]);
    });
    await t.step("lengths and checksums", () => {
      const f = build([{ type: "ethernet" }, { type: "ipv4", options: new Uint8Array([1, 1, 1]) }, {
        type: "udp",
      }, { type: "raw", data: new Uint8Array(5) }]);
      assert.deepEqual(
        [f[14], (f[16] << 8) | f[17]],
        [0x46, 24 + 8 + 5],
        "IHL 6 (options padded), total length",
      );
      assert.equal(f[37], 0, "options zero-padded");
      assert.equal(internetChecksum(f.subarray(14, 38)), 0, "IPv4 header checksum");
      assert.equal((f[42] << 8) | f[43], 13, "UDP length");
      const pseudo = [...f.subarray(26, 34), 0, 17, 0, 13];
      assert.equal(
        internetChecksum(Uint8Array.from([...pseudo, ...f.subarray(38)])),
        0,
        "UDP checksum",
      );
    });
    await t.step("a computed UDP checksum of 0 is sent as 0xffff", () => {
      // Find a payload whose checksum comes out 0 before the final complement.
      for (let x = 0; x < 0x10000; x++) {
        const layers: Layer[] = [{ type: "ipv4" }, { type: "udp" }, {
          type: "raw",
          data: new Uint8Array([x >> 8, x & 0xff]),
        }];
        const f = build(layers);
        const noSum = build([layers[0], { type: "udp", checksum: 0 }, layers[2]]);
        const pseudo = [...noSum.subarray(12, 20), 0, 17, 0, 10];
        if (internetChecksum(Uint8Array.from([...pseudo, ...noSum.subarray(20)])) === 0) {
          assert.deepEqual([f[26], f[27]], [0xff, 0xff]);
          return;
        }
      }
      assert.fail("no payload gives a zero checksum");
    });
    await t.step("pad: true pads to 60 bytes after the given padding", () => {
      const f = build([{ type: "ethernet", padding: new Uint8Array([9, 9]) }, { type: "arp" }], {
        pad: true,
      });
      assert.equal(f.length, 60);
      assert.deepEqual([...f.subarray(42, 46)], [9, 9, 0, 0]);
      assert.equal(
        build([{ type: "ethernet" }, { type: "raw", data: new Uint8Array(100) }], { pad: true })
          .length,
        114,
      );
    });
    await t.step("explicit computed fields are kept, even when wrong", () => {
      const layers: Layer[] = [
        { type: "ethernet", ethertype: 0x0801 },
        { type: "ipv4", ihl: 15, totalLength: 3, protocol: 99, checksum: 0xbeef },
        { type: "tcp", dataOffset: 2, checksum: 0 },
      ];
      const f = build(layers);
      assert.deepEqual([f[12], f[13], f[14] & 15, f[17], f[23], f[24], f[25]], [
        8,
        1,
        15,
        3,
        99,
        0xbe,
        0xef,
      ]);
      assert.deepEqual([f[46] >> 4, f[50], f[51]], [2, 0, 0]);
      for (const [type, fields] of Object.entries(COMPUTED)) {
        for (const field of fields) {
          assert.ok(typeof field === "string", `${type}.${field}`);
        }
      }
    });
    await t.step("UDP, TCP and ICMPv6 checksums over IPv6 through extension headers", () => {
      for (const upper of ["udp", "tcp", "icmpv6"] as const) {
        const f = build([
          { type: "ipv6", src: "2001:db8::1", dst: "2001:db8::2" },
          { type: "hopopts" },
          { type: "fragment" },
          { type: upper },
          { type: "raw", data: new Uint8Array([1, 2, 3]) },
        ]);
        const l4 = f.subarray(56);
        const proto = { udp: 17, tcp: 6, icmpv6: 58 }[upper];
        const pseudo = [...f.subarray(8, 40), 0, 0, 0, l4.length, 0, 0, 0, proto];
        assert.equal(internetChecksum(Uint8Array.from([...pseudo, ...l4])), 0, upper);
      }
    });
    await t.step(
      "a routing header with segments left puts its last address in the pseudo-header",
      () => {
        const last = Uint8Array.from({ length: 16 }, (_, i) => i + 1);
        const data = new Uint8Array(36);
        data.set(last, 20);
        const f = build([
          { type: "ipv6", src: "2001:db8::1", dst: "2001:db8::2" },
          { type: "routing", segmentsLeft: 2, data },
          { type: "udp" },
        ]);
        const l4 = f.subarray(80);
        const pseudo = [...f.subarray(8, 24), ...last, 0, 0, 0, 8, 0, 0, 0, 17];
        assert.equal(internetChecksum(Uint8Array.from([...pseudo, ...l4])), 0);
      },
    );
    await t.step("SCTP: chunks padded, CRC32c least significant byte first", () => {
      const f = build([{ type: "sctp", chunks: [{ chunkType: 0, data: new Uint8Array(13) }] }]);
      assert.equal(f.length, 12 + 20);
      assert.equal((f[14] << 8) | f[15], 17, "chunk length without padding");
      // RFC 4960 B: the CRC of the packet with a zero checksum field, stored little-endian.
      const zeroed = f.slice();
      zeroed.fill(0, 8, 12);
      assert.equal(new DataView(f.buffer).getUint32(8, true), crc(zeroed));
    });
  },
});

/** A bit-by-bit CRC32c, independent of the table-driven one under test. */
function crc(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
  }
  return (c ^ 0xffffffff) >>> 0;
}

Deno.test({
  name: "build: bad input is a TypeError or RangeError naming the layer and field",
  permissions: "none",
  fn: () => {
    const cases: [Layer[], ErrorConstructor, RegExp][] = [
      [
        [{ type: "ethernet" }, { type: "vlan", vid: 5000 }],
        RangeError,
        /^Cannot build layer 1 \(vlan\): expected vid in 0\.\.4095, got 5000$/,
      ],
      [
        [{ type: "udp", dstPort: 70000 }],
        RangeError,
        /layer 0 \(udp\): expected dstPort in 0\.\.65535, got 70000/,
      ],
      [
        [{ type: "ipv4", src: "10.0.0.300" }],
        TypeError,
        /layer 0 \(ipv4\): expected src as an IPv4 address like 192\.168\.0\.1, got "10\.0\.0\.300"/,
      ],
      [
        [{ type: "ipv6", dst: "1::2::3" }],
        TypeError,
        /layer 0 \(ipv6\): expected dst as an IPv6 address/,
      ],
      [
        [{ type: "ethernet", src: "00:01:02" }],
        TypeError,
        /layer 0 \(ethernet\): expected src as a MAC address/,
      ],
      [[{ type: "tcp", seq: 1.5 }], RangeError, /expected seq in 0\.\.4294967295, got 1\.5/],
      [
        [{ type: "tcp", seq: "1" as unknown as number }],
        TypeError,
        /expected seq as a number, got "1"/,
      ],
      [
        [{ type: "vlan", dei: 1 as unknown as boolean }],
        TypeError,
        /expected dei as a boolean, got 1/,
      ],
      [
        [{ type: "raw", data: [1, 2] as unknown as Uint8Array }],
        TypeError,
        /layer 0 \(raw\): expected data as a Uint8Array, got an array/,
      ],
      [
        [{ type: "raw" } as unknown as Layer],
        TypeError,
        /expected data as a Uint8Array, got undefined/,
      ],
      [
        [{ type: "ipv4", options: new Uint8Array(41) }],
        RangeError,
        /expected options of at most 40 bytes, got 41/,
      ],
      [
        [{ type: "vlan" }, { type: "tcp" }],
        TypeError,
        /layer 0 \(vlan\): no ethertype for the tcp layer after it; give ethertype explicitly/,
      ],
      [
        [{ type: "ipv4" }, { type: "vlan" }],
        TypeError,
        /layer 0 \(ipv4\): no protocol for the vlan layer after it/,
      ],
      [
        [{ type: "frame" } as unknown as Layer],
        TypeError,
        /layer 0: expected a layer object with a type of ethernet, llc/,
      ],
      [[null as unknown as Layer], TypeError, /layer 0/],
      [
        [{ type: "icmpv6", icmpType: 135, options: [{ mac: "00:00:00:00:00:01" } as never] }],
        TypeError,
        /expected options\[0\]\.optionType as a number, got undefined/,
      ],
      [
        [{ type: "icmpv6", icmpType: 135, options: [{ optionType: 1 }] }],
        TypeError,
        /expected options\[0\]\.mac as a MAC address/,
      ],
      [
        [{ type: "sctp", chunks: [{ chunkType: 256 }] }],
        RangeError,
        /expected chunks\[0\]\.chunkType in 0\.\.255/,
      ],
      [
        [{ type: "arp", hwLen: 8 }],
        TypeError,
        /layer 0 \(arp\): expected addresses as bytes when hwLen and protoLen are not 6 and 4/,
      ],
      [
        [{ type: "ipv4" }, { type: "raw", data: new Uint8Array(70000) }],
        RangeError,
        /expected a datagram of at most 65535 bytes/,
      ],
    ];
    for (const [layers, E, message] of cases) {
      assert.throws(() => build(layers), (e: unknown) => {
        assert.ok(e instanceof E, `${message}: got ${e}`);
        assert.match((e as Error).message, message);
        return true;
      });
    }
    assert.throws(
      () => build("frame" as unknown as Layer[]),
      /Expected an array of layers, got "frame"/,
    );
  },
});
