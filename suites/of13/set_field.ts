// OpenFlow 1.3 SET_FIELD (1.3.5 §5.12, §7.2.5): each settable header field rewritten on the
// data plane, the neighbouring bits and the checksums right, and the errors for a set-field
// whose prerequisite the match does not meet or whose value is out of range.
import { of13 } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import {
  arp,
  icmp4,
  icmp6,
  mplsUdp4,
  neighborAdvertisement,
  neighborSolicitation,
  sctp4,
  tcp4,
  tcp6,
  udp4,
  udp6,
} from "../_frames.ts";
import { expectRewrite, flow, to } from "./_util.ts";

const group = "set-field";
const opts = { version: 4, group, ports: 2 } as const;
const VID = of13.OFPVID_PRESENT;
const tagged = (vid: number, pcp = 0) => [{ type: "vlan" as const, vid, pcp }];

const set = of13.setField;
const IP4 = { eth_type: 0x0800 }, IP6 = { eth_type: 0x86dd };
const TCP4 = { ...IP4, ip_proto: 6 }, UDP4 = { ...IP4, ip_proto: 17 };
const TCP6 = { ...IP6, ip_proto: 6 }, UDP6 = { ...IP6, ip_proto: 17 };
const ARP = { eth_type: 0x0806 }, MPLS = { eth_type: 0x8847 };
const ICMP6 = { ...IP6, ip_proto: 58 };
const TAGGED = { vlan_vid: [VID, VID] as [number, number] };

switchTest("eth_dst", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4(),
    {},
    [set("eth_dst", "0a:0b:0c:0d:0e:0f")],
    tcp4({ eth: { dst: "0a:0b:0c:0d:0e:0f" } }),
  );
});

switchTest("eth_src", opts, async (t) => {
  await expectRewrite(
    t,
    udp6(),
    {},
    [set("eth_src", "02:aa:bb:cc:dd:ee")],
    udp6({ eth: { src: "02:aa:bb:cc:dd:ee" } }),
  );
});

switchTest("vlan_vid keeps the priority", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4({ vlans: tagged(10, 5) }),
    TAGGED,
    [set("vlan_vid", VID | 3000)],
    tcp4({ vlans: tagged(3000, 5) }),
  );
});

switchTest("vlan_pcp keeps the VLAN id", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4({ vlans: tagged(10, 5) }),
    TAGGED,
    [set("vlan_pcp", 2)],
    tcp4({ vlans: tagged(10, 2) }),
  );
});

switchTest("ip_dscp of IPv4 keeps the ECN bits", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4({ ip: { dscp: 0, ecn: 3 } }),
    IP4,
    [set("ip_dscp", 46)],
    tcp4({ ip: { dscp: 46, ecn: 3 } }),
  );
});

switchTest("ip_ecn of IPv4 keeps the DSCP", opts, async (t) => {
  await expectRewrite(
    t,
    udp4({ ip: { dscp: 10 } }),
    IP4,
    [set("ip_ecn", 1)],
    udp4({ ip: { dscp: 10, ecn: 1 } }),
  );
});

switchTest("ip_dscp of IPv6 keeps ECN and flow label", opts, async (t) => {
  await expectRewrite(
    t,
    tcp6({ ip: { dscp: 1, ecn: 2, flowLabel: 0xabcde } }),
    IP6,
    [set("ip_dscp", 63)],
    tcp6({ ip: { dscp: 63, ecn: 2, flowLabel: 0xabcde } }),
  );
});

switchTest("ip_ecn of IPv6 keeps DSCP and flow label", opts, async (t) => {
  await expectRewrite(
    t,
    tcp6({ ip: { dscp: 7, flowLabel: 0x12345 } }),
    IP6,
    [set("ip_ecn", 3)],
    tcp6({ ip: { dscp: 7, ecn: 3, flowLabel: 0x12345 } }),
  );
});

switchTest("ipv4_src, with the IP and TCP checksums updated", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4(),
    IP4,
    [set("ipv4_src", "10.1.2.3")],
    tcp4({ ip: { src: "10.1.2.3" } }),
  );
});

