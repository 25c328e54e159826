// Ryu's JSON form of OpenFlow 1.3 messages (ryu.ofproto.ofproto_v1_3_parser's
// to_jsondict/from_jsondict) → this project's codec objects. Omitted arguments take the
// defaults of Ryu's constructors, so the message is the one Ryu would send.
import { of13 } from "../ofp/mod.ts";
import type {
  Of13Action,
  Of13Bucket,
  Of13FlowMod,
  Of13GroupMod,
  Of13Instruction,
  Of13Match,
  Of13MeterBand,
  Of13MeterMod,
  OxmTlv,
} from "../ofp/mod.ts";
import { ipv6Text, parseIpv4, parseIpv6, parseMac } from "../ofp/_addresses.ts";
import { describeJson, JsonCursor } from "./_json.ts";
import { ryuPortByName, type RyuPorts } from "./ports.ts";

const U8 = 0xff, U16 = 0xffff, U32 = 0xffffffff;

/** What the readers need besides the JSON: port names, and whether 1.4 fields are allowed. */
export interface Ctx {
  /** Port numbers for Ryu's port names. */
  ports: Readonly<RyuPorts>;
  /** Allow OpenFlow 1.4's OXM fields (read as raw OpenFlow-basic TLVs). */
  of14: boolean;
}

/** A prerequisite message of a 1.3 pattern. */
export type Of13Prerequisite = Of13FlowMod | Of13GroupMod | Of13MeterMod;

/** Reads `{"OFPFlowMod"|"OFPGroupMod"|"OFPMeterMod": {...}}`. */
export function readPrerequisite13(cur: JsonCursor, ctx: Ctx): Of13Prerequisite {
  const [name, body] = cur.tagged();
  switch (name) {
    case "OFPFlowMod":
      return readFlowMod(body, ctx);
    case "OFPGroupMod":
      return readGroupMod(body, ctx);
    case "OFPMeterMod":
      return readMeterMod(body);
    default:
      return cur.fail(
        `Unknown message class "${name}"; expected OFPFlowMod, OFPGroupMod or OFPMeterMod`,
      );
  }
}

function readFlowMod(c: JsonCursor, ctx: Ctx): Of13FlowMod {
  c.object([
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
    "match",
    "instructions",
  ]);
  const instructions = c.at("instructions");
  return of13.flowMod({
    cookie: c.at("cookie").present ? c.at("cookie").u64() : 0n,
    cookieMask: c.at("cookie_mask").present ? c.at("cookie_mask").u64() : 0n,
    tableId: c.at("table_id").optInt(0, 0, U8),
    command: c.at("command").optInt(of13.OFPFC.ADD, 0, U8),
    idleTimeout: c.at("idle_timeout").optInt(0, 0, U16),
    hardTimeout: c.at("hard_timeout").optInt(0, 0, U16),
    priority: c.at("priority").optInt(of13.OFP_DEFAULT_PRIORITY, 0, U16),
    bufferId: c.at("buffer_id").optInt(of13.OFP_NO_BUFFER, 0, U32),
    // Ryu's OFPFlowMod defaults out_port and out_group to 0 (ignored by ADD).
    outPort: c.at("out_port").optInt(0, 0, U32),
    outGroup: c.at("out_group").optInt(0, 0, U32),
    flags: c.at("flags").optInt(0, 0, U16),
    match: c.at("match").present ? readMatch13(c.at("match"), ctx) : [],
    instructions: instructions.present
      ? instructions.array().map((i) => readInstruction(i, ctx))
      : [],
  });
}

/** Reads `{"OFPMatch": {"oxm_fields": [{"OXMTlv": {...}}, ...]}}`. */
export function readMatch13(cur: JsonCursor, ctx: Ctx): Of13Match {
  const [name, body] = cur.tagged();
  if (name !== "OFPMatch") cur.fail(`Expected the class OFPMatch, got "${name}"`);
  // `type` and `length` are what Ryu's to_jsondict writes; the codec recomputes both.
  body.object(["oxm_fields", "type", "length"]);
  if (body.at("type").present && body.at("type").int(0, U16) !== 1) {
    body.at("type").fail(`Expected match type 1 (OFPMT_OXM), got ${body.at("type").value}`);
  }
  const fields = body.at("oxm_fields");
  return fields.present ? fields.array().map((f) => readOxm(f, ctx, true)) : [];
}

