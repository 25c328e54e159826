// OpenFlow 1.3 messages written by Ryu, libofproto and ovs-ofctl (the shared corpus): each
// decodes, re-encodes byte-exact, and its fields agree with Ryu's own decoding of the same
// bytes, compared class by class with Ryu's names mapped to ours.
import assert from "node:assert/strict";
import {
  decode,
  encode,
  helloVersions,
  of13,
  OfpDecodeError,
  readHeader,
} from "../../src/ofp/mod.ts";
import type {
  Of13Action,
  Of13Instruction,
  Of13Match,
  OfpMessage,
  OxmTlv,
} from "../../src/ofp/mod.ts";
import { readCorpus } from "../_util/corpus.ts";
import { peerTest } from "../_util/peers.ts";

// Ryu's JSON is untyped: every object is `{ ClassName: { field: value } }`.
// deno-lint-ignore no-explicit-any
type Json = any;
// deno-lint-ignore no-explicit-any
type Ours = any;

/** Counts the leaf values compared, so a comparison that silently compares nothing fails. */
class Agreement {
  compared = 0;

  /** One leaf value: numbers against numbers or bigints, strings against strings. */
  eq(ryu: unknown, ours: unknown, path: string): void {
    if (typeof ours === "bigint") {
      assert.equal(typeof ryu, "number", `${path}: Ryu has ${String(ryu)}`);
      // JSON numbers above 2^53 lost precision in Ryu's file: compare as doubles then.
      if (Number.isSafeInteger(ryu)) assert.equal(ours, BigInt(ryu as number), path);
      else assert.equal(Number(ours), ryu, path);
    } else if (typeof ours === "string" && typeof ryu === "string") {
      assert.equal(ours.toLowerCase(), ryu.toLowerCase(), path);
    } else {
      assert.equal(ours, ryu, path);
    }
    this.compared++;
  }

  /** Several fields named the same except for case: `[ryu_name, ourName]` pairs. */
  fields(ryu: Json, ours: Ours, names: string[], path: string): void {
    for (const name of names) this.eq(ryu[name], ours[camel(name)], `${path}.${camel(name)}`);
  }

  /** Base64 text (Ryu's bytes) against our bytes. */
  bytes(ryuBase64: string, ours: Uint8Array, path: string): void {
    assert.ok(ours instanceof Uint8Array, `${path}: expected bytes`);
    assert.deepEqual(ours, Uint8Array.from(atob(ryuBase64), (c) => c.charCodeAt(0)), path);
    this.compared++;
  }

  list<T>(ryu: Json[], ours: T[], each: (r: Json, o: T, path: string) => void, path: string) {
    assert.ok(Array.isArray(ours), `${path}: expected a list`);
    assert.equal(
      ours.length,
      ryu.length,
      `${path}: ${ryu.length} items in Ryu's, ${ours.length} in ours`,
    );
    for (let i = 0; i < ryu.length; i++) each(ryu[i], ours[i], `${path}[${i}]`);
  }
}

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

function unwrap(v: Json): [string, Json] {
  const keys = Object.keys(v);
  assert.equal(keys.length, 1, `expected a { Class: {...} } wrapper, got keys ${keys}`);
  return [keys[0], v[keys[0]]];
}

const BASIC_FIELDS = new Set(of13.OXM_FIELDS.map((f) => f.name as string));

function oxm(a: Agreement, ryuTlv: Json, ours: OxmTlv, path: string): void {
  const [cls, t] = unwrap(ryuTlv);
  assert.equal(cls, "OXMTlv");
  if (ours.field === "UNKNOWN" || ours.field === "EXPERIMENTER") {
    // Nicira and ONF fields are kept as bytes; Ryu names them (reg0, pkt_mark, pbb_uca...).
    assert.ok(!BASIC_FIELDS.has(t.field), `${path}: ${t.field} is a basic field, not kept raw`);
    return;
  }
  a.eq(t.field, ours.field, `${path}.field`);
  a.eq(t.value, ours.value, `${path}.value`);
  if (t.mask === null) assert.equal(ours.mask, undefined, `${path}.mask`);
  else a.eq(t.mask, ours.mask, `${path}.mask`);
}

