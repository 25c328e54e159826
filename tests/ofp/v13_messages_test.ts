// OpenFlow 1.3 messages one by one: every message type built by its builder, encoded and
// decoded back; hand-computed byte vectors (from the OpenFlow 1.3.5 structs); and, for
// each kind, every truncated prefix and corrupted inner length raising only OfpDecodeError.
import assert from "node:assert/strict";
import {
  decode,
  encode,
  of13,
  OfpDecodeError,
  OfpEncodeError,
  type OfpMessage,
} from "../../src/ofp/mod.ts";
import type { Of13Message } from "../../src/ofp/mod.ts";

const hex = (s: string): Uint8Array =>
  Uint8Array.from(s.replace(/\s+/g, "").match(/../g)!.map((h) => parseInt(h, 16)));
const bytes = (...b: number[]) => Uint8Array.from(b);

/** Encodes, decodes, and checks that the decoded message equals the original and re-encodes the same. */
function roundTrip(msg: Of13Message): Uint8Array {
  const wire = encode(msg);
  const back = decode(wire);
  assert.deepEqual(back, msg);
  assert.deepEqual(encode(back), wire);
  assert.equal(new DataView(wire.buffer).getUint16(2), wire.length, "header length");
  return wire;
}

/** A sample of every message type, with non-default values so fields cannot be confused. */
function samples(): Record<string, Of13Message> {
  const port = of13.port({
    portNo: 7,
    hwAddr: "00:11:22:33:44:55",
    name: "eth7",
    config: of13.OFPPC.NO_FWD,
    state: of13.OFPPS.LIVE,
    curr: of13.OFPPF["1GB_FD"] | of13.OFPPF.COPPER,
    advertised: of13.OFPPF["10GB_FD"],
    supported: of13.OFPPF["10GB_FD"] | of13.OFPPF["1GB_FD"],
    peer: of13.OFPPF.AUTONEG,
    currSpeed: 1_000_000,
    maxSpeed: 10_000_000,
  });
  return {
    ERROR: {
      ...of13.error(of13.OFPET.BAD_MATCH, of13.OFPBMC.BAD_PREREQ, bytes(4, 14, 0, 8)),
      xid: 3,
    },
    "ERROR (experimenter)": of13.experimenterError(0x2320, 0x1234, bytes(1, 2, 3)),
    ECHO_REQUEST: { ...of13.echoRequest(bytes(1, 2, 3)), xid: 0xffffffff },
    ECHO_REPLY: of13.echoReply(bytes(9, 8)),
    EXPERIMENTER: of13.experimenterMessage(0x4f4e4600, 0xdead, bytes(1, 2, 3, 4, 5)),
    FEATURES_REQUEST: of13.featuresRequest(),
    FEATURES_REPLY: of13.featuresReply({
      datapathId: 0xfedcba9876543210n,
      nBuffers: 256,
      nTables: 254,
      auxiliaryId: 1,
      capabilities: of13.OFPC.FLOW_STATS | of13.OFPC.PORT_BLOCKED,
      reserved: 0x12345678,
    }),
    GET_CONFIG_REQUEST: of13.getConfigRequest(),
    GET_CONFIG_REPLY: of13.getConfigReply(of13.OFPC_FRAG.REASM, 0xffe5),
    SET_CONFIG: of13.setConfig(of13.OFPC_FRAG.DROP, 1500),
    PACKET_IN: of13.packetIn({
      bufferId: 42,
      reason: of13.OFPR.INVALID_TTL,
      tableId: 3,
      cookie: 0x0102030405060708n,
      match: of13.match({ in_port: 5, eth_type: 0x0800, ipv4_src: "10.0.0.1" }),
      data: bytes(...Array.from({ length: 60 }, (_, i) => i)),
    }),
    FLOW_REMOVED: of13.flowRemoved({
      cookie: 0xffffffffffffffffn,
      priority: 1,
      reason: of13.OFPRR.HARD_TIMEOUT,
      tableId: 9,
      durationSec: 100,
      durationNsec: 999_999_999,
      idleTimeout: 10,
      hardTimeout: 20,
      packetCount: 1n << 40n,
      byteCount: 1n << 50n,
      match: of13.match({ eth_dst: "ff:ff:ff:ff:ff:ff", vlan_vid: [0x1000, 0x1000] }),
    }),
    PORT_STATUS: of13.portStatus(of13.OFPPR.DELETE, port),
    PACKET_OUT: of13.packetOut({
      bufferId: 77,
      inPort: 2,
      actions: [of13.output(of13.OFPP.FLOOD), of13.output(of13.OFPP.CONTROLLER, 128)],
      data: bytes(0xaa, 0xbb, 0xcc),
    }),
    FLOW_MOD: of13.flowMod({
      cookie: 5n,
      cookieMask: 0xffn,
      tableId: 1,
      command: of13.OFPFC.MODIFY_STRICT,
      idleTimeout: 30,
      hardTimeout: 60,
      priority: 1000,
      outPort: 3,
      outGroup: 4,
      flags: of13.OFPFF.SEND_FLOW_REM | of13.OFPFF.CHECK_OVERLAP,
      match: of13.match({ in_port: 1, eth_type: 0x86dd, ipv6_dst: "2001:db8::1" }),
      instructions: [
        of13.applyActions([of13.output(2)]),
        of13.writeMetadata(0xabn, 0xffn),
        of13.gotoTable(2),
      ],
    }),
    GROUP_MOD: of13.groupMod({
      command: of13.OFPGC.MODIFY,
      groupType: of13.OFPGT.FF,
      groupId: 10,
      buckets: [
        { weight: 0, watchPort: 1, watchGroup: of13.OFPG.ANY, actions: [of13.output(1)] },
        { weight: 0, watchPort: 2, watchGroup: of13.OFPG.ANY, actions: [] },
        {
          weight: 0,
          watchPort: of13.OFPP.ANY,
          watchGroup: 11,
          actions: [of13.pushVlan(), of13.group(11)],
        },
      ],
    }),
    PORT_MOD: of13.portMod({
      portNo: 7,
      hwAddr: "00:11:22:33:44:55",
      config: of13.OFPPC.PORT_DOWN,
      mask: of13.OFPPC.PORT_DOWN | of13.OFPPC.NO_PACKET_IN,
      advertise: of13.OFPPF["10GB_FD"],
    }),
    TABLE_MOD: of13.tableMod(4, of13.OFPTC.DEPRECATED_MASK),
    MULTIPART_REQUEST: of13.flowStatsRequest({ tableId: 2, match: of13.match({ in_port: 1 }) }),
    MULTIPART_REPLY: of13.multipartReply(
      { type: "AGGREGATE", packetCount: 10n, byteCount: 1000n, flowCount: 3 },
      of13.OFPMPF.REPLY_MORE,
    ),
    BARRIER_REQUEST: of13.barrierRequest(),
    BARRIER_REPLY: of13.barrierReply(),
    QUEUE_GET_CONFIG_REQUEST: of13.queueGetConfigRequest(3),
    QUEUE_GET_CONFIG_REPLY: of13.queueGetConfigReply(3, [
      {
        queueId: 1,
        port: 3,
        properties: [{ type: "MIN_RATE", rate: 100 }, { type: "MAX_RATE", rate: 900 }],
      },
      {
        queueId: 2,
        port: 3,
        properties: [
          { type: "EXPERIMENTER", experimenter: 999, data: bytes(1, 2, 3) },
          { type: "UNKNOWN", property: 7, data: bytes(0, 1, 2, 3, 4, 5, 6, 7) },
        ],
      },
      { queueId: 3, port: 3, properties: [] },
    ]),
    ROLE_REQUEST: of13.roleRequest(of13.OFPCR_ROLE.MASTER, 0x8000000000000001n),
    ROLE_REPLY: of13.roleReply(of13.OFPCR_ROLE.SLAVE, 7n),
    GET_ASYNC_REQUEST: of13.getAsyncRequest(),
    GET_ASYNC_REPLY: of13.getAsyncReply({ packetInMask: [7, 1] }),
    SET_ASYNC: of13.setAsync({ portStatusMask: [0, 0], flowRemovedMask: [1, 2] }),
    METER_MOD: of13.meterMod({
      command: of13.OFPMC.MODIFY,
      flags: of13.OFPMF.PKTPS | of13.OFPMF.BURST | of13.OFPMF.STATS,
      meterId: 100,
      bands: [
        { type: "DROP", rate: 1000, burstSize: 10 },
        { type: "DSCP_REMARK", rate: 2000, burstSize: 20, precLevel: 2 },
        {
          type: "EXPERIMENTER",
          rate: 3000,
          burstSize: 30,
          experimenter: 999,
          data: bytes(1, 2, 3, 4),
        },
        { type: "UNKNOWN", bandType: 9, rate: 4000, burstSize: 40, data: bytes(5, 6, 7, 8) },
      ],
    }),
  };
}

