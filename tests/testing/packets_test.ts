import assert from "node:assert/strict";
import {
  simpleArpPacket,
  simpleIcmpPacket,
  simpleTcpPacket,
  simpleUdpPacket,
} from "../../src/testing/mod.ts";

/** The one's-complement sum of the IPv4 header at `at`: 0xffff when the checksum is right. */
function ipv4HeaderSum(frame: Uint8Array, at: number): number {
  let sum = 0;
  for (let i = 0; i < 20; i += 2) sum += (frame[at + i] << 8) | frame[at + i + 1];
  while (sum > 0xffff) sum = (sum & 0xffff) + (sum >> 16);
  return sum;
}

Deno.test({
  name: "test frames: layout, lengths and IPv4 checksums",
  permissions: "none",
  fn: async (t) => {
    await t.step("TCP, untagged", () => {
      const f = simpleTcpPacket({
        ipSrc: "10.0.0.1",
        ipDst: "10.0.0.2",
        sport: 0x1234,
        dport: 0x50,
        pktLen: 100,
      });
      assert.equal(f.length, 100);
      assert.deepEqual([...f.subarray(0, 14)], [0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10, 8, 0]);
      assert.equal(f[14], 0x45);
      assert.equal((f[16] << 8) | f[17], 86, "IPv4 total length covers the rest of the frame");
      assert.equal(f[23], 6);
      assert.deepEqual([...f.subarray(26, 34)], [10, 0, 0, 1, 10, 0, 0, 2]);
      assert.deepEqual([...f.subarray(34, 38)], [0x12, 0x34, 0, 0x50]);
      assert.equal(ipv4HeaderSum(f, 14), 0xffff);
    });
    await t.step("UDP with an 802.1Q tag", () => {
      const f = simpleUdpPacket({ vlanVid: 100, vlanPcp: 5, pktLen: 64 });
      assert.equal(f.length, 64);
      assert.deepEqual([...f.subarray(12, 18)], [0x81, 0, 0xa0, 100, 8, 0]);
      assert.equal(f[27], 17);
      assert.equal((f[42] << 8) | f[43], 64 - 18 - 20, "UDP length");
      assert.equal(ipv4HeaderSum(f, 18), 0xffff);
    });
    await t.step("ICMP echo and ARP request", () => {
      const icmp = simpleIcmpPacket({ ipTtl: 3 });
      assert.equal(icmp[22], 3);
      assert.equal(icmp[34], 8);
      assert.equal(ipv4HeaderSum(icmp, 14), 0xffff);
      const arp = simpleArpPacket({ ipSrc: "1.2.3.4", ipDst: "5.6.7.8" });
      assert.equal(arp.length, 60);
      assert.deepEqual([...arp.subarray(0, 6)], [255, 255, 255, 255, 255, 255]);
      assert.deepEqual([...arp.subarray(12, 14)], [8, 6]);
      assert.deepEqual([...arp.subarray(28, 32)], [1, 2, 3, 4]);
      assert.deepEqual([...arp.subarray(38, 42)], [5, 6, 7, 8]);
    });
    await t.step("bad addresses are TypeErrors", () => {
      assert.throws(() => simpleTcpPacket({ ethDst: "00:01" }), TypeError);
      assert.throws(() => simpleTcpPacket({ ipDst: "10.0.0.256" }), TypeError);
    });
  },
});
