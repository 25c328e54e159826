// Ryu's JSON message form → codec objects: Ryu's constructor defaults, every instruction and
// action class of the patterns, masks, port names, 1.0 wildcards; unknown keys and classes
// are errors naming the file and the JSON path. Pure: no peers.
import assert from "node:assert/strict";
import { decode, encode, of10, of13 } from "../../src/ofp/mod.ts";
import type { Of10FlowMod, Of13FlowMod, Of13GroupMod, Of13MeterMod } from "../../src/ofp/mod.ts";
import { parsePatternFile, RYU_DEFAULT_PORTS, RyuPatternError } from "../../src/ryu/mod.ts";

/** A one-test pattern file whose prerequisite is `msg`. */
function file(msg: unknown, version: 1 | 4 | 5 = 4, ports = RYU_DEFAULT_PORTS) {
  const text = JSON.stringify([
    "test: file",
    {
      description: "d",
      prerequisite: [msg],
      tests: [{ ingress: ["ethernet()"], egress: ["ethernet()"] }],
    },
  ]);
  return parsePatternFile(text, "t.json", { version, ports });
}
const prereq = (msg: unknown, version: 1 | 4 | 5 = 4) =>
  file(msg, version).tests[0].prerequisite[0];

/** Expects a RyuPatternError at `path` whose detail matches `detail`. */
function rejects(msg: unknown, path: string, detail: RegExp, version: 1 | 4 = 4): void {
  assert.throws(() => prereq(msg, version), (e: unknown) => {
    assert.ok(e instanceof RyuPatternError, String(e));
    assert.equal(e.name, "RyuPatternError");
    assert.equal(e.file, "t.json");
    assert.equal(e.path, path);
    assert.match(e.detail, detail);
    assert.ok(e.message.startsWith(`t.json: ${path}: `), e.message);
    return true;
  });
}

const roundTrip = (m: Parameters<typeof encode>[0]) => assert.deepEqual(decode(encode(m)), m);

Deno.test("OFPFlowMod with nothing given takes Ryu's defaults (out_port/out_group 0)", () => {
  const m = prereq({ OFPFlowMod: {} }) as Of13FlowMod;
  assert.deepEqual(m, {
    ...of13.flowMod(),
    outPort: 0,
    outGroup: 0,
  });
  assert.equal(m.priority, 0x8000);
  assert.equal(m.bufferId, 0xffffffff);
  roundTrip(m);
});

Deno.test("OFPMatch: OXM fields in order, masks as given, null mask, port names", () => {
  const m = prereq({
    OFPFlowMod: {
      table_id: 1,
      cookie: 5,
      match: {
        OFPMatch: {
          oxm_fields: [
            { OXMTlv: { field: "in_port", value: "target_recv_port" } },
            { OXMTlv: { field: "eth_type", value: 2048 } },
            { OXMTlv: { field: "ipv4_src", value: "192.168.10.0", mask: "255.255.255.0" } },
            { OXMTlv: { field: "vlan_vid", value: 4196, mask: null } },
            { OXMTlv: { field: "metadata", value: 255, mask: 4294967280 } },
            { OXMTlv: { field: "eth_dst", value: "22:22:00:22:22:22", mask: "ff:ff:00:ff:ff:ff" } },
            {
              OXMTlv: {
                field: "ipv6_src",
                value: "10:0::0",
                mask: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:0",
              },
            },
          ],
        },
      },
    },
  }) as Of13FlowMod;
  assert.equal(m.tableId, 1);
  assert.equal(m.cookie, 5n);
  assert.deepEqual(m.match, [
    { field: "in_port", value: 1 },
    { field: "eth_type", value: 0x0800 },
    { field: "ipv4_src", value: "192.168.10.0", mask: "255.255.255.0" },
    { field: "vlan_vid", value: 0x1064 },
    { field: "metadata", value: 255n, mask: 0xfffffff0n },
    { field: "eth_dst", value: "22:22:00:22:22:22", mask: "ff:ff:00:ff:ff:ff" },
    // IPv6 in the codec's spelling (RFC 5952), as it decodes.
    { field: "ipv6_src", value: "10::", mask: "ffff:ffff:ffff:ffff:ffff:ffff:ffff:0" },
  ]);
  roundTrip(m);
});

