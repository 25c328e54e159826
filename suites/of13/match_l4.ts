// OpenFlow 1.3 matching on transport fields (1.3.5 §7.2.3.7): TCP, UDP and SCTP ports over
// IPv4 and IPv6, ICMPv4 and ICMPv6 type and code (none of them maskable in 1.3: masks on them
// are checked in match_errors.ts).
import { switchTest } from "../../src/testing/mod.ts";
import { icmp4, icmp6, sctp4, sctp6, tcp4, tcp6, udp4, udp6 } from "../_frames.ts";
import { expectMatch } from "./_util.ts";

const group = "match";
const opts = { version: 4, group, ports: 3 } as const;
const TCP4 = { eth_type: 0x0800, ip_proto: 6 }, TCP6 = { eth_type: 0x86dd, ip_proto: 6 };
const UDP4 = { eth_type: 0x0800, ip_proto: 17 }, UDP6 = { eth_type: 0x86dd, ip_proto: 17 };
const SCTP4 = { eth_type: 0x0800, ip_proto: 132 }, SCTP6 = { eth_type: 0x86dd, ip_proto: 132 };

switchTest("tcp_src over IPv4", opts, async (t) => {
  await expectMatch(
    t,
    { ...TCP4, tcp_src: 1234 },
    [tcp4()],
    [tcp4({ tcp: { srcPort: 1235 } }), udp4({ udp: { srcPort: 1234 } })],
  );
});

switchTest("tcp_dst over IPv4", opts, async (t) => {
  await expectMatch(
    t,
    { ...TCP4, tcp_dst: 80 },
    [tcp4()],
    [tcp4({ tcp: { dstPort: 8080 } }), tcp4({ tcp: { srcPort: 80, dstPort: 1234 } })],
  );
});

switchTest("tcp_src over IPv6", opts, async (t) => {
  await expectMatch(t, { ...TCP6, tcp_src: 1234 }, [tcp6()], [tcp6({ tcp: { srcPort: 4321 } })]);
});

switchTest("tcp_dst over IPv6", opts, async (t) => {
  await expectMatch(t, { ...TCP6, tcp_dst: 80 }, [tcp6()], [tcp6({ tcp: { dstPort: 81 } })]);
});

switchTest("udp_src over IPv4", opts, async (t) => {
  await expectMatch(
    t,
    { ...UDP4, udp_src: 1234 },
    [udp4()],
    [udp4({ udp: { srcPort: 1233 } }), tcp4({ tcp: { srcPort: 1234 } })],
  );
});

switchTest("udp_dst over IPv4", opts, async (t) => {
  await expectMatch(t, { ...UDP4, udp_dst: 53 }, [udp4()], [udp4({ udp: { dstPort: 54 } })]);
});

switchTest("udp_src over IPv6", opts, async (t) => {
  await expectMatch(t, { ...UDP6, udp_src: 1234 }, [udp6()], [udp6({ udp: { srcPort: 1 } })]);
});

switchTest("udp_dst over IPv6", opts, async (t) => {
  await expectMatch(t, { ...UDP6, udp_dst: 53 }, [udp6()], [udp6({ udp: { dstPort: 5353 } })]);
});

switchTest("sctp_src over IPv4", opts, async (t) => {
  await expectMatch(
    t,
    { ...SCTP4, sctp_src: 1234 },
    [sctp4()],
    [sctp4({ sctp: { srcPort: 1 } }), udp4()],
  );
});

switchTest("sctp_dst over IPv4", opts, async (t) => {
  await expectMatch(t, { ...SCTP4, sctp_dst: 5000 }, [sctp4()], [
    sctp4({ sctp: { dstPort: 5001 } }),
  ]);
});

switchTest("sctp_src and sctp_dst over IPv6", opts, async (t) => {
  await expectMatch(
    t,
    { ...SCTP6, sctp_src: 1234, sctp_dst: 5000 },
    [sctp6()],
    [sctp6({ sctp: { srcPort: 1235 } }), sctp6({ sctp: { dstPort: 4999 } })],
  );
});

switchTest("icmpv4_type", opts, async (t) => {
  await expectMatch(
    t,
    { eth_type: 0x0800, ip_proto: 1, icmpv4_type: 8 },
    [icmp4()],
    [icmp4({ icmp: { icmpType: 0 } }), icmp4({ icmp: { icmpType: 3, code: 8 } })],
  );
});

switchTest("icmpv4_code", opts, async (t) => {
  await expectMatch(
    t,
    { eth_type: 0x0800, ip_proto: 1, icmpv4_type: 3, icmpv4_code: 3 },
    [icmp4({ icmp: { icmpType: 3, code: 3 } })],
    [icmp4({ icmp: { icmpType: 3, code: 1 } }), icmp4({ icmp: { icmpType: 11, code: 3 } })],
  );
});

switchTest("icmpv6_type", opts, async (t) => {
  await expectMatch(
    t,
    { eth_type: 0x86dd, ip_proto: 58, icmpv6_type: 128 },
    [icmp6()],
    [icmp6({ icmp: { icmpType: 129 } })],
  );
});

switchTest("icmpv6_code", opts, async (t) => {
  await expectMatch(
    t,
    { eth_type: 0x86dd, ip_proto: 58, icmpv6_type: 1, icmpv6_code: 4 },
    [icmp6({ icmp: { icmpType: 1, code: 4 } })],
    [icmp6({ icmp: { icmpType: 1, code: 3 } }), icmp6({ icmp: { icmpType: 3, code: 4 } })],
  );
});
