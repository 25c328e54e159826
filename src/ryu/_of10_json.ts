// Ryu's JSON form of OpenFlow 1.0 messages (ryu.ofproto.ofproto_v1_0_parser) → this
// project's codec objects, with the defaults of Ryu's constructors.
import { of10 } from "../ofp/mod.ts";
import type { Of10Action, Of10FlowMod, Of10Match, Of10MatchSpec } from "../ofp/mod.ts";
import { parseIpv4, parseMac } from "../ofp/_addresses.ts";
import { describeJson, type JsonCursor } from "./_json.ts";
import { readPort } from "./_of13_json.ts";
import type { RyuPorts } from "./ports.ts";

const U8 = 0xff, U16 = 0xffff, U32 = 0xffffffff;

/** Reads `{"OFPFlowMod": {...}}` (the only prerequisite OpenFlow 1.0 patterns have). */
export function readPrerequisite10(cur: JsonCursor, ports: Readonly<RyuPorts>): Of10FlowMod {
  const [name, c] = cur.tagged();
  if (name !== "OFPFlowMod") {
    cur.fail(`Unknown message class "${name}"; expected OFPFlowMod (OpenFlow 1.0)`);
  }
  c.object([
    "match",
    "cookie",
    "command",
    "idle_timeout",
    "hard_timeout",
    "priority",
    "buffer_id",
    "out_port",
    "flags",
    "actions",
  ]);
  return of10.flowMod({
    match: c.at("match").present ? readMatch10(c.at("match"), ports) : of10.match(),
    cookie: c.at("cookie").present ? c.at("cookie").u64() : 0n,
    command: c.at("command").optInt(of10.OFPFC.ADD, 0, U16),
    idleTimeout: c.at("idle_timeout").optInt(0, 0, U16),
    hardTimeout: c.at("hard_timeout").optInt(0, 0, U16),
    priority: c.at("priority").optInt(of10.OFP_DEFAULT_PRIORITY, 0, U16),
    bufferId: c.at("buffer_id").optInt(0xffffffff, 0, U32),
    outPort: c.at("out_port").optInt(of10.OFPP.NONE, 0, U16),
    flags: c.at("flags").optInt(0, 0, U16),
    actions: c.at("actions").present
      ? c.at("actions").array().map((a) => readAction10(a, ports))
      : [],
  });
}

function mac(c: JsonCursor): string {
  const v = c.value;
  if (typeof v !== "string" || !parseMac(v.toLowerCase(), new Uint8Array(6), 0)) {
    c.fail(`Expected a MAC address like "aa:bb:cc:dd:ee:ff", got ${describeJson(v)}`);
  }
  return v.toLowerCase();
}

function ipv4(c: JsonCursor): string {
  const v = c.value;
  if (typeof v === "number") {
    const n = c.int(0, U32);
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join(".");
  }
  if (typeof v !== "string" || parseIpv4(v) < 0) {
    c.fail(`Expected an IPv4 address like "10.0.0.1", got ${describeJson(v)}`);
  }
  return v;
}

/**
 * Reads `{"OFPMatch": {in_port, dl_src, ..., nw_src_mask, nw_dst_mask, wildcards}}`: the
 * wildcards follow from the fields given, as Ryu's OFPMatch computes them, unless
 * `wildcards` is given.
 */
