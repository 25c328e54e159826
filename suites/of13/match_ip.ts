// OpenFlow 1.3 matching on IPv4 and IPv6 header fields (1.3.5 §7.2.3.7): DSCP, ECN,
// protocol, addresses exact and masked (prefix and arbitrary masks), flow label, extension
// headers.
import { of13 } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { icmp4, icmp6, ip4, sctp4, tcp4, tcp6, tcp6With, udp4, udp6 } from "../_frames.ts";
import { expectMatch, flow, installOrRefused, to } from "./_util.ts";

const group = "match";
const opts = { version: 4, group, ports: 3 } as const;
const V4 = { eth_type: 0x0800 }, V6 = { eth_type: 0x86dd };

switchTest("ip_dscp of IPv4", opts, async (t) => {
  await expectMatch(
    t,
    { ...V4, ip_dscp: 46 },
    [tcp4({ ip: { dscp: 46 } }), tcp4({ ip: { dscp: 46, ecn: 3 } })],
    [tcp4({ ip: { dscp: 45 } }), tcp4()],
  );
});

switchTest("ip_dscp of IPv6", opts, async (t) => {
  await expectMatch(
    t,
    { ...V6, ip_dscp: 10 },
    [tcp6({ ip: { dscp: 10 } }), tcp6({ ip: { dscp: 10, ecn: 1 } })],
    [tcp6({ ip: { dscp: 11 } })],
  );
});

switchTest("ip_ecn of IPv4", opts, async (t) => {
  await expectMatch(
    t,
    { ...V4, ip_ecn: 2 },
    [tcp4({ ip: { ecn: 2 } }), tcp4({ ip: { ecn: 2, dscp: 63 } })],
    [tcp4({ ip: { ecn: 3 } }), tcp4()],
  );
});

switchTest("ip_ecn of IPv6", opts, async (t) => {
  await expectMatch(
    t,
    { ...V6, ip_ecn: 1 },
    [tcp6({ ip: { ecn: 1 } })],
    [tcp6({ ip: { ecn: 2 } })],
  );
});

switchTest("ip_proto TCP over IPv4", opts, async (t) => {
  await expectMatch(t, { ...V4, ip_proto: 6 }, [tcp4()], [udp4(), icmp4(), sctp4()]);
});

switchTest("ip_proto UDP over IPv4", opts, async (t) => {
  await expectMatch(t, { ...V4, ip_proto: 17 }, [udp4()], [tcp4(), icmp4()]);
});

switchTest("ip_proto ICMP over IPv4", opts, async (t) => {
  await expectMatch(t, { ...V4, ip_proto: 1 }, [icmp4()], [tcp4(), udp4()]);
});

switchTest("ip_proto of a protocol the switch does not parse", opts, async (t) => {
  await expectMatch(t, { ...V4, ip_proto: 0xfd }, [ip4()], [ip4({ ip: { protocol: 0xfe } })]);
});

switchTest("ip_proto TCP over IPv6", opts, async (t) => {
  await expectMatch(t, { ...V6, ip_proto: 6 }, [tcp6()], [udp6(), icmp6(), tcp4()]);
});

switchTest("ip_proto UDP over IPv6", opts, async (t) => {
  await expectMatch(t, { ...V6, ip_proto: 17 }, [udp6()], [tcp6(), udp4()]);
});

switchTest("ip_proto ICMPv6", opts, async (t) => {
  await expectMatch(t, { ...V6, ip_proto: 58 }, [icmp6()], [tcp6(), icmp4()]);
});

switchTest("ip_proto is the upper layer after IPv6 extension headers", opts, async (t) => {
  await expectMatch(
    t,
    { ...V6, ip_proto: 6 },
    [tcp6With([{ type: "hopopts" }]), tcp6With([{ type: "dstopts" }])],
    [udp6()],
  );
});

switchTest("ipv4_src exact", opts, async (t) => {
  await expectMatch(
    t,
    { ...V4, ipv4_src: "192.168.0.1" },
    [tcp4(), udp4()],
    [
      tcp4({ ip: { src: "192.168.0.3" } }),
      tcp4({ ip: { src: "192.168.0.2", dst: "192.168.0.1" } }),
    ],
  );
});

switchTest("ipv4_src subnet mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...V4, ipv4_src: ["10.20.0.0", "255.255.0.0"] },
    [tcp4({ ip: { src: "10.20.0.1" } }), tcp4({ ip: { src: "10.20.255.254" } })],
    [tcp4({ ip: { src: "10.21.0.1" } }), tcp4()],
  );
});