function match(a: Agreement, ryuMatch: Json, ours: Of13Match, path: string): void {
  const [cls, m] = unwrap(ryuMatch);
  assert.equal(cls, "OFPMatch");
  a.list(m.oxm_fields, ours, (r, o, p) => oxm(a, r, o, p), path);
}

const BARE_ACTIONS: Record<string, string> = {
  OFPActionCopyTtlOut: "COPY_TTL_OUT",
  OFPActionCopyTtlIn: "COPY_TTL_IN",
  OFPActionDecMplsTtl: "DEC_MPLS_TTL",
  OFPActionPopVlan: "POP_VLAN",
  OFPActionDecNwTtl: "DEC_NW_TTL",
  OFPActionPopPbb: "POP_PBB",
};
const ETHERTYPE_ACTIONS: Record<string, string> = {
  OFPActionPushVlan: "PUSH_VLAN",
  OFPActionPushMpls: "PUSH_MPLS",
  OFPActionPushPbb: "PUSH_PBB",
  OFPActionPopMpls: "POP_MPLS",
};

function action(a: Agreement, ryuAction: Json, ours: Of13Action, path: string): void {
  const [cls, r] = unwrap(ryuAction);
  const o = ours as Ours;
  if (cls in BARE_ACTIONS) return a.eq(BARE_ACTIONS[cls], o.type, `${path}.type`);
  if (cls in ETHERTYPE_ACTIONS) {
    a.eq(ETHERTYPE_ACTIONS[cls], o.type, `${path}.type`);
    return a.eq(r.ethertype, o.ethertype, `${path}.ethertype`);
  }
  switch (cls) {
    case "OFPActionOutput":
      a.eq("OUTPUT", o.type, `${path}.type`);
      return a.fields(r, o, ["port", "max_len"], path);
    case "OFPActionSetMplsTtl":
      a.eq("SET_MPLS_TTL", o.type, `${path}.type`);
      return a.fields(r, o, ["mpls_ttl"], path);
    case "OFPActionSetNwTtl":
      a.eq("SET_NW_TTL", o.type, `${path}.type`);
      return a.fields(r, o, ["nw_ttl"], path);
    case "OFPActionSetQueue":
      a.eq("SET_QUEUE", o.type, `${path}.type`);
      return a.fields(r, o, ["queue_id"], path);
    case "OFPActionGroup":
      a.eq("GROUP", o.type, `${path}.type`);
      return a.fields(r, o, ["group_id"], path);
    case "OFPActionSetField":
      a.eq("SET_FIELD", o.type, `${path}.type`);
      return oxm(a, r.field, o.field, `${path}.field`);
    default:
      // Experimenter actions (Nicira's NX*, unknown ones): Ryu interprets the body, ours
      // keeps it as bytes; the experimenter id is common ground.
      assert.match(cls, /^(NX|OFPActionExperimenter)/, `${path}: unexpected Ryu class ${cls}`);
      a.eq("EXPERIMENTER", o.type, `${path}.type`);
      a.eq(r.experimenter, o.experimenter, `${path}.experimenter`);
  }
}

const actions = (a: Agreement, ryu: Json[], ours: Of13Action[], path: string) =>
  a.list(ryu, ours, (r, o, p) => action(a, r, o, p), path);

function instruction(a: Agreement, ryuInst: Json, ours: Of13Instruction, path: string): void {
  const [cls, r] = unwrap(ryuInst);
  const o = ours as Ours;
  switch (cls) {
    case "OFPInstructionActions":
      a.eq(of13.OFPIT[o.type as keyof typeof of13.OFPIT], r.type, `${path}.type`);
      return actions(a, r.actions, o.actions, `${path}.actions`);
    case "OFPInstructionGotoTable":
      a.eq("GOTO_TABLE", o.type, `${path}.type`);
      return a.fields(r, o, ["table_id"], path);
    case "OFPInstructionWriteMetadata":
      a.eq("WRITE_METADATA", o.type, `${path}.type`);
      return a.fields(r, o, ["metadata", "metadata_mask"], path);
    case "OFPInstructionMeter":
      a.eq("METER", o.type, `${path}.type`);
      return a.fields(r, o, ["meter_id"], path);
    default:
      assert.fail(`${path}: unexpected Ryu instruction class ${cls}`);
  }
}

