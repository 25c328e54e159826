// parse: every field filled, byte-exact round trips, raw for what is not modelled, the typed
// error on truncation, the partial mode, and the editable mode.
import assert from "node:assert/strict";
import {
  build,
  type Ipv4Layer,
  type Layer,
  PacketParseError,
  parse,
  type UdpLayer,
} from "../../src/packet/mod.ts";
import { generateFrames } from "./_generate.ts";

const types = (ls: Layer[]) => ls.map((l) => l.type).join("/");
const roundTrips = (b: Uint8Array) => assert.deepEqual(build(parse(b)), b);

Deno.test({
  name: "parse: layers, raw fallbacks, padding",
  permissions: "none",
  fn: async (t) => {
    await t.step("every field is filled", () => {
      const [eth, vlan, ip, tcp] = parse(
        build([{ type: "ethernet" }, { type: "vlan", vid: 7 }, { type: "ipv4" }, { type: "tcp" }]),
      );
      assert.deepEqual(Object.keys(eth).sort(), ["dst", "ethertype", "src", "type"]);
      assert.deepEqual(Object.keys(vlan).sort(), ["dei", "ethertype", "pcp", "type", "vid"]);
      assert.equal(Object.keys(ip).length, 15);
      assert.equal(Object.keys(tcp).length, 12);
    });
    await t.step("unknown EtherTypes, protocols and next headers are raw", () => {
      const raw = new Uint8Array([1, 2, 3, 4]);
      assert.equal(
        types(parse(build([{ type: "ethernet", ethertype: 0x9999 }, { type: "raw", data: raw }]))),
        "ethernet/raw",
      );
      assert.equal(
        types(
          parse(
            build([{ type: "ethernet" }, { type: "ipv4", protocol: 47 }, {
              type: "raw",
              data: raw,
            }]),
          ),
        ),
        "ethernet/ipv4/raw",
      );
      assert.equal(
        types(
          parse(
            build([{ type: "ethernet" }, { type: "ipv6", nextHeader: 50 }, {
              type: "raw",
              data: raw,
            }]),
          ),
        ),
        "ethernet/ipv6/raw",
      );
      assert.equal(
        types(
          parse(
            build([{ type: "ethernet" }, { type: "ipv4", protocol: 58 }, {
              type: "raw",
              data: raw,
            }]),
          ),
        ),
        "ethernet/ipv4/raw",
        "ICMPv6 over IPv4 is not read",
      );
    });
    await t.step("fragments other than the first are raw", () => {
      const v4 = parse(
        build([{ type: "ethernet" }, { type: "ipv4", fragmentOffset: 3, protocol: 6 }, {
          type: "raw",
          data: new Uint8Array(20),
        }]),
      );
      assert.equal(types(v4), "ethernet/ipv4/raw");
      const v6 = parse(
        build([{ type: "ethernet" }, { type: "ipv6" }, {
          type: "fragment",
          offset: 9,
          nextHeader: 17,
        }, { type: "raw", data: new Uint8Array(8) }]),
      );
      assert.equal(types(v6), "ethernet/ipv6/fragment/raw");
      const first = parse(
        build([{ type: "ethernet" }, { type: "ipv6" }, { type: "fragment", more: true }, {
          type: "udp",
        }]),
      );
      assert.equal(types(first), "ethernet/ipv6/fragment/udp");
    });
    await t.step("bytes after the innermost length go to the Ethernet padding", () => {
      const f = build([{ type: "ethernet" }, { type: "ipv4" }, { type: "udp" }], { pad: true });
      const [eth] = parse(f);
      assert.ok(eth.type === "ethernet");
      assert.deepEqual(eth.padding, new Uint8Array(60 - 42));
      const short = build([{ type: "ethernet" }, { type: "ipv4" }, { type: "udp", length: 8 }, {
        type: "raw",
        data: new Uint8Array([7, 7]),
      }]);
      const layers = parse(short);
      assert.equal(types(layers), "ethernet/ipv4/udp", "the UDP length delimits the payload");
      assert.deepEqual((layers[0] as { padding?: Uint8Array }).padding, new Uint8Array([7, 7]));
      roundTrips(short);
      const arp = parse(build([{ type: "ethernet" }, { type: "arp" }], { pad: true }));
      assert.equal((arp[0] as { padding?: Uint8Array }).padding?.length, 18);
    });
    await t.step("lengths beyond the frame are kept; odd headers round-trip", () => {
      const longer = build([{ type: "ethernet" }, { type: "ipv4", totalLength: 1000 }, {
        type: "udp",
        length: 999,
      }]);
      assert.equal(types(parse(longer)), "ethernet/ipv4/udp");
      roundTrips(longer);
      const ihl3 = build([{ type: "ethernet" }, { type: "ipv4", ihl: 3 }, {
        type: "tcp",
        dataOffset: 1,
      }]);
      const [, ip, tcp] = parse(ihl3);
      assert.deepEqual([ip.type === "ipv4" && ip.ihl, tcp.type === "tcp" && tcp.dataOffset], [
        3,
        1,
      ]);
      roundTrips(ihl3);
    });
    await t.step("MPLS: IPv4 or IPv6 by the first nibble when the rest parses, else raw", () => {
      const v6 = parse(
        build([{ type: "ethernet" }, { type: "mpls" }, { type: "ipv6" }, { type: "udp" }]),
      );
      assert.equal(types(v6), "ethernet/mpls/ipv6/udp");
      const four = new Uint8Array([0x45, 1, 2, 3, 4, 5]); // looks like IPv4, but cut short
      const raw = parse(
        build([{ type: "ethernet" }, { type: "mpls" }, { type: "raw", data: four }]),
      );
      assert.equal(types(raw), "ethernet/mpls/raw");
      const other = parse(
        build([{ type: "ethernet" }, { type: "mpls" }, { type: "mpls" }, {
          type: "raw",
          data: new Uint8Array([0, 0, 1]),
        }]),
      );
      assert.equal(types(other), "ethernet/mpls/mpls/raw");
    });
    await t.step("802.3 and LLC, ARP with other address sizes", () => {
      const llc = parse(
        build([{ type: "ethernet" }, { type: "llc" }, { type: "raw", data: new Uint8Array(40) }]),
      );
      assert.equal(types(llc), "ethernet/llc/raw");
      const two = parse(
        build([{ type: "ethernet", ethertype: 2 }, { type: "raw", data: new Uint8Array(2) }], {
          pad: true,
        }),
      );
      assert.equal(types(two), "ethernet/raw", "an 802.3 payload too short for LLC is raw");
      const addresses = Uint8Array.from({ length: 2 * (8 + 4) }, (_, i) => i);
      const arp = parse(build([{ type: "ethernet" }, { type: "arp", hwLen: 8, addresses }]))[1];
      assert.ok(arp.type === "arp");
      assert.deepEqual([arp.hwLen, arp.addresses, arp.srcMac], [8, addresses, undefined]);
    });
    await t.step("neighbor discovery options and SCTP chunks while well formed, then raw", () => {
      const ns = build([
        { type: "ethernet" },
        { type: "ipv6" },
        { type: "icmpv6", icmpType: 135, options: [{ optionType: 1, mac: "00:00:00:00:00:01" }] },
        { type: "raw", data: new Uint8Array([1, 0, 9, 9]) }, // an option of length 0
      ]);
      const icmp = parse(ns);
      assert.equal(types(icmp), "ethernet/ipv6/icmpv6/raw");
      assert.deepEqual((icmp[2] as { options?: unknown }).options, [{
        optionType: 1,
        mac: "00:00:00:00:00:01",
        length: 1,
      }]);
      const sctp = build([{ type: "ipv4" }, {
        type: "sctp",
        chunks: [{ chunkType: 0, data: new Uint8Array(13) }],
      }]);
      const bad = Uint8Array.from([...sctp, 0, 1, 0, 2]); // a chunk whose length is below 4
      const layers = parse(
        Uint8Array.from([...build([{ type: "ethernet" }]), ...bad]).map((b, i) =>
          i === 12 ? 8 : i === 13 ? 0 : b
        ),
      );
      assert.equal(types(layers), "ethernet/ipv4/sctp");
      assert.equal((layers[2] as { chunks: unknown[] }).chunks.length, 1);
    });
    await t.step("byte fields are views into the frame", () => {
      const f = build([{ type: "ethernet" }, { type: "ipv4" }, { type: "udp" }, {
        type: "raw",
        data: new Uint8Array([5, 6]),
      }]);
      const raw = parse(f)[3];
      assert.ok(raw.type === "raw");
      assert.equal(raw.data.buffer, f.buffer);
      f[f.length - 1] = 9;
      assert.equal(raw.data[1], 9);
    });
  },
});

