// OpenFlow 1.3 multipart bodies, request and reply, one by one: built, encoded, decoded
// back; hand-computed byte vectors; truncations and corrupted entry, property and id
// lengths raising only OfpDecodeError.
import assert from "node:assert/strict";
import { decode, encode, of13, OfpDecodeError, type OfpMessage } from "../../src/ofp/mod.ts";
import type {
  Of13FlowStats,
  Of13MultipartReply,
  Of13MultipartReplyBody,
  Of13MultipartRequest,
  Of13MultipartRequestBody,
  Of13TableFeatures,
} from "../../src/ofp/mod.ts";

const hex = (s: string): Uint8Array =>
  Uint8Array.from(s.replace(/\s+/g, "").match(/../g)!.map((h) => parseInt(h, 16)));
const bytes = (...b: number[]) => Uint8Array.from(b);

const table: Of13TableFeatures = {
  tableId: 0,
  name: "classifier",
  metadataMatch: 0xffffffffffffffffn,
  metadataWrite: 0xff00n,
  config: 0,
  maxEntries: 1_000_000,
  properties: [
    { type: "INSTRUCTIONS", ids: [{ type: 1, data: bytes() }, { type: 4, data: bytes() }] },
    // An experimenter instruction id carries its experimenter id: kept byte-exact.
    { type: "INSTRUCTIONS_MISS", ids: [{ type: 0xffff, data: bytes(0, 0, 0x23, 0x20) }] },
    { type: "NEXT_TABLES", tableIds: [1, 2, 3] },
    { type: "NEXT_TABLES_MISS", tableIds: [] },
    { type: "WRITE_ACTIONS", ids: [{ type: 0, data: bytes() }] },
    { type: "WRITE_ACTIONS_MISS", ids: [] },
    {
      type: "APPLY_ACTIONS",
      ids: [{ type: 0, data: bytes() }, { type: 0xffff, data: bytes(0, 0, 0x23, 0x20, 0, 0x1a) }],
    },
    { type: "APPLY_ACTIONS_MISS", ids: [{ type: 17, data: bytes() }] },
    // OXM ids: class 0x8000, field << 1 | hasmask, length.
    { type: "MATCH", oxmIds: [0x80000004, 0x80000a02, 0x80001808] },
    { type: "WILDCARDS", oxmIds: [0x80001808] },
    { type: "WRITE_SETFIELD", oxmIds: [0x80000606] },
    { type: "WRITE_SETFIELD_MISS", oxmIds: [] },
    // An experimenter OXM id: header, then the experimenter id.
    { type: "APPLY_SETFIELD", oxmIds: [0xffff0208, 0x4f4e4600] },
    { type: "APPLY_SETFIELD_MISS", oxmIds: [0x80000c02] },
    { type: "EXPERIMENTER", experimenter: 101, expType: 1, data: bytes(0, 0, 0, 1) },
    { type: "EXPERIMENTER_MISS", experimenter: 101, expType: 2, data: bytes() },
    { type: "UNKNOWN", propType: 9, data: bytes(1, 2, 3) },
  ],
};

const flowStats = (i: number): Of13FlowStats => ({
  tableId: i % 4,
  durationSec: 100 + i,
  durationNsec: 1000 * i,
  priority: 0x8000 - i,
  idleTimeout: 60,
  hardTimeout: 0,
  flags: of13.OFPFF.SEND_FLOW_REM,
  cookie: BigInt(i) << 32n,
  packetCount: BigInt(i * 10),
  byteCount: BigInt(i * 1000),
  match: of13.match({ in_port: i + 1, eth_type: 0x0800, ipv4_dst: `10.0.0.${i}` }),
  instructions: [of13.applyActions([of13.output(i + 2)])],
});