const instructions = (a: Agreement, ryu: Json[], ours: Of13Instruction[], path: string) =>
  a.list(ryu, ours, (r, o, p) => instruction(a, r, o, p), path);

function bucket(a: Agreement, ryuBucket: Json, ours: Ours, path: string): void {
  const [cls, r] = unwrap(ryuBucket);
  assert.equal(cls, "OFPBucket");
  a.fields(r, ours, ["weight", "watch_port", "watch_group"], path);
  actions(a, r.actions, ours.actions, `${path}.actions`);
}

function band(a: Agreement, ryuBand: Json, ours: Ours, path: string): void {
  const [cls, r] = unwrap(ryuBand);
  const type = { OFPMeterBandDrop: "DROP", OFPMeterBandDscpRemark: "DSCP_REMARK" }[cls as string] ??
    "EXPERIMENTER";
  a.eq(type, ours.type, `${path}.type`);
  a.fields(r, ours, ["rate", "burst_size"], path);
  if (type === "DSCP_REMARK") a.fields(r, ours, ["prec_level"], path);
  if (type === "EXPERIMENTER") a.fields(r, ours, ["experimenter"], path);
}

const PORT_FIELDS = [
  "port_no",
  "hw_addr",
  "name",
  "config",
  "state",
  "curr",
  "advertised",
  "supported",
  "peer",
  "curr_speed",
  "max_speed",
];

function port(a: Agreement, ryuPort: Json, ours: Ours, path: string): void {
  const [cls, r] = unwrap(ryuPort);
  assert.equal(cls, "OFPPort");
  a.fields(r, ours, PORT_FIELDS, path);
}

/** Ryu's experimenter property data is a list of 32-bit words; ours the bytes. */
function words(a: Agreement, ryuWords: number[], ours: Uint8Array, path: string): void {
  const want = new Uint8Array(ryuWords.length * 4);
  const view = new DataView(want.buffer);
  ryuWords.forEach((w, i) => view.setUint32(i * 4, w));
  assert.deepEqual(ours, want, path);
  a.compared++;
}

function tableFeatures(a: Agreement, ryuTable: Json, ours: Ours, path: string): void {
  const [cls, r] = unwrap(ryuTable);
  assert.equal(cls, "OFPTableFeaturesStats");
  a.fields(
    r,
    ours,
    ["table_id", "name", "metadata_match", "metadata_write", "config", "max_entries"],
    path,
  );
  a.list(r.properties, ours.properties, (rp, op: Ours, p) => {
    const [pcls, prop] = unwrap(rp);
    a.eq(prop.type, of13.OFPTFPT[op.type as keyof typeof of13.OFPTFPT], `${p}.type`);
    switch (pcls) {
      case "OFPTableFeaturePropInstructions":
      case "OFPTableFeaturePropActions": {
        const ids = prop.instruction_ids ?? prop.action_ids;
        a.list(ids, op.ids, (ri, oi: Ours, pi) => {
          const [, id] = unwrap(ri);
          a.eq(id.type, oi.type, `${pi}.type`);
          a.eq(id.len, 4 + oi.data.length, `${pi}.len`);
        }, `${p}.ids`);
        break;
      }
      case "OFPTableFeaturePropNextTables":
        a.list(prop.table_ids, op.tableIds, (ri, oi, pi) => a.eq(ri, oi, pi), `${p}.tableIds`);
        break;
      case "OFPTableFeaturePropOxm":
        a.list(prop.oxm_ids, op.oxmIds, (ri, oi: number, pi) => {
          const [, id] = unwrap(ri);
          // A 32-bit OXM header: class (16) | field (7) | hasmask (1) | length (8).
          assert.equal(oi >>> 16, of13.OFPXMC.OPENFLOW_BASIC, `${pi}: class`);
          a.eq(id.type, of13.OXM_FIELDS[(oi >>> 9) & 0x7f].name, `${pi}.field`);
          a.eq(id.hasmask, (oi >>> 8) & 1, `${pi}.hasmask`);
          a.eq(id.length, oi & 0xff, `${pi}.length`);
        }, `${p}.oxmIds`);
        break;
      case "OFPTableFeaturePropExperimenter":
        a.fields(prop, op, ["experimenter", "exp_type"], p);
        words(a, prop.data, op.data, `${p}.data`);
        break;
      default:
        assert.fail(`${p}: unexpected Ryu property class ${pcls}`);
    }
  }, `${path}.properties`);
}