Deno.test({
  name: "parse: a truncated layer is a PacketParseError with its offset, or raw with partial",
  permissions: "none",
  fn: () => {
    const f = build([{ type: "ethernet" }, { type: "vlan" }, { type: "ipv4" }, { type: "tcp" }]);
    const cases: [number, number, string][] = [[10, 0, "ethernet"], [16, 14, "vlan"], [
      30,
      18,
      "ipv4",
    ], [50, 38, "tcp"]];
    for (const [length, offset, layer] of cases) {
      const cut = f.subarray(0, length);
      assert.throws(() => parse(cut), PacketParseError);
      try {
        parse(cut);
      } catch (err) {
        assert.ok(err instanceof PacketParseError && err instanceof RangeError);
        assert.deepEqual([err.offset, err.layer, err.name], [offset, layer, "PacketParseError"]);
        assert.match(
          err.message,
          new RegExp(
            `^Cannot parse ${layer} at offset ${offset}: expected \\d+ bytes, got ${
              length - offset
            }$`,
          ),
        );
      }
      const partial = parse(cut, { partial: true });
      assert.equal(partial[partial.length - 1].type, "raw");
      assert.deepEqual(build(partial), cut);
    }
    assert.deepEqual(parse(new Uint8Array(0), { partial: true }), []);
    assert.throws(() => parse(new Uint8Array(0)), PacketParseError);
    assert.throws(
      () => parse([1, 2] as unknown as Uint8Array),
      /Expected the frame as a Uint8Array, got an array/,
    );
  },
});

