// Every set-field, push/pop (VLAN, MPLS, PBB) and TTL action of the reference switch, and
// OpenFlow 1.0's actions: frames in through its FrameLink, out checked with the packet library.
import assert from "node:assert/strict";
import { of10, of13 } from "../../src/ofp/mod.ts";
import { build, type Layer, parse } from "../../src/packet/mod.ts";
import { rig } from "./_rig.ts";
import type {
  MatchSpec,
  Of10Action,
  Of10StatsReply,
  Of13Action,
  Of13PacketIn,
} from "../../src/ofp/mod.ts";

const eth = (o: Record<string, unknown> = {}): Layer => ({
  type: "ethernet",
  dst: "00:00:00:00:00:02",
  src: "00:00:00:00:00:01",
  ...o,
});
const ip4: Layer = { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.2", ttl: 64, dscp: 10 };
const ip6: Layer = {
  type: "ipv6",
  src: "2001:db8::1",
  dst: "2001:db8::2",
  hopLimit: 64,
  flowLabel: 5,
};
const data: Layer = { type: "raw", data: new Uint8Array(20).fill(7) };
const TCP4 = [eth(), ip4, { type: "tcp", srcPort: 1000, dstPort: 80 }, data] as Layer[];
const UDP4 = [eth(), ip4, { type: "udp", srcPort: 1000, dstPort: 53 }, data] as Layer[];
const SCTP4 = [eth(), ip4, { type: "sctp", srcPort: 1000, dstPort: 2000 }, data] as Layer[];
const ICMP4 = [
  eth(),
  ip4,
  { type: "icmp", icmpType: 8, identifier: 1, sequence: 1 },
  data,
] as Layer[];
const ARP = [eth({ dst: "ff:ff:ff:ff:ff:ff" }), {
  type: "arp",
  srcMac: "00:00:00:00:00:01",
  srcIp: "10.0.0.1",
  dstIp: "10.0.0.2",
}] as Layer[];
const UDP6 = [eth(), ip6, { type: "udp", srcPort: 1000, dstPort: 53 }, data] as Layer[];
const NS = [eth(), ip6, {
  type: "icmpv6",
  icmpType: 135,
  target: "2001:db8::9",
  options: [{ optionType: 1, mac: "00:00:00:00:00:01" }],
}] as Layer[];
const NA = [eth(), ip6, {
  type: "icmpv6",
  icmpType: 136,
  target: "2001:db8::9",
  options: [{ optionType: 2, mac: "00:00:00:00:00:01" }],
}] as Layer[];
const VLAN = [eth(), { type: "vlan", vid: 5, pcp: 1 }, ip4, { type: "udp" }, data] as Layer[];
const MPLS = [
  eth(),
  { type: "mpls", label: 100, tc: 3, ttl: 40 },
  ip4,
  { type: "tcp" },
  data,
] as Layer[];
const PBB = [eth(), { type: "itag", isid: 100 }, eth({ dst: "00:00:00:00:00:0c" }), ip4, {
  type: "udp",
}, data] as Layer[];

/** A field of the layer of a type in the output. */
function field(ls: Layer[], type: string, name: string, nth = 0): unknown {
  return (ls.filter((l) => l.type === type)[nth] as unknown as Record<string, unknown> | undefined)
    ?.[name];
}

/** Whether every computed field (checksums, lengths) is what build would compute. */
function consistent(frame: Uint8Array): boolean {
  const ls = parse(frame);
  for (const l of ls) {
    for (
      const k of ["checksum", "totalLength", "payloadLength", "length"]
    ) delete (l as unknown as Record<string, unknown>)[k];
  }
  return build(ls).every((b, i) => b === frame[i]) && build(ls).length === frame.length;
}

type Case = [
  name: string,
  frame: Layer[],
  match: MatchSpec,
  actions: Of13Action[],
  check: (out: Layer[]) => void,
];
const sf = of13.setField;
const eq = (type: string, name: string, want: unknown, nth = 0) => (ls: Layer[]) =>
  assert.deepEqual(field(ls, type, name, nth), want, `${type}.${name}`);
const IPV4 = { eth_type: 0x0800 };
const IPV6 = { eth_type: 0x86dd };

const CASES: Case[] = [
  [
    "eth_dst",
    TCP4,
    {},
    [sf("eth_dst", "02:aa:bb:cc:dd:ee")],
    eq("ethernet", "dst", "02:aa:bb:cc:dd:ee"),
  ],
  [
    "eth_src",
    TCP4,
    {},
    [sf("eth_src", "02:aa:bb:cc:dd:ef")],
    eq("ethernet", "src", "02:aa:bb:cc:dd:ef"),
  ],
  [
    "vlan_vid",
    VLAN,
    { vlan_vid: [0x1000, 0x1000] },
    [sf("vlan_vid", 0x1000 | 99)],
    eq("vlan", "vid", 99),
  ],
  ["vlan_pcp", VLAN, { vlan_vid: [0x1000, 0x1000] }, [sf("vlan_pcp", 6)], eq("vlan", "pcp", 6)],
  ["ip_dscp", TCP4, IPV4, [sf("ip_dscp", 46)], eq("ipv4", "dscp", 46)],
  ["ip_ecn", UDP6, IPV6, [sf("ip_ecn", 3)], eq("ipv6", "ecn", 3)],
  ["ipv4_src", TCP4, IPV4, [sf("ipv4_src", "192.0.2.1")], eq("ipv4", "src", "192.0.2.1")],
  ["ipv4_dst", UDP4, IPV4, [sf("ipv4_dst", "192.0.2.2")], eq("ipv4", "dst", "192.0.2.2")],
  ["tcp_src", TCP4, { ...IPV4, ip_proto: 6 }, [sf("tcp_src", 4444)], eq("tcp", "srcPort", 4444)],
  ["tcp_dst", TCP4, { ...IPV4, ip_proto: 6 }, [sf("tcp_dst", 8080)], eq("tcp", "dstPort", 8080)],
  ["udp_src", UDP4, { ...IPV4, ip_proto: 17 }, [sf("udp_src", 5353)], eq("udp", "srcPort", 5353)],
  ["udp_dst", UDP4, { ...IPV4, ip_proto: 17 }, [sf("udp_dst", 5354)], eq("udp", "dstPort", 5354)],
  ["sctp_src", SCTP4, { ...IPV4, ip_proto: 132 }, [sf("sctp_src", 7)], eq("sctp", "srcPort", 7)],
  ["sctp_dst", SCTP4, { ...IPV4, ip_proto: 132 }, [sf("sctp_dst", 8)], eq("sctp", "dstPort", 8)],
  [
    "icmpv4_type",
    ICMP4,
    { ...IPV4, ip_proto: 1 },
    [sf("icmpv4_type", 0)],
    eq("icmp", "icmpType", 0),
  ],
  ["icmpv4_code", ICMP4, { ...IPV4, ip_proto: 1 }, [sf("icmpv4_code", 3)], eq("icmp", "code", 3)],
  ["arp_op", ARP, { eth_type: 0x0806 }, [sf("arp_op", 2)], eq("arp", "opcode", 2)],
  [
    "arp_spa",
    ARP,
    { eth_type: 0x0806 },
    [sf("arp_spa", "10.9.9.9")],
    eq("arp", "srcIp", "10.9.9.9"),
  ],
  [
    "arp_tpa",
    ARP,
    { eth_type: 0x0806 },
    [sf("arp_tpa", "10.9.9.8")],
    eq("arp", "dstIp", "10.9.9.8"),
  ],
  [
    "arp_sha",
    ARP,
    { eth_type: 0x0806 },
    [sf("arp_sha", "02:00:00:00:00:0a")],
    eq("arp", "srcMac", "02:00:00:00:00:0a"),
  ],
  [
    "arp_tha",
    ARP,
    { eth_type: 0x0806 },
    [sf("arp_tha", "02:00:00:00:00:0b")],
    eq("arp", "dstMac", "02:00:00:00:00:0b"),
  ],
  ["ipv6_src", UDP6, IPV6, [sf("ipv6_src", "2001:db8::a")], eq("ipv6", "src", "2001:db8::a")],
  ["ipv6_dst", UDP6, IPV6, [sf("ipv6_dst", "2001:db8::b")], eq("ipv6", "dst", "2001:db8::b")],
  ["ipv6_flabel", UDP6, IPV6, [sf("ipv6_flabel", 0xabcde)], eq("ipv6", "flowLabel", 0xabcde)],
  [
    "icmpv6_type",
    NS,
    { ...IPV6, ip_proto: 58 },
    [sf("icmpv6_type", 136)],
    eq("icmpv6", "icmpType", 136),
  ],
  ["icmpv6_code", NS, { ...IPV6, ip_proto: 58 }, [sf("icmpv6_code", 1)], eq("icmpv6", "code", 1)],
  ["ipv6_nd_target", NS, { ...IPV6, ip_proto: 58, icmpv6_type: 135 }, [
    sf("ipv6_nd_target", "2001:db8::77"),
  ], eq("icmpv6", "target", "2001:db8::77")],
  [
    "ipv6_nd_sll",
    NS,
    { ...IPV6, ip_proto: 58, icmpv6_type: 135 },
    [sf("ipv6_nd_sll", "02:00:00:00:01:01")],
    (ls) =>
      assert.equal(
        (field(ls, "icmpv6", "options") as { mac: string }[])[0].mac,
        "02:00:00:00:01:01",
      ),
  ],
  [
    "ipv6_nd_tll",
    NA,
    { ...IPV6, ip_proto: 58, icmpv6_type: 136 },
    [sf("ipv6_nd_tll", "02:00:00:00:01:02")],
    (ls) =>
      assert.equal(
        (field(ls, "icmpv6", "options") as { mac: string }[])[0].mac,
        "02:00:00:00:01:02",
      ),
  ],
  [
    "mpls_label",
    MPLS,
    { eth_type: 0x8847 },
    [sf("mpls_label", 0xfffff)],
    eq("mpls", "label", 0xfffff),
  ],
  ["mpls_tc", MPLS, { eth_type: 0x8847 }, [sf("mpls_tc", 5)], eq("mpls", "tc", 5)],
  ["pbb_isid", PBB, { eth_type: 0x88e7 }, [sf("pbb_isid", 0x123456)], eq("itag", "isid", 0x123456)],
  // Push and pop: what Ryu's switch tests expect (new tags copy the outer tag, or zeros).
  ["push_vlan on untagged", TCP4, {}, [of13.pushVlan(0x8100)], (ls) => {
    assert.deepEqual(ls.slice(1, 3).map((l) => l.type), ["vlan", "ipv4"]);
    assert.equal(field(ls, "vlan", "vid"), 0);
    assert.equal(field(ls, "ethernet", "ethertype"), 0x8100);
  }],
  ["push_vlan 0x88a8 over a tag copies it", VLAN, {}, [of13.pushVlan(0x88a8)], (ls) => {
    assert.deepEqual(ls.slice(1, 3).map((l) => l.type), ["svlan", "vlan"]);
    assert.equal(field(ls, "svlan", "vid"), 5);
    assert.equal(field(ls, "svlan", "pcp"), 1);
  }],
  [
    "pop_vlan",
    VLAN,
    {},
    [of13.popVlan()],
    (ls) => assert.deepEqual(ls.slice(0, 2).map((l) => l.type), ["ethernet", "ipv4"]),
  ],
  ["push_mpls on IPv4 takes the IP TTL", TCP4, IPV4, [of13.pushMpls(0x8847)], (ls) => {
    assert.deepEqual(ls.slice(1, 3).map((l) => l.type), ["mpls", "ipv4"]);
    assert.deepEqual([
      field(ls, "mpls", "label"),
      field(ls, "mpls", "ttl"),
      field(ls, "mpls", "bos"),
    ], [0, 64, true]);
  }],
  [
    "push_mpls on ARP: TTL 0",
    ARP,
    { eth_type: 0x0806 },
    [of13.pushMpls(0x8847)],
    eq("mpls", "ttl", 0),
  ],
  [
    "push_mpls over MPLS copies the label",
    MPLS,
    { eth_type: 0x8847 },
    [of13.pushMpls(0x8847)],
    (ls) => {
      assert.deepEqual([
        field(ls, "mpls", "label"),
        field(ls, "mpls", "bos"),
        field(ls, "mpls", "bos", 1),
      ], [100, false, true]);
    },
  ],
  ["pop_mpls", MPLS, { eth_type: 0x8847 }, [of13.popMpls(0x0800)], (ls) => {
    assert.deepEqual(ls.slice(0, 3).map((l) => l.type), ["ethernet", "ipv4", "tcp"]);
  }],
  ["push_pbb", TCP4, {}, [of13.pushPbb(0x88e7)], (ls) => {
    assert.deepEqual(ls.slice(0, 4).map((l) => l.type), ["ethernet", "itag", "ethernet", "ipv4"]);
    assert.equal(field(ls, "ethernet", "dst"), "00:00:00:00:00:02");
  }],
  ["pop_pbb", PBB, { eth_type: 0x88e7 }, [of13.popPbb()], (ls) => {
    assert.deepEqual(ls.slice(0, 2).map((l) => l.type), ["ethernet", "ipv4"]);
    assert.equal(field(ls, "ethernet", "dst"), "00:00:00:00:00:0c");
  }],
  ["dec_nw_ttl IPv4", TCP4, IPV4, [of13.decNwTtl()], eq("ipv4", "ttl", 63)],
  ["dec_nw_ttl IPv6", UDP6, IPV6, [of13.decNwTtl()], eq("ipv6", "hopLimit", 63)],
  ["set_nw_ttl", TCP4, IPV4, [of13.setNwTtl(9)], eq("ipv4", "ttl", 9)],
  ["dec_mpls_ttl", MPLS, { eth_type: 0x8847 }, [of13.decMplsTtl()], eq("mpls", "ttl", 39)],
  ["set_mpls_ttl", MPLS, { eth_type: 0x8847 }, [of13.setMplsTtl(200)], eq("mpls", "ttl", 200)],
  ["copy_ttl_out", MPLS, { eth_type: 0x8847 }, [of13.copyTtlOut()], eq("mpls", "ttl", 64)],
  ["copy_ttl_in", MPLS, { eth_type: 0x8847 }, [of13.copyTtlIn()], eq("ipv4", "ttl", 40)],
];

Deno.test("actions: every set-field, push/pop and TTL action (OpenFlow 1.3)", async (t) => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  for (const [name, layers, match, actions, check] of CASES) {
    await t.step(name, async () => {
      await r.apply(
        of13.flowDeleteAll(),
        of13.flowMod({
          match: of13.match({ in_port: 1, ...match }),
          instructions: [of13.applyActions([...actions, of13.output(2)])],
        }),
      );
      await r.link.send(1, build(layers));
      const out = r.frames.take(2);
      assert.equal(out.length, 1, "one frame out of port 2");
      check(parse(out[0]));
      assert.ok(consistent(out[0]), "checksums and lengths are consistent");
    });
  }
});