/** Per-entry comparison of Ryu's stats classes. */
function statsEntry(a: Agreement, ryuEntry: Json, ours: Ours, path: string): void {
  const [cls, r] = unwrap(ryuEntry);
  switch (cls) {
    case "OFPFlowStats":
      a.fields(r, ours, [
        "table_id",
        "duration_sec",
        "duration_nsec",
        "priority",
        "idle_timeout",
        "hard_timeout",
        "flags",
        "cookie",
        "packet_count",
        "byte_count",
      ], path);
      match(a, r.match, ours.match, `${path}.match`);
      return instructions(a, r.instructions, ours.instructions, `${path}.instructions`);
    case "OFPTableStats":
      return a.fields(r, ours, ["table_id", "active_count", "lookup_count", "matched_count"], path);
    case "OFPPortStats":
      return a.fields(r, ours, Object.keys(r), path);
    case "OFPQueueStats":
      return a.fields(r, ours, Object.keys(r), path);
    case "OFPGroupStats":
      a.fields(r, ours, [
        "group_id",
        "ref_count",
        "packet_count",
        "byte_count",
        "duration_sec",
        "duration_nsec",
      ], path);
      return a.list(r.bucket_stats, ours.bucketStats, (rb, ob, p) => {
        a.fields(unwrap(rb)[1], ob, ["packet_count", "byte_count"], p);
      }, `${path}.bucketStats`);
    case "OFPGroupDescStats":
      a.eq(r.type, ours.groupType, `${path}.groupType`);
      a.fields(r, ours, ["group_id"], path);
      return a.list(r.buckets, ours.buckets, (rb, ob, p) => bucket(a, rb, ob, p), path);
    case "OFPMeterStats":
      a.fields(r, ours, [
        "meter_id",
        "flow_count",
        "packet_in_count",
        "byte_in_count",
        "duration_sec",
        "duration_nsec",
      ], path);
      return a.list(r.band_stats, ours.bandStats, (rb, ob, p) => {
        a.fields(unwrap(rb)[1], ob, ["packet_band_count", "byte_band_count"], p);
      }, `${path}.bandStats`);
    case "OFPMeterConfigStats":
      a.fields(r, ours, ["flags", "meter_id"], path);
      return a.list(r.bands, ours.bands, (rb, ob, p) => band(a, rb, ob, p), `${path}.bands`);
    case "OFPTableFeaturesStats":
      return tableFeatures(a, ryuEntry, ours, path);
    case "OFPPort":
      return port(a, ryuEntry, ours, path);
    default:
      assert.fail(`${path}: unexpected Ryu stats class ${cls}`);
  }
}