const requests: Record<string, Of13MultipartRequestBody> = {
  DESC: { type: "DESC" },
  FLOW: {
    type: "FLOW",
    tableId: 3,
    outPort: 4,
    outGroup: 5,
    cookie: 6n,
    cookieMask: 7n,
    match: of13.match({ eth_type: 0x0806 }),
  },
  AGGREGATE: {
    type: "AGGREGATE",
    tableId: of13.OFPTT.ALL,
    outPort: of13.OFPP.ANY,
    outGroup: of13.OFPG.ANY,
    cookie: 0n,
    cookieMask: 0n,
    match: [],
  },
  TABLE: { type: "TABLE" },
  PORT_STATS: { type: "PORT_STATS", portNo: 7 },
  QUEUE: { type: "QUEUE", portNo: 7, queueId: 1 },
  GROUP: { type: "GROUP", groupId: 9 },
  GROUP_DESC: { type: "GROUP_DESC" },
  GROUP_FEATURES: { type: "GROUP_FEATURES" },
  METER: { type: "METER", meterId: 100 },
  METER_CONFIG: { type: "METER_CONFIG", meterId: of13.OFPM.ALL },
  METER_FEATURES: { type: "METER_FEATURES" },
  TABLE_FEATURES: { type: "TABLE_FEATURES", entries: [table] },
  PORT_DESC: { type: "PORT_DESC" },
  EXPERIMENTER: {
    type: "EXPERIMENTER",
    experimenter: 0x4f4e4600,
    expType: 1,
    data: bytes(1, 2, 3),
  },
  UNKNOWN: { type: "UNKNOWN", multipartType: 0x77, data: bytes(9, 9) },
};

const port = of13.port({ portNo: 1, hwAddr: "0a:0b:0c:0d:0e:0f", name: "s1-eth1", state: 4 });

const replies: Record<string, Of13MultipartReplyBody> = {
  DESC: {
    type: "DESC",
    mfrDesc: "Nicira, Inc.",
    hwDesc: "Open vSwitch",
    swDesc: "3.3.0",
    serialNum: "None",
    dpDesc: "br0",
  },
  FLOW: {
    type: "FLOW",
    entries: [flowStats(1), flowStats(2), { ...flowStats(3), match: [], instructions: [] }],
  },
  AGGREGATE: { type: "AGGREGATE", packetCount: 1n, byteCount: 2n, flowCount: 3 },
  TABLE: {
    type: "TABLE",
    entries: [
      { tableId: 0, activeCount: 4, lookupCount: 100n, matchedCount: 90n },
      { tableId: 1, activeCount: 0, lookupCount: 10n, matchedCount: 0n },
    ],
  },
  PORT_STATS: {
    type: "PORT_STATS",
    entries: [{
      portNo: 1,
      rxPackets: 1n,
      txPackets: 2n,
      rxBytes: 3n,
      txBytes: 4n,
      rxDropped: 5n,
      txDropped: 6n,
      rxErrors: 7n,
      txErrors: 8n,
      rxFrameErr: 9n,
      rxOverErr: 10n,
      rxCrcErr: 11n,
      collisions: 12n,
      durationSec: 13,
      durationNsec: 14,
    }],
  },
  QUEUE: {
    type: "QUEUE",
    entries: [{
      portNo: 1,
      queueId: 2,
      txBytes: 3n,
      txPackets: 4n,
      txErrors: 5n,
      durationSec: 6,
      durationNsec: 7,
    }],
  },
  GROUP: {
    type: "GROUP",
    entries: [
      {
        groupId: 1,
        refCount: 2,
        packetCount: 3n,
        byteCount: 4n,
        durationSec: 5,
        durationNsec: 6,
        bucketStats: [{ packetCount: 7n, byteCount: 8n }, { packetCount: 9n, byteCount: 10n }],
      },
      {
        groupId: 2,
        refCount: 0,
        packetCount: 0n,
        byteCount: 0n,
        durationSec: 0,
        durationNsec: 0,
        bucketStats: [],
      },
    ],
  },
  GROUP_DESC: {
    type: "GROUP_DESC",
    entries: [
      {
        groupType: of13.OFPGT.ALL,
        groupId: 1,
        buckets: [
          {
            weight: 0,
            watchPort: of13.OFPP.ANY,
            watchGroup: of13.OFPG.ANY,
            actions: [of13.output(1)],
          },
          {
            weight: 0,
            watchPort: of13.OFPP.ANY,
            watchGroup: of13.OFPG.ANY,
            actions: [of13.output(2)],
          },
        ],
      },
      { groupType: of13.OFPGT.INDIRECT, groupId: 2, buckets: [] },
    ],
  },
  GROUP_FEATURES: {
    type: "GROUP_FEATURES",
    types: 0b1111,
    capabilities: of13.OFPGFC.SELECT_WEIGHT | of13.OFPGFC.CHAINING,
    maxGroups: [1, 2, 3, 4],
    actions: [0x3ff0001, 5, 6, 7],
  },
  METER: {
    type: "METER",
    entries: [{
      meterId: 100,
      flowCount: 1,
      packetInCount: 2n,
      byteInCount: 3n,
      durationSec: 4,
      durationNsec: 5,
      bandStats: [{ packetBandCount: 6n, byteBandCount: 7n }],
    }],
  },
  METER_CONFIG: {
    type: "METER_CONFIG",
    entries: [
      {
        flags: of13.OFPMF.KBPS,
        meterId: 100,
        bands: [{ type: "DROP", rate: 1000, burstSize: 10 }, {
          type: "DSCP_REMARK",
          rate: 5,
          burstSize: 1,
          precLevel: 1,
        }],
      },
      { flags: of13.OFPMF.PKTPS, meterId: 101, bands: [] },
    ],
  },
  METER_FEATURES: {
    type: "METER_FEATURES",
    maxMeter: 1000,
    bandTypes: (1 << of13.OFPMBT.DROP) | (1 << of13.OFPMBT.DSCP_REMARK),
    capabilities: of13.OFPMF.KBPS | of13.OFPMF.STATS,
    maxBands: 8,
    maxColor: 2,
  },
  TABLE_FEATURES: {
    type: "TABLE_FEATURES",
    entries: [table, { ...table, tableId: 1, properties: [] }],
  },
  PORT_DESC: {
    type: "PORT_DESC",
    entries: [port, { ...port, portNo: of13.OFPP.LOCAL, name: "br0" }],
  },
  EXPERIMENTER: {
    type: "EXPERIMENTER",
    experimenter: 0xdeadbeef,
    expType: 0xcafe,
    data: bytes(1, 2, 3, 4, 5),
  },
  UNKNOWN: { type: "UNKNOWN", multipartType: 0xfffe, data: bytes(1) },
};