/** Reads `{"OXMTlv": {field, value, mask?}}`. */
function readOxm(cur: JsonCursor, ctx: Ctx, maskAllowed: boolean): OxmTlv {
  const [name, body] = cur.tagged();
  if (name !== "OXMTlv") cur.fail(`Expected the class OXMTlv, got "${name}"`);
  body.object(maskAllowed ? ["field", "value", "mask"] : ["field", "value"]);
  const fieldCur = body.at("field");
  const field = fieldCur.string();
  if (ctx.of14 && field === "pbb_uca") {
    // OpenFlow 1.4's OFPXMT_OFB_PBB_UCA (41, one byte): the 1.3 codec keeps it as bytes.
    if (body.at("mask").value != null) body.at("mask").fail("pbb_uca takes no mask");
    const value = body.at("value").int(0, 1);
    return {
      field: "UNKNOWN",
      oxmClass: 0x8000,
      oxmField: 41,
      hasMask: false,
      value: Uint8Array.of(value),
    };
  }
  const info = of13.oxmFieldInfo(field);
  if (!info) {
    return fieldCur.fail(`Unknown OXM field "${field}"; expected an OpenFlow 1.3 basic field name`);
  }
  let valueCur = body.at("value");
  if (field === "in_port" && typeof valueCur.value === "string") {
    const port = ryuPortByName(valueCur.value, ctx.ports);
    if (port === undefined) valueCur.fail(`Unknown port name ${JSON.stringify(valueCur.value)}`);
    valueCur = new JsonCursor(valueCur.file, valueCur.path, port);
  }
  const maskCur = body.at("mask");
  const hasMask = maskCur.value !== undefined && maskCur.value !== null;
  const value = oxmValue(valueCur, info.kind, info.width);
  const tlv = { field, value } as OxmTlv & { mask?: unknown };
  if (hasMask) tlv.mask = oxmValue(maskCur, info.kind, info.width);
  return tlv;
}

/** An OXM value or mask in Ryu's user form: number, or address text (IPv4 also as number). */
function oxmValue(c: JsonCursor, kind: string, width: number): number | bigint | string {
  const v = c.value;
  switch (kind) {
    case "number":
      return c.int(0, 2 ** (8 * width) - 1);
    case "bigint":
      return c.u64();
    case "mac": {
      if (typeof v !== "string" || !parseMac(v.toLowerCase(), new Uint8Array(6), 0)) {
        c.fail(`Expected a MAC address like "aa:bb:cc:dd:ee:ff", got ${describeJson(v)}`);
      }
      return v.toLowerCase();
    }
    case "ipv4": {
      if (typeof v === "number") {
        const n = c.int(0, U32);
        return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
      }
      if (typeof v !== "string" || parseIpv4(v) < 0) {
        c.fail(`Expected an IPv4 address like "10.0.0.1", got ${describeJson(v)}`);
      }
      return v;
    }
    default: {
      const bytes = new Uint8Array(16);
      if (typeof v !== "string" || !parseIpv6(v, bytes, 0)) {
        c.fail(`Expected an IPv6 address like "2001:db8::1", got ${describeJson(v)}`);
      }
      // The codec's own spelling (RFC 5952), as decoding gives it back.
      return ipv6Text(bytes, 0);
    }
  }
}

/** Checks the optional `type`/`len` keys Ryu writes for a class whose type is fixed. */
function checkType(c: JsonCursor, expected: number): void {
  const t = c.at("type");
  if (t.present && t.int(0, U16) !== expected) {
    t.fail(`Expected type ${expected} for this class, got ${describeJson(t.value)}`);
  }
  if (c.at("len").present) c.at("len").int(0, U16);
}

