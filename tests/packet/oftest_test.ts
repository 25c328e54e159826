// OFTest's simple_*_packet helpers: OFTest's defaults and keywords, valid checksums, the
// same bytes as OFTest builds with scapy, and frames tshark decodes with good checksums.
import assert from "node:assert/strict";
import {
  type PacketOptions,
  parse,
  PcapWriter,
  simpleArpPacket,
  simpleEthPacket,
  simpleIcmpPacket,
  simpleIcmpv6Packet,
  simpleIpv4Packet,
  simpleSctpPacket,
  simpleTcpPacket,
  simpleTcpv6Packet,
  simpleUdpPacket,
  simpleUdpv6Packet,
} from "../../src/packet/mod.ts";
import * as testing from "../../src/testing/mod.ts";
import { peerTest, which } from "../_util/peers.ts";
import { scapy, toHex } from "./_scapy.ts";

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

const ascii = (f: Uint8Array, from: number) => new TextDecoder().decode(f.subarray(from));

Deno.test({
  name: "OFTest helpers: defaults, layout and checksums",
  permissions: "none",
  fn: async (t) => {
    await t.step("TCP: OFTest's defaults, a SYN filled with D", () => {
      const f = simpleTcpPacket();
      assert.equal(f.length, 100);
      assert.deepEqual([...f.subarray(0, 14)], [0, 1, 2, 3, 4, 5, 0, 6, 7, 8, 9, 10, 8, 0]);
      assert.deepEqual(
        [f[14], f[18], f[19], f[22], f[23]],
        [0x45, 0, 1, 64, 6],
        "IHL 5, id 1, TTL 64",
      );
      assert.deepEqual([...f.subarray(26, 34)], [192, 168, 0, 1, 192, 168, 0, 2]);
      assert.deepEqual([...f.subarray(34, 38)], [0x04, 0xd2, 0, 80], "ports 1234 → 80");
      assert.deepEqual([f[46], f[47], f[48], f[49]], [0x50, 0x02, 0x20, 0x00], "SYN, window 8192");
      assert.equal(ascii(f, 54), "D".repeat(46));
      assert.equal(sum(f.subarray(14, 34)), 0xffff, "IPv4 header checksum");
      assert.equal(l4v4(f, 14), 0xffff, "TCP checksum");
    });
    await t.step("UDP with a tag, SCTP, and the keywords", () => {
      const f = simpleUdpPacket({
        dlVlanEnable: true,
        vlanVid: 100,
        vlanPcp: 5,
        pktlen: 64,
        udpDport: 53,
      });
      assert.equal(f.length, 64);
      assert.deepEqual([...f.subarray(12, 18)], [0x81, 0, 0xa0, 100, 8, 0]);
      assert.deepEqual([f[27], f[40], f[41]], [17, 0, 53]);
      assert.equal((f[42] << 8) | f[43], 64 - 18 - 20, "UDP length");
      assert.equal(l4v4(f, 18), 0xffff, "UDP checksum");
      assert.deepEqual(
        [...simpleUdpPacket({ vlanVid: 7 }).subarray(12, 16)],
        [0x81, 0, 0, 7],
        "a VLAN id alone tags",
      );
      assert.equal(
        simpleUdpPacket({ dlVlanEnable: false, vlanVid: 7 })[12],
        8,
        "dlVlanEnable: false wins",
      );
      const s = simpleSctpPacket({ sctpDport: 9 });
      assert.deepEqual([s[23], s[36], s[37]], [132, 0, 9]);
    });
    await t.step("ICMP: 60 bytes, filled with 0, echo request", () => {
      const f = simpleIcmpPacket({ ipTtl: 3, ipTos: 0xb8 });
      assert.equal(f.length, 60);
      assert.deepEqual([f[15], f[22], f[23], f[34], f[35]], [0xb8, 3, 1, 8, 0]);
      assert.equal(ascii(f, 42), "0".repeat(18));
      assert.equal(sum(f.subarray(14, 34)), 0xffff);
      assert.equal(l4v4(f, 14), 0xffff, "ICMP checksum");
      const reply = simpleIcmpPacket({ icmpType: 0, icmpData: "hello" });
      assert.deepEqual([reply[34], ascii(reply, 42).slice(0, 5)], [0, "hello"]);
      assert.equal(l4v4(reply, 14), 0xffff);
    });
    await t.step("IPv6: TCP, UDP, ICMPv6 echo, OFTest's addresses", () => {
      const f = simpleTcpv6Packet({ ipv6Tc: 0x2e, ipv6Fl: 0x12345, ipv6Hlim: 9, pktlen: 120 });
      assert.equal(f.length, 120);
      assert.deepEqual([...f.subarray(12, 18)], [0x86, 0xdd, 0x62, 0xe1, 0x23, 0x45]);
      assert.deepEqual([(f[18] << 8) | f[19], f[20], f[21]], [120 - 54, 6, 9]);
      const [, ip] = parse(f);
      assert.ok(ip.type === "ipv6");
      assert.deepEqual([ip.src, ip.dst], [
        "2001:db8:85a3::8a2e:370:7334",
        "2001:db8:85a3::8a2e:370:7335",
      ]);
      assert.equal(l4v6(f, 14), 0xffff, "TCP checksum");
      const u = simpleUdpv6Packet({ vlanVid: 7 });
      assert.deepEqual([u[16], u[17], u[24]], [0x86, 0xdd, 17]);
      assert.equal(l4v6(u, 18), 0xffff, "UDP checksum");
      const i = simpleIcmpv6Packet();
      assert.deepEqual([i[20], i[54]], [58, 128]);
      assert.equal(l4v6(i, 14), 0xffff, "ICMPv6 checksum");
    });
    await t.step("ICMPv6 neighbor discovery", () => {
      const ra = parse(simpleIcmpv6Packet({ icmpType: 134, prefixOpt: true, hasLl: true }))[2];
      assert.ok(ra.type === "icmpv6");
      assert.deepEqual([ra.curHopLimit, ra.flags, ra.routerLifetime], [255, 0x40, 1800]);
      assert.deepEqual(ra.options?.map((o) => [o.optionType, o.length]), [[3, 4], [1, 1]]);
      const na = parse(
        simpleIcmpv6Packet({ icmpType: 136, rBit: 1, sBit: 1, target: "fe80::9", hasLl: true }),
      )[2];
      assert.ok(na.type === "icmpv6");
      assert.deepEqual([na.flags, na.target, na.options?.[0].optionType], [0xe0, "fe80::9", 2]);
      for (const icmpType of [133, 134, 135, 136, 1, 3, 200]) {
        assert.equal(
          l4v6(simpleIcmpv6Packet({ icmpType }), 14),
          0xffff,
          `type ${icmpType} checksum`,
        );
      }
    });
    await t.step("ARP and bare Ethernet", () => {
      const arp = simpleArpPacket({ ipSnd: "1.2.3.4", ipTgt: "5.6.7.8", arpOp: 2 });
      assert.equal(arp.length, 68);
      assert.deepEqual([...arp.subarray(0, 6)], [255, 255, 255, 255, 255, 255]);
      assert.deepEqual([...arp.subarray(12, 22)], [8, 6, 0, 1, 8, 0, 6, 4, 0, 2]);
      assert.deepEqual([...arp.subarray(28, 32)], [1, 2, 3, 4]);
      assert.deepEqual([...arp.subarray(38, 42)], [5, 6, 7, 8]);
      assert.ok(arp.subarray(42).every((b) => b === 0), "zero padding");
      const eth = simpleEthPacket({ ethType: 0x88b5, vlanVid: 4095, pktlen: 10 });
      assert.equal(eth.length, 18, "a too-short pktlen grows to the headers");
      assert.deepEqual([...eth.subarray(12, 18)], [0x81, 0, 0x0f, 0xff, 0x88, 0xb5]);
    });
    await t.step("stacked tags and MPLS labels", () => {
      const f = simpleIpv4Packet({
        vlanTags: [{ vid: 20, type: 0x88a8, pcp: 3 }, { vid: 10, cfi: 1 }],
        mplsTags: [{ label: 100, ttl: 9 }, { label: 200, tc: 5 }],
      });
      const layers = parse(f);
      assert.deepEqual(layers.map((l) => l.type), [
        "ethernet",
        "svlan",
        "vlan",
        "mpls",
        "mpls",
        "ipv4",
        "raw",
      ]);
      assert.deepEqual(
        layers.slice(1, 5),
        [
          { type: "svlan", pcp: 3, dei: false, vid: 20, ethertype: 0x8100 },
          { type: "vlan", pcp: 0, dei: true, vid: 10, ethertype: 0x8847 },
          { type: "mpls", label: 100, tc: 0, bos: false, ttl: 9 },
          { type: "mpls", label: 200, tc: 5, bos: true, ttl: 0 },
        ],
      );
      const tcp = parse(simpleTcpPacket({ mplsTags: [{ label: 16 }] }));
      assert.deepEqual(tcp.map((l) => l.type), ["ethernet", "mpls", "ipv4", "tcp", "raw"]);
    });
    await t.step("TCP flags as scapy letters; deprecated aliases still work", () => {
      assert.equal(simpleTcpPacket({ tcpFlags: "SA" })[47], 0x12);
      assert.equal(simpleTcpPacket({ tcpFlags: 0x11 })[47], 0x11);
      assert.deepEqual(
        simpleTcpPacket({ pktLen: 70, dport: 22 }),
        simpleTcpPacket({ pktlen: 70, tcpDport: 22 }),
      );
    });
    await t.step("bad fields are TypeErrors and RangeErrors naming the field", () => {
      assert.throws(
        () => simpleTcpPacket({ ethDst: "00:01" }),
        /layer 0 \(ethernet\): expected dst/,
      );
      assert.throws(() => simpleTcpPacket({ ipDst: "10.0.0.256" }), TypeError);
      assert.throws(() => simpleTcpv6Packet({ ipv6Dst: "1::2::3" }), TypeError);
      assert.throws(
        () => simpleTcpPacket({ tcpDport: 65536 }),
        /layer 2 \(tcp\): expected dstPort in 0\.\.65535, got 65536/,
      );
      assert.throws(() => simpleUdpPacket({ vlanVid: 4096 }), RangeError);
      assert.throws(() => simpleEthPacket({ ethType: -1 }), RangeError);
      assert.throws(() => simpleTcpPacket({ tcpFlags: "SX" }), TypeError);
      assert.throws(() => simpleTcpPacket({ pktlen: -1 }), RangeError);
    });
    await t.step("@oftest/oftest/testing re-exports the same helpers", () => {
      assert.equal(testing.simpleTcpPacket, simpleTcpPacket);
      assert.equal(testing.simpleArpPacket, simpleArpPacket);
    });
  },
});

