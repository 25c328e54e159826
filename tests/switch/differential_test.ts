// The same scenario against Open vSwitch and against the reference switch, driven by the same
// OpenFlow messages through our Controller: the same frames must come out of the same ports.
import assert from "node:assert/strict";
import { of13, type OfpMessage } from "../../src/ofp/mod.ts";
import { build } from "../../src/packet/mod.ts";
import { DataPlane } from "../../src/testing/mod.ts";
import { peerTest } from "../_util/peers.ts";
import { rig as ovsRig } from "../integration/_ovs_setup.ts";
import { arp, tcp4 } from "./_frames.ts";
import { rig } from "./_rig.ts";

const { applyActions, output, setField, bucket } = of13;

const SCENARIO: OfpMessage[] = [
  of13.groupMod({
    groupId: 1,
    groupType: of13.OFPGT.ALL,
    buckets: [
      bucket({ actions: [setField("eth_src", "02:00:00:00:00:77"), output(1)] }),
      bucket({ actions: [output(2)] }),
    ],
  }),
  of13.flowMod({
    priority: 100,
    match: of13.match({ in_port: 1, eth_type: 0x0800 }),
    instructions: [applyActions([
      setField("ipv4_dst", "10.9.9.9"),
      of13.decNwTtl(),
      of13.pushVlan(0x8100),
      setField("vlan_vid", of13.OFPVID_PRESENT | 10),
      output(2),
    ])],
  }),
  of13.flowMod({
    priority: 100,
    match: of13.match({ in_port: 1, eth_type: 0x0806 }),
    instructions: [applyActions([output(3)])],
  }),
  of13.flowMod({
    priority: 100,
    match: of13.match({ in_port: 2, vlan_vid: of13.OFPVID_PRESENT | 20 }),
    instructions: [applyActions([of13.popVlan(), output(1)])],
  }),
  of13.flowMod({
    priority: 100,
    match: of13.match({ in_port: 3 }),
    instructions: [applyActions([of13.group(1)])],
  }),
];

const INPUTS: [number, Uint8Array][] = [
  [1, tcp4({ ttl: 30 })],
  [1, arp()],
  [
    2,
    build([
      { type: "ethernet", src: "00:00:00:00:00:05", dst: "00:00:00:00:00:06" },
      { type: "vlan", vid: 20, pcp: 2 },
      { type: "ipv4", src: "10.1.0.1", dst: "10.1.0.2" },
      { type: "udp" },
      { type: "raw", data: new Uint8Array(30).fill(3) },
    ]),
  ],
  [3, tcp4({ sport: 999 })],
  [2, tcp4()], // no flow: dropped by both (OpenFlow 1.3 table miss)
];

const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
type Out = string[];

peerTest(
  "differential: Open vSwitch and the reference switch send the same frames out of the same ports",
  ["ovs"],
  async () => {
    const fromOvs: Out[] = [];
    {
      await using r = await ovsRig({ protocols: ["OpenFlow13"], ports: 3 });
      await using dp = await DataPlane.open(r.ovs.bridge());
      for (const m of SCENARIO) r.conn.send(m);
      await r.conn.barrier();
      await r.ovs.purgeDatapathFlows();
      for (const [port, frame] of INPUTS) {
        await dp.send(port, frame);
        const out: Out = [];
        for (;;) {
          const got = await dp.poll(undefined, { timeout: 300 });
          if (!got) break;
          out.push(`${got.port}:${hex(got.frame)}`);
        }
        fromOvs.push(out.sort());
      }
    }
    const fromOurs: Out[] = [];
    {
      await using r = await rig({ ports: 3 }, { versions: [4] });
      await r.apply(...SCENARIO);
      for (const [port, frame] of INPUTS) {
        await r.link.send(port, frame);
        const out: Out = [];
        for (const p of r.frames.ports()) {
          for (const f of r.frames.take(p)) out.push(`${p}:${hex(f)}`);
        }
        fromOurs.push(out.sort());
      }
    }
    assert.deepEqual(fromOurs.map((o) => o.length), [1, 1, 1, 2, 0], "frames per input (ours)");
    assert.deepEqual(fromOurs, fromOvs);
  },
);
