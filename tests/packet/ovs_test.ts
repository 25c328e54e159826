// Frames built with the library against a real Open vSwitch (dummy datapath): a flow that
// rewrites ipv4_src and tcp_dst (set-field, OpenFlow 1.3) outputs exactly the frame the
// library builds with those fields, checksums included; and the match a frame would hit
// (of10MatchFromFrame, of13MatchFromFrame) is hit by that frame and not by a neighbour.
import assert from "node:assert/strict";
import { of10, of13 } from "../../src/ofp/mod.ts";
import {
  build,
  diff,
  formatMismatch,
  of10MatchFromFrame,
  of13MatchFromFrame,
  parse,
  simpleTcpPacket,
  simpleUdpPacket,
  simpleUdpv6Packet,
} from "../../src/packet/mod.ts";
import { DataPlane } from "../../src/testing/mod.ts";
import { rig } from "../integration/_ovs_setup.ts";
import { peerTest } from "../_util/peers.ts";

peerTest(
  "Open vSwitch: set-field ipv4_src and tcp_dst gives the frame the library builds, byte for byte",
  ["ovs"],
  async () => {
    await using r = await rig({ protocols: ["OpenFlow13"], ports: 2 });
    await using dp = await DataPlane.open(r.ovs.bridge());
    r.conn.send(of13.flowMod({
      priority: 100,
      match: of13.match({ in_port: 1, eth_type: 0x0800, ip_proto: 6 }),
      instructions: [of13.applyActions([
        of13.setField("ipv4_src", "10.9.9.9"),
        of13.setField("tcp_dst", 8080),
        of13.output(2),
      ])],
    }));
    await r.conn.barrier();
    await r.ovs.purgeDatapathFlows();
    const sent = simpleTcpPacket({ ipSrc: "192.168.0.1", tcpDport: 80 });
    const expected = simpleTcpPacket({ ipSrc: "10.9.9.9", tcpDport: 8080 });
    await dp.send(1, sent);
    const out = await dp.poll(2, { timeout: 3000 });
    assert.ok(out, "the rewritten frame came out of port 2");
    assert.deepEqual(diff(expected, out.frame), [], formatMismatch(expected, out.frame));
    assert.deepEqual(out.frame, expected);
    // The check this replaces: a TCP checksum left at 0 (the old helper) can never match.
    const stale = build(parse(expected).map((l) => l.type === "tcp" ? { ...l, checksum: 0 } : l));
    assert.deepEqual(diff(stale, out.frame).map((e) => e.path), ["tcp.checksum"]);
    await dp.verifyNoOtherPackets(100);
  },
);

/** A frame and one that differs in a single field of its match. */
const CASES: { name: string; frame: Uint8Array; neighbour: Uint8Array }[] = [
  {
    name: "TCP",
    frame: simpleTcpPacket({ tcpDport: 22 }),
    neighbour: simpleTcpPacket({ tcpDport: 23 }),
  },
  {
    name: "tagged UDP",
    frame: simpleUdpPacket({ dlVlanEnable: true, vlanVid: 10, vlanPcp: 3 }),
    neighbour: simpleUdpPacket({ dlVlanEnable: true, vlanVid: 10, vlanPcp: 4 }),
  },
];

for (const version of [1, 4] as const) {
  peerTest(
    `Open vSwitch OpenFlow ${
      version === 1 ? "1.0" : "1.3"
    }: the match from a frame is hit by it, not by a neighbour`,
    ["ovs"],
    async () => {
      const cases = version === 4
        ? [...CASES, {
          name: "UDP over IPv6",
          frame: simpleUdpv6Packet({ ipv6Fl: 7 }),
          neighbour: simpleUdpv6Packet({ ipv6Fl: 8 }),
        }]
        : CASES;
      await using r = await rig({
        protocols: [version === 1 ? "OpenFlow10" : "OpenFlow13"],
        ports: 2,
      });
      await using dp = await DataPlane.open(r.ovs.bridge());
      for (const c of cases) {
        r.conn.send(
          version === 4
            ? of13.flowMod({
              priority: 100,
              match: of13MatchFromFrame(c.frame, 1),
              instructions: [of13.applyActions([of13.output(2)])],
            })
            : of10.flowMod({
              priority: 100,
              match: of10MatchFromFrame(c.frame, 1),
              actions: [of10.output(2)],
            }),
        );
        // Everything else goes nowhere (in OpenFlow 1.0 a miss would go to the controller).
        if (version === 1) r.conn.send(of10.flowMod({ priority: 1, actions: [] }));
        await r.conn.barrier();
        await r.ovs.purgeDatapathFlows();
        await dp.send(1, c.frame);
        await dp.verifyPacket(2, c.frame, 3000);
        await dp.send(1, c.neighbour);
        assert.equal(
          await dp.poll(2, { timeout: 300 }),
          undefined,
          `${c.name}: the neighbour missed`,
        );
        r.conn.send(version === 4 ? of13.flowDeleteAll() : of10.flowDeleteAll());
        await r.conn.barrier();
        await r.ovs.purgeDatapathFlows();
      }
    },
  );
}