const ALL_TYPES = [...Object.keys(of13.OFPMP), "UNKNOWN"];

function roundTrip(msg: Of13MultipartRequest | Of13MultipartReply): Uint8Array {
  const wire = encode(msg);
  assert.deepEqual(decode(wire), msg);
  assert.deepEqual(encode(decode(wire)), wire);
  return wire;
}

Deno.test({
  name: "v13 multipart: every request body, built → encoded → decoded",
  permissions: "none",
  fn: async (t) => {
    assert.deepEqual(Object.keys(requests).sort(), [...ALL_TYPES].sort());
    for (const [name, body] of Object.entries(requests)) {
      await t.step(name, () => {
        const wire = roundTrip({ ...of13.multipartRequest(body), xid: 0x1234 });
        const type = new DataView(wire.buffer).getUint16(8);
        assert.equal(type, body.type === "UNKNOWN" ? body.multipartType : of13.OFPMP[body.type]);
        // REQ_MORE survives.
        roundTrip(of13.multipartRequest(body, of13.OFPMPF.REQ_MORE));
      });
    }
  },
});

Deno.test({
  name: "v13 multipart: every reply body, built → encoded → decoded",
  permissions: "none",
  fn: async (t) => {
    assert.deepEqual(Object.keys(replies).sort(), [...ALL_TYPES].sort());
    for (const [name, body] of Object.entries(replies)) {
      await t.step(name, () => {
        const wire = roundTrip({ ...of13.multipartReply(body, of13.OFPMPF.REPLY_MORE), xid: 1 });
        assert.equal(new DataView(wire.buffer).getUint16(10), 1, "REPLY_MORE flag");
        // Empty lists encode to an empty body and decode back.
        if ("entries" in body) {
          roundTrip(of13.multipartReply({ ...body, entries: [] } as Of13MultipartReplyBody));
        }
      });
    }
  },
});