Deno.test({
  name: "v13 messages: every message type, builder → encode → decode",
  permissions: "none",
  fn: async (t) => {
    const all = samples();
    // Every 1.3 message type but HELLO (common code) has a sample.
    const types = new Set(Object.values(all).map((m) => m.type));
    for (const type of Object.keys(of13.OFPT)) {
      if (type !== "HELLO") {
        assert.ok(types.has(type as Of13Message["type"]), `no sample of ${type}`);
      }
    }
    for (const [name, msg] of Object.entries(all)) {
      await t.step(name, () => {
        const wire = roundTrip(msg);
        assert.equal(wire[0], 4, "version");
        assert.equal(wire[1], of13.OFPT[msg.type], "type number");
        assert.equal(of13.messageTypeName(wire[1]), msg.type);
      });
    }
  },
});

Deno.test({
  name: "v13 messages: builders fill the spec's defaults",
  permissions: "none",
  fn: async (t) => {
    await t.step("flowMod", () => {
      assert.deepEqual(of13.flowMod(), {
        version: 4,
        type: "FLOW_MOD",
        xid: 0,
        cookie: 0n,
        cookieMask: 0n,
        tableId: 0,
        command: of13.OFPFC.ADD,
        idleTimeout: 0,
        hardTimeout: 0,
        priority: 0x8000,
        bufferId: 0xffffffff,
        outPort: 0xffffffff,
        outGroup: 0xffffffff,
        flags: 0,
        match: [],
        instructions: [],
      });
      assert.equal(of13.flowMod({ xid: 9 }).xid, 9);
      const del = of13.flowDeleteAll();
      assert.equal(del.command, of13.OFPFC.DELETE);
      assert.equal(del.tableId, of13.OFPTT.ALL);
    });
    await t.step("packetOut", () => {
      const m = of13.packetOut({ actions: [of13.output(1)] });
      assert.equal(m.bufferId, of13.OFP_NO_BUFFER);
      assert.equal(m.inPort, of13.OFPP.CONTROLLER);
      assert.deepEqual(m.data, new Uint8Array(0));
    });
    await t.step("packetIn", () => {
      const m = of13.packetIn({ data: bytes(1, 2, 3) });
      assert.equal(m.totalLen, 3, "total length follows the data");
      assert.equal(m.bufferId, of13.OFP_NO_BUFFER);
      assert.equal(of13.packetIn({ data: bytes(1), totalLen: 1500 }).totalLen, 1500);
    });
    await t.step("setAsync", () => {
      // Master: packet-in NO_MATCH|ACTION, all port status, all flow removed; slave: port status.
      const m = of13.setAsync();
      assert.deepEqual(m.packetInMask, [0b11, 0]);
      assert.deepEqual(m.portStatusMask, [0b111, 0b111]);
      assert.deepEqual(m.flowRemovedMask, [0b1111, 0]);
      // Each call gets its own arrays.
      m.packetInMask[0] = 0;
      assert.deepEqual(of13.setAsync().packetInMask, [0b11, 0]);
    });
    await t.step("others", () => {
      assert.deepEqual(of13.roleRequest(), {
        version: 4,
        type: "ROLE_REQUEST",
        xid: 0,
        role: of13.OFPCR_ROLE.NOCHANGE,
        generationId: 0n,
      });
      assert.deepEqual(of13.groupMod({ groupId: 1 }).buckets, []);
      assert.equal(of13.meterMod().flags, of13.OFPMF.KBPS);
      assert.equal(of13.queueGetConfigRequest().port, of13.OFPP.ANY);
      assert.equal(of13.tableMod().tableId, of13.OFPTT.ALL);
      assert.deepEqual(of13.echoRequest().data, new Uint8Array(0));
      assert.equal(of13.experimenterError(1, 2).errType, 0xffff);
    });
    await t.step("bucket and bands", () => {
      assert.deepEqual(of13.bucket(), {
        weight: 0,
        watchPort: of13.OFPP.ANY,
        watchGroup: of13.OFPG.ANY,
        actions: [],
      });
      assert.equal(of13.bucket({ weight: 3 }).weight, 3);
      assert.deepEqual(of13.dropBand(1000), { type: "DROP", rate: 1000, burstSize: 0 });
      assert.deepEqual(of13.dscpRemarkBand(500, 2, 10), {
        type: "DSCP_REMARK",
        rate: 500,
        burstSize: 10,
        precLevel: 2,
      });
    });
  },
});

