// OpenFlow 1.3 push and pop of VLAN, MPLS and PBB tags (1.3.5 §5.12, §5.12.1 default field
// values of a pushed tag, §7.2.5): the frame that leaves carries exactly the tags expected.
import assert from "node:assert/strict";
import { of13 } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { build, mplsUdp4, PAYLOAD, tcp4, udp4 } from "../_frames.ts";
import { expectRewrite, flow, installOrRefused, to } from "./_util.ts";

const group = "push-pop";
const opts = { version: 4, group, ports: 2 } as const;
const VID = of13.OFPVID_PRESENT;
const IP4 = { eth_type: 0x0800 };
const vlan = (vid: number, pcp = 0) => ({ type: "vlan" as const, vid, pcp });

switchTest("push_vlan on an untagged frame: VID 0, PCP 0 (§5.12.1)", opts, async (t) => {
  await expectRewrite(t, tcp4(), { vlan_vid: 0 }, [of13.pushVlan()], tcp4({ vlans: [vlan(0)] }));
});

switchTest("push_vlan, then set vlan_vid and vlan_pcp", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4(),
    {},
    [of13.pushVlan(), of13.setField("vlan_vid", VID | 123), of13.setField("vlan_pcp", 6)],
    tcp4({ vlans: [vlan(123, 6)] }),
  );
});

switchTest("push_vlan 0x88a8 makes an 802.1ad service tag", opts, async (t) => {
  await expectRewrite(
    t,
    udp4(),
    {},
    [of13.pushVlan(0x88a8), of13.setField("vlan_vid", VID | 77)],
    udp4({ vlans: [{ type: "svlan", vid: 77 }] }),
  );
});

switchTest(
  "push_vlan on a tagged frame copies VID and PCP to the new outer tag",
  {
    ...opts,
    xfail: {
      ovs:
        "Open vSwitch gives the pushed outer tag VID 0 and PCP 0; 1.3.5 §5.12.1 sets them from the existing outer tag (VLAN ID <- VLAN ID, priority <- priority)",
    },
  },
  async (t) => {
    await expectRewrite(
      t,
      tcp4({ vlans: [vlan(10, 3)] }),
      {},
      [of13.pushVlan()],
      tcp4({ vlans: [vlan(10, 3), vlan(10, 3)] }),
    );
  },
);

switchTest("pop_vlan removes the tag", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4({ vlans: [vlan(10, 3)] }),
    { vlan_vid: VID | 10 },
    [of13.popVlan()],
    tcp4(),
  );
});

switchTest("pop_vlan removes the outer of two tags", opts, async (t) => {
  await expectRewrite(
    t,
    tcp4({ vlans: [vlan(10), vlan(20)] }),
    { vlan_vid: VID | 10 },
    [of13.popVlan()],
    tcp4({ vlans: [vlan(20)] }),
  );
});

switchTest("push_vlan then pop_vlan leaves the frame as it came", opts, async (t) => {
  await expectRewrite(t, tcp4(), {}, [of13.pushVlan(), of13.popVlan()], tcp4());
});

switchTest(
  "push_mpls on IPv4: label 0, TC 0, TTL from the IP TTL, bottom of stack",
  opts,
  async (t) => {
    await expectRewrite(
      t,
      udp4({ ip: { ttl: 37 } }),
      IP4,
      [of13.pushMpls()],
      udp4({ ip: { ttl: 37 }, mpls: [{ label: 0, tc: 0, ttl: 37 }] }),
    );
  },
);

switchTest("push_mpls, then set mpls_label and mpls_tc", opts, async (t) => {
  await expectRewrite(
    t,
    udp4(),
    IP4,
    [of13.pushMpls(), of13.setField("mpls_label", 0x54321), of13.setField("mpls_tc", 5)],
    udp4({ mpls: [{ label: 0x54321, tc: 5, ttl: 64 }] }),
  );
});

