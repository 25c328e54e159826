// The encoders keep the last MAC and IPv4 text they parsed (a controller writes the same few
// addresses message after message): a repeated address must give the same bytes, a new one
// its own, and an invalid one its error, whatever came before.
import assert from "node:assert/strict";
import { parseIpv4, parseMac } from "../../src/ofp/_addresses.ts";
import { encode, of10, OfpEncodeError } from "../../src/ofp/mod.ts";

Deno.test({
  name: "address cache: 1.0 match addresses repeat, change and fail as if parsed each time",
  permissions: "none",
  fn: () => {
    const flowMod = (dlSrc: string, nwDst: string) =>
      encode(of10.flowMod({ match: of10.match({ dlSrc, nwDst }), actions: [] }));
    const bytesAt = (b: Uint8Array, at: number, n: number) => [...b.subarray(at, at + n)];
    // OpenFlow 1.0 match: dl_src at 8 + 6, nw_dst at 8 + 32 in the FLOW_MOD.
    const a1 = flowMod("00:11:22:33:44:55", "10.0.0.1");
    const b = flowMod("aa:bb:cc:dd:ee:ff", "192.168.1.2");
    const a2 = flowMod("00:11:22:33:44:55", "10.0.0.1");
    assert.deepEqual(bytesAt(a1, 14, 6), [0x00, 0x11, 0x22, 0x33, 0x44, 0x55]);
    assert.deepEqual(bytesAt(b, 14, 6), [0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff]);
    assert.deepEqual(bytesAt(b, 40, 4), [192, 168, 1, 2]);
    assert.deepEqual(a2, a1, "the same addresses again: the same bytes");
    assert.deepEqual(flowMod("aa:bb:cc:dd:ee:ff", "192.168.1.2"), b);
    assert.throws(() => flowMod("aa:bb:cc:dd:ee:f", "192.168.1.2"), OfpEncodeError);
    assert.throws(() => flowMod("aa:bb:cc:dd:ee:ff", "192.168.1.256"), OfpEncodeError);
    assert.throws(() => flowMod("" as string, "10.0.0.1"), OfpEncodeError);
    assert.deepEqual(flowMod("00:11:22:33:44:55", "10.0.0.1"), a1, "failures cache nothing");
  },
});

Deno.test({
  name: "address cache: the shared parsers answer a repeat, refuse what is invalid",
  permissions: "none",
  fn: () => {
    const out = new Uint8Array(12);
    assert.equal(parseMac("01:02:03:04:05:06", out, 0), true);
    assert.equal(parseMac("01:02:03:04:05:06", out, 6), true, "a repeat lands where asked");
    assert.deepEqual([...out], [1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6]);
    assert.equal(parseMac("01:02:03:04:05:0g", out, 0), false);
    assert.equal(parseIpv4("10.1.2.3"), 0x0a010203);
    assert.equal(parseIpv4("10.1.2.3"), 0x0a010203);
    assert.equal(parseIpv4("10.01.2.3"), -1, "a leading zero is refused");
    assert.equal(parseIpv4("x10.1.2.3", 1), 0x0a010203, "an offset parse");
    assert.equal(parseIpv4("x10.1.2.3"), -1, "and the whole text is not an address");
    assert.equal(parseIpv4("10.1.2.3"), 0x0a010203);
  },
});