Deno.test({
  name: "v13 multipart: per-type request builders",
  permissions: "none",
  fn: () => {
    const body = (m: Of13MultipartRequest) => m.body;
    assert.deepEqual(body(of13.descRequest()), { type: "DESC" });
    assert.deepEqual(body(of13.portDescRequest()), { type: "PORT_DESC" });
    assert.deepEqual(body(of13.tableStatsRequest()), { type: "TABLE" });
    assert.deepEqual(body(of13.groupDescRequest()), { type: "GROUP_DESC" });
    assert.deepEqual(body(of13.groupFeaturesRequest()), { type: "GROUP_FEATURES" });
    assert.deepEqual(body(of13.meterFeaturesRequest()), { type: "METER_FEATURES" });
    assert.deepEqual(body(of13.tableFeaturesRequest()), { type: "TABLE_FEATURES", entries: [] });
    assert.deepEqual(body(of13.tableFeaturesRequest([table])), {
      type: "TABLE_FEATURES",
      entries: [table],
    });
    assert.deepEqual(body(of13.portStatsRequest()), { type: "PORT_STATS", portNo: of13.OFPP.ANY });
    assert.deepEqual(body(of13.queueStatsRequest(2)), {
      type: "QUEUE",
      portNo: 2,
      queueId: of13.OFPQ_ALL,
    });
    assert.deepEqual(body(of13.groupStatsRequest()), { type: "GROUP", groupId: of13.OFPG.ALL });
    assert.deepEqual(body(of13.meterStatsRequest(5)), { type: "METER", meterId: 5 });
    assert.deepEqual(body(of13.meterConfigRequest()), {
      type: "METER_CONFIG",
      meterId: of13.OFPM.ALL,
    });
    assert.deepEqual(body(of13.flowStatsRequest()), {
      type: "FLOW",
      tableId: of13.OFPTT.ALL,
      outPort: of13.OFPP.ANY,
      outGroup: of13.OFPG.ANY,
      cookie: 0n,
      cookieMask: 0n,
      match: [],
    });
    assert.deepEqual(body(of13.flowStatsRequest({ tableId: 1 })), {
      ...body(of13.flowStatsRequest()),
      tableId: 1,
    });
    assert.deepEqual(body(of13.aggregateStatsRequest({ cookie: 1n })), {
      ...body(of13.flowStatsRequest({ cookie: 1n })),
      type: "AGGREGATE",
    });
    assert.deepEqual(body(of13.experimenterMultipartRequest(0x4f4e4600, 1, bytes(7))), {
      type: "EXPERIMENTER",
      experimenter: 0x4f4e4600,
      expType: 1,
      data: bytes(7),
    });
    for (
      const m of [
        of13.descRequest(),
        of13.flowStatsRequest(),
        of13.multipartRequest({ type: "DESC" }),
      ]
    ) {
      assert.equal(m.xid, 0);
      assert.equal(m.flags, 0);
    }
  },
});

