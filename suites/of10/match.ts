// OpenFlow 1.0 matching (1.0.0 §3.4, §5.2.3 ofp_match): each of the twelve fields with its
// wildcard bit, nw_src and nw_dst with prefix lengths, the untagged VLAN value, ICMP type and
// code in tp_src/tp_dst, and ARP opcode and addresses in nw_proto/nw_src/nw_dst.
import { of10 } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { arp, ethFrame, icmp4, tcp4, tcp6, udp4 } from "../_frames.ts";
import { expectMatch } from "./_util.ts";

const group = "match";
const opts = { version: 1, group, ports: 3 } as const;
const IP = { dlType: 0x0800 },
  TCP = { dlType: 0x0800, nwProto: 6 },
  UDP = { dlType: 0x0800, nwProto: 17 };
const vlan = (vid: number, pcp = 0) => [{ type: "vlan" as const, vid, pcp }];

switchTest("in_port", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    of10.flowMod({ match: of10.match({ inPort: a }), actions: [of10.output(c)] }),
    of10.flowMod({ match: of10.match({ inPort: b }), actions: [of10.output(a)] }),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [c]);
  await t.send(b, tcp4());
  await t.verifyPackets(tcp4(), [a]);
});

switchTest("dl_src", opts, async (t) => {
  await expectMatch(t, { dlSrc: "00:06:07:08:09:0a" }, [tcp4()], [
    tcp4({ eth: { src: "00:06:07:08:09:0b" } }),
  ]);
});

switchTest("dl_dst", opts, async (t) => {
  await expectMatch(t, { dlDst: "00:01:02:03:04:05" }, [
    tcp4(),
    arp({ eth: { dst: "00:01:02:03:04:05" } }),
  ], [
    tcp4({ eth: { dst: "00:01:02:03:04:06" } }),
  ]);
});

switchTest("dl_dst broadcast", opts, async (t) => {
  await expectMatch(t, { dlDst: "ff:ff:ff:ff:ff:ff" }, [arp()], [tcp4()]);
});

switchTest("dl_type", opts, async (t) => {
  await expectMatch(t, { dlType: 0x0806 }, [arp()], [tcp4(), tcp6(), ethFrame(0x88cc)]);
});

switchTest("dl_type of a protocol the switch does not parse", opts, async (t) => {
  await expectMatch(t, { dlType: 0x88cc }, [ethFrame(0x88cc)], [ethFrame(0x88cd)]);
});

switchTest("dl_vlan", opts, async (t) => {
  await expectMatch(t, { dlVlan: 42 }, [tcp4({ vlans: vlan(42) })], [
    tcp4({ vlans: vlan(43) }),
    tcp4(),
  ]);
});

switchTest("dl_vlan OFP_VLAN_NONE matches untagged frames only", opts, async (t) => {
  await expectMatch(t, { dlVlan: of10.OFP_VLAN_NONE }, [tcp4(), arp()], [tcp4({ vlans: vlan(1) })]);
});

switchTest("dl_vlan_pcp", opts, async (t) => {
  await expectMatch(
    t,
    { dlVlan: 42, dlVlanPcp: 6 },
    [tcp4({ vlans: vlan(42, 6) })],
    [tcp4({ vlans: vlan(42, 5) })],
  );
});

switchTest("dl_type is the type after the VLAN tag", opts, async (t) => {
  await expectMatch(t, IP, [tcp4({ vlans: vlan(9) })], [tcp6({ vlans: vlan(9) })]);
});

switchTest("nw_tos (the DSCP bits)", opts, async (t) => {
  await expectMatch(
    t,
    { ...IP, nwTos: 46 << 2 },
    [tcp4({ ip: { dscp: 46 } }), tcp4({ ip: { dscp: 46, ecn: 1 } })],
    [tcp4({ ip: { dscp: 45 } }), tcp4()],
  );
});

switchTest("nw_proto", opts, async (t) => {
  await expectMatch(t, { ...IP, nwProto: 17 }, [udp4()], [tcp4(), icmp4()]);
});

switchTest("nw_src exact", opts, async (t) => {
  await expectMatch(t, { ...IP, nwSrc: "192.168.0.1" }, [tcp4(), udp4()], [
    tcp4({ ip: { src: "192.168.0.3" } }),
  ]);
});

