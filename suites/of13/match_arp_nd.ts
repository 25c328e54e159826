// OpenFlow 1.3 matching on ARP fields and IPv6 neighbor discovery fields (1.3.5 §7.2.3.7),
// exact and, where the spec allows, masked.
import { switchTest } from "../../src/testing/mod.ts";
import { arp, neighborAdvertisement, neighborSolicitation, tcp4 } from "../_frames.ts";
import { expectMatch } from "./_util.ts";

const group = "match";
const opts = { version: 4, group, ports: 3 } as const;
const ARP = { eth_type: 0x0806 };
const NS = { eth_type: 0x86dd, ip_proto: 58, icmpv6_type: 135 };
const NA = { eth_type: 0x86dd, ip_proto: 58, icmpv6_type: 136 };

switchTest("arp_op", opts, async (t) => {
  await expectMatch(t, { ...ARP, arp_op: 2 }, [arp({ arp: { opcode: 2 } })], [arp(), tcp4()]);
});

switchTest("arp_spa exact", opts, async (t) => {
  await expectMatch(
    t,
    { ...ARP, arp_spa: "192.168.0.1" },
    [arp()],
    [
      arp({ arp: { srcIp: "192.168.0.9" } }),
      arp({ arp: { srcIp: "192.168.0.2", dstIp: "192.168.0.1" } }),
    ],
  );
});

switchTest("arp_spa subnet mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...ARP, arp_spa: ["192.168.0.0", "255.255.255.0"] },
    [arp(), arp({ arp: { srcIp: "192.168.0.200" } })],
    [arp({ arp: { srcIp: "192.168.1.1" } })],
  );
});

switchTest("arp_spa arbitrary mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...ARP, arp_spa: ["0.168.0.1", "0.255.0.255"] },
    [arp({ arp: { srcIp: "10.168.77.1" } })],
    [arp({ arp: { srcIp: "10.169.77.1" } })],
  );
});

switchTest("arp_tpa exact", opts, async (t) => {
  await expectMatch(
    t,
    { ...ARP, arp_tpa: "192.168.0.2" },
    [arp()],
    [arp({ arp: { dstIp: "192.168.0.3" } })],
  );
});

switchTest("arp_tpa subnet mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...ARP, arp_tpa: ["192.168.0.0", "255.255.0.0"] },
    [arp(), arp({ arp: { dstIp: "192.168.44.4" } })],
    [arp({ arp: { dstIp: "192.169.0.2" } })],
  );
});

switchTest("arp_tpa arbitrary mask", opts, async (t) => {
  await expectMatch(
    t,
    { ...ARP, arp_tpa: ["0.0.0.2", "0.0.0.255"] },
    [arp(), arp({ arp: { dstIp: "8.8.8.2" } })],
    [arp({ arp: { dstIp: "192.168.0.3" } })],
  );
});

switchTest("arp_sha exact", opts, async (t) => {
  await expectMatch(
    t,
    { ...ARP, arp_sha: "00:06:07:08:09:0a" },
    [arp()],
    [arp({ arp: { srcMac: "00:06:07:08:09:0b" } })],
  );
});

switchTest("arp_sha masked", opts, async (t) => {
  await expectMatch(
    t,
    { ...ARP, arp_sha: ["00:06:07:00:00:00", "ff:ff:ff:00:00:00"] },
    [arp(), arp({ arp: { srcMac: "00:06:07:aa:bb:cc" } })],
    [arp({ arp: { srcMac: "00:06:08:08:09:0a" } })],
  );
});

switchTest("arp_tha exact", opts, async (t) => {
  await expectMatch(
    t,
    { ...ARP, arp_tha: "00:0a:0b:0c:0d:0e" },
    [arp({ arp: { opcode: 2, dstMac: "00:0a:0b:0c:0d:0e" } })],
    [arp({ arp: { opcode: 2, dstMac: "00:0a:0b:0c:0d:0f" } }), arp()],
  );
});

switchTest("arp_tha masked", opts, async (t) => {
  await expectMatch(
    t,
    { ...ARP, arp_tha: ["00:00:00:00:00:0e", "00:00:00:00:00:ff"] },
    [arp({ arp: { dstMac: "00:0a:0b:0c:0d:0e" } }), arp({ arp: { dstMac: "11:22:33:44:55:0e" } })],
    [arp({ arp: { dstMac: "00:0a:0b:0c:0d:0f" } })],
  );
});

switchTest("ipv6_nd_target of a neighbor solicitation", opts, async (t) => {
  await expectMatch(
    t,
    { ...NS, ipv6_nd_target: "2001:db8::2" },
    [neighborSolicitation("2001:db8::2")],
    [neighborSolicitation("2001:db8::3"), neighborAdvertisement("2001:db8::2")],
  );
});

switchTest("ipv6_nd_target of a neighbor advertisement", opts, async (t) => {
  await expectMatch(
    t,
    { ...NA, ipv6_nd_target: "2001:db8::7" },
    [neighborAdvertisement("2001:db8::7")],
    [neighborAdvertisement("2001:db8::8")],
  );
});

switchTest("ipv6_nd_sll", opts, async (t) => {
  await expectMatch(
    t,
    { ...NS, ipv6_nd_sll: "00:06:07:08:09:0a" },
    [neighborSolicitation()],
    [neighborSolicitation("2001:db8::2", "00:06:07:08:09:0b")],
  );
});

switchTest("ipv6_nd_tll", opts, async (t) => {
  await expectMatch(
    t,
    { ...NA, ipv6_nd_tll: "00:0a:0b:0c:0d:0e" },
    [neighborAdvertisement()],
    [neighborAdvertisement("2001:db8::2", "00:0a:0b:0c:0d:0f")],
  );
});