function readInstruction(cur: JsonCursor, ctx: Ctx): Of13Instruction {
  const [name, c] = cur.tagged();
  switch (name) {
    case "OFPInstructionGotoTable":
      c.object(["table_id", "type", "len"]);
      checkType(c, of13.OFPIT.GOTO_TABLE);
      return of13.gotoTable(c.at("table_id").int(0, U8));
    case "OFPInstructionWriteMetadata":
      c.object(["metadata", "metadata_mask", "type", "len"]);
      checkType(c, of13.OFPIT.WRITE_METADATA);
      return of13.writeMetadata(c.at("metadata").u64(), c.at("metadata_mask").u64());
    case "OFPInstructionMeter":
      c.object(["meter_id", "type", "len"]);
      checkType(c, of13.OFPIT.METER);
      return of13.meter(c.at("meter_id").optInt(1, 0, U32));
    case "OFPInstructionActions": {
      c.object(["type", "actions", "len"]);
      if (c.at("len").present) c.at("len").int(0, U16);
      const type = c.at("type").int(0, U16);
      const actions = c.at("actions").present
        ? c.at("actions").array().map((a) => readAction13(a, ctx))
        : [];
      if (type === of13.OFPIT.APPLY_ACTIONS) return of13.applyActions(actions);
      if (type === of13.OFPIT.WRITE_ACTIONS) return of13.writeActions(actions);
      if (type === of13.OFPIT.CLEAR_ACTIONS) {
        if (actions.length) c.at("actions").fail("Expected no actions with CLEAR_ACTIONS (5)");
        return of13.clearActions();
      }
      return c.at("type").fail(
        `Expected instruction type 3 (WRITE_ACTIONS), 4 (APPLY_ACTIONS) or 5 (CLEAR_ACTIONS), got ${type}`,
      );
    }
    default:
      return cur.fail(`Unknown instruction class "${name}"`);
  }
}

// Actions whose only argument (if any) is an integer: [json key, Ryu default, builder].
const SIMPLE_ACTIONS: Record<
  string,
  { type: number; key?: string; fallback?: number; max?: number; make: (v: number) => Of13Action }
> = {
  OFPActionGroup: { type: 22, key: "group_id", fallback: 0, max: U32, make: of13.group },
  OFPActionSetQueue: { type: 21, key: "queue_id", max: U32, make: of13.setQueue },
  OFPActionSetMplsTtl: { type: 15, key: "mpls_ttl", max: U8, make: of13.setMplsTtl },
  OFPActionDecMplsTtl: { type: 16, make: of13.decMplsTtl },
  OFPActionSetNwTtl: { type: 23, key: "nw_ttl", max: U8, make: of13.setNwTtl },
  OFPActionDecNwTtl: { type: 24, make: of13.decNwTtl },
  OFPActionCopyTtlOut: { type: 11, make: of13.copyTtlOut },
  OFPActionCopyTtlIn: { type: 12, make: of13.copyTtlIn },
  OFPActionPushVlan: {
    type: 17,
    key: "ethertype",
    fallback: 0x8100,
    max: U16,
    make: of13.pushVlan,
  },
  OFPActionPushMpls: {
    type: 19,
    key: "ethertype",
    fallback: 0x8847,
    max: U16,
    make: of13.pushMpls,
  },
  OFPActionPopVlan: { type: 18, make: of13.popVlan },
  OFPActionPopMpls: { type: 20, key: "ethertype", fallback: 0x0800, max: U16, make: of13.popMpls },
  OFPActionPushPbb: { type: 26, key: "ethertype", max: U16, make: of13.pushPbb },
  OFPActionPopPbb: { type: 27, make: of13.popPbb },
};

/** Reads one `{"OFPAction...": {...}}`. */
export function readAction13(cur: JsonCursor, ctx: Ctx): Of13Action {
  const [name, c] = cur.tagged();
  if (name === "OFPActionOutput") {
    c.object(["port", "max_len", "type", "len"]);
    checkType(c, of13.OFPAT.OUTPUT);
    return of13.output(
      readPort(c.at("port"), ctx.ports, U32),
      c.at("max_len").optInt(0xffe5, 0, U16),
    );
  }
  if (name === "OFPActionSetField") {
    c.object(["field", "type", "len"]);
    checkType(c, of13.OFPAT.SET_FIELD);
    return of13.setField(readOxm(c.at("field"), ctx, false));
  }
  if (name === "OFPActionExperimenterUnknown") {
    c.object(["experimenter", "data", "type", "len"]);
    checkType(c, of13.OFPAT.EXPERIMENTER);
    return of13.experimenterAction(c.at("experimenter").int(0, U32), readBase64(c.at("data")));
  }
  const spec = Object.hasOwn(SIMPLE_ACTIONS, name) ? SIMPLE_ACTIONS[name] : undefined;
  if (!spec) return cur.fail(`Unknown action class "${name}"`);
  c.object(spec.key ? [spec.key, "type", "len"] : ["type", "len"]);
  checkType(c, spec.type);
  if (!spec.key) return spec.make(0);
  const arg = c.at(spec.key);
  if (!arg.present && spec.fallback === undefined) arg.fail(`Expected "${spec.key}", got none`);
  return spec.make(arg.optInt(spec.fallback ?? 0, 0, spec.max));
}