switchTest("ipv4_dst, with the IP and UDP checksums updated", opts, async (t) => {
  await expectRewrite(
    t,
    udp4(),
    IP4,
    [set("ipv4_dst", "172.16.5.4")],
    udp4({ ip: { dst: "172.16.5.4" } }),
  );
});

switchTest("tcp_src", opts, async (t) => {
  await expectRewrite(t, tcp4(), TCP4, [set("tcp_src", 4321)], tcp4({ tcp: { srcPort: 4321 } }));
});

switchTest("tcp_dst over IPv6", opts, async (t) => {
  await expectRewrite(t, tcp6(), TCP6, [set("tcp_dst", 8443)], tcp6({ tcp: { dstPort: 8443 } }));
});

switchTest("udp_src", opts, async (t) => {
  await expectRewrite(t, udp4(), UDP4, [set("udp_src", 999)], udp4({ udp: { srcPort: 999 } }));
});

switchTest("udp_dst over IPv6", opts, async (t) => {
  await expectRewrite(t, udp6(), UDP6, [set("udp_dst", 5353)], udp6({ udp: { dstPort: 5353 } }));
});

switchTest("sctp_src, with the CRC32c updated", opts, async (t) => {
  await expectRewrite(
    t,
    sctp4(),
    { ...IP4, ip_proto: 132 },
    [set("sctp_src", 7777)],
    sctp4({ sctp: { srcPort: 7777 } }),
  );
});

switchTest("sctp_dst, with the CRC32c updated", opts, async (t) => {
  await expectRewrite(
    t,
    sctp4(),
    { ...IP4, ip_proto: 132 },
    [set("sctp_dst", 80)],
    sctp4({ sctp: { dstPort: 80 } }),
  );
});

switchTest("icmpv4_type and icmpv4_code", opts, async (t) => {
  await expectRewrite(
    t,
    icmp4(),
    { ...IP4, ip_proto: 1 },
    [set("icmpv4_type", 13), set("icmpv4_code", 1)],
    icmp4({ icmp: { icmpType: 13, code: 1, rest: 0x0001_0000 } }), // the echo id stays,
  );
});

switchTest("icmpv6_type and icmpv6_code", opts, async (t) => {
  await expectRewrite(
    t,
    icmp6(),
    ICMP6,
    [set("icmpv6_type", 129), set("icmpv6_code", 2)],
    icmp6({ icmp: { icmpType: 129, code: 2 } }),
  );
});

switchTest("arp_op", opts, async (t) => {
  await expectRewrite(t, arp(), ARP, [set("arp_op", 2)], arp({ arp: { opcode: 2 } }));
});

switchTest("arp_spa", opts, async (t) => {
  await expectRewrite(
    t,
    arp(),
    ARP,
    [set("arp_spa", "10.9.8.7")],
    arp({ arp: { srcIp: "10.9.8.7" } }),
  );
});

switchTest("arp_tpa", opts, async (t) => {
  await expectRewrite(
    t,
    arp(),
    ARP,
    [set("arp_tpa", "10.0.0.254")],
    arp({ arp: { dstIp: "10.0.0.254" } }),
  );
});

switchTest("arp_sha", opts, async (t) => {
  await expectRewrite(
    t,
    arp(),
    ARP,
    [set("arp_sha", "00:11:22:33:44:55")],
    arp({ arp: { srcMac: "00:11:22:33:44:55" } }),
  );
});

switchTest("arp_tha", opts, async (t) => {
  await expectRewrite(
    t,
    arp(),
    ARP,
    [set("arp_tha", "00:66:77:88:99:aa")],
    arp({ arp: { dstMac: "00:66:77:88:99:aa" } }),
  );
});

switchTest("ipv6_src, with the TCP checksum updated", opts, async (t) => {
  await expectRewrite(
    t,
    tcp6(),
    IP6,
    [set("ipv6_src", "fd00::abcd")],
    tcp6({ ip: { src: "fd00::abcd" } }),
  );
});

switchTest("ipv6_dst, with the UDP checksum updated", opts, async (t) => {
  await expectRewrite(
    t,
    udp6(),
    IP6,
    [set("ipv6_dst", "2001:db8:ffff::9")],
    udp6({ ip: { dst: "2001:db8:ffff::9" } }),
  );
});

