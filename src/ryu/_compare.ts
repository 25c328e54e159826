// Whether what a switch reports (flow, group and meter stats) is what was installed: Ryu's
// `_compare_flow`/`_compare_group`/`_compare_meter`, compared by meaning rather than by the
// text of Ryu's objects — OXM order, address spelling, bits under a zero mask, an all-ones
// mask and the max_len of a non-controller output do not change what a flow does.
import { of10, of13 } from "../ofp/mod.ts";
import type {
  Of10Action,
  Of10FlowMod,
  Of10FlowStats,
  Of10Match,
  Of13Action,
  Of13Bucket,
  Of13FlowMod,
  Of13FlowStats,
  Of13GroupDesc,
  Of13GroupMod,
  Of13Instruction,
  Of13MeterBand,
  Of13MeterConfig,
  Of13MeterMod,
  OxmTlv,
} from "../ofp/mod.ts";
import { parseIpv4, parseIpv6, parseMac } from "../ofp/_addresses.ts";

/** Compact text of a value for messages (bigints and bytes readable). */
export function show(v: unknown): string {
  return JSON.stringify(v, (_k, x) => {
    if (typeof x === "bigint") return x <= 0xffffffffn ? Number(x) : `0x${x.toString(16)}`;
    if (x instanceof Uint8Array) {
      return `0x${[...x].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
    }
    return x;
  });
}

/** An OXM field's value or mask as bytes (undefined when it is not a valid value). */
function oxmBytes(field: string, v: unknown): Uint8Array | undefined {
  const info = of13.oxmFieldInfo(field);
  if (!info) return undefined;
  const out = new Uint8Array(info.width);
  switch (info.kind) {
    case "mac":
      return typeof v === "string" && parseMac(v.toLowerCase(), out, 0) ? out : undefined;
    case "ipv4": {
      const n = typeof v === "string" ? parseIpv4(v) : -1;
      if (n < 0) return undefined;
      new DataView(out.buffer).setUint32(0, n);
      return out;
    }
    case "ipv6":
      return typeof v === "string" && parseIpv6(v, out, 0) ? out : undefined;
    default: {
      let n = typeof v === "bigint" ? v : typeof v === "number" ? BigInt(v) : -1n;
      if (n < 0n) return undefined;
      for (let i = info.width - 1; i >= 0; i--, n >>= 8n) out[i] = Number(n & 0xffn);
      return out;
    }
  }
}

const hex = (b: Uint8Array) => [...b].map((x) => x.toString(16).padStart(2, "0")).join("");

/** A canonical key of an OXM TLV: masked-off bits cleared, an all-ones mask dropped. */
export function oxmKey(tlv: OxmTlv): string {
  if (tlv.field === "UNKNOWN") {
    return `unknown:${tlv.oxmClass}:${tlv.oxmField}:${tlv.hasMask}:${hex(tlv.value)}`;
  }
  if (tlv.field === "EXPERIMENTER") {
    return `exp:${tlv.experimenter}:${tlv.oxmField}:${tlv.hasMask}:${hex(tlv.data)}`;
  }
  const value = oxmBytes(tlv.field, tlv.value);
  const mask = "mask" in tlv && tlv.mask !== undefined ? oxmBytes(tlv.field, tlv.mask) : undefined;
  if (!value) return `${tlv.field}=${show(tlv.value)}`;
  if (!mask || mask.every((b) => b === 0xff)) return `${tlv.field}=${hex(value)}`;
  return `${tlv.field}=${hex(value.map((b, i) => b & mask[i]))}/${hex(mask)}`;
}

function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const x = [...a].sort(), y = [...b].sort();
  return x.every((k, i) => k === y[i]);
}

/** A canonical key of an action (OpenFlow 1.3). */
function actionKey13(a: Of13Action): string {
  switch (a.type) {
    case "OUTPUT":
      // max_len only matters for output to the controller.
      return a.port === of13.OFPP.CONTROLLER ? `output:${a.port}:${a.maxLen}` : `output:${a.port}`;
    case "SET_FIELD":
      return `set_field:${oxmKey(a.field)}`;
    default:
      return show(a);
  }
}

function instructionKeys(list: readonly Of13Instruction[]): string[] {
  return list.map((i) => {
    switch (i.type) {
      case "APPLY_ACTIONS":
        return `apply:${i.actions.map(actionKey13).join(",")}`;
      case "WRITE_ACTIONS":
        // The action set runs in the spec's order, whatever order it was written in.
        return `write:${i.actions.map(actionKey13).sort().join(",")}`;
      default:
        return show(i);
    }
  }).sort();
}

/** Whether a 1.3 flow entry is the flow `mod` installed. */
export function sameFlow13(entry: Of13FlowStats, mod: Of13FlowMod): boolean {
  return entry.tableId === mod.tableId && entry.priority === mod.priority &&
    entry.cookie === mod.cookie && entry.idleTimeout === mod.idleTimeout &&
    entry.hardTimeout === mod.hardTimeout &&
    sameMultiset(entry.match.map(oxmKey), mod.match.map(oxmKey)) &&
    sameMultiset(instructionKeys(entry.instructions), instructionKeys(mod.instructions));
}

/** Text of a 1.3 flow for messages. */
export function describeFlow13(f: Of13FlowStats | Of13FlowMod): string {
  return `table_id=${f.tableId},priority=${f.priority},cookie=${f.cookie},idle_timeout=${f.idleTimeout},` +
    `hard_timeout=${f.hardTimeout},match=[${f.match.map(oxmKey).join(",")}],` +
    `instructions=[${instructionKeys(f.instructions).join(";")}]`;
}

/** The fields a 1.0 match compares, with their wildcard bits. */
const OF10_FIELDS: readonly [keyof Of10Match, number][] = [
  ["inPort", of10.OFPFW.IN_PORT],
  ["dlVlan", of10.OFPFW.DL_VLAN],
  ["dlSrc", of10.OFPFW.DL_SRC],
  ["dlDst", of10.OFPFW.DL_DST],
  ["dlType", of10.OFPFW.DL_TYPE],
  ["nwProto", of10.OFPFW.NW_PROTO],
  ["tpSrc", of10.OFPFW.TP_SRC],
  ["tpDst", of10.OFPFW.TP_DST],
  ["dlVlanPcp", of10.OFPFW.DL_VLAN_PCP],
  ["nwTos", of10.OFPFW.NW_TOS],
];

/** A canonical key of a 1.0 match: the compared fields, addresses under their prefix. */
export function matchKey10(m: Of10Match): string {
  const parts: string[] = [];
  for (const [field, bit] of OF10_FIELDS) {
    if ((m.wildcards & bit) === 0) parts.push(`${field}=${String(m[field]).toLowerCase()}`);
  }
  for (const field of ["nwSrc", "nwDst"] as const) {
    const len = of10.nwPrefixLength(m, field);
    if (len > 0) {
      const ip = parseIpv4(m[field]);
      const masked = len === 32 ? ip : (ip & ~((2 ** (32 - len)) - 1)) >>> 0;
      parts.push(`${field}=${masked}/${len}`);
    }
  }
  return parts.join(",");
}

function actionKey10(a: Of10Action): string {
  if (a.type === "OUTPUT") {
    return a.port === of10.OFPP.CONTROLLER ? `output:${a.port}:${a.maxLen}` : `output:${a.port}`;
  }
  return show(a).toLowerCase();
}

/** Whether a 1.0 flow entry is the flow `mod` installed. */
export function sameFlow10(entry: Of10FlowStats, mod: Of10FlowMod): boolean {
  return entry.priority === mod.priority && entry.cookie === mod.cookie &&
    entry.idleTimeout === mod.idleTimeout && entry.hardTimeout === mod.hardTimeout &&
    matchKey10(entry.match) === matchKey10(mod.match) &&
    entry.actions.map(actionKey10).join(";") === mod.actions.map(actionKey10).join(";");
}

/** Text of a 1.0 flow for messages. */
export function describeFlow10(f: Of10FlowStats | Of10FlowMod): string {
  return `priority=${f.priority},cookie=${f.cookie},idle_timeout=${f.idleTimeout},` +
    `hard_timeout=${f.hardTimeout},match=[${matchKey10(f.match)}],` +
    `actions=[${f.actions.map(actionKey10).join(";")}]`;
}

function bucketKey(b: Of13Bucket, groupType: number): string {
  // Watch port and group only matter to fast-failover groups, weights to select groups.
  const weight = groupType === of13.OFPGT.SELECT ? `weight=${b.weight},` : "";
  const watch = groupType === of13.OFPGT.FF
    ? `watch_port=${b.watchPort},watch_group=${b.watchGroup},`
    : "";
  return `${weight}${watch}actions=${b.actions.map(actionKey13).join(",")}`;
}

/** Whether a group description is the group `mod` installed. */
export function sameGroup(desc: Of13GroupDesc, mod: Of13GroupMod): boolean {
  return desc.groupId === mod.groupId && desc.groupType === mod.groupType &&
    desc.buckets.map((b) => bucketKey(b, mod.groupType)).join(";") ===
      mod.buckets.map((b) => bucketKey(b, mod.groupType)).join(";");
}

/** Text of a group for messages. */
export function describeGroup(g: Of13GroupDesc | Of13GroupMod): string {
  return `group_id=${g.groupId},type=${g.groupType},buckets=[${
    g.buckets.map((b) => bucketKey(b, g.groupType)).join(";")
  }]`;
}

/** A band's key; its burst size only counts when the meter has the BURST flag (spec 7.3.4.4). */
function bandKey(b: Of13MeterBand, flags: number): string {
  if ((flags & of13.OFPMF.BURST) !== 0) return show(b);
  const { burstSize: _ignored, ...rest } = b;
  return show(rest);
}

/** Whether a meter configuration is the meter `mod` installed. */
export function sameMeter(config: Of13MeterConfig, mod: Of13MeterMod): boolean {
  return config.meterId === mod.meterId && config.flags === mod.flags &&
    config.bands.map((b) => bandKey(b, mod.flags)).join(";") ===
      mod.bands.map((b) => bandKey(b, mod.flags)).join(";");
}

/** Text of a meter for messages. */
export function describeMeter(m: Of13MeterConfig | Of13MeterMod): string {
  return `meter_id=${m.meterId},flags=${m.flags},bands=[${m.bands.map((b) => show(b)).join(";")}]`;
}