/** Helper calls to compare with OFTest's (scapy) frames: defaults and keyword variations. */
const CALLS: [string, (o?: PacketOptions) => Uint8Array, PacketOptions][] = [
  ["simpleTcpPacket", simpleTcpPacket, {}],
  ["simpleTcpPacket", simpleTcpPacket, {
    dlVlanEnable: true,
    vlanVid: 12,
    vlanPcp: 3,
    ipTos: 0xb9,
    tcpFlags: "PA",
    pktlen: 120,
  }],
  ["simpleTcpPacket", simpleTcpPacket, {
    ipSrc: "10.1.2.3",
    ipDst: "10.3.2.1",
    ipTtl: 1,
    tcpSport: 9,
    tcpDport: 10,
  }],
  ["simpleUdpPacket", simpleUdpPacket, {}],
  ["simpleUdpPacket", simpleUdpPacket, {
    dlVlanEnable: true,
    vlanVid: 4095,
    udpSport: 68,
    udpDport: 67,
    pktlen: 300,
  }],
  ["simpleSctpPacket", simpleSctpPacket, {}],
  ["simpleIcmpPacket", simpleIcmpPacket, {}],
  ["simpleIcmpPacket", simpleIcmpPacket, { icmpType: 0, icmpData: "abc", ipId: 77, pktlen: 80 }],
  ["simpleIcmpPacket", simpleIcmpPacket, {
    icmpType: 3,
    icmpCode: 1,
    dlVlanEnable: true,
    vlanVid: 5,
  }],
  ["simpleTcpv6Packet", simpleTcpv6Packet, {}],
  ["simpleTcpv6Packet", simpleTcpv6Packet, {
    vlanVid: 3,
    ipv6Tc: 0x21,
    ipv6Fl: 0xabcde,
    ipv6Hlim: 1,
    tcpFlags: "F",
  }],
  ["simpleUdpv6Packet", simpleUdpv6Packet, { ipv6Src: "fe80::1", ipv6Dst: "ff02::1", pktlen: 62 }],
  ["simpleIcmpv6Packet", simpleIcmpv6Packet, {}],
  ["simpleIcmpv6Packet", simpleIcmpv6Packet, { icmpType: 129, icmpData: "ping" }],
  ["simpleIcmpv6Packet", simpleIcmpv6Packet, { icmpType: 133, hasLl: true }],
  ["simpleIcmpv6Packet", simpleIcmpv6Packet, {
    icmpType: 134,
    prefixOpt: true,
    hasLl: true,
    pktlen: 120,
  }],
  ["simpleIcmpv6Packet", simpleIcmpv6Packet, {
    icmpType: 135,
    target: "2001:db8::5",
    hasLl: true,
    llAddr: "00:11:22:33:44:55",
  }],
  ["simpleIcmpv6Packet", simpleIcmpv6Packet, {
    icmpType: 136,
    rBit: 1,
    sBit: 1,
    target: "fe80::2",
    hasLl: true,
  }],
  ["simpleIcmpv6Packet", simpleIcmpv6Packet, { icmpType: 1, icmpCode: 4, icmpData: "xyz" }],
  ["simpleIcmpv6Packet", simpleIcmpv6Packet, { icmpType: 3 }],
  ["simpleIcmpv6Packet", simpleIcmpv6Packet, { icmpType: 200, icmpCode: 7 }],
  ["simpleArpPacket", simpleArpPacket, {}],
  ["simpleArpPacket", simpleArpPacket, {
    arpOp: 2,
    ipSnd: "10.0.0.1",
    ipTgt: "10.0.0.2",
    hwTgt: "00:0a:0b:0c:0d:0e",
    vlanVid: 9,
  }],
  ["simpleEthPacket", simpleEthPacket, {}],
  ["simpleEthPacket", simpleEthPacket, {
    ethType: 0x88b5,
    pktlen: 100,
    ethDst: "01:80:c2:00:00:0e",
  }],
];

