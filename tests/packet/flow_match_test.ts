// The flow match a frame would hit: OpenFlow 1.0 and 1.3, valid for the codec.
import assert from "node:assert/strict";
import { encode, of10, of13 } from "../../src/ofp/mod.ts";
import {
  build,
  of10MatchFromFrame,
  of13MatchFromFrame,
  simpleArpPacket,
  simpleIcmpPacket,
  simpleIcmpv6Packet,
  simpleTcpPacket,
  simpleTcpv6Packet,
  simpleUdpPacket,
} from "../../src/packet/mod.ts";

const OFPFW = of10.OFPFW;

Deno.test({
  name: "of10MatchFromFrame: OFTest's exact OpenFlow 1.0 match",
  permissions: "none",
  fn: () => {
    const tcp = of10MatchFromFrame(simpleTcpPacket({ ipTos: 0xb9, tcpSport: 7, tcpDport: 8 }), 3);
    assert.deepEqual(tcp, {
      wildcards: 0,
      inPort: 3,
      dlSrc: "00:06:07:08:09:0a",
      dlDst: "00:01:02:03:04:05",
      dlVlan: 0xffff,
      dlVlanPcp: 0,
      dlType: 0x0800,
      nwTos: 0xb8,
      nwProto: 6,
      nwSrc: "192.168.0.1",
      nwDst: "192.168.0.2",
      tpSrc: 7,
      tpDst: 8,
    });
    const udp = of10MatchFromFrame(
      simpleUdpPacket({ dlVlanEnable: true, vlanVid: 42, vlanPcp: 5 }),
      1,
    );
    assert.deepEqual([udp.dlVlan, udp.dlVlanPcp, udp.dlType, udp.nwProto, udp.tpDst], [
      42,
      5,
      0x0800,
      17,
      80,
    ]);
    const icmp = of10MatchFromFrame(simpleIcmpPacket({ icmpType: 3, icmpCode: 1 }), 1);
    assert.deepEqual([icmp.nwProto, icmp.tpSrc, icmp.tpDst, icmp.wildcards], [1, 3, 1, 0]);
    const arp = of10MatchFromFrame(simpleArpPacket({ arpOp: 2 }), 1);
    assert.deepEqual([arp.dlType, arp.nwProto, arp.nwSrc, arp.nwDst], [
      0x0806,
      2,
      "192.168.0.1",
      "192.168.0.2",
    ]);
    assert.equal(arp.wildcards, OFPFW.TP_SRC | OFPFW.TP_DST | OFPFW.NW_TOS);
    // IPv6 has no OpenFlow 1.0 fields: Ethernet only.
    const v6 = of10MatchFromFrame(simpleTcpv6Packet(), 1);
    assert.equal(v6.dlType, 0x86dd);
    assert.equal(v6.wildcards & OFPFW.NW_PROTO, OFPFW.NW_PROTO);
    // 802.3 frames have OpenFlow's "not an EtherType" type.
    const llc = of10MatchFromFrame([{ type: "ethernet" }, { type: "llc" }], 1);
    assert.equal(llc.dlType, 0x05ff);
    // A later fragment carries no ports.
    const frag = of10MatchFromFrame([{ type: "ethernet" }, {
      type: "ipv4",
      fragmentOffset: 8,
      protocol: 6,
    }, { type: "raw", data: new Uint8Array(8) }], 1);
    assert.equal(frag.wildcards, OFPFW.TP_SRC | OFPFW.TP_DST);
    // The codec accepts it.
    assert.ok(encode(of10.flowMod({ match: tcp, actions: [of10.output(2)] })).length > 0);
  },
});