for (
  const [prefix, hit, miss] of [
    ["10.1.2.0/24", "10.1.2.77", "10.1.3.1"],
    ["10.1.0.0/16", "10.1.200.1", "10.2.0.1"],
    ["10.0.0.0/8", "10.255.0.1", "11.1.2.1"],
    ["0.0.0.0/1", "127.0.0.1", "128.0.0.1"],
  ] as const
) {
  switchTest(`nw_src ${prefix}`, opts, async (t) => {
    await expectMatch(t, { ...IP, nwSrc: prefix }, [tcp4({ ip: { src: hit } })], [
      tcp4({ ip: { src: miss } }),
    ]);
  });
}

switchTest("nw_src /0 matches every address", opts, async (t) => {
  await expectMatch(
    t,
    { ...IP, nwSrc: "10.0.0.0/0" },
    [tcp4({ ip: { src: "1.2.3.4" } }), tcp4({ ip: { src: "200.1.1.1" } })],
    [tcp6()],
  );
});

switchTest("nw_dst exact", opts, async (t) => {
  await expectMatch(t, { ...IP, nwDst: "192.168.0.2" }, [tcp4()], [
    tcp4({ ip: { dst: "192.168.0.4" } }),
  ]);
});

for (
  const [prefix, hit, miss] of [
    ["172.16.0.0/12", "172.31.1.1", "172.32.1.1"],
    ["192.168.0.0/30", "192.168.0.3", "192.168.0.4"],
  ] as const
) {
  switchTest(`nw_dst ${prefix}`, opts, async (t) => {
    await expectMatch(t, { ...IP, nwDst: prefix }, [tcp4({ ip: { dst: hit } })], [
      tcp4({ ip: { dst: miss } }),
    ]);
  });
}

switchTest("tp_src of TCP", opts, async (t) => {
  await expectMatch(t, { ...TCP, tpSrc: 1234 }, [tcp4()], [
    tcp4({ tcp: { srcPort: 1235 } }),
    udp4(),
  ]);
});

switchTest("tp_dst of TCP", opts, async (t) => {
  await expectMatch(t, { ...TCP, tpDst: 80 }, [tcp4()], [tcp4({ tcp: { dstPort: 443 } })]);
});

switchTest("tp_src and tp_dst of UDP", opts, async (t) => {
  await expectMatch(
    t,
    { ...UDP, tpSrc: 1234, tpDst: 53 },
    [udp4()],
    [
      udp4({ udp: { srcPort: 1 } }),
      udp4({ udp: { dstPort: 54 } }),
      tcp4({ tcp: { srcPort: 1234, dstPort: 53 } }),
    ],
  );
});

switchTest("ICMP type and code in tp_src and tp_dst", opts, async (t) => {
  await expectMatch(
    t,
    { dlType: 0x0800, nwProto: 1, tpSrc: 3, tpDst: 1 },
    [icmp4({ icmp: { icmpType: 3, code: 1 } })],
    [icmp4({ icmp: { icmpType: 3, code: 0 } }), icmp4()],
  );
});

switchTest("ARP opcode in nw_proto", opts, async (t) => {
  await expectMatch(t, { dlType: 0x0806, nwProto: 2 }, [arp({ arp: { opcode: 2 } })], [arp()]);
});

switchTest("ARP sender and target addresses in nw_src and nw_dst", opts, async (t) => {
  await expectMatch(
    t,
    { dlType: 0x0806, nwSrc: "192.168.0.1", nwDst: "192.168.0.0/24" },
    [arp(), arp({ arp: { dstIp: "192.168.0.99" } })],
    [arp({ arp: { srcIp: "192.168.0.5" } }), arp({ arp: { dstIp: "192.168.1.2" } })],
  );
});

switchTest("all wildcards match every frame", opts, async (t) => {
  await expectMatch(t, {}, [tcp4(), arp(), tcp6(), ethFrame(0x1234)], []);
});

switchTest("a full L2-L4 match", opts, async (t) => {
  await expectMatch(
    t,
    {
      dlSrc: "00:06:07:08:09:0a",
      dlDst: "00:01:02:03:04:05",
      ...TCP,
      nwSrc: "192.168.0.1",
      nwDst: "192.168.0.2",
      tpSrc: 1234,
      tpDst: 80,
    },
    [tcp4()],
    [tcp4({ tcp: { dstPort: 81 } }), tcp4({ eth: { src: "00:00:00:00:00:01" } })],
  );
});