peerTest(
  "OFTest helpers: the same bytes as OFTest's simple_*_packet (scapy)",
  ["scapy"],
  async () => {
    const { results } = await scapy<{ results: string[] }>({
      mode: "oftest",
      calls: CALLS.map(([helper, , options]) => ({ helper, options })),
    });
    const differ = CALLS.flatMap(([helper, fn, options], i) =>
      toHex(fn(options)) === results[i] ? [] : [`${helper}(${JSON.stringify(options)})`]
    );
    assert.deepEqual(differ, []);
  },
);

peerTest(
  "OFTest helpers: tshark decodes them and validates every checksum",
  ["tshark"],
  async () => {
    const frames = [
      simpleTcpPacket({ pktlen: 99 }),
      simpleUdpPacket({ dlVlanEnable: true, vlanVid: 3 }),
      simpleIcmpPacket(),
      simpleTcpv6Packet(),
      simpleUdpv6Packet({ pktlen: 81 }),
      simpleIcmpv6Packet(),
      simpleArpPacket(),
      // OFTest fills SCTP with "D" too, which Wireshark rightly calls a malformed chunk.
      simpleSctpPacket({ pktlen: 46 }),
    ];
    const pcap = new PcapWriter();
    for (const f of frames) pcap.write(f, 0);
    const file = await Deno.makeTempFile({ suffix: ".pcap" });
    try {
      await Deno.writeFile(file, pcap.bytes());
      const prefs = [
        "ip.check_checksum:TRUE",
        "tcp.check_checksum:TRUE",
        "udp.check_checksum:TRUE",
        "sctp.checksum:CRC 32c",
      ];
      const out = await new Deno.Command(which("tshark")!, {
        args: [
          "-r",
          file,
          ...prefs.flatMap((p) => ["-o", p]),
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
          "sctp.checksum.status",
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
        "eth:ethertype:ip:sctp",
      ]);
      // Wireshark's checksum status 1 is "good" (0 bad, 2 unverified).
      const statuses = rows.map((r) => r.slice(1, 7).filter((s) => s !== ""));
      assert.deepEqual(statuses, [["1", "1"], ["1", "1"], ["1", "1"], ["1"], ["1"], ["1"], [], [
        "1",
        "1",
      ]]);
      const severities = rows.flatMap((r) => (r[7] ?? "").split(",").filter(Boolean).map(Number));
      assert.ok(severities.every((s) => s <= 0x200000), `expert severities ${severities}`);
    } finally {
      await Deno.remove(file);
    }
  },
);
