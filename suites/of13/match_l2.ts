// OpenFlow 1.3 matching on ports, metadata, Ethernet, VLAN, MPLS, PBB and tunnel fields
// (spec 1.3.5 §7.2.3.7), each exact and, where the spec allows, masked: a matching frame
// leaves by the flow's port, a frame that differs in the field by the catch-all's.
import { of13 } from "../../src/ofp/mod.ts";
import { switchTest } from "../../src/testing/mod.ts";
import { arp, build, ethFrame, mplsUdp4, PAYLOAD, tcp4, tcp6 } from "../_frames.ts";
import { expectMatch, flow, installOrRefused, to } from "./_util.ts";

const group = "match";
const opts = { version: 4, group, ports: 3 } as const;
const VID = of13.OFPVID_PRESENT;

switchTest("in_port selects the ingress port", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(flow({ in_port: a }, to(c)), flow({ in_port: b }, to(a)));
  const f = tcp4();
  await t.send(a, f);
  await t.verifyPackets(f, [c]);
  await t.send(b, f);
  await t.verifyPackets(f, [a]);
  await t.send(c, f);
  await t.verifyPackets(f, []);
});

switchTest("in_phy_port (optional: matched, or refused with OFPBMC_BAD_FIELD)", opts, async (t) => {
  const [a, b, c] = t.ports;
  // A dummy port is a physical port: in_phy_port equals in_port (1.3.5 §7.2.3.8).
  const mod = flow({ in_port: a, in_phy_port: a }, to(b), { priority: 10 });
  if (!await installOrRefused(t, mod, of13.OFPET.BAD_MATCH, of13.OFPBMC.BAD_FIELD)) return;
  await t.install(flow({ in_port: a, in_phy_port: b }, to(c), { priority: 20 }));
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
});

switchTest("metadata written in table 0 is matched in table 1", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    of13.flowMod({
      match: of13.match({ in_port: a, eth_type: 0x0800 }),
      instructions: [of13.writeMetadata(0x1234_5678_9abc_def0n), of13.gotoTable(1)],
      priority: 10,
    }),
    of13.flowMod({
      match: of13.match({ in_port: a }),
      instructions: [of13.writeMetadata(0x1n), of13.gotoTable(1)],
      priority: 1,
    }),
    flow({ metadata: 0x1234_5678_9abc_def0n }, to(b), { tableId: 1, priority: 10 }),
    flow({}, to(c), { tableId: 1, priority: 1 }),
  );
  const hit = tcp4();
  await t.send(a, hit);
  await t.verifyPackets(hit, [b]);
  const miss = tcp6();
  await t.send(a, miss);
  await t.verifyPackets(miss, [c]);
});

switchTest("metadata with a mask compares only the masked bits", opts, async (t) => {
  const [a, b, c] = t.ports;
  const write = (md: bigint, ethType: number) =>
    of13.flowMod({
      match: of13.match({ in_port: a, eth_type: ethType }),
      instructions: [of13.writeMetadata(md), of13.gotoTable(1)],
    });
  await t.install(
    write(0xff00_0000_0000_00aan, 0x0800),
    write(0x0000_0000_0000_00abn, 0x86dd),
    flow({ metadata: [0xaan, 0xffn] }, to(b), { tableId: 1, priority: 10 }),
    flow({}, to(c), { tableId: 1, priority: 1 }),
  );
  const hit = tcp4();
  await t.send(a, hit);
  await t.verifyPackets(hit, [b]);
  const miss = tcp6();
  await t.send(a, miss);
  await t.verifyPackets(miss, [c]);
});

switchTest("eth_dst exact", opts, async (t) => {
  await expectMatch(
    t,
    { eth_dst: "00:01:02:03:04:05" },
    [tcp4()],
    [tcp4({ eth: { dst: "00:01:02:03:04:06" } }), tcp4({ eth: { dst: "01:01:02:03:04:05" } })],
  );
});

switchTest("eth_dst masked", opts, async (t) => {
  await expectMatch(
    t,
    { eth_dst: ["00:01:02:00:00:00", "ff:ff:ff:00:00:00"] },
    [tcp4(), tcp4({ eth: { dst: "00:01:02:ff:ee:dd" } })],
    [tcp4({ eth: { dst: "00:01:03:03:04:05" } })],
  );
});

switchTest("eth_dst broadcast", opts, async (t) => {
  await expectMatch(
    t,
    { eth_dst: "ff:ff:ff:ff:ff:ff" },
    [tcp4({ eth: { dst: "ff:ff:ff:ff:ff:ff" } })],
    [tcp4(), tcp4({ eth: { dst: "ff:ff:ff:ff:ff:fe" } })],
  );
});