Deno.test({
  name: "v13 multipart: hand-computed byte vectors",
  permissions: "none",
  fn: async (t) => {
    const cases: [string, OfpMessage, string][] = [
      // ofp_multipart_request: type, flags, pad[4]; then the body.
      ["PORT_DESC request", of13.portDescRequest(), "04 12 0010 00000000 000d 0000 00000000"],
      [
        "FLOW request",
        of13.flowStatsRequest(),
        "04 12 0038 00000000 0001 0000 00000000" +
        "ff 000000 ffffffff ffffffff 00000000 0000000000000000 0000000000000000" +
        "0001 0004 00000000",
      ],
      [
        "PORT_STATS request",
        of13.portStatsRequest(1),
        "04 12 0018 00000000 0004 0000 00000000 00000001 00000000",
      ],
      [
        "QUEUE request",
        of13.queueStatsRequest(),
        "04 12 0018 00000000 0005 0000 00000000 ffffffff ffffffff",
      ],
      [
        "METER request",
        of13.meterStatsRequest(1),
        "04 12 0018 00000000 0009 0000 00000000 00000001 00000000",
      ],
      [
        "EXPERIMENTER request",
        of13.multipartRequest({
          type: "EXPERIMENTER",
          experimenter: 0x2320,
          expType: 3,
          data: hex("aa"),
        }),
        "04 12 0019 00000000 ffff 0000 00000000 00002320 00000003 aa",
      ],
      [
        "AGGREGATE reply",
        of13.multipartReply({ type: "AGGREGATE", packetCount: 1n, byteCount: 2n, flowCount: 3 }),
        "04 13 0028 00000000 0002 0000 00000000 0000000000000001 0000000000000002 00000003 00000000",
      ],
      [
        "FLOW reply",
        of13.multipartReply({
          type: "FLOW",
          entries: [{ ...flowStats(0), match: [], instructions: [of13.gotoTable(1)] }],
        }, of13.OFPMPF.REPLY_MORE),
        "04 13 0050 00000000 0001 0001 00000000" +
        // length, table_id, pad, duration_sec, duration_nsec, priority, idle, hard, flags, pad[4]
        "0040 00 00 00000064 00000000 8000 003c 0000 0001 00000000" +
        "0000000000000000 0000000000000000 0000000000000000" + // cookie, packet_count, byte_count
        "0001 0004 00000000 0001 0008 01 000000", // empty match, GOTO_TABLE 1
      ],
      [
        "GROUP reply",
        of13.multipartReply({
          type: "GROUP",
          entries: [{
            groupId: 1,
            refCount: 2,
            packetCount: 3n,
            byteCount: 4n,
            durationSec: 5,
            durationNsec: 6,
            bucketStats: [{ packetCount: 7n, byteCount: 8n }],
          }],
        }),
        "04 13 0048 00000000 0006 0000 00000000" +
        "0038 0000 00000001 00000002 00000000 0000000000000003 0000000000000004 00000005 00000006" +
        "0000000000000007 0000000000000008",
      ],
      [
        "METER reply",
        of13.multipartReply({
          type: "METER",
          entries: [{
            meterId: 1,
            flowCount: 2,
            packetInCount: 3n,
            byteInCount: 4n,
            durationSec: 5,
            durationNsec: 6,
            bandStats: [{ packetBandCount: 7n, byteBandCount: 8n }],
          }],
        }),
        // meter_id, len, pad[6], flow_count, packet_in_count, byte_in_count, durations, band stats
        "04 13 0048 00000000 0009 0000 00000000" +
        "00000001 0038 000000000000 00000002 0000000000000003 0000000000000004 00000005 00000006" +
        "0000000000000007 0000000000000008",
      ],
      [
        "METER_CONFIG reply",
        of13.multipartReply({
          type: "METER_CONFIG",
          entries: [{ flags: 1, meterId: 2, bands: [{ type: "DROP", rate: 3, burstSize: 4 }] }],
        }),
        "04 13 0028 00000000 000a 0000 00000000 0018 0001 00000002 0001 0010 00000003 00000004 00000000",
      ],
      [
        "METER_FEATURES reply",
        of13.multipartReply(replies.METER_FEATURES),
        "04 13 0020 00000000 000b 0000 00000000 000003e8 00000006 00000009 08 02 0000",
      ],
      [
        "TABLE_FEATURES reply",
        of13.multipartReply({
          type: "TABLE_FEATURES",
          entries: [{
            tableId: 1,
            name: "t1",
            metadataMatch: 0n,
            metadataWrite: 0n,
            config: 0,
            maxEntries: 16,
            properties: [
              { type: "NEXT_TABLES", tableIds: [2, 3] }, // 4 + 2 bytes, padded to 8
              { type: "MATCH", oxmIds: [0x80000004] },
              { type: "INSTRUCTIONS", ids: [{ type: 1, data: bytes() }] },
              { type: "EXPERIMENTER", experimenter: 5, expType: 6, data: bytes() }, // 12, padded to 16
            ],
          }],
        }),
        "04 13 0078 00000000 000c 0000 00000000" +
        "0068 01 0000000000 7431" + "00".repeat(30) + // length, table_id, pad[5], name[32]
        "0000000000000000 0000000000000000 00000000 00000010" +
        "0002 0006 0203 0000" +
        "0008 0008 80000004" +
        "0000 0008 0001 0004" +
        "fffe 000c 00000005 00000006 00000000",
      ],
      [
        "PORT_DESC reply",
        of13.multipartReply({ type: "PORT_DESC", entries: [of13.port({ portNo: 2, name: "p2" })] }),
        "04 13 0050 00000000 000d 0000 00000000" +
        "00000002 00000000 000000000000 0000 7032" + "00".repeat(14) +
        "00000000".repeat(8),
      ],
    ];
    for (const [name, msg, want] of cases) {
      await t.step(name, () => {
        assert.deepEqual(encode(msg), hex(want));
        assert.deepEqual(decode(hex(want)), msg);
      });
    }
  },
});