switchTest("ipv6_flabel keeps the traffic class", opts, async (t) => {
  await expectRewrite(
    t,
    tcp6({ ip: { dscp: 12, ecn: 1 } }),
    IP6,
    [set("ipv6_flabel", 0xfedcb)],
    tcp6({ ip: { dscp: 12, ecn: 1, flowLabel: 0xfedcb } }),
  );
});

switchTest("ipv6_nd_target", opts, async (t) => {
  await expectRewrite(
    t,
    neighborSolicitation("2001:db8::2"),
    { ...ICMP6, icmpv6_type: 135 },
    [set("ipv6_nd_target", "2001:db8::99")],
    neighborSolicitation("2001:db8::99"),
  );
});

switchTest("ipv6_nd_sll", opts, async (t) => {
  await expectRewrite(
    t,
    neighborSolicitation(),
    { ...ICMP6, icmpv6_type: 135 },
    [set("ipv6_nd_sll", "00:12:34:56:78:9a")],
    neighborSolicitation("2001:db8::2", "00:12:34:56:78:9a"),
  );
});

switchTest("ipv6_nd_tll", opts, async (t) => {
  await expectRewrite(
    t,
    neighborAdvertisement(),
    { ...ICMP6, icmpv6_type: 136 },
    [set("ipv6_nd_tll", "00:9a:78:56:34:12")],
    neighborAdvertisement("2001:db8::2", "00:9a:78:56:34:12"),
  );
});

switchTest("mpls_label", opts, async (t) => {
  await expectRewrite(
    t,
    mplsUdp4([{ label: 16, tc: 2, ttl: 40 }]),
    MPLS,
    [set("mpls_label", 0xabcde)],
    mplsUdp4([{ label: 0xabcde, tc: 2, ttl: 40 }]),
  );
});

switchTest("mpls_tc", opts, async (t) => {
  await expectRewrite(
    t,
    mplsUdp4([{ label: 16, tc: 2, ttl: 40 }]),
    MPLS,
    [set("mpls_tc", 6)],
    mplsUdp4([{ label: 16, tc: 6, ttl: 40 }]),
  );
});

switchTest("several fields of several layers in one action list", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4({ vlans: tagged(5) }),
    { ...TAGGED, ...TCP4 },
    [
      set("eth_src", "02:00:00:00:00:01"),
      set("vlan_vid", VID | 6),
      set("ipv4_dst", "10.10.10.10"),
      set("tcp_dst", 443),
    ],
    tcp4({
      eth: { src: "02:00:00:00:00:01" },
      vlans: tagged(6),
      ip: { dst: "10.10.10.10" },
      tcp: { dstPort: 443 },
    }),
  );
});

switchTest("a later set-field of the same field wins", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4(),
    IP4,
    [set("ipv4_src", "1.1.1.1"), set("ipv4_src", "2.2.2.2")],
    tcp4({ ip: { src: "2.2.2.2" } }),
  );
});

switchTest("set-field without its prerequisite in the match: OFPBAC_MATCH_INCONSISTENT", {
  version: 4,
  group,
}, async (t) => {
  await t.verifyError(
    flow({ in_port: t.ports[0] }, [set("ipv4_src", "10.0.0.1"), ...to(t.ports[0])]),
    { type: of13.OFPET.BAD_ACTION, code: of13.OFPBAC.MATCH_INCONSISTENT },
  );
});

switchTest("set-field of tcp_src under a UDP match: OFPBAC_MATCH_INCONSISTENT", {
  version: 4,
  group,
}, async (t) => {
  await t.verifyError(
    flow({ eth_type: 0x0800, ip_proto: 17 }, [set("tcp_src", 1), ...to(t.ports[0])]),
    { type: of13.OFPET.BAD_ACTION, code: of13.OFPBAC.MATCH_INCONSISTENT },
  );
});

switchTest("set-field of vlan_vid 4096 + PRESENT: OFPBAC_BAD_SET_ARGUMENT", {
  version: 4,
  group,
}, async (t) => {
  await t.verifyError(
    flow({ vlan_vid: [VID, VID] }, [set("vlan_vid", 0x2000), ...to(t.ports[0])]),
    { type: of13.OFPET.BAD_ACTION, code: of13.OFPBAC.BAD_SET_ARGUMENT },
  );
});