/** A multipart message: Ryu's `type` is the multipart type, `body` a list or one struct. */
function multipart(a: Agreement, r: Json, msg: Ours, path: string): void {
  a.eq(r.type, of13.OFPMP[msg.body.type as keyof typeof of13.OFPMP], `${path}.body.type`);
  a.eq(r.flags, msg.flags, `${path}.flags`);
  const body = msg.body;
  if (r.body === undefined) {
    // A request: Ryu keeps the body's fields on the message itself.
    switch (body.type) {
      case "FLOW":
      case "AGGREGATE":
        a.fields(r, body, ["table_id", "out_port", "out_group", "cookie", "cookie_mask"], path);
        return match(a, r.match, body.match, `${path}.body.match`);
      case "PORT_STATS":
        return a.fields(r, body, ["port_no"], path);
      case "QUEUE":
        return a.fields(r, body, ["port_no", "queue_id"], path);
      case "GROUP":
        return a.fields(r, body, ["group_id"], path);
      case "METER":
      case "METER_CONFIG":
        return a.fields(r, body, ["meter_id"], path);
      case "EXPERIMENTER":
        a.fields(r, body, ["experimenter", "exp_type"], path);
        return a.bytes(r.data, body.data, `${path}.body.data`);
      default:
        // DESC, TABLE, GROUP_DESC, GROUP_FEATURES, METER_FEATURES, PORT_DESC: no fields.
        assert.deepEqual(Object.keys(body), ["type"], `${path}: an empty request body`);
        return;
    }
  }
  if (Array.isArray(r.body)) {
    if (body.entries !== undefined) {
      return a.list(
        r.body,
        body.entries,
        (re, oe, p) => statsEntry(a, re, oe, p),
        `${path}.entries`,
      );
    }
    // Ryu lists METER_FEATURES as a one-element body; ours is the struct itself.
    assert.equal(r.body.length, 1, `${path}: one struct`);
    const [, s] = unwrap(r.body[0]);
    return a.fields(s, body, Object.keys(s), `${path}.body`);
  }
  const [cls, s] = unwrap(r.body);
  if (cls === "OFPExperimenterMultipart") {
    a.fields(s, body, ["experimenter", "exp_type"], `${path}.body`);
    return a.bytes(s.data, body.data, `${path}.body.data`);
  }
  // DESC, AGGREGATE, GROUP_FEATURES: one struct whose fields are ours.
  for (const k of Object.keys(s)) {
    const ours = body[camel(k)];
    if (Array.isArray(s[k])) {
      a.list(s[k], ours, (rv, ov, p) => a.eq(rv, ov, p), `${path}.body.${camel(k)}`);
    } else {
      a.eq(s[k], ours, `${path}.body.${camel(k)}`);
    }
  }
}