/** "rejected" for an OfpDecodeError, "accepted" for a decode that round-trips; else throws. */
function probe(wire: Uint8Array, what: string): "rejected" | "accepted" {
  let msg: OfpMessage;
  try {
    msg = decode(wire);
  } catch (e) {
    if (e instanceof OfpDecodeError) return "rejected";
    throw new Error(`${what}: ${e}`, { cause: e });
  }
  assert.deepEqual(decode(encode(msg)), msg, `${what}: decoded but does not round-trip`);
  return "accepted";
}

Deno.test({
  name: "v13 multipart: every truncated prefix raises only OfpDecodeError",
  permissions: "none",
  fn: async (t) => {
    const messages: [string, OfpMessage][] = [
      ...Object.entries(requests).map(([n, b]) =>
        [`request ${n}`, of13.multipartRequest(b)] as [string, OfpMessage]
      ),
      ...Object.entries(replies).map(([n, b]) =>
        [`reply ${n}`, of13.multipartReply(b)] as [string, OfpMessage]
      ),
    ];
    // Bodies of one fixed struct: every cut inside them must be rejected.
    const fixed =
      /(request (FLOW|AGGREGATE|PORT_STATS|QUEUE|GROUP|METER|METER_CONFIG)|reply (DESC|AGGREGATE|GROUP_FEATURES|METER_FEATURES))$/;
    for (const [name, msg] of messages) {
      await t.step(name, () => {
        const wire = encode(msg);
        let rejected = 0;
        for (let len = 8; len < wire.length; len++) {
          const prefix = wire.slice(0, len);
          new DataView(prefix.buffer).setUint16(2, len);
          if (probe(prefix, `${name} cut at ${len}`) === "rejected") rejected++;
        }
        // Cuts inside the multipart header are always rejected.
        assert.ok(rejected >= 8, `${name}: ${rejected} cuts rejected`);
        if (fixed.test(name)) assert.equal(rejected, wire.length - 8, "every cut rejected");
      });
    }
  },
});

