import assert from "node:assert/strict";
import {
  simpleArpPacket,
  simpleEthPacket,
  simpleIcmpPacket,
  simpleIcmpv6Packet,
  simpleTcpPacket,
  simpleTcpv6Packet,
  simpleUdpPacket,
  simpleUdpv6Packet,
} from "../../src/testing/mod.ts";
import { peerTest, which } from "../_util/peers.ts";

/** The folded one's-complement sum of `bytes`, plus `initial`: 0xffff over a correct checksum. */
function sum(bytes: Uint8Array, initial = 0): number {
  let s = initial;
  for (let i = 0; i < bytes.length; i += 2) s += (bytes[i] << 8) | (bytes[i + 1] ?? 0);
  while (s > 0xffff) s = (s & 0xffff) + (s >>> 16);
  return s;
}

/** The L4 checksum check of an IPv4 frame whose IP header starts at `ip`. */
function l4v4(f: Uint8Array, ip: number): number {
  const total = (f[ip + 2] << 8) | f[ip + 3];
  const proto = f[ip + 9];
  const l4 = f.subarray(ip + 20, ip + total);
  return proto === 1 ? sum(l4) : sum(l4, sum(f.subarray(ip + 12, ip + 20)) + proto + l4.length);
}

/** The L4 checksum check of an IPv6 frame whose IP header starts at `ip`. */
function l4v6(f: Uint8Array, ip: number): number {
  const length = (f[ip + 4] << 8) | f[ip + 5];
  const l4 = f.subarray(ip + 40, ip + 40 + length);
  return sum(l4, sum(f.subarray(ip + 8, ip + 40)) + f[ip + 6] + length);
}

Deno.test({
  name: "test frames: layout, lengths and checksums",
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
      assert.equal(f[47], 0x02, "SYN");
      assert.equal(sum(f.subarray(14, 34)), 0xffff, "IPv4 header checksum");
      assert.equal(l4v4(f, 14), 0xffff, "TCP checksum");
    });
    await t.step("UDP with an 802.1Q tag", () => {
      const f = simpleUdpPacket({ vlanVid: 100, vlanPcp: 5, pktLen: 64 });
      assert.equal(f.length, 64);
      assert.deepEqual([...f.subarray(12, 18)], [0x81, 0, 0xa0, 100, 8, 0]);
      assert.equal(f[27], 17);
      assert.equal((f[42] << 8) | f[43], 64 - 18 - 20, "UDP length");
      assert.equal(sum(f.subarray(18, 38)), 0xffff);
      assert.notEqual((f[44] << 8) | f[45], 0, "UDP checksum present");
      assert.equal(l4v4(f, 18), 0xffff, "UDP checksum");
    });
    await t.step("ICMP echo", () => {
      const f = simpleIcmpPacket({ ipTtl: 3, ipTos: 0xb8 });
      assert.deepEqual([f[15], f[22], f[23], f[34], f[35]], [0xb8, 3, 1, 8, 0]);
      assert.equal(sum(f.subarray(14, 34)), 0xffff);
      assert.equal(l4v4(f, 14), 0xffff, "ICMP checksum");
      const reply = simpleIcmpPacket({ icmpType: 0, icmpCode: 0 });
      assert.equal(reply[34], 0);
      assert.equal(l4v4(reply, 14), 0xffff);
    });
    await t.step("IPv6: TCP, UDP, ICMPv6", () => {
      const f = simpleTcpv6Packet({
        ipv6Src: "fe80::1",
        ipv6Dst: "2001:db8:0:0:1:2:3:4",
        ipv6Tc: 0x2e,
        ipv6Fl: 0x12345,
        ipv6Hlim: 9,
        pktLen: 120,
      });
      assert.equal(f.length, 120);
      assert.deepEqual([...f.subarray(12, 14)], [0x86, 0xdd]);
      assert.deepEqual(
        [...f.subarray(14, 18)],
        [0x62, 0xe1, 0x23, 0x45],
        "version, TC, flow label",
      );
      assert.deepEqual([(f[18] << 8) | f[19], f[20], f[21]], [120 - 54, 6, 9]);
      assert.deepEqual([...f.subarray(22, 38)], [0xfe, 0x80, ...Array(13).fill(0), 1]);
      assert.deepEqual([...f.subarray(38, 54)], [
        0x20,
        0x01,
        0x0d,
        0xb8,
        0,
        0,
        0,
        0,
        0,
        1,
        0,
        2,
        0,
        3,
        0,
        4,
      ]);
      assert.equal(l4v6(f, 14), 0xffff, "TCP checksum");
      const u = simpleUdpv6Packet({ vlanVid: 7 });
      assert.deepEqual([u[16], u[17], u[24]], [0x86, 0xdd, 17]);
      assert.equal(l4v6(u, 18), 0xffff, "UDP checksum");
      const i = simpleIcmpv6Packet();
      assert.deepEqual([i[20], i[54]], [58, 128]);
      assert.equal(l4v6(i, 14), 0xffff, "ICMPv6 checksum");
    });
    await t.step("ARP request and bare Ethernet", () => {
      const arp = simpleArpPacket({ ipSrc: "1.2.3.4", ipDst: "5.6.7.8" });
      assert.equal(arp.length, 60);
      assert.deepEqual([...arp.subarray(0, 6)], [255, 255, 255, 255, 255, 255]);
      assert.deepEqual([...arp.subarray(12, 22)], [8, 6, 0, 1, 8, 0, 6, 4, 0, 1]);
      assert.deepEqual([...arp.subarray(28, 32)], [1, 2, 3, 4]);
      assert.deepEqual([...arp.subarray(38, 42)], [5, 6, 7, 8]);
      const eth = simpleEthPacket({ ethType: 0x88b5, vlanVid: 4095, pktLen: 10 });
      assert.equal(eth.length, 18, "a too-short pktLen grows to the headers");
      assert.deepEqual([...eth.subarray(12, 18)], [0x81, 0, 0x0f, 0xff, 0x88, 0xb5]);
    });
    await t.step("a short pktLen grows to the headers", () => {
      assert.equal(simpleTcpPacket({ pktLen: 10 }).length, 54);
      assert.equal(simpleUdpv6Packet({ pktLen: 0 }).length, 62);
    });
    await t.step("bad fields are TypeErrors and RangeErrors", () => {
      assert.throws(() => simpleTcpPacket({ ethDst: "00:01" }), TypeError);
      assert.throws(() => simpleTcpPacket({ ipDst: "10.0.0.256" }), TypeError);
      assert.throws(() => simpleTcpPacket({ ipDst: "10.0.0." }), TypeError);
      assert.throws(() => simpleTcpv6Packet({ ipv6Dst: "1::2::3" }), TypeError);
      assert.throws(() => simpleTcpv6Packet({ ipv6Dst: "1:2:3:4:5:6:7" }), TypeError);
      assert.throws(() => simpleTcpv6Packet({ ipv6Dst: "::12345" }), TypeError);
      assert.throws(() => simpleTcpPacket({ dport: 65536 }), RangeError);
      assert.throws(() => simpleUdpPacket({ vlanVid: 4096 }), RangeError);
      assert.throws(() => simpleEthPacket({ ethType: -1 }), RangeError);
    });
  },
});