switchTest("ipv4_src arbitrary mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...V4, ipv4_src: ["10.0.0.1", "255.0.0.255"] },
    [tcp4({ ip: { src: "10.1.2.1" } }), tcp4({ ip: { src: "10.200.100.1" } })],
    [tcp4({ ip: { src: "10.1.2.2" } }), tcp4({ ip: { src: "11.1.2.1" } })],
  );
});

switchTest("ipv4_dst exact", opts, async (t) => {
  await expectMatch(
    t,
    { ...V4, ipv4_dst: "192.168.0.2" },
    [tcp4(), icmp4()],
    [tcp4({ ip: { dst: "192.168.0.3" } })],
  );
});

switchTest("ipv4_dst subnet mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...V4, ipv4_dst: ["172.16.0.0", "255.240.0.0"] },
    [tcp4({ ip: { dst: "172.16.0.9" } }), tcp4({ ip: { dst: "172.31.255.1" } })],
    [tcp4({ ip: { dst: "172.32.0.1" } })],
  );
});

switchTest("ipv4_dst arbitrary mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...V4, ipv4_dst: ["0.0.0.2", "0.0.0.3"] },
    [tcp4({ ip: { dst: "1.2.3.6" } }), tcp4()],
    [tcp4({ ip: { dst: "1.2.3.7" } })],
  );
});

switchTest("ipv6_src exact", opts, async (t) => {
  await expectMatch(
    t,
    { ...V6, ipv6_src: "2001:db8::1" },
    [tcp6(), udp6()],
    [tcp6({ ip: { src: "2001:db8::3" } }), tcp6({ ip: { src: "2001:db9::1" } })],
  );
});

switchTest("ipv6_src prefix mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...V6, ipv6_src: ["2001:db8:aa::", "ffff:ffff:ffff::"] },
    [tcp6({ ip: { src: "2001:db8:aa::77" } }), tcp6({ ip: { src: "2001:db8:aa:1::1" } })],
    [tcp6({ ip: { src: "2001:db8:ab::1" } })],
  );
});

switchTest("ipv6_src arbitrary mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...V6, ipv6_src: ["0:0:0:1::1", "0:0:0:ffff::ffff"] },
    [tcp6({ ip: { src: "2001:db8:0:1:5:6:7:1" } }), tcp6({ ip: { src: "fe80:0:0:1::1" } })],
    [tcp6({ ip: { src: "2001:db8:0:2:5:6:7:1" } }), tcp6()],
  );
});

switchTest("ipv6_dst exact", opts, async (t) => {
  await expectMatch(
    t,
    { ...V6, ipv6_dst: "2001:db8::2" },
    [tcp6(), icmp6()],
    [tcp6({ ip: { dst: "2001:db8::3" } })],
  );
});

switchTest("ipv6_dst prefix mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...V6, ipv6_dst: ["fd00::", "ff00::"] },
    [tcp6({ ip: { dst: "fd12:3456::1" } })],
    [tcp6({ ip: { dst: "fe80::1" } }), tcp6()],
  );
});

switchTest("ipv6_dst arbitrary mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...V6, ipv6_dst: ["::2", "::f"] },
    [tcp6(), tcp6({ ip: { dst: "fe80::12" } })],
    [tcp6({ ip: { dst: "2001:db8::3" } })],
  );
});

switchTest("ipv6_flabel exact", opts, async (t) => {
  await expectMatch(
    t,
    { ...V6, ipv6_flabel: 0x12345 },
    [tcp6({ ip: { flowLabel: 0x12345 } })],
    [tcp6({ ip: { flowLabel: 0x12344 } }), tcp6()],
  );
});

switchTest("ipv6_flabel masked", opts, async (t) => {
  await expectMatch(
    t,
    { ...V6, ipv6_flabel: [0x00045, 0x000ff] },
    [tcp6({ ip: { flowLabel: 0xabc45 } }), tcp6({ ip: { flowLabel: 0x00045 } })],
    [tcp6({ ip: { flowLabel: 0xabc46 } })],
  );
});

switchTest("ipv6_exthdr (optional: matched, or refused with OFPBMC_BAD_FIELD)", opts, async (t) => {
  const [a, b, c] = t.ports;
  const HOP = of13.OFPIEH.HOP;
  const mod = flow({ in_port: a, ...V6, ipv6_exthdr: [HOP, HOP] }, to(b), { priority: 10 });
  if (!await installOrRefused(t, mod, of13.OFPET.BAD_MATCH, of13.OFPBMC.BAD_FIELD)) return;
  await t.install(flow({ in_port: a }, to(c), { priority: 1 }));
  const hit = tcp6With([{ type: "hopopts" }]);
  await t.send(a, hit);
  await t.verifyPackets(hit, [b]);
  await t.send(a, tcp6());
  await t.verifyPackets(tcp6(), [c]);
});