Deno.test("actions: set-field of tunnel_id shows in the packet-in's match", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(of13.flowMod({
    instructions: [
      of13.applyActions([
        sf("tunnel_id", 0x1234n),
        of13.output(of13.OFPP.CONTROLLER, of13.OFPCML.NO_BUFFER),
      ]),
    ],
  }));
  await r.link.send(1, build(TCP4));
  const pin = await r.conn.poll("PACKET_IN", { timeout: 1000 }) as Of13PacketIn;
  assert.deepEqual(pin.match, [{ field: "in_port", value: 1 }, {
    field: "tunnel_id",
    value: 0x1234n,
  }]);
});

Deno.test("actions: a TTL decremented to 0 drops the frame; INVALID_TTL packet-in when configured", async () => {
  await using r = await rig({ ports: 2 }, { versions: [4] });
  await r.apply(
    of13.flowMod({
      match: of13.match({ eth_type: 0x0800 }),
      instructions: [of13.applyActions([of13.decNwTtl(), of13.output(2)])],
    }),
  );
  const frame = build([eth(), { ...ip4, ttl: 1 }, { type: "udp" }, data]);
  await r.link.send(1, frame);
  assert.equal(r.frames.take(2).length, 0);
  assert.equal(
    await r.conn.poll("PACKET_IN", { timeout: 200 }),
    undefined,
    "not asked for by default",
  );
  // Ask through the asynchronous configuration (OFPR_INVALID_TTL's bit).
  await r.apply(of13.setAsync({ packetInMask: [0b111, 0] }));
  await r.link.send(1, frame);
  const pin = await r.conn.poll("PACKET_IN", { timeout: 1000 }) as Of13PacketIn;
  assert.equal(pin.reason, of13.OFPR.INVALID_TTL);
  assert.deepEqual(pin.data, frame.subarray(0, 128));
  assert.equal(r.frames.take(2).length, 0);
});