Deno.test({
  name: "v13 messages: hand-computed byte vectors",
  permissions: "none",
  fn: async (t) => {
    const cases: [string, Of13Message, string][] = [
      [
        "ECHO_REQUEST",
        { ...of13.echoRequest(bytes(1, 2, 3)), xid: 7 },
        "04 02 000b 00000007 010203",
      ],
      [
        "ERROR",
        { ...of13.error(1, 6, hex("0400000800000001")), xid: 2 },
        "04 01 0014 00000002 0001 0006 0400000800000001",
      ],
      // Experimenter error: type 0xffff, exp_type, experimenter id, data.
      [
        "ERROR (experimenter)",
        of13.experimenterError(0x2320, 5),
        "04 01 0010 00000000 ffff 0005 00002320",
      ],
      [
        "EXPERIMENTER",
        of13.experimenterMessage(0x2320, 17, hex("aabb")),
        "04 04 0012 00000000 00002320 00000011 aabb",
      ],
      ["FEATURES_REQUEST", of13.featuresRequest(), "04 05 0008 00000000"],
      [
        "FEATURES_REPLY",
        of13.featuresReply({ datapathId: 0xabcn, nBuffers: 256, nTables: 254, capabilities: 0x4f }),
        // datapath_id, n_buffers, n_tables, auxiliary_id, pad[2], capabilities, reserved
        "04 06 0020 00000000 0000000000000abc 00000100 fe 00 0000 0000004f 00000000",
      ],
      ["GET_CONFIG_REPLY", of13.getConfigReply(0, 0xffe5), "04 08 000c 00000000 0000 ffe5"],
      ["SET_CONFIG", of13.setConfig(1, 128), "04 09 000c 00000000 0001 0080"],
      [
        "PACKET_IN",
        of13.packetIn({
          reason: 1,
          tableId: 2,
          cookie: 0x102n,
          match: of13.match({ in_port: 3 }),
          data: hex("deadbeef"),
        }),
        "04 0a 002e 00000000 ffffffff 0004 01 02 0000000000000102" +
        "0001 000c 80000004 00000003 00000000" + // match: OXM in_port=3, padded to 8
        "0000 deadbeef", // pad[2], frame
      ],
      [
        "FLOW_REMOVED",
        of13.flowRemoved({
          cookie: 1n,
          priority: 100,
          reason: 0,
          durationSec: 5,
          durationNsec: 6,
          idleTimeout: 10,
          packetCount: 7n,
          byteCount: 8n,
        }),
        "04 0b 0038 00000000 0000000000000001 0064 00 00 00000005 00000006 000a 0000" +
        "0000000000000007 0000000000000008 0001 0004 00000000",
      ],
      [
        "PORT_STATUS",
        of13.portStatus(
          of13.OFPPR.ADD,
          of13.port({
            portNo: 1,
            hwAddr: "00:11:22:33:44:55",
            name: "eth1",
            state: 4,
            currSpeed: 10_000,
          }),
        ),
        "04 0c 0050 00000000 00 00000000000000" + // reason, pad[7]
        "00000001 00000000 001122334455 0000 65746831000000000000000000000000" + // port_no, pad, hw_addr, pad, name
        "00000000 00000004 00000000 00000000 00000000 00000000 00002710 00000000",
      ],
      [
        "PACKET_OUT",
        of13.packetOut({ actions: [of13.output(1)], data: hex("0102") }),
        "04 0d 002a 00000000 ffffffff fffffffd 0010 000000000000" +
        "0000 0010 00000001 ffe5 000000000000 0102",
      ],
      [
        "FLOW_MOD",
        of13.flowMod({ instructions: [of13.gotoTable(1)] }),
        "04 0e 0040 00000000 0000000000000000 0000000000000000 00 00 0000 0000 8000" +
        "ffffffff ffffffff ffffffff 0000 0000 0001 0004 00000000 0001 0008 01 000000",
      ],
      [
        "GROUP_MOD",
        of13.groupMod({
          groupId: 1,
          groupType: of13.OFPGT.SELECT,
          buckets: [{
            weight: 1,
            watchPort: of13.OFPP.ANY,
            watchGroup: of13.OFPG.ANY,
            actions: [of13.output(2)],
          }],
        }),
        "04 0f 0030 00000000 0000 01 00 00000001" +
        "0020 0001 ffffffff ffffffff 00000000" + // bucket: len, weight, watch_port, watch_group, pad
        "0000 0010 00000002 ffe5 000000000000",
      ],
      [
        "PORT_MOD",
        of13.portMod({ portNo: 1, hwAddr: "00:11:22:33:44:55", config: 1, mask: 1 }),
        "04 10 0028 00000000 00000001 00000000 001122334455 0000 00000001 00000001 00000000 00000000",
      ],
      ["TABLE_MOD", of13.tableMod(0xff, 3), "04 11 0010 00000000 ff 000000 00000003"],
      ["MULTIPART_REQUEST", of13.portDescRequest(), "04 12 0010 00000000 000d 0000 00000000"],
      ["BARRIER_REQUEST", of13.barrierRequest(), "04 14 0008 00000000"],
      ["BARRIER_REPLY", of13.barrierReply(), "04 15 0008 00000000"],
      [
        "QUEUE_GET_CONFIG_REQUEST",
        of13.queueGetConfigRequest(1),
        "04 16 0010 00000000 00000001 00000000",
      ],
      [
        "QUEUE_GET_CONFIG_REPLY",
        of13.queueGetConfigReply(1, [{
          queueId: 7,
          port: 1,
          properties: [{ type: "MIN_RATE", rate: 100 }],
        }]),
        "04 17 0030 00000000 00000001 00000000" +
        "00000007 00000001 0020 000000000000" + // queue_id, port, len, pad[6]
        "0001 0010 00000000 0064 000000000000", // MIN_RATE: property, len, pad[4], rate, pad[6]
      ],
      [
        "ROLE_REQUEST",
        of13.roleRequest(2, 5n),
        "04 18 0018 00000000 00000002 00000000 0000000000000005",
      ],
      ["GET_ASYNC_REQUEST", of13.getAsyncRequest(), "04 1a 0008 00000000"],
      [
        "SET_ASYNC",
        of13.setAsync(),
        "04 1c 0020 00000000 00000003 00000000 00000007 00000007 0000000f 00000000",
      ],
      [
        "METER_MOD",
        of13.meterMod({
          meterId: 1,
          flags: of13.OFPMF.KBPS | of13.OFPMF.BURST,
          bands: [
            { type: "DROP", rate: 1000, burstSize: 100 },
            { type: "DSCP_REMARK", rate: 2000, burstSize: 0, precLevel: 1 },
          ],
        }),
        "04 1d 0030 00000000 0000 0005 00000001" +
        "0001 0010 000003e8 00000064 00000000" +
        "0002 0010 000007d0 00000000 01 000000",
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

Deno.test({
  name: "v13 messages: unknown type numbers decode as RAW and re-encode byte-exact",
  permissions: "none",
  fn: () => {
    for (const type of [30, 31, 99, 255]) {
      const wire = hex(`04 ${type.toString(16).padStart(2, "0")} 000b 00000005 010203`);
      const msg = decode(wire);
      assert.deepEqual(msg, {
        version: 4,
        type: "RAW",
        xid: 5,
        msgType: type,
        body: hex("010203"),
      });
      assert.deepEqual(encode(msg), wire);
      assert.equal(of13.messageTypeName(type), `TYPE_${type}`);
    }
  },
});

Deno.test({
  name: "v13 messages: encoding rejects bad objects with OfpEncodeError",
  permissions: "none",
  fn: async (t) => {
    const cases: [string, unknown][] = [
      ["unknown type", { version: 4, type: "NOPE", xid: 0 }],
      ["xid out of range", { ...of13.barrierRequest(), xid: -1 }],
      ["priority over 16 bits", of13.flowMod({ priority: 0x10000 })],
      ["cookie not a bigint", of13.flowMod({ cookie: 1 as unknown as bigint })],
      ["bad MAC", of13.portMod({ hwAddr: "00:11" })],
      ["bucket list not an array", of13.groupMod({ buckets: {} as unknown as [] })],
      ["unknown band type", of13.meterMod({ bands: [{ type: "NOPE" } as never] })],
      [
        "unknown queue property",
        of13.queueGetConfigReply(1, [{
          queueId: 1,
          port: 1,
          properties: [{ type: "NOPE" } as never],
        }]),
      ],
      [
        "async mask not a pair",
        of13.setAsync({ packetInMask: [1] as unknown as [number, number] }),
      ],
      ["unknown multipart body", of13.multipartRequest({ type: "NOPE" } as never)],
      ["missing features field", { ...of13.featuresReply(), nBuffers: undefined }],
    ];
    for (const [name, msg] of cases) {
      await t.step(name, () => {
        assert.throws(() => encode(msg as OfpMessage), OfpEncodeError);
      });
    }
  },
});

/**
 * Decodes `wire` and returns "rejected" (OfpDecodeError) or "accepted" (decoded, and the
 * result round-trips); any other exception fails the test.
 */
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

/** `wire` cut to `len` bytes with its header length set to match. */
function cut(wire: Uint8Array, len: number): Uint8Array {
  const prefix = wire.slice(0, len);
  new DataView(prefix.buffer).setUint16(2, len);
  return prefix;
}

// Messages whose every byte is fixed by the spec: every strict prefix must be rejected.
const FIXED = new Set([
  "FEATURES_REPLY",
  "GET_CONFIG_REPLY",
  "SET_CONFIG",
  "PORT_STATUS",
  "PORT_MOD",
  "TABLE_MOD",
  "QUEUE_GET_CONFIG_REQUEST",
  "ROLE_REQUEST",
  "ROLE_REPLY",
  "GET_ASYNC_REPLY",
  "SET_ASYNC",
]);

Deno.test({
  name: "v13 messages: every truncated prefix raises only OfpDecodeError",
  permissions: "none",
  fn: async (t) => {
    for (const [name, msg] of Object.entries(samples())) {
      await t.step(name, () => {
        const wire = encode(msg);
        let rejected = 0;
        for (let len = 8; len < wire.length; len++) {
          if (probe(cut(wire, len), `${name} cut at ${len}`) === "rejected") rejected++;
          // Without the header fixed, the frame disagrees with its header.
          assert.throws(() => decode(wire.subarray(0, len)), OfpDecodeError);
        }
        if (FIXED.has(name)) assert.equal(rejected, wire.length - 8, "every prefix rejected");
        // A message with a fixed part rejects at least its cuts inside that part.
        if (wire.length > 8 && !/ECHO|EXPERIMENTER$|^ERROR/.test(name)) {
          assert.ok(rejected > 0, "some prefixes rejected");
        }
      });
    }
  },
});

/**
 * Inner length fields of the samples: where they sit and which values must be rejected
 * (beyond "only OfpDecodeError" for every one of the 65,536 values).
 */
const INNER_LENGTHS: [sample: string, field: string, at: number, mustReject: number[]][] = [
  // ofp_match.length: header 8 + fixed 16, then type(2) length(2).
  ["PACKET_IN", "match.length", 26, [0, 1, 2, 3, 0xffff]],
  ["FLOW_REMOVED", "match.length", 50, [0, 3, 0xffff]],
  ["FLOW_MOD", "match.length", 50, [0, 3, 0xffff]],
  // actions_len of PACKET_OUT: 0 is valid (the actions become the frame), past the end is not.
  ["PACKET_OUT", "actions_len", 16, [1, 4, 8, 0xffff]],
  // First bucket's len, first action's len inside it.
  ["GROUP_MOD", "buckets[0].len", 16, [0, 1, 15, 33, 0xffff]],
  ["GROUP_MOD", "buckets[0].actions[0].len", 34, [0, 4, 7, 17, 0xffff]],
  // Meter bands: type(2) len(2).
  ["METER_MOD", "bands[0].len", 18, [0, 8, 15, 17, 0xffff]],
  ["METER_MOD", "bands[1].len", 34, [0, 8, 15, 17, 0xffff]],
  ["METER_MOD", "bands[2].len", 50, [0, 8, 15, 0xffff]],
  // Queues: queue_id(4) port(4) len(2); properties: property(2) len(2).
  ["QUEUE_GET_CONFIG_REPLY", "queues[0].len", 24, [0, 15, 0xffff]],
  ["QUEUE_GET_CONFIG_REPLY", "queues[0].properties[0].len", 34, [0, 7, 15, 17, 0xffff]],
  // Flow-mod instructions: the first follows the 40-byte fixed part and the padded match.
  ["FLOW_MOD", "instructions[0].len", 0, [0, 4, 7, 0xffff]],
];

Deno.test({
  name: "v13 messages: corrupted inner lengths raise only OfpDecodeError",
  permissions: "none",
  fn: async (t) => {
    const all = samples();
    for (const [name, field, fixedAt, mustReject] of INNER_LENGTHS) {
      await t.step(`${name} ${field}`, () => {
        const wire = encode(all[name]);
        const view = new DataView(wire.buffer);
        // The flow-mod's first instruction sits after its match, padded to 8.
        const at = fixedAt || 48 + ((view.getUint16(50) + 7) & ~7) + 2;
        const original = view.getUint16(at);
        assert.ok(original > 0 && original < wire.length, `${field} at ${at} holds ${original}`);
        // Every value up to past the frame's end, then a spread of larger ones (which all
        // run past the end the same way).
        const values = [];
        for (let v = 0; v <= wire.length + 64; v++) values.push(v);
        for (let v = wire.length + 65; v <= 0xffff; v += 251) values.push(v);
        values.push(0xffff);
        let accepted = 0;
        for (const v of values) {
          const bad = wire.slice();
          new DataView(bad.buffer).setUint16(at, v);
          const verdict = probe(bad, `${name} ${field}=${v}`);
          if (v === original) assert.equal(verdict, "accepted");
          else if (verdict === "accepted") accepted++;
          if (mustReject.includes(v)) assert.equal(verdict, "rejected", `${field}=${v}`);
        }
        // The few accepted re-frame valid structures (a match reaching into a packet-in's frame).
        assert.ok(accepted <= 8, `${field}: ${accepted} wrong values accepted`);
      });
    }
  },
});

Deno.test({
  name: "v13 messages: error, type and multipart names",
  permissions: "none",
  fn: () => {
    assert.equal(of13.errorName(1, 6), "OFPBRC_BAD_LEN");
    assert.equal(
      of13.errorName(of13.OFPET.FLOW_MOD_FAILED, of13.OFPFMFC.TABLE_FULL),
      "OFPFMFC_TABLE_FULL",
    );
    assert.equal(of13.errorName(of13.OFPET.METER_MOD_FAILED, 11), "OFPMMFC_OUT_OF_BANDS");
    assert.equal(of13.errorName(of13.OFPET.TABLE_FEATURES_FAILED, 5), "OFPTFFC_EPERM");
    assert.equal(of13.errorName(1, 99), "OFPET_1/99");
    assert.equal(of13.errorName(77, 0), "OFPET_77/0");
    assert.equal(of13.errorTypeName(4), "OFPET_BAD_MATCH");
    assert.equal(of13.errorTypeName(0xffff), "OFPET_EXPERIMENTER");
    assert.equal(of13.errorTypeName(50), "OFPET_50");
    assert.equal(of13.messageTypeName(10), "PACKET_IN");
    assert.equal(of13.multipartTypeName(13), "PORT_DESC");
    assert.equal(of13.multipartTypeName(0xffff), "EXPERIMENTER");
    assert.equal(of13.multipartTypeName(99), "MULTIPART_99");
    // Every error type of the spec has its code table, and every code has a name.
    for (const [typeName, errType] of Object.entries(of13.OFPET)) {
      if (typeName === "EXPERIMENTER") continue;
      const table = of13.OFP_ERROR_CODES[errType];
      assert.ok(table, `no codes for ${typeName}`);
      for (const [codeName, code] of Object.entries(table.codes)) {
        assert.equal(of13.errorName(errType, code), `${table.prefix}_${codeName}`);
      }
    }
    // Code counts of OpenFlow 1.3.5 (openflow-1.3.h), per error type.
    const counts = Object.values(of13.OFP_ERROR_CODES).map((t) => Object.keys(t.codes).length);
    assert.deepEqual(counts, [2, 14, 16, 9, 12, 8, 15, 5, 3, 3, 3, 3, 12, 6]);
  },
});

Deno.test({
  name: "v13 messages: decode errors name the structure and its offset",
  permissions: "none",
  fn: async (t) => {
    const cases: [string, string, string, number][] = [
      [
        "bucket shorter than its header",
        "04 0f 0020 00000000 0000 00 00 00000001 0008 0000 ffffffff ffffffff 00000000",
        "group_mod.buckets[].len",
        16,
      ],
      [
        "DROP band of 24 bytes",
        "04 1d 0028 00000000 0000 0001 00000001" +
        "0001 0018 000003e8 00000064 00000000 0000000000000000",
        "meter_mod.bands[].len",
        18,
      ],
      [
        "experimenter band without its experimenter id",
        "04 1d 001c 00000000 0000 0001 00000001 ffff 000c 000003e8 00000064",
        "meter_mod.bands[].len",
        18,
      ],
      [
        "queue shorter than its header",
        "04 17 0020 00000000 00000001 00000000 00000007 00000001 0008 000000000000",
        "queue_get_config_reply.queues[].len",
        24,
      ],
      [
        "MIN_RATE property of 8 bytes",
        "04 17 0028 00000000 00000001 00000000 00000007 00000001 0018 000000000000" +
        "0001 0008 00000000",
        "queue_get_config_reply.queues[].properties[].len",
        34,
      ],
      [
        "PACKET_OUT actions running past the frame",
        "04 0d 0018 00000000 ffffffff fffffffd 0010 000000000000",
        "packet_out.actionsLen",
        24,
      ],
      [
        "FEATURES_REPLY cut short",
        "04 06 0018 00000000 0000000000000001 00000000 00 00 0000",
        "features_reply",
        8,
      ],
    ];
    for (const [name, wire, path, offset] of cases) {
      await t.step(name, () => {
        assert.throws(
          () => decode(hex(wire)),
          (e) => {
            assert.ok(e instanceof OfpDecodeError, String(e));
            assert.equal(e.path, path);
            assert.equal(e.offset, offset);
            return true;
          },
        );
      });
    }
  },
});

Deno.test({
  name: "v13 messages: bands and queue properties of unknown types need only their header",
  permissions: "none",
  fn: () => {
    // A band of type 9: the 12-byte band header (type, len, rate, burst_size) and nothing else.
    const meter = hex("04 1d 001c 00000000 0000 0001 00000001 0009 000c 00000001 00000002");
    const m = decode(meter);
    assert.ok(m.type === "METER_MOD");
    assert.deepEqual(m.bands, [
      { type: "UNKNOWN", bandType: 9, rate: 1, burstSize: 2, data: new Uint8Array(0) },
    ]);
    assert.deepEqual(encode(m), meter);
    // A queue property of type 9: the 8-byte property header only.
    const queue = hex(
      "04 17 0028 00000000 00000001 00000000 00000007 00000001 0018 000000000000" +
        "0009 0008 00000000",
    );
    const q = decode(queue);
    assert.ok(q.type === "QUEUE_GET_CONFIG_REPLY");
    assert.deepEqual(q.queues[0].properties, [
      { type: "UNKNOWN", property: 9, data: new Uint8Array(0) },
    ]);
    assert.deepEqual(encode(q), queue);
  },
});

Deno.test({
  name: "v13 messages: the of13 namespace exposes builders and tables, not wire internals",
  permissions: "none",
  fn: () => {
    const names = Object.keys(of13);
    const leaked = names.filter((n) => /^(decode|encode)/.test(n));
    assert.deepEqual(leaked, [], "wire decoders and encoders stay internal");
    // A builder for every message type (HELLO has its own in the common module).
    const builders = [
      "error",
      "experimenterError",
      "echoRequest",
      "echoReply",
      "experimenterMessage",
      "featuresRequest",
      "featuresReply",
      "getConfigRequest",
      "getConfigReply",
      "setConfig",
      "packetIn",
      "flowRemoved",
      "portStatus",
      "packetOut",
      "flowMod",
      "groupMod",
      "portMod",
      "tableMod",
      "multipartRequest",
      "multipartReply",
      "barrierRequest",
      "barrierReply",
      "queueGetConfigRequest",
      "queueGetConfigReply",
      "roleRequest",
      "roleReply",
      "getAsyncRequest",
      "getAsyncReply",
      "setAsync",
      "meterMod",
    ];
    const built = new Set<string>();
    for (const name of builders) {
      const fn = (of13 as unknown as Record<string, unknown>)[name];
      assert.equal(typeof fn, "function", `of13.${name}`);
    }
    for (const msg of Object.values(samples())) built.add(msg.type);
    assert.equal(built.size, Object.keys(of13.OFPT).length - 1, "one sample per non-HELLO type");
    // The tables of every enum the spec defines for messages, with the OXM and action ones.
    for (
      const table of [
        "OFPT",
        "OFPET",
        "OFPMP",
        "OFPMPF",
        "OFPC",
        "OFPC_FRAG",
        "OFPPC",
        "OFPPS",
        "OFPPF",
        "OFPPR",
        "OFPR",
        "OFPRR",
        "OFPFC",
        "OFPFF",
        "OFPGC",
        "OFPGT",
        "OFPGFC",
        "OFPMC",
        "OFPMF",
        "OFPMBT",
        "OFPTC",
        "OFPCR_ROLE",
        "OFPQT",
        "OFPTFPT",
        "OFPTT",
        "OFPM",
        "OFPP",
        "OFPG",
        "OFPCML",
        "OFPAT",
        "OFPIT",
        "OFPXMC",
      ]
    ) {
      const value = (of13 as unknown as Record<string, unknown>)[table];
      assert.ok(value !== null && typeof value === "object", `of13.${table}`);
      assert.ok(Object.keys(value as object).length > 0, `of13.${table} is empty`);
    }
  },
});