Deno.test({
  name: "parse editable: computed fields left out where build derives them, kept where wrong",
  permissions: "none",
  fn: async (t) => {
    const frame = build([
      { type: "ethernet", dst: "00:00:00:00:00:02", src: "00:00:00:00:00:01" },
      { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.2" },
      { type: "udp", srcPort: 1000, dstPort: 2000 },
      { type: "raw", data: new Uint8Array(10) },
    ], { pad: true });
    await t.step("a VLAN tag inserted into an editable parse gives the tagged frame", () => {
      const [eth, ...rest] = parse(frame, { editable: true });
      assert.deepEqual(Object.keys(eth).sort(), ["dst", "padding", "src", "type"]);
      const tagged = build([eth, { type: "vlan", vid: 10 }, ...rest]);
      const expected = build([
        { type: "ethernet", dst: "00:00:00:00:00:02", src: "00:00:00:00:00:01" },
        { type: "vlan", vid: 10 },
        { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.2" },
        { type: "udp", srcPort: 1000, dstPort: 2000 },
        { type: "raw", data: new Uint8Array(10) },
      ]);
      // The original's 8 bytes of padding (to 60) stay after the tagged frame's payload.
      assert.deepEqual(tagged, new Uint8Array([...expected, 0, 0, 0, 0, 0, 0, 0, 0]));
      // A full parse keeps the old EtherType: the same edit gives a broken frame.
      const [fullEth, ...fullRest] = parse(frame);
      const broken = build([fullEth, { type: "vlan", vid: 10 }, ...fullRest]);
      assert.notDeepEqual(broken, tagged);
      assert.equal(parse(broken)[1].type, "ipv4");
    });
    await t.step("an address changed: the checksums follow", () => {
      const layers = parse(frame, { editable: true });
      const ip = layers[1] as Ipv4Layer;
      layers[1] = { ...ip, dst: "10.0.0.99" };
      const [, ipAfter, udpAfter] = parse(build(layers));
      const [, ipFresh, udpFresh] = parse(build([
        { type: "ethernet", dst: "00:00:00:00:00:02", src: "00:00:00:00:00:01" },
        { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.99" },
        { type: "udp", srcPort: 1000, dstPort: 2000 },
        { type: "raw", data: new Uint8Array(10) },
      ], { pad: true }));
      assert.equal((ipAfter as Ipv4Layer).checksum, (ipFresh as Ipv4Layer).checksum);
      assert.equal((udpAfter as UdpLayer).checksum, (udpFresh as UdpLayer).checksum);
    });
    await t.step("a wrong checksum or length stays as it came", () => {
      const bad = build([
        { type: "ethernet" },
        { type: "ipv4", checksum: 0x1234 },
        { type: "udp", length: 99 },
        { type: "raw", data: new Uint8Array(4) },
      ]);
      const layers = parse(bad, { editable: true });
      assert.equal((layers[1] as Ipv4Layer).checksum, 0x1234);
      assert.equal((layers[2] as UdpLayer).length, 99);
      assert.equal("totalLength" in layers[1], false);
      assert.deepEqual(build(layers), bad);
    });
    await t.step("every generated frame rebuilds byte-exact from an editable parse", () => {
      let omitted = 0;
      for (const { name, layers, pad } of generateFrames(7, 400)) {
        const bytes = build(layers, { pad });
        const editable = parse(bytes, { editable: true });
        assert.deepEqual(build(editable), bytes, name);
        omitted += parse(bytes).reduce((n, l) => n + Object.keys(l).length, 0) -
          editable.reduce((n, l) => n + Object.keys(l).length, 0);
      }
      assert.ok(omitted > 1000, `only ${omitted} fields left out`);
    });
  },
});