/** Ryu's class → our message type, and the comparison of the fields both decode. */
function compareMessage(a: Agreement, ryu: Json, msg: OfpMessage, path: string): void {
  const [cls, r] = unwrap(ryu);
  const m = msg as Ours;
  const expectType = (type: string) => assert.equal(m.type, type, `${path}: ${cls}`);
  switch (cls) {
    case "OFPHello":
      expectType("HELLO");
      // Ryu lists the versions of the bitmap.
      a.list(
        unwrap(r.elements[0])[1].versions,
        helloVersions(m)!,
        (rv, ov, p) => a.eq(rv, ov, p),
        `${path}.versions`,
      );
      return;
    case "OFPEchoRequest":
    case "OFPEchoReply":
      expectType(cls === "OFPEchoRequest" ? "ECHO_REQUEST" : "ECHO_REPLY");
      return a.bytes(r.data, m.data, `${path}.data`);
    case "OFPErrorMsg":
      expectType("ERROR");
      a.eq(r.type, m.errType, `${path}.errType`);
      if (r.type === 0xffff) a.fields(r, m, ["exp_type", "experimenter"], path);
      else a.eq(r.code, m.code, `${path}.code`);
      return a.bytes(r.data, m.data, `${path}.data`);
    case "OFPExperimenter":
      expectType("EXPERIMENTER");
      a.fields(r, m, ["experimenter", "exp_type"], path);
      return a.bytes(r.data, m.data, `${path}.data`);
    case "OFPFeaturesRequest":
    case "OFPBarrierRequest":
    case "OFPBarrierReply":
    case "OFPGetConfigRequest":
    case "OFPGetAsyncRequest": {
      const type = cls.replace(/^OFP/, "").replace(/([a-z])([A-Z])/g, "$1_$2").toUpperCase();
      expectType(type);
      assert.deepEqual(Object.keys(m).sort(), ["type", "version", "xid"], `${path}: header only`);
      a.compared++;
      return;
    }
    case "OFPSwitchFeatures":
      expectType("FEATURES_REPLY");
      return a.fields(
        r,
        m,
        ["datapath_id", "n_buffers", "n_tables", "auxiliary_id", "capabilities"],
        path,
      );
    case "OFPGetConfigReply":
    case "OFPSetConfig":
      expectType(cls === "OFPSetConfig" ? "SET_CONFIG" : "GET_CONFIG_REPLY");
      return a.fields(r, m, ["flags", "miss_send_len"], path);
    case "OFPPacketIn":
      expectType("PACKET_IN");
      a.fields(r, m, ["buffer_id", "total_len", "reason", "table_id", "cookie"], path);
      match(a, r.match, m.match, `${path}.match`);
      return a.bytes(r.data, m.data, `${path}.data`);
    case "OFPFlowRemoved":
      expectType("FLOW_REMOVED");
      a.fields(r, m, [
        "cookie",
        "priority",
        "reason",
        "table_id",
        "duration_sec",
        "duration_nsec",
        "idle_timeout",
        "hard_timeout",
        "packet_count",
        "byte_count",
      ], path);
      return match(a, r.match, m.match, `${path}.match`);
    case "OFPPortStatus":
      expectType("PORT_STATUS");
      a.eq(r.reason, m.reason, `${path}.reason`);
      return port(a, r.desc, m.desc, `${path}.desc`);
    case "OFPPacketOut":
      expectType("PACKET_OUT");
      a.fields(r, m, ["buffer_id", "in_port"], path);
      actions(a, r.actions, m.actions, `${path}.actions`);
      // Ryu gives the data as base64, or as a decoded Packet for packet-library frames.
      if (typeof r.data === "string") a.bytes(r.data, m.data, `${path}.data`);
      return;
    case "OFPFlowMod":
      expectType("FLOW_MOD");
      a.fields(r, m, [
        "cookie",
        "cookie_mask",
        "table_id",
        "command",
        "idle_timeout",
        "hard_timeout",
        "priority",
        "buffer_id",
        "out_port",
        "out_group",
        "flags",
      ], path);
      match(a, r.match, m.match, `${path}.match`);
      return instructions(a, r.instructions, m.instructions, `${path}.instructions`);
    case "OFPGroupMod":
      expectType("GROUP_MOD");
      a.eq(r.type, m.groupType, `${path}.groupType`);
      a.fields(r, m, ["command", "group_id"], path);
      return a.list(r.buckets, m.buckets, (rb, ob, p) => bucket(a, rb, ob, p), `${path}.buckets`);
    case "OFPPortMod":
      expectType("PORT_MOD");
      return a.fields(r, m, ["port_no", "hw_addr", "config", "mask", "advertise"], path);
    case "OFPTableMod":
      expectType("TABLE_MOD");
      return a.fields(r, m, ["table_id", "config"], path);
    case "OFPQueueGetConfigRequest":
      expectType("QUEUE_GET_CONFIG_REQUEST");
      return a.fields(r, m, ["port"], path);
    case "OFPQueueGetConfigReply":
      expectType("QUEUE_GET_CONFIG_REPLY");
      a.fields(r, m, ["port"], path);
      return a.list(r.queues, m.queues, (rq, oq: Ours, p) => {
        const [, q] = unwrap(rq);
        a.fields(q, oq, ["queue_id", "port"], p);
        a.list(q.properties, oq.properties, (rp, op: Ours, pp) => {
          const [pcls, prop] = unwrap(rp);
          a.eq(prop.property, of13.OFPQT[op.type as keyof typeof of13.OFPQT], `${pp}.type`);
          if (pcls === "OFPQueuePropExperimenter") {
            a.fields(prop, op, ["experimenter"], pp);
            // Ryu lists the experimenter data as bytes.
            assert.deepEqual(op.data, Uint8Array.from(prop.data), `${pp}.data`);
          } else {
            a.fields(prop, op, ["rate"], pp);
          }
        }, `${p}.properties`);
      }, `${path}.queues`);
    case "OFPRoleRequest":
    case "OFPRoleReply":
      expectType(cls === "OFPRoleRequest" ? "ROLE_REQUEST" : "ROLE_REPLY");
      return a.fields(r, m, ["role", "generation_id"], path);
    case "OFPGetAsyncReply":
    case "OFPSetAsync":
      expectType(cls === "OFPSetAsync" ? "SET_ASYNC" : "GET_ASYNC_REPLY");
      for (const k of ["packet_in_mask", "port_status_mask", "flow_removed_mask"]) {
        a.list(r[k], m[camel(k)], (rv, ov, p) => a.eq(rv, ov, p), `${path}.${camel(k)}`);
      }
      return;
    case "OFPMeterMod":
      expectType("METER_MOD");
      a.fields(r, m, ["command", "flags", "meter_id"], path);
      return a.list(r.bands, m.bands, (rb, ob, p) => band(a, rb, ob, p), `${path}.bands`);
    case "ONFFlowMonitorStatsRequest":
      // ONF's flow monitor is an experimenter multipart body: kept as bytes.
      expectType("MULTIPART_REQUEST");
      assert.equal(m.body.type, "EXPERIMENTER");
      return a.fields(r, m.body, ["experimenter", "exp_type"], path);
    default:
      assert.match(cls, /Stats(Request|Reply)$/, `${path}: unexpected Ryu class ${cls}`);
      expectType(cls.endsWith("Request") ? "MULTIPART_REQUEST" : "MULTIPART_REPLY");
      return multipart(a, r, m, path);
  }
}