export function readMatch10(cur: JsonCursor, ports: Readonly<RyuPorts>): Of10Match {
  const [name, c] = cur.tagged();
  if (name !== "OFPMatch") cur.fail(`Expected the class OFPMatch, got "${name}"`);
  c.object([
    "wildcards",
    "in_port",
    "dl_src",
    "dl_dst",
    "dl_vlan",
    "dl_vlan_pcp",
    "dl_type",
    "nw_tos",
    "nw_proto",
    "nw_src",
    "nw_dst",
    "tp_src",
    "tp_dst",
    "nw_src_mask",
    "nw_dst_mask",
  ]);
  const spec: Of10MatchSpec = {};
  const num = (key: string, max: number) => c.at(key).present ? c.at(key).int(0, max) : undefined;
  if (c.at("in_port").present) spec.inPort = readPort(c.at("in_port"), ports, U16);
  if (c.at("dl_src").present) spec.dlSrc = mac(c.at("dl_src"));
  if (c.at("dl_dst").present) spec.dlDst = mac(c.at("dl_dst"));
  spec.dlVlan = num("dl_vlan", U16);
  spec.dlVlanPcp = num("dl_vlan_pcp", U8);
  spec.dlType = num("dl_type", U16);
  spec.nwTos = num("nw_tos", U8);
  spec.nwProto = num("nw_proto", U8);
  spec.tpSrc = num("tp_src", U16);
  spec.tpDst = num("tp_dst", U16);
  const srcMask = c.at("nw_src_mask").optInt(32, 0, 32);
  const dstMask = c.at("nw_dst_mask").optInt(32, 0, 32);
  if (c.at("nw_src").present) spec.nwSrc = `${ipv4(c.at("nw_src"))}/${srcMask}`;
  if (c.at("nw_dst").present) spec.nwDst = `${ipv4(c.at("nw_dst"))}/${dstMask}`;
  const m = of10.match(spec);
  if (c.at("wildcards").present) m.wildcards = c.at("wildcards").int(0, U32);
  return m;
}

function checkType(c: JsonCursor, expected: number): void {
  const t = c.at("type");
  if (t.present && t.int(0, U16) !== expected) {
    t.fail(`Expected type ${expected} for this class, got ${describeJson(t.value)}`);
  }
  if (c.at("len").present) c.at("len").int(0, U16);
}

/** Reads one `{"OFPAction...": {...}}` of OpenFlow 1.0. */
export function readAction10(cur: JsonCursor, ports: Readonly<RyuPorts>): Of10Action {
  const [name, c] = cur.tagged();
  const T = of10.OFPAT;
  const one = (key: string, type: number): JsonCursor => {
    c.object([key, "type", "len"]);
    checkType(c, type);
    if (!c.at(key).present) c.at(key).fail(`Expected "${key}", got none`);
    return c.at(key);
  };
  switch (name) {
    case "OFPActionOutput":
      c.object(["port", "max_len", "type", "len"]);
      checkType(c, T.OUTPUT);
      return of10.output(
        readPort(c.at("port"), ports, U16),
        c.at("max_len").optInt(0xffe5, 0, U16),
      );
    case "OFPActionVlanVid":
      return of10.setVlanVid(one("vlan_vid", T.SET_VLAN_VID).int(0, U16));
    case "OFPActionVlanPcp":
      return of10.setVlanPcp(one("vlan_pcp", T.SET_VLAN_PCP).int(0, U8));
    case "OFPActionStripVlan":
      c.object(["type", "len"]);
      checkType(c, T.STRIP_VLAN);
      return of10.stripVlan();
    case "OFPActionSetDlSrc":
      return of10.setDlSrc(mac(one("dl_addr", T.SET_DL_SRC)));
    case "OFPActionSetDlDst":
      return of10.setDlDst(mac(one("dl_addr", T.SET_DL_DST)));
    case "OFPActionSetNwSrc":
      return of10.setNwSrc(ipv4(one("nw_addr", T.SET_NW_SRC)));
    case "OFPActionSetNwDst":
      return of10.setNwDst(ipv4(one("nw_addr", T.SET_NW_DST)));
    case "OFPActionSetNwTos":
      return of10.setNwTos(one("tos", T.SET_NW_TOS).int(0, U8));
    case "OFPActionSetTpSrc":
      return of10.setTpSrc(one("tp", T.SET_TP_SRC).int(0, U16));
    case "OFPActionSetTpDst":
      return of10.setTpDst(one("tp", T.SET_TP_DST).int(0, U16));
    case "OFPActionEnqueue":
      c.object(["port", "queue_id", "type", "len"]);
      checkType(c, T.ENQUEUE);
      return of10.enqueue(readPort(c.at("port"), ports, U16), c.at("queue_id").int(0, U32));
    default:
      return cur.fail(`Unknown OpenFlow 1.0 action class "${name}"`);
  }
}