/** A port number, or one of Ryu's port names. */
export function readPort(c: JsonCursor, ports: Readonly<RyuPorts>, max: number): number {
  if (typeof c.value === "string") {
    const port = ryuPortByName(c.value, ports);
    if (port === undefined) {
      c.fail(`Expected a port number or a Ryu port name, got ${describeJson(c.value)}`);
    }
    return port;
  }
  return c.int(0, max);
}

/** Bytes in Ryu's JSON form (base64 text); absent → empty. */
export function readBase64(c: JsonCursor): Uint8Array {
  if (!c.present) return new Uint8Array(0);
  const text = c.string();
  try {
    return Uint8Array.from(atob(text), (ch) => ch.charCodeAt(0));
  } catch (e) {
    return c.fail(`Expected base64 data, got ${describeJson(text)}`, e);
  }
}

function readBucket(cur: JsonCursor, ctx: Ctx): Of13Bucket {
  const [name, c] = cur.tagged();
  if (name !== "OFPBucket") cur.fail(`Expected the class OFPBucket, got "${name}"`);
  c.object(["weight", "watch_port", "watch_group", "actions", "len"]);
  return of13.bucket({
    weight: c.at("weight").optInt(0, 0, U16),
    watchPort: c.at("watch_port").present
      ? readPort(c.at("watch_port"), ctx.ports, U32)
      : of13.OFPP.ANY,
    watchGroup: c.at("watch_group").optInt(of13.OFPG.ANY, 0, U32),
    actions: c.at("actions").present
      ? c.at("actions").array().map((a) => readAction13(a, ctx))
      : [],
  });
}

function readGroupMod(c: JsonCursor, ctx: Ctx): Of13GroupMod {
  c.object(["command", "type", "group_id", "buckets"]);
  return of13.groupMod({
    command: c.at("command").optInt(of13.OFPGC.ADD, 0, U16),
    groupType: c.at("type").optInt(of13.OFPGT.ALL, 0, U8),
    groupId: c.at("group_id").optInt(0, 0, U32),
    buckets: c.at("buckets").present ? c.at("buckets").array().map((b) => readBucket(b, ctx)) : [],
  });
}

function readBand(cur: JsonCursor): Of13MeterBand {
  const [name, c] = cur.tagged();
  const rate = () => c.at("rate").optInt(0, 0, U32);
  const burst = () => c.at("burst_size").optInt(0, 0, U32);
  switch (name) {
    case "OFPMeterBandDrop":
      c.object(["rate", "burst_size", "type", "len"]);
      checkType(c, of13.OFPMBT.DROP);
      return of13.dropBand(rate(), burst());
    case "OFPMeterBandDscpRemark":
      c.object(["rate", "burst_size", "prec_level", "type", "len"]);
      checkType(c, of13.OFPMBT.DSCP_REMARK);
      // Ryu's default prec_level is 0 (the codec's builder defaults to 1).
      return of13.dscpRemarkBand(rate(), c.at("prec_level").optInt(0, 0, U8), burst());
    case "OFPMeterBandExperimenter":
      c.object(["rate", "burst_size", "experimenter", "type", "len"]);
      checkType(c, of13.OFPMBT.EXPERIMENTER);
      return {
        type: "EXPERIMENTER",
        rate: rate(),
        burstSize: burst(),
        experimenter: c.at("experimenter").int(0, U32),
        data: new Uint8Array(0),
      };
    default:
      return cur.fail(`Unknown meter band class "${name}"`);
  }
}

function readMeterMod(c: JsonCursor): Of13MeterMod {
  c.object(["command", "flags", "meter_id", "bands"]);
  return of13.meterMod({
    command: c.at("command").optInt(of13.OFPMC.ADD, 0, U16),
    flags: c.at("flags").optInt(of13.OFPMF.KBPS, 0, U16),
    meterId: c.at("meter_id").optInt(1, 0, U32),
    bands: c.at("bands").present ? c.at("bands").array().map(readBand) : [],
  });
}