peerTest("v13 corpus: every message decodes, re-encodes byte-exact and agrees with Ryu", [
  "corpus",
], async (t) => {
  const messages = readCorpus(["of13"]);
  // Ryu's 4-*, libofproto's and ovs-ofctl's files.
  assert.ok(messages.length >= 100, `found only ${messages.length} messages`);
  for (const prefix of ["4-", "libofproto-", "ovs-ofctl-"]) {
    assert.ok(messages.some((m) => m.name.startsWith(prefix)), `no ${prefix} files`);
  }
  let withJson = 0;
  const seenTypes = new Set<string>();
  for (const m of messages) {
    await t.step(m.name, () => {
      const msg = decode(m.bytes);
      assert.equal(msg.version, 4);
      assert.notEqual(msg.type, "RAW", "a 1.3 message type decodes to its structure");
      assert.equal(msg.xid, readHeader(m.bytes).xid);
      assert.deepEqual(encode(msg), m.bytes, "re-encodes byte-exact");
      // Through structured clone too: the decoded object is plain data.
      assert.deepEqual(encode(structuredClone(msg)), m.bytes, "survives structuredClone");
      seenTypes.add(
        msg.type === "MULTIPART_REPLY" || msg.type === "MULTIPART_REQUEST"
          ? `${msg.type}/${msg.body.type}`
          : msg.type,
      );
      if (m.json === undefined) return;
      withJson++;
      const a = new Agreement();
      compareMessage(a, m.json, msg, msg.type);
      assert.ok(a.compared > 0, "compared at least one field with Ryu");
    });
  }
  assert.ok(withJson >= 100, `only ${withJson} messages have Ryu's JSON`);
  // The corpus covers every message type but none other than HELLO's common code.
  for (const type of Object.keys(of13.OFPT)) {
    if (type === "MULTIPART_REQUEST" || type === "MULTIPART_REPLY") continue;
    assert.ok(seenTypes.has(type), `the corpus has no ${type}`);
  }
});

