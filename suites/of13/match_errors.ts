// OpenFlow 1.3 match errors (1.3.5 §7.2.3.6 prerequisites, §7.4.4 OFPET_BAD_MATCH): a field
// whose prerequisite is missing or contradicted, a duplicated field, a value out of range, an
// unknown field or a TLV of the wrong length is refused with its error code, and no flow is
// added.
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import type { MatchSpec, Of13Match } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { flowCount, type T13, to } from "./_util.ts";

const group = "match-errors";
const opts = { version: 4, group } as const;
const { BAD_MATCH } = of13.OFPET;

async function refused(t: T13, match: Of13Match | MatchSpec, code: number): Promise<void> {
  const m = Array.isArray(match) ? match : of13.match(match);
  await t.verifyError(
    of13.flowMod({ match: m, instructions: [of13.applyActions(to(t.ports[0]))] }),
    { type: BAD_MATCH, code },
  );
  assert.equal(await flowCount(t), 0, "the refused flow must not be in the table");
}

const prereqs: [string, MatchSpec][] = [
  ["ipv4_src without eth_type", { ipv4_src: "10.0.0.1" }],
  ["ipv4_dst with eth_type IPv6", { eth_type: 0x86dd, ipv4_dst: "10.0.0.1" }],
  ["ipv6_src with eth_type IPv4", { eth_type: 0x0800, ipv6_src: "2001:db8::1" }],
  ["ip_proto without eth_type", { ip_proto: 6 }],
  ["ip_dscp with eth_type ARP", { eth_type: 0x0806, ip_dscp: 1 }],
  ["tcp_dst without ip_proto", { eth_type: 0x0800, tcp_dst: 80 }],
  ["tcp_src with ip_proto UDP", { eth_type: 0x0800, ip_proto: 17, tcp_src: 80 }],
  ["udp_dst with ip_proto TCP", { eth_type: 0x0800, ip_proto: 6, udp_dst: 53 }],
  ["sctp_src with ip_proto UDP", { eth_type: 0x0800, ip_proto: 17, sctp_src: 1 }],
  ["icmpv4_type with ip_proto TCP", { eth_type: 0x0800, ip_proto: 6, icmpv4_type: 8 }],
  // Table 12: icmpv6_type needs ip_proto 58; ip_proto needs an IP eth_type (either).
  ["icmpv6_type with ip_proto ICMP", { eth_type: 0x86dd, ip_proto: 1, icmpv6_type: 128 }],
  ["arp_op with eth_type IPv4", { eth_type: 0x0800, arp_op: 1 }],
  [
    "ipv6_nd_target without an ND icmpv6_type",
    { eth_type: 0x86dd, ip_proto: 58, icmpv6_type: 128, ipv6_nd_target: "2001:db8::1" },
  ],
  [
    "ipv6_nd_sll in a neighbor advertisement",
    { eth_type: 0x86dd, ip_proto: 58, icmpv6_type: 136, ipv6_nd_sll: "00:01:02:03:04:05" },
  ],
  ["vlan_pcp without vlan_vid", { vlan_pcp: 3 }],
  ["vlan_pcp with vlan_vid NONE", { vlan_vid: of13.OFPVID_NONE, vlan_pcp: 3 }],
  ["mpls_label with eth_type IPv4", { eth_type: 0x0800, mpls_label: 5 }],
];

for (const [name, match] of prereqs) {
  switchTest(`${name}: OFPBMC_BAD_PREREQ`, opts, async (t) => {
    await refused(t, match, of13.OFPBMC.BAD_PREREQ);
  });
}

switchTest("a field twice: OFPBMC_DUP_FIELD", opts, async (t) => {
  await refused(t, [
    of13.oxm("in_port", t.ports[0]),
    of13.oxm("eth_type", 0x0800),
    of13.oxm("in_port", t.ports[0]),
  ], of13.OFPBMC.DUP_FIELD);
});

switchTest("vlan_pcp 8 (3-bit field): OFPBMC_BAD_VALUE", opts, async (t) => {
  await refused(t, { vlan_vid: of13.OFPVID_PRESENT | 1, vlan_pcp: 8 }, of13.OFPBMC.BAD_VALUE);
});