Deno.test("every instruction class", () => {
  const m = prereq({
    OFPFlowMod: {
      instructions: [
        { OFPInstructionGotoTable: { table_id: 1 } },
        { OFPInstructionWriteMetadata: { metadata: 255, metadata_mask: 255 } },
        { OFPInstructionActions: { type: 4, actions: [{ OFPActionOutput: { port: 2 } }] } },
        { OFPInstructionActions: { type: 3, actions: [{ OFPActionOutput: { port: 3 } }] } },
        { OFPInstructionActions: { type: 5, actions: [] } },
        { OFPInstructionMeter: { meter_id: 7 } },
        { OFPInstructionMeter: {} },
      ],
    },
  }) as Of13FlowMod;
  assert.deepEqual(m.instructions, [
    of13.gotoTable(1),
    of13.writeMetadata(255n, 255n),
    of13.applyActions([of13.output(2, 0xffe5)]),
    of13.writeActions([of13.output(3, 0xffe5)]),
    of13.clearActions(),
    of13.meter(7),
    of13.meter(1), // Ryu's default meter_id
  ]);
  roundTrip(m);
});

Deno.test("every action class of the 1.3 patterns, with Ryu's defaults", () => {
  const actions = [
    { OFPActionOutput: { port: "target_send_port_2", max_len: 65535 } },
    { OFPActionOutput: { port: 4294967293 } },
    { OFPActionGroup: { group_id: 3 } },
    { OFPActionGroup: {} },
    { OFPActionSetQueue: { queue_id: 1 } },
    { OFPActionSetMplsTtl: { mpls_ttl: 10 } },
    { OFPActionDecMplsTtl: {} },
    { OFPActionSetNwTtl: { nw_ttl: 32 } },
    { OFPActionDecNwTtl: {} },
    { OFPActionCopyTtlOut: {} },
    { OFPActionCopyTtlIn: {} },
    { OFPActionPushVlan: { ethertype: 34984 } },
    { OFPActionPushVlan: {} },
    { OFPActionPopVlan: {} },
    { OFPActionPushMpls: {} },
    { OFPActionPopMpls: {} },
    { OFPActionPopMpls: { ethertype: 34525 } },
    { OFPActionPushPbb: { ethertype: 35047 } },
    { OFPActionPopPbb: {} },
    { OFPActionSetField: { field: { OXMTlv: { field: "ipv4_dst", value: "10.10.20.20" } } } },
    { OFPActionSetField: { field: { OXMTlv: { field: "tunnel_id", value: 12345 } } } },
  ];
  const m = prereq({
    OFPFlowMod: { instructions: [{ OFPInstructionActions: { type: 4, actions } }] },
  }) as Of13FlowMod;
  assert.deepEqual(
    m.instructions[0],
    of13.applyActions([
      of13.output(3, 65535),
      of13.output(of13.OFPP.CONTROLLER, 0xffe5),
      of13.group(3),
      of13.group(0),
      of13.setQueue(1),
      of13.setMplsTtl(10),
      of13.decMplsTtl(),
      of13.setNwTtl(32),
      of13.decNwTtl(),
      of13.copyTtlOut(),
      of13.copyTtlIn(),
      of13.pushVlan(0x88a8),
      of13.pushVlan(0x8100),
      of13.popVlan(),
      of13.pushMpls(0x8847),
      of13.popMpls(0x0800),
      of13.popMpls(0x86dd),
      of13.pushPbb(0x88e7),
      of13.popPbb(),
      of13.setField("ipv4_dst", "10.10.20.20"),
      of13.setField("tunnel_id", 12345n),
    ]),
  );
  roundTrip(m);
});

Deno.test("OFPGroupMod and OFPBucket: Ryu's defaults (type ALL, weight 0, watch ANY)", () => {
  const g = prereq({
    OFPGroupMod: {
      group_id: 4,
      type: 1,
      buckets: [
        { OFPBucket: { weight: 2, actions: [{ OFPActionOutput: { port: 2 } }] } },
        { OFPBucket: { actions: [{ OFPActionOutput: { port: 3 } }] } },
      ],
    },
  }) as Of13GroupMod;
  assert.deepEqual(
    g,
    of13.groupMod({
      groupId: 4,
      groupType: of13.OFPGT.SELECT,
      buckets: [
        of13.bucket({ weight: 2, actions: [of13.output(2, 0xffe5)] }),
        of13.bucket({ weight: 0, actions: [of13.output(3, 0xffe5)] }),
      ],
    }),
  );
  assert.equal((prereq({ OFPGroupMod: {} }) as Of13GroupMod).groupType, of13.OFPGT.ALL);
  roundTrip(g);
});