switchTest("push_mpls 0x8848 (multicast MPLS)", opts, async (t) => {
  const out = build([
    { type: "ethernet", dst: "00:01:02:03:04:05", src: "00:06:07:08:09:0a", ethertype: 0x8848 },
    { type: "mpls", label: 9, ttl: 64 },
    { type: "ipv4", src: "192.168.0.1", dst: "192.168.0.2" },
    { type: "udp", srcPort: 1234, dstPort: 53 },
    { type: "raw", data: PAYLOAD },
  ]);
  await expectRewrite(
    t,
    udp4(),
    IP4,
    [of13.pushMpls(0x8848), of13.setField("mpls_label", 9)],
    out,
  );
});

switchTest(
  "push_mpls on an MPLS frame copies label, TC and TTL to the new entry",
  opts,
  async (t) => {
    await expectRewrite(
      t,
      mplsUdp4([{ label: 100, tc: 1, ttl: 20 }]),
      { eth_type: 0x8847 },
      [of13.pushMpls()],
      mplsUdp4([{ label: 100, tc: 1, ttl: 20 }, { label: 100, tc: 1, ttl: 20 }]),
    );
  },
);

switchTest("pop_mpls of the bottom label restores IPv4", opts, async (t) => {
  await expectRewrite(
    t,
    mplsUdp4([{ label: 100, ttl: 9 }]),
    { eth_type: 0x8847 },
    [of13.popMpls(0x0800)],
    udp4(),
  );
});

switchTest("pop_mpls of the outer of two labels keeps MPLS", opts, async (t) => {
  await expectRewrite(
    t,
    mplsUdp4([{ label: 100, ttl: 9 }, { label: 200, ttl: 8 }]),
    { eth_type: 0x8847 },
    [of13.popMpls(0x8847)],
    mplsUdp4([{ label: 200, ttl: 8 }]),
  );
});

switchTest(
  "push_vlan with a non-VLAN ethertype: OFPBAC_BAD_ARGUMENT",
  { version: 4, group },
  async (t) => {
    await t.verifyError(
      flow({}, [of13.pushVlan(0x0800), ...to(t.ports[0])]),
      { type: of13.OFPET.BAD_ACTION, code: of13.OFPBAC.BAD_ARGUMENT },
    );
  },
);

switchTest(
  "push_mpls with a non-MPLS ethertype: OFPBAC_BAD_ARGUMENT",
  { version: 4, group },
  async (t) => {
    await t.verifyError(
      flow(IP4, [of13.pushMpls(0x0800), ...to(t.ports[0])]),
      { type: of13.OFPET.BAD_ACTION, code: of13.OFPBAC.BAD_ARGUMENT },
    );
  },
);

// 1.3.5 §6.4: a switch "may optionally reject" an action inconsistent with the match; only a
// set-field whose prerequisites the match lacks must be rejected.
switchTest(
  "pop_vlan under a match for untagged frames (optional: refused with OFPBAC_MATCH_INCONSISTENT)",
  { version: 4, group },
  async (t) => {
    const mod = flow({ vlan_vid: of13.OFPVID_NONE }, [of13.popVlan(), ...to(t.ports[0])]);
    if (await installOrRefused(t, mod, of13.OFPET.BAD_ACTION, of13.OFPBAC.MATCH_INCONSISTENT)) {
      assert.equal((await t.flowStats()).length, 1, "accepted: the flow is in the table");
    }
  },
);

switchTest(
  "push_pbb and pop_pbb (optional: done, or refused with OFPBAC_BAD_TYPE)",
  opts,
  async (t) => {
    const [a, b] = t.ports;
    const mod = flow({ in_port: a }, [
      of13.pushPbb(),
      of13.setField("pbb_isid", 0x123456),
      of13.output(b),
    ]);
    if (!await installOrRefused(t, mod, of13.OFPET.BAD_ACTION, of13.OFPBAC.BAD_TYPE)) return;
    const inner = tcp4();
    await t.send(a, inner);
    await t.verifyPackets(
      build([
        { type: "ethernet", dst: "00:01:02:03:04:05", src: "00:06:07:08:09:0a" },
        { type: "itag", isid: 0x123456 },
        { type: "raw", data: inner },
      ]),
      [b],
    );
  },
);