switchTest("eth_dst group bit (multicast) under a mask", opts, async (t) => {
  await expectMatch(
    t,
    { eth_dst: ["01:00:00:00:00:00", "01:00:00:00:00:00"] },
    [tcp4({ eth: { dst: "01:00:5e:00:00:01" } }), tcp4({ eth: { dst: "33:33:00:00:00:01" } })],
    [tcp4(), tcp4({ eth: { dst: "02:00:5e:00:00:01" } })],
  );
});

switchTest("eth_src exact", opts, async (t) => {
  await expectMatch(
    t,
    { eth_src: "00:06:07:08:09:0a" },
    [tcp4()],
    [tcp4({ eth: { src: "00:06:07:08:09:0b" } })],
  );
});

switchTest("eth_src masked", opts, async (t) => {
  await expectMatch(
    t,
    { eth_src: ["00:00:00:08:09:0a", "00:00:00:ff:ff:ff"] },
    [tcp4(), tcp4({ eth: { src: "aa:bb:cc:08:09:0a" } })],
    [tcp4({ eth: { src: "00:06:07:08:09:0b" } })],
  );
});

switchTest("eth_type IPv4", opts, async (t) => {
  await expectMatch(t, { eth_type: 0x0800 }, [tcp4()], [tcp6(), arp(), ethFrame(0x88cc)]);
});

switchTest("eth_type IPv6", opts, async (t) => {
  await expectMatch(t, { eth_type: 0x86dd }, [tcp6()], [tcp4(), arp()]);
});

switchTest("eth_type ARP", opts, async (t) => {
  await expectMatch(t, { eth_type: 0x0806 }, [arp()], [tcp4(), tcp6()]);
});

switchTest("eth_type of a protocol the switch does not parse", opts, async (t) => {
  await expectMatch(t, { eth_type: 0x88cc }, [ethFrame(0x88cc)], [ethFrame(0x88cd), tcp4()]);
});

switchTest("eth_type is the type after the VLAN tag", opts, async (t) => {
  await expectMatch(
    t,
    { eth_type: 0x0800 },
    [tcp4({ vlans: [{ type: "vlan", vid: 10 }] })],
    [tcp6({ vlans: [{ type: "vlan", vid: 10 }] })],
  );
});

switchTest("vlan_vid exact", opts, async (t) => {
  await expectMatch(
    t,
    { vlan_vid: VID | 100 },
    [tcp4({ vlans: [{ type: "vlan", vid: 100 }] })],
    [tcp4({ vlans: [{ type: "vlan", vid: 101 }] }), tcp4()],
  );
});

switchTest("vlan_vid masked", opts, async (t) => {
  await expectMatch(
    t,
    { vlan_vid: [VID | 0x100, VID | 0xf00] },
    [
      tcp4({ vlans: [{ type: "vlan", vid: 0x1aa }] }),
      tcp4({ vlans: [{ type: "vlan", vid: 0x100 }] }),
    ],
    [tcp4({ vlans: [{ type: "vlan", vid: 0x2aa }] }), tcp4()],
  );
});

switchTest("vlan_vid OFPVID_PRESENT/OFPVID_PRESENT matches any tag", opts, async (t) => {
  await expectMatch(
    t,
    { vlan_vid: [VID, VID] },
    [tcp4({ vlans: [{ type: "vlan", vid: 1 }] }), tcp4({ vlans: [{ type: "vlan", vid: 4094 }] })],
    [tcp4()],
  );
});

switchTest("vlan_vid OFPVID_NONE matches untagged frames only", opts, async (t) => {
  await expectMatch(
    t,
    { vlan_vid: of13.OFPVID_NONE },
    [tcp4(), arp()],
    [tcp4({ vlans: [{ type: "vlan", vid: 5 }] })],
  );
});

switchTest("vlan_vid matches the outer of two tags", opts, async (t) => {
  await expectMatch(
    t,
    { vlan_vid: VID | 20 },
    [tcp4({ vlans: [{ type: "vlan", vid: 20 }, { type: "vlan", vid: 30 }] })],
    [tcp4({ vlans: [{ type: "vlan", vid: 30 }, { type: "vlan", vid: 20 }] })],
  );
});

switchTest("vlan_pcp with a VLAN id", opts, async (t) => {
  await expectMatch(
    t,
    { vlan_vid: VID | 7, vlan_pcp: 5 },
    [tcp4({ vlans: [{ type: "vlan", vid: 7, pcp: 5 }] })],
    [
      tcp4({ vlans: [{ type: "vlan", vid: 7, pcp: 4 }] }),
      tcp4({ vlans: [{ type: "vlan", vid: 8, pcp: 5 }] }),
    ],
  );
});