Deno.test("OFPMeterMod and bands: Ryu's defaults (meter 1, KBPS, prec_level 0)", () => {
  const m = prereq({
    OFPMeterMod: {
      meter_id: 2,
      flags: 2,
      bands: [
        { OFPMeterBandDrop: { rate: 100 } },
        { OFPMeterBandDscpRemark: { rate: 200, prec_level: 1 } },
        { OFPMeterBandDscpRemark: { rate: 300 } },
      ],
    },
  }) as Of13MeterMod;
  assert.deepEqual(
    m,
    of13.meterMod({
      meterId: 2,
      flags: of13.OFPMF.PKTPS,
      bands: [of13.dropBand(100), of13.dscpRemarkBand(200, 1), of13.dscpRemarkBand(300, 0)],
    }),
  );
  const d = prereq({ OFPMeterMod: {} }) as Of13MeterMod;
  assert.equal(d.meterId, 1);
  assert.equal(d.flags, of13.OFPMF.KBPS);
  roundTrip(m);
});

Deno.test("OpenFlow 1.0: match wildcards from the fields given, prefix masks, every action", () => {
  const m = prereq({
    OFPFlowMod: {
      command: 0,
      cookie: 0,
      match: {
        OFPMatch: {
          in_port: 1,
          dl_type: 2048,
          nw_src: "192.168.10.0",
          nw_src_mask: 24,
          dl_dst: "22:22:22:22:22:22",
        },
      },
      actions: [
        { OFPActionVlanVid: { vlan_vid: 203 } },
        { OFPActionVlanPcp: { vlan_pcp: 5 } },
        { OFPActionStripVlan: {} },
        { OFPActionSetDlSrc: { dl_addr: "aa:aa:aa:aa:aa:aa" } },
        { OFPActionSetDlDst: { dl_addr: "ba:bb:bb:bb:bb:bb" } },
        { OFPActionSetNwSrc: { nw_addr: "10.10.10.10" } },
        { OFPActionSetNwDst: { nw_addr: "10.10.20.20" } },
        { OFPActionSetNwTos: { tos: 64 } },
        { OFPActionSetTpSrc: { tp: 12345 } },
        { OFPActionSetTpDst: { tp: 6789 } },
        { OFPActionEnqueue: { port: 2, queue_id: 1 } },
        { OFPActionOutput: { port: "target_send_port_1" } },
      ],
    },
  }, 1) as Of10FlowMod;
  assert.deepEqual(
    m.match,
    of10.match({ inPort: 1, dlType: 0x0800, nwSrc: "192.168.10.0/24", dlDst: "22:22:22:22:22:22" }),
  );
  assert.equal(of10.nwPrefixLength(m.match, "nwSrc"), 24);
  assert.equal(m.outPort, of10.OFPP.NONE);
  assert.deepEqual(m.actions, [
    of10.setVlanVid(203),
    of10.setVlanPcp(5),
    of10.stripVlan(),
    of10.setDlSrc("aa:aa:aa:aa:aa:aa"),
    of10.setDlDst("ba:bb:bb:bb:bb:bb"),
    of10.setNwSrc("10.10.10.10"),
    of10.setNwDst("10.10.20.20"),
    of10.setNwTos(64),
    of10.setTpSrc(12345),
    of10.setTpDst(6789),
    of10.enqueue(2, 1),
    of10.output(2, 0xffe5),
  ]);
  roundTrip(m);
});

Deno.test("OpenFlow 1.4 files: pbb_uca is kept as a raw OpenFlow-basic OXM (field 41)", () => {
  const m = prereq({
    OFPFlowMod: {
      match: { OFPMatch: { oxm_fields: [{ OXMTlv: { field: "pbb_uca", value: 1 } }] } },
    },
  }, 5) as Of13FlowMod;
  assert.deepEqual(m.match, [
    { field: "UNKNOWN", oxmClass: 0x8000, oxmField: 41, hasMask: false, value: Uint8Array.of(1) },
  ]);
  // Not a 1.3 field: refused in a 1.3 file.
  rejects(
    {
      OFPFlowMod: {
        match: { OFPMatch: { oxm_fields: [{ OXMTlv: { field: "pbb_uca", value: 1 } }] } },
      },
    },
    "[1].prerequisite[0].OFPFlowMod.match.OFPMatch.oxm_fields[0].OXMTlv.field",
    /Unknown OXM field "pbb_uca"/,
  );
});

