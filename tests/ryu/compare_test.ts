// The checks behind "Added incorrect flows|groups|meters" and the throughput counters: equal
// by meaning (order, spelling, masked-off bits, irrelevant fields), unequal on any change
// that alters what the switch does. Pure.
import assert from "node:assert/strict";
import { of10, of13 } from "../../src/ofp/mod.ts";
import type { Of10FlowStats, Of13FlowStats } from "../../src/ofp/mod.ts";
import { sameFlow10, sameFlow13, sameGroup, sameMeter } from "../../src/ryu/_compare.ts";
import { frameFields, frameMatches } from "../../src/ryu/_frame_match.ts";
import { RyuPacket } from "../../src/ryu/mod.ts";
import { parse } from "../../src/packet/mod.ts";

const mod13 = of13.flowMod({
  tableId: 1,
  priority: 100,
  cookie: 7n,
  match: [
    { field: "eth_type", value: 0x86dd },
    { field: "ipv6_src", value: "10:0::0", mask: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:0" },
    { field: "eth_dst", value: "22:22:22:22:22:22", mask: "ff:ff:ff:ff:ff:ff" },
  ],
  instructions: [
    of13.writeActions([of13.output(3), of13.setField("ip_dscp", 10)]),
    of13.applyActions([of13.setField("eth_src", "aa:aa:aa:aa:aa:aa"), of13.output(2, 0xffe5)]),
  ],
});

/** The stats entry a switch would report for `mod13`, reordered and respelled. */
function stats13(change: Partial<Of13FlowStats> = {}): Of13FlowStats {
  return {
    tableId: 1,
    durationSec: 1,
    durationNsec: 0,
    priority: 100,
    idleTimeout: 0,
    hardTimeout: 0,
    flags: 0,
    cookie: 7n,
    packetCount: 0n,
    byteCount: 0n,
    match: [
      { field: "eth_dst", value: "22:22:22:22:22:22" }, // all-ones mask dropped
      { field: "eth_type", value: 0x86dd },
      { field: "ipv6_src", value: "10::", mask: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:0" },
    ],
    instructions: [
      of13.applyActions([of13.setField("eth_src", "AA:AA:AA:AA:AA:AA"), of13.output(2, 0)]),
      of13.writeActions([of13.setField("ip_dscp", 10), of13.output(3)]),
    ],
    ...change,
  };
}

Deno.test("sameFlow13: the same flow however the switch spells and orders it", () => {
  assert.ok(sameFlow13(stats13(), mod13));
  // Bits under a zero mask do not count.
  assert.ok(sameFlow13(
    stats13({
      match: [
        { field: "eth_dst", value: "22:22:22:22:22:22" },
        { field: "eth_type", value: 0x86dd },
        { field: "ipv6_src", value: "10::ff", mask: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:0" },
      ],
    }),
    mod13,
  ));
});

Deno.test("sameFlow13: any change in what the flow does is a different flow", () => {
  const wrong: Partial<Of13FlowStats>[] = [
    { priority: 101 },
    { tableId: 0 },
    { cookie: 8n },
    { idleTimeout: 10 },
    { match: stats13().match.slice(1) },
    {
      match: [
        { field: "eth_dst", value: "22:22:22:22:22:22" },
        { field: "eth_type", value: 0x86dd },
        { field: "ipv6_src", value: "11::", mask: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:0" },
      ],
    },
    {
      instructions: [
        // Apply-actions order matters.
        of13.applyActions([of13.output(2), of13.setField("eth_src", "aa:aa:aa:aa:aa:aa")]),
        of13.writeActions([of13.setField("ip_dscp", 10), of13.output(3)]),
      ],
    },
    {
      instructions: [
        of13.applyActions([of13.setField("eth_src", "aa:aa:aa:aa:aa:aa"), of13.output(2)]),
      ],
    },
  ];
  for (const change of wrong) {
    assert.equal(
      sameFlow13(stats13(change), mod13),
      false,
      JSON.stringify(change, (_k, v) => typeof v === "bigint" ? String(v) : v),
    );
  }
  // max_len matters for output to the controller.
  const toController = of13.flowMod({
    instructions: [of13.applyActions([of13.output(of13.OFPP.CONTROLLER, 0xffff)])],
  });
  const entry = stats13({
    tableId: 0,
    priority: 0x8000,
    cookie: 0n,
    match: [],
    instructions: [of13.applyActions([of13.output(of13.OFPP.CONTROLLER, 128)])],
  });
  assert.equal(sameFlow13(entry, toController), false);
  assert.ok(sameFlow13({ ...entry, instructions: toController.instructions }, toController));
});

Deno.test("sameFlow10: wildcarded fields and addresses under the prefix do not count", () => {
  const mod = of10.flowMod({
    match: of10.match({ dlType: 0x0800, nwSrc: "192.168.10.0/24" }),
    actions: [of10.output(2, 0xffe5)],
  });
  const entry: Of10FlowStats = {
    tableId: 0,
    match: { ...of10.match({ dlType: 0x0800, nwSrc: "192.168.10.7/24" }), tpSrc: 99 },
    durationSec: 0,
    durationNsec: 0,
    priority: 0x8000,
    idleTimeout: 0,
    hardTimeout: 0,
    cookie: 0n,
    packetCount: 0n,
    byteCount: 0n,
    actions: [of10.output(2, 0)],
  };
  assert.ok(sameFlow10(entry, mod));
  assert.equal(
    sameFlow10({ ...entry, match: of10.match({ dlType: 0x0800, nwSrc: "192.168.11.0/24" }) }, mod),
    false,
  );
  assert.equal(
    sameFlow10({ ...entry, match: of10.match({ dlType: 0x0800, nwSrc: "192.168.10.0/16" }) }, mod),
    false,
  );
  assert.equal(sameFlow10({ ...entry, actions: [of10.output(3)] }, mod), false);
});

Deno.test("sameGroup and sameMeter: by what matters to the type and flags", () => {
  const select = of13.groupMod({
    groupId: 1,
    groupType: of13.OFPGT.SELECT,
    buckets: [
      of13.bucket({ weight: 1, actions: [of13.output(2)] }),
      of13.bucket({ weight: 2, actions: [of13.output(3)] }),
    ],
  });
  const desc = {
    groupId: 1,
    groupType: of13.OFPGT.SELECT,
    buckets: select.buckets.map((b) => ({ ...b, watchPort: 0 })),
  };
  assert.ok(sameGroup(desc, select)); // watch port is irrelevant to a select group
  assert.equal(sameGroup({ ...desc, buckets: [desc.buckets[1], desc.buckets[0]] }, select), false);
  assert.equal(
    sameGroup({ ...desc, buckets: [{ ...desc.buckets[0], weight: 5 }, desc.buckets[1]] }, select),
    false,
  );
  assert.equal(sameGroup({ ...desc, groupType: of13.OFPGT.ALL }, select), false);

  const meter = of13.meterMod({ meterId: 1, flags: of13.OFPMF.KBPS, bands: [of13.dropBand(1000)] });
  // Open vSwitch reports the rate as burst size; without OFPMF_BURST it is not used.
  assert.ok(
    sameMeter({ meterId: 1, flags: of13.OFPMF.KBPS, bands: [of13.dropBand(1000, 1000)] }, meter),
  );
  assert.equal(
    sameMeter({ meterId: 1, flags: of13.OFPMF.KBPS, bands: [of13.dropBand(999)] }, meter),
    false,
  );
  assert.equal(
    sameMeter({ meterId: 1, flags: of13.OFPMF.PKTPS, bands: [of13.dropBand(1000)] }, meter),
    false,
  );
  const burst = of13.meterMod({
    meterId: 1,
    flags: of13.OFPMF.KBPS | of13.OFPMF.BURST,
    bands: [of13.dropBand(1000, 10)],
  });
  assert.equal(
    sameMeter({ meterId: 1, flags: burst.flags, bands: [of13.dropBand(1000, 1000)] }, burst),
    false,
  );
});

Deno.test("frameMatches: a throughput entry counts exactly the frames its match selects", () => {
  const frame = RyuPacket.parse([
    "ethernet(dst='22:22:22:22:22:22', src='12:11:11:11:11:11', ethertype=2048)",
    "ipv4(tos=72, proto=6, src='10.0.0.1', dst='10.0.0.2')",
    "tcp(dst_port=80)",
  ]).frame();
  const fields = frameFields(parse(frame), 2);
  const m = (...tlvs: Parameters<typeof of13.match>[0][]) => tlvs.flatMap((t) => of13.match(t));
  assert.ok(frameMatches(m({ in_port: 2 }), fields));
  assert.ok(frameMatches(m({ in_port: 2, eth_type: 0x0800, ip_dscp: 18 }), fields));
  assert.ok(frameMatches(m({ ipv4_src: ["10.0.0.0", "255.255.255.0"], tcp_dst: 80 }), fields));
  assert.equal(frameMatches(m({ in_port: 3 }), fields), false);
  assert.equal(frameMatches(m({ ip_dscp: 20 }), fields), false);
  assert.equal(frameMatches(m({ ipv4_src: ["10.0.1.0", "255.255.255.0"] }), fields), false);
  assert.equal(frameMatches(m({ udp_dst: 80 }), fields), false);
  assert.ok(frameMatches(of10.match({ inPort: 2, dlType: 0x0800, nwSrc: "10.0.0.0/8" }), fields));
  assert.equal(frameMatches(of10.match({ inPort: 2, nwTos: 0x40 }), fields), false);
});