Deno.test({
  name: "of13MatchFromFrame: the OXM list with prerequisites",
  permissions: "none",
  fn: () => {
    const fields = (m: { field: string }[]) => m.map((t) => t.field);
    const tcp = of13MatchFromFrame(simpleTcpPacket({ ipTos: 0xb9 }), 2);
    assert.deepEqual(
      tcp,
      of13.match({
        in_port: 2,
        eth_dst: "00:01:02:03:04:05",
        eth_src: "00:06:07:08:09:0a",
        eth_type: 0x0800,
        vlan_vid: of13.OFPVID_NONE,
        ip_proto: 6,
        ip_dscp: 0x2e,
        ip_ecn: 1,
        ipv4_src: "192.168.0.1",
        ipv4_dst: "192.168.0.2",
        tcp_src: 1234,
        tcp_dst: 80,
      }),
    );
    const v6 = of13MatchFromFrame(
      build([
        { type: "ethernet" },
        { type: "vlan", vid: 5, pcp: 2 },
        { type: "ipv6", src: "2001:db8::1", dst: "2001:db8::2", flowLabel: 9 },
        { type: "hopopts" },
        { type: "fragment" },
        { type: "udp", srcPort: 3, dstPort: 4 },
      ]),
      1,
    );
    assert.deepEqual(fields(v6), [
      "in_port",
      "eth_dst",
      "eth_src",
      "eth_type",
      "vlan_vid",
      "vlan_pcp",
      "ip_proto",
      "ip_dscp",
      "ip_ecn",
      "ipv6_src",
      "ipv6_dst",
      "ipv6_flabel",
      "udp_src",
      "udp_dst",
    ]);
    assert.deepEqual(
      v6.find((t) => t.field === "ip_proto"),
      { field: "ip_proto", value: 17 },
      "the upper layer's protocol",
    );
    assert.deepEqual(v6[4], { field: "vlan_vid", value: 0x1005 });
    const ns = of13MatchFromFrame(
      simpleIcmpv6Packet({ icmpType: 135, target: "fe80::1", hasLl: true }),
      1,
    );
    assert.deepEqual(fields(ns).slice(-4), [
      "icmpv6_type",
      "icmpv6_code",
      "ipv6_nd_target",
      "ipv6_nd_sll",
    ]);
    const na = of13MatchFromFrame(simpleIcmpv6Packet({ icmpType: 136, hasLl: true }), 1);
    assert.deepEqual(na.slice(-1), [{ field: "ipv6_nd_tll", value: "66:6f:df:2d:7c:9c" }]);
    const arp = of13MatchFromFrame(simpleArpPacket(), 1);
    assert.deepEqual(fields(arp).slice(5), ["arp_op", "arp_spa", "arp_tpa", "arp_sha", "arp_tha"]);
    const mpls = of13MatchFromFrame(
      build([{ type: "ethernet" }, { type: "mpls", label: 99, tc: 3 }, { type: "mpls" }, {
        type: "ipv4",
      }]),
      1,
    );
    assert.deepEqual(mpls.slice(5), [
      { field: "mpls_label", value: 99 },
      { field: "mpls_tc", value: 3 },
      { field: "mpls_bos", value: 0 },
    ]);
    const pbb = of13MatchFromFrame(
      build([{ type: "ethernet" }, { type: "itag", isid: 0x123456 }, { type: "ethernet" }]),
      1,
    );
    assert.deepEqual(pbb.slice(4), [{ field: "vlan_vid", value: 0 }, {
      field: "pbb_isid",
      value: 0x123456,
    }]);
    const sctp = of13MatchFromFrame(
      build([{ type: "ethernet" }, { type: "ipv4" }, { type: "sctp", srcPort: 5, dstPort: 6 }]),
      1,
    );
    assert.deepEqual(sctp.slice(-2), [{ field: "sctp_src", value: 5 }, {
      field: "sctp_dst",
      value: 6,
    }]);
    const icmp = of13MatchFromFrame(simpleIcmpPacket(), 1);
    assert.deepEqual(icmp.slice(-2), [{ field: "icmpv4_type", value: 8 }, {
      field: "icmpv4_code",
      value: 0,
    }]);
    for (const m of [tcp, v6, ns, na, arp, mpls, pbb, sctp, icmp]) {
      assert.ok(
        encode(of13.flowMod({ match: m, instructions: [] })).length > 0,
        "the codec encodes it",
      );
    }
  },
});

Deno.test({
  name: "flow match from a frame: bad input",
  permissions: "none",
  fn: () => {
    assert.throws(
      () => of13MatchFromFrame(simpleTcpPacket(), -1),
      /Expected inPort as a port number, got -1/,
    );
    assert.throws(
      () => of10MatchFromFrame([{ type: "ipv4" }], 1),
      /Expected a frame starting with an ethernet layer, got ipv4/,
    );
    assert.throws(() => of10MatchFromFrame("frame" as unknown as Uint8Array, 1), TypeError);
  },
});