Deno.test("unknown keys and classes are errors naming the file and the JSON path", () => {
  rejects({ OFPFlowMod: { prio: 1 } }, "[1].prerequisite[0].OFPFlowMod", /Unknown key "prio"/);
  rejects({ OFPFlowModX: {} }, "[1].prerequisite[0]", /Unknown message class "OFPFlowModX"/);
  rejects(
    {
      OFPFlowMod: {
        instructions: [{
          OFPInstructionActions: { type: 4, actions: [{ OFPActionOutputt: { port: 2 } }] },
        }],
      },
    },
    "[1].prerequisite[0].OFPFlowMod.instructions[0].OFPInstructionActions.actions[0]",
    /Unknown action class "OFPActionOutputt"/,
  );
  rejects(
    {
      OFPFlowMod: {
        instructions: [{
          OFPInstructionActions: {
            type: 4,
            actions: [{ OFPActionOutput: { port: 2, maxlen: 1 } }],
          },
        }],
      },
    },
    "[1].prerequisite[0].OFPFlowMod.instructions[0].OFPInstructionActions.actions[0].OFPActionOutput",
    /Unknown key "maxlen"/,
  );
  rejects(
    {
      OFPFlowMod: {
        match: {
          OFPMatch: { oxm_fields: [{ OXMTlv: { field: "ipv4_src", value: "300.1.1.1" } }] },
        },
      },
    },
    "[1].prerequisite[0].OFPFlowMod.match.OFPMatch.oxm_fields[0].OXMTlv.value",
    /Expected an IPv4 address/,
  );
  rejects(
    { OFPFlowMod: { table_id: 256 } },
    "[1].prerequisite[0].OFPFlowMod.table_id",
    /Expected an integer from 0 to 255, got number 256/,
  );
  rejects(
    { OFPFlowMod: { instructions: [{ OFPInstructionActions: { type: 7 } }] } },
    "[1].prerequisite[0].OFPFlowMod.instructions[0].OFPInstructionActions.type",
    /Expected instruction type 3 .* got 7/,
  );
  rejects(
    {
      OFPFlowMod: {
        instructions: [{
          OFPInstructionActions: { type: 4, actions: [{ OFPActionOutput: { port: "eth9" } }] },
        }],
      },
    },
    "[1].prerequisite[0].OFPFlowMod.instructions[0].OFPInstructionActions.actions[0].OFPActionOutput.port",
    /Ryu port name, got the string "eth9"/,
  );
  // OpenFlow 1.3 messages in a 1.0 file (and the reverse) are refused.
  rejects({ OFPGroupMod: {} }, "[1].prerequisite[0]", /expected OFPFlowMod \(OpenFlow 1\.0\)/, 1);
  rejects(
    { OFPFlowMod: { actions: [] } },
    "[1].prerequisite[0].OFPFlowMod",
    /Unknown key "actions"/,
  );
  rejects(
    { OFPFlowMod: { instructions: [] } },
    "[1].prerequisite[0].OFPFlowMod",
    /Unknown key "instructions"/,
    1,
  );
});

Deno.test("file structure errors: bad JSON, no title, a test without tests", () => {
  assert.throws(() => parsePatternFile("[", "bad.json"), (e: unknown) => {
    assert.ok(e instanceof RyuPatternError);
    assert.match(e.message, /^bad\.json: \(top\): Expected JSON, got a syntax error/);
    return true;
  });
  assert.throws(
    () => parsePatternFile("[{}]", "x.json"),
    /x\.json: \[0\]: Unknown key|x\.json: \[0\]: Expected a "prerequisite" block/,
  );
  assert.throws(
    () => parsePatternFile('["t", {"description": "d", "prerequisite": []}]', "x.json"),
    /x\.json: \[1\]: Expected a "tests" block, got none/,
  );
  assert.throws(
    () =>
      parsePatternFile(
        '["t", {"description": "d", "prerequisite": [], "tests": [{"ingress": []}]}]',
        "x.json",
      ),
    /x\.json: \[1\]\.tests\[0\]: Expected "ingress" and one of/,
  );
});

Deno.test("port names follow the ports option", () => {
  const ports = { ...RYU_DEFAULT_PORTS, targetSend1: 7 };
  const m = file(
    {
      OFPFlowMod: {
        instructions: [{
          OFPInstructionActions: {
            type: 4,
            actions: [{ OFPActionOutput: { port: "target_send_port_1" } }],
          },
        }],
      },
    },
    4,
    ports,
  ).tests[0].prerequisite[0] as Of13FlowMod;
  assert.deepEqual(m.instructions, [of13.applyActions([of13.output(7, 0xffe5)])]);
});