// Length fields inside multipart bodies: [name, message, byte offset, values that must be rejected].
// Offsets count from the frame's start: header 8 + multipart header 8 = 16 where the body starts.
const INNER_LENGTHS: [string, () => OfpMessage, number, number[]][] = [
  ["FLOW reply entries[0].length", () => of13.multipartReply(replies.FLOW), 16, [0, 55, 0xffff]],
  ["FLOW reply entries[0].match.length", () => of13.multipartReply(replies.FLOW), 16 + 50, [
    0,
    3,
    0xffff,
  ]],
  ["GROUP reply entries[0].length", () => of13.multipartReply(replies.GROUP), 16, [
    0,
    39,
    41,
    56,
    0xffff,
  ]],
  ["GROUP_DESC reply entries[0].length", () => of13.multipartReply(replies.GROUP_DESC), 16, [
    0,
    7,
    0xffff,
  ]],
  [
    "GROUP_DESC reply entries[0].buckets[0].len",
    () => of13.multipartReply(replies.GROUP_DESC),
    24,
    [0, 15, 0xffff],
  ],
  ["METER reply entries[0].len", () => of13.multipartReply(replies.METER), 20, [0, 39, 41, 0xffff]],
  ["METER_CONFIG reply entries[0].length", () => of13.multipartReply(replies.METER_CONFIG), 16, [
    0,
    7,
    0xffff,
  ]],
  [
    "METER_CONFIG reply entries[0].bands[0].len",
    () => of13.multipartReply(replies.METER_CONFIG),
    26,
    [0, 15, 17, 0xffff],
  ],
  [
    "TABLE_FEATURES reply entries[0].length",
    () => of13.multipartReply(replies.TABLE_FEATURES),
    16,
    [0, 63, 0xffff],
  ],
  // First property (INSTRUCTIONS: 4 + 2 ids of 4 bytes = 12, padded to 16) after the 64-byte fixed part.
  [
    "TABLE_FEATURES reply properties[0].length",
    () => of13.multipartReply(replies.TABLE_FEATURES),
    16 + 64 + 2,
    [0, 3, 0xffff],
  ],
  // Its first instruction id's length.
  [
    "TABLE_FEATURES reply properties[0].ids[0].len",
    () => of13.multipartReply(replies.TABLE_FEATURES),
    16 + 64 + 6,
    [0, 3, 9, 0xffff],
  ],
  // The MATCH property: an OXM id list is 4 + a multiple of 4 bytes, so every other length
  // is wrong; lengths that swallow whole following properties as ids cannot be told apart.
  [
    "TABLE_FEATURES reply MATCH.length",
    () => of13.multipartReply(replies.TABLE_FEATURES),
    0,
    Array.from({ length: 400 }, (_, v) => v).filter((v) => v < 4 || v % 4 !== 0),
  ],
  [
    "TABLE_FEATURES request entries[0].length",
    () => of13.multipartRequest(requests.TABLE_FEATURES),
    16,
    [0, 63, 0xffff],
  ],
];

/** Offset of the MATCH property's length in the TABLE_FEATURES reply sample. */
function matchPropertyLengthAt(wire: Uint8Array): number {
  const view = new DataView(wire.buffer);
  let at = 16 + 64;
  while (view.getUint16(at) !== of13.OFPTFPT.MATCH) at += (view.getUint16(at + 2) + 7) & ~7;
  return at + 2;
}

Deno.test({
  name: "v13 multipart: corrupted entry, property and id lengths raise only OfpDecodeError",
  permissions: "none",
  fn: async (t) => {
    for (const [name, build, fixedAt, mustReject] of INNER_LENGTHS) {
      await t.step(name, () => {
        const wire = encode(build());
        const at = fixedAt || matchPropertyLengthAt(wire);
        const original = new DataView(wire.buffer).getUint16(at);
        assert.ok(
          original > 0 && original < wire.length,
          `${name}: offset ${at} holds ${original}`,
        );
        const values = [];
        for (let v = 0; v <= Math.min(wire.length + 64, 0xffff); v++) values.push(v);
        for (let v = wire.length + 65; v <= 0xffff; v += 251) values.push(v);
        values.push(0xffff);
        let accepted = 0;
        for (const v of values) {
          const bad = wire.slice();
          new DataView(bad.buffer).setUint16(at, v);
          const verdict = probe(bad, `${name}=${v}`);
          if (v === original) assert.equal(verdict, "accepted");
          else if (verdict === "accepted") accepted++;
          if (mustReject.includes(v)) assert.equal(verdict, "rejected", `${name}=${v}`);
        }
        // Only lengths that re-frame valid structures decode (an OXM id list growing over
        // the next properties).
        assert.ok(
          accepted <= (name.endsWith("MATCH.length") ? 40 : 8),
          `${name}: ${accepted} wrong values accepted`,
        );
      });
    }
  },
});