peerTest("v13 corpus: the truncated flow-mod is rejected with OfpDecodeError", ["corpus"], () => {
  // The corpus's `.truncated64` file is empty (Ryu's copy is): too short for a header.
  const [file] = readCorpus(["of13"], ".truncated64");
  assert.equal(file.name, "libofproto-OFP13-flow_mod.truncated64");
  assert.throws(() => decode(file.bytes), OfpDecodeError);
  // What the name promises: the same flow-mod cut at 64 bytes. Its header still claims the
  // whole message, and with the length patched to fit, the match is cut short.
  const [whole] = readCorpus(["of13"]).filter((m) => m.name === "libofproto-OFP13-flow_mod.packet");
  assert.ok(whole.bytes.length > 64);
  const cut = whole.bytes.slice(0, 64);
  assert.throws(
    () => decode(cut),
    (e) => e instanceof OfpDecodeError && e.path === "header.length",
  );
  new DataView(cut.buffer).setUint16(2, 64);
  assert.throws(
    () => decode(cut),
    (e) => e instanceof OfpDecodeError && e.path !== "header.length",
  );
});

peerTest(
  "v13 corpus: prefixes and single-byte corruptions raise only OfpDecodeError",
  ["corpus"],
  () => {
    let rejected = 0, accepted = 0;
    for (const m of readCorpus(["of13"])) {
      const tryDecode = (bytes: Uint8Array, what: string) => {
        try {
          const msg = decode(bytes);
          // What decodes must also encode back to the same bytes, or to a normal form of them.
          assert.deepEqual(
            decode(encode(msg)),
            msg,
            `${m.name} ${what}: decoded but no round trip`,
          );
          accepted++;
        } catch (e) {
          if (!(e instanceof OfpDecodeError)) throw new Error(`${m.name} ${what}: ${e}`);
          rejected++;
        }
      };
      // The two 11 KB table-features files: their first KB and last 256 bytes (the rest
      // repeats the same property kinds and would take most of the test's time).
      const n = m.bytes.length;
      const positions = [];
      for (let at = 8; at < n; at++) {
        if (n <= 2048 || at < 1024 || at >= n - 256) positions.push(at);
      }
      for (const len of positions) {
        const prefix = m.bytes.slice(0, len);
        prefix[2] = len >> 8;
        prefix[3] = len & 0xff;
        tryDecode(prefix, `cut at ${len}`);
      }
      // Corrupt every byte after the header (which is checked elsewhere) to 0x00 and 0xff.
      for (const at of positions) {
        for (const v of [0x00, 0xff]) {
          if (m.bytes[at] === v) continue;
          const bad = m.bytes.slice();
          bad[at] = v;
          tryDecode(bad, `byte ${at} = ${v}`);
        }
      }
    }
    assert.ok(rejected > 5000, `${rejected} corruptions rejected, ${accepted} accepted`);
    assert.ok(
      accepted > 1000,
      `${accepted} corruptions accepted (value fields), ${rejected} rejected`,
    );
  },
);

peerTest("v13 corpus: OpenFlow 1.4 and 1.5 files decode as RAW or HELLO", ["corpus"], () => {
  const messages = readCorpus(["of14", "of15"]);
  assert.ok(messages.length > 50, `found only ${messages.length} messages`);
  const seen = new Set<string>();
  for (const m of messages) {
    let bytes = m.bytes;
    const declared = readHeader(bytes).length;
    if (declared !== bytes.length) {
      // One of Ryu's 1.5 files carries 8 bytes past its header's length: a framing error.
      assert.throws(() => decode(bytes), OfpDecodeError, m.name);
      bytes = bytes.subarray(0, declared);
    }
    const msg = decode(bytes);
    assert.ok(msg.version === 5 || msg.version === 6, `${m.name}: version ${msg.version}`);
    assert.ok(msg.type === "RAW" || msg.type === "HELLO", `${m.name}: ${msg.type}`);
    assert.deepEqual(encode(msg), bytes, `${m.name}: re-encodes byte-exact`);
    seen.add(msg.type);
  }
  assert.deepEqual([...seen].sort(), ["HELLO", "RAW"]);
});