switchTest("vlan_pcp of any tagged frame", opts, async (t) => {
  await expectMatch(
    t,
    { vlan_vid: [VID, VID], vlan_pcp: 3 },
    [
      tcp4({ vlans: [{ type: "vlan", vid: 7, pcp: 3 }] }),
      tcp4({ vlans: [{ type: "vlan", vid: 900, pcp: 3 }] }),
    ],
    [tcp4({ vlans: [{ type: "vlan", vid: 7, pcp: 2 }] }), tcp4()],
  );
});

switchTest("mpls_label", opts, async (t) => {
  await expectMatch(
    t,
    { eth_type: 0x8847, mpls_label: 0x12345 },
    [mplsUdp4([{ label: 0x12345, ttl: 32 }])],
    [mplsUdp4([{ label: 0x12346, ttl: 32 }]), tcp4()],
  );
});

switchTest("mpls_label is the outermost label", opts, async (t) => {
  await expectMatch(
    t,
    { eth_type: 0x8847, mpls_label: 100 },
    [mplsUdp4([{ label: 100 }, { label: 200 }])],
    [mplsUdp4([{ label: 200 }, { label: 100 }])],
  );
});

switchTest("mpls_tc", opts, async (t) => {
  await expectMatch(
    t,
    { eth_type: 0x8847, mpls_tc: 5 },
    [mplsUdp4([{ label: 1, tc: 5 }])],
    [mplsUdp4([{ label: 1, tc: 4 }])],
  );
});

switchTest("mpls_bos", opts, async (t) => {
  await expectMatch(
    t,
    { eth_type: 0x8847, mpls_bos: 1 },
    [mplsUdp4([{ label: 1 }])],
    [mplsUdp4([{ label: 1 }, { label: 2 }])],
  );
});

switchTest("mpls_label on multicast MPLS (0x8848)", opts, async (t) => {
  const mcast = (label: number) =>
    build([
      { type: "ethernet", dst: "01:00:5e:00:00:01", src: "00:06:07:08:09:0a", ethertype: 0x8848 },
      { type: "mpls", label },
      { type: "ipv4", src: "192.168.0.1", dst: "224.0.0.1" },
      { type: "udp", srcPort: 1, dstPort: 2 },
      { type: "raw", data: PAYLOAD },
    ]);
  await expectMatch(t, { eth_type: 0x8848, mpls_label: 77 }, [mcast(77)], [mcast(78)]);
});

switchTest(
  "pbb_isid (optional field: supported, or refused with OFPBMC_BAD_FIELD)",
  opts,
  async (t) => {
    const [a, b, c] = t.ports;
    const pbb = (isid: number) =>
      build([
        { type: "ethernet", dst: "00:01:02:03:04:05", src: "00:06:07:08:09:0a" },
        { type: "itag", isid },
        { type: "ethernet", dst: "00:0b:0b:0b:0b:0b", src: "00:0c:0c:0c:0c:0c" },
        { type: "ipv4", src: "10.0.0.1", dst: "10.0.0.2" },
        { type: "udp" },
        { type: "raw", data: PAYLOAD },
      ]);
    const mod = flow({ in_port: a, eth_type: 0x88e7, pbb_isid: 0xabcdef }, to(b), { priority: 10 });
    if (!await installOrRefused(t, mod, of13.OFPET.BAD_MATCH, of13.OFPBMC.BAD_FIELD)) return;
    await t.install(flow({ in_port: a }, to(c), { priority: 1 }));
    await t.send(a, pbb(0xabcdef));
    await t.verifyPackets(pbb(0xabcdef), [b]);
    await t.send(a, pbb(0xabcdee));
    await t.verifyPackets(pbb(0xabcdee), [c]);
  },
);

switchTest("tunnel_id of frames from a plain port is 0", opts, async (t) => {
  await expectMatch(t, { tunnel_id: 0n }, [tcp4()], []);
  const [a, b, c] = t.ports;
  await t.install(flow({ in_port: a, tunnel_id: 5n }, to(c), { priority: 200 }));
  const f = tcp6();
  await t.send(a, f);
  await t.verifyPackets(f, [b]);
});

switchTest("tunnel_id set by set-field is matched in the next table", opts, async (t) => {
  const [a, b, c] = t.ports;
  await t.install(
    of13.flowMod({
      match: of13.match({ in_port: a, eth_type: 0x0800 }),
      instructions: [
        of13.applyActions([of13.setField("tunnel_id", 0xfeedn)]),
        of13.gotoTable(1),
      ],
      priority: 10,
    }),
    of13.flowMod({
      match: of13.match({ in_port: a }),
      instructions: [of13.gotoTable(1)],
      priority: 1,
    }),
    flow({ tunnel_id: 0xfeedn }, to(b), { tableId: 1, priority: 10 }),
    flow({}, to(c), { tableId: 1, priority: 1 }),
  );
  await t.send(a, tcp4());
  await t.verifyPackets(tcp4(), [b]);
  await t.send(a, tcp6());
  await t.verifyPackets(tcp6(), [c]);
});