switchTest("ip_dscp 64 (6-bit field): OFPBMC_BAD_VALUE", opts, async (t) => {
  await refused(t, { eth_type: 0x0800, ip_dscp: 64 }, of13.OFPBMC.BAD_VALUE);
});

switchTest("an unknown OpenFlow-basic field: OFPBMC_BAD_FIELD", opts, async (t) => {
  await refused(t, [{
    field: "UNKNOWN",
    oxmClass: of13.OFPXMC.OPENFLOW_BASIC,
    oxmField: 100,
    hasMask: false,
    value: new Uint8Array(4),
  }], of13.OFPBMC.BAD_FIELD);
});

switchTest("in_port with a 2-byte value: OFPBMC_BAD_LEN", {
  ...opts,
  xfail: {
    ovs:
      "Open vSwitch looks OXM fields up by their whole header, length included, and answers OFPBMC_BAD_FIELD; 1.3.5 §7.4.4 defines OFPBMC_BAD_LEN for a length problem in the match",
  },
}, async (t) => {
  await refused(t, [{
    field: "UNKNOWN",
    oxmClass: of13.OFPXMC.OPENFLOW_BASIC,
    oxmField: of13.OFPXMT.IN_PORT,
    hasMask: false,
    value: new Uint8Array([0, 1]),
  }], of13.OFPBMC.BAD_LEN);
});

switchTest(
  "a masked value with bits set outside its mask: OFPBMC_BAD_WILDCARDS",
  opts,
  async (t) => {
    await refused(
      t,
      [of13.oxm("eth_type", 0x0800), of13.oxm("ipv4_src", "10.0.0.1", "255.255.255.0")],
      of13.OFPBMC.BAD_WILDCARDS,
    );
  },
);

// Fields 1.3.5 Table 12 does not let be masked: a mask on one is refused with BAD_MASK.
const OVS_L4_MASKS = {
  ovs:
    "Open vSwitch accepts masks on transport ports (an extension of its own); 1.3.5 §7.2.3.7 Table 12 lists TCP, UDP and SCTP ports as not maskable, and OFPBMC_BAD_MASK is the error for an unsupported mask",
};
const unmaskable: [string, Of13Match, typeof OVS_L4_MASKS | undefined][] = [
  ["in_port", [of13.oxm("in_port", 1, 0xff)], undefined],
  ["eth_type", [of13.oxm("eth_type", 0x0800, 0xff00)], undefined],
  ["ip_proto", [of13.oxm("eth_type", 0x0800), of13.oxm("ip_proto", 6, 0x0f)], undefined],
  ["ip_dscp", [of13.oxm("eth_type", 0x0800), of13.oxm("ip_dscp", 8, 0x38)], undefined],
  ["arp_op", [of13.oxm("eth_type", 0x0806), of13.oxm("arp_op", 1, 0xff)], undefined],
  [
    "tcp_dst",
    [of13.oxm("eth_type", 0x0800), of13.oxm("ip_proto", 6), of13.oxm("tcp_dst", 80, 0xfff0)],
    OVS_L4_MASKS,
  ],
  [
    "udp_src",
    [of13.oxm("eth_type", 0x0800), of13.oxm("ip_proto", 17), of13.oxm("udp_src", 0x3500, 0xff00)],
    OVS_L4_MASKS,
  ],
  [
    "sctp_dst",
    [of13.oxm("eth_type", 0x0800), of13.oxm("ip_proto", 132), of13.oxm("sctp_dst", 9, 0x00ff)],
    OVS_L4_MASKS,
  ],
  [
    "icmpv4_type",
    [of13.oxm("eth_type", 0x0800), of13.oxm("ip_proto", 1), of13.oxm("icmpv4_type", 8, 0x0f)],
    undefined,
  ],
  [
    "mpls_label",
    [of13.oxm("eth_type", 0x8847), of13.oxm("mpls_label", 16, 0xff)],
    undefined,
  ],
];

for (const [field, match, xfail] of unmaskable) {
  switchTest(
    `a mask on ${field}, which is not maskable: OFPBMC_BAD_MASK`,
    { ...opts, xfail },
    async (t) => {
      await refused(t, match, of13.OFPBMC.BAD_MASK);
    },
  );
}