Deno.test({
  name: "v13 multipart: a 100-entry flow stats reply round-trips",
  permissions: "none",
  fn: () => {
    const entries = Array.from({ length: 100 }, (_, i) => flowStats(i));
    const msg = of13.multipartReply({ type: "FLOW", entries }, of13.OFPMPF.REPLY_MORE);
    const wire = roundTrip(msg);
    // 48 fixed + match (4 + 8 + 6 + 8 = 26, padded to 32) + APPLY_ACTIONS with one OUTPUT (24).
    assert.equal(wire.length, 16 + 100 * (48 + 32 + 24));
    const back = decode(wire) as Of13MultipartReply;
    assert.ok(back.body.type === "FLOW");
    assert.equal(back.body.entries.length, 100);
    assert.deepEqual(back.body.entries[57], flowStats(57));
  },
});

Deno.test({
  name: "v13 multipart: decode errors name the body's structure and its offset",
  permissions: "none",
  fn: async (t) => {
    /** The reply sample's wire bytes with a 16-bit field overwritten. */
    const patched = (body: Of13MultipartReplyBody, at: number, value: number) => {
      const wire = encode(of13.multipartReply(body));
      new DataView(wire.buffer).setUint16(at, value);
      return wire;
    };
    const cases: [string, Uint8Array, string | RegExp, number][] = [
      [
        "flow entry below 56 bytes",
        patched(replies.FLOW, 16, 48),
        "multipart_reply.flow[].length",
        16,
      ],
      [
        "flow entry's match running past the entry",
        patched(replies.FLOW, 16 + 50, 0x200),
        // The match's own decoder names the field under this prefix.
        /^multipart_reply\.flow\[\]\.match\b/,
        16 + 50,
      ],
      [
        "group stats not 40 + 16n",
        patched(replies.GROUP, 16, 41),
        "multipart_reply.group[].length",
        16,
      ],
      [
        "group description's bucket below 16",
        patched(replies.GROUP_DESC, 24, 8),
        "multipart_reply.group_desc[].buckets[].len",
        24,
      ],
      [
        "meter stats not 40 + 16n",
        patched(replies.METER, 20, 39),
        "multipart_reply.meter[].len",
        20,
      ],
      [
        "meter config's band below 16",
        patched(replies.METER_CONFIG, 26, 12),
        "multipart_reply.meter_config[].bands[].len",
        26,
      ],
      [
        "table features below 64",
        patched(replies.TABLE_FEATURES, 16, 8),
        "multipart_reply.table_features[].length",
        16,
      ],
      [
        "table feature property below 4",
        patched(replies.TABLE_FEATURES, 16 + 64 + 2, 2),
        "multipart_reply.table_features[].properties[].length",
        16 + 64 + 2,
      ],
      [
        "instruction id below 4",
        patched(replies.TABLE_FEATURES, 16 + 64 + 6, 3),
        "multipart_reply.table_features[].properties[].ids[].len",
        16 + 64 + 6,
      ],
      [
        "port list not a multiple of 64",
        hex("04 13 0018 00000000 000d 0000 00000000 0000000100000000"),
        "multipart_reply.port_desc[]",
        16,
      ],
      [
        "table stats list not a multiple of 24",
        hex("04 13 0018 00000000 0003 0000 00000000 0000000000000000"),
        "multipart_reply.table[]",
        16,
      ],
      [
        "flow stats request cut in its fixed part",
        hex("04 12 0018 00000000 0001 0000 00000000 ff000000 ffffffff"),
        "multipart_request.flow",
        16,
      ],
    ];
    for (const [name, wire, path, offset] of cases) {
      await t.step(name, () => {
        assert.throws(
          () => decode(wire),
          (e) => {
            assert.ok(e instanceof OfpDecodeError, String(e));
            if (typeof path === "string") assert.equal(e.path, path);
            else assert.match(e.path, path);
            assert.equal(e.offset, offset);
            return true;
          },
        );
      });
    }
  },
});