/** A libpcap file (Ethernet link type) holding `frames`. */
function pcap(frames: Uint8Array[]): Uint8Array {
  const size = 24 + frames.reduce((n, f) => n + 16 + f.length, 0);
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0xa1b2c3d4, true);
  v.setUint16(4, 2, true);
  v.setUint16(6, 4, true);
  v.setUint32(16, 65535, true);
  v.setUint32(20, 1, true);
  let at = 24;
  for (const f of frames) {
    v.setUint32(at + 8, f.length, true);
    v.setUint32(at + 12, f.length, true);
    out.set(f, at + 16);
    at += 16 + f.length;
  }
  return out;
}

peerTest("test frames: tshark decodes them and validates every checksum", ["tshark"], async () => {
  const frames = [
    simpleTcpPacket({ pktLen: 99 }),
    simpleUdpPacket({ vlanVid: 3 }),
    simpleIcmpPacket(),
    simpleTcpv6Packet(),
    simpleUdpv6Packet({ pktLen: 81 }),
    simpleIcmpv6Packet(),
    simpleArpPacket(),
  ];
  const file = await Deno.makeTempFile({ suffix: ".pcap" });
  try {
    await Deno.writeFile(file, pcap(frames));
    const out = await new Deno.Command(which("tshark")!, {
      args: [
        "-r",
        file,
        "-o",
        "ip.check_checksum:TRUE",
        "-o",
        "tcp.check_checksum:TRUE",
        "-o",
        "udp.check_checksum:TRUE",
        "-T",
        "fields",
        "-E",
        "separator=|",
        "-e",
        "frame.protocols",
        "-e",
        "ip.checksum.status",
        "-e",
        "tcp.checksum.status",
        "-e",
        "udp.checksum.status",
        "-e",
        "icmp.checksum.status",
        "-e",
        "icmpv6.checksum.status",
        "-e",
        "_ws.expert.severity",
      ],
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).output();
    assert.ok(out.success);
    const rows = new TextDecoder().decode(out.stdout).trim().split("\n").map((l) => l.split("|"));
    assert.deepEqual(rows.map((r) => r[0]), [
      "eth:ethertype:ip:tcp",
      "eth:ethertype:vlan:ethertype:ip:udp:data",
      "eth:ethertype:ip:icmp:data",
      "eth:ethertype:ipv6:tcp",
      "eth:ethertype:ipv6:udp:data",
      "eth:ethertype:ipv6:icmpv6:data",
      "eth:ethertype:arp",
    ]);
    // Wireshark's checksum status 1 is "good" (0 bad, 2 unverified); one status per header
    // with a checksum: IPv4 and its L4 header, or the IPv6 L4 header; none for ARP.
    const statuses = rows.map((r) => r.slice(1, 6).filter((s) => s !== ""));
    assert.deepEqual(statuses, [["1", "1"], ["1", "1"], ["1", "1"], ["1"], ["1"], ["1"], []]);
    // Expert info above "chat" (0x200000, e.g. "connection establish request (SYN)") would
    // flag a malformed or suspicious frame.
    const severities = rows.flatMap((r) => (r[6] ?? "").split(",").filter(Boolean).map(Number));
    assert.ok(severities.every((s) => s <= 0x200000), `expert severities ${severities}`);
  } finally {
    await Deno.remove(file);
  }
});