Deno.test("actions: OpenFlow 1.0's actions", async (t) => {
  await using r = await rig({ ports: 3 }, { versions: [1] });
  const cases: [string, Layer[], Of10Action[], (ls: Layer[]) => void][] = [
    [
      "set_vlan_vid adds a tag",
      TCP4,
      [of10.setVlanVid(42)],
      (ls) => assert.deepEqual([ls[1].type, field(ls, "vlan", "vid")], ["vlan", 42]),
    ],
    [
      "set_vlan_pcp rewrites a tag",
      VLAN,
      [of10.setVlanPcp(7)],
      (ls) => assert.deepEqual([field(ls, "vlan", "vid"), field(ls, "vlan", "pcp")], [5, 7]),
    ],
    ["strip_vlan", VLAN, [of10.stripVlan()], (ls) => assert.equal(ls[1].type, "ipv4")],
    [
      "set_dl_src",
      TCP4,
      [of10.setDlSrc("02:00:00:00:00:31")],
      eq("ethernet", "src", "02:00:00:00:00:31"),
    ],
    [
      "set_dl_dst",
      TCP4,
      [of10.setDlDst("02:00:00:00:00:32")],
      eq("ethernet", "dst", "02:00:00:00:00:32"),
    ],
    ["set_nw_src", TCP4, [of10.setNwSrc("172.16.0.1")], eq("ipv4", "src", "172.16.0.1")],
    ["set_nw_dst", UDP4, [of10.setNwDst("172.16.0.2")], eq("ipv4", "dst", "172.16.0.2")],
    ["set_nw_tos", TCP4, [of10.setNwTos(0xb8)], eq("ipv4", "dscp", 46)],
    ["set_tp_src", TCP4, [of10.setTpSrc(5555)], eq("tcp", "srcPort", 5555)],
    ["set_tp_dst", UDP4, [of10.setTpDst(5556)], eq("udp", "dstPort", 5556)],
  ];
  for (const [name, layers, actions, check] of cases) {
    await t.step(name, async () => {
      await r.apply(
        of10.flowDeleteAll(),
        of10.flowMod({ match: of10.match({ inPort: 1 }), actions: [...actions, of10.output(2)] }),
      );
      await r.link.send(1, build(layers));
      const out = r.frames.take(2);
      assert.equal(out.length, 1);
      check(parse(out[0]));
      assert.ok(consistent(out[0]));
    });
  }
  await t.step("enqueue sends through the queue and counts it", async () => {
    await r.apply(
      of10.flowDeleteAll(),
      of10.flowMod({ match: of10.match({ inPort: 1 }), actions: [of10.enqueue(3, 0)] }),
    );
    await r.link.send(1, build(TCP4));
    assert.equal(r.frames.take(3).length, 1);
    const [reply] = await r.conn.transactMultipart(of10.queueStatsRequest(3, 0));
    const q = (reply as Of10StatsReply).body as { entries: { txPackets: bigint }[] };
    assert.equal(q.entries[0].txPackets, 1n);
  });
});

Deno.test("actions: the consistency check catches a stale checksum or field", () => {
  const good = build(TCP4);
  assert.ok(consistent(good));
  const bad = good.slice();
  bad[24] ^= 0xff; // IPv4 header checksum
  assert.equal(consistent(bad), false);
  assert.throws(() => eq("ipv4", "ttl", 63)(parse(good)), assert.AssertionError);
});
